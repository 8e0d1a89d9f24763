package dev.hypervisor.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void addsAndSubtractsExactly() {
        Resources a = Resources.of("1500m", "1Gi", 1);
        Resources b = Resources.of("500m", "512Mi", 0);

        assertThat(a.plus(b)).isEqualTo(Resources.of("2", "1536Mi", 1));
        assertThat(a.minus(b)).isEqualTo(Resources.of("1", "512Mi", 1));
    }

    @Test
    void refusesToGoNegative() {
        assertThatThrownBy(() -> Resources.of("1", "1Gi", 0).minus(Resources.of("2", "1Gi", 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resources(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToOverflow() {
        Resources huge = new Resources(Long.MAX_VALUE, 0, 0);
        assertThatThrownBy(() -> huge.plus(new Resources(1, 0, 0))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void fitsOnlyWhenEveryAmountFits() {
        Resources capacity = Resources.of("4", "16Gi", 2);

        assertThat(Resources.of("4", "16Gi", 2).fitsWithin(capacity)).isTrue();
        assertThat(Resources.of("4001m", "1Gi", 0).fitsWithin(capacity)).isFalse();
        assertThat(Resources.of("1", "17Gi", 0).fitsWithin(capacity)).isFalse();
        assertThat(Resources.of("1", "1Gi", 3).fitsWithin(capacity)).isFalse();
    }

    @Test
    void shortfallNamesOnlyWhatIsMissing() {
        Resources available = Resources.of("2", "8Gi", 0);

        assertThat(Resources.of("3", "4Gi", 2).shortfall(available)).isEqualTo(Resources.of("1", "0", 2));
        assertThat(Resources.of("1", "1Gi", 0).shortfall(available).isZero()).isTrue();
    }

    @Test
    void describesItselfInCanonicalQuantities() {
        Resources resources = Resources.of("1.5", "1.5Gi", 1);

        assertThat(resources.cpu()).isEqualTo("1500m");
        assertThat(resources.memory()).isEqualTo("1536Mi");
    }
}

package dev.hypervisor.common.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class QuantityPropertiesTest {

    @Property
    void everyCpuAmountSurvivesARoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long millis) {
        assertThat(Quantity.parseCpuMillis(Quantity.formatCpu(millis))).isEqualTo(millis);
    }

    @Property
    void everyByteAmountSurvivesARoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bytes) {
        assertThat(Quantity.parseBytes(Quantity.formatBytes(bytes))).isEqualTo(bytes);
    }

    @Property
    void amountsWithSuffixesSurviveARoundTrip(@ForAll("suffixedBytes") long bytes) {
        assertThat(Quantity.parseBytes(Quantity.formatBytes(bytes))).isEqualTo(bytes);
    }

    @Property
    void theCanonicalFormIsNeverLongerThanPlainDigits(@ForAll("suffixedBytes") long bytes) {
        assertThat(Quantity.formatBytes(bytes).length()).isLessThanOrEqualTo(Long.toString(bytes).length());
    }

    @Property
    void anyWrittenQuantityMeansWhatItSays(@ForAll("quantityText") String text) {
        BigDecimal exact = Quantity.parse(text);
        if (exact.stripTrailingZeros().scale() <= 0 && exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            long bytes = Quantity.parseBytes(text);
            assertThat(BigDecimal.valueOf(bytes)).isEqualByComparingTo(exact);
            assertThat(Quantity.parseBytes(Quantity.formatBytes(bytes))).isEqualTo(bytes);
        }
    }

    /** Amounts that are multiples of a unit, as people size memory: 3Gi, 250M, 1536Mi. */
    @Provide
    Arbitrary<Long> suffixedBytes() {
        Arbitrary<Long> units = Arbitraries.of(1L, 1000L, 1024L, 1_000_000L, 1L << 20, 1_000_000_000L, 1L << 30,
                1L << 40);
        return Combinators.combine(Arbitraries.longs().between(0, 1_000_000), units).as((n, unit) -> n * unit);
    }

    @Provide
    Arbitrary<String> quantityText() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(3)
                .map(f -> f.isEmpty() ? "" : "." + f);
        Arbitrary<String> suffix = Arbitraries.of("", "k", "M", "G", "Ki", "Mi", "Gi", "Ti", "e3", "e-2");
        return Combinators.combine(digits, fraction, suffix).as((d, f, s) -> d + f + s);
    }
}

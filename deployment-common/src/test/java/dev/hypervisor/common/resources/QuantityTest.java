package dev.hypervisor.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "cpu {0} is {1}m")
    @CsvSource({
            "500m, 500",
            "1.5, 1500",
            "2, 2000",
            "0, 0",
            "0.1, 100",
            ".5, 500",
            "1., 1000",
            "+3, 3000",
            "1e3, 1000000",
            "15e-1, 1500",
            "2500m, 2500",
            "1k, 1000000",
            "0.001, 1",
            "1.000, 1000",
    })
    void readsCpuAsMillicores(String text, long millis) {
        assertThat(Quantity.parseCpuMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "memory {0} is {1} bytes")
    @CsvSource({
            "16Gi, 17179869184",
            "1G, 1000000000",
            "1536Mi, 1610612736",
            "1.5Gi, 1610612736",
            "512Mi, 536870912",
            "1Ki, 1024",
            "1k, 1000",
            "1048576, 1048576",
            "0, 0",
            "1e9, 1000000000",
            "1Ti, 1099511627776",
            "1Ei, 1152921504606846976",
            "7E, 7000000000000000000",
            "2000m, 2",
            "9223372036854775807, 9223372036854775807",
    })
    void readsMemoryAsBytes(String text, long bytes) {
        assertThat(Quantity.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "-1", "-500m", "abc", "1.5.2", "1 Gi", " 1Gi", "1gi", "1GB", "Gi", "1Gii", "1e",
            "1e+", "NaN", "Infinity", "0x10", "1_000", "٣", "1e31", "1e-31", "1e99999999999",
            "12345678901234567890123456789012345678901234567890"})
    void refusesWhatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parseBytes(text)).isInstanceOf(QuantityException.class);
        assertThatThrownBy(() -> Quantity.parseCpuMillis(text)).isInstanceOf(QuantityException.class);
    }

    @ParameterizedTest(name = "cpu \"{0}\" is refused: {1}")
    @CsvSource({
            "0.0001, is finer than 1m",
            "0.5m, is finer than 1m",
            "-1, is negative",
            "9223372036854775807, is too large",
            "abc, is not a quantity",
    })
    void explainsWhyACpuQuantityIsRefused(String text, String reason) {
        assertThatThrownBy(() -> Quantity.parseCpuMillis(text))
                .isInstanceOf(QuantityException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "memory \"{0}\" is refused: {1}")
    @CsvSource({
            "0.5, is not a whole number of bytes",
            "500m, is not a whole number of bytes",
            "1.0000000001Ki, is not a whole number of bytes",
            "8Ei, is too large",
            "9223372036854775808, is too large",
    })
    void explainsWhyAByteQuantityIsRefused(String text, String reason) {
        assertThatThrownBy(() -> Quantity.parseBytes(text))
                .isInstanceOf(QuantityException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}m is written {1}")
    @CsvSource({"0, 0", "1, 1m", "500, 500m", "1000, 1", "1500, 1500m", "64000, 64"})
    void writesCpuCanonically(long millis, String text) {
        assertThat(Quantity.formatCpu(millis)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} bytes are written {1}")
    @CsvSource({
            "0, 0",
            "100, 100",
            "1000, 1k",
            "1024, 1Ki",
            "1610612736, 1536Mi",
            "1000000000, 1G",
            "2000000000, 2G",
            "1073741824, 1Gi",
            "17179869184, 16Gi",
            "1024000, 1024k",
            "1000001, 1000001",
            "9223372036854775807, 9223372036854775807",
    })
    void writesBytesInTheShortestExactForm(long bytes, String text) {
        assertThat(Quantity.formatBytes(bytes)).isEqualTo(text);
    }
}

package dev.hypervisor.cluster.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypervisor.common.resources.QuantityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeUnitsTest {

    @ParameterizedTest
    @CsvSource({
            "1GB, 1000000000",
            "1GiB, 1073741824",
            "1 GiB, 1073741824",
            "1Gi, 1073741824",
            "1G, 1000000000",
            "1.5 KiB, 1536",
            "500 MB, 500000000",
            "10TiB, 10995116277760",
            "1kB, 1000",
            "1KB, 1000",
            "512B, 512",
            "4096, 4096",
            "'  2 GiB ', 2147483648"})
    void readsEveryUnitOfTheCatalogAndKubernetesQuantities(String text, long bytes) {
        assertThat(SizeUnits.parseBytes(text)).isEqualTo(bytes);
    }

    @Test
    void gigabytesAndGibibytesAreNeverConfused() {
        assertThat(SizeUnits.parseBytes("100GiB") - SizeUnits.parseBytes("100GB")).isEqualTo(7_374_182_400L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GB", "1.5B", "0.1 KB x", "-1GiB", "1 XB", "1gib", "ten GB", "1e400",
            "9999999999999 PiB", "1 G B"})
    void refusesWhatIsNotAWholeNumberOfBytesInAKnownUnit(String text) {
        assertThatThrownBy(() -> SizeUnits.parseBytes(text)).isInstanceOf(QuantityException.class);
    }

    @Test
    void everyCatalogUnitReadsAsItsFactor() {
        SizeUnits.CATALOG.forEach(unit -> assertThat(SizeUnits.parseBytes("1" + unit.name()))
                .as(unit.name()).isEqualTo(unit.factor()));
    }
}

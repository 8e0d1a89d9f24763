package dev.hypervisor.cluster.inventory.domain;

import dev.hypervisor.common.resources.Quantity;
import dev.hypervisor.common.resources.QuantityException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units sizes may be written in, and sizes read into exact byte counts. Besides Kubernetes quantities
 * ({@code "500Gi"}, {@code "1G"}) and plain byte counts, sizes may name a unit of the catalog: {@code "500 GiB"}
 * is 500 × 2^30 bytes, {@code "500 GB"} is 500 × 10^9; the two are never confused. Anything finer than a byte,
 * negative, beyond a 64-bit count or in an unknown unit is refused, never rounded.
 */
public final class SizeUnits {

    /** A unit of the catalog: its name and how many bytes one of it is. */
    public record Unit(String name, long factor) {
    }

    /** Every accepted unit, smallest first within each family. */
    public static final List<Unit> CATALOG = List.of(
            new Unit("B", 1L),
            new Unit("KB", 1_000L), new Unit("MB", 1_000_000L), new Unit("GB", 1_000_000_000L),
            new Unit("TB", 1_000_000_000_000L), new Unit("PB", 1_000_000_000_000_000L),
            new Unit("KiB", 1L << 10), new Unit("MiB", 1L << 20), new Unit("GiB", 1L << 30),
            new Unit("TiB", 1L << 40), new Unit("PiB", 1L << 50));

    /** Each catalog unit as the Kubernetes suffix of the same factor. */
    private static final Map<String, String> SUFFIXES = Map.ofEntries(
            Map.entry("B", ""), Map.entry("KB", "k"), Map.entry("kB", "k"), Map.entry("MB", "M"),
            Map.entry("GB", "G"), Map.entry("TB", "T"), Map.entry("PB", "P"), Map.entry("KiB", "Ki"),
            Map.entry("MiB", "Mi"), Map.entry("GiB", "Gi"), Map.entry("TiB", "Ti"), Map.entry("PiB", "Pi"));

    private static final Pattern WITH_UNIT = Pattern.compile("([0-9.]+)\\s*([A-Za-z]*B)");

    private SizeUnits() {
    }

    /** The byte count of a size; a {@link QuantityException} says what is wrong. */
    public static long parseBytes(String text) {
        String trimmed = text == null ? null : text.strip();
        if (trimmed != null) {
            Matcher withUnit = WITH_UNIT.matcher(trimmed);
            if (withUnit.matches()) {
                String suffix = SUFFIXES.get(withUnit.group(2));
                if (suffix == null) {
                    throw new QuantityException(text,
                            "names no known unit (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB or PiB)");
                }
                return Quantity.parseBytes(withUnit.group(1) + suffix);
            }
        }
        return Quantity.parseBytes(trimmed);
    }
}

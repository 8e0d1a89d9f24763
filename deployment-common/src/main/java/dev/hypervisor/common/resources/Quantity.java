package dev.hypervisor.common.resources;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes quantity strings ({@code "500m"}, {@code "1.5"}, {@code "16Gi"}, {@code "1G"}, {@code "2e3"}) read
 * into exact integers of a base unit, and integers written back in one canonical form.
 *
 * <p>Everything the system stores is an integer in a base unit (millicores, bytes), so arithmetic is exact and
 * a quantity never drifts through rounding. Parsing goes through {@link BigDecimal} and refuses anything that is
 * not a whole number of the base unit instead of rounding it: a CPU request of {@code "0.0001"} is an error, not
 * {@code 1m}. Negative quantities are refused too; nothing in the system is measured below zero.
 */
public final class Quantity {

    /** Longer input is refused before it is parsed: no real quantity needs it. */
    private static final int MAX_LENGTH = 40;
    /** Bounds a decimal exponent so that {@code "1e999999999"} is refused cheaply. */
    private static final int MAX_EXPONENT = 30;

    private static final Pattern SYNTAX = Pattern.compile(
            "\\+?(?<number>[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)"
                    + "(?:(?<exponent>[eE][+-]?[0-9]+)|(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?");

    private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL_SUFFIXES = {"k", "M", "G", "T", "P", "E"};

    private Quantity() {
    }

    /** Reads a CPU quantity ({@code "2"}, {@code "1.5"}, {@code "500m"}) as millicores. */
    public static long parseCpuMillis(String text) {
        BigDecimal millis = parse(text).movePointRight(3);
        if (!isWhole(millis)) {
            throw new QuantityException(text, "is finer than 1m (a thousandth of a CPU)");
        }
        return toLong(millis, text);
    }

    /** Reads a memory or storage quantity ({@code "16Gi"}, {@code "1G"}, {@code "1048576"}) as bytes. */
    public static long parseBytes(String text) {
        BigDecimal bytes = parse(text);
        if (!isWhole(bytes)) {
            throw new QuantityException(text, "is not a whole number of bytes");
        }
        return toLong(bytes, text);
    }

    /** Writes millicores as whole cores when they are whole ({@code "4"}), else as millicores ({@code "1500m"}). */
    public static String formatCpu(long millis) {
        requireNotNegative(millis);
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /**
     * Writes bytes in the shortest exact form: a binary suffix ({@code "1536Mi"}), a decimal one ({@code "1G"}),
     * or plain bytes. On a tie the binary form wins, as memory is usually sized in powers of two.
     */
    public static String formatBytes(long bytes) {
        requireNotNegative(bytes);
        if (bytes == 0) {
            return "0";
        }
        String best = Long.toString(bytes);
        String decimal = withLargestSuffix(bytes, 1000, DECIMAL_SUFFIXES);
        if (decimal.length() < best.length()) {
            best = decimal;
        }
        String binary = withLargestSuffix(bytes, 1024, BINARY_SUFFIXES);
        if (binary.length() <= best.length()) {
            best = binary;
        }
        return best;
    }

    private static String withLargestSuffix(long value, long base, String[] suffixes) {
        long mantissa = value;
        int power = 0;
        while (power < suffixes.length && mantissa % base == 0) {
            mantissa /= base;
            power++;
        }
        return power == 0 ? Long.toString(value) : mantissa + suffixes[power - 1];
    }

    /** The exact value of a quantity string, in the unit the string is written in (cores, bytes). */
    static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QuantityException(text, "is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuantityException(text.substring(0, MAX_LENGTH) + "...", "is too long to be a quantity");
        }
        if (text.startsWith("-")) {
            throw new QuantityException(text, "is negative");
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new QuantityException(text,
                    "is not a quantity (write it like 500m, 1.5, 16Gi, 1G or 1536Mi)");
        }
        String number = matcher.group("number");
        BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number);
        String exponent = matcher.group("exponent");
        if (exponent != null) {
            int power = parseExponent(exponent.substring(1), text);
            return value.scaleByPowerOfTen(power);
        }
        String suffix = matcher.group("suffix");
        return suffix == null ? value : value.multiply(multiplier(suffix));
    }

    private static int parseExponent(String digits, String text) {
        try {
            int power = Integer.parseInt(digits);
            if (Math.abs(power) <= MAX_EXPONENT) {
                return power;
            }
        } catch (NumberFormatException tooLong) {
            // falls through to the same answer as any other exponent out of range
        }
        throw new QuantityException(text, "has an exponent outside -" + MAX_EXPONENT + ".." + MAX_EXPONENT);
    }

    private static BigDecimal multiplier(String suffix) {
        return switch (suffix) {
            case "m" -> new BigDecimal("0.001");
            case "k" -> BigDecimal.TEN.pow(3);
            case "M" -> BigDecimal.TEN.pow(6);
            case "G" -> BigDecimal.TEN.pow(9);
            case "T" -> BigDecimal.TEN.pow(12);
            case "P" -> BigDecimal.TEN.pow(15);
            case "E" -> BigDecimal.TEN.pow(18);
            case "Ki" -> new BigDecimal(BigInteger.TWO.pow(10));
            case "Mi" -> new BigDecimal(BigInteger.TWO.pow(20));
            case "Gi" -> new BigDecimal(BigInteger.TWO.pow(30));
            case "Ti" -> new BigDecimal(BigInteger.TWO.pow(40));
            case "Pi" -> new BigDecimal(BigInteger.TWO.pow(50));
            case "Ei" -> new BigDecimal(BigInteger.TWO.pow(60));
            default -> throw new IllegalStateException("suffix accepted by the pattern but unknown: " + suffix);
        };
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static long toLong(BigDecimal whole, String text) {
        try {
            return whole.longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new QuantityException(text, "is too large");
        }
    }

    private static void requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("quantities are never negative: " + value);
        }
    }
}

package dev.hypervisor.cluster.inventory.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address as a number of 32 or 128 bits, so that subnets can do arithmetic on it. Only literal
 * addresses are read: text that is not one is refused without ever asking a name server.
 */
public record IpAddress(BigInteger value, int bits) implements Comparable<IpAddress> {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public IpAddress {
        if (bits != 32 && bits != 128) {
            throw new IllegalArgumentException("an address has 32 or 128 bits");
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException("out of range for " + bits + " bits");
        }
    }

    /** The address the text writes; {@link IllegalArgumentException} saying why when it writes none. */
    public static IpAddress parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (IPV4.matcher(trimmed).matches()) {
            BigInteger value = BigInteger.ZERO;
            for (String part : trimmed.split("\\.")) {
                int octet = Integer.parseInt(part);
                if (octet > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
                }
                value = value.shiftLeft(8).or(BigInteger.valueOf(octet));
            }
            return new IpAddress(value, 32);
        }
        if (trimmed.contains(":") && trimmed.length() <= 45 && trimmed.matches("[0-9A-Fa-f:.]+")) {
            try {
                byte[] bytes = InetAddress.getByName(trimmed).getAddress();
                if (bytes.length == 16) {
                    return new IpAddress(new BigInteger(1, bytes), 128);
                }
            } catch (UnknownHostException e) {
                // not a literal IPv6 address: refused below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }

    public boolean isIpv4() {
        return bits == 32;
    }

    public IpAddress plus(long delta) {
        return new IpAddress(value.add(BigInteger.valueOf(delta)), bits);
    }

    @Override
    public int compareTo(IpAddress other) {
        return value.compareTo(other.value);
    }

    /** The canonical text: dotted quad, or IPv6 as {@link InetAddress} writes it (zeros compressed by PostgreSQL). */
    @Override
    public String toString() {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

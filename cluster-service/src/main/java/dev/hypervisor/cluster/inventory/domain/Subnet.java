package dev.hypervisor.cluster.inventory.domain;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A range of addresses, {@code network/prefix}. Its hosts are every address in it but the network address and
 * the last (broadcast) one, except in the tiny subnets where those are all there is: /31 and /32 (IPv4), /127
 * and /128 (IPv6) use every address.
 */
public record Subnet(IpAddress network, int prefix) {

    public Subnet {
        if (prefix < 0 || prefix > network.bits()) {
            throw new IllegalArgumentException("a prefix of /" + prefix + " does not fit " + network.bits() + " bits");
        }
        if (!network.value().and(hostMask(network.bits(), prefix)).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException(network + "/" + prefix + " has host bits set; the network is "
                    + new IpAddress(network.value().andNot(hostMask(network.bits(), prefix)), network.bits()) + "/"
                    + prefix);
        }
    }

    /** Reads {@code "10.0.0.0/24"} or {@code "2001:db8::/64"}. */
    public static Subnet parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0 || !trimmed.substring(slash + 1).matches("\\d{1,3}")) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range such as 10.0.0.0/24");
        }
        return new Subnet(IpAddress.parse(trimmed.substring(0, slash)), Integer.parseInt(trimmed.substring(slash + 1)));
    }

    public boolean contains(IpAddress address) {
        return address.bits() == network.bits() && address.value().andNot(hostMask(network.bits(), prefix))
                .equals(network.value());
    }

    /** The lowest address a host may have. */
    public IpAddress firstHost() {
        return everyAddressIsAHost() ? network : network.plus(1);
    }

    /** The highest address a host may have. */
    public IpAddress lastHost() {
        IpAddress last = new IpAddress(network.value().or(hostMask(network.bits(), prefix)), network.bits());
        return everyAddressIsAHost() ? last : last.plus(-1);
    }

    /** Why the address may not be a host of this subnet, or empty when it may. */
    public Optional<String> refusal(IpAddress address) {
        if (address.bits() != network.bits()) {
            return Optional.of(address + " is not an " + (network.isIpv4() ? "IPv4" : "IPv6") + " address");
        }
        if (!contains(address)) {
            return Optional.of(address + " is not in " + this);
        }
        if (address.compareTo(firstHost()) < 0) {
            return Optional.of(address + " is the network address of " + this);
        }
        if (address.compareTo(lastHost()) > 0) {
            return Optional.of(address + " is the broadcast address of " + this);
        }
        return Optional.empty();
    }

    /** The lowest host address not among those taken; empty when every one is. */
    public Optional<IpAddress> lowestFree(Collection<IpAddress> taken) {
        IpAddress candidate = firstHost();
        Iterator<IpAddress> used = new TreeSet<>(taken).iterator();
        while (used.hasNext()) {
            IpAddress next = used.next();
            if (next.compareTo(candidate) == 0) {
                candidate = candidate.plus(1);
            } else if (next.compareTo(candidate) > 0) {
                break;
            }
        }
        return candidate.compareTo(lastHost()) <= 0 ? Optional.of(candidate) : Optional.empty();
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }

    private boolean everyAddressIsAHost() {
        return network.bits() - prefix <= 1;
    }

    private static BigInteger hostMask(int bits, int prefix) {
        return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    }
}

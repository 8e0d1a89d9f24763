package dev.hypervisor.cluster.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    @Test
    void hostsExcludeTheNetworkAndBroadcastAddresses() {
        Subnet subnet = Subnet.parse("10.0.0.0/24");
        assertThat(subnet.firstHost()).hasToString("10.0.0.1");
        assertThat(subnet.lastHost()).hasToString("10.0.0.254");
        assertThat(subnet.refusal(ip("10.0.0.0"))).hasValueSatisfying(why -> assertThat(why).contains("network"));
        assertThat(subnet.refusal(ip("10.0.0.255"))).hasValueSatisfying(why -> assertThat(why).contains("broadcast"));
        assertThat(subnet.refusal(ip("10.0.1.1"))).hasValueSatisfying(why -> assertThat(why).contains("not in"));
        assertThat(subnet.refusal(ip("2001:db8::1"))).hasValueSatisfying(why -> assertThat(why).contains("IPv4"));
        assertThat(subnet.refusal(ip("10.0.0.77"))).isEmpty();
    }

    @Test
    void theTiniestSubnetsUseEveryAddress() {
        assertThat(Stream.of("10.0.0.0/31", "10.0.0.7/32", "2001:db8::/127", "2001:db8::5/128")
                .map(Subnet::parse).map(subnet -> subnet.refusal(subnet.network()))).allMatch(Optional::isEmpty);
        Subnet pair = Subnet.parse("10.0.0.0/31");
        assertThat(pair.lastHost()).hasToString("10.0.0.1");
    }

    @Test
    void ipv6SubnetsWorkTheSameWay() {
        Subnet subnet = Subnet.parse("2001:db8::/64");
        assertThat(subnet.firstHost()).isEqualTo(ip("2001:db8::1"));
        assertThat(subnet.lastHost()).isEqualTo(ip("2001:db8::ffff:ffff:ffff:fffe"));
        assertThat(subnet.contains(ip("2001:db8::abcd"))).isTrue();
        assertThat(subnet.contains(ip("2001:db9::1"))).isFalse();
    }

    @Test
    void theLowestFreeAddressFillsGapsFirstAndRunsOut() {
        Subnet subnet = Subnet.parse("192.168.1.0/29"); // hosts .1 to .6
        assertThat(subnet.lowestFree(List.of())).contains(ip("192.168.1.1"));
        assertThat(subnet.lowestFree(List.of(ip("192.168.1.1"), ip("192.168.1.2"), ip("192.168.1.4"))))
                .contains(ip("192.168.1.3"));
        assertThat(subnet.lowestFree(Stream.of(1, 2, 3, 4, 5, 6).map(i -> ip("192.168.1." + i)).toList())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/24", "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "256.0.0.0/8", "host.example/24",
            "2001:db8::1/64", "2001:db8::/129", "", "10.0.0.0/24/1", "010.0.0.0/8"})
    void refusesWhatIsNotANetwork(String text) {
        assertThatThrownBy(() -> Subnet.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3", "1.2.3.4.5", "::g", "1.2.3.256", "localhost", " "})
    void readsOnlyLiteralAddresses(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.amends.resolution.service;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationRuleTest {

    private final DestinationRule production = new DestinationRule(false);
    private final DestinationRule localStack = new DestinationRule(true);

    @Test
    void refusesLoopbackLinkLocalAndPrivateAddresses() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"}) {
            assertThat(DestinationRule.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : new String[] {"93.184.216.34", "100.128.0.1", "2606:4700::1111", "172.32.0.1"}) {
            assertThat(DestinationRule.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void refusesUrlsThatAreNotHttpsCarryCredentialsOrAreTooLong() {
        assertThat(production.problem("http://93.184.216.34/hook")).contains("must be https");
        assertThat(production.problem("ftp://93.184.216.34/hook")).contains("must be https");
        assertThat(production.problem("https://user:secret@93.184.216.34/hook")).contains("must not carry credentials");
        assertThat(production.problem("https://93.184.216.34/" + "a".repeat(2000))).get().asString().contains("2000");
        assertThat(production.problem("/relative")).contains("must be an absolute URL with a host");
        assertThat(production.problem("https://93.184.216.34/hook")).isEmpty();
    }

    @Test
    void refusesAHostThatResolvesToAPrivateAddressUnlessTheOperatorAllowsIt() {
        assertThat(production.problem("https://localhost:8443/hook"))
                .contains("must not connect to a loopback, link-local or private address");
        assertThat(production.problem("https://[::1]/hook"))
                .contains("must not connect to a loopback, link-local or private address");
        assertThat(localStack.problem("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(localStack.problem("ftp://127.0.0.1/hook")).contains("must be http or https");
    }

    @Test
    void connectsOnlyToAnAllowedAddress() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");

        assertThat(production.connectable(new InetAddress[] {loopback, publicAddress})).contains(publicAddress);
        assertThat(production.connectable(new InetAddress[] {loopback})).isEmpty();
        assertThat(localStack.connectable(new InetAddress[] {loopback})).contains(loopback);
    }
}

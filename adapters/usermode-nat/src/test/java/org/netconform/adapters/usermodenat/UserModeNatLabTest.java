package org.netconform.adapters.usermodenat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netconform.netlab.env.OwnerMarker;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;
import org.netconform.spi.Target;
import org.netconform.spi.nat.Delivery;
import org.netconform.spi.nat.NatAdapter;
import org.netconform.spi.nat.NatEndpoint;
import org.netconform.spi.nat.NatLabOptions;
import org.netconform.spi.nat.TcpOutcome;

/** Each user-mode NAT translates an outbound datagram, and closing its lab leaves nothing behind. */
@Tag("netns")
class UserModeNatLabTest {
    static NatAdapter adapter(String id) {
        Target t = id.equals("pasta") ? new UserModeNatTarget.Pasta() : new UserModeNatTarget.Slirp4netns();
        NatAdapter a = t.adapter(NatAdapter.class).orElseThrow();
        assumeTrue(a.unavailableReason().isEmpty(), () -> id + ": " + a.unavailableReason().get());
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "pasta"})
    void anOutboundDatagramLeavesFromTheExternalAddressAndTheLabCleansUp(String id) {
        NatAdapter adapter = adapter(id);
        UserModeLab lab = (UserModeLab) adapter.open(NatLabOptions.defaults());
        List<String> namespaces = lab.namespaces();
        long natPid = lab.natPid();
        try {
            assertThat(namespacesNow()).containsAll(namespaces);
            assertThat(OwnerMarker.exists(lab.id())).isTrue();
            NatEndpoint server = NatEndpoint.of("203.0.113.100", 3478);
            Delivery d = lab.udp(NatEndpoint.of("198.51.100.10", 40000), server).orElseThrow();
            assertThat(d.receivedAt()).isEqualTo(server);
            assertThat(d.seenSource().address()).isEqualTo("203.0.113.1");
            assertThat(lab.describeTable()).contains(":" + d.seenSource().port());
        } finally {
            lab.close();
        }
        assertThat(ProcessHandle.of(natPid).map(ProcessHandle::isAlive).orElse(false)).as("the lab's NAT process")
                .isFalse();
        // the namespaces and agents wait for the next lab until the pool is shut down (at exit)
        UserModeEnvironments.shutdown();
        assertThat(namespacesNow()).doesNotContainAnyElementsOf(namespaces);
        assertThat(OwnerMarker.exists(lab.id())).as("the owner marker").isFalse();
        assertThat(ProcessHandle.of(natPid).map(ProcessHandle::isAlive).orElse(false)).as("the NAT process").isFalse();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).as("processes left").isZero();
        lab.close(); // twice is harmless
    }

    /** A second lab reuses the first one's namespaces and agents, with a NAT process of its own and an empty table. */
    @ParameterizedTest
    @ValueSource(strings = {"slirp4netns", "pasta"})
    void theNextLabReusesTheNamespacesWithANewNat(String id) {
        NatAdapter adapter = adapter(id);
        NatEndpoint inside = NatEndpoint.of("198.51.100.10", 40000);
        NatEndpoint server = NatEndpoint.of("203.0.113.100", 3478);
        String firstId;
        long firstNat;
        try (UserModeLab first = (UserModeLab) adapter.open(NatLabOptions.defaults())) {
            firstId = first.id();
            firstNat = first.natPid();
            assertThat(first.udp(inside, server)).isPresent();
            assertThat(first.tcpConnect(NatEndpoint.of("198.51.100.10", 40001), server).kind())
                    .isEqualTo(TcpOutcome.Kind.ESTABLISHED);
        }
        try (UserModeLab second = (UserModeLab) adapter.open(NatLabOptions.defaults())) {
            assertThat(second.id()).as("the same namespaces").isEqualTo(firstId);
            assertThat(second.natPid()).as("a NAT process of its own").isNotEqualTo(firstNat);
            assertThat(second.describeTable()).as("nothing of the first lab's flows").doesNotContain(":40000 ");
            assertThat(second.udp(inside, server)).as("the same inside port, through the new NAT").isPresent();
            assertThat(second.tcpConnect(NatEndpoint.of("198.51.100.10", 40001), server).kind())
                    .as("the same four-tuple again, no TIME_WAIT in the way").isEqualTo(TcpOutcome.Kind.ESTABLISHED);
        } finally {
            UserModeEnvironments.shutdown();
        }
    }

    static List<String> namespacesNow() {
        return StaleSweeper.namespaces(Tools.require());
    }
}

package org.netconform.netlab.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.NetLab;
import org.netconform.netlab.env.StaleSweeper;
import org.netconform.netlab.env.Tools;
import org.netconform.netlab.nat.Masquerade;
import org.netconform.netlab.nat.MasqueradeRandom;

/** A pair lab routes each peer through its own NAT to the middle, and leaves nothing behind. */
class PairLabTest {

    private static void assumeAvailable() {
        Optional<String> reason = NetLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "namespace labs unavailable: " + reason.orElse(""));
    }

    /** Datagrams to a closed port of the middle: its UDP NoPorts counter (per namespace) counts arrivals. */
    private static long noPorts(PairLab lab) {
        String snmp = lab.run(PairHost.MIDDLE, "cat", "/proc/net/snmp").orThrow().out();
        String[] lines = snmp.lines().filter(l -> l.startsWith("Udp:")).toArray(String[]::new);
        String[] keys = lines[0].split("\\s+");
        String[] values = lines[1].split("\\s+");
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals("NoPorts")) {
                return Long.parseLong(values[i]);
            }
        }
        throw new AssertionError("no NoPorts in " + snmp);
    }

    private static void send(PairLab lab, PairHost from, String to) {
        // bash's /dev/udp: no helper program needed in the namespace
        lab.run(from, "bash", "-c", "exec 3<>/dev/udp/" + to + "/9 && echo x >&3", "--").orThrow();
    }

    @Test
    void eachPeerReachesTheMiddleThroughItsOwnNat() {
        assumeAvailable();
        String prefix;
        try (PairLab lab = PairLab.open(PairLayout.DIFFERENT_NATS, Masquerade.asShipped(), new MasqueradeRandom())) {
            prefix = lab.prefix();
            long before = noPorts(lab);
            send(lab, PairHost.A, PairLayout.STUN_PRIMARY);
            send(lab, PairHost.B, PairLayout.RENDEZVOUS);
            assertThat(noPorts(lab)).isEqualTo(before + 2);
            assertThat(lab.conntrack(PairHost.ROUTER_A)).contains("src=198.51.100.10 dst=203.0.113.100")
                    .contains("dst=203.0.113.1 ");
            assertThat(lab.conntrack(PairHost.ROUTER_B)).contains("src=192.0.2.10 dst=203.0.113.200")
                    .contains("dst=203.0.113.2 ");
            assertThat(lab.describe(PairHost.ROUTER_B)).contains("masquerade random");
        }
        assertThat(StaleSweeper.namespaces(Tools.require())).noneMatch(n -> n.startsWith(prefix));
    }

    @Test
    void bothPeersBehindOneNatOrOnePublic() {
        assumeAvailable();
        try (PairLab lab = PairLab.open(PairLayout.SAME_NAT, Masquerade.asShipped(), null)) {
            send(lab, PairHost.B, PairLayout.STUN_PRIMARY);
            assertThat(lab.conntrack(PairHost.ROUTER_A)).contains("src=198.51.100.11 dst=203.0.113.100");
        }
        try (PairLab lab = PairLab.open(PairLayout.A_PUBLIC, null, Masquerade.asShipped())) {
            long before = noPorts(lab);
            send(lab, PairHost.A, PairLayout.RENDEZVOUS);
            assertThat(noPorts(lab)).isEqualTo(before + 1);
        }
    }

    @Test
    void aProcessStillRunningIsKilledWhenTheLabCloses() throws Exception {
        assumeAvailable();
        Process p;
        try (PairLab lab = PairLab.open(PairLayout.SAME_NAT, Masquerade.asShipped(), null)) {
            p = lab.exec(PairHost.A, "sleep", "60");
            assertThat(p.isAlive()).isTrue();
        }
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}

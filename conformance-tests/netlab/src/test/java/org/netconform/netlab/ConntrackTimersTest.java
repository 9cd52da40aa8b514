package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;

/** Timer overrides are the router namespace's conntrack sysctls, and a later lab gets the defaults back. */
class ConntrackTimersTest {

    @Test
    void aShortUdpTimerExpiresTheMapping() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults().withUdpIdle(Duration.ofSeconds(2)))) {
            lab.udp(ep(IN0, 45000), ep(SERVER, 3478)).orElseThrow();
            assertThat(secondsLeft(lab.conntrackTable(), "udp", 45000)).isLessThanOrEqualTo(2);
            lab.advance(Duration.ofMillis(3000));
            assertThat(lab.conntrackTable()).doesNotContain("sport=45000");
            assertThat(lab.udp(ep(SERVER, 3478), external(45000))).as("the reply after expiry").isEmpty();
        }
    }

    @Test
    void tcpTimersAreSetAndTheDefaultsComeBack() {
        assumeAvailable();
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(),
                Timers.kernelDefaults().withTcp(Duration.ofSeconds(3), Duration.ofSeconds(7)))) {
            lab.tcpConnect(ep(IN0, 45010), ep(SERVER, 80));
            assertThat(secondsLeft(lab.conntrackTable(), "tcp", 45010)).isBetween(5L, 7L);
        }
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            lab.tcpConnect(ep(IN0, 45010), ep(SERVER, 80));
            lab.udp(ep(IN0, 45011), ep(SERVER, 3478)).orElseThrow();
            String table = lab.conntrackTable();
            assertThat(secondsLeft(table, "tcp", 45010)).isGreaterThan(400_000);
            assertThat(secondsLeft(table, "udp", 45011)).isBetween(25L, 30L);
        }
    }

    /** The remaining seconds conntrack -L prints for the flow from the given inside port. */
    private static long secondsLeft(String table, String protocol, int sport) {
        Matcher m = Pattern.compile("(?m)^" + protocol + "\\s+\\d+\\s+(\\d+)\\s.*sport=" + sport + "\\b").matcher(table);
        assertThat(m.find()).as("a %s entry from port %d in%n%s", protocol, sport, table).isTrue();
        return Long.parseLong(m.group(1));
    }
}

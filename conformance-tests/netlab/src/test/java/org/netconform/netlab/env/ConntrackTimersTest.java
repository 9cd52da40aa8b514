package org.netconform.netlab.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.Timers;

class ConntrackTimersTest {
    private static final Map<String, Long> DEFAULTS = ConntrackTimers.parse("""
            net.netfilter.nf_conntrack_udp_timeout = 30
            net.netfilter.nf_conntrack_udp_timeout_stream = 120
            net.netfilter.nf_conntrack_tcp_timeout_syn_sent = 120
            net.netfilter.nf_conntrack_tcp_timeout_established = 432000
            """);

    @Test
    void withoutOverridesTheDefaultsAreWrittenBack() {
        assertThat(ConntrackTimers.assignments(Timers.kernelDefaults(), DEFAULTS)).containsExactly(
                "net.netfilter.nf_conntrack_udp_timeout=30", "net.netfilter.nf_conntrack_udp_timeout_stream=120",
                "net.netfilter.nf_conntrack_tcp_timeout_syn_sent=120", "net.netfilter.nf_conntrack_tcp_timeout_established=432000");
    }

    @Test
    void aUdpOverrideSetsBothUdpTimeoutsRoundedUpToWholeSeconds() {
        assertThat(ConntrackTimers.assignments(Timers.kernelDefaults().withUdpIdle(Duration.ofMillis(1500)), DEFAULTS))
                .contains("net.netfilter.nf_conntrack_udp_timeout=2", "net.netfilter.nf_conntrack_udp_timeout_stream=2",
                        "net.netfilter.nf_conntrack_tcp_timeout_established=432000");
    }

    @Test
    void tcpOverridesSplitIntoTransitoryStatesAndEstablished() {
        var out = ConntrackTimers.assignments(Timers.kernelDefaults().withTcp(Duration.ofSeconds(4), Duration.ofSeconds(9)), DEFAULTS);
        assertThat(out).contains("net.netfilter.nf_conntrack_tcp_timeout_syn_sent=4",
                "net.netfilter.nf_conntrack_tcp_timeout_time_wait=4", "net.netfilter.nf_conntrack_tcp_timeout_established=9",
                "net.netfilter.nf_conntrack_udp_timeout=30");
    }
}

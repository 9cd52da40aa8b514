package org.netconform.netlab.env;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netconform.netlab.Timers;

/**
 * {@link Timers} as the router namespace's conntrack sysctls. Linux has no single "mapping timer":
 * UDP has one timeout for flows that saw no reply and one for streams, so an override sets both; RFC
 * 5382's transitory timer covers every TCP state but established.
 */
final class ConntrackTimers {
    private static final String P = "net.netfilter.nf_conntrack_";
    static final List<String> UDP = List.of(P + "udp_timeout", P + "udp_timeout_stream");
    static final List<String> TCP_TRANSITORY = List.of(P + "tcp_timeout_syn_sent", P + "tcp_timeout_syn_recv",
            P + "tcp_timeout_fin_wait", P + "tcp_timeout_close_wait", P + "tcp_timeout_last_ack",
            P + "tcp_timeout_time_wait", P + "tcp_timeout_close");
    static final List<String> TCP_ESTABLISHED = List.of(P + "tcp_timeout_established");

    private ConntrackTimers() {
    }

    static List<String> keys() {
        List<String> all = new ArrayList<>(UDP);
        all.addAll(TCP_TRANSITORY);
        all.addAll(TCP_ESTABLISHED);
        return all;
    }

    /** The current values, from {@code sysctl KEY...} output ({@code key = value} lines). */
    static Map<String, Long> parse(String sysctlOutput) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : sysctlOutput.split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2) {
                out.put(kv[0].strip(), Long.parseLong(kv[1].strip()));
            }
        }
        return out;
    }

    /** {@code key=value} for every timer: the override where given, else the kernel default. */
    static List<String> assignments(Timers timers, Map<String, Long> defaults) {
        Map<String, Long> values = new LinkedHashMap<>(defaults);
        set(values, UDP, timers.udpIdle());
        set(values, TCP_TRANSITORY, timers.tcpTransitory());
        set(values, TCP_ESTABLISHED, timers.tcpEstablished());
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static void set(Map<String, Long> values, List<String> keys, Optional<Duration> timeout) {
        // sysctls take whole seconds; round up so that a timer is never shorter than asked
        timeout.ifPresent(d -> keys.forEach(k -> values.put(k, Math.max(1, (d.toMillis() + 999) / 1000))));
    }
}

package org.netconform.netlab;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long a lab waits and whether it reuses namespaces.
 *
 * @param deliveryWait  how long "nothing arrived" waits for a datagram (and for a connection's first
 *                      bytes); a delivery that does arrive returns as soon as it does
 * @param tcpWait       how long a TCP connect waits for the handshake before it is NO_ANSWER; shorter
 *                      than the first SYN retransmission (1 s), so a dropped SYN is not retried
 * @param reuse         keep namespaces and agents between labs and reset them (sockets closed,
 *                      conntrack flushed, rules and timers replaced) instead of building them anew
 * @param logDir        where the agents' stderr goes, one file per host
 */
public record LabSettings(Duration deliveryWait, Duration tcpWait, boolean reuse, Path logDir) {

    /**
     * From system properties: {@code netconform.netlab.deliveryWaitMillis} (200),
     * {@code netconform.netlab.tcpWaitMillis} (300), {@code netconform.netlab.reuse} (true),
     * {@code netconform.netlab.logDir} (the temporary directory's {@code netconform-netlab}).
     */
    public static LabSettings fromSystemProperties() {
        return new LabSettings(
                Duration.ofMillis(Long.getLong("netconform.netlab.deliveryWaitMillis", 200)),
                Duration.ofMillis(Long.getLong("netconform.netlab.tcpWaitMillis", 300)),
                Boolean.parseBoolean(System.getProperty("netconform.netlab.reuse", "true")),
                Path.of(System.getProperty("netconform.netlab.logDir",
                        Path.of(System.getProperty("java.io.tmpdir"), "netconform-netlab").toString())));
    }

    public LabSettings withReuse(boolean reuse) {
        return new LabSettings(deliveryWait, tcpWait, reuse, logDir);
    }
}

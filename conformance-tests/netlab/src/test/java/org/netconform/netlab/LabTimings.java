package org.netconform.netlab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netconform.netlab.Labs.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;

/**
 * Prints how long lab operations take, on demand ({@code -Dnetconform.netlab.timings=true}): figures for
 * the documentation, not a performance claim, and nothing is asserted about them.
 */
class LabTimings {
    private static final int ROUNDS = 20;

    @Test
    void printTimings() {
        assumeTrue(Boolean.getBoolean("netconform.netlab.timings"), "timings run on demand: -Dnetconform.netlab.timings=true");
        assumeAvailable();
        LabSettings fresh = LabSettings.fromSystemProperties().withReuse(false);
        long t = System.nanoTime();
        NamespaceLab built = NetLab.open(LabLayout.standard(), Masquerade.asShipped(), Timers.kernelDefaults(), fresh);
        long build = System.nanoTime() - t;
        t = System.nanoTime();
        built.close();
        System.out.printf("build (namespaces, veths, 5 agent JVMs): %d ms; destroy: %d ms%n", build / 1_000_000,
                (System.nanoTime() - t) / 1_000_000);

        NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults()).close();
        measure("open a reused lab + close", i -> NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults()).close());
        try (NamespaceLab lab = NetLab.open(Masquerade.asShipped(), Timers.kernelDefaults())) {
            lab.udp(ep(IN0, 47000), ep(SERVER, 3478));
            measure("udp delivered (same socket pair)", i -> lab.udp(ep(IN0, 47000), ep(SERVER, 3478)).orElseThrow());
            measure("udp delivered (new inside socket each time)", i -> lab.udp(ep(IN0, 47100 + i), ep(SERVER, 3478)).orElseThrow());
            measure("udp reply through the mapping", i -> lab.udp(ep(SERVER, 3478), external(47000)).orElseThrow());
            measure("udp filtered (nothing arrives)", i -> lab.udp(ep(OTHER, 5000), external(47000)));
            measure("udpToClosedPort (ICMP back)", i -> lab.udpToClosedPort(ep(IN0, 47200 + i), ep(SERVER, 9)));
            measure("tcpConnect established", i -> lab.tcpConnect(ep(IN0, 47300 + i), ep(SERVER, 80)));
            measure("tcpConnect reset", i -> lab.tcpConnect(ep(OTHER, 5000 + i), external(47000)));
            measure("tcpSimultaneousOpen", i -> lab.tcpSimultaneousOpen(ep(IN1, 47400 + i), ep(SERVER, 4000 + i), external(47400 + i)));
            measure("conntrack -L", i -> lab.conntrackTable());
        }
    }

    private static void measure(String what, IntConsumer op) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long t = System.nanoTime();
            op.accept(i);
            micros.add((System.nanoTime() - t) / 1000);
        }
        Collections.sort(micros);
        System.out.printf("%-45s median %7.1f ms  min %7.1f ms  max %7.1f ms (%d rounds)%n", what,
                micros.get(ROUNDS / 2) / 1000.0, micros.get(0) / 1000.0, micros.get(ROUNDS - 1) / 1000.0, ROUNDS);
    }
}

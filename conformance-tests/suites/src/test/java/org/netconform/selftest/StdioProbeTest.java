package org.netconform.selftest;

import org.junit.jupiter.api.Test;
import org.netconform.harness.SuiteLauncher;

class StdioProbeTest {
    @Test
    void probe() {
        String sel = System.getProperty("probe.target");
        if (sel == null) return;
        long t = System.nanoTime();
        var run = SuiteLauncher.run(sel, System.getProperty("probe.suites").split(","));
        System.out.println("PROBE took " + (System.nanoTime() - t) / 1_000_000 + " ms");
        run.results().forEach(r -> System.out.println("PROBE " + r.outcome() + " " + r.requirements() + " " + r.result().test()
                + " | " + (r.reason() == null ? "" : r.reason().replace('\n', ' ').substring(0, Math.min(300, r.reason().length())))));
        run.containerFailures().forEach(f -> System.out.println("PROBE CONTAINER " + f));
    }
}

package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint suite passes the reference echo server on everything it is judged on, and quickly. */
class WsServerSuiteReferenceTest {
    static final String SUITE = "org.netconform.suites.wsserver";

    @Test
    void referenceServerPassesEveryEndpointRequirement() {
        long t0 = System.nanoTime();
        List<SuiteRun.Result> results = SuiteRun.run(SUITE, "reference");
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("endpoint suite against the reference server: %d results in %.1f s%n", results.size(), s);
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(s).as("wall time of the endpoint suite against the reference").isLessThan(30);
    }
}

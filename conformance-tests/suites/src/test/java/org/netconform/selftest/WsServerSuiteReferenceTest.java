package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.SuiteLauncher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netconform.reference.websocket.server.EchoServer;
import org.netconform.reference.websocket.server.EchoServerConfig;

/** The endpoint suite passes the reference echo server on everything it is judged on, and quickly. */
class WsServerSuiteReferenceTest {
    static final String SUITE = "org.netconform.suites.wsserver";

    @Test
    void referenceServerPassesEveryEndpointRequirement() {
        long t0 = System.nanoTime();
        List<PublishedResult> results = SuiteLauncher.run("reference", SUITE).results();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("endpoint suite against the reference server: %d results in %.1f s%n", results.size(), s);
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL");
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(s).as("wall time of the endpoint suite against the reference").isLessThan(30);
    }

    @Test
    void aWsUrlIsATargetThatNeedsNoJavaCode() {
        try (EchoServer server = new EchoServer(EchoServerConfig.defaults())) {
            String url = "ws://127.0.0.1:" + server.start(0) + "/ws";
            List<PublishedResult> results = SuiteLauncher.run(url, SUITE).results();
            assertThat(results).isNotEmpty().allSatisfy(r -> {
                assertThat(r.target()).isEqualTo("ws-127.0.0.1-" + url.split(":")[2].replace("/ws", "") + "-ws");
                // capabilities are not declared for a bare URL: those tests are UNSUPPORTED, never PASS
                assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL", "UNSUPPORTED");
            });
            assertThat(results).filteredOn(r -> r.requirements().contains("WS-SEC-3"))
                    .allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("UNSUPPORTED"));
        }
    }
}

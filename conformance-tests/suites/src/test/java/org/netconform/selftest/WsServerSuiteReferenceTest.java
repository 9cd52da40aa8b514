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
            // TLS (WS-SEC-6) is judged over wss:// only: WssUrlTargetTest
            assertThat(r.outcome().name()).as(r.toString()).isIn(r.requirements().get(0).equals("WS-SEC-6")
                    ? new String[] {"UNSUPPORTED"} : new String[] {"PASS", "INFORMATIONAL"});
            assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
        });
        assertThat(s).as("wall time of the endpoint suite against the reference").isLessThan(30);
        // no security finding for a server with an Origin allow-list, limits and a heartbeat
        assertThat(results).filteredOn(r -> r.requirements().get(0).startsWith("WS-SEC-") && r.observed() != null)
                .allSatisfy(r -> assertThat(r.observed()).as(r.toString()).doesNotStartWith("SECURITY FINDING"));
        // one run judged for several requirements: its page lists every label and why
        java.nio.file.Path page = org.netconform.harness.result.ReportFiles.reportDir().resolve("reference/cases/7.3.2.txt");
        assertThat(page).exists();
        assertThat(contentOf(page.toFile())).contains("WS-CLOSE-2", "WS-CLOSE-22", "WS-CLOSE-5", "wire log:");
    }

    private static String contentOf(java.io.File f) {
        try {
            return java.nio.file.Files.readString(f.toPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A URL is a target with no Java code; and a correct server that talks on its own (the seed's text
     * "heartbeat" every second) passes: the suite learns the heartbeat and never takes it for an echo.
     */
    @Test
    void aWsUrlIsATargetThatNeedsNoJavaCodeAndItsOwnHeartbeatIsToldFromTheEchoes() {
        try (EchoServer server = new EchoServer(EchoServerConfig.defaults().withTextHeartbeat(true))) {
            String url = "ws://127.0.0.1:" + server.start(0) + "/ws";
            List<PublishedResult> results = SuiteLauncher.run(url, SUITE).results();
            assertThat(results).isNotEmpty().allSatisfy(r -> {
                assertThat(r.target()).isEqualTo("ws-127.0.0.1-" + url.split(":")[2].replace("/ws", "") + "-ws");
                // capabilities are not declared for a bare URL: those tests are UNSUPPORTED, never PASS
                assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL", "UNSUPPORTED");
            });
            assertThat(results).filteredOn(r -> r.requirements().contains("WS-SEC-3"))
                    .allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("UNSUPPORTED"));
            assertThat(results).filteredOn(r -> r.requirements().contains("WS-CTRL-12")).singleElement()
                    .satisfies(r -> assertThat(r.observed()).contains("unsolicited: text \"heartbeat\"")
                            .containsPattern("during the cases: [1-9][0-9]* unsolicited message"));
        }
    }
}

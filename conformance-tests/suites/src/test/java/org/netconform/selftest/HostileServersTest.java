package org.netconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.harness.result.PublishedResult;
import org.netconform.hostile.HostileWsServer;
import org.netconform.hostile.HostileWsServer.Mode;

/**
 * The endpoint suite survives hostile servers: against each {@link HostileWsServer} mode the whole suite ends
 * in bounded time with a judged result for every test, the outcome that mode deserves, and one clear reason
 * per result (one line, no stack trace, no control character a server sent). Caps and timeouts are scaled
 * down so that this takes seconds; the full-scale proofs are on-demand tools (docs/websocket-endpoint.md).
 */
@Isolated("sets the suite's global knobs")
class HostileServersTest {
    static final String SUITE = WsServerSuiteReferenceTest.SUITE;
    private static final Map<String, String> KNOBS = Map.ofEntries(
            Map.entry("netconform.ws.parallel", "24"),
            Map.entry("netconform.ws.timeoutMs", "150"),
            Map.entry("netconform.ws.promptMs", "150"),
            Map.entry("netconform.ws.idleMs", "150"),
            Map.entry("netconform.ws.learnMs", "150"),
            Map.entry("netconform.ws.scale", "0.002"),
            Map.entry("netconform.ws.caseOctets", "262144"),
            Map.entry("netconform.ws.caseFrames", "2000"),
            Map.entry("netconform.ws.keepOctets", "16384"),
            Map.entry("netconform.ws.writeTimeoutMs", "150"),
            Map.entry("netconform.ws.caseDeadlineMs", "4000"));
    private static final Map<String, String> BEFORE = new java.util.HashMap<>();
    private static final Map<Mode, HostileWsServer> SERVERS = new java.util.EnumMap<>(Mode.class);
    private static List<PublishedResult> all;
    private static double seconds;

    /** One run of the suite against every hostile server at once: the cases wait in parallel, so this takes seconds. */
    @BeforeAll
    static void runAgainstEveryHostileServer() throws Exception {
        KNOBS.forEach((k, v) -> {
            BEFORE.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        for (Mode m : Mode.values()) {
            // the flood is held to 8 MiB/s a connection: far past each case's budget within its first wait, without
            // taking both cores from the other eight servers (which then answer late, and that is judged silence)
            SERVERS.put(m, new HostileWsServer(m, 0, m == Mode.FLOOD ? 8L << 20 : 0, 16, 60));
        }
        long t0 = System.nanoTime();
        all = SuiteLauncher.run(String.join(",", SERVERS.values().stream().map(HostileWsServer::url).toList()), SUITE)
                .results();
        seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("the endpoint suite against %d hostile servers at once: %d results in %.1f s%n", SERVERS.size(),
                all.size(), seconds);
    }

    @AfterAll
    static void restore() {
        SERVERS.values().forEach(HostileWsServer::close);
        BEFORE.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theSuiteEndsInBoundedTimeWithAReasonForEveryResult(Mode mode) {
        String target = "ws-127.0.0.1-" + SERVERS.get(mode).port() + "-ws";
        List<PublishedResult> results = all.stream().filter(r -> r.target().equals(target)).toList();
        double s = seconds;
        Map<String, Long> outcomes = results.stream().collect(Collectors.groupingBy(r -> r.outcome().name(),
                java.util.TreeMap::new, Collectors.counting()));
        System.out.printf("hostile server %s: %d results in %.1f s: %s%n", mode, results.size(), s, outcomes);
        results.stream().filter(r -> !r.outcome().name().equals("ERROR") && !r.outcome().name().equals("UNSUPPORTED"))
                .forEach(r -> System.out.println("  " + r));
        assertThat(s).as("wall time of the run against every hostile server").isLessThan(90);
        assertThat(results.stream().map(PublishedResult::test).distinct().count()).isGreaterThan(60);
        assertThat(results).allSatisfy(r -> {
            String text = r.reason() == null ? "" : r.reason();
            if (!r.outcome().name().equals("PASS") && !r.outcome().name().equals("INFORMATIONAL")) {
                assertThat(text).as(r.toString()).isNotBlank().doesNotContain("\n").doesNotContain("\tat ");
            }
            String all = text + r.observed() + r.result().wireLog() + r.result().expected();
            assertThat(all).as("control characters from the server in %s", r).doesNotContain("\u0000", "\u001b",
                    "\u009b", "\u202e");
        });
        switch (mode) {
            case ANSWERS_200, CLOSES_AT_ONCE, RESETS, GARBAGE, TRICKLE, SILENT -> {
                // the server never spoke WebSocket: nothing to judge, nothing passes (the security INFO records
                // are ServerSecurityScenarios' own and WS-CTRL-12 records what the idle connection showed: they record
                // "no response" or "no unsolicited messages" as what was seen)
                assertThat(results).filteredOn(r -> !r.test().contains("ServerSecurityScenarios")
                                && !r.requirements().contains("WS-CTRL-12"))
                        .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isIn("ERROR", "UNSUPPORTED"));
                assertThat(results).allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString())
                        .isNotEqualTo("PASS"));
                for (String id : List.of("WS-HS-21", "WS-HS-22", "WS-HS-23", "WS-HS-28", "WS-HS-32")) {
                    assertThat(results).filteredOn(r -> r.requirements().contains(id)).isNotEmpty()
                            .allSatisfy(r -> assertThat(r.reason()).as(r.toString())
                                    .containsAnyOf("never spoke WebSocket", "got no answer"));
                }
            }
            case FLOOD, NEVER_READS -> {
                // the handshake is the reference's, so its tests pass; no echo can pass
                assertThat(results).filteredOn(r -> r.requirements().contains("WS-HS-23"))
                        .allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("PASS"));
                assertThat(results).filteredOn(r -> r.requirements().contains("WS-FRAME-8") || r.requirements().contains("WS-FRAME-1"))
                        .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isNotEqualTo("PASS"));
                if (mode == Mode.FLOOD) {
                    // reading stops at the case's budget, with that as the reason
                    assertThat(results).anySatisfy(r -> assertThat(r.reason()).as(r.toString())
                            .contains("the server sent more than"));
                } else {
                    // a server that upgrades and then says nothing passes nothing
                    assertThat(results).filteredOn(r -> r.requirements().contains("WS-FRAME-1"))
                            .allSatisfy(r -> assertThat(r.reason()).as(r.toString())
                                    .containsAnyOf("the server sent nothing after its 101", "the server sent no frame"));
                }
            }
            case DIES_AFTER -> {
                assertThat(results).anySatisfy(r -> assertThat(r.outcome().name()).isEqualTo("PASS"));
                assertThat(results).anySatisfy(r -> assertThat(r.reason()).as(r.toString())
                        .containsAnyOf("cannot connect", "stopped answering", "Connection refused"));
            }
            default -> throw new IllegalStateException(String.valueOf(mode));
        }
    }
}

package org.netconform.suites.wsserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/**
 * Security findings, for every server whatever it declares: the Origin check run by default (a cross-site
 * Origin, {@code null}, none), unmasked client frames processed, no size limit, no idle timeout. Each is an INFO
 * record whose observed text starts with {@value #FINDING} when the server shows the risk, so the report can
 * list findings apart from the conformance verdicts; where the user declares what the server should do (the
 * allowed origins, the limits) WS-SEC-3/4 and WS-LIMIT-1..4 judge it.
 */
@Execution(ExecutionMode.CONCURRENT)
class ServerSecurityScenarios {
    /** The marker the report looks for at the start of a WS-SEC-* result's observed text. */
    static final String FINDING = "SECURITY FINDING: ";
    static final String CROSS_SITE = "http://evil.example";
    /** Payload octets the no-limit probe sends: 32 MiB at the default scale (Autobahn's 16 MiB twice), at least 1 MiB. */
    static final long UNBOUNDED_PROBE = WsOptions.scaled(512 << 20, 1 << 20);

    static List<WsCase> originDefaultCases() {
        return List.of(ServerHandshakeScenarios.standard("S.3.1", "Origin: " + CROSS_SITE, Optional.of(CROSS_SITE)),
                ServerHandshakeScenarios.standard("S.5.2", "Origin: null", Optional.of("null")),
                ServerHandshakeScenarios.standard("H.25.1", "a standard handshake", Optional.empty()));
    }

    static boolean upgraded(WireSession s) {
        return s.response != null && s.response.status() == 101;
    }

    /** A frame announcing 2^40 octets, then up to 32 MiB of its payload: does the server ever stop reading? */
    static List<WsCase> unboundedSizeCases(WebSocketServerAdapter ws) {
        if (ws.capabilities().contains(WebSocketServerAdapter.LIMITS)) {
            return List.of();
        }
        return List.of(WsCase.of("SEC.8.1", "binary frame announcing 2^40 octets, then " + UNBOUNDED_PROBE
                + " octets of its payload", s -> {
            ServerCases.mustOpen(s);
            s.send("header announcing 2^40 octets", ServerCases.bytes(0x82, 0xFF, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4));
            s.offendingSentNanos = System.nanoTime();
            ServerLimitScenarios.pump(s, UNBOUNDED_PROBE);
            s.watch(Math.min(500, WsOptions.timeoutMs()));
            s.aux = s.end == WireSession.End.OPEN && !s.serverSentClose;
            ServerCases.closeNormally(s);
        }));
    }

    @ConformanceTest
    @Requirement("WS-SEC-5")
    void whetherAForeignOriginIsAcceptedIsRecorded(WebSocketServerAdapter ws) {
        List<CaseRunner.Done> done = CaseRunner.run(ws, originDefaultCases());
        record(ws, done, "recorded: the answer to a cross-site Origin, to Origin: null and to none (cross-site WebSocket "
                + "hijacking)", d -> ServerHandshakeScenarios.answered(d.session()) == null ? "no response"
                        : upgraded(d.session()) ? "accepted (101)" : "refused (" + d.session().response.status() + ")",
                lines -> {
                    List<String> accepted = new ArrayList<>();
                    for (CaseRunner.Done d : done.subList(0, 2)) {
                        if (d.error() == null && upgraded(d.session())) {
                            accepted.add(d.wsCase().title());
                        }
                    }
                    if (accepted.isEmpty()) {
                        return "no finding: a cross-site Origin and Origin: null are refused";
                    }
                    if (ws.capabilities().contains(WebSocketServerAdapter.ORIGIN_POLICY)) {
                        return "accepts " + String.join(" and ", accepted) + " though its allowed origins are declared: "
                                + "judged by WS-SEC-3 and WS-SEC-4";
                    }
                    return FINDING + "accepts " + String.join(" and ", accepted) + " (any Origin): a page on any site can "
                            + "open a connection with the user's cookies (cross-site WebSocket hijacking) when the "
                            + "application relies on them; declare the allowed origins (capability origin-policy, "
                            + "-Dnetconform.ws.allowedOrigin for a URL) to have WS-SEC-3 and WS-SEC-4 judge it";
                });
    }

    @ConformanceTest
    @Requirement("WS-SEC-7")
    void unmaskedClientFramesProcessedAreAFinding(WebSocketServerAdapter ws) {
        List<CaseRunner.Done> done = CaseRunner.run(ws, ServerFramingScenarios.unmaskedCases());
        record(ws, done, "recorded: whether unmasked client frames are processed (WS-MASK-2 judges them)",
                d -> CaseRunner.label(ServerCases.failedConnection(d.session())) + ": "
                        + ServerCases.failedConnection(d.session()).detail(), lines -> {
                    List<String> processed = new ArrayList<>();
                    for (CaseRunner.Done d : done) {
                        WsCase.Verdict v = d.error() == null ? ServerCases.failedConnection(d.session()) : null;
                        if (v != null && v.outcome() == org.netconform.harness.result.Outcome.FAIL) {
                            processed.add(d.wsCase().title() + " (" + v.detail() + ")");
                        }
                    }
                    return processed.isEmpty() ? "no finding: every unmasked frame failed the connection"
                            : FINDING + "processes frames a client sent unmasked, which lets a script choose the octets an "
                            + "intermediary sees (cache poisoning, RFC 6455 §10.3): " + String.join("; ", processed);
                });
    }

    @ConformanceTest
    @Requirement("WS-SEC-8")
    void noSizeLimitIsAFinding(WebSocketServerAdapter ws) {
        List<WsCase> cases = unboundedSizeCases(ws);
        if (cases.isEmpty()) {
            Check.record("recorded: whether a server without declared limits reads a frame announcing 2^40 octets on and on",
                    "no finding: limits declared (message " + ws.maxMessageSize() + ", frame " + ws.maxFramePayload()
                            + "), judged by WS-LIMIT-1 to WS-LIMIT-4");
            return;
        }
        List<CaseRunner.Done> done = CaseRunner.run(ws, cases);
        record(ws, done, "recorded: whether a server without declared limits reads a frame announcing 2^40 octets on and on",
                d -> Boolean.TRUE.equals(d.session().aux) ? "still reading after " + UNBOUNDED_PROBE + " octets"
                        : "stopped: " + ServerCases.summary(d.session()),
                lines -> done.get(0).error() == null && Boolean.TRUE.equals(done.get(0).session().aux)
                        ? FINDING + "no size limit seen: a frame announcing 2^40 octets was still being read after "
                        + UNBOUNDED_PROBE + " octets of payload, no Close, the connection open (a peer can make it buffer "
                        + "or process without bound; declare the limits, capability limits, to have WS-LIMIT-1 to -4 "
                        + "judge them)"
                        : "no finding: the server stopped the frame (" + ServerCases.summary(done.get(0).session()) + ")");
    }

    @ConformanceTest
    @Requirement("WS-SEC-9")
    void noIdleTimeoutIsAFinding(WebSocketServerAdapter ws) {
        List<WsCase> cases = ServerHeartbeatScenarios.idleCases().subList(1, 2);
        List<CaseRunner.Done> done = CaseRunner.run(ws, cases);
        long watch = WsOptions.idleMs() + 1500;
        record(ws, done, "recorded: whether a connection whose peer stays silent (answers no Ping) is kept open for "
                        + watch + " ms", d -> ServerHeartbeatScenarios.describeIdle(d.session()),
                lines -> {
                    WireSession s = done.get(0).session();
                    boolean keptOpen = done.get(0).error() == null && !s.serverClosedFirst
                            && (s.end != WireSession.End.FIN && s.end != WireSession.End.RESET || s.clientSentClose);
                    return keptOpen ? FINDING + "kept a silent connection open for the whole watch of " + watch + " ms ("
                            + (s.pings().isEmpty() ? "no Ping of its own, no idle timeout" : s.pings().size()
                            + " Ping(s) of its own went unanswered and it did not close") + "): every silent peer holds a "
                            + "connection as long as it likes (-Dnetconform.ws.idleMs watches longer)"
                            : "no finding: " + ServerHeartbeatScenarios.describeIdle(s);
                });
    }

    @ConformanceTest
    @Requirement("WS-SEC-6")
    void messagesRoundTripOverTls(WebSocketServerAdapter ws) {
        if (!WireConnection.isTls(ws.uri())) {
            throw new org.opentest4j.TestAbortedException("not a wss:// target (" + ws.uri() + "): TLS support is judged "
                    + "where the server is reached over wss://");
        }
        CaseRunner.check(ws, "over wss://: text and binary messages echoed intact",
                ServerFramingScenarios.lengthCases().subList(0, 6), ServerCases::echoed);
    }

    /** Records each case's line under a headline that starts with the finding marker when there is a finding. */
    private static void record(WebSocketServerAdapter ws, List<CaseRunner.Done> done, String expected,
                               java.util.function.Function<CaseRunner.Done, String> what,
                               java.util.function.Function<List<String>, String> headline) {
        List<String> lines = new ArrayList<>();
        TargetRun tr = CaseRunner.targetRun(ws);
        int noAnswer = 0;
        String firstNoAnswer = null;
        for (CaseRunner.Done d : done) {
            String line;
            try {
                if (d.session().harnessStop != null) {
                    throw new org.netconform.harness.NoAnswer(d.session().harnessStop);
                }
                line = d.error() != null ? "no answer: " + CaseRunner.describe(d.error()) : what.apply(d);
            } catch (org.netconform.harness.NoAnswer e) {
                line = "no answer: " + e.getMessage();
            }
            if (line.startsWith("no answer: ")) {
                noAnswer++;
                firstNoAnswer = firstNoAnswer == null ? line.substring(11) : firstNoAnswer;
            }
            lines.add(d.wsCase().id() + " " + d.wsCase().title() + ": " + line);
            tr.files.judged(d, String.join(",", org.netconform.harness.Observation.requirementIds()),
                    String.valueOf(org.netconform.harness.Observation.test()), d.error() == null ? "RECORDED" : "NO_ANSWER", line)
                    .ifPresent(p -> org.netconform.harness.Observation.file("case " + d.wsCase().id(), p));
        }
        if (noAnswer == done.size()) {
            throw new org.netconform.harness.NoAnswer("no case got an answer: " + firstNoAnswer);
        }
        Check.record(expected, headline.apply(lines) + "\n" + String.join("\n", lines));
    }
}

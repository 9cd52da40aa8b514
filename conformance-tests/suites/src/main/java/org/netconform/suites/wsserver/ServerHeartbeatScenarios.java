package org.netconform.suites.wsserver;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.spi.wsserver.WebSocketServerAdapter;

/** Heartbeat and idle behaviour, recorded (INFO): the RFC sets no interval and no idle timeout. */
@Execution(ExecutionMode.CONCURRENT)
class ServerHeartbeatScenarios {

    static List<WsCase> idleCases() {
        long idle = WsOptions.idleMs();
        return List.of(
                WsCase.of("I.1", "idle for " + idle + " ms, answering the server's Pings", s -> {
                    ServerCases.mustOpen(s);
                    s.openedNanos = System.nanoTime();
                    s.watch(idle);
                    ServerCases.closeNormally(s);
                }),
                WsCase.of("I.2", "idle for " + (idle + 1500) + " ms, never answering the server's Pings", s -> {
                    ServerCases.mustOpen(s);
                    s.openedNanos = System.nanoTime();
                    s.autoPong = false;
                    s.watch(idle + 1500);
                    ServerCases.closeNormally(s);
                }));
    }

    /** Watches an idle connection before any other case: what the server sends on its own (see {@link UnsolicitedMessages}). */
    static WsCase learningCase() {
        long ms = WsOptions.learnMs();
        return WsCase.of("U.0", "idle for " + ms + " ms before the other cases: what the server sends on its own", s -> {
            ServerCases.mustOpen(s);
            s.openedNanos = System.nanoTime();
            s.watch(ms);
            ServerCases.closeNormally(s);
        });
    }

    static String describeIdle(WireSession s) {
        List<InFrame> pings = s.pings();
        List<String> parts = new ArrayList<>();
        if (pings.isEmpty()) {
            parts.add("no Pings");
        } else {
            long first = (pings.get(0).atNanos() - s.openedNanos) / 1_000_000;
            String gaps = "";
            for (int i = 1; i < pings.size(); i++) {
                gaps += (i > 1 ? ", " : "") + (pings.get(i).atNanos() - pings.get(i - 1).atNanos()) / 1_000_000;
            }
            parts.add(pings.size() + " Ping(s), first after " + first + " ms" + (gaps.isEmpty() ? "" : ", then every "
                    + gaps + " ms") + ", payload " + pings.get(0).payload().length + " octets");
        }
        long unsolicitedPongs = s.frames.stream().filter(f -> f.opcode() == ServerCases.PONG).count();
        if (unsolicitedPongs > 0) {
            parts.add(unsolicitedPongs + " unsolicited Pong(s)");
        }
        List<InMessage> own = new ArrayList<>(s.unsolicitedMessages);
        own.addAll(s.messages);
        if (!own.isEmpty()) {
            parts.add(own.size() + " message(s) of its own, first \"" + own.get(0).text() + "\"");
        }
        if (s.serverClosedFirst) {
            parts.add("the server closed after " + (s.serverClose.atNanos() - s.openedNanos) / 1_000_000 + " ms with "
                    + ServerCases.closeText(s));
        } else if (!s.clientSentClose || s.end == WireSession.End.FIN && !s.serverSentClose) {
            parts.add("connection ended: " + s.end + " " + s.endDetail);
        } else {
            parts.add("the server kept the connection open");
        }
        return String.join("; ", parts);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-10")
    void theServersOwnHeartbeatIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: the server's own Pings on an idle connection, and what it does when they go "
                + "unanswered", idleCases(), ServerHeartbeatScenarios::describeIdle);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-11")
    void idleBehaviourIsRecorded(WebSocketServerAdapter ws) {
        CaseRunner.record(ws, "recorded: whether the server closes a connection that stays idle", idleCases().subList(0, 1),
                ServerHeartbeatScenarios::describeIdle);
    }

    @ConformanceTest
    @Requirement("WS-CTRL-12")
    void messagesTheServerSendsOnItsOwnAreRecorded(WebSocketServerAdapter ws) {
        List<CaseRunner.Done> done = CaseRunner.run(ws, ServerCaseCatalog.all(ws));
        TargetRun tr = CaseRunner.targetRun(ws);
        CaseRunner.Done learning = done.stream().filter(d -> d.wsCase().id().equals("U.0")).findFirst().orElse(null);
        if (UnsolicitedMessages.fromProperty() == null && learning != null && !learning.session().upgraded) {
            throw new org.netconform.harness.NoAnswer("the learning window got no WebSocket connection: " + (learning.error()
                    != null ? CaseRunner.describe(learning.error()) : learning.session().harnessStop != null
                    ? learning.session().harnessStop : learning.session().response == null ? "no response"
                    : learning.session().response.status() + " " + learning.session().response.reason()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(tr.profileNow().describe());
        done.stream().filter(d -> d.wsCase().id().equals("U.0")).findFirst().ifPresent(d -> {
            List<InMessage> seen = new ArrayList<>(d.session().messages);
            seen.addAll(d.session().unsolicitedMessages);
            lines.add("learning window (case U.0, " + WsOptions.learnMs() + " ms idle): " + (seen.isEmpty()
                    ? "nothing" : seen.size() + " message(s): " + seen.stream().limit(5).map(m -> (m.opcode() == ServerCases.TEXT
                    ? "text \"" + m.text() + "\"" : "binary " + org.netconform.harness.Values.hex(m.payload(), 16))).toList())
                    + (d.error() != null ? " (no answer: " + CaseRunner.describe(d.error()) + ")" : ""));
            tr.files.judged(d, "WS-CTRL-12", String.valueOf(org.netconform.harness.Observation.test()), "RECORDED",
                    "the learning window").ifPresent(p -> org.netconform.harness.Observation.file("case U.0", p));
        });
        List<CaseRunner.Done> with = done.stream().filter(d -> !d.session().unsolicitedMessages.isEmpty()).toList();
        long total = with.stream().mapToLong(d -> d.session().unsolicitedMessages.size()).sum();
        lines.add("during the cases: " + total + " unsolicited message(s) in " + with.size() + " of " + done.size()
                + " cases, each set apart from the echoes" + (with.isEmpty() ? "" : "; e.g. in "
                + with.stream().limit(10).map(d -> d.wsCase().id()).toList()));
        org.netconform.harness.Check.record("recorded: the data messages the server sends on its own (learned on an idle "
                + "connection before the cases, or declared with -D" + UnsolicitedMessages.PROPERTY + "), and how often "
                + "they came during the cases", String.join("\n", lines));
    }
}

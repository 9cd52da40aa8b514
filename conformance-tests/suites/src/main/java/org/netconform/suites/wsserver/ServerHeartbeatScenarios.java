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
        if (!s.messages.isEmpty()) {
            parts.add(s.messages.size() + " message(s) of its own, first \"" + s.messages.get(0).text() + "\"");
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
}

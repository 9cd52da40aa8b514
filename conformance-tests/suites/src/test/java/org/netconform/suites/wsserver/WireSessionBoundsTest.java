package org.netconform.suites.wsserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.netconform.harness.RunDeadline;
import org.netconform.hostile.HostileWsServer;
import org.netconform.hostile.HostileWsServer.Mode;

/** The bounds of one session and one case: budgets, what is kept, write and case deadlines, the run's deadline. */
@Isolated("sets the suite's global knobs")
class WireSessionBoundsTest {
    private final Map<String, String> before = new HashMap<>();

    private void set(String key, String value) {
        before.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restore() {
        before.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        RunDeadline.begin();
    }

    @Test
    void aFloodStopsAtTheCaseBudgetAndWhatIsKeptIsBounded() throws Exception {
        set("netconform.ws.caseOctets", String.valueOf(1024 * 1024));
        set("netconform.ws.caseFrames", "100000");
        set("netconform.ws.keepOctets", "4096");
        try (HostileWsServer server = new HostileWsServer(Mode.FLOOD, 0, 0, 100, 0)) {
            WireSession s = new WireSession(URI.create(server.url()), false);
            long t0 = System.nanoTime();
            assertThat(s.open()).isTrue();
            s.watch(10_000);
            s.close();
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until the budget stopped it").isLessThan(5_000);
            assertThat(s.harnessStop).startsWith("the server sent more than 1048576 octets");
            assertThat(s.end).isEqualTo(WireSession.End.GARBAGE);
            // the list has the true count; what it keeps is the first and last frames, payloads within keepOctets
            assertThat(s.frames.size()).isGreaterThan(9000);
            long keptPayload = s.frames.stream().mapToLong(f -> f.payload().length).sum()
                    + s.messages.stream().mapToLong(m -> m.payload().length).sum();
            assertThat(keptPayload).isLessThanOrEqualTo(4096 + 512 * 125);
            assertThat(s.frames.stream().filter(f -> f != InFrame.DROPPED).count()).isEqualTo(512);
            assertThat(s.log().length()).isLessThan(WireLog.HEAD_CHARS + WireLog.TAIL_LINES * WireLog.LINE_CHARS + 200);
            assertThat(s.log()).contains("lines (", "left out");
        }
    }

    @Test
    void aWriteTheServerNeverReadsIsAbandonedAndReadingGoesOn() throws Exception {
        set("netconform.ws.writeTimeoutMs", "300");
        try (HostileWsServer server = new HostileWsServer(Mode.NEVER_READS, 0, 0, 16, 0)) {
            WireSession s = new WireSession(URI.create(server.url()), false);
            assertThat(s.open()).isTrue();
            long t0 = System.nanoTime();
            s.send("64 MiB the server never reads", ServerCases.frame(ServerCases.BINARY, new byte[64 * 1024 * 1024]));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("ms in the write").isLessThan(5_000);
            assertThat(s.writeStall).startsWith("the server stopped reading");
            // the output is shut, the input still works: the read times out rather than failing
            assertThat(s.awaitMessages(1, 200)).isFalse();
            assertThat(s.end).isIn(WireSession.End.OPEN, WireSession.End.FIN);
            s.close();
        }
    }

    @Test
    void aCaseEndsAtItsHardDeadlineWhateverTheServerDoes() throws Exception {
        set("netconform.ws.caseDeadlineMs", "700");
        try (HostileWsServer server = new HostileWsServer(Mode.TRICKLE, 0, 0, 16, 0)) {
            WsCase endless = WsCase.of("T.1", "reads forever", s -> {
                s.connect();
                s.sendHead(("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                while (s.end == WireSession.End.OPEN) {
                    s.watch(50);
                    Thread.sleep(10);
                }
            });
            long t0 = System.nanoTime();
            CaseRunner.Done d = CaseRunner.runOne(URI.create(server.url()), false, endless);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(600L, 3_000L);
            assertThat(d.session().harnessStop).contains("the case's deadline passed");
            assertThat(CaseRunner.verdict(d, s -> WsCase.Verdict.ok("never")).outcome().name()).isEqualTo("ERROR");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void afterTheRunsDeadlineCasesAreNotRun() throws IOException {
        set(RunDeadline.PROPERTY, "1ms");
        RunDeadline.begin();
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CaseRunner.Done d = CaseRunner.runOne(URI.create("ws://127.0.0.1:9/ws"), false,
                WsCase.of("T.2", "never runs", s -> s.connect()));
        WsCase.Verdict v = CaseRunner.verdict(d, s -> WsCase.Verdict.ok("never"));
        assertThat(v.outcome().name()).isEqualTo("ERROR");
        assertThat(v.detail()).startsWith("not run: the run's deadline passed");
    }

    @Test
    void aTlsHandshakeThatFailsIsSaidOnceAndNotTriedAgain() throws Exception {
        set("netconform.ws.timeoutMs", "300");
        try (org.netconform.reference.websocket.server.EchoServer plain = new org.netconform.reference.websocket.server.EchoServer(
                org.netconform.reference.websocket.server.EchoServerConfig.defaults())) {
            URI wss = URI.create("wss://127.0.0.1:" + plain.start(0) + "/ws");
            WireSession first = new WireSession(wss, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(first::connect)
                    .isInstanceOf(WireConnection.TlsFailure.class)
                    .hasMessageStartingWith("the TLS handshake with 127.0.0.1:")
                    .hasMessageContaining("a plain ws:// port?");
            long t0 = System.nanoTime();
            WireSession second = new WireSession(wss, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(second::connect)
                    .isInstanceOf(WireConnection.TlsFailure.class).hasMessageStartingWith("not tried: ");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for the second").isLessThan(100);
        }
    }

    @Test
    void aKeptListHasTheTrueSizeAndKeepsHeadAndTail() {
        KeptList<Integer> l = new KeptList<>(3, 2, -1);
        for (int i = 0; i < 10; i++) {
            l.add(i);
        }
        assertThat(l).hasSize(10).containsExactly(0, 1, 2, -1, -1, -1, -1, -1, 8, 9);
        assertThat(l.droppedCount()).isEqualTo(5);
    }

    @Test
    void theWireLogEscapesControlCharacters() {
        WireLog log = new WireLog();
        log.note("IN \u0000\u001b[2J\u009b\u202e reason");
        assertThat(log.text()).contains("\\x00\\x1b[2J\\x9b\\u202e reason").doesNotContain("\u0000", "\u001b");
    }
}

package org.netconform.reference.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netconform.reference.websocket.Handshake;
import org.netconform.reference.websocket.OriginPolicy;
import org.netconform.reference.websocket.RawFrameWriter;

/** The server behaviours the conformance suite only records: heartbeat, limits, slow readers, timeouts. */
class EchoServerTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    record In(int opcode, byte[] payload) {
        int code() {
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    static Socket connect(int port, String origin) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    static In frame(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int b0 = d.readUnsignedByte();
        int len = d.readUnsignedByte() & 0x7F;
        long n = len == 126 ? d.readUnsignedShort() : len == 127 ? d.readLong() : len;
        byte[] p = new byte[(int) n];
        d.readFully(p);
        return new In(b0 & 0xF, p);
    }

    static void send(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(RawFrameWriter.frame().opcode(opcode).payload(payload).mask(0x11223344).toBytes());
    }

    static EchoServerConfig quiet() {
        return EchoServerConfig.defaults().withHeartbeat(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void echoesTextAndAnswersTheAcceptValue() throws Exception {
        try (EchoServer server = new EchoServer(quiet()); Socket s = connect(server.start(0), null)) {
            String h = head(s.getInputStream());
            assertThat(h).startsWith("HTTP/1.1 101").contains(Handshake.computeAccept(KEY));
            send(s.getOutputStream(), 1, "hi".getBytes(StandardCharsets.UTF_8));
            In f = frame(s.getInputStream());
            assertThat(f.opcode()).isEqualTo(1);
            assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("hi");
        }
    }

    @Test
    void aPeerThatNeverAnswersThePingGetsGoingAwayAndTcpClose() throws Exception {
        EchoServerConfig c = EchoServerConfig.defaults().withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(150));
        try (EchoServer server = new EchoServer(c); Socket s = connect(server.start(0), null)) {
            head(s.getInputStream());
            In ping = frame(s.getInputStream());
            assertThat(ping.opcode()).isEqualTo(9);
            In close = frame(s.getInputStream());
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aPeerThatAnswersStaysOpenAndTheTextHeartbeatIsOptional() throws Exception {
        // a generous pong timeout: this test is about answering, not about how fast a busy CI machine answers
        EchoServerConfig c = EchoServerConfig.defaults().withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(2000))
                .withTextHeartbeat(true);
        try (EchoServer server = new EchoServer(c); Socket s = connect(server.start(0), null)) {
            head(s.getInputStream());
            int pings = 0;
            int texts = 0;
            long end = System.nanoTime() + 700_000_000L;
            while (System.nanoTime() < end) {
                In f = frame(s.getInputStream());
                if (f.opcode() == 9) {
                    pings++;
                    send(s.getOutputStream(), 0xA, f.payload());
                } else if (f.opcode() == 1) {
                    texts++;
                    assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("heartbeat");
                } else {
                    throw new AssertionError("unexpected opcode " + f.opcode());
                }
            }
            assertThat(pings).isGreaterThanOrEqualTo(4);
            assertThat(texts).isGreaterThanOrEqualTo(4);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void aMessageOverTheLimitGets1009() throws Exception {
        try (EchoServer server = new EchoServer(quiet().withLimits(1024, 1024)); Socket s = connect(server.start(0), null)) {
            head(s.getInputStream());
            send(s.getOutputStream(), 2, new byte[1025]);
            In close = frame(s.getInputStream());
            assertThat(close.code()).isEqualTo(1009);
        }
    }

    @Test
    void aSlowReaderIsClosedWith1008() throws Exception {
        EchoServerConfig c = quiet().withLimits(64 * 1024, 64 * 1024).withMaxOutboundBytes(256 * 1024);
        try (EchoServer server = new EchoServer(c); Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.start(0)));
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            head(s.getInputStream());
            byte[] msg = RawFrameWriter.frame().opcode(2).payload(new byte[60 * 1024]).mask(1).toBytes();
            // write without reading until the server has given up on us
            try {
                for (int i = 0; i < 2000 && server.connectionCount() > 0; i++) {
                    s.getOutputStream().write(msg);
                }
            } catch (IOException closed) {
                // expected once the server drops us
            }
            // what we finally read, after the echoes that did fit, is Close 1008
            In f;
            do {
                f = frame(s.getInputStream());
            } while (f.opcode() == 2);
            assertThat(f.opcode()).isEqualTo(8);
            assertThat(f.code()).isEqualTo(1008);
        }
    }

    /** A client that writes 60 KiB messages and never reads, until the server drops it; its socket is returned open. */
    static Socket slowReader(int port, java.util.concurrent.atomic.AtomicBoolean stop) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        head(s.getInputStream());
        byte[] msg = RawFrameWriter.frame().opcode(2).payload(new byte[60 * 1024]).mask(1).toBytes();
        Thread t = new Thread(() -> {
            try {
                while (!stop.get()) {
                    s.getOutputStream().write(msg);
                }
            } catch (IOException closed) {
                // the server dropped us
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }

    @Test
    void slowReadersPastTheServersBudgetAreClosedWith1008AndOthersAreStillServed() throws Exception {
        // each slow reader alone stays under its own cap (8 MiB); together they pass the server's budget (1 MiB)
        EchoServerConfig c = quiet().withLimits(64 * 1024, 64 * 1024).withMaxOutboundBytes(8 * 1024 * 1024)
                .withMaxTotalOutboundBytes(1024 * 1024).withCloseTimeout(Duration.ofSeconds(3));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Socket> slow = new java.util.ArrayList<>();
        try (EchoServer server = new EchoServer(c)) {
            int port = server.start(0);
            for (int i = 0; i < 6; i++) {
                slow.add(slowReader(port, stop));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.shedCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.shedCount()).as("slow readers closed for the budget").isGreaterThanOrEqualTo(2);
            // a shed reader finds, after the echoes that got out, Close 1008 (one that was not shed may be dropped
            // for its own queue, or still be served)
            stop.set(true);
            boolean got1008 = false;
            for (Socket reader : slow) {
                try {
                    In f;
                    do {
                        f = frame(reader.getInputStream());
                    } while (f.opcode() == 2);
                    got1008 |= f.opcode() == 8 && f.code() == 1008;
                } catch (IOException ended) {
                    // dropped or timed out before a Close reached it
                }
                if (got1008) {
                    break;
                }
            }
            assertThat(got1008).as("a slow reader got Close 1008").isTrue();
            // what stays queued is bounded by the budget, and a fresh connection is served
            assertThat(server.outboundQueued()).isLessThanOrEqualTo(c.maxTotalOutboundBytes() + 128 * 1024);
            try (Socket fresh = connect(port, null)) {
                assertThat(head(fresh.getInputStream())).startsWith("HTTP/1.1 101");
                send(fresh.getOutputStream(), 1, "still here".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(frame(fresh.getInputStream()).payload(), StandardCharsets.UTF_8)).isEqualTo("still here");
            }
        } finally {
            stop.set(true);
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void anErrorOnOneConnectionCostsThatConnectionOnly() throws Exception {
        Connection.faultInjection = m -> {
            if (m.payload().length == 4 && new String(m.payload(), StandardCharsets.US_ASCII).equals("boom")) {
                throw new OutOfMemoryError("injected by the test");
            }
        };
        try (EchoServer server = new EchoServer(quiet())) {
            int port = server.start(0);
            try (Socket victim = connect(port, null); Socket other = connect(port, null)) {
                head(victim.getInputStream());
                head(other.getInputStream());
                send(victim.getOutputStream(), 1, "boom".getBytes(StandardCharsets.US_ASCII));
                assertThat(victim.getInputStream().read()).as("the failed connection is dropped").isEqualTo(-1);
                send(other.getOutputStream(), 1, "fine".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(frame(other.getInputStream()).payload(), StandardCharsets.US_ASCII)).isEqualTo("fine");
            }
            try (Socket fresh = connect(port, null)) {
                assertThat(head(fresh.getInputStream())).startsWith("HTTP/1.1 101");
            }
            assertThat(server.failure()).isEmpty();
        } finally {
            Connection.faultInjection = m -> { };
        }
    }

    @Test
    void aSelectorThreadThatDiesStopsTheServerAndSaysSo() throws Exception {
        try (EchoServer server = new EchoServer(quiet())) {
            int port = server.start(0);
            java.util.concurrent.CompletableFuture<Throwable> told = new java.util.concurrent.CompletableFuture<>();
            server.onFailure(told::complete);
            server.loops().get(0).selector.close();
            Throwable t = told.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(server.failure()).contains(t);
            // nothing lingers: a new connection is refused
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void connectionsOverTheLimitGet503() throws Exception {
        try (EchoServer server = new EchoServer(quiet().withMaxConnections(1))) {
            int port = server.start(0);
            try (Socket first = connect(port, null); Socket second = connect(port, null)) {
                assertThat(head(first.getInputStream())).startsWith("HTTP/1.1 101");
                assertThat(head(second.getInputStream())).startsWith("HTTP/1.1 503");
            }
        }
    }

    @Test
    void aHandshakeThatNeverCompletesIsDropped() throws Exception {
        try (EchoServer server = new EchoServer(quiet().withHandshakeTimeout(Duration.ofMillis(200)));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.start(0))) {
            s.setSoTimeout(3000);
            s.getOutputStream().write("GET /ws HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            try {
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("not dropped within 3 s");
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        }
    }

    @Test
    void originsOutsideTheAllowListGet403AndAllowAllIsExplicit() throws Exception {
        EchoServerConfig c = quiet().withOriginPolicy(OriginPolicy.allowList(Set.of("https://ok.example")));
        try (EchoServer server = new EchoServer(c)) {
            int port = server.start(0);
            try (Socket evil = connect(port, "https://evil.example"); Socket ok = connect(port, "https://ok.example");
                 Socket none = connect(port, null)) {
                assertThat(head(evil.getInputStream())).startsWith("HTTP/1.1 403");
                assertThat(head(ok.getInputStream())).startsWith("HTTP/1.1 101");
                assertThat(head(none.getInputStream())).startsWith("HTTP/1.1 101");
            }
        }
        assertThat(EchoServerConfig.defaults().originPolicy().allows(java.util.Optional.of("https://any.example"))).isFalse();
    }

    @Test
    void stopClosesOpenConnectionsWithGoingAway() throws Exception {
        EchoServer server = new EchoServer(quiet().withCloseTimeout(Duration.ofMillis(300)));
        try (Socket s = connect(server.start(0), null)) {
            head(s.getInputStream());
            Thread stopper = new Thread(server::stop);
            stopper.start();
            In close = frame(s.getInputStream());
            assertThat(close.code()).isEqualTo(1001);
            stopper.join(5000);
            assertThat(stopper.isAlive()).isFalse();
        }
    }
}

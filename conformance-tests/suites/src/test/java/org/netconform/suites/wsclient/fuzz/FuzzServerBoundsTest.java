package org.netconform.suites.wsclient.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.netconform.reference.websocket.RawFrameWriter;

/** The client suite's fuzzing server is bounded whatever the client does: floods, never reading, trickling. */
@Isolated("sets the fuzzing server's knobs")
class FuzzServerBoundsTest {
    private static final String REQUEST = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
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
    }

    @Test
    void aClientThatFloodsFramesIsDroppedAtItsBudget() throws Exception {
        set("netconform.wsclient.peerFrames", "500");
        try (FuzzServer server = FuzzServer.start(); Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            FuzzServer.Peer peer = server.accept(Duration.ofSeconds(2));
            assertThat(peer).isNotNull();
            peer.respond101();
            byte[] ping = RawFrameWriter.frame().opcode(9).payload(new byte[2]).mask(1).toBytes();
            OutputStream out = client.getOutputStream();
            try {
                for (int i = 0; i < 100_000 && peer.overBudget() == null; i++) {
                    out.write(ping);
                }
            } catch (java.io.IOException dropped) {
                // the server closed the connection
            }
            assertThat(peer.awaitTcpEnd(Duration.ofSeconds(2))).isTrue();
            assertThat(peer.overBudget()).startsWith("the client sent more than 500 frames");
            assertThat(peer.frames()).hasSizeLessThanOrEqualTo(500);
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotHangTheServersWrite() throws Exception {
        set("netconform.wsclient.writeTimeoutMs", "300");
        try (FuzzServer server = FuzzServer.start(); Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            FuzzServer.Peer peer = server.accept(Duration.ofSeconds(2));
            peer.respond101();
            long t0 = System.nanoTime();
            boolean sent = peer.send(Chop.WHOLE, RawFrameWriter.frame().opcode(2).payload(new byte[64 * 1024 * 1024]).toBytes());
            assertThat(sent).isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            assertThat(peer.writeStalled()).startsWith("the client did not read");
        }
    }

    @Test
    void aTricklingRequestIsHeldToTheTimeoutAsAWhole() throws Exception {
        try (FuzzServer server = FuzzServer.start(); Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            Thread trickle = new Thread(() -> {
                try {
                    for (byte b : REQUEST.getBytes(StandardCharsets.US_ASCII)) {
                        client.getOutputStream().write(b);
                        Thread.sleep(100);
                    }
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            long t0 = System.nanoTime();
            assertThat(server.accept(Duration.ofMillis(800))).isNull();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
            assertThat(server.wireLog()).contains("no complete request within 800 ms");
        }
    }
}

package org.netconform.reference.websocket;

import org.netconform.spi.websocket.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void rfcExamplesServerSide() {
        FrameEncoder server = new FrameEncoder(Role.SERVER);
        // §5.7 single-frame unmasked text, fragmented text, unmasked ping
        assertThat(hex(server.encode(Frame.text("Hello")))).isEqualTo("810548656c6c6f");
        assertThat(hex(server.encode(new Frame(false, Opcode.TEXT, "Hel".getBytes(StandardCharsets.US_ASCII)))))
                .isEqualTo("010348656c");
        assertThat(hex(server.encode(new Frame(true, Opcode.CONTINUATION, "lo".getBytes(StandardCharsets.US_ASCII)))))
                .isEqualTo("80026c6f");
        assertThat(hex(server.encode(Frame.ping(HELLO)))).isEqualTo("890548656c6c6f");
    }

    @Test
    void rfcExamplesClientSide() {
        FrameEncoder client = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(0x37fa213d), 0);
        // §5.7 single-frame masked text and masked pong
        assertThat(hex(client.encode(Frame.text("Hello")))).isEqualTo("818537fa213d7f9f4d5158");
        assertThat(hex(client.encode(Frame.pong(HELLO)))).isEqualTo("8a8537fa213d7f9f4d5158");
    }

    @Test
    void minimalLengthEncodingAtEachEdge() {
        FrameEncoder server = new FrameEncoder(Role.SERVER);
        assertThat(server.encode(Frame.binary(new byte[125]))).startsWith(0x82, 125).hasSize(127);
        assertThat(server.encode(Frame.binary(new byte[126]))).startsWith(0x82, 126, 0x00, 126).hasSize(130);
        assertThat(server.encode(Frame.binary(new byte[65535]))).startsWith(0x82, 126, 0xff, 0xff);
        // §5.7: 64 KiB binary in a single unmasked frame
        assertThat(server.encode(Frame.binary(new byte[65536])))
                .startsWith(0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0).hasSize(65546);
    }

    @Test
    void clientDrawsAFreshKeyPerFrame() {
        AtomicInteger next = new AtomicInteger(1);
        FrameEncoder client = new FrameEncoder(Role.CLIENT, next::getAndIncrement, 0);
        byte[] a = client.encode(Frame.text("x"));
        byte[] b = client.encode(Frame.text("x"));
        assertThat(a[1] & 0x80).isEqualTo(0x80);
        assertThat(java.util.Arrays.copyOfRange(a, 2, 6)).containsExactly(0, 0, 0, 1);
        assertThat(java.util.Arrays.copyOfRange(b, 2, 6)).containsExactly(0, 0, 0, 2);
    }

    @Test
    void serverIgnoresTheFramesMaskFields() {
        byte[] out = new FrameEncoder(Role.SERVER).encode(Frame.text("a").withMask(0x01020304));
        assertThat(out).containsExactly(0x81, 0x01, 'a');
    }

    @Test
    void refusesWhatASenderMustNotSend() {
        FrameEncoder server = new FrameEncoder(Role.SERVER);
        assertThatThrownBy(() -> server.encode(Frame.ping(new byte[126]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.encode(new Frame(false, Opcode.PING, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.encode(new Frame(true, Frame.RSV1, Opcode.TEXT, false, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        FrameEncoder withExtension = new FrameEncoder(Role.SERVER, MaskKeySource.fixed(0), Frame.RSV1);
        assertThat(withExtension.encode(new Frame(true, Frame.RSV1, Opcode.TEXT, false, 0, new byte[0])))
                .containsExactly(0xC1, 0x00);
    }

    @Property(tries = 300)
    void headerLengthMatchesOutput(@ForAll @IntRange(max = 70000) int len) {
        assertThat(new FrameEncoder(Role.SERVER).encode(Frame.binary(new byte[len])))
                .hasSize(FrameEncoder.headerLength(len, false) + len);
    }

    @Test
    void secureKeySourceIsTheDefault() {
        // two frames from a default client encoder: masked, and the keys are not constant zero
        FrameEncoder client = new FrameEncoder(Role.CLIENT);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            keys.add(hex(java.util.Arrays.copyOfRange(client.encode(Frame.text("")), 2, 6)));
        }
        assertThat(keys.size()).isGreaterThan(1);
    }
}

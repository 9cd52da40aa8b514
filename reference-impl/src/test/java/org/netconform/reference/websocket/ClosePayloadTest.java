package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClosePayloadTest {

    private static byte[] body(int code, byte... reason) {
        byte[] b = new byte[2 + reason.length];
        b[0] = (byte) (code >>> 8);
        b[1] = (byte) code;
        System.arraycopy(reason, 0, b, 2, reason.length);
        return b;
    }

    private static int codeOf(Runnable r) {
        try {
            r.run();
        } catch (WebSocketProtocolException e) {
            return e.closeCode();
        }
        return -1;
    }

    @Test
    void emptyBodyIsFine() {
        assertThat(ClosePayload.decode(new byte[0])).isEqualTo(ClosePayload.EMPTY);
        assertThat(ClosePayload.EMPTY.encode()).isEmpty();
    }

    @Test
    void oneOctetIsAProtocolError() {
        assertThat(codeOf(() -> ClosePayload.decode(new byte[] {3}))).isEqualTo(1002);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void codesThatMayNotBeSentAreProtocolErrors(int code) {
        assertThat(codeOf(() -> ClosePayload.decode(body(code)))).isEqualTo(1002);
        assertThatThrownBy(() -> ClosePayload.of(code).encode()).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void validCodesRoundTrip(int code) {
        ClosePayload p = ClosePayload.of(code, "bye ✓");
        assertThat(ClosePayload.decode(p.encode())).isEqualTo(p);
    }

    @Test
    void invalidUtf8ReasonIs1007() {
        assertThat(codeOf(() -> ClosePayload.decode(body(1000, (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD))))
                .isEqualTo(1007);
        assertThat(codeOf(() -> ClosePayload.decode(body(1000, (byte) 0xED, (byte) 0xA0, (byte) 0x80))))
                .isEqualTo(1007);
    }

    @Test
    void reasonLimitIs123Octets() {
        String r123 = "x".repeat(123);
        assertThat(ClosePayload.of(1000, r123).encode()).hasSize(125);
        assertThatThrownBy(() -> ClosePayload.of(1000, r123 + "x").encode()).isInstanceOf(IllegalArgumentException.class);
        // octets, not characters: 62 two-octet characters are 124 octets
        assertThatThrownBy(() -> ClosePayload.of(1000, "é".repeat(62)).encode()).isInstanceOf(IllegalArgumentException.class);
        byte[] tooLong = body(1000, "x".repeat(124).getBytes(StandardCharsets.US_ASCII));
        assertThat(codeOf(() -> ClosePayload.decode(tooLong))).isEqualTo(1002);
    }

    @Test
    void reasonWithoutCodeIsRefused() {
        assertThatThrownBy(() -> new ClosePayload(java.util.OptionalInt.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void publicConstructorAndAccessorCopyDefensively() {
        byte[] data = {1, 2, 3};
        Frame f = new Frame(true, 0, Opcode.BINARY, true, 0x01020304, data);
        data[0] = 9;
        assertThat(f.payload()).containsExactly(1, 2, 3);
        f.payload()[1] = 9;
        assertThat(f.payload()).containsExactly(1, 2, 3);
        Frame b = Frame.binary(data);
        data[1] = 9;
        assertThat(b.payload()).containsExactly(9, 2, 3);
    }

    @Test
    void owningTakesTheArrayAsItIs() {
        byte[] data = {1, 2, 3};
        Frame f = Frame.owning(true, 0, Opcode.BINARY, false, 0, data);
        assertThat(f.payloadArray()).isSameAs(data);
        assertThat(f).isEqualTo(Frame.binary(new byte[] {1, 2, 3}));
    }

    @Test
    void valueSemanticsAndChecks() {
        Frame a = new Frame(false, Frame.RSV1, Opcode.TEXT, true, 7, new byte[] {4});
        Frame b = new Frame(false, Frame.RSV1, Opcode.TEXT, true, 7, new byte[] {4});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.unmasked()).isEqualTo(new Frame(false, Frame.RSV1, Opcode.TEXT, false, 0, new byte[] {4}));
        assertThat(a.unmasked().withMask(7)).isEqualTo(a);
        assertThat(a.fin()).isFalse();
        assertThat(a.rsv()).isEqualTo(Frame.RSV1);
        assertThat(a.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(a.masked()).isTrue();
        assertThat(a.maskKey()).isEqualTo(7);
        assertThatThrownBy(() -> new Frame(true, 8, Opcode.TEXT, false, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame(true, 0, Opcode.TEXT, false, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame(true, 0, null, false, 0, new byte[0]))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Frame(true, 0, Opcode.TEXT, false, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}

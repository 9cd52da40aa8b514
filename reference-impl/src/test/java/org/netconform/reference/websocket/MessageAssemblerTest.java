package org.netconform.reference.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final List<Object> events = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(1000, new MessageAssembler.Listener() {
        @Override
        public void onMessage(Message message) {
            events.add(message);
        }

        @Override
        public void onControl(Frame frame) {
            events.add(frame);
        }
    });

    private static Frame text(boolean fin, byte... b) {
        return new Frame(fin, Opcode.TEXT, b);
    }

    private static Frame cont(boolean fin, byte... b) {
        return new Frame(fin, Opcode.CONTINUATION, b);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private int failCode(Frame f) {
        WebSocketProtocolException e = catchThrowableOfType(WebSocketProtocolException.class, () -> assembler.accept(f));
        assertThat(e).as("assembler must fail").isNotNull();
        return e.closeCode();
    }

    @Test
    void singleAndFragmentedMessages() {
        assembler.accept(Frame.text("Hello"));
        assembler.accept(new Frame(false, Opcode.BINARY, new byte[] {1}));
        assembler.accept(cont(false, (byte) 2));
        assembler.accept(cont(true));
        assertThat(events).containsExactly(Message.text("Hello"), Message.binary(new byte[] {1, 2}));
    }

    @Test
    void controlFramesBetweenFragmentsAreDeliveredImmediately() {
        assembler.accept(text(false, (byte) 'a'));
        Frame ping = Frame.ping(new byte[] {9});
        assembler.accept(ping);
        assertThat(events).containsExactly(ping);
        assembler.accept(cont(true, (byte) 'b'));
        assertThat(events).containsExactly(ping, Message.text("ab"));
    }

    @Test
    void continuationWithoutAMessageIs1002() {
        assertThat(failCode(cont(true, (byte) 'a'))).isEqualTo(1002);
    }

    @Test
    void newDataFrameDuringAMessageIs1002() {
        assembler.accept(text(false, (byte) 'a'));
        assertThat(failCode(text(true, (byte) 'b'))).isEqualTo(1002);
        // stays failed
        assertThat(failCode(Frame.ping(new byte[0]))).isEqualTo(1002);
    }

    @Test
    void codePointSplitAcrossFragmentsIsFine() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // e2 82 ac
        assembler.accept(text(false, euro[0]));
        assembler.accept(cont(false, euro[1]));
        assembler.accept(cont(true, euro[2]));
        assertThat(events).containsExactly(Message.text("€"));
    }

    @Test
    void invalidUtf8FailsInTheFragmentThatHoldsIt() {
        // Autobahn 6.4.1: valid prefix, then U+110000 in the second fragment, more text to come
        assembler.accept(text(false, hex("cebae1bdb9cf83cebcceb5")));
        assertThat(failCode(cont(false, hex("f4908080")))).isEqualTo(1007);
    }

    @Test
    void surrogateIs1007() {
        assertThat(failCode(text(true, hex("eda080")))).isEqualTo(1007);
    }

    @Test
    void overlongIs1007() {
        assertThat(failCode(text(true, hex("c080")))).isEqualTo(1007);
    }

    @Test
    void incompleteCodePointAtTheEndIs1007() {
        assembler.accept(text(false, hex("e282")));
        assertThat(failCode(cont(true))).isEqualTo(1007);
    }

    @Test
    void binaryIsNotValidated() {
        assembler.accept(Frame.binary(hex("c080ff")));
        assertThat(events).hasSize(1);
    }

    @Test
    void messageLimitIs1009() {
        assembler.accept(new Frame(false, Opcode.BINARY, new byte[600]));
        assertThat(failCode(cont(true, new byte[401]))).isEqualTo(1009);
    }

    @Test
    void closeBodiesAreValidated() {
        assertThat(failCode(new Frame(true, Opcode.CLOSE, new byte[] {3}))).isEqualTo(1002);
    }

    @Test
    void badCloseCodeIs1002() {
        assertThat(failCode(new Frame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xED}))).isEqualTo(1002); // 1005
    }

    @Test
    void closeReasonMustBeUtf8() {
        assertThat(failCode(new Frame(true, Opcode.CLOSE, hex("03e8eda080")))).isEqualTo(1007);
    }

    @Property(tries = 300)
    void anyFragmentationOfATextReassemblesToTheText(@ForAll @Size(max = 30) String s,
                                                     @ForAll @IntRange(min = 1, max = 5) int fragmentSize) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        List<byte[]> parts = WebSocketArbitraries.chop(b, List.of(fragmentSize));
        if (parts.isEmpty()) {
            parts = List.of(new byte[0]);
        }
        for (int i = 0; i < parts.size(); i++) {
            boolean fin = i == parts.size() - 1;
            assembler.accept(new Frame(fin, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, parts.get(i)));
            if (!fin && i % 2 == 0) {
                assembler.accept(Frame.pong(new byte[0]));
            }
        }
        assertThat(events.get(events.size() - 1)).isEqualTo(new Message(Opcode.TEXT, b));
        events.clear();
    }
}

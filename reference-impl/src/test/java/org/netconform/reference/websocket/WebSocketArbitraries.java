package org.netconform.reference.websocket;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Shared generators for the codec properties. */
final class WebSocketArbitraries {

    private WebSocketArbitraries() {
    }

    /** Payload sizes that hit each length form and its edges (§5.2), weighted to small ones. */
    static Arbitrary<byte[]> payloads(int max) {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(0, Math.min(max, 200))),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(0, 1, 125, 126, 127, 128, 65535, 65536)
                        .filter(n -> n <= max)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, max)));
        return size.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    /** Any frame a conforming sender could send, without RSV bits and unmasked (the model view). */
    static Arbitrary<Frame> validFrames(int maxPayload) {
        Arbitrary<Frame> data = Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY),
                payloads(maxPayload)).as(Frame::new);
        Arbitrary<Frame> control = Combinators.combine(
                Arbitraries.of(Opcode.PING, Opcode.PONG, Opcode.CLOSE),
                payloads(Frame.MAX_CONTROL_PAYLOAD)).as((op, p) -> new Frame(true, op, p));
        return Arbitraries.oneOf(data, control);
    }

    /** Cuts {@code data} into consecutive pieces whose sizes come from {@code cuts} (cycled). */
    static List<byte[]> chop(byte[] data, List<Integer> cuts) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        int i = 0;
        while (p < data.length) {
            int n = cuts.isEmpty() ? data.length : Math.max(1, cuts.get(i++ % cuts.size()));
            n = Math.min(n, data.length - p);
            out.add(java.util.Arrays.copyOfRange(data, p, p + n));
            p += n;
        }
        return out;
    }
}

package org.netconform.broken.websocket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netconform.reference.websocket.Masking;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;
import org.netconform.targets.reference.ReferenceWebSocketCodec;

/**
 * Deliberately broken WebSocket codecs, each wrong in one way, registered as targets of the suite's own
 * tests. Each wraps the reference codec and breaks one thing: the receiving side splits the input into
 * whole frames first, so one kind of frame can be let through (or rewritten) before the reference sees it.
 */
public abstract class BrokenWebSocketTarget implements Target {

    @Override
    public String description() {
        return "deliberately broken: " + getClass().getSimpleName();
    }

    @Override
    public List<AreaAdapter> adapters() {
        return List.of(new Broken(this));
    }

    /** Rewrites or consumes one whole frame; returns the octets to pass on (or null when it delivered itself). */
    abstract byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> textStarts);

    /** What a message delivered by the reference really was (the UTF-8 break turns TEXT into BINARY). */
    CodecEvent restore(CodecEvent e, Deque<Integer> starts) {
        return e;
    }

    /** The encoder for this role; the reference's unless broken. */
    WebSocketCodec.Encoder encoder(ReferenceWebSocketCodec ref, Role role) {
        return ref.encoder(role);
    }

    /** Called with a frame header as soon as it is complete (before its payload). */
    void onHeader(Header h, Limits limits) {
    }

    record Header(int b0, boolean masked, long length, int headerLength) {
        int opcode() {
            return b0 & 0xF;
        }

        boolean fin() {
            return (b0 & 0x80) != 0;
        }

        boolean control() {
            return (b0 & 0x8) != 0;
        }

        /** The header at the start of {@code b}, or null when it is not complete yet. */
        static Header parse(byte[] b, int n) {
            if (n < 2) {
                return null;
            }
            int len7 = b[1] & 0x7F;
            boolean masked = (b[1] & 0x80) != 0;
            int ext = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
            int hl = 2 + ext + (masked ? 4 : 0);
            if (n < hl) {
                return null;
            }
            long len = len7;
            if (ext > 0) {
                len = 0;
                for (int i = 0; i < ext; i++) {
                    len = len << 8 | (b[2 + i] & 0xFF);
                }
            }
            return new Header(b[0] & 0xFF, masked, len, hl);
        }

        byte[] payload(byte[] frame) {
            byte[] p = Arrays.copyOfRange(frame, headerLength, frame.length);
            if (masked) {
                int key = (frame[headerLength - 4] & 0xFF) << 24 | (frame[headerLength - 3] & 0xFF) << 16
                        | (frame[headerLength - 2] & 0xFF) << 8 | (frame[headerLength - 1] & 0xFF);
                Masking.mask(p, 0, p.length, key);
            }
            return p;
        }
    }

    /** The reference codec behind a frame splitter that lets the target break one thing. */
    static final class Broken implements WebSocketCodec {
        private final BrokenWebSocketTarget target;
        private final ReferenceWebSocketCodec ref = new ReferenceWebSocketCodec();

        Broken(BrokenWebSocketTarget target) {
            this.target = target;
        }

        @Override
        public Set<String> capabilities() {
            return ref.capabilities();
        }

        @Override
        public Map<String, String> notOwned() {
            return ref.notOwned();
        }

        @Override
        public Encoder encoder(Role sendingAs) {
            return target.encoder(ref, sendingAs);
        }

        @Override
        public java.util.Optional<String> computeAccept(String key) {
            return ref.computeAccept(key);
        }

        @Override
        public Receiver receiver(Role receivingAs, Limits limits) {
            Receiver inner = ref.receiver(receivingAs, limits);
            Deque<Integer> starts = new ArrayDeque<>();
            Splitter in = new Splitter();
            boolean[] headerSeen = {false};
            return chop -> {
                in.append(chop);
                List<CodecEvent> out = new ArrayList<>();
                while (true) {
                    Header h = in.header();
                    if (h == null) {
                        break;
                    }
                    if (!headerSeen[0]) {
                        headerSeen[0] = true;
                        target.onHeader(h, limits);
                    }
                    byte[] frame = in.take(h);
                    if (frame == null) {
                        break;
                    }
                    headerSeen[0] = false;
                    byte[] passOn = target.tamper(frame, h, out, starts);
                    if (passOn != null) {
                        for (CodecEvent e : inner.feed(passOn)) {
                            out.add(target.restore(e, starts));
                        }
                    }
                    if (out.stream().anyMatch(CodecEvent.Failure.class::isInstance)) {
                        break;
                    }
                }
                return out;
            };
        }
    }

    /** Cuts buffered input into whole frames without copying what is still to come. */
    static final class Splitter {
        private byte[] buf = new byte[256];
        private int start;
        private int end;

        void append(byte[] b) {
            if (end + b.length > buf.length) {
                int live = end - start;
                byte[] grown = live + b.length > buf.length ? new byte[Math.max(buf.length * 2, live + b.length)] : buf;
                System.arraycopy(buf, start, grown, 0, live);
                buf = grown;
                start = 0;
                end = live;
            }
            System.arraycopy(b, 0, buf, end, b.length);
            end += b.length;
        }

        Header header() {
            return Header.parse(Arrays.copyOfRange(buf, start, Math.min(end, start + 14)), Math.min(end - start, 14));
        }

        byte[] take(Header h) {
            if (h.length() < 0 || end - start - h.headerLength() < h.length()) {
                return null;
            }
            int total = (int) (h.headerLength() + h.length());
            byte[] frame = Arrays.copyOfRange(buf, start, start + total);
            start += total;
            return frame;
        }
    }

    /** Lets RSV bits through: clears them before the reference sees the frame. */
    public static final class AcceptsRsv extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-accepts-rsv";
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            frame[0] &= (byte) 0x8F;
            return frame;
        }
    }

    /** Skips UTF-8 validation: text goes through the reference as binary and comes out as text again. */
    public static final class SkipsUtf8 extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-skips-utf8";
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            if (h.opcode() == CodecEvent.TEXT || h.opcode() == CodecEvent.BINARY) {
                starts.addLast(h.opcode());
            }
            if (h.opcode() == CodecEvent.TEXT) {
                frame[0] = (byte) ((frame[0] & 0xF0) | CodecEvent.BINARY);
            }
            return frame;
        }

        @Override
        CodecEvent restore(CodecEvent e, Deque<Integer> starts) {
            if (e instanceof CodecEvent.Message m) {
                Integer type = starts.pollFirst();
                return new CodecEvent.Message(type == null ? m.opcode() : type, m.payload());
            }
            return e;
        }
    }

    /** Masks the frames it sends as a server (uses the client encoder for both roles). */
    public static final class MasksServerFrames extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-masks-server-frames";
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            return frame;
        }

        @Override
        WebSocketCodec.Encoder encoder(ReferenceWebSocketCodec ref, Role role) {
            return ref.encoder(Role.CLIENT);
        }
    }

    /** Accepts control frames over 125 octets: delivers them itself instead of failing. */
    public static final class AcceptsBigPing extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-accepts-126-byte-ping";
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            if (h.control() && h.length() > 125) {
                out.add(new CodecEvent.Control(h.opcode(), h.payload(frame)));
                return null;
            }
            return frame;
        }
    }

    /** Lets a control frame without FIN through: delivers it itself instead of failing. */
    public static final class PassesFragmentedControl extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-passes-fragmented-control";
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            if (h.control() && !h.fin()) {
                out.add(new CodecEvent.Control(h.opcode(), h.payload(frame)));
                return null;
            }
            return frame;
        }
    }

    /**
     * Trusts the length a header claims: allocates a buffer for it and waits for the payload. The
     * allocation is capped at 64 MiB so that the self-test does not exhaust the build's heap; a decoder
     * like this still never fails on a huge claim, which is what WS-LIMIT-1 must catch.
     */
    public static final class TrustsHugeLength extends BrokenWebSocketTarget {
        @Override
        public String id() {
            return "broken-ws-trusts-huge-length";
        }

        byte[] reserved;

        @Override
        void onHeader(Header h, Limits limits) {
            if (h.length() > limits.maxFramePayload()) {
                reserved = new byte[(int) Math.min(h.length() < 0 ? Long.MAX_VALUE : h.length(), 64 << 20)];
            }
        }

        @Override
        byte[] tamper(byte[] frame, Header h, List<CodecEvent> out, Deque<Integer> starts) {
            return frame;
        }
    }
}

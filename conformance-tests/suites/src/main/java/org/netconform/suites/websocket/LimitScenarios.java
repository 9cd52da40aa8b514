package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Limits;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Size limits (§10.4) and 1009: nothing of it is in Autobahn; 9.x's sizes are checked for content here. */
public class LimitScenarios {
    static final Limits SMALL = new Limits(1024, 4096);

    /**
     * Header of a binary frame claiming {@code claimed} octets with {@code sent} payload octets, then
     * (a second read) enough payload to pass the 1024-octet limit: WS-LIMIT-1 allows a receiver to
     * fail on the header or, at the latest, once the payload received passes its limit.
     */
    static List<byte[]> claiming(Role receiver, long claimed, int sent) {
        byte[] full = In.from(receiver.peer(), In.binary(In.filled(sent + 1025, 3)).declaredLength(claimed));
        int head = full.length - 1025;
        return List.of(java.util.Arrays.copyOf(full, head), java.util.Arrays.copyOfRange(full, head, full.length));
    }

    static Wire.Result decodeNoOom(WebSocketCodec codec, Role role, Limits limits, Wire.Chop chop, List<byte[]> frames) {
        try {
            return Wire.decode(codec, role, limits, chop, frames);
        } catch (OutOfMemoryError e) {
            throw new AssertionError("OutOfMemoryError: the decoder allocated for the claimed length", e);
        }
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-1")
    void hugeClaimedLengthFailsWithoutAllocating(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.LIMITS);
        List<String> bad = new ArrayList<>();
        List<String> waited = new ArrayList<>();
        for (long claimed : new long[] {1L << 62, (1L << 63) - 1, 1L << 60, 1L << 31, 1L << 20, 1025}) {
            for (Role role : Checks.BOTH) {
                for (Wire.Chop chop : Wire.Chop.values()) {
                    Wire.log("# claims " + claimed + " octets, 8 sent, limit 1024");
                    Wire.Result r = decodeNoOom(codec, role, SMALL, chop, claiming(role, claimed, 8));
                    if (r.failed() && r.failedAtChop() > 0 && chop == Wire.Chop.PER_FRAME) {
                        waited.add(claimed + " (" + role.name().toLowerCase() + ")");
                    }
                    if (!r.failed() || !r.delivered().isEmpty()) {
                        bad.add("claim of " + claimed + " with 8 octets sent: " + r.summary());
                    }
                }
            }
        }
        // a frame just over the limit, sent in full: failed at the latest when the payload passes the limit
        for (Role role : Checks.BOTH) {
            Wire.Result r = decodeNoOom(codec, role, SMALL, Wire.Chop.WHOLE, In.to(role, In.binary(In.filled(1025, 0))));
            if (!r.failed()) {
                bad.add("1025-octet frame over a 1024 limit: " + r.summary());
            }
        }
        Check.all("frame limit 1024: a header claiming 2^62, 2^63-1, 2^60, 2^31, 2^20, 1025 octets (8 payload octets, then "
                + "1025 more) fails at the latest when the payload passes the limit, without OutOfMemoryError", bad,
                waited.isEmpty() ? "failed on the header with 8 payload octets every time"
                        : "failed, but only after payload beyond the first 8 octets for " + waited);
    }

    /** A binary message in 64-octet fragments totalling {@code total} octets. */
    static List<byte[]> endless(Role receiver, int total) {
        List<RawFrameWriter> frames = new ArrayList<>();
        for (int sent = 0; sent < total; sent += 64) {
            frames.add(In.raw(sent == 0 ? CodecEvent.BINARY : CodecEvent.CONTINUATION, sent + 64 >= total, In.filled(64, sent)));
        }
        return In.to(receiver, frames.toArray(RawFrameWriter[]::new));
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-2")
    void endlessFragmentedMessageFails(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MESSAGE_LIMIT);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            List<byte[]> frames = endless(role, 64 * 1024);
            Wire.Result r = decodeNoOom(codec, role, SMALL, Wire.Chop.PER_FRAME, frames);
            // 4096 octets is 64 fragments: the 65th passes the limit
            if (!r.failed() || r.failedAtChop() > 64 || !r.messages().isEmpty()) {
                bad.add(role.name().toLowerCase() + " decoder: " + (r.failed() ? "failed at fragment " + (r.failedAtChop() + 1)
                        : "never failed") + ", " + r.messages().size() + " messages");
            }
        }
        Check.all("message limit 4096: a message of 64-octet fragments fails at the 65th fragment at the latest", bad,
                "failed in time");
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-3")
    void limitIsExactToTheOctet(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.LIMITS);
        List<String> bad = new ArrayList<>();
        for (Role role : Checks.BOTH) {
            Wire.Result at = Wire.decode(codec, role, SMALL, Wire.Chop.WHOLE, In.to(role, In.binary(In.filled(1024, 0))));
            Wire.Result over = Wire.decode(codec, role, SMALL, Wire.Chop.WHOLE, In.to(role, In.binary(In.filled(1025, 0))));
            if (at.failed() || at.messages().size() != 1) {
                bad.add(role + " refused a frame of exactly the limit: " + at.summary());
            }
            if (!over.failed()) {
                bad.add(role + " accepted a frame one octet over the limit");
            }
            if (codec.capabilities().contains(WebSocketCodec.MESSAGE_LIMIT)) {
                Wire.Result mAt = Wire.decode(codec, role, SMALL, Wire.Chop.WHOLE, endless(role, 4096));
                Wire.Result mOver = Wire.decode(codec, role, SMALL, Wire.Chop.WHOLE,
                        In.to(role, In.raw(2, false, In.filled(1024, 0)), In.cont(In.filled(1024, 0), false),
                                In.cont(In.filled(1024, 0), false), In.cont(In.filled(1024, 0), false), In.cont(In.filled(1, 0), true)));
                if (mAt.failed() || mAt.messages().size() != 1) {
                    bad.add(role + " refused a message of exactly the limit: " + mAt.summary());
                }
                if (!mOver.failed()) {
                    bad.add(role + " accepted a message one octet over the limit");
                }
            }
        }
        Check.all("frame limit 1024 (and message limit 4096 where the codec owns one): exactly the limit accepted, one more "
                + "refused", bad, "exact");
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-4")
    void tooBigFailsWith1009(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.LIMITS);
        List<String> bad = new ArrayList<>();
        Map<String, List<byte[]>> inputs = new LinkedHashMap<>();
        for (Role role : Checks.BOTH) {
            String r = " (" + role.name().toLowerCase() + ")";
            inputs.put("claims 2^62" + r, claiming(role, 1L << 62, 8));
            inputs.put("1025-octet frame" + r, In.to(role, In.binary(In.filled(1025, 0))));
            if (codec.capabilities().contains(WebSocketCodec.MESSAGE_LIMIT)) {
                inputs.put("8 KiB in 64-octet fragments" + r, endless(role, 8192));
            }
            for (Map.Entry<String, List<byte[]>> e : inputs.entrySet()) {
                if (!e.getKey().endsWith(r)) {
                    continue;
                }
                Wire.Result res = decodeNoOom(codec, role, SMALL, Wire.Chop.WHOLE, e.getValue());
                if (res.failed() && (res.closeCode().isEmpty() || res.closeCode().getAsInt() != 1009)) {
                    bad.add(e.getKey() + ": " + CloseScenarios.describe(res));
                }
            }
        }
        Check.all("1009 when a frame or message exceeds the limit", bad, "1009 throughout");
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-5")
    void largeMessagesArriveIntact(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        Limits big = new Limits(16 << 20, 16L << 20);
        // single frames of 64 KiB to 16 MiB (Autobahn 9.1/9.2), content checked
        for (int size : new int[] {64 << 10, 1 << 20, 16 << 20}) {
            byte[] payload = In.filled(size, size);
            Wire.Result r = Wire.decode(codec, Role.SERVER, big, Wire.Chop.WHOLE, In.to(Role.SERVER, In.binary(payload)));
            if (r.failed() || !r.messages().equals(List.of(Checks.binary(payload)))) {
                bad.add("binary frame of " + size + ": " + r.summary());
            }
        }
        // 4 MiB in fragments of 64 octets to 4 MiB (Autobahn 9.3/9.4)
        byte[] four = In.ascii(4 << 20);
        for (int frag : new int[] {64, 4096, 65536, 4 << 20}) {
            List<RawFrameWriter> frames = new ArrayList<>();
            for (int off = 0; off < four.length; off += frag) {
                frames.add(In.raw(off == 0 ? CodecEvent.TEXT : CodecEvent.CONTINUATION, off + frag >= four.length,
                        java.util.Arrays.copyOfRange(four, off, Math.min(four.length, off + frag))));
            }
            Wire.Result r = Wire.decode(codec, Role.SERVER, big, Wire.Chop.WHOLE, In.to(Role.SERVER, frames.toArray(RawFrameWriter[]::new)));
            if (r.failed() || !r.messages().equals(List.of(Checks.text(four)))) {
                bad.add("4 MiB text in " + frag + "-octet fragments: " + (r.failed() ? r.failure().get().describe()
                        : r.messages().size() + " messages"));
            }
        }
        // 1 MiB in reads of 64 octets to 2 KiB (Autobahn 9.5/9.6)
        byte[] one = In.filled(1 << 20, 1);
        for (Role role : Checks.BOTH) {
            byte[] all = Wire.concat(In.to(role, In.binary(one)));
            for (int chunk : new int[] {64, 2048}) {
                List<byte[]> chops = new ArrayList<>();
                for (int i = 0; i < all.length; i += chunk) {
                    chops.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk)));
                }
                Wire.resetLog();
                Wire.Result r = Wire.feed(codec.receiver(role, big), role, chunk + "-octet reads", chops);
                if (r.failed() || !r.messages().equals(List.of(Checks.binary(one)))) {
                    bad.add("1 MiB in " + chunk + "-octet reads, " + role.name().toLowerCase() + ": " + (r.failed()
                            ? r.failure().get().describe() : r.messages().size() + " messages"));
                }
            }
        }
        Check.all("64 KiB, 1 MiB, 16 MiB frames; 4 MiB in 64 B..4 MiB fragments; 1 MiB in 64 B and 2 KiB reads: content "
                + "intact", bad, "all intact");
    }

    @ConformanceTest
    @Requirement("WS-LIMIT-6")
    void limitsAreRecorded(WebSocketCodec codec) {
        Wire.require(codec);
        String when = "not probed (no configurable frame limit)";
        if (codec.capabilities().contains(WebSocketCodec.LIMITS)) {
            // only the header of a frame announcing more than the limit
            byte[] header = claiming(Role.CLIENT, 2048, 0).get(0);
            Wire.Result r = decodeNoOom(codec, Role.CLIENT, SMALL, Wire.Chop.WHOLE, List.of(header));
            when = r.failed() ? "fails on the header (" + CloseScenarios.describe(r) + ")" : "waits for payload beyond the limit";
        }
        Check.record("limits, and whether an announced oversize fails on the header",
                "asked for " + Limits.DEFAULT + ": " + codec.describeLimits(Limits.DEFAULT) + "; " + when);
    }
}

package org.netconform.suites.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.Requirement;
import org.netconform.reference.websocket.RawFrameHeader;
import org.netconform.reference.websocket.RawFrameWriter;
import org.netconform.spi.websocket.CodecEvent;
import org.netconform.spi.websocket.Outgoing;
import org.netconform.spi.websocket.Role;
import org.netconform.spi.websocket.WebSocketCodec;

/** Masking (RFC 6455 §5.1, §5.3, §10.3): none of it is checked by Autobahn. */
public class MaskingScenarios {

    @ConformanceTest
    @Requirement("WS-MASK-1")
    void clientMasksEveryFrame(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MASK_KEYS);
        WebSocketCodec.Encoder enc = codec.encoder(Role.CLIENT);
        List<String> bad = new ArrayList<>();
        for (Outgoing o : FramingScenarios.everyKind()) {
            byte[] f = FramingScenarios.encodeLogged(enc, Role.CLIENT, o);
            RawFrameHeader h = RawFrameHeader.of(f);
            if (!h.masked() || f.length != h.headerLength() + h.length()) {
                bad.add(o.describe() + (h.masked() ? ", its length disagreeing with the frame: " : " unmasked: ") + Wire.octets(f));
            }
        }
        Check.all("MASK bit set and a 4-octet key after the length in every client frame, data and control", bad,
                "all masked");
    }

    @ConformanceTest
    @Requirement("WS-MASK-2")
    void serverFailsOnAnUnmaskedFrame(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MASK_POLICY);
        Checks.mustFail(codec, List.of(Role.SERVER), List.of(
                Checks.Case.of("unmasked text from a client", r -> List.of(In.text("Hello").unmasked().toBytes())),
                Checks.Case.of("unmasked ping from a client", r -> List.of(In.ping(In.utf8("p")).unmasked().toBytes())),
                Checks.Case.of("unmasked close from a client",
                        r -> List.of(In.close(In.closeBody(1000, new byte[0])).unmasked().toBytes())),
                new Checks.Case("masked text, then an unmasked one", r -> List.of(
                        In.text("ok").mask(0x11223344).toBytes(), In.text("Hello").unmasked().toBytes()), 1)));
    }

    @ConformanceTest
    @Requirement("WS-MASK-3")
    void serverNeverMasks(WebSocketCodec codec) {
        Wire.require(codec);
        WebSocketCodec.Encoder enc = codec.encoder(Role.SERVER);
        List<String> bad = new ArrayList<>();
        for (Outgoing o : FramingScenarios.everyKind()) {
            byte[] f = FramingScenarios.encodeLogged(enc, Role.SERVER, o);
            RawFrameHeader h = RawFrameHeader.of(f);
            if (h.masked() || f.length != h.headerLength() + h.length()) {
                bad.add(o.describe() + (h.masked() ? " masked: " : ", its length disagreeing with the frame: ") + Wire.octets(f));
            }
        }
        Check.all("MASK bit clear and no key in every server frame", bad, "none masked");
    }

    @ConformanceTest
    @Requirement("WS-MASK-4")
    void clientFailsOnAMaskedFrame(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MASK_POLICY);
        Checks.mustFail(codec, List.of(Role.CLIENT), List.of(
                Checks.Case.of("masked text from a server", r -> List.of(In.text("Hello").mask(0x37fa213d).toBytes())),
                Checks.Case.of("masked pong from a server", r -> List.of(In.pong(In.utf8("p")).mask(0x01020304).toBytes())),
                Checks.Case.of("masked text with the key 00 00 00 00", r -> List.of(In.text("Hello").mask(0).toBytes()))));
    }

    @ConformanceTest
    @Requirement("WS-MASK-5")
    void maskedPayloadIsTheXorWithTheKey(WebSocketCodec codec) {
        Wire.require(codec);
        List<String> bad = new ArrayList<>();
        WebSocketCodec.Encoder enc = codec.encoder(Role.CLIENT);
        for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 9, 125, 126, 1000, 65536}) {
            byte[] plain = In.filled(n, n);
            byte[] f = enc.encode(Outgoing.binary(plain));
            RawFrameHeader h = RawFrameHeader.of(f);
            byte[] key = {(byte) (h.maskKey() >>> 24), (byte) (h.maskKey() >>> 16), (byte) (h.maskKey() >>> 8), (byte) h.maskKey()};
            boolean ok = h.masked() && h.length() == n && f.length == h.headerLength() + n;
            for (int i = 0; ok && i < n; i++) {
                ok = f[h.headerLength() + i] == (byte) (plain[i] ^ key[i % 4]);
            }
            if (!ok) {
                bad.add(n + " octets: " + Wire.octets(f));
            }
        }
        // the §5.7 vector, as a server decoder reads it
        Wire.Result r = Wire.decode(codec, Role.SERVER, Wire.Chop.WHOLE, List.of(Wire.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")));
        if (!r.messages().equals(List.of(Checks.text("Hello")))) {
            bad.add("81 85 37 fa 21 3d 7f 9f 4d 51 58 decoded as " + r.summary());
        }
        Check.all("payload octet i XOR key octet i mod 4; length field counts the payload only", bad,
                "holds for 0..65536 octets");
    }

    @ConformanceTest
    @Requirement("WS-MASK-6")
    void serverUnmasksEachFrameWithItsOwnKey(WebSocketCodec codec) {
        Wire.require(codec);
        byte[] a = In.filled(5, 1);
        byte[] b = In.filled(6, 2);
        byte[] c = In.filled(7, 3);
        byte[] whole = Wire.concat(List.of(a, b, c));
        Checks.mustDeliver(codec, List.of(Role.SERVER), Checks.Case.of("binary in 3 fragments (5, 6, 7 octets), 3 keys",
                r -> List.of(RawFrameWriter.frame().opcode(2).fin(false).payload(a).mask(0x01020304).toBytes(),
                        RawFrameWriter.frame().opcode(0).fin(false).payload(b).mask(0xa0b0c0d0).toBytes(),
                        RawFrameWriter.frame().opcode(0).fin(true).payload(c).mask(0x55aa55aa).toBytes())),
                List.of(Checks.binary(whole)));
        Checks.mustDeliver(codec, List.of(Role.SERVER), Checks.Case.of("two 13-octet text frames, different keys",
                r -> List.of(In.text("Hello, world!").mask(0x37fa213d).toBytes(),
                        In.text("Hello, world!").mask(0xcafebabe).toBytes())),
                List.of(Checks.text("Hello, world!"), Checks.text("Hello, world!")));
    }

    /** The keys of {@code n} client frames from one encoder. */
    static int[] keys(WebSocketCodec codec, int n, byte[] payload) {
        WebSocketCodec.Encoder enc = codec.encoder(Role.CLIENT);
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            RawFrameHeader h = RawFrameHeader.of(enc.encode(Outgoing.binary(payload)));
            keys[i] = h.masked() ? h.maskKey() : 0;
        }
        return keys;
    }

    @ConformanceTest
    @Requirement("WS-MASK-7")
    void everyFrameHasAFreshKey(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MASK_KEYS);
        int n = 10_000;
        int[] keys = keys(codec, n, In.filled(16, 0));
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k : keys) {
            counts.merge(k, 1, Integer::sum);
        }
        int repeats = n - counts.size();
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        int zeros = counts.getOrDefault(0, 0);
        int[] other = keys(codec, 8, In.filled(16, 0));
        int firstSame = keys[0] == other[0] ? 1 : 0;
        Wire.log("first keys: " + String.format("%08x %08x %08x %08x", keys[0], keys[1], keys[2], keys[3]));
        Wire.log("first keys of a second encoder: " + String.format("%08x %08x %08x %08x", other[0], other[1], other[2], other[3]));
        Check.that("10 000 keys: at most 2 repeats (uniform 32-bit keys repeat ~0.01 times), no key 3 times, "
                + "at most one all-zero key (an unmasked frame in disguise); a second encoder starts with a different key",
                repeats + " repeats, most frequent key " + max + " times, " + zeros + " zero keys, "
                        + "second encoder's first key " + (firstSame == 1 ? "the same" : "different"),
                repeats <= 2 && max <= 2 && zeros <= 1 && firstSame == 0);
    }

    @ConformanceTest
    @Requirement("WS-MASK-8")
    void keysAreUnpredictable(WebSocketCodec codec) {
        Wire.require(codec, WebSocketCodec.MASK_KEYS);
        int n = 4096;
        int[] keys = keys(codec, n, In.utf8("same payload"));
        List<String> bad = new ArrayList<>();
        // identical payloads, different keys
        if (keys[0] == keys[1] && keys[1] == keys[2]) {
            bad.add("identical payloads got the same key");
        }
        // constant difference or XOR between consecutive keys: a counter or an LFSR-like step
        Map<Integer, Integer> diffs = new HashMap<>();
        Map<Integer, Integer> xors = new HashMap<>();
        for (int i = 1; i < n; i++) {
            diffs.merge(keys[i] - keys[i - 1], 1, Integer::sum);
            xors.merge(keys[i] ^ keys[i - 1], 1, Integer::sum);
        }
        int maxDiff = diffs.values().stream().max(Integer::compare).orElse(0);
        int maxXor = xors.values().stream().max(Integer::compare).orElse(0);
        if (maxDiff > 3) {
            bad.add("the same difference between consecutive keys " + maxDiff + " times");
        }
        if (maxXor > 3) {
            bad.add("the same XOR between consecutive keys " + maxXor + " times");
        }
        // short cycle
        for (int period = 1; period <= 64; period++) {
            boolean cyc = true;
            for (int i = period; cyc && i < 512; i++) {
                cyc = keys[i] == keys[i - period];
            }
            if (cyc) {
                bad.add("keys repeat with period " + period);
                break;
            }
        }
        // monobit and runs tests (NIST SP 800-22 2.1 and 2.3) over the key bits, alpha = 0.0001
        long bits = (long) n * 32;
        long ones = 0;
        long runs = 1;
        int prev = keys[0] >>> 31;
        for (int i = 0; i < n; i++) {
            for (int b = 31; b >= 0; b--) {
                int bit = (keys[i] >>> b) & 1;
                ones += bit;
                if (i > 0 || b < 31) {
                    if (bit != prev) {
                        runs++;
                    }
                }
                prev = bit;
            }
        }
        double s = Math.abs(2.0 * ones - bits) / Math.sqrt(bits);
        double pi = (double) ones / bits;
        double runsZ = Math.abs(runs - 2.0 * bits * pi * (1 - pi)) / (2.0 * Math.sqrt(2.0 * bits) * pi * (1 - pi));
        // |z| > 3.89 is p < 0.0001 for a two-sided normal test
        if (s > 3.89) {
            bad.add(String.format("monobit test fails: %d ones in %d bits (z = %.2f)", ones, bits, s));
        }
        if (runsZ > 3.89 || Math.abs(pi - 0.5) >= 2 / Math.sqrt(bits)) {
            bad.add(String.format("runs test fails: %d runs in %d bits (z = %.2f)", runs, bits, runsZ));
        }
        Wire.log(String.format("keys %08x %08x %08x %08x ...", keys[0], keys[1], keys[2], keys[3]));
        Check.all("identical payloads, different keys; no constant step, XOR or short cycle; "
                + "key bits pass monobit and runs tests (p > 0.0001)", bad,
                String.format("%d keys: %d ones of %d bits, %d runs; no pattern", n, ones, bits, runs));
    }
}

package org.netconform.reference.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and writes STUN messages (RFC 8489 §5, §14, §14.7). Writing lays out the header (the two
 * zero bits, type, length, magic cookie or a classic 128-bit ID, transaction ID) and the attributes
 * with zero padding, and appends FINGERPRINT on request. Reading ({@link #parse}) accepts exactly
 * the well-formed messages: anything {@link RawStunMessage} finds a problem with is refused with
 * that problem, a message without the magic cookie is read as a classic (RFC 3489) one, and a
 * FINGERPRINT, when present, must be last and right; it is then removed from the attributes.
 */
public final class StunCodec {
    public static final int HEADER = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int FINGERPRINT_XOR = 0x5354554E;

    /** How to write: with FINGERPRINT or not, and the octet padding is filled with (0 but for tests). */
    public record Options(boolean fingerprint, byte paddingFill) {
        public static final Options PLAIN = new Options(false, (byte) 0);
        public static final Options FINGERPRINT = new Options(true, (byte) 0);

        public Options withPaddingFill(int fill) {
            return new Options(fingerprint, (byte) fill);
        }
    }

    /** The result of {@link #parse}: a message, or why the datagram is refused. */
    public sealed interface Parse permits Parsed, Refused {
    }

    /** A well-formed message; {@code fingerprinted} when it carried a (correct) FINGERPRINT. */
    public record Parsed(StunMessage message, boolean fingerprinted) implements Parse {
    }

    /** Not a well-formed STUN message: the first problem found, and all of them in words. */
    public record Refused(RawStunMessage.Problem problem, String detail) implements Parse {
    }

    private StunCodec() {
    }

    public static byte[] encode(StunMessage m) {
        return encode(m, Options.PLAIN);
    }

    public static byte[] encode(StunMessage m, Options options) {
        List<StunAttribute> attrs = new ArrayList<>(m.attributes());
        int size = HEADER;
        for (StunAttribute a : attrs) {
            size += 4 + Bytes.padded(a.length());
        }
        int fpAt = size;
        if (options.fingerprint()) {
            size += 8;
        }
        if (size - HEADER > 0xFFFF) {
            throw new IllegalArgumentException("a message body has at most 65535 octets: " + (size - HEADER));
        }
        byte[] out = new byte[size];
        Bytes.put16(out, 0, m.type());
        Bytes.put16(out, 2, size - HEADER);
        byte[] id = m.transactionId().bytes();
        if (id.length == 12) {
            Bytes.put32(out, 4, MAGIC_COOKIE);
            System.arraycopy(id, 0, out, 8, 12);
        } else {
            System.arraycopy(id, 0, out, 4, 16);
        }
        int off = HEADER;
        for (StunAttribute a : attrs) {
            Bytes.put16(out, off, a.type());
            Bytes.put16(out, off + 2, a.length());
            byte[] v = a.value();
            System.arraycopy(v, 0, out, off + 4, v.length);
            for (int i = off + 4 + v.length; i < off + 4 + Bytes.padded(v.length); i++) {
                out[i] = options.paddingFill();
            }
            off += 4 + Bytes.padded(v.length);
        }
        if (options.fingerprint()) {
            Bytes.put16(out, fpAt, AttributeType.FINGERPRINT);
            Bytes.put16(out, fpAt + 2, 4);
            Bytes.put32(out, fpAt + 4, fingerprint(out, fpAt));
        }
        return out;
    }

    /** The FINGERPRINT value of a message whose FINGERPRINT attribute starts at {@code fingerprintOffset}. */
    public static int fingerprint(byte[] message, int fingerprintOffset) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, fingerprintOffset);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    /** Reads a datagram strictly; never throws. */
    public static Parse parse(byte[] datagram) {
        return parse(datagram, false);
    }

    /**
     * Reads a datagram strictly; with {@code requireFingerprint} (a reader that uses the FINGERPRINT
     * mechanism, RFC 8489 §6.3) a message without FINGERPRINT is refused too. Never throws.
     */
    public static Parse parse(byte[] datagram, boolean requireFingerprint) {
        RawStunMessage raw = RawStunMessage.read(datagram);
        if (!raw.wellFormed()) {
            return new Refused(raw.problems().get(0), String.join("; ", raw.details()));
        }
        if (requireFingerprint && raw.first(AttributeType.FINGERPRINT).isEmpty()) {
            return new Refused(RawStunMessage.Problem.FINGERPRINT_MISSING, "no FINGERPRINT, and the reader requires one");
        }
        List<StunAttribute> attrs = new ArrayList<>();
        boolean fingerprinted = false;
        for (RawStunMessage.RawAttribute a : raw.attributes()) {
            if (a.type() == AttributeType.FINGERPRINT) {
                fingerprinted = true;
            } else {
                attrs.add(a.attribute());
            }
        }
        int type = raw.type();
        StunMessage m = new StunMessage(MessageType.method(type), MessageType.cls(type), raw.effectiveTransactionId(), attrs);
        return new Parsed(m, fingerprinted);
    }
}

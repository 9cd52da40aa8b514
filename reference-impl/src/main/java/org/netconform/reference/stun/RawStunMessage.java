package org.netconform.reference.stun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A lenient reading of a datagram as a STUN message: every header field and every attribute as the
 * octets say, padding included, with the rules of RFC 8489 §5, §14 and §14.7 it breaks listed as
 * {@link Problem}s instead of refused. For harnesses that must look at what a peer got wrong;
 * {@link StunCodec#parse} is the strict reading built on it. Reading never throws.
 */
public final class RawStunMessage {
    /** What can make a datagram not a well-formed STUN message. */
    public enum Problem {
        /** Fewer than the 20 octets of the header. */
        TOO_SHORT,
        /** The two most significant bits are not zero (§5). */
        LEADING_BITS,
        /** Message Length is not a multiple of 4 (§5). */
        LENGTH_NOT_MULTIPLE_OF_FOUR,
        /** Message Length is not the number of octets after the header (§5). */
        LENGTH_MISMATCH,
        /** An attribute, or its padding, runs past the end of the datagram (§14). */
        ATTRIBUTE_OVERRUN,
        /** FINGERPRINT is not the last attribute (§14.7). */
        FINGERPRINT_NOT_LAST,
        /** FINGERPRINT does not hold the CRC-32 of the message XOR 0x5354554E, or is not 4 octets (§14.7). */
        FINGERPRINT_MISMATCH,
        /** No FINGERPRINT, where the reader uses the mechanism and requires one (§6.3); never found by {@link #read}. */
        FINGERPRINT_MISSING
    }

    /** One attribute as written: where it starts, its type, declared length, value and padding octets. */
    public record RawAttribute(int offset, int type, int declaredLength, byte[] value, byte[] padding) {
        public boolean paddingIsZero() {
            for (byte b : padding) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        public StunAttribute attribute() {
            return new StunAttribute(type, value);
        }

        @Override
        public String toString() {
            return AttributeType.name(type) + "@" + offset + "(" + declaredLength + ")";
        }
    }

    private final byte[] datagram;
    private final List<RawAttribute> attributes;
    private final List<Problem> problems;
    private final List<String> details;

    private RawStunMessage(byte[] datagram, List<RawAttribute> attributes, List<Problem> problems, List<String> details) {
        this.datagram = datagram;
        this.attributes = List.copyOf(attributes);
        this.problems = List.copyOf(problems);
        this.details = List.copyOf(details);
    }

    public static RawStunMessage read(byte[] datagram) {
        byte[] d = datagram.clone();
        List<RawAttribute> attrs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (d.length < StunCodec.HEADER) {
            problems.add(Problem.TOO_SHORT);
            details.add(d.length + " octets, fewer than the 20-octet header");
            return new RawStunMessage(d, attrs, problems, details);
        }
        if ((d[0] & 0xC0) != 0) {
            problems.add(Problem.LEADING_BITS);
            details.add(String.format("first octet 0x%02X: the two most significant bits are not zero", d[0] & 0xFF));
        }
        int length = Bytes.u16(d, 2);
        if (length % 4 != 0) {
            problems.add(Problem.LENGTH_NOT_MULTIPLE_OF_FOUR);
            details.add("Message Length " + length + " is not a multiple of 4");
        }
        if (length != d.length - StunCodec.HEADER) {
            problems.add(Problem.LENGTH_MISMATCH);
            details.add("Message Length " + length + " but " + (d.length - StunCodec.HEADER) + " octets follow the header");
        }
        int off = StunCodec.HEADER;
        while (off < d.length) {
            if (d.length - off < 4) {
                problems.add(Problem.ATTRIBUTE_OVERRUN);
                details.add((d.length - off) + " octets at " + off + " are too few for an attribute header");
                break;
            }
            int type = Bytes.u16(d, off);
            int len = Bytes.u16(d, off + 2);
            int valueEnd = off + 4 + len;
            int paddedEnd = off + 4 + Bytes.padded(len);
            if (paddedEnd > d.length) {
                problems.add(Problem.ATTRIBUTE_OVERRUN);
                details.add(AttributeType.name(type) + " at " + off + " declares " + len + " octets"
                        + (valueEnd <= d.length ? " and " + (paddedEnd - valueEnd) + " of padding" : "") + " but "
                        + (d.length - off - 4) + " remain");
                byte[] value = Arrays.copyOfRange(d, off + 4, Math.min(valueEnd, d.length));
                byte[] pad = valueEnd < d.length ? Arrays.copyOfRange(d, valueEnd, d.length) : new byte[0];
                attrs.add(new RawAttribute(off, type, len, value, pad));
                break;
            }
            attrs.add(new RawAttribute(off, type, len, Arrays.copyOfRange(d, off + 4, valueEnd),
                    Arrays.copyOfRange(d, valueEnd, paddedEnd)));
            off = paddedEnd;
        }
        for (int i = 0; i < attrs.size(); i++) {
            RawAttribute a = attrs.get(i);
            if (a.type() != AttributeType.FINGERPRINT) {
                continue;
            }
            if (i != attrs.size() - 1) {
                problems.add(Problem.FINGERPRINT_NOT_LAST);
                details.add("FINGERPRINT at " + a.offset() + " is followed by " + attrs.get(i + 1));
            } else if (a.value().length != 4 || a.declaredLength() != 4
                    || Bytes.u32(a.value(), 0) != StunCodec.fingerprint(d, a.offset())) {
                problems.add(Problem.FINGERPRINT_MISMATCH);
                details.add(a.value().length != 4 ? "FINGERPRINT has " + a.declaredLength() + " octets, not 4"
                        : String.format("FINGERPRINT 0x%08X, the message's is 0x%08X", Bytes.u32(a.value(), 0),
                        StunCodec.fingerprint(d, a.offset())));
            }
        }
        return new RawStunMessage(d, attrs, problems, details);
    }

    public byte[] datagram() {
        return datagram.clone();
    }

    public boolean wellFormed() {
        return problems.isEmpty();
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One line per problem, in the order of {@link #problems()}. */
    public List<String> details() {
        return details;
    }

    public boolean hasHeader() {
        return datagram.length >= StunCodec.HEADER;
    }

    /** The whole 16-bit first field (the two leading bits and the 14-bit type). */
    public int typeField() {
        return Bytes.u16(datagram, 0);
    }

    /** The 14-bit message type. */
    public int type() {
        return typeField() & 0x3FFF;
    }

    public int lengthField() {
        return Bytes.u16(datagram, 2);
    }

    public int cookieField() {
        return Bytes.u32(datagram, 4);
    }

    public boolean hasMagicCookie() {
        return cookieField() == StunCodec.MAGIC_COOKIE;
    }

    /** The 96 bits after the cookie. */
    public TransactionId transactionId() {
        return TransactionId.of(Arrays.copyOfRange(datagram, 8, 20));
    }

    /** The 128 bits after the length, as an RFC 3489 agent reads them. */
    public TransactionId classicTransactionId() {
        return TransactionId.of(Arrays.copyOfRange(datagram, 4, 20));
    }

    /** The ID in the sense of the message: 96 bits with the magic cookie, 128 without. */
    public TransactionId effectiveTransactionId() {
        return hasMagicCookie() ? transactionId() : classicTransactionId();
    }

    public List<RawAttribute> attributes() {
        return attributes;
    }

    public Optional<RawAttribute> first(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    @Override
    public String toString() {
        if (!hasHeader()) {
            return "(" + datagram.length + " octets: " + details + ")";
        }
        return MessageType.describe(type()) + " length " + lengthField() + (hasMagicCookie() ? "" : " (no magic cookie)")
                + " " + effectiveTransactionId() + " " + attributes + (problems.isEmpty() ? "" : " " + details);
    }
}

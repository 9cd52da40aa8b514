package org.netconform.suites.stun;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.ErrorCode;
import org.netconform.reference.stun.RawStunMessage;
import org.netconform.reference.stun.StunFormatException;

/**
 * What the spec says a value must be, computed here from the RFC text and not by the reference codec
 * (which the codec suite judges with these), and readings of replies that a check needs.
 */
final class StunExpect {
    static final int MAGIC_COOKIE = 0x2112A442;
    static final HexFormat HEX = HexFormat.of().withUpperCase();

    private StunExpect() {
    }

    /** The XOR-MAPPED-ADDRESS value for an address in a message with this 96-bit ID (RFC 8489 §14.2). */
    static byte[] xorAddressValue(InetSocketAddress a, byte[] transactionId) {
        byte[] ip = a.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 0x01 : 0x02);
        int xport = a.getPort() ^ (MAGIC_COOKIE >>> 16);
        v[2] = (byte) (xport >>> 8);
        v[3] = (byte) xport;
        byte[] key = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId, 0, 12).array();
        for (int i = 0; i < ip.length; i++) {
            v[4 + i] = (byte) (ip[i] ^ key[i]);
        }
        return v;
    }

    /** The MAPPED-ADDRESS value for an address (RFC 8489 §14.1). */
    static byte[] plainAddressValue(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 0x01 : 0x02);
        v[2] = (byte) (a.getPort() >>> 8);
        v[3] = (byte) a.getPort();
        System.arraycopy(ip, 0, v, 4, ip.length);
        return v;
    }

    /** FINGERPRINT of the octets before {@code offset} (RFC 8489 §14.7), with java.util.zip.CRC32. */
    static int fingerprint(byte[] message, int offset) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, offset);
        return (int) crc.getValue() ^ 0x5354554E;
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /** The 14-bit type field of a reply, as 0xNNNN. */
    static String type(RawStunMessage raw) {
        return String.format("0x%04X", raw.type());
    }

    /** A reply's address attribute of the MAPPED-ADDRESS format, read; empty if absent or unreadable. */
    static Optional<InetSocketAddress> address(RawStunMessage raw, int type) {
        try {
            return raw.first(type).map(a -> Attributes.readAddress(a.value()));
        } catch (StunFormatException e) {
            return Optional.empty();
        }
    }

    /** XOR-MAPPED-ADDRESS read with the reply's own transaction ID; empty if absent or unreadable. */
    static Optional<InetSocketAddress> xorMapped(RawStunMessage raw) {
        try {
            return raw.first(AttributeType.XOR_MAPPED_ADDRESS)
                    .map(a -> Attributes.readXorAddress(a.value(), raw.transactionId()));
        } catch (StunFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<ErrorCode> errorCode(RawStunMessage raw) {
        try {
            return raw.first(AttributeType.ERROR_CODE).map(a -> ErrorCode.read(a.attribute()));
        } catch (StunFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<List<Integer>> unknownAttributes(RawStunMessage raw) {
        try {
            return raw.first(AttributeType.UNKNOWN_ATTRIBUTES).map(a -> Attributes.readUnknownAttributes(a.attribute()));
        } catch (StunFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isSuccess(RawStunMessage raw) {
        return raw.hasHeader() && (raw.type() & 0x0110) == 0x0100;
    }

    static boolean isError(RawStunMessage raw) {
        return raw.hasHeader() && (raw.type() & 0x0110) == 0x0110;
    }

    static boolean isErrorWith(RawStunMessage raw, int code) {
        return isError(raw) && errorCode(raw).map(ErrorCode::code).orElse(0) == code;
    }

    /** Decodes strict UTF-8, or empty. */
    static Optional<String> utf8(byte[] b) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Characters of a string, counting code points. */
    static int characters(String s) {
        return s.codePointCount(0, s.length());
    }
}

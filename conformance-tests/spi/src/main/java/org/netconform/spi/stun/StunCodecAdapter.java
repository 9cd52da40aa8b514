package org.netconform.spi.stun;

import java.net.InetSocketAddress;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * A STUN message codec in process (the {@code codec} layer), for a library that has one apart from
 * its server or client. Implement each method with the library's own calls and fix nothing up: a
 * datagram the library accepts must come back as {@link Read}, whatever it is.
 *
 * <p>Capabilities: {@link #FINGERPRINT_CHECK} (it can be told to require and check FINGERPRINT),
 * {@link #CLASSIC} (it reads and writes RFC 3489 messages with 128-bit IDs), {@link #IPV6} (its
 * address attributes take IPv6).
 */
public interface StunCodecAdapter extends AreaAdapter {
    String FINGERPRINT_CHECK = "fingerprint-check";
    String CLASSIC = "rfc3489";
    String IPV6 = "ipv6";

    /** What reading a datagram gave. */
    sealed interface Result permits Read, Refused {
    }

    /** The library read a message; {@code fingerprinted} when it carried FINGERPRINT (which it checked). */
    record Read(WireMessage message, boolean fingerprinted) implements Result {
    }

    /** The library refused the datagram, in its words. */
    record Refused(String why) implements Result {
    }

    @Override
    default Layer layer() {
        return Layer.CODEC;
    }

    /**
     * Reads one datagram. With {@code requireFingerprint} (only asked of a codec that declares
     * {@link #FINGERPRINT_CHECK}) a message without FINGERPRINT is refused too. Must not throw for
     * any input: a thrown exception is a failure of the codec, not a refusal.
     */
    Result read(byte[] datagram, boolean requireFingerprint);

    /** Writes a message, with FINGERPRINT appended when asked. */
    byte[] write(WireMessage message, boolean fingerprint);

    /**
     * The value of an address attribute of {@code type} (XOR-MAPPED-ADDRESS in XOR form; MAPPED-ADDRESS,
     * OTHER-ADDRESS, ... plain) in a message with this transaction ID, as the library writes it.
     */
    byte[] writeAddress(int type, InetSocketAddress address, byte[] transactionId);

    /** Reads an address attribute's value as the library does. */
    InetSocketAddress readAddress(int type, byte[] value, byte[] transactionId);
}

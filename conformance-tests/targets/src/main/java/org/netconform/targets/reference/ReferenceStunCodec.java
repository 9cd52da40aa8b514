package org.netconform.targets.reference;

import java.net.InetSocketAddress;
import java.util.Set;
import org.netconform.reference.stun.AttributeType;
import org.netconform.reference.stun.Attributes;
import org.netconform.reference.stun.StunClass;
import org.netconform.reference.stun.StunAttribute;
import org.netconform.reference.stun.StunCodec;
import org.netconform.reference.stun.StunMessage;
import org.netconform.reference.stun.TransactionId;
import org.netconform.spi.stun.StunCodecAdapter;
import org.netconform.spi.stun.WireAttribute;
import org.netconform.spi.stun.WireMessage;

/** The reference STUN codec ({@link StunCodec}) at the codec layer. */
public final class ReferenceStunCodec implements StunCodecAdapter {

    @Override
    public Set<String> capabilities() {
        return Set.of(FINGERPRINT_CHECK, CLASSIC, IPV6);
    }

    @Override
    public Result read(byte[] datagram, boolean requireFingerprint) {
        StunCodec.Parse p = StunCodec.parse(datagram, requireFingerprint);
        if (p instanceof StunCodec.Refused r) {
            return new Refused(r.problem() + ": " + r.detail());
        }
        StunCodec.Parsed parsed = (StunCodec.Parsed) p;
        StunMessage m = parsed.message();
        return new Read(new WireMessage(m.method(), m.cls().bits(), m.transactionId().bytes(),
                m.attributes().stream().map(a -> new WireAttribute(a.type(), a.value())).toList()), parsed.fingerprinted());
    }

    @Override
    public byte[] write(WireMessage message, boolean fingerprint) {
        StunMessage m = new StunMessage(message.method(), StunClass.ofBits(message.cls()), TransactionId.of(message.transactionId()),
                message.attributes().stream().map(a -> new StunAttribute(a.type(), a.value())).toList());
        return StunCodec.encode(m, fingerprint ? StunCodec.Options.FINGERPRINT : StunCodec.Options.PLAIN);
    }

    @Override
    public byte[] writeAddress(int type, InetSocketAddress address, byte[] transactionId) {
        return type == AttributeType.XOR_MAPPED_ADDRESS
                ? Attributes.xorAddress(type, address, TransactionId.of(transactionId)).value()
                : Attributes.addressValue(address);
    }

    @Override
    public InetSocketAddress readAddress(int type, byte[] value, byte[] transactionId) {
        return type == AttributeType.XOR_MAPPED_ADDRESS ? Attributes.readXorAddress(value, TransactionId.of(transactionId))
                : Attributes.readAddress(value);
    }
}

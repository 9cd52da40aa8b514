package org.netconform.reference.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A STUN message: type (method and class), transaction ID and attributes in order. A message with
 * a 128-bit transaction ID is a classic RFC 3489 message and is written without the magic cookie.
 * FINGERPRINT is not kept here: the codec adds it on request and checks it on reading.
 */
public record StunMessage(int method, StunClass cls, TransactionId transactionId, List<StunAttribute> attributes) {

    public StunMessage {
        if ((method & ~0xFFF) != 0) {
            throw new IllegalArgumentException("a method has 12 bits: " + method);
        }
        attributes = List.copyOf(attributes);
    }

    public static StunMessage bindingRequest(TransactionId id, StunAttribute... attributes) {
        return new StunMessage(MessageType.BINDING, StunClass.REQUEST, id, List.of(attributes));
    }

    /** The 14-bit type field. */
    public int type() {
        return MessageType.encode(method, cls);
    }

    public boolean classic() {
        return transactionId.classic();
    }

    public boolean isBinding() {
        return method == MessageType.BINDING;
    }

    /** The first attribute of this type (RFC 8489 §14: only the first occurrence needs processing). */
    public Optional<StunAttribute> attribute(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    public boolean has(int type) {
        return attribute(type).isPresent();
    }

    public StunMessage with(StunAttribute attribute) {
        List<StunAttribute> all = new ArrayList<>(attributes);
        all.add(attribute);
        return new StunMessage(method, cls, transactionId, all);
    }

    public StunMessage without(int type) {
        return new StunMessage(method, cls, transactionId, attributes.stream().filter(a -> a.type() != type).toList());
    }

    @Override
    public String toString() {
        return MessageType.describe(type()) + " " + transactionId + (classic() ? " (classic)" : "") + " " + attributes;
    }
}

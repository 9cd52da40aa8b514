package org.netconform.reference.stun;

/** An attribute value that does not have the format its type requires. */
public final class StunFormatException extends RuntimeException {
    public StunFormatException(String message) {
        super(message);
    }
}

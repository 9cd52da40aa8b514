package org.netconform.reference.byteorder;

/** Fewer octets than a field's width: an error, never a partial or zero-padded value (BO-TRUNC-1). */
public final class TruncatedInputException extends IllegalArgumentException {
    public TruncatedInputException(int needed, int available) {
        super("field needs " + needed + " octets, only " + available + " available");
    }
}

package org.netconform.reference.byteorder;

/** More octets than the one field they were given for: signalled, never ignored (BO-EXTRA-1). */
public final class ExtraInputException extends IllegalArgumentException {
    public ExtraInputException(int width, int given) {
        super("field is " + width + " octets wide, " + given + " were given");
    }
}

package org.netconform.spi.nat;

/** The lab itself failed (an agent died, a namespace vanished, a command was refused): ERROR, not a verdict. */
public class NatLabException extends RuntimeException {
    public NatLabException(String message) {
        super(message);
    }

    public NatLabException(String message, Throwable cause) {
        super(message, cause);
    }
}

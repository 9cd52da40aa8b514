package org.netconform.netlab;

/**
 * The lab itself failed: a command was refused, an agent died or did not answer, a namespace vanished.
 * Never a verdict on the NAT under test.
 */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}

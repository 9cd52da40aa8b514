package org.netconform.stdio;

/**
 * The target program failed by itself: it crashed, hung past a deadline, wrote something that is not
 * the protocol, flooded its output, or answered that it (not the implementation under test) failed.
 * No answer about the protocol under test; the harness reports the case ERROR with this message.
 */
public final class StdioFault extends RuntimeException {
    public StdioFault(String message) {
        super(message);
    }

    public StdioFault(String message, Throwable cause) {
        super(message, cause);
    }
}

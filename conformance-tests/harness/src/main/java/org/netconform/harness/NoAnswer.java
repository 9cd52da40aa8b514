package org.netconform.harness;

/**
 * Thrown by a suite when the target gave it nothing to judge (a timeout, a refused connection, a peer that
 * never spoke the protocol): the test is ERROR with this message as its whole reason. It carries no stack
 * trace, since where the suite noticed says nothing about the target.
 */
public final class NoAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoAnswer(String message) {
        super(message, null, false, false);
    }
}

package org.netconform.suites.stun;

/**
 * The server (or client) gave no answer where one was needed: the harness cannot judge, so the
 * outcome is ERROR with this as its one reason, never FAIL.
 */
public final class NoAnswerException extends RuntimeException {
    public NoAnswerException(String message) {
        super(message, null, false, false);
    }
}

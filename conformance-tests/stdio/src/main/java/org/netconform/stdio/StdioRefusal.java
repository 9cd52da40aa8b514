package org.netconform.stdio;

/**
 * The implementation under test refused or failed an operation ({@code "ok": false}, error kind
 * {@code failed}): the library threw, returned an error or panicked. This is an answer about the
 * protocol, and reaches the suite as the exception the adapter interface says a refusal is.
 */
public final class StdioRefusal extends RuntimeException {
    public StdioRefusal(String message) {
        super(message);
    }
}

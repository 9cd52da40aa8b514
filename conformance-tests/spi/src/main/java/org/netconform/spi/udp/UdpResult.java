package org.netconform.spi.udp;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The observable result of one operation: an outcome and, when it is {@link UdpOutcome#OK}, a value
 * (the octets sent, the datagram received; {@code null} for operations that return nothing).
 */
public record UdpResult<T>(UdpOutcome outcome, T value) {

    public UdpResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != UdpOutcome.OK && value != null) {
            throw new IllegalArgumentException("an error carries no value: " + outcome + " " + value);
        }
    }

    public static <T> UdpResult<T> ok(T value) {
        return new UdpResult<>(UdpOutcome.OK, value);
    }

    public static <T> UdpResult<T> ok() {
        return new UdpResult<>(UdpOutcome.OK, null);
    }

    public static <T> UdpResult<T> error(UdpOutcome outcome) {
        if (outcome == UdpOutcome.OK) {
            throw new IllegalArgumentException("OK is not an error");
        }
        return new UdpResult<>(outcome, null);
    }

    public boolean isOk() {
        return outcome == UdpOutcome.OK;
    }

    /** The value of a successful result; fails with the outcome otherwise. */
    public T orElseThrow() {
        if (!isOk()) {
            throw new NoSuchElementException("no value: " + outcome);
        }
        return value;
    }

    @Override
    public String toString() {
        return isOk() ? (value == null ? "OK" : "OK(" + value + ")") : outcome.name();
    }
}

package org.netconform.spi.wsserver;

/**
 * A failure the server reported for one connection while it went on running (a handler that panicked and was
 * recovered, an exception logged for that connection): what it said, in one line, the client's port the report
 * names (0 when it names none), and when the adapter saw it ({@link System#nanoTime()} of this JVM).
 */
public record ServerIncident(String text, int clientPort, long seenAtNanos) {
}

package org.netconform.spi.wsserver;

/**
 * How a server the adapter runs stopped by itself: the reason in one line (exit status, signal, the first
 * lines of what it printed, e.g. "exited with status 2: panic: concurrent write to websocket connection")
 * and when ({@link System#nanoTime()} of this JVM, when the adapter noticed).
 */
public record ServerExit(String reason, long atNanos) {
}

package org.netconform.netlab.agent;

import java.nio.charset.StandardCharsets;

/**
 * What the lab sends: a marker and a nonce, one line. A receiver records a payload under its nonce, so
 * a delivery is attributed to the send that caused it; anything without the marker is ignored.
 */
final class Payload {
    private static final String MARK = "netlab ";

    private Payload() {
    }

    static byte[] of(String nonce) {
        return (MARK + nonce + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The nonce in a received payload, or null when it is not one of ours. */
    static String nonceIn(String text) {
        String line = text.strip();
        return line.startsWith(MARK) ? line.substring(MARK.length()) : null;
    }
}

package org.netconform.reference.traversal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rendezvous and peer messages, one line of text each (fields separated by spaces):
 * <pre>
 * REGISTER id private-ip:port          peer -> server (from its punching socket)
 * CONNECT id other-id                  peer -> server
 * REVERSE id other-id                  peer -> server: ask other-id to connect back (connection reversal)
 * PEER other-id token public private   server -> peer, to each of the two
 * CALLBACK other-id token public       server -> peer: connect to other-id at public
 * PUNCH token from-id                  peer -> candidate
 * ACK token from-id final              peer -> where a PUNCH (final 0) or an ACK (final 1) came from
 * KA token from-id                     keep-alive
 * DATA token from-id text
 * </pre>
 */
public record TraversalMessage(String kind, List<String> fields) {

    public static TraversalMessage of(String kind, String... fields) {
        return new TraversalMessage(kind, List.of(fields));
    }

    public static Optional<TraversalMessage> parse(byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).trim().split(" ");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TraversalMessage(parts[0], List.of(Arrays.copyOfRange(parts, 1, parts.length))));
    }

    public String field(int i) {
        return i < fields.size() ? fields.get(i) : "";
    }

    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return fields.isEmpty() ? kind : kind + " " + String.join(" ", fields);
    }

    public static String format(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    public static Optional<InetSocketAddress> address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1))));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

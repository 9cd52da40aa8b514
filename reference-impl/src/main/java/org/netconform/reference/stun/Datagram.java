package org.netconform.reference.stun;

import java.net.InetSocketAddress;

/** One UDP datagram with its source and destination transport addresses. */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] data) {
    public Datagram {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        return source + " -> " + destination + " (" + data.length + " octets)";
    }
}

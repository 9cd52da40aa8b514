package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The one UDP socket a hole-punching peer uses for everything: registration, punches, answers,
 * keep-alives and data (TRAV-RDV-1). The small transport interface that lets the same peer run over
 * the reference virtual network in virtual time and over a real {@code DatagramChannel}.
 */
public interface PeerSocket {
    InetSocketAddress localAddress();

    void send(InetSocketAddress to, byte[] data) throws IOException;
}

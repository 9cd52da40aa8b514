package org.netconform.reference.traversal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** What the UDP and the TCP hole-punching peers share: how they are driven and what they report. */
public interface TraversalPeer {
    void register(InetSocketAddress rendezvous) throws IOException;

    void connect(String otherId) throws IOException;

    void reverse(String otherId) throws IOException;

    void tick(long now) throws IOException;

    boolean connected();

    Optional<InetSocketAddress> locked();

    List<InetSocketAddress> candidates();

    List<String> received();

    List<String> log();
}

package org.netconform.targets.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.UdpStunServer;
import org.netconform.spi.stun.StunServerAdapter;
import org.netconform.spi.stun.StunServerEndpoints;

/**
 * The reference STUN server ({@code org.netconform.reference.stun}), in process on 127.0.0.1 and
 * 127.0.0.2 with free ports, started on first use; the single-address instance on 127.0.0.1 alone.
 */
public final class ReferenceStunServerAdapter implements StunServerAdapter {
    private UdpStunServer server;
    private UdpStunServer single;
    private boolean hooked;

    @Override
    public String description() {
        return "netconform reference STUN server (RFC 8489 Binding, RFC 5780; JDK DatagramChannel, in process)";
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(CHANGE_REQUEST, RFC5780, SINGLE_ADDRESS);
    }

    @Override
    public synchronized StunServerEndpoints endpoints() {
        if (server == null) {
            server = start(ServerAddresses.pair(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.2", 0)));
        }
        return new StunServerEndpoints(server.addresses().primary(), server.addresses().alternate());
    }

    @Override
    public synchronized StunServerEndpoints singleAddressEndpoints() {
        if (single == null) {
            single = start(ServerAddresses.single(new InetSocketAddress("127.0.0.1", 0)));
        }
        return new StunServerEndpoints(single.addresses().primary(), Optional.empty());
    }

    private UdpStunServer start(ServerAddresses wanted) {
        try {
            UdpStunServer s = UdpStunServer.start(wanted, StunServerConfig.defaults());
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "netconform-reference-stun-stop"));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the reference STUN server on " + wanted, e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (single != null) {
            single.close();
            single = null;
        }
    }
}

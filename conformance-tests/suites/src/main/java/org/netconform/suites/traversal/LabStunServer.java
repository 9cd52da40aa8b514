package org.netconform.suites.traversal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.StunServerCore;
import org.netconform.reference.stun.UdpStunServer;

/**
 * The reference STUN server (RFC 8489 Binding, one address) in a JVM of its own, for a lab namespace:
 * {@code ADDRESS PORT}. Prints {@code READY host:port} once it listens, then serves until killed (the lab
 * kills what it started when it closes). What reference-server-cli's stun-serve does, without picocli,
 * which the suites do not have.
 */
public final class LabStunServer {
    private LabStunServer() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress at = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        StunServerConfig config = StunServerConfig.defaults();
        UdpStunServer server = UdpStunServer.start(ServerAddresses.single(at), addresses -> {
            StunServerCore core = new StunServerCore(addresses, config);
            return d -> core.decide(d).response().map(List::of).orElse(List.of());
        }, (r, s) -> { });
        System.out.println("READY " + args[0] + ":" + args[1]);
        System.out.flush();
        new CountDownLatch(1).await();
        server.close();
    }
}

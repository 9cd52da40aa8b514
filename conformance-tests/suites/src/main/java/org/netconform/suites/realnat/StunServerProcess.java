package org.netconform.suites.realnat;

import java.net.InetSocketAddress;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.reference.stun.StunServerConfig;
import org.netconform.reference.stun.UdpStunServer;

/**
 * The reference STUN server on two addresses (RFC 5780) in a lab namespace (see {@link LabJvm}):
 * {@code PRIMARY_ADDRESS PRIMARY_PORT ALTERNATE_ADDRESS ALTERNATE_PORT}. Prints {@code READY} and serves
 * until its input closes (or the lab kills it).
 */
public final class StunServerProcess {
    private StunServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (UdpStunServer server = UdpStunServer.start(ServerAddresses.pair(
                new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                new InetSocketAddress(args[2], Integer.parseInt(args[3]))), StunServerConfig.defaults())) {
            System.out.println("READY " + server.addresses().endpoints());
            System.out.flush();
            System.in.read();
        }
        System.exit(0);
    }
}

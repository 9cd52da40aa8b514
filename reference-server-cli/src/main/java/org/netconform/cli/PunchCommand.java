package org.netconform.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netconform.reference.traversal.ChannelPeerSocket;
import org.netconform.reference.traversal.RealTimeTraversal;
import org.netconform.reference.traversal.UdpPeer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A reference UDP hole-punching peer (spec/nat-traversal.md, TRAV-UDP, -KA, -REV). */
@Command(name = "punch", mixinStandardHelpOptions = true,
        description = {"The netconform reference UDP hole-punching peer: registers with the rendezvous server from its one",
                "socket, punches every candidate of the other, locks the first authenticated answer, sends a message",
                "and prints the first one it gets. Exit 0 when data came back, 1 at the deadline."})
public final class PunchCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "this peer's name")
    String id;

    @Option(names = "--rendezvous", description = "the server (default ${DEFAULT-VALUE})")
    String rendezvous = "127.0.0.1:3479";

    @Option(names = "--local", description = "local address and port (default ${DEFAULT-VALUE})")
    String local = "127.0.0.1:0";

    @Option(names = "--connect", description = "ask the server to introduce this peer to that one (else wait to be introduced)")
    String other;

    @Option(names = "--reverse", description = "with --connect: ask the other to connect back instead (connection reversal)")
    boolean reverse;

    @Option(names = "--message", description = "what to send once connected (default: hello from ID)")
    String message;

    @Option(names = "--timeout", description = "seconds before giving up (default ${DEFAULT-VALUE})")
    long timeout = 10;

    @Override
    public Integer call() throws Exception {
        try (ChannelPeerSocket socket = ChannelPeerSocket.open(StunServeCommand.parse(local))) {
            System.out.println(id + " on " + socket.localAddress());
            UdpPeer peer = new UdpPeer(id, socket, UdpPeer.Options.defaults());
            Optional<String> got = RealTimeTraversal.punch(peer, socket, StunServeCommand.parse(rendezvous), other, reverse,
                    message == null ? "hello-from-" + id : message, Duration.ofSeconds(timeout), l -> System.out.println(id + ": " + l));
            System.out.println(got.map(g -> id + " received: " + g + " (over " + peer.locked().orElseThrow() + ")")
                    .orElse(id + ": no connection within " + timeout + " s"));
            return got.isPresent() ? 0 : 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PunchCommand()).execute(args));
    }
}

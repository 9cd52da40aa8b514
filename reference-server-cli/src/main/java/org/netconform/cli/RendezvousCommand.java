package org.netconform.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.netconform.reference.traversal.ChannelPeerSocket;
import org.netconform.reference.traversal.RealTimeTraversal;
import org.netconform.reference.traversal.RendezvousServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the reference UDP rendezvous server (spec/nat-traversal.md, TRAV-RDV) until interrupted. */
@Command(name = "rendezvous", mixinStandardHelpOptions = true,
        description = {"The netconform reference rendezvous server over UDP: records each peer's public candidate as the",
                "source it sees and its reported private one, introduces two peers with both candidates and a token,",
                "relays connection-reversal requests. Prints each decision."})
public final class RendezvousCommand implements Callable<Integer> {
    @Option(names = "--listen", description = "address and port (default ${DEFAULT-VALUE})")
    String listen = "127.0.0.1:3479";

    @Option(names = "--seconds", description = "stop after this many seconds (default: run until interrupted)")
    long seconds = -1;

    @Override
    public Integer call() throws Exception {
        try (ChannelPeerSocket socket = ChannelPeerSocket.open(StunServeCommand.parse(listen))) {
            System.out.println("rendezvous on " + socket.localAddress());
            RealTimeTraversal.serve(socket, new RendezvousServer(System.nanoTime()),
                    seconds < 0 ? Duration.ofSeconds(-1) : Duration.ofSeconds(seconds), System.out::println);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RendezvousCommand()).execute(args));
    }
}

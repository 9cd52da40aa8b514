package org.netconform.spi.traversal;

import java.time.Duration;
import java.util.List;
import org.netconform.spec.Layer;
import org.netconform.spi.AreaAdapter;

/**
 * An ICE agent (RFC 8445) at the {@code endpoint} layer, as a program: the real-NAT traversal suite
 * starts it twice, one peer in each of two network namespaces behind real Linux NATs, with a STUN server
 * on the public side, and is the two peers' signalling channel. The program speaks JSON lines
 * (docs/nat-traversal-real.md, "The ICE peer protocol"): on standard output its credentials
 * ({@code {"event":"credentials","ufrag","pwd"}}), each local candidate as gathered
 * ({@code {"event":"candidate","candidate":<SDP a=candidate value>,"type","address","port"}}),
 * {@code {"event":"gathered"}}, and last one {@code {"event":"result","outcome":"connected"|"failed"|"timeout",
 * "reason","elapsedMs","local","remote"}} (local and remote: the selected pair's candidates, each
 * {@code {"type","address","port"}}); on standard input the same credentials, candidate and gathered lines
 * of the other peer, which the suite copies over as they come. "connected" means ICE selected a pair and
 * data went both ways on it; "failed" that the agent gave up on its own; "timeout" that the deadline came
 * first (the suite reports that as ERROR, not as a verdict).
 */
public interface IceAgentAdapter extends AreaAdapter {
    /** RFC 8445 §6.1.1: the controlling agent nominates the pair. */
    enum Role {
        CONTROLLING, CONTROLLED
    }

    @Override
    default Layer layer() {
        return Layer.ENDPOINT;
    }

    String description();

    /**
     * The command line of one peer. {@code stunServer} is the STUN server's {@code host:port} (for
     * server-reflexive candidates); {@code checks} is how long the agent may go on checking before it
     * reports "failed"; it must print its result line before {@code deadline}.
     */
    List<String> command(Role role, String stunServer, Duration checks, Duration deadline);
}

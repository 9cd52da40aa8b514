package org.netconform.spi.websocket;

/** Which end of a connection a codec plays (RFC 6455 §4): it decides masking in both directions (§5.1). */
public enum Role {
    CLIENT,
    SERVER;

    /** The role of the other end: a server's decoder receives what a client sends. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** Whether frames sent by an endpoint of this role carry a mask (RFC 6455 §5.3). */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }
}

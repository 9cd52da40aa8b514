package org.netconform.reference.websocket;

/**
 * Which end of a WebSocket connection an endpoint is.
 *
 * <p>The role decides masking (RFC 6455 §5.1, §5.3): a client masks every frame it sends and a
 * server never does, so each side must reject the other's frames when the mask flag is wrong.
 */
public enum Role {
    CLIENT,
    SERVER;

    /** The role of the endpoint on the other side of the connection. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** Whether frames sent by an endpoint of this role carry a mask (RFC 6455 §5.3). */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }
}

package org.netconform.reference.udp;

/**
 * One port assignment in a {@link UdpHost}: which socket got which port, why, and in which order.
 *
 * @param port     the port number (deterministic for a given seed, but compare by role, not number)
 * @param socketId the model socket's id, e.g. {@code s2}
 * @param origin   why the socket got the port
 * @param sequence 1 for the host's first assignment, 2 for the next, ...
 */
public record PortAssignment(int port, String socketId, PortOrigin origin, int sequence) {

    /** A stable name for the port's role, e.g. {@code s2/CONNECT#3}. */
    public String role() {
        return socketId + "/" + origin + "#" + sequence;
    }
}

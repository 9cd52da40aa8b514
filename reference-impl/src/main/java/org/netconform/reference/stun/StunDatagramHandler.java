package org.netconform.reference.stun;

import java.util.List;

/**
 * What a server does with one datagram it received: the datagrams it sends in answer (each from one
 * of its endpoints). Pure: the same input gives the same output, so the same handler runs on real
 * sockets ({@link UdpStunServer}) and on an in-process network in virtual time.
 */
@FunctionalInterface
public interface StunDatagramHandler {
    /** {@code received.destination()} is the server endpoint it arrived at. */
    List<Datagram> handle(Datagram received);
}

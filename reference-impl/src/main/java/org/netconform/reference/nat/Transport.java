package org.netconform.reference.nat;

/**
 * The transport protocols the NAT translates. Mappings are kept per transport: RFC 7857 section 5
 * makes protocol-dependent endpoint-independent mapping the required default, and section 6 the same
 * for filtering.
 */
public enum Transport {
    UDP,
    TCP
}

package org.netconform.reference.nat;

/**
 * How a NAT answers an inbound TCP SYN that no mapping admits, once any hold (RFC 5382 REQ-4) is over.
 * It also says how a NAT without a hold answers other stray segments: RST when it answers SYNs with
 * RST (as a Linux router's own TCP stack does), silence otherwise.
 */
public enum UnsolicitedTcpResponse {
    /** Silently dropped (REQ-4a: when answering would violate the NAT's security policy). */
    DROP,
    /** A RST from the external endpoint the SYN was sent to. */
    RST,
    /** ICMP port unreachable (type 3, code 3): what RFC 5382 REQ-4 says a NAT SHOULD send after the hold. */
    ICMP_PORT_UNREACHABLE
}

package org.netconform.reference.nat;

/**
 * What makes two outbound packets share a mapping: the internal endpoint, and for dependent mapping the
 * destination address (ADM) or endpoint (APDM). RFC 4787 section 4.1.
 *
 * @param remoteAddress ADM: the destination address; otherwise null
 * @param remote        APDM: the destination endpoint; otherwise null
 */
record MappingKey(Transport transport, Endpoint internal, String remoteAddress, Endpoint remote) {

    static MappingKey of(MappingBehavior behavior, Transport transport, Endpoint internal, Endpoint destination) {
        return switch (behavior) {
            case EIM -> new MappingKey(transport, internal, null, null);
            case ADM -> new MappingKey(transport, internal, destination.address(), null);
            case APDM -> new MappingKey(transport, internal, null, destination);
        };
    }

    /** The destinations this mapping serves, for the table dump. */
    String scope() {
        if (remote != null) {
            return "to " + remote;
        }
        if (remoteAddress != null) {
            return "to " + remoteAddress;
        }
        return "to any";
    }
}

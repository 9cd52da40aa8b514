package org.netconform.reference.nat.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An address realm (RFC 2663): a network segment where every address is unique, e.g. the public
 * internet or the private side of one NAT. A packet in a realm goes to the host that has its
 * destination address, or to the NAT that has it as an external address, or else to the realm's
 * gateway: the NAT whose inside this realm is (none for the internet).
 */
public final class Realm {
    private final String name;
    private final NatDevice gateway;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<NatDevice> natsOutside = new ArrayList<>();

    Realm(String name, NatDevice gateway) {
        this.name = name;
        this.gateway = gateway;
    }

    public String name() {
        return name;
    }

    /** The NAT this realm is the inside of; null for the internet. */
    public NatDevice gateway() {
        return gateway;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** NATs whose outside this realm is. */
    public List<NatDevice> nats() {
        return Collections.unmodifiableList(natsOutside);
    }

    Host host(String address) {
        return hosts.get(address);
    }

    NatDevice natWithExternal(String address) {
        for (NatDevice n : natsOutside) {
            if (n.nat().ownsExternalAddress(address)) {
                return n;
            }
        }
        return null;
    }

    boolean uses(String address) {
        return hosts.containsKey(address) || natWithExternal(address) != null
                || (gateway != null && gateway.insideAddress().equals(address));
    }

    void attach(Host host) {
        for (String a : host.addresses()) {
            requireFree(a);
        }
        for (String a : host.addresses()) {
            hosts.put(a, host);
        }
    }

    void attach(NatDevice nat) {
        for (String a : nat.nat().config().externalAddresses()) {
            requireFree(a);
        }
        natsOutside.add(nat);
    }

    private void requireFree(String address) {
        if (uses(address)) {
            throw new IllegalArgumentException(address + " is already in use in realm " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

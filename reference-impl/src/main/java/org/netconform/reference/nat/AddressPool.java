package org.netconform.reference.nat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which external addresses a new mapping may use (RFC 4787 section 4.1, RFC 6888 REQ-2).
 * Paired: an internal address keeps the external address it first got for as long as it holds any
 * mapping, of any transport (RFC 6888 REQ-2: "be they TCP, UDP, ICMP"); a new internal address gets
 * the address with the fewest subscribers. Arbitrary: each new mapping starts at the next address in turn.
 */
final class AddressPool {
    private final List<String> addresses;
    private final AddressPooling pooling;
    private final Map<String, String> paired = new LinkedHashMap<>();
    private int next;

    AddressPool(List<String> addresses, AddressPooling pooling) {
        this.addresses = List.copyOf(addresses);
        this.pooling = pooling;
    }

    /** The external addresses to try for a new mapping of this internal address, in order. */
    List<String> candidates(String internalAddress) {
        if (pooling == AddressPooling.PAIRED) {
            String current = paired.get(internalAddress);
            return List.of(current != null ? current : leastPaired());
        }
        List<String> order = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            order.add(addresses.get((next + i) % addresses.size()));
        }
        return order;
    }

    /** A mapping of {@code internalAddress} was made on {@code externalAddress}. */
    void used(String internalAddress, String externalAddress) {
        if (pooling == AddressPooling.PAIRED) {
            paired.putIfAbsent(internalAddress, externalAddress);
        } else {
            next = (next + 1) % addresses.size();
        }
    }

    /** The internal address holds no mapping any more: its pairing ends. */
    void released(String internalAddress) {
        paired.remove(internalAddress);
    }

    /** The pairings in force, internal address to external address. */
    Map<String, String> pairings() {
        return paired;
    }

    private String leastPaired() {
        String best = addresses.get(0);
        long bestCount = Long.MAX_VALUE;
        for (String a : addresses) {
            long count = paired.values().stream().filter(a::equals).count();
            if (count < bestCount) {
                best = a;
                bestCount = count;
            }
        }
        return best;
    }
}

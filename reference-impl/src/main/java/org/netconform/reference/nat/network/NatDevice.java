package org.netconform.reference.nat.network;

import java.util.List;
import org.netconform.reference.nat.MappingSnapshot;
import org.netconform.reference.nat.Nat;
import org.netconform.reference.nat.NatConfig;

/**
 * A {@link Nat} placed in a virtual network: its outside in one realm (its external addresses live
 * there), its inside a realm of its own. The outside realm may itself be another NAT's inside: that is
 * a double NAT.
 */
public final class NatDevice {
    private final String name;
    private final Nat nat;
    private final Realm outside;
    private final Realm inside;

    NatDevice(String name, NatConfig config, String insideAddress, long seed, Realm outside) {
        this.name = name;
        this.nat = new Nat(config, insideAddress, seed);
        this.outside = outside;
        this.inside = new Realm(name + "-inside", this);
    }

    public String name() {
        return name;
    }

    /** The state machine itself (for reading; the network drives it). */
    public Nat nat() {
        return nat;
    }

    public NatConfig config() {
        return nat.config();
    }

    public Realm outside() {
        return outside;
    }

    /** The realm behind this NAT; add hosts (or another NAT) to it. */
    public Realm inside() {
        return inside;
    }

    public String insideAddress() {
        return nat.insideAddress();
    }

    public List<String> externalAddresses() {
        return nat.config().externalAddresses();
    }

    public List<MappingSnapshot> mappings() {
        return nat.mappings();
    }

    /** The table as text, for reports. */
    public String describeTable() {
        return name + ": " + nat.describeTable();
    }

    @Override
    public String toString() {
        return name;
    }
}

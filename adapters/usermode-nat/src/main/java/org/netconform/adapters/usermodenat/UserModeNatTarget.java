package org.netconform.adapters.usermodenat;

import java.util.List;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;

/** The user-mode NATs as endpoint-layer NAT targets, in network namespaces this module makes. */
public abstract class UserModeNatTarget implements Target {
    private final UserModeNat nat;
    private final List<AreaAdapter> adapters;
    private String description;

    UserModeNatTarget(UserModeNat nat) {
        this.nat = nat;
        this.adapters = List.of(new UserModeNatAdapter(nat));
    }

    @Override
    public String id() {
        return nat.id();
    }

    @Override
    public synchronized String description() {
        if (description == null) {
            description = nat.description() + "; inside hosts 198.51.100.10-12 in one namespace, NAT in a router namespace "
                    + "at 203.0.113.1";
        }
        return description;
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    /** slirp4netns 1.2.0 (libslirp 4.7.0). */
    public static final class Slirp4netns extends UserModeNatTarget {
        public Slirp4netns() {
            super(new Slirp4netnsNat());
        }
    }

    /** pasta from passt 2023-03-09. */
    public static final class Pasta extends UserModeNatTarget {
        public Pasta() {
            super(new PastaNat());
        }
    }
}

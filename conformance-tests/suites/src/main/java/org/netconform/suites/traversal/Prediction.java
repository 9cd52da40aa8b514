package org.netconform.suites.traversal;

import org.netconform.reference.nat.FilteringBehavior;
import org.netconform.reference.nat.MappingBehavior;

/**
 * The prediction table of spec/nat-traversal.md ("The prediction table"): whether UDP hole punching
 * connects two peers behind two different NATs of the given behaviours.
 */
public final class Prediction {
    private Prediction() {
    }

    public static boolean udp(MappingBehavior mA, FilteringBehavior fA, MappingBehavior mB, FilteringBehavior fB) {
        boolean eimA = mA == MappingBehavior.EIM;
        boolean eimB = mB == MappingBehavior.EIM;
        if (eimA && eimB) {
            return true;
        }
        if (eimA) {
            return fA != FilteringBehavior.APDF;
        }
        if (eimB) {
            return fB != FilteringBehavior.APDF;
        }
        return (fA == FilteringBehavior.EIF && fB != FilteringBehavior.APDF)
                || (fB == FilteringBehavior.EIF && fA != FilteringBehavior.APDF);
    }

    /**
     * TCP: as UDP, except that two NATs that both map per destination never connect: the SYN that gets in
     * is answered through a mapping of its own (RFC 4787 §4.1, RFC 5382 §4.1), which the connecting
     * side's connection does not match.
     */
    public static boolean tcp(MappingBehavior mA, FilteringBehavior fA, MappingBehavior mB, FilteringBehavior fB) {
        if (mA != MappingBehavior.EIM && mB != MappingBehavior.EIM) {
            return false;
        }
        return udp(mA, fA, mB, fB);
    }
}

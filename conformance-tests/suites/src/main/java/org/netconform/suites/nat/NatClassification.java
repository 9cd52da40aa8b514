package org.netconform.suites.nat;

import java.time.Duration;
import java.util.Optional;

/**
 * What the classifier learned about a NAT: the configuration that should explain all its behaviour
 * (RFC 4787 REQ-11). The model comparison (NAT-DET-1) configures the reference NAT model with it.
 *
 * @param mapping            UDP mapping behaviour (NAT-INFO-1)
 * @param filtering          UDP filtering behaviour (NAT-INFO-2)
 * @param portAssignment     NAT-INFO-3
 * @param parityPreserved    NAT-INFO-4
 * @param portOverloading    whether a second inside host got the first one's external endpoint (NAT-INFO-5;
 *                           forbidden by NAT-MAP-2, but a configuration the model must be able to take so that
 *                           the comparison judges determinism, not overloading again)
 * @param portOverlapping    whether a second inside host got the first one's external endpoint towards another
 *                           destination (NAT-INFO-12; RFC 7857 section 3 allows it)
 * @param hairpin            NAT-INFO-6
 * @param pooling            NAT-INFO-11
 * @param udpTimeoutOneWay   the shortest idle time after which a one-way mapping was seen expired, when known
 *                           to the second (virtual time) (NAT-INFO-7)
 * @param udpTimeoutReplied  the same after the outside endpoint replied (NAT-INFO-8)
 * @param outboundRefresh    NAT-TIMER-3, when it could be observed
 * @param inboundRefresh     NAT-INFO-9, when it could be observed
 * @param portQuota          the per-subscriber port quota the adapter declares (NAT-CGN-1)
 */
public record NatClassification(Mapping mapping, Filtering filtering, PortAssignment portAssignment,
                                boolean parityPreserved, boolean portOverloading, boolean portOverlapping,
                                Hairpin hairpin, Pooling pooling,
                                Optional<Duration> udpTimeoutOneWay, Optional<Duration> udpTimeoutReplied,
                                Optional<Boolean> outboundRefresh, Optional<Boolean> inboundRefresh,
                                Optional<Integer> portQuota) {

    /** RFC 4787 §4.1, as RFC 5780 §4.3 learns it. */
    public enum Mapping {
        EIM, ADM, APDM,
        /** The probes fit no behaviour (e.g. nothing crossed the NAT). */
        UNCLASSIFIED
    }

    /** RFC 4787 §5, as RFC 5780 §4.4 learns it. */
    public enum Filtering {
        EIF, ADF, APDF,
        /** The probes fit no behaviour (the other address admitted but not the other port, or no reply admitted). */
        UNCLASSIFIED
    }

    /** RFC 4787 §4.2.1. */
    public enum PortAssignment {
        PRESERVED("preserved"), SEQUENTIAL("sequential"), RANDOM("random");

        private final String label;

        PortAssignment(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** RFC 4787 §6. */
    public enum Hairpin {
        NONE("none"), EXTERNAL_SOURCE("external source"), INTERNAL_SOURCE("internal source"),
        /**
         * Nothing arrived, but the NAT's mapping is not endpoint-independent and its filtering not
         * endpoint-independent either: the receiver cannot open its filter for a mapping the sender makes
         * only when it sends, so the lab cannot tell "no hairpinning" from "hairpinning, filtered".
         */
        UNDETERMINED("undetermined"),
        /** Some pairs of inside hosts reach each other through their external endpoints, others do not. */
        PARTIAL("partial");

        private final String label;

        Hairpin(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        /** True when one hairpinning behaviour of the model stands for what was seen. */
        public boolean determined() {
            return this != UNDETERMINED && this != PARTIAL;
        }
    }

    /** RFC 4787 §4.1 (IP address pooling). */
    public enum Pooling {
        SINGLE_ADDRESS("single address"), PAIRED("paired"), ARBITRARY("arbitrary");

        private final String label;

        Pooling(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** True when one configuration of the model can stand for these findings. */
    public boolean regular() {
        return mapping != Mapping.UNCLASSIFIED && filtering != Filtering.UNCLASSIFIED;
    }

    /** e.g. {@code EIM/APDF, preserved, parity kept, hairpin external source, single address}. */
    public String summary() {
        return mapping + "/" + filtering + ", " + portAssignment + ", parity " + (parityPreserved ? "kept" : "not kept")
                + (portOverloading ? ", ports overloaded" : "") + (portOverlapping ? ", ports overlapping" : "")
                + ", hairpin " + hairpin + ", " + pooling
                + udpTimeoutOneWay.map(d -> ", one-way timer " + NatTimers.show(d)).orElse("")
                + udpTimeoutReplied.map(d -> ", timer after replies " + NatTimers.show(d)).orElse("")
                + outboundRefresh.map(r -> ", outbound refresh " + (r ? "yes" : "no")).orElse("")
                + inboundRefresh.map(r -> ", inbound refresh " + (r ? "yes" : "no")).orElse("")
                + portQuota.map(q -> ", quota " + q).orElse("");
    }
}

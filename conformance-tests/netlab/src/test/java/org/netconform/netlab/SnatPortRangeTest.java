package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.SnatPortRange;

/** {@code snat to 203.0.113.1:20000-20009}: ten external ports, for everyone, per destination. */
class SnatPortRangeTest {
    private static final SnatPortRange RANGE = new SnatPortRange(20000, 20009);
    private NamespaceLab lab;

    @BeforeEach
    void open() {
        assumeAvailable();
        lab = NetLab.open(RANGE, Timers.kernelDefaults());
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void tenFlowsToOneDestinationTakeTheTenPortsAndTheEleventhIsDropped() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < RANGE.size(); i++) {
            Endpoint m = mapping(lab, ep(IN0, 44000 + i), ep(SERVER, 3478));
            assertThat(m.port()).isBetween(RANGE.low(), RANGE.high());
            ports.add(m.port());
        }
        assertThat(ports).hasSize(RANGE.size());
        assertThat(lab.udp(ep(IN0, 44010), ep(SERVER, 3478))).as("the eleventh flow").isEmpty();
        // no existing mapping was evicted for it
        assertThat(lab.udp(ep(SERVER, 3478), lab.udp(ep(IN0, 44000), ep(SERVER, 3478)).orElseThrow().seenSource()))
                .map(Arrival::receivedAt).contains(ep(IN0, 44000));
    }

    @Test
    void theRangeIsSharedByAllHostsButReusedTowardsOtherDestinations() {
        for (int i = 0; i < RANGE.size(); i++) {
            mapping(lab, ep(IN0, 44100 + i), ep(SERVER, 3478));
        }
        assertThat(lab.udp(ep(IN1, 44100), ep(SERVER, 3478))).as("another host, same destination").isEmpty();
        Endpoint elsewhere = mapping(lab, ep(IN1, 44100), ep(SERVER_ALT, 3478));
        assertThat(elsewhere.port()).isBetween(RANGE.low(), RANGE.high());
    }
}

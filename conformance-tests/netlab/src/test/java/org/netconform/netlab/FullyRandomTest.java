package org.netconform.netlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netconform.netlab.Labs.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netconform.netlab.nat.Masquerade;

/** {@code masquerade fully-random}: a fresh random port for every new flow. */
class FullyRandomTest {
    private NamespaceLab lab;

    @BeforeEach
    void open() {
        assumeAvailable();
        lab = NetLab.open(Masquerade.withFullyRandomPorts(), Timers.kernelDefaults());
    }

    @AfterEach
    void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyDestinationGetsItsOwnRandomPort() {
        Endpoint in = ep(IN0, 42000);
        List<Endpoint> destinations = List.of(ep(SERVER, 3478), ep(SERVER_ALT, 3478), ep(SERVER, 3479), ep(OTHER, 5000));
        Set<Integer> ports = new HashSet<>();
        for (Endpoint d : destinations) {
            Endpoint m = mapping(lab, in, d);
            assertThat(m.address()).isEqualTo(EXTERNAL);
            ports.add(m.port());
        }
        // four draws from 64512 ports: a repeat is possible but rare; the source port is not kept
        assertThat(ports).hasSizeGreaterThanOrEqualTo(3).doesNotContain(42000);
    }

    @Test
    void theSameFlowKeepsItsPort() {
        Endpoint first = mapping(lab, ep(IN0, 42010), ep(SERVER, 3478));
        assertThat(mapping(lab, ep(IN0, 42010), ep(SERVER, 3478))).isEqualTo(first);
        assertThat(lab.udp(ep(SERVER, 3478), first)).map(Arrival::receivedAt).contains(ep(IN0, 42010));
    }
}

package org.netconform.reference.nat;

import static org.netconform.reference.nat.Lab.A;
import static org.netconform.reference.nat.Lab.SERVER;
import static org.netconform.reference.nat.Lab.SERVER_ALT;
import static org.netconform.reference.nat.Lab.ep;

/**
 * RFC 5780 section 4 behaviour discovery against a {@link Lab}, with the server's answers sent
 * directly from its sockets (what CHANGE-REQUEST asks of a real server). Mapping and filtering are
 * probed from separate local ports, as section 4 advises.
 */
final class Rfc5780Probe {
    record Classification(MappingBehavior mapping, FilteringBehavior filtering) {
    }

    private Rfc5780Probe() {
    }

    static Classification classify(Lab lab, int mappingPort, int filteringPort) {
        return new Classification(mapping(lab, mappingPort), filtering(lab, filteringPort));
    }

    /** Section 4.3: tests I, II and III. */
    static MappingBehavior mapping(Lab lab, int localPort) {
        Endpoint local = ep(A, localPort);
        Endpoint one = lab.send(local, ep(SERVER, 3478)).orElseThrow();
        Endpoint two = lab.send(local, ep(SERVER_ALT, 3478)).orElseThrow();
        if (one.equals(two)) {
            return MappingBehavior.EIM;
        }
        Endpoint three = lab.send(local, ep(SERVER_ALT, 3479)).orElseThrow();
        return three.equals(two) ? MappingBehavior.ADM : MappingBehavior.APDM;
    }

    /** Section 4.4: the reply from the other address and port, then from the other port only. */
    static FilteringBehavior filtering(Lab lab, int localPort) {
        Endpoint local = ep(A, localPort);
        Endpoint mapped = lab.send(local, ep(SERVER, 3478)).orElseThrow();
        if (lab.deliveredAt(ep(SERVER_ALT, 3479), mapped).isPresent()) {
            return FilteringBehavior.EIF;
        }
        if (lab.deliveredAt(ep(SERVER, 3479), mapped).isPresent()) {
            return FilteringBehavior.ADF;
        }
        return FilteringBehavior.APDF;
    }
}

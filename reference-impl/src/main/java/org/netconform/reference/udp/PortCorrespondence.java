package org.netconform.reference.udp;

import org.netconform.spi.udp.UdpResult;
import org.netconform.spi.udp.Datagram;
import org.netconform.spi.udp.UdpAddress;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares what the model observed with what a real stack observed when port numbers differ: it
 * learns a one-to-one correspondence between model ports and real ports the first time a port is
 * seen on each side (the port assigned at connect on one side is the port assigned at connect on
 * the other), and from then on requires every observation to agree with it. IP addresses and
 * everything else must be equal.
 *
 * <p>Explicitly chosen ports can be registered up front with {@link #assume(int, int)} when the real
 * run had to use different numbers.
 */
public final class PortCorrespondence {
    private final Map<Integer, Integer> modelToReal = new HashMap<>();
    private final Map<Integer, Integer> realToModel = new HashMap<>();

    /** Declares that a model port and a real port play the same role; false if that contradicts what is known. */
    public boolean assume(int modelPort, int realPort) {
        return ports(modelPort, realPort);
    }

    /** The real port known to correspond to a model port. */
    public Optional<Integer> realPortOf(int modelPort) {
        return Optional.ofNullable(modelToReal.get(modelPort));
    }

    /** The model port known to correspond to a real port. */
    public Optional<Integer> modelPortOf(int realPort) {
        return Optional.ofNullable(realToModel.get(realPort));
    }

    /** Translates a model address into the real stack's numbering (port 0 and unknown ports stay). */
    public UdpAddress toReal(UdpAddress model) {
        return model.withPort(modelToReal.getOrDefault(model.port(), model.port()));
    }

    private boolean ports(int model, int real) {
        if (model == 0 || real == 0) {
            return model == real;
        }
        Integer knownReal = modelToReal.get(model);
        Integer knownModel = realToModel.get(real);
        if (knownReal == null && knownModel == null) {
            modelToReal.put(model, real);
            realToModel.put(real, model);
            return true;
        }
        return Objects.equals(knownReal, real) && Objects.equals(knownModel, model);
    }

    /** Same IP, and ports that correspond. */
    public boolean addresses(UdpAddress model, UdpAddress real) {
        if (model == null || real == null) {
            return model == real;
        }
        return model.ip() == real.ip() && ports(model.port(), real.port());
    }

    /** Both empty, or both present and corresponding. */
    public boolean addresses(Optional<UdpAddress> model, Optional<UdpAddress> real) {
        return addresses(model.orElse(null), real.orElse(null));
    }

    /**
     * Same outcome, and values that agree: datagrams with corresponding sources and equal payloads,
     * addresses that correspond, anything else equal.
     */
    public boolean results(UdpResult<?> model, UdpResult<?> real) {
        if (model.outcome() != real.outcome()) {
            return false;
        }
        Object m = model.value();
        Object r = real.value();
        if (m instanceof Datagram dm && r instanceof Datagram dr) {
            return addresses(dm.source(), dr.source()) && java.util.Arrays.equals(dm.payload(), dr.payload());
        }
        if (m instanceof UdpAddress am && r instanceof UdpAddress ar) {
            return addresses(am, ar);
        }
        return Objects.equals(m, r);
    }
}

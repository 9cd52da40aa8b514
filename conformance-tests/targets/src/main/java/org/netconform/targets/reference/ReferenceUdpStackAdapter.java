package org.netconform.targets.reference;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.netconform.reference.udp.UdpHost;
import org.netconform.spi.udp.UdpOption;
import org.netconform.spi.udp.UdpStack;
import org.netconform.spi.udp.UdpStackAdapter;

/** The reference model of a host's UDP stack ({@link UdpHost}); every call gives a new, empty host. */
final class ReferenceUdpStackAdapter implements UdpStackAdapter {
    private final AtomicLong seeds = new AtomicLong();

    @Override
    public Set<String> capabilities() {
        return UdpStackAdapter.capabilitiesOf(Set.of(UdpOption.values()), true);
    }

    @Override
    public UdpStack stack() {
        return new UdpHost(seeds.incrementAndGet());
    }

    @Override
    public boolean inProcess() {
        return true;
    }
}

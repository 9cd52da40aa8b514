package org.netconform.netlab.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's count of ICMP destination unreachable messages received ({@code Icmp: InDestUnreachs} in
 * {@code /proc/self/net/snmp}, which is this process's network namespace). Linux reports a RST and an
 * ICMP port unreachable to a TCP connect alike (ECONNREFUSED); whether the count moved tells them apart.
 */
final class IcmpCounter {
    private static final Path SNMP = Path.of("/proc/self/net/snmp");

    private IcmpCounter() {
    }

    static long destinationUnreachables() {
        try {
            List<String> lines = Files.readAllLines(SNMP);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Icmp:") && lines.get(i + 1).startsWith("Icmp:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("InDestUnreachs")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

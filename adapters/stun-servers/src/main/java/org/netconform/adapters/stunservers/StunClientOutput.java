package org.netconform.adapters.stunservers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/**
 * What the {@code stun} client 0.97 (Debian package stun-client) printed with {@code -v}, in the
 * spec's words. Its verdict is one line, {@code Primary: TYPE[, preserves ports|, random port][, will
 * hairpin|, no hairpin]}, TYPE being RFC 3489's classification: "Open" (no NAT: test II answered),
 * "Independent Mapping, Independent|Address Dependent|Port Dependent Filter", "Dependent Mapping"
 * (not endpoint-independent; RFC 3489 has no test to tell ADM from APDM), "Firewall" (no NAT, test II
 * unanswered), "Blocked or could not reach STUN server". With {@code -v} it also prints
 * {@code is nat = 0|1} and {@code hairpin = 0|1}. It states no mapped address as a result (the
 * {@code MappedAddress} lines of {@code -v} are every datagram it received, forged ones included), so
 * the verdict has none.
 */
final class StunClientOutput {
    private static final Pattern PRIMARY = Pattern.compile("Primary: ([^\\r\\n]*)");
    private static final Pattern IS_NAT = Pattern.compile("is nat\\s*=\\s*([01])");
    private static final Pattern HAIRPIN = Pattern.compile("hairpin\\s*=\\s*([01])");

    private StunClientOutput() {
    }

    static DiscoveryVerdict parse(String output) {
        Matcher p = PRIMARY.matcher(output);
        String line = p.find() ? p.group(1).strip() : "";
        String type = line.split(", (preserves ports|random port|will hairpin|no hairpin)")[0].strip();
        boolean blocked = type.startsWith("Blocked");
        Optional<Boolean> behindNat = Optional.empty();
        Optional<MappingVerdict> mapping = Optional.empty();
        Optional<FilteringVerdict> filtering = Optional.empty();
        switch (type) {
            case "Open" -> {
                behindNat = Optional.of(false);
                mapping = Optional.of(MappingVerdict.EIM);
                filtering = Optional.of(FilteringVerdict.EIF);
            }
            case "Firewall" -> {
                behindNat = Optional.of(false);
                mapping = Optional.of(MappingVerdict.EIM);
            }
            case "Independent Mapping, Independent Filter" -> {
                mapping = Optional.of(MappingVerdict.EIM);
                filtering = Optional.of(FilteringVerdict.EIF);
            }
            case "Independent Mapping, Address Dependent Filter" -> {
                mapping = Optional.of(MappingVerdict.EIM);
                filtering = Optional.of(FilteringVerdict.ADF);
            }
            case "Independent Mapping, Port Dependent Filter" -> {
                mapping = Optional.of(MappingVerdict.EIM);
                filtering = Optional.of(FilteringVerdict.APDF);
            }
            case "Dependent Mapping" -> mapping = Optional.of(MappingVerdict.ADM_OR_APDM);
            default -> {
                // "Unkown NAT type", "Some stun error ...": nothing to translate
            }
        }
        if (mapping.isPresent() && behindNat.isEmpty()) {
            behindNat = Optional.of(true);
        }
        Matcher n = IS_NAT.matcher(output);
        if (behindNat.isEmpty() && !blocked && n.find()) {
            behindNat = Optional.of(n.group(1).equals("1"));
        }
        Optional<Boolean> hairpin = line.contains("will hairpin") ? Optional.of(true) : line.contains("no hairpin")
                ? Optional.of(false) : Optional.empty();
        Matcher h = HAIRPIN.matcher(output);
        if (hairpin.isEmpty() && !blocked && h.find()) {
            hairpin = Optional.of(h.group(1).equals("1"));
        }
        return new DiscoveryVerdict(!blocked && !line.isEmpty(), behindNat, Optional.empty(), mapping, filtering, hairpin,
                Optional.empty(), Optional.empty(), line.isEmpty() ? "(no Primary: line)" : "Primary: " + line);
    }
}

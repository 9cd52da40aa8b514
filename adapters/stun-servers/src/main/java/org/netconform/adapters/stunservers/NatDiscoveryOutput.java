package org.netconform.adapters.stunservers;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netconform.spi.stun.DiscoveryVerdict;
import org.netconform.spi.stun.FilteringVerdict;
import org.netconform.spi.stun.MappingVerdict;

/**
 * What coturn's {@code turnutils_natdiscovery} printed, in the spec's words. Its output has a section
 * per test ({@code -= Mapping Behavior Discovery =-}, ...); a section ends with its verdict line:
 * "No NAT! (Endpoint Independent Mapping)" after a test I whose mapped address is the local one,
 * "NAT with Endpoint Independent|Address Dependent|Address and Port Dependent Mapping!" after the
 * mapping tests, "NAT with ... Filtering!" after the filtering tests, "Received a request (maybe a
 * successful hairpinning)" when the hairpinning probe came back.
 */
final class NatDiscoveryOutput {
    private static final Pattern SECTION = Pattern.compile("-= (.+?) Behavior Discovery =-");
    private static final Pattern MAPPING = Pattern.compile("NAT with (Endpoint Independent|Address Dependent|Address and Port Dependent) Mapping!");
    private static final Pattern FILTERING = Pattern.compile("NAT with (Endpoint Independent|Address Dependent|Address and Port Dependent) Filtering!");
    private static final Pattern REFLEXIVE = Pattern.compile("UDP reflexive addr: ([0-9.]+):([0-9]+)");
    static final String HAIRPIN = "Received a request (maybe a successful hairpinning)";

    private NatDiscoveryOutput() {
    }

    static Map<String, String> sections(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(output);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            names.add(m.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : output.length();
            out.put(names.get(i), output.substring(starts.get(i)[1], end));
        }
        return out;
    }

    static DiscoveryVerdict parse(String output) {
        Map<String, String> s = sections(output);
        String mapping = s.getOrDefault("Mapping", "");
        String filtering = s.getOrDefault("Filtering", "");
        Optional<MappingVerdict> mv = last(MAPPING, mapping).map(NatDiscoveryOutput::mappingOf);
        boolean noNat = mapping.contains("No NAT!");
        if (noNat && mv.isEmpty()) {
            mv = Optional.of(MappingVerdict.EIM);
        }
        Optional<Boolean> behindNat = noNat ? Optional.of(false) : mv.isPresent() ? Optional.of(true) : Optional.empty();
        Optional<FilteringVerdict> fv = last(FILTERING, filtering).map(NatDiscoveryOutput::filteringOf);
        Optional<Boolean> hairpin = s.containsKey("Hairpinning") ? Optional.of(s.get("Hairpinning").contains(HAIRPIN)) : Optional.empty();
        Matcher r = REFLEXIVE.matcher(mapping.isEmpty() ? output : mapping);
        Optional<InetSocketAddress> mapped = r.find() ? Optional.of(new InetSocketAddress(r.group(1), Integer.parseInt(r.group(2))))
                : Optional.empty();
        boolean connectivity = REFLEXIVE.matcher(output).find();
        List<String> words = new ArrayList<>();
        output.lines().map(String::strip).filter(l -> l.startsWith("No NAT!") || l.startsWith("NAT with") || l.equals(HAIRPIN)
                || l.startsWith("STUN receive timeout") || l.startsWith("The response is")).forEach(words::add);
        return new DiscoveryVerdict(connectivity, behindNat, mapped, mv, fv, hairpin, Optional.empty(), Optional.empty(),
                words.isEmpty() ? "(no verdict printed)" : String.join(" | ", words));
    }

    private static Optional<String> last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return Optional.ofNullable(found);
    }

    private static MappingVerdict mappingOf(String words) {
        return switch (words) {
            case "Endpoint Independent" -> MappingVerdict.EIM;
            case "Address Dependent" -> MappingVerdict.ADM;
            default -> MappingVerdict.APDM;
        };
    }

    private static FilteringVerdict filteringOf(String words) {
        return switch (words) {
            case "Endpoint Independent" -> FilteringVerdict.EIF;
            case "Address Dependent" -> FilteringVerdict.ADF;
            default -> FilteringVerdict.APDF;
        };
    }
}

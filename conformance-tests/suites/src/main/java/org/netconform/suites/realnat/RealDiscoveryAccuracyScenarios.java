package org.netconform.suites.realnat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netconform.harness.Check;
import org.netconform.harness.ConformanceTest;
import org.netconform.harness.NoAnswer;
import org.netconform.harness.Observation;
import org.netconform.harness.Requirement;
import org.netconform.harness.RequiresCapability;
import org.netconform.harness.result.ResultMatrix;
import org.netconform.netlab.LabException;
import org.netconform.netlab.pair.PairHost;
import org.netconform.netlab.pair.PairLab;
import org.netconform.netlab.pair.PairLayout;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.suites.traversal.GridCells;

/**
 * Discovery accuracy behind real Linux NATs (the {@code endpoint} layer of DISC-MAP, -FILT, -HAIR): a
 * target's discovery client runs in a JVM of its own inside the inside host's namespace
 * (198.51.100.10, behind one router; any program its adapter starts runs there too), the reference
 * STUN server on 203.0.113.100:3478 and 203.0.113.101:3479 in the middle; one fresh lab per client and
 * NAT, since a Linux NAT keeps conntrack state a later run would see. The NAT's known behaviour
 * ({@link RealNat}: masquerade EIM+APDF, random and fully-random APDM+APDF, none hairpins) is the
 * oracle. A run costs two JVM starts and the client's own time (three 3 s probe timeouts for the APDF
 * and hairpinning tests): 10 to 20 s per NAT. UNSUPPORTED where namespace labs cannot run. Each test publishes
 * its cells of the grid {@code discovery-accuracy-linux} (a row per NAT, a column per client, the run's log in a file).
 */
public class RealDiscoveryAccuracyScenarios {
    private static final long START_MILLIS = 30_000;
    private static final long CLIENT_MILLIS = 90_000;
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    /** What the client reported behind one NAT (fields as the VERDICT line has them), or why nothing. */
    record Run(RealNat nat, Map<String, String> verdict, String error, String log) {
    }

    private static final Map<DiscoveryClientAdapter, Map<RealNat, Run>> RUNS = new WeakHashMap<>();

    static synchronized Map<RealNat, Run> runs(DiscoveryClientAdapter client) {
        RealTraversalMatrixScenarios.requireLabs();
        String target = RealTraversalMatrixScenarios.targetId();
        return RUNS.computeIfAbsent(client, c -> {
            Map<RealNat, Run> out = new EnumMap<>(RealNat.class);
            for (RealNat n : RealNat.values()) {
                out.put(n, run(target, n));
            }
            return out;
        });
    }

    private static Run run(String target, RealNat nat) {
        try (PairLab lab = PairLab.open(PairLayout.SAME_NAT, nat.rules(), null)) {
            LabJvm server = LabJvm.start(lab, PairHost.MIDDLE, "the STUN server", StunServerProcess.class,
                    List.of(PairLayout.STUN_PRIMARY, "3478", PairLayout.STUN_ALTERNATE, "3479"));
            server.await(s -> s.startsWith("READY"), START_MILLIS, "READY");
            LabJvm client = LabJvm.start(lab, PairHost.A, "the discovery client", DiscoveryProcess.class,
                    List.of(target, PairLayout.STUN_PRIMARY, "3478", PairLayout.SAME_NAT.addressA()));
            String line = client.await(s -> s.startsWith("VERDICT ") || s.startsWith("FAILED "), START_MILLIS + CLIENT_MILLIS,
                    "a verdict");
            String log = "lab " + lab.prefix() + ": client 198.51.100.10 behind " + lab.describe(PairHost.ROUTER_A) + "\n"
                    + String.join("\n", client.output()) + "\nconntrack of the router:\n" + lab.conntrack(PairHost.ROUTER_A).indent(2);
            if (line.startsWith("FAILED ")) {
                return new Run(nat, Map.of(), line.substring("FAILED ".length()), log);
            }
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                fields.put(m.group(1), m.group(2));
            }
            return new Run(nat, fields, "", log);
        } catch (NoAnswer | LabException e) {
            return new Run(nat, Map.of(), e.getMessage(), "");
        }
    }

    static final String GRID = "discovery-accuracy-linux";

    private static String row(RealNat n) {
        return n + " (" + n.behaviour() + ")";
    }

    /** A field's value as a cell shows it: hairpinning {@code hairpin} or {@code no hairpin}, not true or false. */
    private static String cellWord(String field, String value) {
        return !field.equals("hairpinning") ? value : value.equals("true") ? "hairpin" : value.equals("false") ? "no hairpin" : value;
    }

    private static void judge(DiscoveryClientAdapter client, String what, String field, Function<RealNat, String> expected) {
        Map<RealNat, Run> runs = runs(client);
        List<String> errors = runs.values().stream().filter(r -> r.verdict().isEmpty())
                .map(r -> r.nat() + ": " + r.error()).toList();
        List<String> problems = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        List<ResultMatrix.Cell> cells = new ArrayList<>();
        for (Run r : runs.values()) {
            String want = expected.apply(r.nat());
            String got = r.verdict().getOrDefault(field, "nothing");
            String line = "linux " + r.nat() + " (" + r.nat().behaviour() + ", no hairpinning): expected " + want + ", reported " + got
                    + (r.verdict().isEmpty() ? " (" + r.error() + ")" : "");
            Observation.wire("== " + line);
            table.append(line).append('\n');
            Boolean right = r.verdict().isEmpty() ? null : want.equals(got);
            if (Boolean.FALSE.equals(right)) {
                problems.add(line);
            }
            // the log goes to the cell's file; to the wire log only when there is no file to hold it
            cells.add(GridCells.cell(GRID, row(r.nat()), null, field, cellWord(field, want),
                    r.verdict().isEmpty() ? null : cellWord(field, got), right, r.verdict().isEmpty() ? r.error() : null,
                    r.verdict().isEmpty() ? null : r.verdict().toString(), r.log(), Observation::wire));
        }
        Observation.matrix(new ResultMatrix(GRID, "RFC 5780 discovery: what each client reported behind a real Linux NAT",
                "Linux NATs in namespaces", "the Linux NAT in front of the client (its mapping+filtering)",
                "client (target), and what it was asked", java.util.Arrays.stream(RealNat.values()).map(RealDiscoveryAccuracyScenarios::row)
                .toList(), List.of(), cells));
        if (!errors.isEmpty()) {
            // a client that could not be run, or a lab that failed, leaves nothing to judge
            throw new NoAnswer("no verdict behind " + errors.size() + " of " + runs.size() + " real NATs, first: " + errors.get(0));
        }
        Check.all(what + " reported behind each of " + runs.size() + " real Linux NATs equals what the NAT is", problems,
                table.toString().strip());
    }

    @ConformanceTest
    @Requirement({"DISC-MAP-2", "DISC-MAP-3"})
    @RequiresCapability(DiscoveryClientAdapter.MAPPING)
    void mappingBehindRealNats(DiscoveryClientAdapter client) {
        judge(client, "the mapping behaviour", "mapping", n -> n.mapping.name());
    }

    @ConformanceTest
    @Requirement({"DISC-FILT-1", "DISC-FILT-2"})
    @RequiresCapability(DiscoveryClientAdapter.FILTERING)
    void filteringBehindRealNats(DiscoveryClientAdapter client) {
        judge(client, "the filtering behaviour", "filtering", n -> n.filtering.name());
    }

    @ConformanceTest
    @Requirement("DISC-HAIR-1")
    @RequiresCapability(DiscoveryClientAdapter.HAIRPINNING)
    void hairpinningBehindRealNats(DiscoveryClientAdapter client) {
        // none of these NATs hairpins a dynamic mapping, so the request to the mapped address never arrives
        judge(client, "hairpinning", "hairpinning", n -> "false");
    }
}

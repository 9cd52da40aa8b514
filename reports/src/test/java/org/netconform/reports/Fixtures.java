package org.netconform.reports;

import org.netconform.harness.result.CaseResult;
import org.netconform.harness.result.PublishedResult;
import org.netconform.harness.result.ResultJson;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.netconform.spec.Layer;
import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.spec.SpecRequirement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Synthetic report entries and test identifiers, as the conformance harness would publish them. */
final class Fixtures {
    static final String HOSTILE_SCRIPT = "<script>alert(1)</script>";
    static final String HOSTILE_ATTR = "\"><img src=x onerror=alert(1)>";
    static final String WITHDRAWN_ID = "BO-OLD-1";

    private Fixtures() {
    }

    static final String UDP_ONLY = "udp-only";
    static final String UDP_FAIL_WHY = "connect() keeps datagrams queued before it";

    /** The bundled spec (with its draft areas) plus one withdrawn requirement. */
    static SpecCatalog catalog() {
        List<SpecRequirement> all = new ArrayList<>(SpecCatalog.bundled().all());
        all.add(new SpecRequirement(WITHDRAWN_ID, Level.MUST, List.of("writer"), Set.of(Layer.CODEC),
                "An old rule.", "RFC 791", "byte-order", "byte-order.md", 999, Optional.of("superseded by BO-ORDER-1")));
        // fixed draft areas, so the tests do not change meaning when an area of the real spec leaves draft
        return SpecCatalog.of(all, Set.of("udp-connect", "websocket"));
    }

    static TestIdentifier test(String name) {
        UniqueId id = UniqueId.forEngine("netconform-test").append("class", "Suite").append("method", name);
        return TestIdentifier.from(new AbstractTestDescriptor(id, name + "()") {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        });
    }

    /** Builds an entry from alternating keys (without the {@code netconform.} prefix) and values. */
    static ReportEntry entry(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put("netconform." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return ReportEntry.from(packed(map));
    }

    /**
     * The entry the harness publishes for a result given field by field ({@code netconform.target},
     * {@code netconform.requirements} as a comma list, {@code netconform.outcome}, ...): one key whose
     * value is the {@link PublishedResult} as JSON. Tests state results readably; the listener reads
     * exactly what the harness writes.
     */
    static Map<String, String> packed(Map<String, String> f) {
        String reqs = f.get("netconform.requirements");
        CaseResult r = new CaseResult(reqs == null ? List.of() : List.of(reqs.split(",")), f.get("netconform.test"),
                null, f.get("netconform.outcome"), f.get("netconform.baseline"), f.get("netconform.baselineWhy"),
                bool(f.get("netconform.matchesBaseline")), f.get("netconform.expected"), f.get("netconform.observed"),
                f.get("netconform.reason"), f.get("netconform.seed"), f.get("netconform.counterexample"),
                f.containsKey("netconform.durationMs") ? Long.valueOf(f.get("netconform.durationMs")) : null,
                f.get("netconform.wirelog"), bool(f.get("netconform.covered")));
        return Map.of(PublishedResult.KEY,
                ResultJson.write(new PublishedResult(f.get("netconform.target"), f.get("netconform.targetDescription"), r)));
    }

    private static Boolean bool(String s) {
        return s == null ? null : Boolean.valueOf(s);
    }

    static void publish(ConformanceReportListener l, String target, String requirements, String test, String outcome,
                        String... more) {
        List<String> kv = new ArrayList<>(List.of("target", target, "targetDescription", target + " adapter",
                "requirements", requirements, "test", test, "outcome", outcome, "durationMs", "7"));
        kv.addAll(List.of(more));
        l.reportingEntryPublished(test(test), entry(kv.toArray(String[]::new)));
    }

    /**
     * A target that covers only udp-connect, run by the byte-order suite too: its byte-order results
     * say {@code covered=false}. Two PASS results for one requirement, a FAIL its baseline lists.
     */
    static void publishUdpOnly(ConformanceReportListener l) {
        publish(l, UDP_ONLY, "UDP-CONNECT-1", "UdpSuite.connectFilters", "PASS", "covered", "true",
                "baseline", "PASS", "matchesBaseline", "true");
        publish(l, UDP_ONLY, "UDP-CONNECT-1", "UdpSuite.connectFiltersAgain", "PASS", "covered", "true",
                "baseline", "PASS", "matchesBaseline", "true");
        publish(l, UDP_ONLY, "UDP-CONNECT-2", "UdpSuite.connectDropsQueued", "FAIL", "covered", "true",
                "baseline", "FAIL", "baselineWhy", UDP_FAIL_WHY, "matchesBaseline", "true",
                "observed", "a datagram from another peer was received\nsecond line");
        publish(l, UDP_ONLY, "BO-ORDER-1", "ByteOrderSuite.writesNetworkOrder", "UNSUPPORTED", "covered", "false",
                "baseline", "UNSUPPORTED", "matchesBaseline", "true", "reason", UDP_ONLY + " declares no ByteOrder adapter");
        publish(l, UDP_ONLY, "BO-WIDTH-2", "ByteOrderSuite.refusesOverflow", "UNSUPPORTED", "covered", "false",
                "baseline", "UNSUPPORTED", "matchesBaseline", "true", "reason", UDP_ONLY + " declares no ByteOrder adapter");
    }

    /** Two targets with mixed outcomes, a hostile test name and observed value, INFO values, baseline marks. */
    static void publishTwoTargets(ConformanceReportListener l) {
        publish(l, "reference", "BO-ORDER-1", "ByteOrderSuite.writesNetworkOrder", "PASS",
                "baseline", "PASS", "matchesBaseline", "true", "expected", "01 23 45 67", "observed", "01 23 45 67",
                "wirelog", "-> 01 23 45 67\n<- ok");
        publish(l, "reference", "BO-ORDER-2,BO-ORDER-3", "ByteOrderSuite.roundTrips", "PASS",
                "baseline", "PASS", "matchesBaseline", "true", "seed", "-4711", "counterexample", "u16 0x8081");
        publish(l, "reference", "BO-INFO-1", "ByteOrderInfo.overflow", "INFORMATIONAL",
                "baseline", "INFORMATIONAL", "matchesBaseline", "true", "observed", "throws IllegalArgumentException");
        publish(l, "reference", "BO-EXTRA-1", "ByteOrderSuite.extraOctets", "NON_STRICT",
                "baseline", "PASS", "matchesBaseline", "false", "reason", "ignored 2 trailing octets");

        publish(l, "netty", "BO-ORDER-1", "ByteOrderSuite.writesNetworkOrder", "PASS",
                "baseline", "PASS", "matchesBaseline", "true");
        publish(l, "netty", "BO-ORDER-1", "ByteOrderSuite.writesViaEndpoint", "UNSUPPORTED",
                "baseline", "PASS", "matchesBaseline", "false", "reason", "adapter declares no endpoint layer");
        publish(l, "netty", "BO-VIEW-1", "ByteOrderSuite.sliceKeepsOrder", "NON_STRICT",
                "baseline", "NON_STRICT", "baselineWhy", "slices revert to big-endian", "matchesBaseline", "true");
        publish(l, "netty", "BO-WIDTH-2", "ByteOrderSuite.refusesOverflow", "FAIL",
                "baseline", "PASS", "matchesBaseline", "false", "expected", "refusal", "observed", "truncated to 0x34");
        publish(l, "netty", "BO-WIDTH-1", "Hostile." + HOSTILE_SCRIPT + HOSTILE_ATTR, "FAIL",
                "baseline", "PASS", "matchesBaseline", "false", "observed", HOSTILE_SCRIPT + HOSTILE_ATTR,
                "reason", HOSTILE_ATTR);
        publish(l, "netty", "BO-INFO-1", "ByteOrderInfo.overflow", "INFORMATIONAL",
                "baseline", "INFORMATIONAL", "matchesBaseline", "true", "observed", "truncates to the low octets");
        publish(l, "netty", "BO-LE-1", "ByteOrderSuite.littleEndianField", "ERROR",
                "baseline", "PASS", "matchesBaseline", "false", "reason", "timeout after 5 s");
        publish(l, "netty", "BO-NOPE-9,../../evil id", "ByteOrderSuite.namesUnknownIds", "PASS");
        // not ours: no target
        l.reportingEntryPublished(test("Other.thing"), ReportEntry.from("netconform.outcome", "FAIL"));
        l.reportingEntryPublished(test("Other.thing"), ReportEntry.from("key", "value"));
    }
}

package org.netconform.selftest;

import org.netconform.harness.result.PublishedResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netconform.harness.SuiteLauncher;
import org.netconform.spec.Level;
import org.netconform.spec.SpecCatalog;
import org.netconform.suites.nat.NatPropertyHook;
import org.netconform.suites.nat.NatTries;

/**
 * The NAT suite against the in-process fake NATs of {@code org.netconform.broken.nat}: the correct ones
 * pass (or, where the suite cannot decide, are UNSUPPORTED with the reason), and each broken one is caught
 * with the requirement its break breaks.
 */
class NatSuiteCatchesBrokenNatsTest {
    private static final String SUITES = "org.netconform.suites.nat";
    private static final List<String> CORRECT = List.of("fake-nat", "fake-nat-cgn", "fake-nat-realtime",
            "fake-nat-linuxlike");

    private static List<PublishedResult> run(String target) {
        SuiteLauncher.Run run = SuiteLauncher.run(target, SUITES);
        assertThat(run.containerFailures()).as("containers that failed outside any test").isEmpty();
        return run.results();
    }

    @Test
    void correctNatsMatchTheirBaselinesAndNothingIsAnError() {
        for (String target : CORRECT) {
            assertThat(run(target)).as(target).isNotEmpty().allSatisfy(r -> {
                assertThat(r.matchesBaseline()).as(r.toString()).isTrue();
                assertThat(r.outcome().name()).as(r.toString()).isNotEqualTo("ERROR");
            });
        }
    }

    @Test
    void theCarrierGradeFakePassesEveryNatRequirement() {
        assertThat(run("fake-nat-cgn")).allSatisfy(r ->
                assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "INFORMATIONAL"));
    }

    /** Every MUST and SHOULD of nat.md has a test that a correct NAT passes: no check is impossible to pass. */
    @Test
    void everyMustAndShouldPassesOnSomeCorrectNat() {
        Set<String> passed = CORRECT.stream().flatMap(t -> run(t).stream())
                .filter(r -> r.outcome().name().equals("PASS")).flatMap(r -> r.requirements().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> needed = SpecCatalog.bundled().all().stream().filter(r -> r.area().equals("nat"))
                .filter(r -> r.level() == Level.MUST || r.level() == Level.SHOULD).map(r -> r.id())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(passed).containsAll(needed);
    }

    @Test
    void inRealTimeLongTimersAreUnsupportedWithTheReasonUnlessAllowed() {
        List<PublishedResult> bounded = run("fake-nat-realtime");
        assertThat(bounded).filteredOn(r -> r.requirements().get(0).matches("NAT-TIMER-[12]|NAT-TCP-[67]"))
                .hasSize(4).allSatisfy(r -> {
                    assertThat(r.outcome().name()).as(r.toString()).isEqualTo("UNSUPPORTED");
                    assertThat(r.reason()).contains("-Dnetconform.nat.longTimers=true");
                });
        System.setProperty("netconform.nat.longTimers", "true");
        try {
            assertThat(run("fake-nat-realtime"))
                    .filteredOn(r -> r.requirements().get(0).matches("NAT-TIMER-[12]|NAT-TCP-[67]"))
                    .hasSize(4).allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("PASS"));
        } finally {
            System.clearProperty("netconform.nat.longTimers");
        }
    }

    @Test
    void aLinuxLikeNatFailsTheTwoMinuteTimerWithinTheBoundedWait() {
        assertThat(run("fake-nat-linuxlike")).filteredOn(r -> r.requirements().contains("NAT-TIMER-1"))
                .singleElement().satisfies(r -> {
                    assertThat(r.outcome().name()).isEqualTo("FAIL");
                    assertThat(r.observed()).contains("expired after 30 s");
                });
    }

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
            "broken-nat-symmetric,            NAT-MAP-1,   FAIL",
            "broken-nat-symmetric,            NAT-TCP-1,   FAIL",
            "broken-nat-port-overloading,     NAT-MAP-2,   FAIL",
            "broken-nat-port-overloading,     NAT-TCP-4,   FAIL",
            "broken-nat-no-hairpin,           NAT-HAIR-1,  FAIL",
            "broken-nat-no-hairpin,           NAT-HAIR-3,  FAIL",
            "broken-nat-inbound-only-refresh, NAT-TIMER-3, FAIL",
            "broken-nat-icmp-teardown,        NAT-ICMP-1,  FAIL",
            "broken-nat-quota-evicts,         NAT-CGN-3,   FAIL",
            "broken-nat-quota-evicts,         NAT-CGN-2,   FAIL",
            "broken-nat-short-timer,          NAT-TIMER-1, FAIL",
            "broken-nat-short-timer,          NAT-TIMER-2, NON_STRICT",
            "broken-nat-nondeterministic,     NAT-DET-1,   FAIL",
            "broken-nat-cgn-reuses-ports,     NAT-CGN-4,   NON_STRICT",
    })
    void brokenNatIsCaughtWithTheIntendedId(String target, String id, String outcome) {
        List<PublishedResult> results = run(target);
        // every test of the requirement sees the break: the named scenario and the property alike
        assertThat(results).filteredOn(r -> r.requirements().contains(id)).as("results for %s", id).isNotEmpty()
                .allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo(outcome));
        // the break is pinned to what it breaks: most judged results still pass, and nothing is an ERROR
        List<PublishedResult> judged = results.stream()
                .filter(r -> List.of("PASS", "FAIL", "NON_STRICT").contains(r.outcome().name())).toList();
        assertThat(judged).filteredOn(r -> r.outcome().name().equals("PASS")).hasSizeGreaterThan(judged.size() / 2);
        assertThat(results).noneSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("ERROR"));
    }

    @Test
    void theModelComparisonShrinksANondeterministicNatToAShortSequence() {
        assertThat(run("broken-nat-nondeterministic"))
                .filteredOn(r -> r.test().equals("NatModelProperties.theTargetBehavesAsOneConfigurationOfTheModel"))
                .singleElement().satisfies(r -> {
                    assertThat(r.outcome().name()).isEqualTo("FAIL");
                    String counterexample = r.result().counterexample();
                    assertThat(counterexample).as("shrunk counterexample").isNotBlank();
                    // two hosts colliding on one port and one more datagram show it: at most four steps
                    assertThat(counterexample.split(",").length).as(counterexample).isLessThanOrEqualTo(4);
                });
    }

    /**
     * Every NAT property gets its tries per layer: without {@link NatTries} and its hook a property would
     * run jqwik's default thousand tries, each a lab between namespaces at the endpoint layer.
     */
    @Test
    void everyNatPropertyHasItsTriesPerLayer() {
        List<java.lang.reflect.Method> properties = TraceabilityTest.suiteMethods().stream()
                .filter(m -> m.getDeclaringClass().getPackageName().equals(SUITES))
                .filter(m -> m.isAnnotationPresent(net.jqwik.api.Property.class)).toList();
        assertThat(properties).hasSizeGreaterThanOrEqualTo(8).allSatisfy(m -> {
            assertThat(m.getAnnotation(NatTries.class)).as(m.toString()).isNotNull();
            assertThat(m.getDeclaringClass().getAnnotation(net.jqwik.api.lifecycle.AddLifecycleHook.class))
                    .as(m.getDeclaringClass().getName()).isNotNull()
                    .satisfies(h -> assertThat(h.value()).isEqualTo(NatPropertyHook.class));
        });
    }

    /** A lab that cannot answer is the harness's problem, not the NAT's: ERROR (or UNSUPPORTED), never a verdict. */
    @Test
    void aDeadLabIsAnErrorAndNeverAVerdict() {
        List<PublishedResult> results = SuiteLauncher.run("broken-nat-lab-dies", SUITES).results();
        // NAT-INFO-14 reads the adapter's topology and opens no lab
        assertThat(results).filteredOn(r -> !r.requirements().contains("NAT-INFO-14")).isNotEmpty().allSatisfy(r ->
                assertThat(r.outcome().name()).as(r.toString()).isIn("ERROR", "UNSUPPORTED"));
        assertThat(results).filteredOn(r -> r.requirements().contains("NAT-XLATE-1")).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("NatLabException").contains("agent"));
    }

    /** A break leaves the families it does not touch passing. */
    @Test
    void eachBreakLeavesTheUnrelatedFamiliesPassing() {
        assertThat(run("broken-nat-short-timer"))
                .filteredOn(r -> r.requirements().get(0).matches("NAT-(XLATE|MAP|HAIR|ICMP|TCP|DET)-.*"))
                .filteredOn(r -> !r.outcome().name().equals("UNSUPPORTED"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isIn("PASS", "NON_STRICT"));
        assertThat(run("broken-nat-no-hairpin"))
                .filteredOn(r -> r.requirements().get(0).matches("NAT-(XLATE|MAP|TIMER|ICMP|DET)-.*"))
                .filteredOn(r -> !r.outcome().name().equals("UNSUPPORTED"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.outcome().name()).as(r.toString()).isEqualTo("PASS"));
    }
}

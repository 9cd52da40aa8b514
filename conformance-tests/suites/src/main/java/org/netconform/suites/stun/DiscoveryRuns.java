package org.netconform.suites.stun;

import java.net.InetAddress;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netconform.harness.Observation;
import org.netconform.reference.stun.ServerAddresses;
import org.netconform.spi.stun.DiscoveryClientAdapter;
import org.netconform.spi.stun.DiscoveryRequest;
import org.netconform.spi.stun.DiscoveryVerdict;

/**
 * One discovery run of a client against the suite's {@link ObservingStunServer} in one mode, kept for
 * the tests that judge the same run (a run of a third-party client can take seconds: each filtering
 * test the emulated NAT refuses waits out the client's timeout). Knobs: {@code netconform.stun.probeTimeoutMs}
 * (3000), how long a client that can be told ({@link DiscoveryClientAdapter#TIMEOUT}) waits for one
 * unanswered test; {@code netconform.stun.discoveryDeadlineMs} (60000), how long a run may take.
 */
final class DiscoveryRuns {
    /** What a run left: the verdict (or why there is none) and every datagram the client sent. */
    record Run(ObservingStunServer.Mode mode, ServerAddresses server, Set<String> tests, Optional<DiscoveryVerdict> verdict,
               Optional<Throwable> failure, List<ObservingStunServer.Seen> seen, List<String> log,
               Map<Integer, Integer> externalPorts, long millis) {

        /** The verdict; a client that could not be run is an ERROR of every test that needs the run. */
        DiscoveryVerdict verdictOrError() {
            replay();
            if (failure.isPresent()) {
                throw new IllegalStateException("the discovery client did not finish (" + mode.name() + "): "
                        + failure.get(), failure.get());
            }
            return verdict.orElseThrow();
        }

        /** The run's requests in the wire log of the current test. */
        void replay() {
            Observation.wire("discovery run " + mode.name() + " against " + server + ", tests " + tests + ", " + millis + " ms");
            log.forEach(Observation::wire);
            verdict.ifPresent(v -> Observation.wire("verdict: " + v.summary() + " | " + v.words()));
        }

        List<ObservingStunServer.Seen> requests() {
            return seen.stream().filter(ObservingStunServer.Seen::isRequest).toList();
        }
    }

    private static final Map<DiscoveryClientAdapter, Map<String, Run>> RUNS = new IdentityHashMap<>();

    private DiscoveryRuns() {
    }

    static Duration probeTimeout() {
        return Duration.ofMillis(Long.getLong("netconform.stun.probeTimeoutMs", 3000));
    }

    static Duration deadline() {
        return Duration.ofMillis(Long.getLong("netconform.stun.discoveryDeadlineMs", 60_000));
    }

    /** Mapping and filtering, with hairpinning when the client has it: what the plain and comparison runs ask. */
    static Set<String> usualTests(DiscoveryClientAdapter client) {
        Set<String> t = new LinkedHashSet<>();
        for (String test : List.of(DiscoveryClientAdapter.MAPPING, DiscoveryClientAdapter.FILTERING, DiscoveryClientAdapter.HAIRPINNING)) {
            if (client.capabilities().contains(test)) {
                t.add(test);
            }
        }
        return t;
    }

    static Run of(DiscoveryClientAdapter client, ObservingStunServer.Mode mode) {
        return of(client, mode, usualTests(client), Optional.of(probeTimeout()), Optional.empty(), deadline());
    }

    static synchronized Run of(DiscoveryClientAdapter client, ObservingStunServer.Mode mode, Set<String> tests,
                               Optional<Duration> probeTimeout, Optional<Duration> lifetimeMax, Duration deadline) {
        Map<String, Run> byMode = RUNS.computeIfAbsent(client, c -> new java.util.HashMap<>());
        return byMode.computeIfAbsent(key(mode, tests, probeTimeout, lifetimeMax),
                k -> make(client, mode, tests, probeTimeout, lifetimeMax, deadline));
    }

    /**
     * The usual runs of a client in several modes, those not yet cached made {@code PARALLEL} at a time: each run
     * has a server of its own (its own ports), and a third-party client spends most of a run waiting out the
     * timeouts of the tests the emulated NAT refuses, so runs side by side cost little more than one. The same
     * runs {@link #of(DiscoveryClientAdapter, ObservingStunServer.Mode)} makes, and kept for it.
     */
    static synchronized List<Run> all(DiscoveryClientAdapter client, List<ObservingStunServer.Mode> modes) {
        Set<String> tests = usualTests(client);
        Optional<Duration> timeout = Optional.of(probeTimeout());
        Map<String, Run> byMode = RUNS.computeIfAbsent(client, c -> new java.util.HashMap<>());
        List<ObservingStunServer.Mode> missing = modes.stream()
                .filter(m -> !byMode.containsKey(key(m, tests, timeout, Optional.empty()))).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(PARALLEL, missing.size())));
        try {
            List<java.util.concurrent.Future<Run>> made = missing.stream()
                    .map(m -> pool.submit(() -> make(client, m, tests, timeout, Optional.empty(), deadline()))).toList();
            for (int i = 0; i < missing.size(); i++) {
                byMode.put(key(missing.get(i), tests, timeout, Optional.empty()), made.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the discovery client", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // make() keeps a client's failure in its Run: this is the suite's own server failing
            throw new IllegalStateException("a discovery run could not be made: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return modes.stream().map(m -> byMode.get(key(m, tests, timeout, Optional.empty()))).toList();
    }

    /** How many runs {@link #all} makes at once: the machine may have two cores; the clients mostly wait. */
    private static final int PARALLEL = 3;

    private static String key(ObservingStunServer.Mode mode, Set<String> tests, Optional<Duration> probeTimeout,
                              Optional<Duration> lifetimeMax) {
        return mode + "|" + new java.util.TreeSet<>(tests) + "|" + probeTimeout + "|" + lifetimeMax;
    }

    private static Run make(DiscoveryClientAdapter client, ObservingStunServer.Mode mode, Set<String> tests,
                            Optional<Duration> probeTimeout, Optional<Duration> lifetimeMax, Duration deadline) {
        try (ObservingStunServer server = new ObservingStunServer(mode)) {
            long start = System.nanoTime();
            Optional<DiscoveryVerdict> verdict = Optional.empty();
            Optional<Throwable> failure = Optional.empty();
            try {
                verdict = Optional.of(client.discover(new DiscoveryRequest(server.addresses().primary(),
                        InetAddress.getByName("127.0.0.1"), tests, probeTimeout, lifetimeMax, deadline)));
            } catch (Exception e) {
                failure = Optional.of(e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            // a last straggler the client sent while finishing
            sleep(50);
            return new Run(mode, server.addresses(), Set.copyOf(tests), verdict, failure, server.seen(), server.log(),
                    server.externalPorts(), ms);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.netconform.suites.nat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.Targets;
import org.netconform.spi.Target;
import org.netconform.spi.nat.NatAdapter;

/**
 * The observations that wait in real time: a UDP mapping's lifetimes (about 35 s) and refresh (a few
 * seconds). Run one after another they would cost every real-time target that much in turn, so before
 * the first lab of a run they start for every selected target at once, each target on a thread of its
 * own, while the other checks go on; a check that needs one collects it (waiting for the rest, never
 * longer than the observation itself) and shows its evidence. Each is observed once per target and run
 * and kept by {@link NatFacts} like any finding; a failure (a lab error, an UNSUPPORTED reason) is the
 * outcome of every check that collects it.
 *
 * <p>A target whose labs run in virtual time waits for nothing: its observations run inline, in the check
 * that first needs them. Labs of different targets never share anything (netlab gives each open lab its
 * own namespaces, a user-mode lab has its own, each pion lab its own shim), so they can run side by side.
 * A run that selects only some NAT checks still starts every observation; nothing waits for those it
 * does not collect (the threads are daemons and the labs are closed at exit).
 */
final class NatLongWaits {
    static final String LIFETIMES = "udp-lifetimes";
    static final String REFRESH = "refresh";

    /** Started observations by target, aspect and whether long timers were allowed. */
    private static final Map<String, CompletableFuture<NatEvidence.Learned<Object>>> STARTED = new ConcurrentHashMap<>();

    private NatLongWaits() {
    }

    /** The selection (and long-timer setting) {@link #startAll} last went through: nothing new to start for it. */
    private static volatile Map.Entry<List<Target>, Boolean> lastStarted;

    /** Starts the observations of every selected target that has none yet. Cheap when all have started. */
    static void startAll() {
        List<Target> selected = Targets.selected();
        Map.Entry<List<Target>, Boolean> now = Map.entry(selected, NatTimers.longTimers());
        Map.Entry<List<Target>, Boolean> last = lastStarted;
        if (last != null && last.getKey() == selected && last.getValue().equals(now.getValue())) {
            return;
        }
        lastStarted = now;
        for (Target t : selected) {
            t.adapter(NatAdapter.class).filter(n -> n.unavailableReason().isEmpty()).ifPresent(n -> start(t, n));
        }
    }

    /** The observation {@code aspect} of the current target, collected (and kept) once per run. */
    @SuppressWarnings("unchecked")
    static <T> T collect(NatAdapter nat, String aspect) {
        boolean longTimers = NatTimers.longTimers();
        String fact = aspect + (longTimers ? "-long" : "");
        if (NatClock.virtual(nat)) {
            return (T) NatFacts.get(nat, fact, () -> measure(aspect, longTimers).apply(nat));
        }
        Target target = CurrentTarget.get();
        start(target, nat);
        CompletableFuture<NatEvidence.Learned<Object>> started = STARTED.get(key(target, nat, aspect, longTimers));
        return (T) NatFacts.get(nat, fact, () -> {
            NatEvidence.Learned<Object> learned = join(started);
            learned.lines().forEach(NatEvidence::line);
            return learned.value();
        });
    }

    /** One thread per target: its real-time observations one after another, the short one first. */
    private static void start(Target target, NatAdapter nat) {
        boolean longTimers = NatTimers.longTimers();
        Map<String, CompletableFuture<NatEvidence.Learned<Object>>> mine = new LinkedHashMap<>();
        for (String aspect : new String[] {REFRESH, LIFETIMES}) {
            CompletableFuture<NatEvidence.Learned<Object>> f = new CompletableFuture<>();
            if (STARTED.putIfAbsent(key(target, nat, aspect, longTimers), f) == null) {
                mine.put(aspect, f);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> CurrentTarget.on(target, () -> {
            Optional<Boolean> virtual = Optional.empty();
            for (Map.Entry<String, CompletableFuture<NatEvidence.Learned<Object>>> e : mine.entrySet()) {
                try {
                    if (virtual.isEmpty()) {
                        virtual = Optional.of(NatClock.virtual(nat));
                    }
                    if (virtual.get()) {
                        // nothing to wait for in virtual time: the check that needs it measures it inline
                        e.getValue().completeExceptionally(new IllegalStateException("virtual time: measured inline"));
                        continue;
                    }
                    e.getValue().complete(NatEvidence.learnAside(() -> measure(e.getKey(), longTimers).apply(nat)));
                } catch (RuntimeException | Error failure) {
                    e.getValue().completeExceptionally(failure);
                }
            }
            return null;
        }), "nat-long-waits-" + target.id());
        thread.setDaemon(true);
        thread.start();
    }

    private static Function<NatAdapter, Object> measure(String aspect, boolean longTimers) {
        return switch (aspect) {
            case LIFETIMES -> nat -> NatLifetimes.measure(nat, longTimers);
            case REFRESH -> NatRefresh::observe;
            default -> throw new IllegalArgumentException("no such observation: " + aspect);
        };
    }

    private static String key(Target target, NatAdapter nat, String aspect, boolean longTimers) {
        return target.id() + "/" + nat.getClass().getName() + "/" + aspect + (longTimers ? "-long" : "");
    }

    /** The observation's result, or what it failed with, as the check that collects it should meet it. */
    private static NatEvidence.Learned<Object> join(CompletableFuture<NatEvidence.Learned<Object>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}

package org.netconform.suites.nat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.netconform.harness.CurrentTarget;
import org.netconform.harness.Targets;
import org.netconform.spi.Target;
import org.netconform.spi.nat.NatAdapter;

/**
 * The waiting part of a timer property's try, run for every real-time target at once. jqwik runs a
 * property for one target after another, and a try that watches a timer waits seconds of real time. With
 * one seed per property every target's execution draws the same samples, so when the first real-time
 * target meets the property's first sample, the same sample is started for the other real-time targets
 * on threads of their own, and each of them, when its turn comes, collects its own result instead of
 * waiting again. Only the first sample goes ahead (with one real-time try, the try itself): a sample that
 * nobody started, such as a shrinking step, runs in its turn like any other. A target for which the body
 * cannot run (a need the property hook turns into UNSUPPORTED first) never collects what was started.
 */
final class NatTriesAhead {
    /** Results started ahead, by property, target and sample; each is taken once. */
    private static final Map<String, CompletableFuture<Object>> AHEAD = new ConcurrentHashMap<>();
    /** The properties whose first sample went ahead already. */
    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private NatTriesAhead() {
    }

    /**
     * {@code body} applied to this target's adapter: collected when it was started ahead for this sample,
     * else run now (and, for the property's first sample in real time, started for the other targets).
     */
    @SuppressWarnings("unchecked")
    static <T> T run(NatAdapter nat, String property, Object sample, Function<NatAdapter, T> body) {
        if (NatClock.virtual(nat)) {
            return body.apply(nat);
        }
        Target me = CurrentTarget.get();
        CompletableFuture<Object> ahead = AHEAD.remove(key(property, me, sample));
        if (ahead != null) {
            return (T) join(ahead);
        }
        if (STARTED.add(property + "/" + Targets.selected())) {
            for (Target other : Targets.selected()) {
                if (other != me) {
                    other.adapter(NatAdapter.class).filter(n -> n.unavailableReason().isEmpty())
                            .ifPresent(n -> startAhead(property, other, n, sample, body));
                }
            }
        }
        return body.apply(nat);
    }

    private static <T> void startAhead(String property, Target target, NatAdapter nat, Object sample,
                                       Function<NatAdapter, T> body) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        AHEAD.put(key(property, target, sample), f);
        Thread thread = new Thread(() -> CurrentTarget.on(target, () -> {
            try {
                if (NatClock.virtual(nat)) {
                    // nothing to wait for: its execution runs the sample itself
                    AHEAD.remove(key(property, target, sample), f);
                } else {
                    f.complete(NatEvidence.quietly(() -> body.apply(nat)));
                }
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
            return null;
        }), "nat-try-ahead-" + target.id());
        thread.setDaemon(true);
        thread.start();
    }

    private static String key(String property, Target target, Object sample) {
        return property + "/" + target.id() + "/" + sample;
    }

    private static Object join(CompletableFuture<Object> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}

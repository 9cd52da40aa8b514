package org.netconform.suites.nat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netconform.harness.CurrentTarget;
import org.netconform.spi.nat.NatAdapter;

/**
 * What the classifier learned about each target, kept for the rest of the run. Classifying a real NAT
 * takes a dozen labs and a measured timer takes 35 s of real time; the INFO checks, the SHOULDs that
 * judge a classification (NAT-FILT-1, NAT-TCP-8, NAT-CGN-6, NAT-MAP-6) and the model comparison all read
 * the same findings, so each is learned once per target and replayed with its evidence. A finding is
 * kept only when learning it succeeded: a lab failure is the ERROR of the check that met it, and the next
 * check that needs the finding learns it again.
 *
 * <p>Checks of one target may run at once (the scenario classes run concurrently): a check that needs a
 * finding another is learning waits for it rather than probing the NAT a second time. Findings depend on
 * one another only one way (the classification on its steps, hairpinning on mapping and filtering), so a
 * wait never closes a circle.
 */
final class NatFacts {
    private static final Map<String, CompletableFuture<NatEvidence.Learned<?>>> LEARNED = new ConcurrentHashMap<>();

    private NatFacts() {
    }

    @SuppressWarnings("unchecked")
    static <T> T get(NatAdapter nat, String aspect, Supplier<T> learn) {
        String key = CurrentTarget.get().id() + "/" + nat.getClass().getName() + "/" + aspect;
        while (true) {
            CompletableFuture<NatEvidence.Learned<?>> mine = new CompletableFuture<>();
            CompletableFuture<NatEvidence.Learned<?>> known = LEARNED.putIfAbsent(key, mine);
            if (known != null) {
                try {
                    return ((NatEvidence.Learned<T>) known.join()).replay();
                } catch (CompletionException learnerFailed) {
                    // whoever was learning it met a failure (its check's ERROR): this check tries for itself
                    LEARNED.remove(key, known);
                    continue;
                }
            }
            try {
                NatEvidence.Learned<T> now = NatEvidence.learn(learn);
                mine.complete(now);
                return now.value();
            } catch (RuntimeException | Error e) {
                LEARNED.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }
}

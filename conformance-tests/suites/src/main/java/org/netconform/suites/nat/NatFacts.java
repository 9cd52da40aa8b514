package org.netconform.suites.nat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netconform.harness.CurrentTarget;
import org.netconform.spi.nat.NatAdapter;

/**
 * What the classifier learned about each target, kept for the rest of the run. Classifying a real NAT
 * takes a dozen labs and a measured timer takes 35 s of real time; the INFO checks, the SHOULDs that
 * judge a classification (NAT-FILT-1, NAT-TCP-8, NAT-CGN-6, NAT-MAP-6) and the model comparison all read
 * the same findings, so each is learned once per target and replayed with its evidence. A finding is
 * kept only when learning it succeeded: a lab failure is the ERROR of the check that met it.
 */
final class NatFacts {
    private static final Map<String, NatEvidence.Learned<?>> LEARNED = new ConcurrentHashMap<>();

    private NatFacts() {
    }

    @SuppressWarnings("unchecked")
    static <T> T get(NatAdapter nat, String aspect, Supplier<T> learn) {
        String key = CurrentTarget.get().id() + "/" + nat.getClass().getName() + "/" + aspect;
        NatEvidence.Learned<T> known = (NatEvidence.Learned<T>) LEARNED.get(key);
        if (known != null) {
            return known.replay();
        }
        NatEvidence.Learned<T> now = NatEvidence.learn(learn);
        LEARNED.put(key, now);
        return now.value();
    }
}

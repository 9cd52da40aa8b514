package org.netconform.netlab.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What arrived, by key (a nonce, or an ICMP error on a socket), kept until the harness asks: an arrival
 * may come before the question does, and a question may wait for an arrival that never comes.
 */
final class Mailbox {
    /** Far more than one lab sends; a bound so a flood cannot exhaust the agent's heap. */
    private static final int CAPACITY = 50_000;

    private final Map<String, Object> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String key, Object value) {
        entries.putIfAbsent(key, value);
        notifyAll();
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    /** The value for {@code key}, waiting up to {@code millis} for it; null when none came. */
    synchronized Object await(String key, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            Object v = entries.get(key);
            if (v != null) {
                return v;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
    }

    synchronized void clear() {
        entries.clear();
    }
}

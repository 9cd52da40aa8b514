package org.netconform.harness;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's deadline: {@code -Dnetconform.runDeadline=DURATION} (default {@value #DEFAULT_TEXT}) after the
 * test plan started. Once it has passed, every test not yet started is ERROR "not run: the run's deadline
 * passed" without running, suites stop the cases still in flight, and the report is written as usual. A
 * backstop: each suite bounds its own cases; this bounds the sum, whatever a target does.
 *
 * <p>A duration is a number with a unit ({@code 90s}, {@code 20m}, {@code 1h}, {@code 500ms}), a bare
 * number of seconds, or ISO-8601 ({@code PT20M}).
 */
public final class RunDeadline {
    public static final String PROPERTY = "netconform.runDeadline";
    static final String DEFAULT_TEXT = "20m";
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    private static volatile long startNanos = System.nanoTime();
    private static volatile Object[] parsed = {null, null};

    private RunDeadline() {
    }

    /** Starts the clock (the harness calls it when a test plan starts). */
    public static void begin() {
        startNanos = System.nanoTime();
    }

    /** The configured run timeout. */
    public static Duration timeout() {
        String text = System.getProperty(PROPERTY, DEFAULT_TEXT);
        Object[] p = parsed;
        if (text.equals(p[0])) {
            return (Duration) p[1];
        }
        Duration d = parse(text);
        parsed = new Object[] {text, d};
        return d;
    }

    /**
     * Parses a duration as {@link RunDeadline} describes it.
     *
     * @throws IllegalArgumentException naming the property and the forms it takes
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } else if (t.startsWith("pt")) {
            try {
                d = Duration.parse(t);
            } catch (RuntimeException ignored) {
                d = null;
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + " is not a positive duration (e.g. 20m, 90s, "
                    + "1h, 500ms, PT20M)");
        }
        return d;
    }

    /** Whether the deadline has passed. */
    public static boolean passed() {
        return remainingNanos() <= 0;
    }

    /** Nanoseconds left until the deadline (negative once passed). */
    public static long remainingNanos() {
        long limit;
        try {
            limit = timeout().toNanos();
        } catch (ArithmeticException e) {
            limit = Long.MAX_VALUE / 2;
        }
        return limit - (System.nanoTime() - startNanos);
    }

    /** The reason of a test or case that was not run because the deadline passed. */
    public static String notRunReason() {
        return "not run: the run's deadline passed (" + System.getProperty(PROPERTY, DEFAULT_TEXT) + " after the start; -D"
                + PROPERTY + ")";
    }

    /** The reason of a case that was stopped in flight because the deadline passed. */
    public static String stoppedReason() {
        return "stopped: the run's deadline passed (" + System.getProperty(PROPERTY, DEFAULT_TEXT) + " after the start; -D"
                + PROPERTY + ")";
    }
}

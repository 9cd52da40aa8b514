package org.netconform.harness;

/**
 * What a test saw, for the report: the expected and observed values and a wire log. Kept per thread
 * for the duration of one test execution against one target; INFO tests must record what they
 * observed, since that is their whole result.
 */
public final class Observation {
    private static final ThreadLocal<Observation> CURRENT = new ThreadLocal<>();

    private String expected;
    private String observed;
    private final StringBuilder wireLog = new StringBuilder();

    private Observation() {
    }

    public static void expected(String text) {
        current().expected = text;
    }

    public static void observed(String text) {
        current().observed = text;
    }

    /** Appends a line to the wire log of this execution. */
    public static void wire(String line) {
        current().wireLog.append(line).append('\n');
    }

    static Observation begin() {
        Observation o = new Observation();
        CURRENT.set(o);
        return o;
    }

    static Observation end() {
        Observation o = current();
        CURRENT.remove();
        return o;
    }

    private static Observation current() {
        Observation o = CURRENT.get();
        if (o == null) {
            // outside a harness execution (e.g. a unit test calling a suite helper): keep it, ignore later
            o = new Observation();
            CURRENT.set(o);
        }
        return o;
    }

    String expectedText() {
        return expected;
    }

    String observedText() {
        return observed;
    }

    String wireLogText() {
        return wireLog.length() == 0 ? null : wireLog.toString();
    }
}

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
    private String test;
    private java.util.List<String> requirementIds = java.util.List.of();
    private final StringBuilder wireLog = new StringBuilder();
    private final java.util.List<org.netconform.harness.result.FileLink> files = new java.util.ArrayList<>();
    private volatile org.netconform.harness.result.ResultMatrix matrix;

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

    /**
     * Links a file written beside the target's results.json ({@link org.netconform.harness.result.ReportFiles})
     * to this execution's result; {@code path} is relative to the target's folder.
     */
    public static void file(String label, String path) {
        Observation o = current();
        synchronized (o.files) {
            if (o.files.stream().noneMatch(f -> f.path().equals(path))) {
                o.files.add(new org.netconform.harness.result.FileLink(label, path));
            }
        }
    }

    /**
     * Publishes the grid this execution ran on its result (results.json field {@code matrix}), for the report to
     * draw cell by cell; a later call replaces an earlier one. The cells' logs are files the suite wrote with
     * {@link org.netconform.harness.result.ReportFiles}.
     */
    public static void matrix(org.netconform.harness.result.ResultMatrix grid) {
        current().matrix = grid;
    }

    static Observation begin() {
        Observation o = new Observation();
        CURRENT.set(o);
        return o;
    }

    /** Begins the observation of one execution of {@code tc}, so a suite can say which test judged what. */
    static Observation begin(TestCase tc) {
        Observation o = begin();
        o.test = tc.name();
        o.requirementIds = tc.ids();
        return o;
    }

    /** The running test, as {@code Class.method}; null outside an execution. */
    public static String test() {
        return current().test;
    }

    /** The requirement IDs of the running test; empty outside an execution. */
    public static java.util.List<String> requirementIds() {
        return current().requirementIds;
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

    void addFile(String label, String path) {
        synchronized (files) {
            files.add(new org.netconform.harness.result.FileLink(label, path));
        }
    }

    java.util.List<org.netconform.harness.result.FileLink> fileLinks() {
        synchronized (files) {
            return java.util.List.copyOf(files);
        }
    }

    org.netconform.harness.result.ResultMatrix matrixValue() {
        return matrix;
    }

    String wireLogText() {
        return wireLog.length() == 0 ? null : wireLog.toString();
    }
}

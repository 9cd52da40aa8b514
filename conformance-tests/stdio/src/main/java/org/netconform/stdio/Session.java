package org.netconform.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.netconform.spi.FaultReporting;

/**
 * The program behind one stdio target: started on first use, and restarted after it failed, for the
 * next case, unless it failed at start (it would again) or {@link #GIVE_UP_AFTER} times in a row
 * without a clean case in between. Every failure goes into a journal, so each case open while it
 * happened, or that called the program after it, is told at its close ({@link FaultReporting}).
 */
final class Session implements FaultReporting {
    static final int GIVE_UP_AFTER = 3;
    static final Duration HELLO_DEADLINE = Duration.ofSeconds(15);

    private final TargetSpec spec;
    private final Map<String, Consumer<JsonNode>> eventListeners = new ConcurrentHashMap<>();
    private final Deque<long[]> faultSeqs = new ArrayDeque<>();
    private final Deque<String> faultReasons = new ArrayDeque<>();
    private long faultCount;
    private long caseCount;
    private long caseAtBreak = -1;
    private int brokenInARow;
    /** The last failure counted (its text names the process), so that it is counted once. */
    private String lastBroken;
    private int starts;
    private String gaveUp;
    private ShimProcess current;
    private TargetSpec.Prepared prepared;
    private boolean hookAdded;
    private int ownStarts;

    Session(TargetSpec spec) {
        this.spec = spec;
    }

    /** This session's program and history under another declaration (the one its hello made). */
    synchronized Session adopt(TargetSpec newSpec) {
        Session s = new Session(newSpec);
        s.current = current;
        s.starts = starts;
        s.gaveUp = gaveUp;
        s.prepared = prepared;
        if (current != null) {
            current.onEvent(s::dispatch);
            current.onFailure(s::brokeInUse);
            s.addShutdownHook();
        }
        return s;
    }

    TargetSpec spec() {
        return spec;
    }

    /**
     * Why the program cannot run here (prepared once); empty when it can. A preparation that threw is not a
     * missing runtime but a fault of the harness: the target stays available and its cases are ERROR with that
     * reason ({@link #process}), never UNSUPPORTED, which a baseline would take for "not applicable here".
     */
    synchronized Optional<String> unavailable() {
        if (prepared == null && gaveUp == null) {
            try {
                prepared = spec.launch().get();
            } catch (RuntimeException e) {
                gaveUp = "preparing the program failed (a fault of the harness, not a missing runtime): " + e;
            }
        }
        return Optional.ofNullable(prepared == null ? null : prepared.unavailable());
    }

    /** Routes events whose name starts with {@code prefix} (e.g. "wsclient.") to the listener. */
    void onEvents(String prefix, Consumer<JsonNode> listener) {
        eventListeners.put(prefix, listener);
    }

    private void dispatch(JsonNode event) {
        String name = event.path("event").asText();
        for (Map.Entry<String, Consumer<JsonNode>> e : eventListeners.entrySet()) {
            if (name.startsWith(e.getKey())) {
                e.getValue().accept(event);
                return;
            }
        }
        throw new StdioFault("wrote an event the harness does not know: " + Json.excerpt(event.toString()));
    }

    /** Sends a request to the program, starting or restarting it as the policy allows. */
    JsonNode call(String op, ObjectNode args, Duration deadline) {
        ShimProcess p = process();
        try {
            return p.call(op, args, deadline);
        } catch (StdioFault f) {
            fault(f.getMessage());
            String broken = p.broken();
            if (broken != null) {
                // the process released this call before its listener ran on the reader thread: count the failure
                // now, in this case, not whenever that thread gets to it (then it would land in the next case)
                brokeInUse(broken);
            }
            throw f;
        }
    }

    JsonNode call(String op, ObjectNode args) {
        return call(op, args, spec.requestTimeout());
    }

    /** The program's hello result, starting it if need be. */
    JsonNode hello() {
        return process().hello();
    }

    int shimMaxLine() {
        return process().shimMaxLine();
    }

    /** Counts program incarnations: handles of an earlier one are gone. */
    synchronized int generation() {
        return starts;
    }

    synchronized ShimProcess process() {
        if (current != null && current.broken() == null) {
            return current;
        }
        if (gaveUp != null) {
            throw faultNow(gaveUp);
        }
        if (current != null && caseAtBreak >= caseCount) {
            // broken during this case: the case is spoiled anyway, a restart waits for the next one
            throw faultNow(current.broken() + " (restarted for the next case)");
        }
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw faultNow("cannot run here: " + why.get());
        }
        if (gaveUp != null) {
            throw faultNow(gaveUp); // the preparation itself failed just now
        }
        starts++;
        Path log = logDir().resolve(spec.id() + "-" + starts + ".log");
        try {
            ShimProcess p = ShimProcess.start(spec.id(), prepared.launch(), log, HELLO_DEADLINE, this::brokeInUse);
            checkHello(p);
            p.onEvent(this::dispatch);
            current = p;
            addShutdownHook();
            return p;
        } catch (StdioFault f) {
            gaveUp = "could not be started, and is not tried again: " + f.getMessage();
            throw faultNow(gaveUp);
        }
    }

    /**
     * A process of its own beside the shared one, for a caller that needs a fresh program each time and
     * may hold several at once: a NAT lab (its NAT table starts empty; a try started ahead opens a lab
     * while another is open). Same launch, hello check and log folder as the shared process, and a
     * program that could not be started, here or there, is not tried again. Its failures are not written
     * in this session's journal: the caller throws them to whoever uses the process, which may run
     * outside any case, and the caller closes it.
     */
    ShimProcess startOwn() {
        ShimProcess.Launch launch;
        Path log;
        synchronized (this) {
            if (gaveUp != null) {
                throw new StdioFault(spec.id() + ": " + gaveUp);
            }
            Optional<String> why = unavailable();
            if (why.isPresent()) {
                throw new StdioFault(spec.id() + ": cannot run here: " + why.get());
            }
            if (gaveUp != null) {
                throw new StdioFault(spec.id() + ": " + gaveUp);
            }
            launch = prepared.launch();
            log = logDir().resolve(spec.id() + "-own-" + (++ownStarts) + ".log");
        }
        // outside the lock: labs opened at once each wait for their own hello
        try {
            ShimProcess p = ShimProcess.start(spec.id(), launch, log, HELLO_DEADLINE, reason -> { });
            checkHello(p);
            return p;
        } catch (StdioFault f) {
            synchronized (this) {
                if (gaveUp == null) {
                    gaveUp = "could not be started, and is not tried again: " + f.getMessage();
                }
                throw new StdioFault(spec.id() + ": " + gaveUp);
            }
        }
    }

    /** The program must offer at least the areas and capabilities its target was declared with. */
    private void checkHello(ShimProcess p) {
        JsonNode areas = p.hello().get("areas");
        Map<String, TargetSpec.Area> offered;
        try {
            offered = TargetSpec.areasOf(areas, "hello");
        } catch (IllegalArgumentException e) {
            p.close();
            throw new StdioFault(spec.id() + ": the program's hello is not valid: " + e.getMessage());
        }
        for (TargetSpec.Area a : spec.areas().values()) {
            TargetSpec.Area o = offered.get(a.name());
            if (o == null || !o.capabilities().containsAll(a.capabilities())) {
                p.close();
                throw new StdioFault(spec.id() + ": the program offers " + (o == null ? "no area " + a.name()
                        : a.name() + " with capabilities " + o.capabilities()) + ", but the target declares "
                        + a.name() + " with " + a.capabilities());
            }
        }
    }

    /** Counts a process's failure once: the caller that saw it and the process's own listener both report it. */
    private synchronized void brokeInUse(String reason) {
        if (reason.equals(lastBroken)) {
            return;
        }
        lastBroken = reason;
        caseAtBreak = caseCount;
        brokenInARow++;
        fault(reason);
        if (brokenInARow >= GIVE_UP_AFTER) {
            gaveUp = "failed in " + brokenInARow + " cases in a row and is not restarted again; the last failure: " + reason;
        }
    }

    /** A failure the adapter found (a handle of a dead program): recorded like any other. */
    StdioFault faultNow(String reason) {
        fault(reason);
        return new StdioFault(spec.id() + ": " + reason);
    }

    private synchronized void fault(String reason) {
        faultCount++;
        faultSeqs.addLast(new long[] {faultCount});
        faultReasons.addLast(reason);
        while (faultReasons.size() > 50) {
            faultSeqs.removeFirst();
            faultReasons.removeFirst();
        }
    }

    @Override
    public Case openCase(String name) {
        long since;
        synchronized (this) {
            caseCount++;
            since = faultCount;
            if (current != null && current.broken() == null) {
                current.resetBudget();
            }
        }
        return () -> closeCase(since);
    }

    private synchronized Optional<String> closeCase(long since) {
        if (faultCount == since) {
            if (current != null && current.broken() == null) {
                brokenInARow = 0;
            }
            return Optional.empty();
        }
        String first = null;
        java.util.Iterator<long[]> seqs = faultSeqs.iterator();
        for (String reason : faultReasons) {
            long seq = seqs.next()[0];
            if (seq > since) {
                first = reason;
                break;
            }
        }
        long n = faultCount - since;
        return Optional.of("the stdio target " + spec.id() + " failed by itself (no verdict on the protocol): "
                + (first == null ? "details dropped" : first) + (n > 1 ? " [" + (n - 1) + " further failure(s) in this case]" : ""));
    }

    private static Path logDir() {
        String dir = System.getProperty("netconform.stdio.logDir");
        if (dir == null) {
            String report = System.getProperty("netconform.reportDir");
            dir = report != null ? Path.of(report).resolve("stdio-logs").toString() : "target/netconform-stdio/logs";
        }
        return Path.of(dir).toAbsolutePath();
    }

    private void addShutdownHook() {
        if (!hookAdded) {
            hookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, spec.id() + " stop"));
        }
    }

    /** Stops the program if it runs; deletes an empty log. */
    synchronized void stop() {
        if (current != null) {
            current.close();
            deleteIfEmpty(current.log());
        }
    }

    /** A program that wrote nothing on stderr leaves no log behind. */
    static void deleteIfEmpty(Path log) {
        try {
            if (Files.exists(log) && Files.size(log) == 0) {
                Files.delete(log);
            }
        } catch (IOException ignored) {
            // a log left behind is harmless
        }
    }

    /** The names of the areas whose capabilities the spec holds, for adapters. */
    Set<String> areaNames() {
        return spec.areas().keySet();
    }
}

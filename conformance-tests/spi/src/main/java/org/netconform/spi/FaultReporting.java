package org.netconform.spi;

import java.util.Optional;

/**
 * For an adapter whose implementation runs outside the harness's control, such as a child process
 * spoken to over the stdio protocol: it can fail by itself (crash, hang, write garbage, flood), and
 * such a failure is no answer about the protocol under test.
 *
 * <p>The harness opens a case around each execution of a test against the target and closes it
 * when the execution ends. The adapter answers whether the target itself failed while the case
 * was open (or failed a call because it had failed before); the execution is then ERROR with that
 * reason, whatever the suite concluded from the answers it did get: a suite may take an exception
 * for a refusal, or a dropped connection for a failed one, and neither may turn into a PASS.
 *
 * <p>Cases of one target may overlap (suites that run tests concurrently); an adapter that cannot
 * tell which case a failure belongs to reports it to every case open at the time.
 */
public interface FaultReporting {

    /** Opens a case; {@code name} is for logs only. */
    Case openCase(String name);

    /** One open case. */
    interface Case {
        /** Closes the case: the reason the target failed by itself while it was open, if it did. */
        Optional<String> close();
    }
}

package org.netconform.suites.wsserver;

import org.netconform.harness.result.Outcome;

/**
 * One case of the endpoint suite: what the client does on a fresh connection. What it means is decided
 * by a {@link Judge} afterwards, so the same run can be judged for several requirements (the MUST that
 * the connection fails, the SHOULD on its close code, the INFO record of what happened).
 *
 * @param id       stable case ID, Autobahn's numbering where the case comes from there (e.g. "6.3.1")
 * @param title    what the case sends
 * @param action   the client's script
 * @param frameCap largest frame the server may send in this case
 * @param readCap  total octets the server may send in this case (its frame budget follows, see
 *                 {@link WireSession#caps}); more stops the case, ERROR "the server sent more than ..."
 * @param crashIsVerdict whether the judge looks at a crash of the server during the case (concurrency cases):
 *                 then the case is not run again after a crash, and the crash is on its session
 */
public record WsCase(String id, String title, Action action, long frameCap, long readCap, boolean crashIsVerdict) {

    /** The client's script; it leaves everything it saw in the session. */
    @FunctionalInterface
    public interface Action {
        void run(WireSession s) throws Exception;
    }

    /**
     * A verdict on one run, in the harness's outcomes: PASS (as required), FAIL (the case breaks the
     * requirement; the test's level decides whether the requirement is FAIL or NON_STRICT), ERROR (no
     * answer to judge), UNSUPPORTED (the case does not apply to this target).
     */
    public record Verdict(Outcome outcome, String detail) {
        public static Verdict ok(String detail) {
            return new Verdict(Outcome.PASS, detail);
        }

        public static Verdict broken(String detail) {
            return new Verdict(Outcome.FAIL, detail);
        }

        public static Verdict noAnswer(String detail) {
            return new Verdict(Outcome.ERROR, detail);
        }

        public static Verdict notApplicable(String detail) {
            return new Verdict(Outcome.UNSUPPORTED, detail);
        }

        public boolean passed() {
            return outcome == Outcome.PASS;
        }
    }

    /** Judges a finished run. */
    @FunctionalInterface
    public interface Judge {
        Verdict judge(WireSession s);
    }

    public static WsCase of(String id, String title, Action action) {
        return new WsCase(id, title, action, 1024 * 1024, WsOptions.caseOctets(), false);
    }

    public WsCase caps(long frame, long total) {
        return new WsCase(id, title, action, frame, total, crashIsVerdict);
    }

    /** This case's judge looks at a crash of the server during it (see {@link #crashIsVerdict}). */
    public WsCase judgingCrashes() {
        return new WsCase(id, title, action, frameCap, readCap, true);
    }
}

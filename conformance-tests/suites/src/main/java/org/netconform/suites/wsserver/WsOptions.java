package org.netconform.suites.wsserver;

/**
 * Knobs of the endpoint suite, read from system properties:
 * <ul>
 *   <li>{@code netconform.ws.timeoutMs} (default 2000): how long the client waits for any one answer
 *       (an echo, a Pong, a Close, the TCP close); a server that stays silent longer is judged on it;</li>
 *   <li>{@code netconform.ws.promptMs} (default 1000): "as soon as practical" for the SHOULDs on Pong and
 *       Close timing (WS-CTRL-6, WS-CLOSE-12);</li>
 *   <li>{@code netconform.ws.parallel} (default 4): connections in flight at once;</li>
 *   <li>{@code netconform.ws.scale} (default 0.0625): size factor of the large-message cases (Autobahn 9.x);
 *       1 runs Autobahn's sizes, 16 MiB frames included;</li>
 *   <li>{@code netconform.ws.idleMs} (default 2500): how long the idle and heartbeat cases watch a silent
 *       connection;</li>
 *   <li>{@code netconform.trustAll} (default false): accept any TLS certificate for {@code wss://} targets;</li>
 *   <li>{@code netconform.ws.caseOctets} (default 8 MiB) and {@code netconform.ws.caseFrames} (default 10 000):
 *       what a case lets the server send beyond what it expects back (an echo case expects its messages
 *       twice over); a server that sends more ends the case, ERROR "the server sent more than ...";</li>
 *   <li>{@code netconform.ws.keepOctets} (default 64 KiB): payload octets a finished case keeps of what it
 *       did not expect (an echo that matches what was sent costs nothing), so a run's memory does not grow
 *       with what a server sends;</li>
 *   <li>{@code netconform.ws.writeTimeoutMs} (default: the timeout): a write the server does not read for
 *       this long is abandoned (the client's output is shut down) and the case cannot be judged a FAIL;</li>
 *   <li>{@code netconform.ws.caseDeadlineMs} (default 60000): the hard deadline of one case, whatever the
 *       server does; its connections are then closed and the case is ERROR.</li>
 * </ul>
 * The run as a whole is bounded by {@code netconform.runDeadline} ({@link org.netconform.harness.RunDeadline}).
 */
public final class WsOptions {
    private WsOptions() {
    }

    public static long timeoutMs() {
        return Long.getLong("netconform.ws.timeoutMs", 2000);
    }

    public static long promptMs() {
        return Long.getLong("netconform.ws.promptMs", 1000);
    }

    public static int parallel() {
        return Math.max(1, Integer.getInteger("netconform.ws.parallel", 4));
    }

    public static double scale() {
        String s = System.getProperty("netconform.ws.scale", "0.0625");
        double d = Double.parseDouble(s);
        if (!(d > 0 && d <= 1)) {
            throw new IllegalArgumentException("netconform.ws.scale must be in (0, 1]: " + s);
        }
        return d;
    }

    public static long idleMs() {
        return Long.getLong("netconform.ws.idleMs", 2500);
    }

    /**
     * {@code netconform.ws.learnMs} (default 1500): how long the suite watches an idle connection before the
     * cases, to learn what the server sends on its own (skipped when {@code netconform.ws.unsolicited} declares it).
     */
    public static long learnMs() {
        return Long.getLong("netconform.ws.learnMs", 1500);
    }

    public static boolean trustAll() {
        return Boolean.getBoolean("netconform.trustAll");
    }

    public static long caseOctets() {
        return Math.max(1024, Long.getLong("netconform.ws.caseOctets", 8L * 1024 * 1024));
    }

    public static int caseFrames() {
        return Math.max(16, Integer.getInteger("netconform.ws.caseFrames", 10_000));
    }

    public static long keepOctets() {
        return Math.max(256, Long.getLong("netconform.ws.keepOctets", 64L * 1024));
    }

    public static long writeTimeoutMs() {
        return Math.max(1, Long.getLong("netconform.ws.writeTimeoutMs", timeoutMs()));
    }

    public static long caseDeadlineMs() {
        return Math.max(1, Long.getLong("netconform.ws.caseDeadlineMs", 60_000));
    }

    /** A size scaled by {@link #scale()}, at least {@code min}. */
    public static int scaled(int full, int min) {
        return (int) Math.max(min, Math.round(full * scale()));
    }
}

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
 *   <li>{@code netconform.trustAll} (default false): accept any TLS certificate for {@code wss://} targets.</li>
 * </ul>
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

    /** A size scaled by {@link #scale()}, at least {@code min}. */
    public static int scaled(int full, int min) {
        return (int) Math.max(min, Math.round(full * scale()));
    }
}

package org.netconform.netlab.agent;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.netconform.netlab.Arrival;
import org.netconform.netlab.Endpoint;

/**
 * Acts for the harness inside one host's network namespace: started with
 * {@code ip netns exec NS java -cp <netlab classes> org.netconform.netlab.agent.Agent HOST}, it reads
 * one JSON request per line on stdin and writes one response per line on stdout.
 *
 * <p>Every request has an {@code id} and an {@code op}; the response carries the same {@code id},
 * {@code ok} and either the op's fields or {@code error}. Requests run concurrently (a wait for a
 * delivery must not hold up the send that causes it), so responses may come out of order. The first
 * line written is {@code {"id":0,"ok":true,"ready":true,"pid":N}}. End of input ends the agent, so it
 * never outlives the harness that started it.
 *
 * <pre>
 * udpOpen          local                       -> {}
 * udpSend          local to nonce              -> sent, error
 * udpAwait         nonce waitMs                -> found, receivedAt, source
 * udpProbeClosed   local to nonce waitMs       -> icmp
 * tcpListen        local                       -> {}
 * tcpConnect       local to nonce waitMs       -> result (established|reset|icmp|timeout|noroute), detail
 * tcpConnectStart  local to                    -> handle
 * tcpConnectFinish handle nonce waitMs         -> result, detail
 * tcpAwait         nonce waitMs                -> found, receivedAt, source
 * tcpClose         local to reset              -> closed
 * reset                                        -> {}   (every socket closed, arrivals forgotten)
 * </pre>
 */
public final class Agent {
    private final String host;
    private final PrintStream out;
    private final Mailbox mailbox = new Mailbox();
    private final UdpSockets udp;
    private final TcpSockets tcp;

    private Agent(String host, PrintStream out) throws Exception {
        this.host = host;
        this.out = out;
        this.udp = new UdpSockets(mailbox);
        this.tcp = new TcpSockets(mailbox);
    }

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "?";
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        Agent agent = new Agent(host, out);
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "request");
            t.setDaemon(true);
            return t;
        });
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("id", 0L);
        ready.put("ok", true);
        ready.put("ready", true);
        ready.put("pid", ProcessHandle.current().pid());
        agent.write(ready);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String request = line;
            workers.execute(() -> agent.serve(request));
        }
        System.err.println("agent " + host + ": end of input, exiting");
        System.exit(0);
    }

    private void serve(String line) {
        Map<String, Object> response = new LinkedHashMap<>();
        Object id = null;
        try {
            Map<String, Object> request = FlatJson.read(line);
            id = request.get("id");
            response.put("id", id);
            response.put("ok", true);
            response.putAll(handle(request));
        } catch (Exception e) {
            response.clear();
            response.put("id", id);
            response.put("ok", false);
            response.put("error", String.valueOf(e));
            System.err.println("agent " + host + ": " + line + " -> " + e);
        }
        write(response);
    }

    private synchronized void write(Map<String, Object> response) {
        out.println(FlatJson.write(response));
        out.flush();
    }

    private Map<String, Object> handle(Map<String, Object> r) throws Exception {
        String op = String.valueOf(r.get("op"));
        Map<String, Object> res = new LinkedHashMap<>();
        switch (op) {
            case "udpOpen" -> udp.open(endpoint(r, "local"));
            case "udpSend" -> {
                try {
                    udp.send(endpoint(r, "local"), endpoint(r, "to"), text(r, "nonce"));
                    res.put("sent", true);
                } catch (java.io.IOException e) {
                    // no route, for one: the datagram never left, which is an answer, not a lab failure
                    res.put("sent", false);
                    res.put("error", e.toString());
                }
            }
            case "udpAwait" -> arrival(res, mailbox.await("udp " + text(r, "nonce"), number(r, "waitMs")));
            case "udpProbeClosed" -> res.put("icmp", udp.probeClosedPort(endpoint(r, "local"), endpoint(r, "to"),
                    text(r, "nonce"), number(r, "waitMs")));
            case "tcpListen" -> tcp.listen(endpoint(r, "local"));
            case "tcpConnect" -> {
                long handle = tcp.start(endpoint(r, "local"), endpoint(r, "to"));
                result(res, tcp.finish(handle, text(r, "nonce"), number(r, "waitMs")));
            }
            case "tcpConnectStart" -> res.put("handle", tcp.start(endpoint(r, "local"), endpoint(r, "to")));
            case "tcpConnectFinish" -> result(res, tcp.finish(number(r, "handle"), text(r, "nonce"), number(r, "waitMs")));
            case "tcpAwait" -> arrival(res, mailbox.await("tcp " + text(r, "nonce"), number(r, "waitMs")));
            case "tcpClose" -> res.put("closed", tcp.close(endpoint(r, "local"), endpoint(r, "to"),
                    Boolean.TRUE.equals(r.get("reset"))));
            case "reset" -> {
                tcp.closeAll();
                udp.closeAll();
                mailbox.clear();
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        return res;
    }

    private static void arrival(Map<String, Object> res, Object found) {
        res.put("found", found != null);
        if (found instanceof Arrival a) {
            res.put("receivedAt", a.receivedAt().toString());
            res.put("source", a.seenSource().toString());
        }
    }

    private static void result(Map<String, Object> res, String[] resultAndDetail) {
        res.put("result", resultAndDetail[0]);
        res.put("detail", resultAndDetail[1]);
    }

    private static Endpoint endpoint(Map<String, Object> r, String key) {
        return Endpoint.parse(text(r, key));
    }

    private static String text(Map<String, Object> r, String key) {
        Object v = r.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.toString();
    }

    private static long number(Map<String, Object> r, String key) {
        Object v = r.get(key);
        if (!(v instanceof Long n)) {
            throw new IllegalArgumentException("missing number " + key);
        }
        return n;
    }
}

package org.netconform.adapters.usermodenat.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process that acts for the lab inside one network namespace ({@code ip netns exec NS java ... NamespaceAgent}):
 * it opens sockets there and reports what they receive. It speaks the netconform stdio protocol's envelope
 * (docs/nat-stdio-shim.md: hello, request ids, ok/error, shutdown) with its own operations:
 *
 * <pre>
 * udp.bind      {at}                      -> {}
 * udp.send      {from, to, payload}       -> {}                      (binds from on first use)
 * udp.receive   {payload, waitMs}         -> {received, at, source}  (the datagram carrying payload, on any socket)
 * udp.closedPort {from, to, waitMs}       -> {icmp}                  (a connected probe: did port unreachable come back?)
 * tcp.listen    {at}                      -> {}
 * tcp.start     {from, to, waitMs}        -> {}                      (a connect in the background)
 * tcp.result    {from, to, waitMs}        -> {outcome, local, remote, detail}
 * tcp.accepted  {at?, waitMs}             -> {accepted, at, source}  (at a listener, or at any)
 * tcp.close     {from, to, reset}         -> {closed}
 * </pre>
 *
 * It ends at {@code shutdown} or the end of stdin (the harness died), closing every socket.
 * Until the namespace lab library (netlab) offers agents, this is the user-mode NAT labs' own.
 */
public final class NamespaceAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UdpSockets udp = new UdpSockets();
    private final TcpSockets tcp = new TcpSockets();
    private boolean shutdown;

    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only: keep a private handle and send System.out to stderr
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        NamespaceAgent agent = new NamespaceAgent();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                ObjectNode response = agent.answer(line);
                protocol.println(JSON.writeValueAsString(response));
                protocol.flush();
                if (agent.shutdown) {
                    break;
                }
            }
        } finally {
            agent.udp.close();
            agent.tcp.close();
        }
        System.exit(0);
    }

    ObjectNode answer(String line) {
        ObjectNode response = JSON.createObjectNode();
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject() || !request.path("id").canConvertToLong() || !request.path("op").isTextual()) {
            response.putNull("id");
            return error(response, "bad-request", "not a request object {id, op, args}");
        }
        response.put("id", request.get("id").asLong());
        String op = request.get("op").asText();
        JsonNode args = request.path("args");
        try {
            ObjectNode result = run(op, args);
            response.put("ok", true);
            response.set("result", result);
            return response;
        } catch (IllegalArgumentException e) {
            return error(response, "bad-request", e.getMessage());
        } catch (UnsupportedOperationException e) {
            return error(response, "unsupported", e.getMessage());
        } catch (IOException e) {
            return error(response, "failed", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(response, "failed", "interrupted");
        }
    }

    private static ObjectNode error(ObjectNode response, String kind, String message) {
        response.put("ok", false);
        response.putObject("error").put("kind", kind).put("message", String.valueOf(message));
        return response;
    }

    private static String text(JsonNode args, String field) {
        JsonNode v = args.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("args." + field + " is missing");
        }
        return v.asText();
    }

    private static long waitMs(JsonNode args) {
        long ms = args.path("waitMs").asLong(-1);
        if (ms < 0 || ms > 60_000) {
            throw new IllegalArgumentException("args.waitMs not in 0..60000");
        }
        return ms;
    }

    private ObjectNode run(String op, JsonNode args) throws IOException, InterruptedException {
        ObjectNode result = JSON.createObjectNode();
        switch (op) {
            case "hello" -> {
                result.put("protocol", "netconform-stdio").put("version", 1).put("maxLine", 65_536);
                result.putObject("implementation").put("name", "netconform namespace agent").put("version", "1");
                result.putObject("areas");
            }
            case "shutdown" -> shutdown = true;
            case "udp.bind" -> udp.socket(text(args, "at"));
            case "udp.send" -> udp.send(text(args, "from"), text(args, "to"), text(args, "payload"));
            case "udp.receive" -> {
                UdpSockets.Receipt r = udp.receive(text(args, "payload"), waitMs(args));
                result.put("received", r != null);
                if (r != null) {
                    result.put("at", r.at()).put("source", r.source());
                }
            }
            case "udp.closedPort" -> result.put("icmp", udp.closedPort(text(args, "from"), text(args, "to"), waitMs(args)));
            case "tcp.listen" -> tcp.listen(text(args, "at"));
            case "tcp.start" -> tcp.start(text(args, "from"), text(args, "to"), waitMs(args));
            case "tcp.result" -> {
                TcpSockets.Connected c = tcp.result(text(args, "from"), text(args, "to"), waitMs(args));
                result.put("outcome", c.outcome()).put("local", c.local()).put("remote", c.remote()).put("detail", c.detail());
            }
            case "tcp.accepted" -> {
                TcpSockets.Accepted a = tcp.accepted(args.path("at").isTextual() ? args.get("at").asText() : null, waitMs(args));
                result.put("accepted", a != null);
                if (a != null) {
                    result.put("at", a.at()).put("source", a.source());
                }
            }
            case "tcp.close" -> result.put("closed", tcp.close(text(args, "from"), text(args, "to"), args.path("reset").asBoolean()));
            default -> throw new UnsupportedOperationException("unknown op " + op);
        }
        return result;
    }
}

package org.netconform.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.netconform.reference.websocket.Message;
import org.netconform.reference.websocket.Opcode;
import org.netconform.reference.websocket.client.WebSocketClient;
import org.netconform.reference.websocket.client.WebSocketListener;
import org.netconform.reference.websocket.client.WebSocketSession;

/**
 * A small command line client: {@code java ... WebSocketClientCommand [-p subprotocol]... ws://host:port/path}.
 * Sends each line of standard input as a text message and prints every message received (binary
 * in hex); at the end of input it closes with 1000 and waits for the closing handshake.
 */
public final class WebSocketClientCommand {
    private WebSocketClientCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> protocols = new ArrayList<>();
        String uri = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-p") && i + 1 < args.length) {
                protocols.add(args[++i]);
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                System.out.println("usage: WebSocketClientCommand [-p subprotocol]... ws://host[:port]/path");
                return;
            } else {
                uri = args[i];
            }
        }
        if (uri == null) {
            System.err.println("usage: WebSocketClientCommand [-p subprotocol]... ws://host[:port]/path");
            System.exit(2);
        }
        CountDownLatch done = new CountDownLatch(1);
        WebSocketClient client = new WebSocketClient(WebSocketClient.Options.defaults().withSubprotocols(protocols));
        WebSocketSession session = client.connect(URI.create(uri), new WebSocketListener() {
            @Override
            public void onMessage(WebSocketSession s, Message m) {
                System.out.println(m.type() == Opcode.TEXT ? m.text() : "binary " + HexFormat.ofDelimiter(" ").formatHex(m.payload()));
            }

            @Override
            public void onClosed(WebSocketSession s, int code, String reason, Throwable failure) {
                System.err.println("closed " + code + (reason.isEmpty() ? "" : " " + reason)
                        + (failure == null ? "" : " (" + failure.getMessage() + ")"));
                done.countDown();
            }
        });
        System.err.println("connected" + session.subprotocol().map(p -> ", subprotocol " + p).orElse(""));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && done.getCount() > 0) {
            session.sendText(line);
        }
        if (done.getCount() > 0) {
            session.close(1000, "");
        }
        done.await(client.options().closeTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
    }
}

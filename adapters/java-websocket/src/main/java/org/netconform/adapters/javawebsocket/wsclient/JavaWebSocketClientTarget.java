package org.netconform.adapters.javawebsocket.wsclient;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsclient.ClientConnection;
import org.netconform.spi.wsclient.ClientRecorder;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.spi.wsclient.WebSocketClientAdapter;

/** The Java-WebSocket client ({@code org.java_websocket.client.WebSocketClient}), default Draft_6455. */
public final class JavaWebSocketClientTarget implements Target {
    private final List<AreaAdapter> adapters = List.of(new Client());

    @Override
    public String id() {
        return "java-websocket-client";
    }

    @Override
    public String description() {
        return "Java-WebSocket 1.6.0 client (org.java_websocket.client.WebSocketClient), default Draft_6455";
    }

    @Override
    public List<AreaAdapter> adapters() {
        return adapters;
    }

    static final class Client implements WebSocketClientAdapter {
        @Override
        public Set<String> capabilities() {
            return Set.of(OBSERVE_PINGS, SEND_RAW_CLOSE_CODE, SUBPROTOCOLS, TLS);
        }

        @Override
        public ClientConnection connect(ConnectRequest request, ClientRecorder rec) throws Exception {
            Draft_6455 draft;
            if (request.subprotocols().isEmpty()) {
                draft = new Draft_6455();
            } else {
                List<IProtocol> protocols = new ArrayList<>();
                request.subprotocols().forEach(p -> protocols.add(new Protocol(p)));
                draft = new Draft_6455(List.<IExtension>of(), protocols);
            }
            StringBuilder why = new StringBuilder();
            org.java_websocket.client.WebSocketClient c = new org.java_websocket.client.WebSocketClient(request.uri(), draft,
                    Map.of(), (int) request.timeout().toMillis()) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                }

                @Override
                public void onMessage(String message) {
                    rec.text(message);
                }

                @Override
                public void onMessage(ByteBuffer bytes) {
                    byte[] b = new byte[bytes.remaining()];
                    bytes.get(b);
                    rec.binary(b);
                }

                @Override
                public void onWebsocketPing(WebSocket conn, Framedata f) {
                    ByteBuffer p = f.getPayloadData().duplicate();
                    byte[] b = new byte[p.remaining()];
                    p.get(b);
                    rec.ping(b);
                    super.onWebsocketPing(conn, f);
                }

                @Override
                public void onWebsocketPong(WebSocket conn, Framedata f) {
                    ByteBuffer p = f.getPayloadData().duplicate();
                    byte[] b = new byte[p.remaining()];
                    p.get(b);
                    rec.pong(b);
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {
                    synchronized (why) {
                        why.append("closed ").append(code).append(' ').append(reason);
                    }
                    rec.closed(code, reason, remote);
                }

                @Override
                public void onError(Exception ex) {
                    synchronized (why) {
                        why.append(ex).append("; ");
                    }
                    rec.error(ex);
                }
            };
            c.setConnectionLostTimeout(0); // no Pings of its own during a case: only what the suite sends
            if ("wss".equalsIgnoreCase(request.uri().getScheme())) {
                // its documented way to wss: a socket factory (trusting the suite's test certificate when given)
                javax.net.ssl.SSLContext ctx = request.sslContext() != null ? request.sslContext()
                        : javax.net.ssl.SSLContext.getDefault();
                c.setSocketFactory(ctx.getSocketFactory());
            }
            if (!c.connectBlocking(request.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                c.closeConnection(1006, "refused");
                synchronized (why) {
                    throw new java.io.IOException("Java-WebSocket did not open the connection: " + why);
                }
            }
            return new ClientConnection() {
                @Override
                public void sendText(String text) {
                    c.send(text);
                }

                @Override
                public void sendBinary(byte[] data) {
                    c.send(data);
                }

                @Override
                public void close(int code, String reason) {
                    c.close(code, reason);
                }

                @Override
                public void abort() {
                    c.closeConnection(1006, "case over");
                }
            };
        }
    }

}

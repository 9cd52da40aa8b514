package org.netconform.broken.wsclient;

import java.util.List;
import org.netconform.reference.websocket.ClientHandshake;
import org.netconform.reference.websocket.FrameEncoder;
import org.netconform.reference.websocket.HttpResponseHead;
import org.netconform.reference.websocket.MaskKeySource;
import org.netconform.spi.websocket.Role;
import org.netconform.reference.websocket.client.WebSocketClient;
import org.netconform.spi.AreaAdapter;
import org.netconform.spi.Target;
import org.netconform.spi.wsclient.ConnectRequest;
import org.netconform.targets.reference.ReferenceWebSocketClient;

/**
 * Deliberately broken WebSocket clients: the reference client with one thing broken each, registered
 * as targets of the suite's own tests.
 */
public abstract class BrokenClientTarget implements Target {

    @Override
    public String description() {
        return "deliberately broken reference client: " + getClass().getSimpleName();
    }

    @Override
    public List<AreaAdapter> adapters() {
        return List.of(new ReferenceWebSocketClient() {
            @Override
            protected WebSocketClient client(ConnectRequest request) {
                return broken(super.client(request).options());
            }
        });
    }

    abstract WebSocketClient broken(WebSocketClient.Options options);

    /** Accepts any Sec-WebSocket-Accept value (and a missing one). */
    public static final class AcceptsAnyAccept extends BrokenClientTarget {
        @Override
        public String id() {
            return "broken-client-accepts-any-accept";
        }

        @Override
        WebSocketClient broken(WebSocketClient.Options options) {
            return new WebSocketClient(options) {
                @Override
                protected ClientHandshake.Result validateHandshake(ClientHandshake hs, HttpResponseHead response) {
                    String right = org.netconform.reference.websocket.Handshake.computeAccept(hs.key());
                    HttpResponseHead fixed = new HttpResponseHead(response.version(), response.status(), response.reason(),
                            response.headers().without("Sec-WebSocket-Accept").with("Sec-WebSocket-Accept", right));
                    return hs.validate(fixed);
                }
            };
        }
    }

    /** Sends every frame unmasked. */
    public static final class Unmasked extends BrokenClientTarget {
        @Override
        public String id() {
            return "broken-client-unmasked";
        }

        @Override
        WebSocketClient broken(WebSocketClient.Options options) {
            return new WebSocketClient(options) {
                @Override
                protected FrameEncoder newEncoder() {
                    return new FrameEncoder(Role.SERVER);
                }
            };
        }
    }

    /** Masks every frame with the same key. */
    public static final class ReusedMaskKey extends BrokenClientTarget {
        @Override
        public String id() {
            return "broken-client-reused-mask-key";
        }

        @Override
        WebSocketClient broken(WebSocketClient.Options options) {
            return new WebSocketClient(options.withMaskKeys(MaskKeySource.fixed(0x5a5a1234)));
        }
    }

    /** Never answers the server's Close. */
    public static final class IgnoresClose extends BrokenClientTarget {
        @Override
        public String id() {
            return "broken-client-ignores-close";
        }

        @Override
        WebSocketClient broken(WebSocketClient.Options options) {
            return new WebSocketClient(options) {
                @Override
                protected boolean answersClose() {
                    return false;
                }
            };
        }
    }

}

package org.netconform.adapters.stdio;

import java.util.Map;
import java.util.function.Supplier;
import org.netconform.stdio.StdioTarget;
import org.netconform.stdio.TargetSpec;

/**
 * The bundled programs as registered targets: each a {@link StdioTarget} whose declaration is fixed
 * here (the program's hello must offer at least as much) and whose program {@link Programs} prepares.
 */
public abstract class BundledTarget extends StdioTarget {
    private static final String PYTHON_WEBSOCKETS = ": Debian python3-websockets is needed (or -Dnetconform.python=...)";
    private static final String GORILLA = " (Debian golang-github-gorilla-websocket-dev provides gorilla/websocket in /usr/share/gocode,"
            + " or -Dnetconform.gopath=...)";

    BundledTarget(String id, String description, TargetSpec.Area area, Supplier<TargetSpec.Prepared> launch) {
        super(new TargetSpec(id, description, Map.of(area.name(), area), TargetSpec.DEFAULT_REQUEST_TIMEOUT, launch));
    }

    // ---------------------------------------------------------------- byte order

    public static final class PythonStruct extends BundledTarget {
        public PythonStruct() {
            super("python-struct", "Python struct.pack/struct.unpack ('>H', '<I', ...), over stdio (src/main/python/byteorder.py)",
                    TargetSpec.Area.of("byteorder", "little-endian"),
                    () -> Programs.python("byteorder.py", java.util.List.of("struct"), "struct", ""));
        }
    }

    public static final class PythonInt extends BundledTarget {
        public PythonInt() {
            super("python-int", "Python int.to_bytes/int.from_bytes, over stdio (src/main/python/byteorder.py)",
                    TargetSpec.Area.of("byteorder", "little-endian"),
                    () -> Programs.python("byteorder.py", java.util.List.of("int"), "struct", ""));
        }
    }

    public static final class NodeBuffer extends BundledTarget {
        public NodeBuffer() {
            super("node-buffer", "Node.js Buffer readUInt*/writeUInt*, readBigUInt64/writeBigUInt64, over stdio (src/main/node/byteorder.js)",
                    TargetSpec.Area.of("byteorder", "little-endian"), () -> Programs.node("byteorder.js", false));
        }
    }

    public static final class GoBinary extends BundledTarget {
        public GoBinary() {
            super("go-binary", "Go encoding/binary BigEndian/LittleEndian Uint*/PutUint*, over stdio (src/main/go/netconform-go)",
                    TargetSpec.Area.of("byteorder", "little-endian"),
                    () -> Programs.go("netconform-go", java.util.List.of("byteorder"), ""));
        }
    }

    // ---------------------------------------------------------------- UDP

    public static final class PythonSocket extends BundledTarget {
        public PythonSocket() {
            super("python-socket", "Python socket (AF_INET, SOCK_DGRAM) on this kernel, over stdio (src/main/python/udp.py)",
                    TargetSpec.Area.of("udp", "reuse-address", "reuse-port"),
                    () -> Programs.python("udp.py", java.util.List.of(), "socket", ""));
        }
    }

    public static final class NodeDgram extends BundledTarget {
        public NodeDgram() {
            super("node-dgram", "Node.js dgram (udp4) on this kernel, over stdio (src/main/node/udp.js)",
                    TargetSpec.Area.of("udp", "reuse-address", "disconnect"), () -> Programs.node("udp.js", false));
        }
    }

    public static final class GoNet extends BundledTarget {
        public GoNet() {
            super("go-net", "Go net ListenUDP/DialUDP (ListenConfig, Dialer) on this kernel, over stdio (src/main/go/netconform-go)",
                    TargetSpec.Area.of("udp", "reuse-address", "reuse-port"),
                    () -> Programs.go("netconform-go", java.util.List.of("udp"), ""));
        }
    }

    // ---------------------------------------------------------------- WebSocket codec

    public static final class PythonWebsocketsCodec extends BundledTarget {
        public PythonWebsocketsCodec() {
            // websockets.streams comes with the Sans-I/O layer (websockets 10 and later)
            super("python-websockets-codec", "Python websockets Sans-I/O frame layer (receive_data, Frame.serialize), over stdio"
                            + " (src/main/python/wscodec.py)",
                    TargetSpec.Area.of("wscodec", "fragment-assembly", "close-payload-validation", "mask-policy", "rsv-validation",
                            "mask-keys", "send-validation", "limits", "handshake-accept"),
                    () -> Programs.python("wscodec.py", java.util.List.of(), "websockets.streams",
                            ": Debian python3-websockets 10 or later (its Sans-I/O layer) is needed (or -Dnetconform.python=...)"));
        }
    }

    // ---------------------------------------------------------------- WebSocket clients

    public static final class PythonWebsockets extends BundledTarget {
        public PythonWebsockets() {
            super("python-websockets", "Python websockets.connect (asyncio client), default settings, over stdio (src/main/python/wsclient.py)",
                    TargetSpec.Area.of("wsclient", "observe-close", "send-raw-close-code", "send-ping", "subprotocols"),
                    () -> Programs.python("wsclient.py", java.util.List.of(), "websockets", PYTHON_WEBSOCKETS));
        }
    }

    public static final class NodeWsClient extends BundledTarget {
        public NodeWsClient() {
            super("node-ws-client", "npm ws " + Programs.version("node-ws") + " WebSocket client, default settings, over stdio (src/main/node/wsclient.js)",
                    TargetSpec.Area.of("wsclient", "observe-pings", "observe-close", "send-raw-close-code", "send-ping", "subprotocols"),
                    () -> Programs.node("wsclient.js", true));
        }
    }

    public static final class GoGorillaClient extends BundledTarget {
        public GoGorillaClient() {
            super("go-gorilla-client", "gorilla/websocket Dialer, default settings, over stdio (src/main/go/netconform-gorilla)",
                    TargetSpec.Area.of("wsclient", "observe-pings", "observe-close", "send-raw-close-code", "send-ping", "subprotocols"),
                    () -> Programs.go("netconform-gorilla", java.util.List.of(), GORILLA));
        }
    }
}

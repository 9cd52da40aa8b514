"""netconform stdio adapter: the WebSocket frame codec of the Python package websockets (Sans-I/O layer).

  python3 wscodec.py   -> target python-websockets-codec

Receiving: a websockets Sans-I/O connection object per receiver, already OPEN (no opening handshake:
the codec layer starts at the first frame), fed with receive_data(); what events_received() returns
goes back as events. That layer does not reassemble: data frames are reported as frames. When the
library fails the connection it writes a Close frame; its code is read back from data_to_send().
Sending: Frame.serialize() and Close.serialize(), the calls the connection itself makes to write.
"""
import base64

import websockets
from websockets.exceptions import ProtocolError
from websockets.frames import OP_CLOSE, Close, Frame, Opcode, prepare_data
from websockets.streams import StreamReader
from websockets.utils import accept_key

try:  # websockets 11 and later
    from websockets.protocol import Protocol, Side, State
except ImportError:  # websockets 10
    from websockets.connection import Connection as Protocol, Side, State

from netconform_stdio import BadRequest, Refused, b64, octets, serve

SIDES = {"server": Side.SERVER, "client": Side.CLIENT}
receivers = {}
encoders = {}


def side(args):
    if args.get("role") not in SIDES:
        raise BadRequest("role must be server or client")
    return SIDES[args["role"]]


class Receiver:
    def __init__(self, role, max_size):
        self.side = role
        # websockets has one limit, max_size: a message's size, which each frame's header is checked against
        self.conn = Protocol(role, state=State.OPEN, max_size=max_size)
        self.failed = False

    def feed(self, data):
        self.conn.receive_data(data)
        events = [frame_event(f) for f in self.conn.events_received()]
        writes = self.conn.data_to_send()
        if not self.failed and self.conn.parser_exc is not None:
            self.failed = True
            events.append(self.failure(writes))
        return events

    def failure(self, writes):
        exc = self.conn.parser_exc
        close = last_close(writes, mask=self.side is Side.CLIENT)
        return {"type": "failure", "closeCode": close.code if close else None, "closeFrameSent": close is not None,
                "detail": "%s: %s" % (type(exc).__name__, exc)}


def last_close(writes, mask):
    """The payload of the last Close frame among what the library wrote, parsed by the library."""
    reader = StreamReader()
    reader.feed_data(b"".join(writes))
    reader.feed_eof()
    close = None
    while True:
        parser = Frame.parse(reader.read_exact, mask=mask)
        try:
            next(parser)
            raise AssertionError("the library's own writes end inside a frame")
        except StopIteration as done:
            frame = done.value
        except EOFError:
            return close
        if frame.opcode == OP_CLOSE:
            close = Close.parse(frame.data)


def frame_event(frame):
    if frame.opcode == Opcode.CLOSE:
        parsed = Close.parse(frame.data)
        # websockets reports a Close without a body as code 1005, its sign for "no status code" (1005 on the
        # wire fails Close.parse): the protocol says that with null
        code = None if parsed.code == 1005 else parsed.code
        return {"type": "control", "opcode": int(frame.opcode), "payload": b64(frame.data),
                "closeCode": code, "closeReason": parsed.reason}
    if frame.opcode in (Opcode.PING, Opcode.PONG):
        return {"type": "control", "opcode": int(frame.opcode), "payload": b64(frame.data)}
    return {"type": "frame", "opcode": int(frame.opcode), "fin": frame.fin, "payload": b64(frame.data)}


def receiver(args):
    receivers[args["receiver"]] = Receiver(side(args), int(args["maxFramePayload"]))
    return {}


def feed(args):
    r = receivers.get(args.get("receiver"))
    if r is None:
        raise BadRequest("no receiver %r" % args.get("receiver"))
    return {"events": r.feed(octets(args["data"]))}


def encoder(args):
    encoders[args["encoder"]] = side(args)
    return {}


def payload_of(f):
    """The frame's payload as the library builds it: prepare_data for text, Close.serialize for a Close."""
    op = f["opcode"]
    if op == Opcode.TEXT:
        return prepare_data(f["text"])[1]
    if op == Opcode.CLOSE:
        # a Close without a code has an empty body, as the connection's send_close writes it
        return b"" if f.get("closeCode") is None else Close(f["closeCode"], f.get("closeReason", "")).serialize()
    return octets(f["payload"])


def encode(args):
    role = encoders.get(args.get("encoder"))
    if role is None:
        raise BadRequest("no encoder %r" % args.get("encoder"))
    f = args["frame"]
    try:
        opcode = Opcode(f["opcode"])
    except ValueError:
        raise BadRequest("opcode %r is not one of 0, 1, 2, 8, 9, 10" % f.get("opcode"))
    try:
        frame = Frame(opcode, payload_of(f), bool(f["fin"]))
        return {"octets": b64(frame.serialize(mask=role is Side.CLIENT, extensions=[]))}
    except (ProtocolError, UnicodeEncodeError) as e:
        raise Refused("%s: %s" % (type(e).__name__, e))


def compute_accept(args):
    return {"accept": accept_key(args["key"])}


def release(args):
    for h in args.get("receivers", []):
        receivers.pop(h, None)
    for h in args.get("encoders", []):
        encoders.pop(h, None)
    return {}



serve({
    "target": "python-websockets-codec",
    "implementation": {"name": "Python websockets (Sans-I/O frames)", "version": websockets.__version__},
    "areas": {"wscodec": {
        "layer": "codec",
        "capabilities": ["fragment-assembly", "close-payload-validation", "mask-policy", "rsv-validation",
                         "mask-keys", "send-validation", "limits", "handshake-accept"],
        "notOwned": {
            "utf8-validation": "the Sans-I/O layer delivers text frames as octets and leaves decoding them to its "
                               "caller (websockets' asyncio API decodes and fails with 1007 itself); it checks the "
                               "UTF-8 of a Close reason only",
            "message-limit": "websockets has a single limit, max_size, checked against each frame's header as the "
                             "room left in the message; the adapter sets it to maxFramePayload, so there is no "
                             "second, larger limit for a message",
        },
        "limits": "max_size = maxFramePayload, checked on each frame's header against the room left in the message, "
                  "so a fragmented message is held to it too; maxMessageSize is not used",
    }},
}, {
    "wscodec.receiver": receiver, "wscodec.feed": feed, "wscodec.encoder": encoder, "wscodec.encode": encode,
    "wscodec.computeAccept": compute_accept, "wscodec.release": release,
})

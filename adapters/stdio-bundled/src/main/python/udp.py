"""netconform stdio adapter: UDP connect semantics with Python's socket module, on this machine's kernel.

  python3 udp.py   -> target python-socket

Each operation is one call of socket.socket's API; an OSError is mapped onto the protocol's outcomes by
its errno, a timeout onto WOULD_BLOCK. Python's socket has no way to connect with AF_UNSPEC, so the
adapter offers no disconnect.
"""
import errno
import socket
import sys

from netconform_stdio import BadRequest, b64, octets, serve

OUTCOMES = {
    errno.EDESTADDRREQ: "NOT_CONNECTED", errno.ENOTCONN: "NOT_CONNECTED", errno.EISCONN: "ALREADY_CONNECTED",
    errno.ECONNREFUSED: "PORT_UNREACHABLE", errno.EADDRINUSE: "ADDRESS_IN_USE",
    errno.EADDRNOTAVAIL: "ADDRESS_NOT_AVAILABLE", errno.EAGAIN: "WOULD_BLOCK", errno.EINVAL: "INVALID",
    errno.EMSGSIZE: "MESSAGE_TOO_LONG", errno.EBADF: "CLOSED",
}
OPTIONS = {"reuse-address": socket.SO_REUSEADDR, "reuse-port": socket.SO_REUSEPORT}
sockets = {}


def sock(args):
    if args.get("socket") not in sockets:
        raise BadRequest("no socket %r" % args.get("socket"))
    return sockets[args["socket"]]


def address(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


def show(addr):
    return "%s:%d" % addr


def outcome(e):
    if isinstance(e, socket.timeout):
        return "WOULD_BLOCK"
    return OUTCOMES.get(e.errno, "INVALID")


def call(action, **result):
    """Runs one socket call; its outcome (and result fields on success)."""
    try:
        value = action()
    except OSError as e:
        return {"outcome": outcome(e), "errno": errno.errorcode.get(e.errno, str(e))}
    out = {"outcome": "OK"}
    for k, f in result.items():
        out[k] = f(value)
    return out


def open_socket(args):
    sockets[args["socket"]] = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return {}


def set_option(args):
    s = sock(args)
    return call(lambda: s.setsockopt(socket.SOL_SOCKET, OPTIONS[args["option"]], 1 if args["value"] else 0))


def receive(args):
    s = sock(args)

    def once():
        s.settimeout(max(args["timeoutMs"], 1) / 1000.0)
        return s.recvfrom(65536)

    return call(once, payload=lambda v: b64(v[0]), source=lambda v: show(v[1]))


def name_of(method):
    def get(args):
        s = sock(args)
        try:
            a = method(s)
        except OSError:
            return {"address": None}
        return {"address": None if a[1] == 0 else show(a)}
    return get


def close(args):
    s = sock(args)
    s.close()
    sockets.pop(args["socket"], None)
    return {"outcome": "OK"}


serve({
    "target": "python-socket",
    "implementation": {"name": "Python socket (AF_INET, SOCK_DGRAM)", "version": sys.version.split()[0]},
    "areas": {"udp": {"layer": "model", "capabilities": ["reuse-address", "reuse-port"]}},
}, {
    "udp.open": open_socket,
    "udp.setOption": set_option,
    "udp.bind": lambda a: call(lambda: sock(a).bind(address(a["address"]))),
    "udp.connect": lambda a: call(lambda: sock(a).connect(address(a["address"]))),
    "udp.send": lambda a: call(lambda: sock(a).send(octets(a["payload"])), sent=int),
    "udp.sendTo": lambda a: call(lambda: sock(a).sendto(octets(a["payload"]), address(a["address"])), sent=int),
    "udp.receive": receive,
    "udp.localAddress": name_of(lambda s: s.getsockname()),
    "udp.remoteAddress": name_of(lambda s: s.getpeername()),
    "udp.close": close,
})

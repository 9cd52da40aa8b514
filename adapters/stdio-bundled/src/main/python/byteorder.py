"""netconform stdio adapter: byte order with Python's own tools.

  python3 byteorder.py struct   -> target python-struct: struct.pack / struct.unpack ('>H', '<I', ...)
  python3 byteorder.py int      -> target python-int:    int.to_bytes / int.from_bytes

Each operation calls the library once and fixes nothing up: what it raises is a refusal, what it
returns goes back as is.
"""
import struct
import sys

from netconform_stdio import BadRequest, Refused, b64, octets, serve

API = sys.argv[1] if len(sys.argv) > 1 else "struct"
WIDTHS = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}
FORMATS = {"u8": "B", "u16": "H", "u32": "I", "u64": "Q"}


def width(args):
    if args.get("width") not in WIDTHS:
        raise BadRequest("width must be one of %s" % list(WIDTHS))
    return args["width"]


def order(args):
    return {"big": "big", "little": "little"}[args["order"]]


def fmt(args):
    return (">" if order(args) == "big" else "<") + FORMATS[width(args)]


def write(args):
    value = int(args["value"])
    try:
        if API == "struct":
            data = struct.pack(fmt(args), value)
        else:
            data = value.to_bytes(WIDTHS[width(args)], order(args))
    except (struct.error, OverflowError) as e:
        raise Refused("%s: %s" % (type(e).__name__, e))
    return {"octets": b64(data)}


def read(args):
    data = octets(args["octets"])
    if API == "struct":
        try:
            (value,) = struct.unpack(fmt(args), data)
        except struct.error as e:
            raise Refused("struct.error: %s" % e)
        # struct.unpack takes exactly the format's size: nothing is left unread
        return {"value": str(value), "unread": 0}
    width(args)
    # int.from_bytes reads every octet it is given and has no notion of a field's width
    return {"value": str(int.from_bytes(data, order(args))), "unread": None}


IMPLEMENTATION = {"struct": "Python struct.pack/unpack", "int": "Python int.to_bytes/from_bytes"}[API]

serve({
    "target": "python-" + API,
    "implementation": {"name": IMPLEMENTATION, "version": sys.version.split()[0]},
    "areas": {"byteorder": {"layer": "codec", "capabilities": ["little-endian"]}},
}, {"byteorder.write": write, "byteorder.read": read})

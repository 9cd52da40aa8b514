"""A deliberately broken stdio adapter for the suites' self-tests: it says hello as a byte-order and UDP
target, then, depending on its mode, on the first area request:

  crash        dies of SIGSEGV
  hang         never answers (and reads no more)
  garbage      answers with a line that is not JSON
  flood        writes endlessly without a newline
  wrong-id     answers with another request's id
  internal     answers with error kind "internal" (a bug of the adapter, not the library)
  no-hello     exits before answering hello
  crash-once   dies on its first area request only (a marker file beside it remembers), then behaves
"""
import base64
import json
import os
import signal
import sys
import time

MODE = sys.argv[1]
MARKER = sys.argv[2] if len(sys.argv) > 2 else None


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def correct(request):
    args = request.get("args", {})
    op = request["op"]
    if op == "byteorder.write":
        width = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}[args["width"]]
        value = int(args["value"])
        try:
            data = value.to_bytes(width, args["order"])
        except OverflowError as e:
            return {"id": request["id"], "ok": False, "error": {"kind": "failed", "message": str(e)}}
        return {"id": request["id"], "ok": True, "result": {"octets": base64.b64encode(data).decode()}}
    if op == "byteorder.read":
        data = base64.b64decode(args["octets"])
        width = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}[args["width"]]
        if len(data) < width:
            return {"id": request["id"], "ok": False, "error": {"kind": "failed", "message": "too short"}}
        value = int.from_bytes(data[:width], args["order"])
        return {"id": request["id"], "ok": True, "result": {"value": str(value), "unread": len(data) - width}}
    return {"id": request["id"], "ok": False, "error": {"kind": "unsupported", "message": op}}


print("broken adapter, mode " + MODE, file=sys.stderr, flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if request["op"] == "hello":
        if MODE == "no-hello":
            print("giving up before hello", file=sys.stderr, flush=True)
            sys.exit(3)
        send({"id": request["id"], "ok": True, "result": {
            "protocol": "netconform-stdio", "version": 1, "target": "broken-" + MODE,
            "areas": {"byteorder": {"layer": "codec", "capabilities": ["little-endian"]}}}})
        continue
    if request["op"] == "shutdown":
        send({"id": request["id"], "ok": True, "result": {}})
        break
    if MODE == "crash" or (MODE == "crash-once" and not os.path.exists(MARKER)):
        if MARKER:
            open(MARKER, "w").close()
        print("about to crash on " + request["op"], file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGSEGV)
    elif MODE == "hang":
        time.sleep(3600)
    elif MODE == "garbage":
        sys.stdout.write("Segmentation fault? no: just garbage\n")
        sys.stdout.flush()
    elif MODE == "flood":
        chunk = "x" * 65536
        while True:
            sys.stdout.write(chunk)
    elif MODE == "wrong-id":
        send({"id": request["id"] + 1000, "ok": True, "result": {}})
    elif MODE == "internal":
        send({"id": request["id"], "ok": False, "error": {"kind": "internal", "message": "KeyError: 'width'"}})
    else:
        send(correct(request))

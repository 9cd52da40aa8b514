"""The envelope of the netconform stdio protocol, version 1 (docs/stdio-protocol.md), for Python adapters.

An adapter program calls serve() with its hello and a handler per operation. serve() reads one JSON
request per line from stdin and writes one response per line to stdout, nothing else; logs go to stderr.
A handler returns the result (a dict), raises Refused when the library under test refused or failed the
operation (error kind "failed": an answer about the protocol), or raises BadRequest. Any other exception
is a bug of the adapter: answered with kind "internal", which the harness reports as ERROR.

Requests run one at a time, in order. An adapter whose operations wait (a WebSocket client) uses
serve_async() instead, which runs each request as an asyncio task and lets it send events.
"""
import asyncio
import base64
import json
import sys
import threading
import traceback

PROTOCOL = "netconform-stdio"
VERSION = 1
MAX_LINE = 32 * 1024 * 1024


class Refused(Exception):
    """The implementation under test refused or failed the operation."""


class BadRequest(Exception):
    """The request does not fit the operation."""


def b64(data):
    return base64.b64encode(data).decode("ascii")


def octets(text):
    return base64.b64decode(text, validate=True)


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


_out = sys.stdout.buffer
_lock = threading.Lock()


def write(message):
    line = json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"
    with _lock:
        _out.write(line)
        _out.flush()


def _hello_result(hello, args):
    if PROTOCOL != args.get("protocol") or VERSION not in args.get("versions", []):
        raise BadRequest("this adapter speaks %s version %d" % (PROTOCOL, VERSION))
    result = {"protocol": PROTOCOL, "version": VERSION, "maxLine": MAX_LINE}
    result.update(hello)
    return result


def _parse(line):
    """The request of a line, or None after answering a line that is none."""
    if len(line) > MAX_LINE:
        write({"id": None, "ok": False, "error": {"kind": "bad-request", "message": "line too long"}})
        return None
    try:
        request = json.loads(line)
    except ValueError as e:
        write({"id": None, "ok": False, "error": {"kind": "bad-request", "message": "not JSON: %s" % e}})
        return None
    if not isinstance(request, dict) or "id" not in request or "op" not in request:
        write({"id": None, "ok": False, "error": {"kind": "bad-request", "message": "no id or op"}})
        return None
    return request


def _answer(request_id, run):
    try:
        write({"id": request_id, "ok": True, "result": run()})
    except Refused as e:
        write({"id": request_id, "ok": False, "error": {"kind": "failed", "message": str(e)}})
    except BadRequest as e:
        write({"id": request_id, "ok": False, "error": {"kind": "bad-request", "message": str(e)}})
    except Exception as e:  # a bug of this adapter, not an answer about the library
        log(traceback.format_exc())
        write({"id": request_id, "ok": False, "error": {"kind": "internal", "message": "%s: %s" % (type(e).__name__, e)}})


def serve(hello, handlers):
    """Answers requests one at a time until shutdown or the end of stdin."""
    for line in sys.stdin.buffer:
        request = _parse(line)
        if request is None:
            continue
        op, args = request["op"], request.get("args") or {}
        if op == "hello":
            _answer(request["id"], lambda: _hello_result(hello, args))
        elif op == "shutdown":
            _answer(request["id"], lambda: {})
            return
        elif op in handlers:
            _answer(request["id"], lambda: handlers[op](args))
        else:
            write({"id": request["id"], "ok": False, "error": {"kind": "unsupported", "message": "no operation " + op}})


def event(name, **data):
    """Writes an event (an unsolicited line), from any thread or task."""
    write({"event": name, "data": data})


def serve_async(hello, handlers):
    """As serve(), but each request runs as a task of one asyncio loop; handlers are coroutines."""
    asyncio.run(_serve_async(hello, handlers))


async def _serve_async(hello, handlers):
    loop = asyncio.get_running_loop()
    lines = asyncio.Queue()

    def read():
        for line in sys.stdin.buffer:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, daemon=True).start()
    tasks = set()
    while True:
        line = await lines.get()
        if line is None:
            return
        request = _parse(line)
        if request is None:
            continue
        op, args, rid = request["op"], request.get("args") or {}, request["id"]
        if op == "hello":
            _answer(rid, lambda: _hello_result(hello, args))
        elif op == "shutdown":
            _answer(rid, lambda: {})
            return
        elif op in handlers:
            task = asyncio.ensure_future(_answer_async(rid, handlers[op], args))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        else:
            write({"id": rid, "ok": False, "error": {"kind": "unsupported", "message": "no operation " + op}})


async def _answer_async(request_id, handler, args):
    try:
        write({"id": request_id, "ok": True, "result": await handler(args)})
    except Refused as e:
        write({"id": request_id, "ok": False, "error": {"kind": "failed", "message": str(e)}})
    except BadRequest as e:
        write({"id": request_id, "ok": False, "error": {"kind": "bad-request", "message": str(e)}})
    except Exception as e:
        log(traceback.format_exc())
        write({"id": request_id, "ok": False, "error": {"kind": "internal", "message": "%s: %s" % (type(e).__name__, e)}})

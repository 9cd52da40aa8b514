"""netconform stdio adapter: the WebSocket client of the Python package websockets (asyncio API).

  python3 wsclient.py   -> target python-websockets

websockets.connect() with its default settings (max_size 1 MiB, permessage-deflate offered); every
message the library delivers, and how the connection closed, go back as events. websockets answers
Pings itself and tells the application nothing of them, so the adapter declares no observe-pings.
"""
import asyncio
import sys

import websockets
from websockets.exceptions import ConnectionClosed

from netconform_stdio import BadRequest, Refused, b64, event, octets, serve_async

connections = {}


def conn(args):
    if args.get("connection") not in connections:
        raise BadRequest("no connection %r" % args.get("connection"))
    return connections[args["connection"]]


async def receive(cid, ws):
    try:
        async for message in ws:
            if isinstance(message, str):
                # a str, decoded by the library: back to the UTF-8 it came as
                event("wsclient.message", connection=cid, type="text", payload=b64(message.encode("utf-8", "surrogatepass")))
            else:
                event("wsclient.message", connection=cid, type="binary", payload=b64(message))
        closed = None
    except ConnectionClosed as e:
        closed = e
    except Exception as e:  # what the library raised to its application
        event("wsclient.error", connection=cid, message="%s: %s" % (type(e).__name__, e))
        closed = None
    if closed is not None and not isinstance(closed, websockets.exceptions.ConnectionClosedOK):
        event("wsclient.error", connection=cid, message="%s: %s" % (type(closed).__name__, closed))
    rcvd = getattr(closed, "rcvd", None)
    if rcvd is not None:
        event("wsclient.closeFrame", connection=cid, code=rcvd.code, reason=rcvd.reason)
    await ws.wait_closed()
    event("wsclient.closed", connection=cid, code=ws.close_code if ws.close_code is not None else 1006,
          reason=ws.close_reason or "", remote=bool(rcvd is not None and getattr(closed, "rcvd_then_sent", True)))


async def connect(args):
    cid = args["connection"]
    try:
        ws = await websockets.connect(args["uri"], subprotocols=args.get("subprotocols") or None,
                                      open_timeout=args["timeoutMs"] / 1000.0)
    except Exception as e:
        raise Refused("%s: %s" % (type(e).__name__, e))
    connections[cid] = ws
    asyncio.ensure_future(receive(cid, ws))
    return {}


# an answer is due within the harness's deadline (5 s): a call the library keeps waiting in is answered
# as refused, with that reason (websockets' send() waits for a closing handshake in progress to finish)
WAIT = 3.0


async def send(args, data):
    try:
        await asyncio.wait_for(conn(args).send(data), WAIT)
    except asyncio.TimeoutError:
        raise Refused("send() still waiting after %.0f s (the connection is closing)" % WAIT)
    except (ConnectionClosed, UnicodeEncodeError, TypeError, ValueError, websockets.exceptions.WebSocketException) as e:
        raise Refused("%s: %s" % (type(e).__name__, e))
    return {}


async def send_text(args):
    return await send(args, args["text"])


async def send_binary(args):
    return await send(args, octets(args["payload"]))


async def send_ping(args):
    try:
        await asyncio.wait_for(conn(args).ping(octets(args["payload"])), WAIT)
    except asyncio.TimeoutError:
        raise Refused("ping() still waiting after %.0f s (the connection is closing)" % WAIT)
    except (ConnectionClosed, ValueError, TypeError, websockets.exceptions.WebSocketException) as e:
        raise Refused("%s: %s" % (type(e).__name__, e))
    return {}


async def close(args):
    # close() waits for the whole closing handshake: start it, and answer once it sent the Close or refused
    task = asyncio.ensure_future(conn(args).close(args["code"], args["reason"]))
    await asyncio.wait({task}, timeout=0.2)
    if task.done() and task.exception() is not None:
        e = task.exception()
        raise Refused("%s: %s" % (type(e).__name__, e))
    return {}


async def abort(args):
    ws = connections.pop(args.get("connection"), None)
    if ws is not None and ws.transport is not None:
        ws.transport.abort()
    return {}


serve_async({
    "target": "python-websockets",
    "implementation": {"name": "Python websockets (asyncio client)", "version": websockets.__version__},
    "areas": {"wsclient": {"layer": "endpoint",
                           "capabilities": ["observe-close", "send-raw-close-code", "send-ping", "subprotocols"]}},
}, {
    "wsclient.connect": connect, "wsclient.sendText": send_text, "wsclient.sendBinary": send_binary,
    "wsclient.sendPing": send_ping, "wsclient.close": close, "wsclient.abort": abort,
})

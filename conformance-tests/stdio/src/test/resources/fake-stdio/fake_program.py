"""A scripted stdio program for the unit tests of the protocol layer (standard library only). It
speaks just enough of the protocol and misbehaves in the one way its mode (argv[1]) names:

  ok             answers hello and answers 'echo' with its args
  version-2      answers hello with version 2
  refuse-hello   answers hello with bad-request, as a program that speaks none of the versions does
  maxline-small  declares maxLine 1000, below the least allowed
  maxline-64k    declares maxLine 65536
  twice          answers every request after hello twice
  long-line N    answers 'echo' with a line of exactly N bytes
  deaf           says hello, then reads nothing more
  chatty N       writes N bytes to stderr, then behaves as ok
  crash          kills itself on every request after hello
  crash-first    as crash, but only in its first start (NC_STARTS counts the starts), then as ok
  early-event    writes an event before its hello answer
  odd-event      writes an event of an area nobody knows on its first request
  codec          a wscodec area whose hello says why it lacks utf8-validation; maxLine 65536; every
                 wscodec.feed is answered with one binary frame event that holds the octets it got

Each start appends a line to the file named by the environment variable NC_STARTS, when it is set.
"""
import json
import os
import signal
import sys

MODE = sys.argv[1]
ARG = int(sys.argv[2]) if len(sys.argv) > 2 else 0


def send(message):
    sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def hello(rid):
    result = {"protocol": "netconform-stdio", "version": 2 if MODE == "version-2" else 1, "target": "fake-" + MODE,
              "areas": {"byteorder": {"layer": "codec", "capabilities": []}}}
    if MODE == "maxline-small":
        result["maxLine"] = 1000
    if MODE in ("maxline-64k", "codec"):
        result["maxLine"] = 65536
    if MODE == "codec":
        result["areas"] = {"wscodec": {"layer": "codec", "capabilities": ["limits"],
                                       "notOwned": {"utf8-validation": "the fake leaves UTF-8 to its caller"},
                                       "limits": "the fake has none"}}
    if MODE == "refuse-hello":
        send({"id": rid, "ok": False, "error": {"kind": "bad-request", "message": "this program speaks version 7"}})
    else:
        send({"id": rid, "ok": True, "result": result})


def answer(request):
    rid, op, args = request["id"], request["op"], request.get("args") or {}
    if op == "shutdown":
        send({"id": rid, "ok": True, "result": {}})
        sys.exit(0)
    if MODE == "crash" or (MODE == "crash-first" and STARTS == 1):
        print("crashing on " + op, file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    if MODE == "odd-event":
        send({"event": "nobody.knows", "data": {}})
    if MODE == "long-line" and op == "echo":
        head, tail = '{"id":%d,"ok":true,"result":{"pad":"' % rid, '"}}'
        sys.stdout.write(head + "x" * (ARG - len(head) - len(tail)) + tail + "\n")
        sys.stdout.flush()
        return
    if op == "wscodec.feed":
        event = {"type": "frame", "opcode": 2, "fin": True, "payload": args["data"]}
        send({"id": rid, "ok": True, "result": {"events": [event]}})
        return
    send({"id": rid, "ok": True, "result": args})
    if MODE == "twice":
        send({"id": rid, "ok": True, "result": args})


STARTS = 0
if os.environ.get("NC_STARTS"):
    with open(os.environ["NC_STARTS"], "a") as f:
        f.write("start\n")
    with open(os.environ["NC_STARTS"]) as f:
        STARTS = len(f.readlines())
if MODE == "chatty":
    sys.stderr.write("e" * ARG)
    sys.stderr.flush()
for line in sys.stdin:
    request = json.loads(line)
    if request["op"] == "hello":
        if MODE == "early-event":
            send({"event": "wsclient.message", "data": {"connection": 1, "type": "text", "payload": ""}})
        hello(request["id"])
        if MODE == "deaf":
            signal.pause()
    else:
        answer(request)

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
  nat            a NAT area (set-timers, deliveryWaitMs 40) with the standard topology: nat.udp delivers
                 to 'to' seen from 203.0.113.1:49152, nat.table names the last send, the rest answers {}
  nat-WHAT       as nat, then misbehaves on the first request after nat.open, as WHAT says: garbage,
                 wrong-id, flood (no newline, ever), hang, crash (exit 2 with a panic on stderr), refuse
                 (answers kind failed); or earlier: die-at-start (exits on hello), virtual (a lab in
                 virtual time), topology (a lab with other addresses), no-timers (declares no capability)

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
    if MODE.startswith("nat"):
        result["areas"] = {"nat": {"layer": "model", "capabilities": [] if MODE == "nat-no-timers" else ["set-timers"],
                                   "config": {}, "deliveryWaitMs": 40}}
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
    if op.startswith("nat."):
        nat(rid, op, args)
        return
    if op == "wscodec.feed":
        event = {"type": "frame", "opcode": 2, "fin": True, "payload": args["data"]}
        send({"id": rid, "ok": True, "result": {"events": [event]}})
        return
    send({"id": rid, "ok": True, "result": args})
    if MODE == "twice":
        send({"id": rid, "ok": True, "result": args})


TOPOLOGY = {"insideHosts": ["198.51.100.10", "198.51.100.11", "198.51.100.12"],
            "serverAddresses": ["203.0.113.100", "203.0.113.101"], "otherOutsideHost": "203.0.113.200",
            "externalAddresses": ["203.0.113.1"]}
LAST = []


def nat(rid, op, args):
    if op == "nat.open":
        topology = dict(TOPOLOGY, externalAddresses=["203.0.113.2"]) if MODE == "nat-topology" else TOPOLOGY
        send({"id": rid, "ok": True, "result": {"topology": topology, "virtualTime": MODE == "nat-virtual"}})
        return
    if MODE == "nat-garbage":
        sys.stdout.write("this is not JSON at all\n")
        sys.stdout.flush()
    elif MODE == "nat-wrong-id":
        send({"id": 7, "ok": True, "result": {"delivered": False}})
    elif MODE == "nat-flood":
        while True:
            sys.stdout.write("x" * 65536)
    elif MODE == "nat-hang":
        signal.pause()
    elif MODE == "nat-crash":
        print("fake program: panic: on purpose", file=sys.stderr, flush=True)
        sys.exit(2)
    elif MODE == "nat-refuse":
        send({"id": rid, "ok": False, "error": {"kind": "failed", "message": "bind: address in use, on purpose"}})
    elif op == "nat.udp":
        LAST[:] = [args["from"] + " -> " + args["to"] + " waited " + str(args["waitMs"])]
        send({"id": rid, "ok": True, "result": {"delivered": True, "receivedAt": args["to"],
                                                "seenSource": "203.0.113.1:49152"}})
    elif op == "nat.table":
        send({"id": rid, "ok": True, "result": {"text": "; ".join(LAST)}})
    else:
        send({"id": rid, "ok": True, "result": {}})


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
        if MODE == "nat-die-at-start":
            print("fake program: cannot start, on purpose", file=sys.stderr, flush=True)
            sys.exit(3)
        if MODE == "early-event":
            send({"event": "wsclient.message", "data": {"connection": 1, "type": "text", "payload": ""}})
        hello(request["id"])
        if MODE == "deaf":
            signal.pause()
    else:
        answer(request)

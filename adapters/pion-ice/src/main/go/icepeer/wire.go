package main

// The JSON lines ice-peer prints and reads. Every line is one object with an "event":
//
//	credentials  {"ufrag","pwd"}                      the ICE username fragment and password (RFC 8445 §5.3)
//	candidate    {"candidate","type","address","port"} one local candidate in SDP a=candidate form
//	gathered     {}                                   no more local candidates (end-of-candidates)
//	state        {"state","ms"}                       a connection state change, for the log
//	result       {"role","outcome","reason","elapsedMs","local","remote"}  the last line
//	error        {"reason"}                           a usage or setup error, then exit 2
//
// outcome is "connected", "failed" (ICE gave up) or "timeout" (the deadline passed first). local and
// remote are the selected pair's candidates ({"type","address","port"}), present when a pair was selected.

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"sync"
	"time"

	"github.com/pion/ice/v2"
)

type wire struct {
	mu  sync.Mutex
	out io.Writer
}

func newWire(out io.Writer) *wire {
	return &wire{out: out}
}

// event prints one line; pion calls back from its own goroutines, so lines are written whole under a lock.
func (w *wire) event(fields map[string]any) {
	line, err := json.Marshal(fields)
	if err != nil {
		panic(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out.Write(append(line, '\n'))
}

func (w *wire) fatal(reason string) {
	w.event(map[string]any{"event": "error", "reason": reason})
	os.Exit(2)
}

func (w *wire) result(role, outcome, reason string, start time.Time, agent *ice.Agent) {
	fields := map[string]any{"event": "result", "role": role, "outcome": outcome, "reason": reason, "elapsedMs": ms(start)}
	if agent != nil {
		if pair, err := agent.GetSelectedCandidatePair(); err == nil && pair != nil {
			fields["local"] = describe(pair.Local)
			fields["remote"] = describe(pair.Remote)
		}
	}
	w.event(fields)
}

func describe(c ice.Candidate) map[string]any {
	return map[string]any{"type": c.Type().String(), "address": c.Address(), "port": c.Port()}
}

func candidateEvent(c ice.Candidate) map[string]any {
	fields := describe(c)
	fields["event"] = "candidate"
	fields["candidate"] = c.Marshal()
	return fields
}

type credentials struct {
	ufrag, pwd string
}

// readRemote reads the remote peer's lines until standard input ends: candidates go to the agent as they
// come (trickle), the credentials are handed back once on the channel.
func readRemote(in *bufio.Scanner, agent *ice.Agent, out *wire) <-chan credentials {
	creds := make(chan credentials, 1)
	go func() {
		sent := false
		for in.Scan() {
			var line struct {
				Event     string `json:"event"`
				Ufrag     string `json:"ufrag"`
				Pwd       string `json:"pwd"`
				Candidate string `json:"candidate"`
			}
			if json.Unmarshal(in.Bytes(), &line) != nil {
				continue // not ours: a harness may forward anything
			}
			switch line.Event {
			case "credentials":
				if !sent {
					creds <- credentials{line.Ufrag, line.Pwd}
					sent = true
				}
			case "candidate":
				c, err := ice.UnmarshalCandidate(line.Candidate)
				if err == nil {
					err = agent.AddRemoteCandidate(c)
				}
				if err != nil {
					out.event(map[string]any{"event": "ignored", "candidate": line.Candidate, "reason": err.Error()})
				}
			}
		}
	}()
	return creds
}

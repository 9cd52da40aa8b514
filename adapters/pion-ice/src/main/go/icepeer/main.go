// ice-peer runs one pion ICE agent (github.com/pion/ice/v2, Debian golang-github-pion-ice.v2-dev) for the
// netconform traversal suites. It is one of two peers; the harness that starts both is their signalling
// channel: it copies every line one peer prints to the other's standard input.
//
//	ice-peer -role controlling|controlled [-stun stun:HOST:PORT] [-deadline 20s] [-checks 10s] [-messages 3]
//
// Standard output carries JSON lines, one event each (see wire.go): the local credentials, each local
// candidate as gathered, "gathered" when gathering ends, connection state changes, and last one
// "result". Standard input takes the remote peer's credentials, candidates and "gathered" (any other
// line is ignored, so a harness may forward everything verbatim). pion's own log goes to standard error.
//
// Exit status: 0 connected, 1 ICE failed (the agent itself gave up: no candidate pair succeeded within
// -checks), 3 the deadline passed first (the harness treats that as an error of the run, not a verdict),
// 2 a usage or setup error.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pion/ice/v2"
)

func main() {
	role := flag.String("role", "", "controlling (calls Dial) or controlled (calls Accept)")
	stunURL := flag.String("stun", "", "STUN server URL (stun:HOST:PORT) for server-reflexive candidates; empty: host candidates only")
	deadline := flag.Duration("deadline", 20*time.Second, "the whole run, from start to the result line")
	checks := flag.Duration("checks", 10*time.Second, "how long ICE checks may go without a valid pair before the agent declares failure")
	messages := flag.Int("messages", 3, "messages to exchange over the selected pair once connected")
	flag.Parse()

	out := newWire(os.Stdout)
	if *role != "controlling" && *role != "controlled" {
		out.fatal("usage: -role must be controlling or controlled")
	}
	if *messages < 1 || *checks <= 0 || *deadline <= *checks {
		out.fatal("usage: -messages >= 1 and 0 < -checks < -deadline")
	}
	ctx, cancel := context.WithTimeout(context.Background(), *deadline)
	defer cancel()
	start := time.Now()

	agent, err := newAgent(*stunURL, *checks)
	if err != nil {
		out.fatal("cannot create the ICE agent: " + err.Error())
	}
	defer agent.Close()

	// ICE's own verdict: pion moves to Failed after -checks without a valid pair, but its Dial/Accept
	// wait only for success or for the context; so a failure is forwarded here and ends the wait.
	failed := make(chan struct{})
	if err := agent.OnConnectionStateChange(func(s ice.ConnectionState) {
		out.event(map[string]any{"event": "state", "state": s.String(), "ms": ms(start)})
		if s == ice.ConnectionStateFailed {
			close(failed)
		}
	}); err != nil {
		out.fatal(err.Error())
	}
	if err := agent.OnCandidate(func(c ice.Candidate) {
		if c == nil {
			out.event(map[string]any{"event": "gathered"})
			return
		}
		out.event(candidateEvent(c))
	}); err != nil {
		out.fatal(err.Error())
	}
	ufrag, pwd, err := agent.GetLocalUserCredentials()
	if err != nil {
		out.fatal(err.Error())
	}
	out.event(map[string]any{"event": "credentials", "ufrag": ufrag, "pwd": pwd})
	if err := agent.GatherCandidates(); err != nil {
		out.fatal("cannot gather candidates: " + err.Error())
	}

	// The remote's credentials must come before checks can start; its candidates may trickle in after.
	remote := readRemote(bufio.NewScanner(os.Stdin), agent, out)
	var creds credentials
	select {
	case creds = <-remote:
	case <-ctx.Done():
		out.result(*role, "timeout", "no remote credentials on standard input before the deadline", start, nil)
		os.Exit(3)
	}

	conn, outcome, reason := connect(ctx, agent, *role, creds, failed)
	if conn == nil {
		out.result(*role, outcome, reason, start, nil)
		os.Exit(map[string]int{"failed": 1, "timeout": 3}[outcome])
	}
	connectedMs := ms(start)
	if outcome, reason = exchange(ctx, conn, *role, ufrag, creds.ufrag, *messages); outcome != "connected" {
		out.result(*role, outcome, reason, start, agent)
		os.Exit(map[string]int{"failed": 1, "timeout": 3}[outcome])
	}
	out.result(*role, "connected", fmt.Sprintf("ICE connected after %d ms; %d messages exchanged", connectedMs, *messages), start, agent)
}

// connect runs Dial (controlling) or Accept (controlled) until a pair is valid, ICE fails, or the deadline.
func connect(ctx context.Context, agent *ice.Agent, role string, creds credentials, failed <-chan struct{}) (*ice.Conn, string, string) {
	checkCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		select {
		case <-failed:
			stop()
		case <-checkCtx.Done():
		}
	}()
	var conn *ice.Conn
	var err error
	if role == "controlling" {
		conn, err = agent.Dial(checkCtx, creds.ufrag, creds.pwd)
	} else {
		conn, err = agent.Accept(checkCtx, creds.ufrag, creds.pwd)
	}
	if err == nil {
		return conn, "connected", ""
	}
	select {
	case <-failed:
		return nil, "failed", "ICE connection state failed: no candidate pair succeeded"
	default:
	}
	if ctx.Err() != nil {
		return nil, "timeout", "the deadline passed while ICE was still checking"
	}
	return nil, "failed", "ICE ended: " + err.Error()
}

func newAgent(stunURL string, checks time.Duration) (*ice.Agent, error) {
	types := []ice.CandidateType{ice.CandidateTypeHost}
	var urls []*ice.URL
	if stunURL != "" {
		u, err := ice.ParseURL(stunURL)
		if err != nil {
			return nil, fmt.Errorf("bad -stun %q: %w", stunURL, err)
		}
		urls = append(urls, u)
		types = append(types, ice.CandidateTypeServerReflexive)
	}
	// pion fails a checking agent after DisconnectedTimeout + FailedTimeout; split -checks between them.
	disconnected := checks / 3
	failedAfter := checks - disconnected
	return ice.NewAgent(&ice.AgentConfig{
		Urls:                urls,
		NetworkTypes:        []ice.NetworkType{ice.NetworkTypeUDP4},
		CandidateTypes:      types,
		MulticastDNSMode:    ice.MulticastDNSModeDisabled, // no mDNS names: candidates carry addresses
		DisconnectedTimeout: &disconnected,
		FailedTimeout:       &failedAfter,
	})
}

func ms(since time.Time) int64 {
	return time.Since(since).Milliseconds()
}

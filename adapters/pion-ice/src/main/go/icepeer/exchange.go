package main

// Once ICE has a valid pair, the peers prove it carries data both ways: the controlling peer sends
// "ping N UFRAG" for N = 1..messages, resending each until "pong N UFRAG" comes back; the controlled
// peer answers every ping. UFRAG is the sender's own username fragment, which the receiver knows only
// from the signalling channel: a message naming another is not from the peer and does not count. (The
// pair itself was validated by ICE's connectivity checks, which carry MESSAGE-INTEGRITY keyed with the
// other's password, RFC 8445 §7.2.2; the data on it is not otherwise authenticated by ICE.)

import (
	"context"
	"fmt"
	"time"

	"github.com/pion/ice/v2"
)

const resend = 250 * time.Millisecond

// linger is how long the controlled peer keeps answering after its last new ping: its last pong may be
// lost, and the controlling peer then resends that ping.
const linger = time.Second

func exchange(ctx context.Context, conn *ice.Conn, role, localUfrag, remoteUfrag string, messages int) (string, string) {
	in := make(chan string, 16)
	go func() { // ice.Conn has no read deadline (pion's SetReadDeadline is a stub), so a reader feeds a channel
		buf := make([]byte, 1500)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				close(in)
				return
			}
			in <- string(buf[:n])
		}
	}()
	if role == "controlling" {
		return ping(ctx, conn, in, localUfrag, remoteUfrag, messages)
	}
	return pong(ctx, conn, in, localUfrag, remoteUfrag, messages)
}

func ping(ctx context.Context, conn *ice.Conn, in <-chan string, localUfrag, remoteUfrag string, messages int) (string, string) {
	for n := 1; n <= messages; n++ {
		want := fmt.Sprintf("pong %d %s", n, remoteUfrag)
		ticker := time.NewTicker(resend)
	wait:
		for {
			conn.Write([]byte(fmt.Sprintf("ping %d %s", n, localUfrag)))
			select {
			case got, ok := <-in:
				if !ok {
					ticker.Stop()
					return "failed", "the ICE connection closed during the message exchange"
				}
				if got == want {
					break wait
				}
			case <-ticker.C:
			case <-ctx.Done():
				ticker.Stop()
				return "timeout", fmt.Sprintf("connected, but pong %d did not come back before the deadline", n)
			}
		}
		ticker.Stop()
	}
	return "connected", ""
}

func pong(ctx context.Context, conn *ice.Conn, in <-chan string, localUfrag, remoteUfrag string, messages int) (string, string) {
	seen := map[int]bool{}
	var done <-chan time.Time
	for {
		select {
		case got, ok := <-in:
			if !ok {
				return "failed", "the ICE connection closed during the message exchange"
			}
			var n int
			var ufrag string
			if _, err := fmt.Sscanf(got, "ping %d %s", &n, &ufrag); err != nil || ufrag != remoteUfrag || n < 1 || n > messages {
				continue
			}
			conn.Write([]byte(fmt.Sprintf("pong %d %s", n, localUfrag)))
			if !seen[n] {
				seen[n] = true
				if len(seen) == messages {
					done = time.After(linger)
				}
			}
		case <-done:
			return "connected", ""
		case <-ctx.Done():
			if len(seen) == messages {
				return "connected", ""
			}
			return "timeout", fmt.Sprintf("connected, but only %d of %d pings arrived before the deadline", len(seen), messages)
		}
	}
}

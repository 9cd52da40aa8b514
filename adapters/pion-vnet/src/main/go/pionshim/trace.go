package main

// pion's NAT keeps its table private; what it does is visible only through its log lines
// ("created a new NAT binding", "translate outbound chunk", "drop ... has no permission").
// This logger keeps the NAT's lines of the current lab for nat.table, and copies errors to stderr,
// which the adapter saves to a log file. Warnings (a filtered datagram) are routine in a NAT lab
// and stay in the trace, so a healthy lab leaves an empty log.

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pion/logging"
)

// traceLimit bounds the kept lines: the newest win, a long lab cannot grow the shim without end.
const traceLimit = 200

type trace struct {
	mu      sync.Mutex
	started time.Time
	lines   []string
	dropped int
}

func newTrace() *trace { return &trace{started: time.Now()} }

func (t *trace) add(level, msg string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	line := fmt.Sprintf("+%.3fs %s %s", time.Since(t.started).Seconds(), level, msg)
	if len(t.lines) == traceLimit {
		t.lines = t.lines[1:]
		t.dropped++
	}
	t.lines = append(t.lines, line)
}

func (t *trace) text() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b strings.Builder
	if t.dropped > 0 {
		fmt.Fprintf(&b, "(%d older lines dropped)\n", t.dropped)
	}
	for _, l := range t.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// interesting picks the router's NAT lines out of its per-packet routing chatter.
func interesting(msg string) bool {
	for _, s := range []string{"NAT binding", "translate", "permit access", "drop", "unreachable", "no route"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

type traceLoggerFactory struct{ t *trace }

func (f traceLoggerFactory) NewLogger(scope string) logging.LeveledLogger {
	return traceLogger{t: f.t}
}

type traceLogger struct{ t *trace }

func (l traceLogger) log(level, msg string) {
	if interesting(msg) {
		l.t.add(level, msg)
	}
	if level == "ERROR" {
		fmt.Fprintf(os.Stderr, "pion %s %s\n", level, msg)
	}
}

func (l traceLogger) Trace(msg string)                          {}
func (l traceLogger) Tracef(format string, args ...interface{}) {}
func (l traceLogger) Debug(msg string)                          { l.log("DEBUG", msg) }
func (l traceLogger) Debugf(format string, args ...interface{}) {
	l.log("DEBUG", fmt.Sprintf(format, args...))
}
func (l traceLogger) Info(msg string) { l.log("INFO", msg) }
func (l traceLogger) Infof(format string, args ...interface{}) {
	l.log("INFO", fmt.Sprintf(format, args...))
}
func (l traceLogger) Warn(msg string) { l.log("WARN", msg) }
func (l traceLogger) Warnf(format string, args ...interface{}) {
	l.log("WARN", fmt.Sprintf(format, args...))
}
func (l traceLogger) Error(msg string) { l.log("ERROR", msg) }
func (l traceLogger) Errorf(format string, args ...interface{}) {
	l.log("ERROR", fmt.Sprintf(format, args...))
}

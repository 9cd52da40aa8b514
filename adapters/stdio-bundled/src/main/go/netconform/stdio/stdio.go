// Package stdio is the envelope of the netconform stdio protocol, version 1 (docs/stdio-protocol.md),
// for Go adapters: one JSON request per line on stdin, one response per line on stdout and nothing
// else there; logs go to stderr.
//
// A handler returns the result, or an error: Refused when the library under test refused or failed
// the operation (error kind "failed", an answer about the protocol), BadRequest when the request does
// not fit; any other error, and a panic, is a bug of the adapter (kind "internal": the harness
// reports ERROR).
package stdio

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

const (
	Protocol = "netconform-stdio"
	Version  = 1
	MaxLine  = 32 * 1024 * 1024
)

// Refused is the library's refusal or failure of an operation.
type Refused struct{ Message string }

func (r Refused) Error() string { return r.Message }

// BadRequest says the request does not fit the operation.
type BadRequest struct{ Message string }

func (r BadRequest) Error() string { return r.Message }

// Handler answers one operation; args is the request's "args" object.
type Handler func(args json.RawMessage) (any, error)

var out = bufio.NewWriter(os.Stdout)
var outLock sync.Mutex

func write(message any) {
	line, err := json.Marshal(message)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot write a message as JSON:", err)
		return
	}
	outLock.Lock()
	defer outLock.Unlock()
	out.Write(line)
	out.WriteByte('\n')
	out.Flush()
}

// Event writes an unsolicited line, from any goroutine.
func Event(name string, data map[string]any) {
	write(map[string]any{"event": name, "data": data})
}

// B64 and Octets carry octets as base64 strings.
func B64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func Octets(s string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, BadRequest{"not base64: " + err.Error()}
	}
	return b, nil
}

type request struct {
	ID   *json.RawMessage `json:"id"`
	Op   string           `json:"op"`
	Args json.RawMessage  `json:"args"`
}

func answer(id *json.RawMessage, h Handler, args json.RawMessage) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(os.Stderr, "panic: %v\n%s", p, debug.Stack())
			write(map[string]any{"id": id, "ok": false, "error": map[string]any{"kind": "internal", "message": fmt.Sprint("panic: ", p)}})
		}
	}()
	if len(args) == 0 {
		args = json.RawMessage("{}")
	}
	result, err := h(args)
	if err == nil {
		if result == nil {
			result = map[string]any{}
		}
		write(map[string]any{"id": id, "ok": true, "result": result})
		return
	}
	kind := "internal"
	switch err.(type) {
	case Refused:
		kind = "failed"
	case BadRequest:
		kind = "bad-request"
	}
	write(map[string]any{"id": id, "ok": false, "error": map[string]any{"kind": kind, "message": err.Error()}})
}

// Serve answers requests until shutdown or the end of stdin; concurrently when asked (each request in
// a goroutine of its own, for operations that wait), otherwise one at a time.
func Serve(hello map[string]any, handlers map[string]Handler, concurrent bool) {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64*1024), MaxLine+1)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil || r.ID == nil || r.Op == "" {
			write(map[string]any{"id": nil, "ok": false, "error": map[string]any{"kind": "bad-request", "message": "not a request"}})
			continue
		}
		switch r.Op {
		case "hello":
			answer(r.ID, func(args json.RawMessage) (any, error) {
				var a struct {
					Protocol string `json:"protocol"`
					Versions []int  `json:"versions"`
				}
				json.Unmarshal(args, &a)
				ok := false
				for _, v := range a.Versions {
					ok = ok || v == Version
				}
				if a.Protocol != Protocol || !ok {
					return nil, BadRequest{fmt.Sprintf("this adapter speaks %s version %d", Protocol, Version)}
				}
				result := map[string]any{"protocol": Protocol, "version": Version, "maxLine": MaxLine}
				for k, v := range hello {
					result[k] = v
				}
				return result, nil
			}, r.Args)
		case "shutdown":
			answer(r.ID, func(json.RawMessage) (any, error) { return nil, nil }, r.Args)
			return
		default:
			h, found := handlers[r.Op]
			if !found {
				write(map[string]any{"id": r.ID, "ok": false, "error": map[string]any{"kind": "unsupported", "message": "no operation " + r.Op}})
			} else if concurrent {
				go answer(r.ID, h, r.Args)
			} else {
				answer(r.ID, h, r.Args)
			}
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "stdin:", err)
	}
}

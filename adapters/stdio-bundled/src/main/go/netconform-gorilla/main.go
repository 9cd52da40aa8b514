// netconform-gorilla: the netconform stdio adapter for the WebSocket client of gorilla/websocket
// (target go-gorilla-client). websocket.Dialer with its defaults; the default Ping and Close handlers
// stay in place, wrapped so that the application (this adapter) hears of each Ping, Pong and Close.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"netconform/stdio"
)

type connection struct {
	c     *websocket.Conn
	write sync.Mutex // gorilla allows one concurrent writer of data messages
}

var (
	lock        sync.Mutex
	connections = map[int]*connection{}
)

type args struct {
	Connection   int      `json:"connection"`
	URI          string   `json:"uri"`
	Subprotocols []string `json:"subprotocols"`
	TimeoutMs    int64    `json:"timeoutMs"`
	Text         string   `json:"text"`
	Payload      string   `json:"payload"`
	Code         int      `json:"code"`
	Reason       string   `json:"reason"`
}

func parse(raw json.RawMessage) (args, *connection, error) {
	var a args
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, nil, stdio.BadRequest{err.Error()}
	}
	lock.Lock()
	defer lock.Unlock()
	return a, connections[a.Connection], nil
}

func connect(raw json.RawMessage) (any, error) {
	a, _, err := parse(raw)
	if err != nil {
		return nil, err
	}
	timeout := time.Duration(a.TimeoutMs) * time.Millisecond
	dialer := *websocket.DefaultDialer
	dialer.HandshakeTimeout = timeout
	dialer.Subprotocols = a.Subprotocols
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c, _, err := dialer.DialContext(ctx, a.URI, nil)
	if err != nil {
		return nil, stdio.Refused{err.Error()}
	}
	id := a.Connection
	conn := &connection{c: c}
	ping, pong, closing := c.PingHandler(), c.PongHandler(), c.CloseHandler()
	c.SetPingHandler(func(data string) error {
		stdio.Event("wsclient.ping", map[string]any{"connection": id, "payload": stdio.B64([]byte(data))})
		return ping(data)
	})
	c.SetPongHandler(func(data string) error {
		stdio.Event("wsclient.pong", map[string]any{"connection": id, "payload": stdio.B64([]byte(data))})
		return pong(data)
	})
	c.SetCloseHandler(func(code int, text string) error {
		stdio.Event("wsclient.closeFrame", map[string]any{"connection": id, "code": code, "reason": text})
		return closing(code, text)
	})
	lock.Lock()
	connections[id] = conn
	lock.Unlock()
	go read(id, c)
	return nil, nil
}

func read(id int, c *websocket.Conn) {
	for {
		kind, data, err := c.ReadMessage()
		if err != nil {
			code, reason := websocket.CloseAbnormalClosure, ""
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				code, reason = ce.Code, ce.Text
			} else {
				stdio.Event("wsclient.error", map[string]any{"connection": id, "message": err.Error()})
			}
			stdio.Event("wsclient.closed", map[string]any{"connection": id, "code": code, "reason": reason, "remote": true})
			c.Close()
			return
		}
		t := "binary"
		if kind == websocket.TextMessage {
			t = "text"
		}
		stdio.Event("wsclient.message", map[string]any{"connection": id, "type": t, "payload": stdio.B64(data)})
	}
}

func send(kind int, raw json.RawMessage) (any, error) {
	a, conn, err := parse(raw)
	if err != nil {
		return nil, err
	}
	if conn == nil {
		return nil, stdio.BadRequest{"no such connection"}
	}
	data := []byte(a.Text)
	if kind == websocket.BinaryMessage {
		if data, err = stdio.Octets(a.Payload); err != nil {
			return nil, err
		}
	}
	conn.write.Lock()
	defer conn.write.Unlock()
	conn.c.SetWriteDeadline(time.Now().Add(3 * time.Second))
	if err := conn.c.WriteMessage(kind, data); err != nil {
		return nil, stdio.Refused{err.Error()}
	}
	return nil, nil
}

func control(raw json.RawMessage, kind int) (any, error) {
	a, conn, err := parse(raw)
	if err != nil {
		return nil, err
	}
	if conn == nil {
		return nil, stdio.BadRequest{"no such connection"}
	}
	var data []byte
	if kind == websocket.CloseMessage {
		// gorilla's way to start the closing handshake: a Close message, then read until the server closes
		data = websocket.FormatCloseMessage(a.Code, a.Reason)
	} else if data, err = stdio.Octets(a.Payload); err != nil {
		return nil, err
	}
	if err := conn.c.WriteControl(kind, data, time.Now().Add(3*time.Second)); err != nil {
		return nil, stdio.Refused{err.Error()}
	}
	return nil, nil
}

func main() {
	stdio.Serve(map[string]any{
		"target":         "go-gorilla-client",
		"implementation": map[string]any{"name": "gorilla/websocket Dialer", "version": "Debian golang-github-gorilla-websocket-dev, " + runtime.Version()},
		"areas": map[string]any{"wsclient": map[string]any{"layer": "endpoint",
			"capabilities": []string{"observe-pings", "observe-close", "send-raw-close-code", "send-ping", "subprotocols"}}},
	}, map[string]stdio.Handler{
		"wsclient.connect":    connect,
		"wsclient.sendText":   func(raw json.RawMessage) (any, error) { return send(websocket.TextMessage, raw) },
		"wsclient.sendBinary": func(raw json.RawMessage) (any, error) { return send(websocket.BinaryMessage, raw) },
		"wsclient.sendPing":   func(raw json.RawMessage) (any, error) { return control(raw, websocket.PingMessage) },
		"wsclient.close":      func(raw json.RawMessage) (any, error) { return control(raw, websocket.CloseMessage) },
		"wsclient.abort": func(raw json.RawMessage) (any, error) {
			a, conn, err := parse(raw)
			if err != nil {
				return nil, err
			}
			lock.Lock()
			delete(connections, a.Connection)
			lock.Unlock()
			if conn != nil {
				conn.c.Close()
			}
			return nil, nil
		},
	}, true)
}

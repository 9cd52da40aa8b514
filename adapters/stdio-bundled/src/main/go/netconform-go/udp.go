package main

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"netconform/stdio"
)

// A socket as Go's net package has it: nothing until bound (ListenConfig.ListenPacket, i.e. ListenUDP)
// or connected (Dialer.Dial, i.e. DialUDP). Go cannot connect an existing socket: connecting a bound
// one, or connecting again, closes it and dials from the same local address, which is how a Go program
// gets a socket with that address and peer. Go has no disconnect.
type udpSocket struct {
	conn      *net.UDPConn
	connected bool
	closed    bool
	reuseAddr bool
	reusePort bool
}

var udpSockets = map[int]*udpSocket{}

type udpArgs struct {
	Socket    int    `json:"socket"`
	Option    string `json:"option"`
	Value     bool   `json:"value"`
	Address   string `json:"address"`
	Payload   string `json:"payload"`
	TimeoutMs int64  `json:"timeoutMs"`
}

func (s *udpSocket) control(network, address string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		if s.reuseAddr {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
		}
		if s.reusePort && serr == nil {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, 0xf /* SO_REUSEPORT */, 1)
		}
	})
	if err != nil {
		return err
	}
	return serr
}

func outcome(err error) map[string]any {
	name := "INVALID"
	var ne net.Error
	switch {
	case err == nil:
		return map[string]any{"outcome": "OK"}
	case errors.Is(err, net.ErrClosed):
		name = "CLOSED"
	case errors.Is(err, net.ErrWriteToConnected):
		name = "ALREADY_CONNECTED"
	case errors.Is(err, syscall.EDESTADDRREQ), errors.Is(err, syscall.ENOTCONN):
		name = "NOT_CONNECTED"
	case errors.Is(err, syscall.EISCONN):
		name = "ALREADY_CONNECTED"
	case errors.Is(err, syscall.ECONNREFUSED):
		name = "PORT_UNREACHABLE"
	case errors.Is(err, syscall.EADDRINUSE):
		name = "ADDRESS_IN_USE"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		name = "ADDRESS_NOT_AVAILABLE"
	case errors.Is(err, syscall.EMSGSIZE):
		name = "MESSAGE_TOO_LONG"
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		name = "WOULD_BLOCK"
	}
	return map[string]any{"outcome": name, "errno": err.Error()}
}

func show(a net.Addr) any {
	if a == nil {
		return nil
	}
	u, ok := a.(*net.UDPAddr)
	if !ok || u.Port == 0 {
		return nil
	}
	ip := u.IP.To4()
	if ip == nil {
		ip = net.IPv4zero
	}
	return ip.String() + ":" + strings.TrimPrefix(a.String(), u.IP.String()+":")
}

func udpHandlers() map[string]stdio.Handler {
	get := func(args json.RawMessage) (*udpSocket, udpArgs, error) {
		var a udpArgs
		if err := json.Unmarshal(args, &a); err != nil {
			return nil, a, stdio.BadRequest{err.Error()}
		}
		s, ok := udpSockets[a.Socket]
		if !ok {
			return nil, a, stdio.BadRequest{"no such socket"}
		}
		return s, a, nil
	}
	closedResult := map[string]any{"outcome": "CLOSED"}
	return map[string]stdio.Handler{
		"udp.open": func(args json.RawMessage) (any, error) {
			var a udpArgs
			json.Unmarshal(args, &a)
			udpSockets[a.Socket] = &udpSocket{}
			return nil, nil
		},
		"udp.setOption": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			if s.conn != nil {
				return map[string]any{"outcome": "INVALID", "errno": "options go to ListenConfig/Dialer before the socket exists"}, nil
			}
			if a.Option == "reuse-port" {
				s.reusePort = a.Value
			} else {
				s.reuseAddr = a.Value
			}
			return outcome(nil), nil
		},
		"udp.bind": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			if s.conn != nil {
				return map[string]any{"outcome": "INVALID", "errno": "already bound"}, nil
			}
			lc := net.ListenConfig{Control: s.control}
			pc, err := lc.ListenPacket(context.Background(), "udp4", a.Address)
			if err != nil {
				return outcome(err), nil
			}
			s.conn = pc.(*net.UDPConn)
			return outcome(nil), nil
		},
		"udp.connect": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			d := net.Dialer{Control: s.control}
			if s.conn != nil {
				d.LocalAddr = s.conn.LocalAddr()
				s.conn.Close()
				s.conn = nil
			}
			c, err := d.Dial("udp4", a.Address)
			if err != nil {
				return outcome(err), nil
			}
			s.conn = c.(*net.UDPConn)
			s.connected = true
			return outcome(nil), nil
		},
		"udp.send": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			b, err := stdio.Octets(a.Payload)
			if err != nil {
				return nil, err
			}
			if s.conn == nil {
				return map[string]any{"outcome": "NOT_CONNECTED", "errno": "no socket: neither bound nor dialed"}, nil
			}
			n, err := s.conn.Write(b)
			if err != nil {
				return outcome(err), nil
			}
			return map[string]any{"outcome": "OK", "sent": n}, nil
		},
		"udp.sendTo": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			b, err := stdio.Octets(a.Payload)
			if err != nil {
				return nil, err
			}
			to, err := net.ResolveUDPAddr("udp4", a.Address)
			if err != nil {
				return nil, stdio.BadRequest{err.Error()}
			}
			if s.conn == nil {
				// a Go program sends from an unbound socket by listening on any address first
				lc := net.ListenConfig{Control: s.control}
				pc, err := lc.ListenPacket(context.Background(), "udp4", "0.0.0.0:0")
				if err != nil {
					return outcome(err), nil
				}
				s.conn = pc.(*net.UDPConn)
			}
			n, err := s.conn.WriteToUDP(b, to)
			if err != nil {
				return outcome(err), nil
			}
			return map[string]any{"outcome": "OK", "sent": n}, nil
		},
		"udp.receive": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.closed {
				return closedResult, nil
			}
			wait := time.Duration(a.TimeoutMs) * time.Millisecond
			if s.conn == nil {
				time.Sleep(wait)
				return map[string]any{"outcome": "WOULD_BLOCK", "errno": "no socket: nothing can arrive"}, nil
			}
			s.conn.SetReadDeadline(time.Now().Add(wait))
			buf := make([]byte, 65536)
			n, from, err := s.conn.ReadFromUDP(buf)
			if err != nil {
				return outcome(err), nil
			}
			return map[string]any{"outcome": "OK", "payload": stdio.B64(buf[:n]), "source": show(from)}, nil
		},
		"udp.localAddress": func(args json.RawMessage) (any, error) {
			s, _, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.conn == nil || s.closed {
				return map[string]any{"address": nil}, nil
			}
			return map[string]any{"address": show(s.conn.LocalAddr())}, nil
		},
		"udp.remoteAddress": func(args json.RawMessage) (any, error) {
			s, _, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.conn == nil || s.closed || !s.connected {
				return map[string]any{"address": nil}, nil
			}
			return map[string]any{"address": show(s.conn.RemoteAddr())}, nil
		},
		"udp.close": func(args json.RawMessage) (any, error) {
			s, a, err := get(args)
			if err != nil {
				return nil, err
			}
			if s.conn != nil && !s.closed {
				s.conn.Close()
			}
			s.closed = true
			delete(udpSockets, a.Socket)
			return outcome(nil), nil
		},
	}
}

package main

// One NAT lab: a fresh vnet world, the sockets the client's operations opened (kept until the lab
// closes, so a mapping made by one operation serves the next) and the datagrams they received.
// Sockets are held as net.PacketConn: in GOPATH mode the shim (outside GOPATH) cannot name
// pion's root package by vnet's import path github.com/pion/transport/v2, only vnet itself.

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// receipt is one datagram a lab socket read: where, from whom, and its payload (the nonce).
type receipt struct {
	at      string
	source  string
	payload string
}

type lab struct {
	world    *world
	trace    *trace
	sockets  map[string]net.PacketConn
	received chan receipt
	nonce    uint64
	id       uint64
}

var labCounter uint64

// maxTable bounds nat.table's text so that its response line stays under maxLine.
const maxTable = 32 * 1024

func openLab(cfg natConfig, tr *trace) (*lab, error) {
	w, err := buildWorld(cfg, tr)
	if err != nil {
		return nil, err
	}
	return &lab{
		world:    w,
		trace:    tr,
		sockets:  map[string]net.PacketConn{},
		received: make(chan receipt, 1024),
		id:       atomic.AddUint64(&labCounter, 1),
	}, nil
}

// parseEndpoint checks that text is IPv4:port with a port a socket can be bound at.
func parseEndpoint(text string) (string, int, *failure) {
	host, portText, err := net.SplitHostPort(text)
	if err != nil {
		return "", 0, badRequest(fmt.Sprintf("not ADDRESS:PORT: %q", text))
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() == nil {
		return "", 0, badRequest(fmt.Sprintf("not an IPv4 address: %q", host))
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, badRequest(fmt.Sprintf("port not in 1..65535: %q", portText))
	}
	return ip.To4().String(), port, nil
}

// socket is the lab's socket at ip:port, opened on first use on the host that owns ip.
func (l *lab) socket(ip string, port int) (net.PacketConn, *failure) {
	key := net.JoinHostPort(ip, strconv.Itoa(port))
	if c, ok := l.sockets[key]; ok {
		return c, nil
	}
	host, ok := l.world.hosts[ip]
	if !ok {
		return nil, badRequest(fmt.Sprintf("%s is no host of this lab", ip))
	}
	c, err := host.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(ip), Port: port})
	if err != nil {
		return nil, failed(fmt.Sprintf("bind %s: %v", key, err))
	}
	l.sockets[key] = c
	go l.read(key, c)
	return c, nil
}

// read forwards every datagram a socket receives until the socket closes.
func (l *lab) read(at string, c net.PacketConn) {
	buf := make([]byte, 2048)
	for {
		n, from, err := c.ReadFrom(buf)
		if err != nil {
			return
		}
		select {
		case l.received <- receipt{at: at, source: from.String(), payload: string(buf[:n])}:
		default: // the client stopped asking; a lab never blocks its routers on a full queue
		}
	}
}

func (l *lab) udp(a udpArgs) (udpResult, *failure) {
	fromIP, fromPort, f := parseEndpoint(a.From)
	if f != nil {
		return udpResult{}, f
	}
	toIP, toPort, f := parseEndpoint(a.To)
	if f != nil {
		return udpResult{}, f
	}
	if isExternal(fromIP) {
		return udpResult{}, badRequest(fmt.Sprintf("%s is the NAT's external address, a destination only", fromIP))
	}
	if a.WaitMs < 0 || a.WaitMs > 60_000 {
		return udpResult{}, badRequest("waitMs not in 0..60000")
	}
	src, f := l.socket(fromIP, fromPort)
	if f != nil {
		return udpResult{}, f
	}
	if !isExternal(toIP) {
		// the destination listens when it is a host's own endpoint
		if _, f = l.socket(toIP, toPort); f != nil {
			return udpResult{}, f
		}
	}
	l.nonce++
	nonce := fmt.Sprintf("netconform %d/%d", l.id, l.nonce)
	if _, err := src.WriteTo([]byte(nonce), &net.UDPAddr{IP: net.ParseIP(toIP), Port: toPort}); err != nil {
		return udpResult{}, failed(fmt.Sprintf("send from %s to %s: %v", a.From, a.To, err))
	}
	deadline := time.NewTimer(time.Duration(a.WaitMs) * time.Millisecond)
	defer deadline.Stop()
	for {
		select {
		case r := <-l.received:
			if r.payload == nonce {
				return udpResult{Delivered: true, ReceivedAt: r.at, SeenSource: r.source}, nil
			}
			// a late datagram of an earlier send: never attributed to this one
			l.trace.add("LATE", fmt.Sprintf("%q reached %s from %s after its send was answered", r.payload, r.at, r.source))
		case <-deadline.C:
			return udpResult{Delivered: false}, nil
		}
	}
}

func (l *lab) table() tableResult {
	var b strings.Builder
	b.WriteString("pion vnet keeps its NAT table private; its log lines for this lab:\n")
	b.WriteString(l.trace.text())
	text := b.String()
	if len(text) > maxTable {
		// the newest lines matter most; the response must stay under maxLine
		text = "...\n" + text[len(text)-maxTable:]
	}
	return tableResult{Text: text}
}

func (l *lab) close() {
	for _, c := range l.sockets {
		_ = c.Close()
	}
	l.world.stop()
}

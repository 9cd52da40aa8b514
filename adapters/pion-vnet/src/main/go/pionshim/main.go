// Command pionshim puts pion/transport's vnet NAT (github.com/pion/transport/v2/vnet, imported by its GOPATH directory github.com/pion/transport/vnet; the Debian
// package golang-github-pion-transport-dev 2.0.2) behind the netconform stdio protocol, version 1:
// newline-delimited JSON requests on stdin, one response line each on stdout, logs on stderr.
// The protocol is described in docs/nat-stdio-shim.md.
//
//	pionshim [-mapping eim|adm|apdm -filtering eif|adf|apdf] [-lifetime 30s]
//
// Without -mapping and -filtering the NAT router gets no NATType and pion picks its default.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pion/transport/vnet"
)

// pionVersion is the pion/transport the shim is built against (GOPATH mode has no module version).
const pionVersion = "2.0.2"

func main() {
	mapping := flag.String("mapping", "", "eim, adm or apdm (with -filtering; both unset: pion's default NAT)")
	filtering := flag.String("filtering", "", "eif, adf or apdf")
	lifetime := flag.Duration("lifetime", 0, "UDP mapping lifetime (0: pion's default, 30s)")
	flag.Parse()
	cfg, desc, err := configure(*mapping, *filtering, *lifetime)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pionshim:", err)
		os.Exit(2)
	}
	s := &shim{cfg: cfg, desc: desc, out: bufio.NewWriter(os.Stdout)}
	os.Exit(s.serve(bufio.NewReaderSize(os.Stdin, 4096)))
}

var dependencies = map[string]vnet.EndpointDependencyType{
	"eim": vnet.EndpointIndependent, "adm": vnet.EndpointAddrDependent, "apdm": vnet.EndpointAddrPortDependent,
	"eif": vnet.EndpointIndependent, "adf": vnet.EndpointAddrDependent, "apdf": vnet.EndpointAddrPortDependent,
}

// configure turns the command line into a NAT config and the description hello reports.
func configure(mapping, filtering string, lifetime time.Duration) (natConfig, map[string]string, error) {
	if mapping == "" && filtering == "" {
		cfg := natConfig{}
		desc := map[string]string{"natType": "pion default (RouterConfig.NATType unset)",
			"mapping": "eim", "filtering": "apdf", "mappingLifetime": "30s"}
		if lifetime > 0 {
			cfg = cfg.withLifetime(lifetime)
			desc["mappingLifetime"] = lifetime.String()
		}
		return cfg, desc, nil
	}
	m, okM := dependencies[mapping]
	f, okF := dependencies[filtering]
	if !okM || !okF || mapping[len(mapping)-1] != 'm' || filtering[len(filtering)-1] != 'f' {
		return natConfig{}, nil, fmt.Errorf("-mapping must be eim|adm|apdm and -filtering eif|adf|apdf, got %q and %q", mapping, filtering)
	}
	t := vnet.NATType{MappingBehavior: m, FilteringBehavior: f, MappingLifeTime: lifetime}
	shown := "30s"
	if lifetime > 0 {
		shown = lifetime.String()
	}
	return natConfig{natType: &t}, map[string]string{"natType": "configured", "mapping": mapping,
		"filtering": filtering, "mappingLifetime": shown}, nil
}

type shim struct {
	cfg   natConfig
	desc  map[string]string
	out   *bufio.Writer
	hello bool
	lab   *lab
}

// serve answers requests until stdin ends or shutdown; the exit code.
func (s *shim) serve(in *bufio.Reader) int {
	defer s.closeLab()
	for {
		line, tooLong, err := readLine(in)
		if err == io.EOF {
			return 0
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "pionshim: stdin:", err)
			return 1
		}
		if tooLong {
			s.write(response{Error: badRequest(fmt.Sprintf("line longer than %d bytes", maxLine))})
			continue
		}
		if len(line) == 0 {
			continue
		}
		var req request
		if err := json.Unmarshal(line, &req); err != nil || req.ID == nil || req.Op == "" {
			s.write(response{ID: req.ID, Error: badRequest("not a request object {id, op, args}")})
			continue
		}
		result, f := s.handle(req)
		if f != nil {
			s.write(response{ID: req.ID, Error: f})
		} else {
			s.write(response{ID: req.ID, OK: true, Result: result})
		}
		if req.Op == "shutdown" && f == nil {
			return 0
		}
	}
}

// readLine reads one line without its newline; a line over maxLine is consumed and reported.
func readLine(in *bufio.Reader) ([]byte, bool, error) {
	var line []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if len(line)+len(chunk) > maxLine+1 {
			line = line[:0]
			for err == bufio.ErrBufferFull {
				_, err = in.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, false, err
			}
			return nil, true, nil
		}
		line = append(line, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(line) > 0 {
			return trim(line), false, nil
		}
		if err != nil {
			return nil, false, err
		}
		return trim(line), false, nil
	}
}

func trim(line []byte) []byte {
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	return line
}

func (s *shim) write(r response) {
	b, err := json.Marshal(r)
	if err != nil || len(b) > maxLine {
		b, _ = json.Marshal(response{ID: r.ID, Error: failed("response did not fit in one line")})
	}
	s.out.Write(b)
	s.out.WriteByte('\n')
	s.out.Flush()
}

func decode(args json.RawMessage, into interface{}) *failure {
	if len(args) == 0 {
		return nil
	}
	if err := json.Unmarshal(args, into); err != nil {
		return badRequest("args: " + err.Error())
	}
	return nil
}

func (s *shim) handle(req request) (interface{}, *failure) {
	if req.Op == "hello" {
		return s.handleHello(req.Args)
	}
	if !s.hello {
		return nil, badRequest("the first request is hello")
	}
	switch req.Op {
	case "shutdown":
		return struct{}{}, nil
	case "nat.open":
		return s.handleOpen(req.Args)
	case "nat.close":
		s.closeLab()
		return struct{}{}, nil
	case "nat.udpToClosedPort":
		return nil, unsupported("pion vnet has no ICMP: an outside host drops a datagram to a closed port silently")
	case "nat.tcpConnect", "nat.tcpListen", "nat.tcpSimultaneousOpen", "nat.tcpClose":
		return nil, unsupported("pion vnet 2.0.2 has no TCP (Net.DialTCP and ListenTCP return ErrNotSupported)")
	}
	if s.lab == nil {
		if len(req.Op) > 4 && req.Op[:4] == "nat." {
			return nil, badRequest("no lab is open: nat.open first")
		}
		return nil, unsupported("unknown op " + req.Op)
	}
	switch req.Op {
	case "nat.udp":
		var a udpArgs
		if f := decode(req.Args, &a); f != nil {
			return nil, f
		}
		return s.lab.udp(a)
	case "nat.advance":
		var a advanceArgs
		if f := decode(req.Args, &a); f != nil {
			return nil, f
		}
		if a.Ms < 0 || a.Ms > 3_600_000 {
			return nil, badRequest("ms not in 0..3600000")
		}
		// real time: pion's timers read the wall clock
		time.Sleep(time.Duration(a.Ms) * time.Millisecond)
		return struct{}{}, nil
	case "nat.table":
		return s.lab.table(), nil
	}
	return nil, unsupported("unknown op " + req.Op)
}

func (s *shim) handleHello(args json.RawMessage) (interface{}, *failure) {
	var a helloArgs
	if f := decode(args, &a); f != nil {
		return nil, f
	}
	if a.Protocol != protocolName {
		return nil, badRequest(fmt.Sprintf("protocol %q, this shim speaks %q", a.Protocol, protocolName))
	}
	speaks := false
	for _, v := range a.Versions {
		speaks = speaks || v == protocolVersion
	}
	if !speaks {
		return nil, unsupported(fmt.Sprintf("versions %v, this shim speaks %d", a.Versions, protocolVersion))
	}
	s.hello = true
	return helloResult{
		Protocol:       protocolName,
		Version:        protocolVersion,
		Implementation: implementation{Name: "pion/transport vnet", Version: pionVersion},
		Areas: map[string]areaInfo{"nat": {
			Layer:        "model",
			Capabilities: []string{"set-timers"},
			Config:       s.desc,
		}},
		MaxLine: maxLine,
	}, nil
}

func (s *shim) handleOpen(args json.RawMessage) (interface{}, *failure) {
	var a openArgs
	if f := decode(args, &a); f != nil {
		return nil, f
	}
	if s.lab != nil {
		return nil, badRequest("a lab is open: nat.close first")
	}
	if a.TCPTransitoryMs != nil || a.TCPEstablishedMs != nil {
		return nil, unsupported("pion vnet has no TCP, so no TCP timers")
	}
	cfg := s.cfg
	if a.UDPIdleTimeoutMs != nil {
		if *a.UDPIdleTimeoutMs < 1 {
			return nil, badRequest("udpIdleTimeoutMs must be positive")
		}
		cfg = cfg.withLifetime(time.Duration(*a.UDPIdleTimeoutMs) * time.Millisecond)
	}
	l, err := openLab(cfg, newTrace())
	if err != nil {
		return nil, failed(err.Error())
	}
	s.lab = l
	return openResult{Topology: standardTopology, VirtualTime: false}, nil
}

func (s *shim) closeLab() {
	if s.lab != nil {
		s.lab.close()
		s.lab = nil
	}
}

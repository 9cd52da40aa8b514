package main

// A pion vnet world with the standard netconform NAT topology:
//
//	WAN router 203.0.113.0/24 (no parent, no NAT)
//	 |- server  one vnet.Net with two addresses, 203.0.113.100 and .101
//	 |- other   one vnet.Net, 203.0.113.200
//	 '- NAT router 198.51.100.0/24, external address 203.0.113.1, NATType from the command line
//	     '- inside hosts 198.51.100.10, .11, .12 (one vnet.Net each)

import (
	"fmt"
	"time"

	"github.com/pion/transport/vnet"
)

var standardTopology = topology{
	InsideHosts:       []string{"198.51.100.10", "198.51.100.11", "198.51.100.12"},
	ServerAddresses:   []string{"203.0.113.100", "203.0.113.101"},
	OtherOutsideHost:  "203.0.113.200",
	ExternalAddresses: []string{"203.0.113.1"},
}

const (
	wanCIDR    = "203.0.113.0/24"
	insideCIDR = "198.51.100.0/24"
)

// world is one lab's routers and hosts; hosts maps each host address to the vnet.Net owning it.
type world struct {
	wan   *vnet.Router
	nat   *vnet.Router
	hosts map[string]*vnet.Net
}

// natConfig is what the command line chose. A nil natType leaves RouterConfig.NATType unset, so
// pion picks its own default (router.go setRouter: EIM, APDF, 30 s): what a user who does not
// configure a NAT gets.
type natConfig struct {
	natType *vnet.NATType
}

// withLifetime is the config with the UDP mapping timer overridden (nat.open udpIdleTimeoutMs).
// An unset NATType becomes pion's default behaviours written out, with the new lifetime.
func (c natConfig) withLifetime(d time.Duration) natConfig {
	t := vnet.NATType{MappingBehavior: vnet.EndpointIndependent, FilteringBehavior: vnet.EndpointAddrPortDependent}
	if c.natType != nil {
		t = *c.natType
	}
	t.MappingLifeTime = d
	return natConfig{natType: &t}
}

func buildWorld(cfg natConfig, tr *trace) (*world, error) {
	logs := traceLoggerFactory{t: tr}
	wan, err := vnet.NewRouter(&vnet.RouterConfig{Name: "wan", CIDR: wanCIDR, LoggerFactory: logs})
	if err != nil {
		return nil, fmt.Errorf("WAN router: %w", err)
	}
	nat, err := vnet.NewRouter(&vnet.RouterConfig{
		Name:          "nat",
		CIDR:          insideCIDR,
		StaticIPs:     standardTopology.ExternalAddresses,
		NATType:       cfg.natType,
		LoggerFactory: logs,
	})
	if err != nil {
		return nil, fmt.Errorf("NAT router: %w", err)
	}
	if err = wan.AddRouter(nat); err != nil {
		return nil, fmt.Errorf("attach NAT router: %w", err)
	}
	w := &world{wan: wan, nat: nat, hosts: map[string]*vnet.Net{}}
	for _, ip := range standardTopology.InsideHosts {
		if err = w.addHost(nat, ip); err != nil {
			return nil, err
		}
	}
	if err = w.addHost(wan, standardTopology.ServerAddresses...); err != nil {
		return nil, err
	}
	if err = w.addHost(w.wan, standardTopology.OtherOutsideHost); err != nil {
		return nil, err
	}
	if err = wan.Start(); err != nil {
		return nil, fmt.Errorf("start routers: %w", err)
	}
	return w, nil
}

// addHost makes one host (vnet.Net) with the given addresses on a router.
func (w *world) addHost(r *vnet.Router, ips ...string) error {
	n, err := vnet.NewNet(&vnet.NetConfig{StaticIPs: ips})
	if err != nil {
		return fmt.Errorf("host %v: %w", ips, err)
	}
	if err = r.AddNet(n); err != nil {
		return fmt.Errorf("attach host %v: %w", ips, err)
	}
	for _, ip := range ips {
		w.hosts[ip] = n
	}
	return nil
}

func (w *world) stop() {
	_ = w.wan.Stop()
}

// isExternal tells a NAT external address (a destination only, never a socket's own address).
func isExternal(ip string) bool {
	for _, e := range standardTopology.ExternalAddresses {
		if e == ip {
			return true
		}
	}
	return false
}

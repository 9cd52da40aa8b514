// netconform-go: netconform stdio adapters on Go's standard library.
//
//	netconform-go byteorder   -> target go-binary: encoding/binary's BigEndian and LittleEndian
//	netconform-go udp         -> target go-net: net.ListenUDP / net.DialUDP (through ListenConfig and Dialer)
package main

import (
	"fmt"
	"os"
	"runtime"

	"netconform/stdio"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: netconform-go byteorder|udp")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "byteorder":
		stdio.Serve(map[string]any{
			"target":         "go-binary",
			"implementation": map[string]any{"name": "Go encoding/binary", "version": runtime.Version()},
			"areas":          map[string]any{"byteorder": map[string]any{"layer": "codec", "capabilities": []string{"little-endian"}}},
		}, byteOrderHandlers(), false)
	case "udp":
		stdio.Serve(map[string]any{
			"target":         "go-net",
			"implementation": map[string]any{"name": "Go net (ListenUDP, DialUDP)", "version": runtime.Version()},
			"areas":          map[string]any{"udp": map[string]any{"layer": "model", "capabilities": []string{"reuse-address", "reuse-port"}}},
		}, udpHandlers(), false)
	default:
		fmt.Fprintln(os.Stderr, "unknown area", os.Args[1])
		os.Exit(2)
	}
}

package main

// The wire format of the netconform stdio protocol, version 1 (docs/nat-stdio-shim.md): one JSON
// object per line in each direction, a request carries an id that its response repeats.

import "encoding/json"

const (
	protocolName    = "netconform-stdio"
	protocolVersion = 1
	// maxLine bounds a line in either direction, so neither side can be made to buffer without end.
	maxLine = 64 * 1024
)

// request is what the client sends: an operation with its arguments.
type request struct {
	ID   *int64          `json:"id"`
	Op   string          `json:"op"`
	Args json.RawMessage `json:"args,omitempty"`
}

// response answers exactly one request: ok with a result, or not ok with an error.
type response struct {
	ID     *int64      `json:"id"`
	OK     bool        `json:"ok"`
	Result interface{} `json:"result,omitempty"`
	Error  *failure    `json:"error,omitempty"`
}

// failure kinds: the client decides from the kind alone whether its own request was wrong
// (bad-request), the operation is not offered (unsupported) or the shim could not do it (failed).
const (
	kindBadRequest  = "bad-request"
	kindUnsupported = "unsupported"
	kindFailed      = "failed"
)

type failure struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (f *failure) Error() string { return f.Kind + ": " + f.Message }

func badRequest(message string) *failure  { return &failure{Kind: kindBadRequest, Message: message} }
func unsupported(message string) *failure { return &failure{Kind: kindUnsupported, Message: message} }
func failed(message string) *failure      { return &failure{Kind: kindFailed, Message: message} }

// helloArgs: the client names the protocol and every version it speaks.
type helloArgs struct {
	Protocol string `json:"protocol"`
	Versions []int  `json:"versions"`
	Client   string `json:"client,omitempty"`
}

type implementation struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type areaInfo struct {
	Layer        string            `json:"layer"`
	Capabilities []string          `json:"capabilities"`
	Config       map[string]string `json:"config"`
}

type helloResult struct {
	Protocol       string              `json:"protocol"`
	Version        int                 `json:"version"`
	Implementation implementation      `json:"implementation"`
	Areas          map[string]areaInfo `json:"areas"`
	MaxLine        int                 `json:"maxLine"`
}

type openArgs struct {
	UDPIdleTimeoutMs *int64 `json:"udpIdleTimeoutMs,omitempty"`
	TCPTransitoryMs  *int64 `json:"tcpTransitoryTimeoutMs,omitempty"`
	TCPEstablishedMs *int64 `json:"tcpEstablishedTimeoutMs,omitempty"`
}

type topology struct {
	InsideHosts       []string `json:"insideHosts"`
	ServerAddresses   []string `json:"serverAddresses"`
	OtherOutsideHost  string   `json:"otherOutsideHost"`
	ExternalAddresses []string `json:"externalAddresses"`
}

type openResult struct {
	Topology    topology `json:"topology"`
	VirtualTime bool     `json:"virtualTime"`
}

type udpArgs struct {
	From   string `json:"from"`
	To     string `json:"to"`
	WaitMs int64  `json:"waitMs"`
}

type udpResult struct {
	Delivered  bool   `json:"delivered"`
	ReceivedAt string `json:"receivedAt,omitempty"`
	SeenSource string `json:"seenSource,omitempty"`
}

type advanceArgs struct {
	Ms int64 `json:"ms"`
}

type tableResult struct {
	Text string `json:"text"`
}

package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	"netconform/stdio"
)

// The harness's integer as a Go program holds it: a u64 as uint64, narrower widths as int64. The
// encoding/binary calls take typed values (uint16, uint32, uint64), so the program converts, and a
// Go conversion keeps the low bits: that is what a caller of this package gets.
type field struct {
	Width  string `json:"width"`
	Value  string `json:"value"`
	Octets string `json:"octets"`
	Order  string `json:"order"`
}

func orderOf(name string) binary.ByteOrder {
	if name == "little" {
		return binary.LittleEndian
	}
	return binary.BigEndian
}

func byteOrderHandlers() map[string]stdio.Handler {
	return map[string]stdio.Handler{
		"byteorder.write": func(args json.RawMessage) (any, error) {
			var f field
			if err := json.Unmarshal(args, &f); err != nil {
				return nil, stdio.BadRequest{err.Error()}
			}
			var v uint64
			if f.Width == "u64" {
				u, err := strconv.ParseUint(f.Value, 10, 64)
				if err != nil {
					return nil, stdio.BadRequest{err.Error()}
				}
				v = u
			} else {
				s, err := strconv.ParseInt(f.Value, 10, 64)
				if err != nil {
					return nil, stdio.BadRequest{err.Error()}
				}
				v = uint64(s)
			}
			o := orderOf(f.Order)
			var b []byte
			switch f.Width {
			case "u8":
				// encoding/binary has no 8-bit accessor: a byte is a byte
				b = []byte{uint8(v)}
			case "u16":
				b = make([]byte, 2)
				o.PutUint16(b, uint16(v))
			case "u32":
				b = make([]byte, 4)
				o.PutUint32(b, uint32(v))
			case "u64":
				b = make([]byte, 8)
				o.PutUint64(b, v)
			default:
				return nil, stdio.BadRequest{"no width " + f.Width}
			}
			return map[string]any{"octets": stdio.B64(b)}, nil
		},
		"byteorder.read": func(args json.RawMessage) (result any, err error) {
			var f field
			if err := json.Unmarshal(args, &f); err != nil {
				return nil, stdio.BadRequest{err.Error()}
			}
			b, err := stdio.Octets(f.Octets)
			if err != nil {
				return nil, err
			}
			// the package signals a short slice by panicking (index out of range): its refusal
			defer func() {
				if p := recover(); p != nil {
					result, err = nil, stdio.Refused{fmt.Sprint("panic: ", p)}
				}
			}()
			o := orderOf(f.Order)
			var v uint64
			switch f.Width {
			case "u8":
				v = uint64(b[0])
			case "u16":
				v = uint64(o.Uint16(b))
			case "u32":
				v = uint64(o.Uint32(b))
			case "u64":
				v = o.Uint64(b)
			default:
				return nil, stdio.BadRequest{"no width " + f.Width}
			}
			// Uint16(b) and friends read the start of b and say nothing of the rest
			return map[string]any{"value": strconv.FormatUint(v, 10), "unread": nil}, nil
		},
	}
}

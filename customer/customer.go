package customer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// customerFields is Customer without its methods, so that decoding and
// encoding through it do not recurse.
type customerFields Customer

// cfMarker is what a body must contain for a top-level custom field to be
// possible; without it the second decoding pass is skipped.
var cfMarker = []byte(`"cf_`)

// UnmarshalJSON decodes a customer. Top-level cf_* keys are collected into
// CustomFields; unknown attributes are ignored and unknown enum values are
// kept as sent.
func (c *Customer) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*customerFields)(c)); err != nil {
		return err
	}
	c.CustomFields = nil
	if !bytes.Contains(b, cfMarker) {
		return nil
	}
	cf, err := customFields(b)
	if err != nil {
		return err
	}
	c.CustomFields = cf
	return nil
}

// customFields returns the top-level cf_* members of the JSON object b,
// which has already been checked to be valid JSON. It walks the top level
// only, skipping other values without decoding them, so that a customer
// with custom fields costs little more than one without.
func customFields(b []byte) (map[string]any, error) {
	var out map[string]any
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, nil
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return out, nil
		}
		switch b[i] {
		case '}':
			return out, nil
		case ',':
			i++
			continue
		case '"':
		default:
			return nil, errBadObject
		}
		keyStart := i
		i = skipString(b, i)
		key := b[keyStart:i]
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return nil, errBadObject
		}
		i = skipSpace(b, i+1)
		valStart := i
		i = skipValue(b, i)
		if i > len(b) {
			return nil, errBadObject
		}
		if !bytes.HasPrefix(key, cfMarker) {
			continue
		}
		var name string
		if err := json.Unmarshal(key, &name); err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(b[valStart:i], &v); err != nil {
			return nil, err
		}
		if out == nil {
			out = make(map[string]any)
		}
		out[name] = v
	}
}

var errBadObject = errors.New("customer: malformed JSON object")

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"').
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b) + 1
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return len(b) + 1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b) + 1
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// MarshalJSON encodes a customer as Chargebee does, with CustomFields as
// top-level cf_* keys. Entries whose key does not start with "cf_" are left
// out so that they cannot replace a modelled attribute.
func (c Customer) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(customerFields(c))
	if err != nil || len(c.CustomFields) == 0 {
		return b, err
	}
	extra := make(map[string]any, len(c.CustomFields))
	for k, v := range c.CustomFields {
		if strings.HasPrefix(k, "cf_") {
			extra[k] = v
		}
	}
	if len(extra) == 0 {
		return b, nil
	}
	e, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	// Join {"id":...} and {"cf_x":...} into one object.
	out := make([]byte, 0, len(b)+len(e))
	out = append(out, b[:len(b)-1]...)
	out = append(out, ',')
	out = append(out, e[1:]...)
	return out, nil
}

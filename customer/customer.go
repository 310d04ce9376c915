package customer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// customerFields is Customer without its methods, so that decoding and
// encoding through it do not recurse.
type customerFields Customer

// cfMarker is how a custom-field key starts when written without escapes.
var cfMarker = []byte(`"cf_`)

// escapeMarker starts every JSON escape that can spell c, f or _ (as
// \u0063, \u0066 and \u005f), so a key written with escapes can be a
// custom field only where it occurs.
var escapeMarker = []byte(`\u00`)

// mayHaveCustomFields reports whether the JSON text b can hold a cf_* key.
// When it returns false the walk over the members is skipped.
func mayHaveCustomFields(b []byte) bool {
	return bytes.Contains(b, cfMarker) || bytes.Contains(b, escapeMarker)
}

// UnmarshalJSON decodes a customer. Top-level cf_* keys are collected into
// CustomFields; unknown attributes are ignored and unknown enum values are
// kept as sent.
func (c *Customer) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*customerFields)(c)); err != nil {
		return err
	}
	c.CustomFields = nil
	if !mayHaveCustomFields(b) {
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
	var err error
	walked := eachMember(b, func(key, val []byte) bool {
		if !bytes.HasPrefix(key, cfMarker) && bytes.IndexByte(key, '\\') < 0 {
			return true
		}
		var name string
		if name, err = jsonString(key); err != nil {
			return false
		}
		if !strings.HasPrefix(name, "cf_") {
			return true // an escaped key that is not a custom field
		}
		var v any
		if v, err = jsonValue(val); err != nil {
			return false
		}
		if out == nil {
			out = make(map[string]any)
		}
		out[name] = v
		return true
	})
	switch {
	case err != nil:
		return nil, err
	case walked == memberMalformed:
		return nil, errBadObject
	}
	return out, nil
}

// Results of eachMember.
const (
	memberDone      = iota // every member was visited, or fn stopped the walk
	memberNotObject        // b is not a JSON object
	memberMalformed        // b is not well-formed JSON
)

// eachMember calls fn with the key (as written, with its quotes) and the
// value of each top-level member of the JSON object b, in order, until fn
// returns false. It skips values without decoding them.
func eachMember(b []byte, fn func(key, val []byte) bool) int {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return memberNotObject
	}
	for i++; ; {
		i = skipSpace(b, i)
		switch {
		case i >= len(b):
			return memberMalformed
		case b[i] == '}':
			return memberDone
		case b[i] == ',':
			i++
			continue
		case b[i] != '"':
			return memberMalformed
		}
		keyStart := i
		if i = skipString(b, i); i > len(b) {
			return memberMalformed
		}
		key := b[keyStart:i]
		if i = skipSpace(b, i); i >= len(b) || b[i] != ':' {
			return memberMalformed
		}
		valStart := skipSpace(b, i+1)
		if i = skipValue(b, valStart); i > len(b) || i == valStart {
			return memberMalformed
		}
		if !fn(key, b[valStart:i]) {
			return memberDone
		}
	}
}

var errBadObject = errors.New("customer: malformed JSON object")

// plainString reports whether the JSON string literal b (with its quotes)
// decodes to its inner bytes unchanged: no escapes, no control characters
// and only ASCII, which encoding/json would otherwise check and replace.
func plainString(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	for _, c := range b[1 : len(b)-1] {
		if c < 0x20 || c >= 0x80 || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

// jsonString decodes the JSON string literal b as encoding/json does,
// without its machinery for the common plain case.
func jsonString(b []byte) (string, error) {
	if plainString(b) {
		return string(b[1 : len(b)-1]), nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// jsonValue decodes the JSON value b into an any as encoding/json does
// (strings, float64 numbers, booleans, nil, maps and slices), handling plain
// strings, numbers and literals directly.
func jsonValue(b []byte) (any, error) {
	if len(b) > 0 {
		switch c := b[0]; {
		case c == '"':
			if plainString(b) {
				return string(b[1 : len(b)-1]), nil
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if f, err := strconv.ParseFloat(string(b), 64); err == nil {
				return f, nil
			}
		case string(b) == "true":
			return true, nil
		case string(b) == "false":
			return false, nil
		case string(b) == "null":
			return nil, nil
		}
	}
	var v any
	err := json.Unmarshal(b, &v)
	return v, err
}

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

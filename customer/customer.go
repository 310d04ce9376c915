package customer

import (
	"bytes"
	"encoding/json"
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
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return err
	}
	for k, raw := range top {
		if !strings.HasPrefix(k, "cf_") {
			continue
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		if c.CustomFields == nil {
			c.CustomFields = make(map[string]any)
		}
		c.CustomFields[k] = v
	}
	return nil
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

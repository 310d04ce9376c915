package customer

import (
	"encoding/json"
	"strings"
)

// customerFields is Customer without its methods, so that encoding
// through it does not recurse.
type customerFields Customer

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

package customer

import (
	"encoding/json"
	"strings"
)

// customerFields is Customer without its methods, to encode without recursion.
type customerFields Customer

// MarshalJSON encodes the Customer as Chargebee sends it: CustomFields as
// top-level keys, only those starting "cf_" so that none replaces an attribute.
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
	e, err := json.Marshal(extra)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	// Join {"id":...} and {"cf_x":...} into one object; b is ours to reuse.
	return append(append(b[:len(b)-1], ','), e[1:]...), nil
}

package main

import (
	"fmt"

	"github.com/billingkit/chargebee-go/internal/gen/wirekeys"
)

// add completes c, read from the catalog raw: it merges the actions and
// models of the events catalog e and the x_extra_models of both (response
// models the upstream catalog does not carry, in its models format), and
// derives the API v1 variants of the actions. A model key defined twice is
// an error.
func (c *catalog) add(raw []byte, e *catalog) error {
	v1, err := wirekeys.V1Variants(raw)
	if err != nil {
		return err
	}
	c.v1 = v1
	c.noteSources(e)
	c.Actions = append(c.Actions, e.Actions...)
	c.EventTypes = append(c.EventTypes, e.EventTypes...)
	if c.Models == nil {
		c.Models = map[string]model{}
	}
	for _, more := range []map[string]model{c.Extra.Models, e.Models, e.Extra.Models} {
		for key, m := range more {
			if _, dup := c.Models[key]; dup {
				return fmt.Errorf("model %q is defined twice", key)
			}
			c.Models[key] = m
		}
	}
	return nil
}

// eventType is an entry of events.json's event_types: an event type, the
// content keys its events carry and the API versions that send it.
type eventType struct {
	Type        string   `json:"event_type"`
	Content     []string `json:"content"`
	APIVersions []string `json:"api_versions"`
	// V1Name is the name API v1 gives the same event, when it differs.
	V1Name string `json:"v1_name"`
}

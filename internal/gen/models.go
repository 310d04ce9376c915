package main

import "fmt"

// add merges into c the actions and models of the events catalog e, and
// the x_extra_models of both: response models the upstream catalog does
// not carry, in its models format. A model key defined twice is an error.
func (c *catalog) add(e *catalog) error {
	c.Actions = append(c.Actions, e.Actions...)
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

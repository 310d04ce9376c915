package relationship

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
)

// missingKey reports a 2xx response without a key the action always
// returns. Client.Do returns it as a *chargebee.DecodeError, with no partial
// result.
func missingKey(action, key string) error {
	return fmt.Errorf("relationship: response of %s has no %q", action, key)
}

// decodeCustomer decodes a {"customer": ...} response into *dst and fails
// when the customer is missing.
func decodeCustomer(b []byte, action string, dst **customer.Customer) error {
	var raw struct {
		Customer *customer.Customer `json:"customer"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.Customer == nil {
		return missingKey(action, "customer")
	}
	*dst = raw.Customer
	return nil
}

// listPage is the response of a list action; "list" must be present.
type listPage[T any] struct {
	action string
	items  []T
	next   string
}

func (p *listPage[T]) UnmarshalJSON(b []byte) error {
	var raw struct {
		List       *[]T   `json:"list"`
		NextOffset string `json:"next_offset"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.List == nil {
		return missingKey(p.action, "list")
	}
	p.items, p.next = *raw.List, raw.NextOffset
	return nil
}

// getPage fetches one page of a list action at path.
func getPage[T any](ctx context.Context, cb *chargebee.Client, action, path string, params any, opts []chargebee.RequestOption) (*chargebee.Page[T], error) {
	out := &listPage[T]{action: action}
	if err := cb.Do(ctx, http.MethodGet, path, params, out, opts...); err != nil {
		return nil, err
	}
	return &chargebee.Page[T]{Items: out.items, NextOffset: out.next}, nil
}

package customer

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/billingkit/chargebee-go"
)

// Responses holding customers are decoded without calling
// Customer.UnmarshalJSON for each customer. encoding/json runs a custom
// UnmarshalJSON only after scanning the value to find its end, and the
// method scans it again to validate it before decoding: two extra passes
// over every customer. Instead the response is decoded once into mirror
// types that hold the customers as customerFields (the same fields without
// the method), and the cf_* keys are collected by a quick walk over the
// raw bytes with the same customFields function, so the result is the one
// Customer.UnmarshalJSON gives.
//
// The walk locates members by exact key. When encoding/json's own key
// matching could pick another member (a key that differs from the name
// only in case, an escaped or non-ASCII key, or a repeated key), the
// response is decoded the general way instead.

// customerCardFields mirrors ListEntry and the results made of a customer
// and, optionally, a card.
type customerCardFields struct {
	Customer *customerFields `json:"customer"`
	Card     *Card           `json:"card,omitempty"`
}

// decodeCustomerResult decodes the response b into *cust and, when card is
// not nil, *card. When the quick walk cannot be sure of the member
// encoding/json would pick, b is decoded the general way into general, the
// result without its methods (through Customer.UnmarshalJSON). Required
// keys are checked by the results' generated missing methods, as for every
// other result.
func decodeCustomerResult(b []byte, cust **Customer, card **Card, general any) error {
	val, found, sure := member(b, "customer")
	if !sure {
		if err := json.Unmarshal(b, general); err != nil {
			return err
		}
	} else {
		raw := customerCardFields{Customer: (*customerFields)(*cust)}
		if card != nil {
			raw.Card = *card
		}
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
		*cust = (*Customer)(raw.Customer)
		if card != nil {
			*card = raw.Card
		}
		if found && *cust != nil {
			cf, err := customFieldsOf(val)
			if err != nil {
				return err
			}
			(*cust).CustomFields = cf
		}
	}
	return nil
}

// decode decodes a customer list page into r.
func (r *listResponse) decode(b []byte) error {
	cfs, sure := listCustomFields(b)
	if !sure {
		type plain listResponse
		return json.Unmarshal(b, (*plain)(r))
	}
	var raw struct {
		List       *[]customerCardFields `json:"list"`
		NextOffset string                `json:"next_offset"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	r.NextOffset = raw.NextOffset
	if raw.List == nil {
		r.List = nil
		return nil
	}
	list := make([]ListEntry, len(*raw.List))
	for i, e := range *raw.List {
		list[i] = ListEntry{Customer: (*Customer)(e.Customer), Card: e.Card}
	}
	for _, c := range cfs {
		if c.index < len(list) && list[c.index].Customer != nil {
			list[c.index].Customer.CustomFields = c.fields
		}
	}
	r.List = &list
	return nil
}

// indexedFields are the custom fields of the customer of list entry index.
type indexedFields struct {
	index  int
	fields map[string]any
}

// listCustomFields walks a list page and returns the custom fields of the
// customers that have any. sure is false when the page must be decoded the
// general way.
func listCustomFields(b []byte) (cfs []indexedFields, sure bool) {
	list, found, sure := member(b, "list")
	if !sure {
		return nil, false
	}
	if !found || !mayHaveCustomFields(list) {
		return nil, true
	}
	sure = true
	var err error
	eachElement(list, func(i int, entry []byte) bool {
		cust, found, ok := member(entry, "customer")
		if !ok {
			sure = false
			return false
		}
		if !found {
			return true
		}
		var cf map[string]any
		if cf, err = customFieldsOf(cust); err != nil {
			sure = false // let the general decoder report it
			return false
		}
		if cf != nil {
			cfs = append(cfs, indexedFields{i, cf})
		}
		return true
	})
	return cfs, sure
}

// customFieldsOf returns the cf_* members of a customer object, as
// Customer.UnmarshalJSON collects them.
func customFieldsOf(b []byte) (map[string]any, error) {
	if !mayHaveCustomFields(b) {
		return nil, nil
	}
	return customFields(b)
}

// member returns the value of the member called name of the JSON object b.
// found is false when b has no such member (or is not an object). sure is
// false when encoding/json could match a different member than an exact
// comparison of keys does, or when b is malformed; the caller then decodes
// the general way, which also reports malformed input.
func member(b []byte, name string) (val []byte, found, sure bool) {
	sure = true
	walked := eachMember(b, func(quoted, v []byte) bool {
		key := quoted[1 : len(quoted)-1]
		switch {
		case string(key) == name && found:
			sure = false // repeated
		case string(key) == name:
			val, found = v, true
		case mayMatch(key, name):
			sure = false
		}
		return sure
	})
	switch {
	case walked == memberNotObject:
		return nil, false, true
	case walked == memberMalformed || !sure:
		return nil, false, false
	}
	return val, found, true
}

// mayMatch reports whether encoding/json might match key, as written in the
// JSON text, to a field named name although the two differ: it compares
// names without regard to case (including some non-ASCII letters) and
// unescapes keys.
func mayMatch(key []byte, name string) bool {
	for _, c := range key {
		if c == '\\' || c >= 0x80 {
			return true
		}
	}
	return bytes.EqualFold(key, []byte(name))
}

// eachElement calls fn with the index and bytes of each element of the JSON
// array b until fn returns false. It stops at the first malformed element.
func eachElement(b []byte, fn func(i int, elem []byte) bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return
	}
	i++
	for n := 0; ; {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == ']' {
			return
		}
		if b[i] == ',' {
			i++
			continue
		}
		start := i
		i = skipValue(b, i)
		if i > len(b) || i == start {
			return
		}
		if !fn(n, b[start:i]) {
			return
		}
		n++
	}
}

// missingKey reports a 2xx response without a top-level key the action
// always returns. It surfaces as a *chargebee.DecodeError from the call.
func missingKey(action, key string) error {
	return fmt.Errorf("customer: response of %s has no %q", action, key)
}

// listResponse is the body of a list call; List is a pointer so that a
// missing "list" key is told apart from an empty page.
type listResponse struct {
	List       *[]ListEntry `json:"list"`
	NextOffset string       `json:"next_offset"`
}

// UnmarshalJSON decodes a list page in one pass and fails when "list" is
// missing. The entries' required keys are checked by ListEntry.missing, as
// for every other list.
func (r *listResponse) UnmarshalJSON(b []byte) error {
	if err := r.decode(b); err != nil {
		return err
	}
	if r.List == nil {
		return missingKey("customer.list", "list")
	}
	return nil
}

// decodeListPage decodes a customer list page in one pass (see
// listResponse) and fails when "list" is missing.
func decodeListPage(b []byte) (*chargebee.Page[ListEntry], error) {
	var r listResponse
	if err := r.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return &chargebee.Page[ListEntry]{Items: *r.List, NextOffset: r.NextOffset}, nil
}

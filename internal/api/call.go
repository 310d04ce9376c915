package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/form"
)

// Action is what a service method needs to know about one catalog action.
// The generator writes one per method; Call and Page are the only code that
// reads them.
type Action struct {
	Name      string // names the action in errors, for example "contact.Add"
	Method    string // GET or POST
	Path      string // below the API base; "{id}" stands for the path id, escaped by PathID
	PathParam string // names the path id in validation errors ("customer_id")
	// Version is the API version the action needs ("" when it exists in
	// both), Alt what to use instead on a client of the other version.
	Version    chargebee.APIVersion
	Alt        string
	NilService error // returned when the service or its client is nil
	// NeedsParams is set when the action has required parameters: a nil
	// request is then refused with its validation error, even on a client
	// made WithoutValidation.
	NeedsParams bool
	// V1Keys, when set, are the wire keys API v1 accepts for an action that
	// exists in both versions but takes fewer parameters in v1 (array
	// indexes written as [N]); on a v1 client any other key, except cf_*
	// custom fields, is refused.
	V1Keys map[string]bool
	// MapErr, when set, rewrites the error of a call that reached
	// Chargebee, for answers that need a package's own error.
	MapErr func(error) error
}

// fail returns err, passed through a.MapErr when there is one.
func (a *Action) fail(err error) error {
	if a.MapErr != nil {
		return a.MapErr(err)
	}
	return err
}

// prepare checks the service's client and its API version, a request with
// required parameters and the path id, and returns the path and params.
func (a *Action) prepare(cb *chargebee.Client, id string, params any) (string, any, error) {
	if cb == nil {
		return "", nil, a.NilService
	}
	if err := RequireVersion(cb, a.Version, a.Name, a.Alt); err != nil {
		return "", nil, err
	}
	if v, ok := params.(chargebee.Validator); ok && a.NeedsParams && form.IsNil(params) {
		return "", nil, v.Validate()
	}
	params, err := a.checkV1(cb, params)
	if err != nil || a.PathParam == "" {
		return a.Path, params, err
	}
	esc, err := PathID(a.PathParam, id)
	if err != nil {
		return "", nil, err
	}
	return strings.Replace(a.Path, "{id}", esc, 1), params, nil
}

// Call performs the single-object action a on cb and decodes the response
// into a new T. missing returns a required key the response lacks, or "";
// a lacking key fails the call with a *chargebee.DecodeError.
func Call[T any](ctx context.Context, cb *chargebee.Client, a *Action, id string, params any, missing func(*T) string, opts []chargebee.RequestOption) (*T, error) {
	path, params, err := a.prepare(cb, id, params)
	if err != nil {
		return nil, err
	}
	out := &checked[T]{action: a.Name, missing: missing}
	if err := cb.Do(ctx, a.Method, path, params, out, opts...); err != nil {
		return nil, a.fail(err)
	}
	return &out.v, nil
}

// Page fetches one page of the list action a, decodes it with decode, which
// returns a nil page when the response has no "list", and checks each entry
// as Call checks a result.
func Page[T any](ctx context.Context, cb *chargebee.Client, a *Action, id string, params any, decode func([]byte) (*chargebee.Page[T], error), missing func(*T) string, opts []chargebee.RequestOption) (*chargebee.Page[T], error) {
	path, params, err := a.prepare(cb, id, params)
	if err != nil {
		return nil, err
	}
	out := &pageDecoder[T]{action: a.Name, decode: decode, missing: missing}
	if err := cb.Do(ctx, a.Method, path, params, out, opts...); err != nil {
		return nil, a.fail(err)
	}
	return out.page, nil
}

// pageDecoder hands a list response to its decode function and checks the
// entries.
type pageDecoder[T any] struct {
	action  string
	decode  func([]byte) (*chargebee.Page[T], error)
	missing func(*T) string
	page    *chargebee.Page[T]
}

// DecodeResponse decodes body into d.page.
func (d *pageDecoder[T]) DecodeResponse(body []byte) error {
	page, err := d.decode(body)
	if err != nil {
		return err
	}
	if page == nil {
		return MissingKey(d.action, "list")
	}
	if err := CheckEntries(d.action, page.Items, d.missing); err != nil {
		return err
	}
	d.page = page
	return nil
}

// CheckEntries fails, naming the key and the entry, when missing reports a
// required key that an entry of a list page lacks. A nil missing checks
// nothing.
func CheckEntries[T any](action string, items []T, missing func(*T) string) error {
	if missing == nil {
		return nil
	}
	for i := range items {
		if key := missing(&items[i]); key != "" {
			return fmt.Errorf("%s: response has no %q in list[%d]", action, key, i)
		}
	}
	return nil
}

// checked decodes a response into v and then checks its required keys.
type checked[T any] struct {
	v       T
	action  string
	missing func(*T) string
}

// DecodeResponse decodes body into c.v. A result with a decoder of its own
// (a DecodeResponse or UnmarshalJSON method) is handed the body directly,
// sparing encoding/json's scans before an UnmarshalJSON call.
func (c *checked[T]) DecodeResponse(body []byte) error {
	var err error
	switch d := any(&c.v).(type) {
	case interface{ DecodeResponse([]byte) error }:
		err = d.DecodeResponse(body)
	case json.Unmarshaler:
		err = d.UnmarshalJSON(body)
	default:
		err = json.Unmarshal(body, &c.v)
	}
	if err != nil {
		return err
	}
	if c.missing != nil {
		if key := c.missing(&c.v); key != "" {
			return MissingKey(c.action, key)
		}
	}
	return nil
}

// trailingIndex is the array index at the end of a wire key.
var trailingIndex = regexp.MustCompile(`\[[0-9]+\]$`)

// checkV1 refuses, on an API v1 client, a parameter the action does not take
// in v1. It returns what Client.Do is to send: the form it encoded for the
// check, or params when there is nothing to check or the encoding fails
// (Client.Do reports that).
func (a *Action) checkV1(cb *chargebee.Client, params any) (any, error) {
	p, ok := params.(form.Appender)
	if a.V1Keys == nil || cb.APIVersion() != chargebee.APIv1 || !ok || form.IsNil(params) {
		return params, nil
	}
	body, err := form.Bytes(p)
	if err != nil {
		return params, nil
	}
	for _, pair := range strings.Split(string(body), "&") {
		key, _, _ := strings.Cut(pair, "=")
		if key, err = url.QueryUnescape(key); err != nil || key == "" {
			continue
		}
		if strings.HasPrefix(key, "cf_") || a.V1Keys[key] || a.V1Keys[trailingIndex.ReplaceAllString(key, "[N]")] {
			continue
		}
		return nil, Invalid(key, "is not available in API v1 ("+a.Name+"); use an API v2 client")
	}
	return encoded{body: body, req: params}, nil
}

// encoded is a request encoded by checkV1, with the request's Validate.
type encoded struct {
	body []byte
	req  any
}

// AppendForm appends the encoded form to b.
func (e encoded) AppendForm(b []byte) ([]byte, error) { return append(b, e.body...), nil }

// Validate validates the request.
func (e encoded) Validate() error {
	if v, ok := e.req.(chargebee.Validator); ok {
		return v.Validate()
	}
	return nil
}

package chargebeetest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// The helpers below are for tests that use github.com/jarcoal/httpmock
// instead of the fake server. They register responders by path only, so
// they answer whatever site the client was made for, and the answers are the
// JSON Chargebee sends, so the SDK decodes them as it would real ones.

// NewMockClient returns an API v2 client whose requests go to mt, the
// pattern
//
//	chargebee.NewClient("acme-test", "test_key",
//		chargebee.WithHTTPClient(&http.Client{Transport: mt}))
//
// with short retry waits (1ms to 20ms). opts are applied after these and
// may override them, for example chargebee.WithAPIVersion(chargebee.APIv1).
// It fails the test if the options are invalid.
func NewMockClient(t testing.TB, mt *httpmock.MockTransport, opts ...chargebee.Option) *chargebee.Client {
	t.Helper()
	all := append([]chargebee.Option{
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithRetryWait(time.Millisecond, 20*time.Millisecond),
	}, opts...)
	cb, err := chargebee.NewClient("acme-test", "test_key", all...)
	if err != nil {
		t.Fatalf("chargebeetest: creating a client: %v", err)
	}
	return cb
}

// PathV2 returns the API v2 path of a resource, escaping each segment as
// the SDK escapes ids: PathV2("customers", "a/b", "contacts") is
// "/api/v2/customers/a%2Fb/contacts". Use it with RegisterJSON and
// RegisterError.
func PathV2(segments ...string) string { return apiPath("v2", segments) }

// PathV1 is PathV2 for API v1.
func PathV1(segments ...string) string { return apiPath("v1", segments) }

func apiPath(version string, segments []string) string {
	var b strings.Builder
	b.WriteString("/api/")
	b.WriteString(version)
	for _, s := range segments {
		b.WriteByte('/')
		if s == "." || s == ".." {
			b.WriteString(strings.Repeat("%2E", len(s)))
		} else {
			b.WriteString(url.PathEscape(s))
		}
	}
	return b.String()
}

// JSONResponder answers with status and v encoded as JSON.
func JSONResponder(status int, v any) httpmock.Responder {
	body, err := json.Marshal(v)
	if err != nil {
		panic("chargebeetest: JSONResponder: " + err.Error())
	}
	return func(*http.Request) (*http.Response, error) {
		return jsonResponse(status, body), nil
	}
}

func jsonResponse(status int, body []byte) *http.Response {
	r := httpmock.NewBytesResponse(status, body)
	r.Header.Set("Content-Type", "application/json;charset=utf-8")
	return r
}

// RegisterJSON registers a 200 answer of v, as JSON, for method and path
// (see PathV2), for actions without a dedicated helper:
//
//	chargebeetest.RegisterJSON(mt, "POST", chargebeetest.PathV2("customers", "c1", "add_contact"),
//		map[string]any{"customer": c})
func RegisterJSON(mt *httpmock.MockTransport, method, path string, v any) {
	mt.RegisterResponder(method, path, JSONResponder(http.StatusOK, v))
}

// ErrorResponder answers with the status of e and Chargebee's error JSON,
// including the Retry-After header when retryAfter is given (for 429 and
// 503). Build e with StatusError for the usual answer to a status.
func ErrorResponder(e APIError, retryAfter ...string) httpmock.Responder {
	if e.Status == 0 {
		e.Status = http.StatusBadRequest
	}
	body := e.body()
	return func(*http.Request) (*http.Response, error) {
		r := jsonResponse(e.Status, body)
		if len(retryAfter) > 0 && retryAfter[0] != "" {
			r.Header.Set("Retry-After", retryAfter[0])
		}
		return r, nil
	}
}

// RegisterError makes method and path (see PathV2) answer with e.
func RegisterError(mt *httpmock.MockTransport, method, path string, e APIError) {
	mt.RegisterResponder(method, path, ErrorResponder(e))
}

// RegisterCustomer makes Retrieve of c.ID answer with c
// (GET /api/v2/customers/{id}).
func RegisterCustomer(mt *httpmock.MockTransport, c customer.Customer) {
	RegisterJSON(mt, http.MethodGet, PathV2("customers", c.ID), map[string]any{"customer": c})
}

// RegisterCustomerCreate makes Create answer with c (POST /api/v2/customers),
// whatever the request carried.
func RegisterCustomerCreate(mt *httpmock.MockTransport, c customer.Customer) {
	RegisterJSON(mt, http.MethodPost, PathV2("customers"), map[string]any{"customer": c})
}

// RegisterCustomerUpdate makes Update of c.ID answer with c
// (POST /api/v2/customers/{id}).
func RegisterCustomerUpdate(mt *httpmock.MockTransport, c customer.Customer) {
	RegisterJSON(mt, http.MethodPost, PathV2("customers", c.ID), map[string]any{"customer": c})
}

// RegisterCustomerDelete makes Delete of c.ID answer with c marked deleted
// (POST /api/v2/customers/{id}/delete).
func RegisterCustomerDelete(mt *httpmock.MockTransport, c customer.Customer) {
	c.Deleted = true
	RegisterJSON(mt, http.MethodPost, PathV2("customers", c.ID, "delete"), map[string]any{"customer": c})
}

// RegisterCustomerList makes List and ListPage answer with cs
// (GET /api/v2/customers). The responder pages them by the request's
// limit (default 10) and offset, as Chargebee does; it does not apply
// filters.
func RegisterCustomerList(mt *httpmock.MockTransport, cs ...customer.Customer) {
	items := make([]any, len(cs))
	for i, c := range cs {
		items[i] = map[string]any{"customer": c}
	}
	mt.RegisterResponder(http.MethodGet, PathV2("customers"), pagedResponder(items))
}

// RegisterContactList makes the contact list of a customer answer with
// contacts, paged like RegisterCustomerList
// (GET /api/v2/customers/{id}/contacts).
func RegisterContactList(mt *httpmock.MockTransport, customerID string, contacts ...customer.Contact) {
	items := make([]any, len(contacts))
	for i, c := range contacts {
		items[i] = map[string]any{"contact": c}
	}
	mt.RegisterResponder(http.MethodGet, PathV2("customers", customerID, "contacts"), pagedResponder(items))
}

// RegisterHierarchy makes Hierarchy (and Tree) of customerID answer with hs,
// whatever hierarchy_operation_type is asked
// (GET /api/v2/customers/{id}/hierarchy).
func RegisterHierarchy(mt *httpmock.MockTransport, customerID string, hs ...relationship.Hierarchy) {
	if hs == nil {
		hs = []relationship.Hierarchy{}
	}
	RegisterJSON(mt, http.MethodGet, PathV2("customers", customerID, "hierarchy"), map[string]any{"hierarchies": hs})
}

// RegisterEntitlements makes the entitlement list of customerID answer with
// ents (GET /api/v2/customers/{id}/customer_entitlements), paged by feature
// as Chargebee pages this list: limit counts features, and a page holds
// every entitlement of its features in the order given.
func RegisterEntitlements(mt *httpmock.MockTransport, customerID string, ents ...entitlement.CustomerEntitlement) {
	var features []string
	seen := map[string]bool{}
	for _, e := range ents {
		if !seen[e.FeatureID] {
			seen[e.FeatureID] = true
			features = append(features, e.FeatureID)
		}
	}
	mt.RegisterResponder(http.MethodGet, PathV2("customers", customerID, "customer_entitlements"), func(r *http.Request) (*http.Response, error) {
		start, end, next, e := pageOf(r.URL.Query(), len(features))
		if e != nil {
			return jsonResponse(e.Status, e.body()), nil
		}
		inPage := map[string]bool{}
		for _, f := range features[start:end] {
			inPage[f] = true
		}
		list := []any{}
		for _, en := range ents {
			if inPage[en.FeatureID] {
				list = append(list, map[string]any{"customer_entitlement": en})
			}
		}
		return listResponse(list, next), nil
	})
}

// RegisterPromotionalCredit makes Retrieve of pc.ID answer with pc
// (GET /api/v2/promotional_credits/{id}).
func RegisterPromotionalCredit(mt *httpmock.MockTransport, pc credits.PromotionalCredit) {
	RegisterJSON(mt, http.MethodGet, PathV2("promotional_credits", pc.ID), map[string]any{"promotional_credit": pc})
}

// RegisterPromotionalCreditList makes the promotional credit list answer
// with pcs, paged like RegisterCustomerList (GET /api/v2/promotional_credits).
func RegisterPromotionalCreditList(mt *httpmock.MockTransport, pcs ...credits.PromotionalCredit) {
	items := make([]any, len(pcs))
	for i, pc := range pcs {
		items[i] = map[string]any{"promotional_credit": pc}
	}
	mt.RegisterResponder(http.MethodGet, PathV2("promotional_credits"), pagedResponder(items))
}

// pagedResponder answers a list request with the page of items its limit
// and offset select.
func pagedResponder(items []any) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		start, end, next, e := pageOf(r.URL.Query(), len(items))
		if e != nil {
			return jsonResponse(e.Status, e.body()), nil
		}
		return listResponse(append([]any{}, items[start:end]...), next), nil
	}
}

func pageOf(q url.Values, n int) (start, end int, next string, e *APIError) {
	limit := 10
	if l := q.Get("limit"); l != "" {
		v, err := strconv.Atoi(l)
		if err != nil || v < 1 || v > 100 {
			return 0, 0, "", paramError("limit", "must be between 1 and 100")
		}
		limit = v
	}
	return window(limit, q.Get("offset"), n)
}

func listResponse(list []any, next string) *http.Response {
	body, _ := json.Marshal(listAnswer(list, next))
	return jsonResponse(http.StatusOK, body)
}

package entitlement_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// seedServer serves the two pages of the seed walk: the first page for a
// request without offset, the second for offset=2.
func seedServer(t *testing.T) testutil.Handler {
	page1, page2 := testutil.Fixture(t, "seed_page1.json"), testutil.Fixture(t, "seed_page2.json")
	return func(req *http.Request) (int, string) {
		switch req.URL.Query().Get("offset") {
		case "":
			return 200, page1
		case "2":
			return 200, page2
		}
		return 400, `{"message":"bad offset","type":"invalid_request","api_error_code":"param_wrong_value","param":"offset"}`
	}
}

func ent(sub, feature, value, name string) entitlement.CustomerEntitlement {
	return entitlement.CustomerEntitlement{
		CustomerID: "c1", SubscriptionID: sub, FeatureID: feature, Value: value, Name: name,
		IsEnabled: true, Object: "customer_entitlement",
	}
}

// seedAll is every object of the seed walk, in server order.
var seedAll = []entitlement.CustomerEntitlement{
	ent("s1", "user-licenses", "3", "3 licences"),
	ent("s2", "xero-integration", "true", "Available"),
	ent("s2", "user-licenses", "10", "10 licences"),
	ent("s1", "support-level", "Email", "Email"),
	ent("s2", "support-level", "Chat", "Chat"),
}

// TestListSeedWalk reproduces the paging example of the Chargebee
// documentation: limit=2 counts features, the first page carries 3 objects
// for 2 features, next_offset "2" is passed back and the second page
// carries the last 2 objects for the remaining feature.
func TestListSeedWalk(t *testing.T) {
	t.Parallel()
	cb, mt, rec := testutil.NewClient(t, seedServer(t))
	svc := entitlement.NewService(cb)
	req := entitlement.NewListRequest().SetLimit(2)

	var got []entitlement.CustomerEntitlement
	for e, err := range svc.List(context.Background(), "c1", req) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *e.CustomerEntitlement)
	}
	if !reflect.DeepEqual(got, seedAll) {
		t.Errorf("entries:\n got %+v\nwant %+v", got, seedAll)
	}
	calls := rec.Requests()
	want := []testutil.Sent{
		{Method: "GET", Path: "/api/v2/customers/c1/customer_entitlements", Query: url.Values{"limit": {"2"}}},
		{Method: "GET", Path: "/api/v2/customers/c1/customer_entitlements", Query: url.Values{"limit": {"2"}, "offset": {"2"}}},
	}
	if len(calls) != len(want) {
		t.Fatalf("got %d calls, want %d", len(calls), len(want))
	}
	for i := range want {
		if calls[i].Method != want[i].Method || calls[i].Path != want[i].Path || !reflect.DeepEqual(calls[i].Query, want[i].Query) {
			t.Errorf("call %d: got %s %s %v, want %s %s %v", i, calls[i].Method, calls[i].Path, calls[i].Query, want[i].Method, want[i].Path, want[i].Query)
		}
	}
	if mt.GetTotalCallCount() != 2 {
		t.Errorf("transport saw %d calls, want 2", mt.GetTotalCallCount())
	}
	if req.Offset != nil || *req.Limit != 2 {
		t.Errorf("List modified the caller's request: %+v", req)
	}
}

// TestListPageSeed checks each page of the walk through ListPage: 3 objects
// for limit 2 with next_offset, then 2 objects and no next_offset.
func TestListPageSeed(t *testing.T) {
	t.Parallel()
	cb, _, _ := testutil.NewClient(t, seedServer(t))
	svc := entitlement.NewService(cb)
	ctx := context.Background()

	p1, err := svc.ListPage(ctx, "c1", entitlement.NewListRequest().SetLimit(2))
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Items) != 3 || p1.NextOffset != "2" {
		t.Fatalf("page 1: %d items, next_offset %q; want 3, \"2\"", len(p1.Items), p1.NextOffset)
	}
	p2, err := svc.ListPage(ctx, "c1", entitlement.NewListRequest().SetLimit(2).SetOffset(p1.NextOffset))
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Items) != 2 || p2.NextOffset != "" {
		t.Fatalf("page 2: %d items, next_offset %q; want 2, \"\"", len(p2.Items), p2.NextOffset)
	}
	var got []entitlement.CustomerEntitlement
	for _, e := range append(p1.Items, p2.Items...) {
		got = append(got, *e.CustomerEntitlement)
	}
	if !reflect.DeepEqual(got, seedAll) {
		t.Errorf("entries:\n got %+v\nwant %+v", got, seedAll)
	}
}

func TestListPageWire(t *testing.T) {
	t.Parallel()
	empty := `{"list":[]}`
	tests := []struct {
		name       string
		customerID string
		req        *entitlement.ListRequest
		opts       []chargebee.RequestOption
		path       string
		query      url.Values
		header     map[string]string
	}{
		{
			name: "nil request", customerID: "c1", req: nil,
			path: "/api/v2/customers/c1/customer_entitlements", query: url.Values{},
		},
		{
			name: "empty request", customerID: "c1", req: entitlement.NewListRequest(),
			path: "/api/v2/customers/c1/customer_entitlements", query: url.Values{},
		},
		{
			name: "every parameter", customerID: "c1",
			req:  entitlement.NewListRequest().SetLimit(100).SetOffset("feat_5").SetConsolidateEntitlements(true),
			path: "/api/v2/customers/c1/customer_entitlements",
			query: url.Values{
				"limit":                    {"100"},
				"offset":                   {"feat_5"},
				"consolidate_entitlements": {"true"},
			},
		},
		{
			name: "explicit false and smallest limit", customerID: "c1",
			req:   entitlement.NewListRequest().SetLimit(1).SetConsolidateEntitlements(false),
			path:  "/api/v2/customers/c1/customer_entitlements",
			query: url.Values{"limit": {"1"}, "consolidate_entitlements": {"false"}},
		},
		{
			name: "id escaped as one segment", customerID: "a/b c?d%e",
			path: "/api/v2/customers/a%2Fb%20c%3Fd%25e/customer_entitlements", query: url.Values{},
		},
		{
			name: "headers", customerID: "c1",
			opts: []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_1"), chargebee.WithOriginIP("10.0.0.1")},
			path: "/api/v2/customers/c1/customer_entitlements", query: url.Values{},
			header: map[string]string{"Chargebee-Business-Entity-Id": "be_1", "Chargebee-Request-Origin-Ip": "10.0.0.1"},
		},
		{
			name: "consolidated option", customerID: "c1",
			opts:  []chargebee.RequestOption{entitlement.Consolidated()},
			path:  "/api/v2/customers/c1/customer_entitlements",
			query: url.Values{"consolidate_entitlements": {"true"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, _, rec := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, empty })
			page, err := entitlement.NewService(cb).ListPage(context.Background(), tt.customerID, tt.req, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if page.Items == nil || len(page.Items) != 0 || page.NextOffset != "" {
				t.Errorf("page = %+v, want empty", page)
			}
			calls := rec.Requests()
			if len(calls) != 1 {
				t.Fatalf("%d calls", len(calls))
			}
			c := calls[0]
			if c.Method != "GET" || c.Path != tt.path {
				t.Errorf("got %s %s, want GET %s", c.Method, c.Path, tt.path)
			}
			if !reflect.DeepEqual(c.Query, tt.query) {
				t.Errorf("query %v, want %v", c.Query, tt.query)
			}
			if got := c.Header.Get("Accept"); got != "application/json" {
				t.Errorf("Accept %q", got)
			}
			if got := c.Header.Get("Authorization"); got != "Basic dGVzdF9rZXk6" {
				t.Errorf("Authorization %q", got)
			}
			if got := c.Header.Get("chargebee-idempotency-key"); got != "" {
				t.Errorf("GET sent an idempotency key %q", got)
			}
			for k, v := range tt.header {
				if got := c.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestValidationSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		customerID string
		req        *entitlement.ListRequest
		param      string
	}{
		{"limit 0", "c1", entitlement.NewListRequest().SetLimit(0), "limit"},
		{"limit 101", "c1", entitlement.NewListRequest().SetLimit(101), "limit"},
		{"negative limit", "c1", entitlement.NewListRequest().SetLimit(-1), "limit"},
		{"offset too long", "c1", entitlement.NewListRequest().SetOffset(strings.Repeat("x", 1001)), "offset"},
		{"empty customer id", "", nil, "customer_id"},
		{"control character in id", "c\n1", nil, "customer_id"},
		{"dot-dot id", "..", nil, "customer_id"},
		{"id with a dot-dot segment", "a/../b", nil, "customer_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, `{"list":[]}` })
			svc := entitlement.NewService(cb)
			check := func(what string, err error) {
				t.Helper()
				var ve *chargebee.ValidationError
				if !errors.As(err, &ve) || ve.Param != tt.param {
					t.Errorf("%s: err = %v, want *chargebee.ValidationError for %s", what, err, tt.param)
				}
			}
			_, err := svc.ListPage(context.Background(), tt.customerID, tt.req)
			check("ListPage", err)
			n := 0
			for _, err := range svc.List(context.Background(), tt.customerID, tt.req) {
				n++
				check("List", err)
			}
			if n != 1 {
				t.Errorf("List yielded %d times, want 1", n)
			}
			if mt.GetTotalCallCount() != 0 {
				t.Errorf("sent %d requests, want 0", mt.GetTotalCallCount())
			}
		})
	}
	// Boundaries are accepted.
	for _, limit := range []int32{1, 100} {
		if err := entitlement.NewListRequest().SetLimit(limit).SetOffset(strings.Repeat("x", 1000)).Validate(); err != nil {
			t.Errorf("limit %d: %v", limit, err)
		}
	}
	var nilReq *entitlement.ListRequest
	if err := nilReq.Validate(); err != nil {
		t.Errorf("nil request: %v", err)
	}
}

func TestV1ClientFailsFast(t *testing.T) {
	t.Parallel()
	cb, mt, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, `{"list":[]}` },
		chargebee.WithAPIVersion(chargebee.APIv1))
	svc := entitlement.NewService(cb)
	ctx := context.Background()

	_, err := svc.ListPage(ctx, "c1", nil)
	if !errors.Is(err, chargebee.ErrAPIVersion) || !strings.Contains(err.Error(), "v2") {
		t.Errorf("ListPage: %v, want ErrAPIVersion naming v2", err)
	}
	for _, err := range svc.List(ctx, "c1", nil) {
		if !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Errorf("List: %v", err)
		}
	}
	if _, err := svc.Load(ctx, "c1"); !errors.Is(err, chargebee.ErrAPIVersion) {
		t.Errorf("Load: %v", err)
	}
	if mt.GetTotalCallCount() != 0 {
		t.Errorf("sent %d requests, want 0", mt.GetTotalCallCount())
	}
}

func TestNotEnabled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		status     int
		body       string
		notEnabled bool
		is         error // another sentinel the error must match
	}{
		{
			name:       "operation not enabled message",
			status:     400,
			body:       `{"message":"This API operation is not enabled for this site. Please contact support@chargebee.com to get this enabled","type":"invalid_request","api_error_code":"invalid_request"}`,
			notEnabled: true, is: chargebee.ErrInvalidRequest,
		},
		{
			name:       "error code only",
			status:     403,
			body:       `{"message":"Forbidden","api_error_code":"feature_not_enabled"}`,
			notEnabled: true, is: chargebee.ErrUnauthorized,
		},
		{
			name:       "plain-text answer",
			status:     403,
			body:       "This API operation is not enabled for this site.",
			notEnabled: true, is: chargebee.ErrUnauthorized,
		},
		{
			name:       "unknown customer",
			status:     404,
			body:       `{"message":"Customer not found","type":"invalid_request","api_error_code":"resource_not_found","param":"customer_id"}`,
			notEnabled: false, is: chargebee.ErrNotFound,
		},
		{
			name:       "server error mentioning enabled",
			status:     500,
			body:       `{"message":"cache not enabled","api_error_code":"internal_error"}`,
			notEnabled: false,
		},
		{
			name:       "other bad request",
			status:     400,
			body:       `{"message":"limit : cannot be more than 100","type":"invalid_request","api_error_code":"param_wrong_value","param":"limit"}`,
			notEnabled: false, is: chargebee.ErrInvalidRequest,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, _, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return tt.status, tt.body })
			svc := entitlement.NewService(cb)
			ctx := context.Background()
			_, pageErr := svc.ListPage(ctx, "c1", nil)
			var listErr error
			for _, err := range svc.List(ctx, "c1", nil) {
				listErr = err
			}
			_, loadErr := svc.Load(ctx, "c1")
			for what, err := range map[string]error{"ListPage": pageErr, "List": listErr, "Load": loadErr} {
				if got := errors.Is(err, entitlement.ErrNotEnabled); got != tt.notEnabled {
					t.Errorf("%s: errors.Is(ErrNotEnabled) = %v, want %v (%v)", what, got, tt.notEnabled, err)
				}
				var ce *chargebee.Error
				if !errors.As(err, &ce) || ce.HTTPStatusCode != tt.status {
					t.Errorf("%s: errors.As *chargebee.Error failed or wrong status: %v", what, err)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("%s: %v does not match %v", what, err, tt.is)
				}
				if tt.notEnabled && !strings.Contains(err.Error(), "not enabled on this Chargebee site") {
					t.Errorf("%s: message does not say so plainly: %v", what, err)
				}
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no list":                   `{"next_offset":"2"}`,
		"null list":                 `{"list":null}`,
		"entry without entitlement": `{"list":[{"customer_entitlement":{"customer_id":"c1","is_enabled":true}},{}]}`,
		"empty body":                ``,
		"html":                      `<html>maintenance</html>`,
		"wrong type":                `{"list":{"a":1}}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cb, _, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, body })
			page, err := entitlement.NewService(cb).ListPage(context.Background(), "c1", nil)
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || page != nil {
				t.Fatalf("got %v, %v; want *chargebee.DecodeError and no page", page, err)
			}
			if de.StatusCode != 200 || de.Path != "/api/v2/customers/c1/customer_entitlements" {
				t.Errorf("DecodeError %+v", de)
			}
		})
	}
}

func TestDecodeUnknownFields(t *testing.T) {
	t.Parallel()
	body := `{"list":[{"customer_entitlement":{"customer_id":"c1","feature_id":"f","value":"5","is_enabled":false,"new_attr":{"x":1}},"extra":true}],"next_offset":"n1","more":1}`
	cb, _, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, body })
	page, err := entitlement.NewService(cb).ListPage(context.Background(), "c1", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := entitlement.CustomerEntitlement{CustomerID: "c1", FeatureID: "f", Value: "5"}
	if len(page.Items) != 1 || *page.Items[0].CustomerEntitlement != want || page.NextOffset != "n1" {
		t.Errorf("page = %+v", page)
	}
}

func TestListLazyAndBreak(t *testing.T) {
	t.Parallel()
	cb, mt, _ := testutil.NewClient(t, seedServer(t))
	svc := entitlement.NewService(cb)
	seq := svc.List(context.Background(), "c1", entitlement.NewListRequest().SetLimit(2))
	if mt.GetTotalCallCount() != 0 {
		t.Fatal("List sent a request before being ranged over")
	}
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 3 {
			break
		}
	}
	if mt.GetTotalCallCount() != 1 {
		t.Errorf("breaking after the first page's entries fetched %d pages, want 1", mt.GetTotalCallCount())
	}
}

func TestListStartsAtRequestOffset(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, seedServer(t))
	var got []string
	for e, err := range entitlement.NewService(cb).List(context.Background(), "c1", entitlement.NewListRequest().SetOffset("2")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.CustomerEntitlement.SubscriptionID)
	}
	if !reflect.DeepEqual(got, []string{"s1", "s2"}) {
		t.Errorf("got %v", got)
	}
	if calls := rec.Requests(); len(calls) != 1 || !reflect.DeepEqual(calls[0].Query, url.Values{"offset": {"2"}}) {
		t.Errorf("calls %+v", calls)
	}
}

func TestListRepeatedOffset(t *testing.T) {
	t.Parallel()
	body := `{"list":[{"customer_entitlement":{"customer_id":"c1","feature_id":"f","is_enabled":true}}],"next_offset":"same"}`
	cb, mt, _ := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, body })
	_, err := entitlement.NewService(cb).Load(context.Background(), "c1")
	if !errors.Is(err, chargebee.ErrRepeatedOffset) {
		t.Errorf("err = %v, want ErrRepeatedOffset", err)
	}
	if mt.GetTotalCallCount() != 2 {
		t.Errorf("%d calls, want 2", mt.GetTotalCallCount())
	}
}

func TestNilService(t *testing.T) {
	t.Parallel()
	for _, svc := range []*entitlement.Service{nil, entitlement.NewService(nil)} {
		if _, err := svc.Load(context.Background(), "c1"); !errors.Is(err, chargebee.ErrNilService) && !errors.Is(err, chargebee.ErrNilClient) {
			t.Errorf("Load: %v", err)
		}
		if _, err := svc.ListPage(context.Background(), "c1", nil); err == nil {
			t.Error("ListPage: no error")
		}
	}
}

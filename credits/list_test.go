package credits_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const nextOffset = `["1700000600000","230000000123"]`

func listServer(t *testing.T) testutil.Handler {
	page1, page2 := testutil.Fixture(t, "list_page1.json"), testutil.Fixture(t, "list_page2.json")
	return func(req *http.Request) (int, string) {
		switch req.URL.Query().Get("offset") {
		case "":
			return 200, page1
		case nextOffset:
			return 200, page2
		}
		return 400, `{"message":"bad offset","api_error_code":"param_wrong_value","param":"offset"}`
	}
}

func TestListWire(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		req   *credits.ListRequest
		query url.Values
	}{
		{"nil request", nil, url.Values{}},
		{"empty request", credits.NewListRequest(), url.Values{}},
		{
			name: "every parameter and operator",
			req: credits.NewListRequest().
				SetLimit(100).
				SetOffset("off_1").
				SetID(chargebee.StringFilter{Is: "pc_1", IsNot: "pc_2", StartsWith: "pc_"}).
				SetCreatedAt(chargebee.TimestampFilter{After: 1700000000, Before: 1710000000, On: 1705000000, Between: [2]chargebee.Timestamp{1600000000, 1700000000}}).
				SetType(chargebee.EnumFilter{Is: string(credits.TypeIncrement), IsNot: string(credits.TypeDecrement),
					In: []string{"increment", "decrement"}, NotIn: []string{"decrement"}}).
				SetCustomerID(chargebee.StringFilter{Is: "cust_1", IsNot: "cust_2", StartsWith: "cust_"}),
			query: url.Values{
				"limit":                    {"100"},
				"offset":                   {"off_1"},
				"id[is]":                   {"pc_1"},
				"id[is_not]":               {"pc_2"},
				"id[starts_with]":          {"pc_"},
				"created_at[after]":        {"1700000000"},
				"created_at[before]":       {"1710000000"},
				"created_at[on]":           {"1705000000"},
				"created_at[between]":      {"[1600000000,1700000000]"},
				"type[is]":                 {"increment"},
				"type[is_not]":             {"decrement"},
				"type[in]":                 {`["increment","decrement"]`},
				"type[not_in]":             {`["decrement"]`},
				"customer_id[is]":          {"cust_1"},
				"customer_id[is_not]":      {"cust_2"},
				"customer_id[starts_with]": {"cust_"},
			},
		},
		{
			name:  "one customer's history",
			req:   credits.NewListRequest().SetLimit(1).SetCustomerID(chargebee.StringFilter{Is: "a&b=c"}),
			query: url.Values{"limit": {"1"}, "customer_id[is]": {"a&b=c"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cb, _, rec := testutil.NewClient(t, testutil.Respond(200, `{"list":[]}`))
			page, err := credits.NewService(cb).ListPage(context.Background(), tc.req, chargebee.WithOriginUser("ops@acme.com"))
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Items) != 0 || page.NextOffset != "" {
				t.Errorf("page %+v", page)
			}
			calls := rec.Requests()
			if len(calls) != 1 {
				t.Fatalf("%d calls", len(calls))
			}
			c := calls[0]
			if c.Method != "GET" || c.Path != "/api/v2/promotional_credits" || c.Body != "" {
				t.Errorf("got %s %s body %q", c.Method, c.Path, c.Body)
			}
			if !reflect.DeepEqual(c.Query, tc.query) {
				t.Errorf("query\n got %v\nwant %v", c.Query, tc.query)
			}
			if c.Header.Get("chargebee-request-origin-user") != "ops@acme.com" {
				t.Errorf("origin header missing")
			}
		})
	}
}

func TestListWalk(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, listServer(t))
	req := credits.NewListRequest().SetLimit(2).SetCustomerID(chargebee.StringFilter{Is: "cust_123"})
	seq := credits.NewService(cb).List(context.Background(), req)
	rec.NothingSent() // nothing is sent until the sequence is ranged over
	var ids []string
	for e, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.PromotionalCredit.ID)
	}
	if !reflect.DeepEqual(ids, []string{"pc_3", "pc_2", "pc_1"}) {
		t.Errorf("ids %v", ids)
	}
	calls := rec.Requests()
	want := []url.Values{
		{"limit": {"2"}, "customer_id[is]": {"cust_123"}},
		{"limit": {"2"}, "customer_id[is]": {"cust_123"}, "offset": {nextOffset}},
	}
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	for i := range want {
		if !reflect.DeepEqual(calls[i].Query, want[i]) {
			t.Errorf("call %d query %v, want %v", i, calls[i].Query, want[i])
		}
	}
	if req.Offset != nil {
		t.Error("List modified the caller's request")
	}
}

func TestListDecode(t *testing.T) {
	t.Parallel()
	cb, _, _ := testutil.NewClient(t, listServer(t))
	page, err := credits.NewService(cb).ListPage(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := credits.PromotionalCredit{
		ID: "pc_2", CustomerID: "cust_123", Type: credits.TypeDecrement, Amount: 200, CurrencyCode: "USD",
		Description: "Correction", CreditType: credits.CreditTypeGeneral, ClosingBalance: 1300,
		CreatedAt: 1700000600, Object: "promotional_credit",
	}
	if len(page.Items) != 2 || *page.Items[1].PromotionalCredit != want || page.NextOffset != nextOffset {
		t.Errorf("page %+v", page)
	}

	for name, body := range map[string]string{
		"no list":                `{"next_offset":"x"}`,
		"entry without resource": `{"list":[{"promotional_credit":{"id":"a"}},{"customer":{}}]}`,
		"list not array":         `{"list":"x"}`,
	} {
		cb, _, _ := testutil.NewClient(t, testutil.Respond(200, body))
		page, err := credits.NewService(cb).ListPage(context.Background(), nil)
		var de *chargebee.DecodeError
		if !errors.As(err, &de) || page != nil {
			t.Errorf("%s: %v, %v", name, page, err)
		}
	}
}

func TestListValidation(t *testing.T) {
	t.Parallel()
	yes := true
	cases := []struct {
		name  string
		req   *credits.ListRequest
		param string
	}{
		{"limit 0", credits.NewListRequest().SetLimit(0), "limit"},
		{"limit 101", credits.NewListRequest().SetLimit(101), "limit"},
		{"offset too long", credits.NewListRequest().SetOffset(strings.Repeat("o", 1001)), "offset"},
		{"id in", credits.NewListRequest().SetID(chargebee.StringFilter{In: []string{"a"}}), "id[in]"},
		{"id not_in", credits.NewListRequest().SetID(chargebee.StringFilter{NotIn: []string{"a"}}), "id[not_in]"},
		{"id is_present", credits.NewListRequest().SetID(chargebee.StringFilter{IsPresent: &yes}), "id[is_present]"},
		{"customer_id in", credits.NewListRequest().SetCustomerID(chargebee.StringFilter{In: []string{}}), "customer_id[in]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, `{"list":[]}`))
			svc := credits.NewService(cb)
			_, err := svc.ListPage(context.Background(), tc.req)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Errorf("ListPage: %v, want ValidationError for %s", err, tc.param)
			}
			for _, err := range svc.List(context.Background(), tc.req) {
				if !errors.As(err, &ve) || ve.Param != tc.param {
					t.Errorf("List: %v", err)
				}
			}
			if mt.GetTotalCallCount() != 0 {
				t.Errorf("sent %d requests", mt.GetTotalCallCount())
			}
		})
	}
}

func TestRetrieve(t *testing.T) {
	t.Parallel()
	cases := []struct{ id, path string }{
		{"pc_2", "/api/v2/promotional_credits/pc_2"},
		{"a/b?c", "/api/v2/promotional_credits/a%2Fb%3Fc"},
	}
	for _, tc := range cases {
		cb, _, rec := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "retrieve.json")))
		res, err := credits.NewService(cb).Retrieve(context.Background(), tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if res.PromotionalCredit.ID != "pc_2" || res.PromotionalCredit.Type != credits.TypeDecrement || res.PromotionalCredit.ClosingBalance != 1300 {
			t.Errorf("result %+v", res.PromotionalCredit)
		}
		calls := rec.Requests()
		if len(calls) != 1 || calls[0].Method != "GET" || calls[0].Path != tc.path || len(calls[0].Query) != 0 {
			t.Errorf("%q: calls %+v", tc.id, calls)
		}
	}

	for _, id := range []string{"", "..", "a/./b", "pc\x00"} {
		cb, mt, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "retrieve.json")))
		_, err := credits.NewService(cb).Retrieve(context.Background(), id)
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != "promotional_credit_id" || mt.GetTotalCallCount() != 0 {
			t.Errorf("id %q: %v", id, err)
		}
	}

	cb, _, _ := testutil.NewClient(t, testutil.Respond(200, `{"customer":{"id":"x"}}`))
	var de *chargebee.DecodeError
	if _, err := credits.NewService(cb).Retrieve(context.Background(), "pc_2"); !errors.As(err, &de) {
		t.Errorf("missing promotional_credit: %v", err)
	}

	cb, _, _ = testutil.NewClient(t, testutil.Respond(404, `{"message":"Promotional credit not found","type":"invalid_request","api_error_code":"resource_not_found"}`))
	if _, err := credits.NewService(cb).Retrieve(context.Background(), "pc_9"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Errorf("404: %v", err)
	}
}

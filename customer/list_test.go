package customer

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/jarcoal/httpmock"
)

// pagedMock serves three pages of customers keyed by offset.
func pagedMock(t *testing.T) (*Service, *httpmock.MockTransport, *[]url.Values) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	var queries []url.Values
	pages := map[string]string{
		"":   `{"list":[{"customer":{"id":"c1"}},{"customer":{"id":"c2"},"card":{"last4":"4242"}}],"next_offset":"o2"}`,
		"o2": `{"list":[{"customer":{"id":"c3"}}],"next_offset":"o3"}`,
		"o3": `{"list":[{"customer":{"id":"c4"}}]}`,
	}
	mt.RegisterResponder(http.MethodGet, "https://acme-test.chargebee.com/api/v2/customers", func(req *http.Request) (*http.Response, error) {
		q := req.URL.Query()
		queries = append(queries, q)
		body, ok := pages[q.Get("offset")]
		if !ok {
			return httpmock.NewStringResponse(400, `{"message":"bad offset","type":"invalid_request","param":"offset"}`), nil
		}
		return httpmock.NewStringResponse(200, body), nil
	})
	cb, err := chargebee.NewClient("acme-test", "k", chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return NewService(cb), mt, &queries
}

func TestListPagesLazily(t *testing.T) {
	t.Parallel()
	s, mt, queries := pagedMock(t)
	req := NewListRequest().SetLimit(2).SetEmail(chargebee.StringFilter{Is: "a@b.c"})
	before := *req
	seq := s.List(context.Background(), req)
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Fatalf("%d requests before ranging", n)
	}
	var ids []string
	for entry, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, entry.Customer.ID)
		if entry.Customer.ID == "c2" && (entry.Card == nil || entry.Card.Last4 != "4242") {
			t.Errorf("c2 card = %+v", entry.Card)
		}
	}
	if !reflect.DeepEqual(ids, []string{"c1", "c2", "c3", "c4"}) {
		t.Errorf("ids = %v", ids)
	}
	want := []url.Values{
		{"limit": {"2"}, "email[is]": {"a@b.c"}},
		{"limit": {"2"}, "email[is]": {"a@b.c"}, "offset": {"o2"}},
		{"limit": {"2"}, "email[is]": {"a@b.c"}, "offset": {"o3"}},
	}
	if !reflect.DeepEqual(*queries, want) {
		t.Errorf("queries = %v\nwant %v", *queries, want)
	}
	if req.Offset != nil || !reflect.DeepEqual(*req, before) {
		t.Errorf("request modified: %+v", req)
	}
}

func TestListStopsEarly(t *testing.T) {
	t.Parallel()
	s, mt, _ := pagedMock(t)
	for entry, err := range s.List(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if entry.Customer.ID == "c1" {
			break
		}
	}
	if n := mt.GetTotalCallCount(); n != 1 {
		t.Errorf("%d requests after break on the first page, want 1", n)
	}
}

func TestListStartsAtGivenOffsetAndYieldsErrorOnce(t *testing.T) {
	t.Parallel()
	s, _, queries := pagedMock(t)
	var ids []string
	for entry, err := range s.List(context.Background(), NewListRequest().SetOffset("o3")) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, entry.Customer.ID)
	}
	if !reflect.DeepEqual(ids, []string{"c4"}) || (*queries)[0].Get("offset") != "o3" {
		t.Errorf("ids = %v, queries = %v", ids, *queries)
	}

	errs := 0
	for entry, err := range s.List(context.Background(), NewListRequest().SetOffset("unknown")) {
		if err == nil || entry != nil {
			t.Fatalf("entry %v, err %v", entry, err)
		}
		var ce *chargebee.Error
		if !errors.As(err, &ce) || ce.Param != "offset" {
			t.Errorf("err = %v", err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}

func TestListRepeatedOffset(t *testing.T) {
	t.Parallel()
	s, _, _ := newMock(t, 200, `{"list":[{"customer":{"id":"c1"}}],"next_offset":"same"}`)
	n := 0
	var last error
	for _, err := range s.List(context.Background(), nil) {
		n++
		last = err
		if n > 10 {
			t.Fatal("iteration does not stop")
		}
	}
	if !errors.Is(last, chargebee.ErrRepeatedOffset) {
		t.Errorf("last error = %v", last)
	}
}

func TestAdminConsoleURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		site, id, want string
		wantErr        bool
	}{
		{"acme", "cus_1", "https://acme.chargebee.com/admin-console/customers/cus_1", false},
		{"acme-test", "a/b?c", "https://acme-test.chargebee.com/admin-console/customers/a%2Fb%3Fc", false},
		{"acme-test", "..", "", true},
		{"Acme", "c", "", true},
		{"acme.evil.com/", "c", "", true},
		{"acme", "", "", true},
	}
	for _, tt := range tests {
		got, err := AdminConsoleURL(tt.site, tt.id)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("AdminConsoleURL(%q, %q) = %q, %v; want %q", tt.site, tt.id, got, err, tt.want)
		}
	}
	s, _, _ := newMock(t, 200, customerBody)
	if got, err := s.AdminConsoleURL("cus 1"); err != nil || got != "https://acme-test.chargebee.com/admin-console/customers/cus%201" {
		t.Errorf("Service.AdminConsoleURL = %q, %v", got, err)
	}
}

// TestIdempotencyKey checks that a POST carries the caller's idempotency key
// and the event headers.
func TestIdempotencyKeyAndHeaders(t *testing.T) {
	t.Parallel()
	s, _, rec := newMock(t, 200, customerBody)
	_, err := s.Update(context.Background(), "c", NewUpdateRequest().SetFirstName("x"),
		chargebee.WithIdempotencyKey("upd-1"), chargebee.WithEventEmailsDisabled())
	if err != nil {
		t.Fatal(err)
	}
	h := rec.Last().Header
	if h.Get("chargebee-idempotency-key") != "upd-1" || h.Get("chargebee-event-email") != "all-disabled" {
		t.Errorf("headers = %v", h)
	}
}

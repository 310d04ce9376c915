package chargebee

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
)

// TestOptionsAppliedOnce checks that Do runs each request option once per
// call, whatever the retries.
func TestOptionsAppliedOnce(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("POST", "https://acme-test.chargebee.com/api/v2/customers", httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(503, `{}`), httpmock.NewStringResponse(200, `{}`),
	}))
	cb, err := NewClient("acme-test", "test_key", WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	counted := RequestOption(func(rc *requestConfig) { n++; withHeader("X-Test", "1")(rc) })
	var resp Response
	if err := cb.Do(context.Background(), "POST", "/customers", nil, nil, counted, WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	if n != 1 || resp.Attempts != 2 {
		t.Errorf("option applied %d times over %d attempts, want once", n, resp.Attempts)
	}
}

// TestBusinessEntityParamMatchesHeader checks the rule Do applies to every
// call: a business_entity_id parameter must name the entity of the
// chargebee-business-entity-id header sent, if any.
func TestBusinessEntityParamMatchesHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		method string
		client []Option
		params url.Values
		opts   []RequestOption
		ok     bool
	}{
		{"no header", "POST", nil, url.Values{"business_entity_id": {"be_1"}}, nil, true},
		{"equal to the request header", "POST", nil, url.Values{"business_entity_id": {"be_1"}}, []RequestOption{WithBusinessEntityID("be_1")}, true},
		{"equal to the client header", "POST", []Option{WithBusinessEntity("be_1")}, url.Values{"business_entity_id": {"be_1"}}, nil, true},
		{"other key", "POST", []Option{WithBusinessEntity("be_1")}, url.Values{"parent_business_entity_id": {"be_2"}}, nil, true},
		{"differs from the client header", "POST", []Option{WithBusinessEntity("be_1")}, url.Values{"business_entity_id": {"be_2"}}, nil, false},
		{"differs from the request header", "POST", []Option{WithBusinessEntity("be_2")}, url.Values{"business_entity_id": {"be_2"}}, []RequestOption{WithBusinessEntityID("be_1")}, false},
		{"differs, in a query", "GET", []Option{WithBusinessEntity("be_1")}, url.Values{"business_entity_id": {"be_2"}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			mt.RegisterNoResponder(httpmock.NewStringResponder(200, `{}`))
			cb, err := NewClient("acme-test", "test_key", append(tt.client, WithHTTPClient(&http.Client{Transport: mt}))...)
			if err != nil {
				t.Fatal(err)
			}
			err = cb.Do(context.Background(), tt.method, "/customers", tt.params, nil, tt.opts...)
			var ve *ValidationError
			switch {
			case tt.ok && err != nil:
				t.Errorf("err = %v, want the call sent", err)
			case !tt.ok && (!errors.As(err, &ve) || ve.Param != "business_entity_id"):
				t.Errorf("err = %v, want a ValidationError for business_entity_id", err)
			}
			if want := map[bool]int{true: 1, false: 0}[tt.ok]; mt.GetTotalCallCount() != want {
				t.Errorf("%d calls sent, want %d", mt.GetTotalCallCount(), want)
			}
		})
	}
}

package chargebee_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

var sentinels = []error{
	chargebee.ErrNotFound, chargebee.ErrUnauthorized, chargebee.ErrRateLimited,
	chargebee.ErrInvalidRequest, chargebee.ErrPayment, chargebee.ErrOperationFailed,
	chargebee.ErrAPIVersion,
}

func TestErrorResponses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   chargebee.Error
		is     []error // sentinels that must match; all others must not
	}{
		{
			name: "404 resource_not_found", status: 404, body: notFoundJSON(),
			want: chargebee.Error{
				HTTPStatusCode: 404, Message: "Sorry, we couldn't find that resource", Type: "invalid_request",
				APIErrorCode: "resource_not_found", Param: "customer_id", ErrorCode: "resource_not_found",
			},
			is: []error{chargebee.ErrNotFound, chargebee.ErrInvalidRequest},
		},
		{
			name: "400 param error", status: 400,
			body: `{"message":"email : invalid email","type":"invalid_request","api_error_code":"param_wrong_value","param":"email","error_code":"param_wrong_value","http_status_code":400}`,
			want: chargebee.Error{HTTPStatusCode: 400, Message: "email : invalid email", Type: "invalid_request", APIErrorCode: "param_wrong_value", Param: "email", ErrorCode: "param_wrong_value"},
			is:   []error{chargebee.ErrInvalidRequest},
		},
		{
			name: "400 without type", status: 400, body: `{"message":"bad"}`,
			want: chargebee.Error{HTTPStatusCode: 400, Message: "bad"},
			is:   []error{chargebee.ErrInvalidRequest},
		},
		{
			name: "401", status: 401,
			body: `{"message":"Sorry, authentication failed. Invalid api key","api_error_code":"api_authentication_failed","error_code":"api_authentication_invalid_key","http_status_code":401}`,
			want: chargebee.Error{HTTPStatusCode: 401, Message: "Sorry, authentication failed. Invalid api key", APIErrorCode: "api_authentication_failed", ErrorCode: "api_authentication_invalid_key"},
			is:   []error{chargebee.ErrUnauthorized},
		},
		{
			name: "403", status: 403, body: `{"message":"no access","api_error_code":"api_authorization_failed"}`,
			want: chargebee.Error{HTTPStatusCode: 403, Message: "no access", APIErrorCode: "api_authorization_failed"},
			is:   []error{chargebee.ErrUnauthorized},
		},
		{
			name: "402 payment", status: 402,
			body: `{"message":"card declined","type":"payment","api_error_code":"payment_processing_failed","error_cause_id":"gateway.card_declined"}`,
			want: chargebee.Error{HTTPStatusCode: 402, Message: "card declined", Type: "payment", APIErrorCode: "payment_processing_failed", ErrorCauseID: "gateway.card_declined"},
			is:   []error{chargebee.ErrPayment},
		},
		{
			name: "409 operation failed", status: 409,
			body: `{"message":"state conflict","type":"operation_failed","api_error_code":"invalid_state_for_request"}`,
			want: chargebee.Error{HTTPStatusCode: 409, Message: "state conflict", Type: "operation_failed", APIErrorCode: "invalid_state_for_request"},
			is:   []error{chargebee.ErrOperationFailed},
		},
		{
			name: "429 rate limited", status: 429, body: `{"message":"too many","api_error_code":"api_request_limit_exceeded"}`,
			want: chargebee.Error{HTTPStatusCode: 429, Message: "too many", APIErrorCode: "api_request_limit_exceeded"},
			is:   []error{chargebee.ErrRateLimited},
		},
		{
			name: "501", status: 501, body: `{"message":"not implemented"}`,
			want: chargebee.Error{HTTPStatusCode: 501, Message: "not implemented"},
		},
		{
			name: "non-JSON body keeps the real status", status: 502, body: "<html><body>Bad\r\ngateway</body></html>",
			want: chargebee.Error{HTTPStatusCode: 502, Message: "<html><body>Bad  gateway</body></html>"},
		},
		{
			name: "empty body keeps the real status", status: 500, body: "",
			want: chargebee.Error{HTTPStatusCode: 500, Message: "Internal Server Error"},
		},
		{
			name: "empty JSON object", status: 404, body: `{}`,
			want: chargebee.Error{HTTPStatusCode: 404, Message: "Not Found"},
			is:   []error{chargebee.ErrNotFound},
		},
		{
			name: "fields of unexpected types are skipped", status: 400,
			body: `{"message":"m","type":7,"param":null,"api_error_code":"c","http_status_code":"400"}`,
			want: chargebee.Error{HTTPStatusCode: 400, Message: "m", APIErrorCode: "c"},
			is:   []error{chargebee.ErrInvalidRequest},
		},
		{
			name: "legacy fields only", status: 400, body: `{"error_msg":"old message","error_param":"old_param"}`,
			want: chargebee.Error{HTTPStatusCode: 400, Message: "old message", Param: "old_param"},
			is:   []error{chargebee.ErrInvalidRequest},
		},
		{
			name: "JSON array body", status: 500, body: `["x"]`,
			want: chargebee.Error{HTTPStatusCode: 500, Message: `["x"]`},
		},
		{
			name: "body reporting another status", status: 503, body: `{"message":"m","http_status_code":200}`,
			want: chargebee.Error{HTTPStatusCode: 503, Message: "m"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := newMockClient(t, []reply{{status: tt.status, body: tt.body, header: map[string]string{"X-Request-Id": "req-1"}}},
				chargebee.WithMaxRetries(0))
			err := cb.Do(context.Background(), "GET", "/customers/x", nil, &customerResult{})
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *chargebee.Error", err)
			}
			got := *ce
			if got.Header.Get("X-Request-Id") != "req-1" || got.Attempts != 1 {
				t.Errorf("Header %v, Attempts %d", got.Header, got.Attempts)
			}
			got.Header, got.Attempts = nil, 0
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Error\n got %+v\nwant %+v", got, tt.want)
			}
			if mt.GetTotalCallCount() != 1 {
				t.Errorf("calls = %d", mt.GetTotalCallCount())
			}
			for _, s := range sentinels {
				want := false
				for _, w := range tt.is {
					want = want || w == s
				}
				if errors.Is(err, s) != want {
					t.Errorf("errors.Is(err, %v) = %v, want %v", s, !want, want)
				}
			}
			if !strings.HasPrefix(err.Error(), "chargebee: ") || !strings.Contains(err.Error(), tt.want.Message) {
				t.Errorf("Error() = %q", err)
			}
		})
	}
}

func TestErrorSnippetIsBounded(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("é", 1000) + "\xff"
	cb, _, _ := newMockClient(t, []reply{{status: 500, body: body}}, chargebee.WithMaxRetries(0))
	err := cb.Do(context.Background(), "GET", "/customers", nil, nil)
	var ce *chargebee.Error
	if !errors.As(err, &ce) {
		t.Fatal(err)
	}
	if len(ce.Message) > 300 || !strings.HasSuffix(ce.Message, "…") || !strings.HasPrefix(ce.Message, "éé") {
		t.Errorf("Message (%d bytes) = %q", len(ce.Message), ce.Message)
	}
	if strings.Contains(ce.Message, "\xff") {
		t.Error("Message holds invalid UTF-8")
	}
}

func TestErrorFormatting(t *testing.T) {
	t.Parallel()
	e := &chargebee.Error{HTTPStatusCode: 404, APIErrorCode: "resource_not_found", Message: "gone", Param: "id", Attempts: 3, RetryAfter: time.Second}
	if got, want := e.Error(), "chargebee: 404 resource_not_found (param id) after 3 attempts: gone"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	ve := &chargebee.ValidationError{Param: "billing_address[line1]", Reason: "must be at most 150 characters"}
	if got, want := ve.Error(), "chargebee: invalid parameter billing_address[line1]: must be at most 150 characters"; got != want {
		t.Errorf("ValidationError = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		err  *chargebee.ValidationError
		want string
		is   error
	}{
		{&chargebee.ValidationError{Reason: "zero chargebee.Client; create it with chargebee.NewClient", Err: chargebee.ErrNilClient},
			"chargebee: no client: zero chargebee.Client; create it with chargebee.NewClient", chargebee.ErrNilClient},
		{&chargebee.ValidationError{Err: chargebee.ErrNilContext}, "chargebee: nil context", chargebee.ErrNilContext},
		{&chargebee.ValidationError{Param: "next", Reason: "nests too deep", Err: chargebee.ErrParams},
			"chargebee: invalid parameter next: nests too deep", chargebee.ErrParams},
		{&chargebee.ValidationError{Reason: "the fetch function returned nothing"}, "chargebee: invalid request: the fetch function returned nothing", nil},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
		if (tc.is != nil && !errors.Is(tc.err, tc.is)) || errors.Unwrap(tc.err) != tc.is {
			t.Errorf("%q does not unwrap to %v", tc.err, tc.is)
		}
	}
	de := &chargebee.DecodeError{Method: "GET", Path: "/api/v2/customers", StatusCode: 200, Err: errors.New("unexpected EOF")}
	if !errors.Is(de, de.Err) || !strings.Contains(de.Error(), "GET /api/v2/customers (status 200): unexpected EOF") {
		t.Errorf("DecodeError = %q", de)
	}
}

// TestErrorHeaderIsNotResponseHeader checks that the *Error of a call and
// its WithResponse target hold their own header maps, both for a final
// error response and for a call whose context ended after one: changing
// one must not change the other.
func TestErrorHeaderIsNotResponseHeader(t *testing.T) {
	t.Parallel()
	for _, interrupted := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		mt := httpmock.NewMockTransport()
		n := 0
		mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
			if n++; n == 2 {
				cancel() // the second attempt gets no response
				return nil, req.Context().Err()
			}
			resp := httpmock.NewStringResponse(http.StatusServiceUnavailable, `{"message":"busy"}`)
			resp.Header.Set("X-Trace", "t1")
			return resp, nil
		})
		retries := 0
		if interrupted {
			retries = 1
		}
		cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: mt}),
			chargebee.WithMaxRetries(retries), chargebee.WithRetryWait(time.Millisecond, time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		var resp chargebee.Response
		err = cb.Do(ctx, http.MethodGet, "/customers", nil, nil, chargebee.WithResponse(&resp))
		cancel()
		var e *chargebee.Error
		if !errors.As(err, &e) || e.HTTPStatusCode != http.StatusServiceUnavailable || resp.Attempts != retries+1 {
			t.Fatalf("interrupted=%v: err = %v, %d attempts; want the 503's *Error", interrupted, err, resp.Attempts)
		}
		resp.Header.Set("X-Trace", "changed")
		if got := e.Header.Get("X-Trace"); got != "t1" {
			t.Errorf("interrupted=%v: changing Response.Header made Error.Header say %q", interrupted, got)
		}
	}
}

package chargebee_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		site, key string
		opts      []chargebee.Option
		wantParam string
	}{
		{"empty site", "", "k", nil, "site"},
		{"empty key", "acme", "", nil, "api key"},
		{"blank key", "acme", "  ", nil, "api key"},
		{"key with newline", "acme", "k\nX-Evil: 1", nil, "api key"},
		{"key with colon", "acme", "test_key:secret", nil, "api key"},
		{"key ending in colon", "acme", "test_key:", nil, "api key"},
		{"key starting with colon", "acme", ":test_key", nil, "api key"},
		{"site with host and path", "evil.com/x", "k", nil, "site"},
		{"site with dot", "a.b", "k", nil, "site"},
		{"site of 300 characters", strings.Repeat("a", 300), "k", nil, "site"},
		{"site of 64 characters", strings.Repeat("a", 64), "k", nil, "site"},
		{"upper-case site", "Acme", "k", nil, "site"},
		{"site starting with dash", "-acme", "k", nil, "site"},
		{"site with port", "acme:8080", "k", nil, "site"},
		{"site with user info", "user@acme", "k", nil, "site"},
		{"site with space", "ac me", "k", nil, "site"},
		{"unknown API version", "acme", "k", []chargebee.Option{chargebee.WithAPIVersion("v3")}, "api version"},
		{"negative retries", "acme", "k", []chargebee.Option{chargebee.WithMaxRetries(-1)}, "max retries"},
		{"retry wait max below min", "acme", "k", []chargebee.Option{chargebee.WithRetryWait(time.Second, time.Millisecond)}, "retry wait"},
		{"negative retry wait", "acme", "k", []chargebee.Option{chargebee.WithRetryWait(-1, time.Second)}, "retry wait"},
		{"negative timeout", "acme", "k", []chargebee.Option{chargebee.WithTimeout(-time.Second)}, "timeout"},
		{"negative rate", "acme", "k", []chargebee.Option{chargebee.WithRateLimit(-1, 1)}, "rate limit"},
		{"negative burst", "acme", "k", []chargebee.Option{chargebee.WithRateLimit(1, -1)}, "rate limit"},
		{"base URL without scheme", "acme", "k", []chargebee.Option{chargebee.WithBaseURL("acme.example.com")}, "base url"},
		{"base URL ftp", "acme", "k", []chargebee.Option{chargebee.WithBaseURL("ftp://acme.example.com")}, "base url"},
		{"base URL with query", "acme", "k", []chargebee.Option{chargebee.WithBaseURL("https://acme.example.com?x=1")}, "base url"},
		{"base URL with user", "acme", "k", []chargebee.Option{chargebee.WithBaseURL("https://u:p@acme.example.com")}, "base url"},
		{"user agent with CRLF", "acme", "k", []chargebee.Option{chargebee.WithUserAgent("x\r\nX-Evil: 1")}, "header"},
		{"business entity with LF", "acme", "k", []chargebee.Option{chargebee.WithBusinessEntity("be\n")}, "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, err := chargebee.NewClient(tt.site, tt.key, tt.opts...)
			var ve *chargebee.ValidationError
			if cb != nil || !errors.As(err, &ve) {
				t.Fatalf("NewClient = %v, %v; want nil and a *ValidationError", cb, err)
			}
			if ve.Param != tt.wantParam {
				t.Errorf("Param = %q, want %q", ve.Param, tt.wantParam)
			}
			if tt.key != "" && strings.TrimSpace(tt.key) != "" && strings.Contains(err.Error(), tt.key) {
				t.Errorf("error %q repeats the key", err)
			}
		})
	}
}

func TestNewClientBaseURLs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []chargebee.Option
		want string
	}{
		{"default v2", nil, "https://acme-test.chargebee.com/api/v2/customers"},
		{"v1", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, "https://acme-test.chargebee.com/api/v1/customers"},
		{"custom base", []chargebee.Option{chargebee.WithBaseURL("http://127.0.0.1:8080")}, "http://127.0.0.1:8080/api/v2/customers"},
		{"custom base with prefix", []chargebee.Option{chargebee.WithBaseURL("https://proxy.example.com/cb/")}, "https://proxy.example.com/cb/api/v2/customers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			var got string
			mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
				got = r.URL.String()
				return httpmock.NewStringResponse(200, "{}"), nil
			})
			opts := append([]chargebee.Option{chargebee.WithHTTPClient(&http.Client{Transport: mt})}, tt.opts...)
			cb, err := chargebee.NewClient(testSite, testKey, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("URL = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestClientAccessorsHideKey(t *testing.T) {
	t.Parallel()
	cb, err := chargebee.NewClient("acme", testKey, chargebee.WithAPIVersion(chargebee.APIv1))
	if err != nil {
		t.Fatal(err)
	}
	if cb.Site() != "acme" || cb.APIVersion() != chargebee.APIv1 {
		t.Errorf("Site, APIVersion = %q, %q", cb.Site(), cb.APIVersion())
	}
	for _, s := range []string{cb.String(), fmtAll(cb)} {
		if strings.Contains(s, testKey) || strings.Contains(s, "dGVzdF9") {
			t.Errorf("client formats with its key: %s", s)
		}
	}
}

// TestNilClientAccessors checks that the accessors of a nil *Client
// answer rather than panic, as Do answers with ErrNilClient.
func TestNilClientAccessors(t *testing.T) {
	t.Parallel()
	var cb *chargebee.Client
	if cb.Site() != "" || cb.APIVersion() != "" || cb.String() != "chargebee.Client(nil)" || cb.GoString() != "chargebee.Client(nil)" {
		t.Errorf("nil client: Site %q, APIVersion %q, String %q, GoString %q", cb.Site(), cb.APIVersion(), cb.String(), cb.GoString())
	}
	if !errors.Is(cb.Do(context.Background(), "GET", "/customers", nil, nil), chargebee.ErrNilClient) {
		t.Error("Do on a nil client does not report ErrNilClient")
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestDoWireGET(t *testing.T) {
	t.Parallel()
	cb, mt, rec := newMockClient(t, []reply{{status: 200, body: customerJSON}}, chargebee.WithUserAgent("myapp/1.2"))
	var out customerResult
	p := &params{FirstName: chargebee.String(""), EmailFilter: &chargebee.StringFilter{Is: "a+b@example.com"}}
	if err := cb.Do(context.Background(), "get", "/customers", p, &out); err != nil {
		t.Fatal(err)
	}
	if mt.GetTotalCallCount() != 1 {
		t.Fatalf("calls = %d", mt.GetTotalCallCount())
	}
	r := rec.all()[0]
	if r.Method != "GET" || r.Path != "/api/v2/customers" || r.Body != "" {
		t.Errorf("request = %s %s body %q", r.Method, r.Path, r.Body)
	}
	wantQuery := url.Values{"first_name": {""}, "email_filter[is]": {"a+b@example.com"}}
	if !reflect.DeepEqual(r.Query, wantQuery) {
		t.Errorf("query = %v, want %v", r.Query, wantQuery)
	}
	wantUA := "chargebee-go/" + chargebee.Version + " (" + runtime.Version() + ") myapp/1.2"
	wantHeaders := map[string]string{
		"Authorization":             testAuth,
		"Accept":                    "application/json",
		"User-Agent":                wantUA,
		"Content-Type":              "",
		"Chargebee-Idempotency-Key": "",
	}
	for k, v := range wantHeaders {
		if got := r.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if out.Customer.ID != "cust_1" || out.Customer.Email != "john@example.com" || out.Customer.CreatedAt != 1700000000 {
		t.Errorf("decoded %+v", out)
	}
}

// A struct of the caller's is encoded by go-querystring itself: repeated
// keys for lists, its own time layouts, Metadata as JSON through its
// EncodeValues method.
func TestDoWireForeignStruct(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{{status: 200, body: customerJSON}})
	type foreign struct {
		Tags  []string           `url:"tags"`
		Ids   []int              `url:"id,brackets"`
		At    time.Time          `url:"at,unix"`
		Note  *string            `url:"note"`
		Meta  chargebee.Metadata `url:"meta_data,omitempty"`
		Inner struct {
			City string `url:"city"`
		} `url:"billing_address"`
	}
	p := foreign{Tags: []string{"a", "b"}, Ids: []int{1, 2}, At: time.Unix(1700000000, 0), Meta: chargebee.Metadata{"k": "<v>"}}
	p.Inner.City = "Köln"
	if err := cb.Do(context.Background(), http.MethodPost, "/customers", p, nil); err != nil {
		t.Fatal(err)
	}
	want := "at=1700000000&billing_address%5Bcity%5D=K%C3%B6ln&id%5B%5D=1&id%5B%5D=2" +
		"&meta_data=%7B%22k%22%3A%22%3Cv%3E%22%7D&note=&tags=a&tags=b"
	if got := rec.all()[0].Body; got != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
}

func TestDoWirePOST(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{{status: 200, body: customerJSON}})
	p := &params{
		Email:  chargebee.String("jöhn+1&x=y@example.com"),
		Amount: chargebee.Int64(9007199254740993),
		BillingAddress: &struct {
			Line1 *string `url:"line1,omitempty"`
		}{Line1: chargebee.String("PO Box 9999")},
		MetaData: chargebee.Metadata{"plan": "gold"},
	}
	var out customerResult
	if err := cb.Do(context.Background(), http.MethodPost, "/customers", p, &out); err != nil {
		t.Fatal(err)
	}
	r := rec.all()[0]
	if r.Method != "POST" || r.Path != "/api/v2/customers" || len(r.Query) != 0 {
		t.Errorf("request = %s %s?%v", r.Method, r.Path, r.Query)
	}
	wantBody := "amount=9007199254740993" +
		"&billing_address%5Bline1%5D=PO+Box+9999" +
		"&email=j%C3%B6hn%2B1%26x%3Dy%40example.com" +
		"&meta_data=%7B%22plan%22%3A%22gold%22%7D"
	if r.Body != wantBody {
		t.Errorf("body\n got %s\nwant %s", r.Body, wantBody)
	}
	if got := r.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := r.Header.Get("Authorization"); got != testAuth {
		t.Errorf("Authorization = %q", got)
	}
	if key := r.Header.Get("chargebee-idempotency-key"); !uuidV4.MatchString(key) {
		t.Errorf("generated idempotency key %q is not a UUID v4", key)
	}
}

func TestDoGeneratesDistinctKeysPerCall(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{{status: 200, body: "{}"}})
	for i := 0; i < 3; i++ {
		if err := cb.Do(context.Background(), "POST", "/customers", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	keys := map[string]bool{}
	for _, r := range rec.all() {
		keys[r.Header.Get("chargebee-idempotency-key")] = true
		if r.Body != "" || r.Header.Get("Content-Type") == "" {
			t.Errorf("empty POST: body %q, Content-Type %q", r.Body, r.Header.Get("Content-Type"))
		}
	}
	if len(keys) != 3 {
		t.Errorf("keys = %v, want 3 distinct", keys)
	}
}

func TestRequestOptionHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		clientOpts []chargebee.Option
		method     string
		opts       []chargebee.RequestOption
		want       map[string]string // "" means absent
	}{
		{
			name:   "business entity from the client",
			method: "GET", clientOpts: []chargebee.Option{chargebee.WithBusinessEntity("be_client")},
			want: map[string]string{"chargebee-business-entity-id": "be_client"},
		},
		{
			name:   "business entity: request wins",
			method: "GET", clientOpts: []chargebee.Option{chargebee.WithBusinessEntity("be_client")},
			opts: []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_request")},
			want: map[string]string{"chargebee-business-entity-id": "be_request"},
		},
		{
			name:   "business entity through WithHeader",
			method: "GET", clientOpts: []chargebee.Option{chargebee.WithBusinessEntity("be_client")},
			opts: []chargebee.RequestOption{chargebee.WithHeader("Chargebee-Business-Entity-Id", "be_hdr")},
			want: map[string]string{"chargebee-business-entity-id": "be_hdr"},
		},
		{
			name: "no business entity", method: "GET",
			want: map[string]string{"chargebee-business-entity-id": ""},
		},
		{
			name: "origin headers, ASCII e-mail", method: "GET",
			opts: []chargebee.RequestOption{
				chargebee.WithOriginIP("203.0.113.7"), chargebee.WithOriginUser("john@example.com"), chargebee.WithOriginDevice("iOS"),
			},
			want: map[string]string{
				"chargebee-request-origin-ip":           "203.0.113.7",
				"chargebee-request-origin-user":         "john@example.com",
				"chargebee-request-origin-user-encoded": "",
				"chargebee-request-origin-device":       "iOS",
			},
		},
		{
			name: "origin user, non-ASCII e-mail is Base64 encoded", method: "GET",
			opts: []chargebee.RequestOption{chargebee.WithOriginUser("jöhn@exämple.com")},
			want: map[string]string{
				"chargebee-request-origin-user":         "",
				"chargebee-request-origin-user-encoded": "asO2aG5AZXjDpG1wbGUuY29t",
			},
		},
		{
			name: "event headers", method: "POST",
			opts: []chargebee.RequestOption{
				chargebee.WithEventActionsDisabled(), chargebee.WithEventEmailsDisabled(), chargebee.WithEventWebhooksDisabled(),
			},
			want: map[string]string{
				"chargebee-event-actions": "all-disabled",
				"chargebee-event-email":   "all-disabled",
				"chargebee-event-webhook": "all-disabled",
			},
		},
		{
			name: "custom header and caller's idempotency key", method: "POST",
			opts: []chargebee.RequestOption{chargebee.WithHeader("X-Trace", "t-1"), chargebee.WithIdempotencyKey("signup-42")},
			want: map[string]string{"X-Trace": "t-1", "chargebee-idempotency-key": "signup-42"},
		},
		{
			name: "idempotency key through WithHeader is kept", method: "POST",
			opts: []chargebee.RequestOption{chargebee.WithHeader("chargebee-idempotency-key", "mine")},
			want: map[string]string{"chargebee-idempotency-key": "mine"},
		},
		{
			name: "no key invented without retries", method: "POST",
			clientOpts: []chargebee.Option{chargebee.WithMaxRetries(0)},
			want:       map[string]string{"chargebee-idempotency-key": ""},
		},
		{
			name: "caller's key sent without retries", method: "POST",
			clientOpts: []chargebee.Option{chargebee.WithMaxRetries(0)},
			opts:       []chargebee.RequestOption{chargebee.WithIdempotencyKey("k1")},
			want:       map[string]string{"chargebee-idempotency-key": "k1"},
		},
		{
			name: "no key on GET", method: "GET",
			want: map[string]string{"chargebee-idempotency-key": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, _, rec := newMockClient(t, []reply{{status: 200, body: "{}"}}, tt.clientOpts...)
			if err := cb.Do(context.Background(), tt.method, "/customers", nil, nil, tt.opts...); err != nil {
				t.Fatal(err)
			}
			h := rec.all()[0].Header
			for k, v := range tt.want {
				if got := h.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestWithParam(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{{status: 200, body: "{}"}})
	ctx := context.Background()
	p := &params{FirstName: chargebee.String("John"), Offset: chargebee.String("o1")}
	if err := cb.Do(ctx, "GET", "/customers", p, nil, chargebee.WithParam("offset", "o2"), chargebee.WithParam("include_deleted", "true")); err != nil {
		t.Fatal(err)
	}
	if err := cb.Do(ctx, "POST", "/customers", nil, nil, chargebee.WithParam("billing_address[line3]", "x y")); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	wantQuery := url.Values{"first_name": {"John"}, "offset": {"o2"}, "include_deleted": {"true"}}
	if !reflect.DeepEqual(reqs[0].Query, wantQuery) {
		t.Errorf("GET query = %v, want %v", reqs[0].Query, wantQuery)
	}
	if reqs[1].Body != "billing_address%5Bline3%5D=x+y" {
		t.Errorf("POST body = %q", reqs[1].Body)
	}
}

// TestBadInputSendsNothing covers everything that must fail before a request
// leaves the client.
func TestBadInputSendsNothing(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("k", 101)
	tests := []struct {
		name      string
		method    string
		path      string
		params    any
		opts      []chargebee.RequestOption
		wantParam string
	}{
		{"idempotency key over 100 bytes", "POST", "/customers", nil, []chargebee.RequestOption{chargebee.WithIdempotencyKey(long)}, "chargebee-idempotency-key"},
		{"empty idempotency key", "POST", "/customers", nil, []chargebee.RequestOption{chargebee.WithIdempotencyKey("")}, "chargebee-idempotency-key"},
		{"idempotency key with CRLF", "POST", "/customers", nil, []chargebee.RequestOption{chargebee.WithIdempotencyKey("k\r\nX: y")}, "chargebee-idempotency-key"},
		{"idempotency key over 100 via WithHeader", "POST", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("Chargebee-Idempotency-Key", long)}, "chargebee-idempotency-key"},
		{"header value with CR LF", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("X-A", "a\r\nX-Evil: 1")}, "header X-A"},
		{"header value with LF", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithOriginIP("1.2.3.4\nX: y")}, "header chargebee-request-origin-ip"},
		{"origin user with CR", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithOriginUser("a@b.c\r")}, "header chargebee-request-origin-user"},
		{"origin device with NUL", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithOriginDevice("i\x00OS")}, "header chargebee-request-origin-device"},
		{"business entity with CRLF", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithBusinessEntityID("b\r\n")}, "chargebee-business-entity-id"},
		{"header name with colon", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("X-A: b", "c")}, "header"},
		{"empty header name", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("", "c")}, "header"},
		{"Authorization header", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("authorization", "Basic eA==")}, "header authorization"},
		{"Host header", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("Host", "evil.com")}, "header Host"},
		{"User-Agent header", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("user-agent", "mine/1.0")}, "header user-agent"},
		{"Accept header", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithHeader("Accept", "text/html")}, "header Accept"},
		{"empty param key", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithParam("", "x")}, "param"},
		{"first error wins", "GET", "/customers", nil, []chargebee.RequestOption{chargebee.WithParam("", "x"), chargebee.WithIdempotencyKey("")}, "param"},
		{"method DELETE", "DELETE", "/customers", nil, nil, "method"},
		{"path without slash", "GET", "customers", nil, nil, "path"},
		{"path to another host", "GET", "//evil.com/x", nil, nil, "path"},
		{"path with query", "GET", "/customers?email=x", nil, nil, "path"},
		{"path with fragment", "GET", "/customers#x", nil, nil, "path"},
		{"path with dot segment", "GET", "/customers/../admin", nil, nil, "path"},
		{"path with escaped dot segment", "GET", "/customers/%2E%2E/admin", nil, nil, "path"},
		{"path with bad escape", "GET", "/customers/%zz", nil, nil, "path"},
		{"path with NUL", "GET", "/customers/a\x00", nil, nil, "path"},
		{"path with newline", "GET", "/customers/a\nb", nil, nil, "path"},
		{"path with space", "GET", "/customers/a b", nil, nil, "path"},
		{"path with backslash", "GET", "/customers\\x", nil, nil, "path"},
		{"failed validation", "POST", "/customers", &params{FirstName: chargebee.String("Maximilian-Alexander")}, nil, "first_name"},
		{"unencodable params", "POST", "/customers", &params{MetaData: chargebee.Metadata{"f": func() {}}}, nil, "meta_data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, _ := newMockClient(t, []reply{{status: 200, body: "{}"}})
			err := cb.Do(context.Background(), tt.method, tt.path, tt.params, nil, tt.opts...)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Do = %v, want *ValidationError", err)
			}
			if ve.Param != tt.wantParam {
				t.Errorf("Param = %q, want %q (%v)", ve.Param, tt.wantParam, err)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent, want none", n)
			}
		})
	}
}

func TestDoNilAndDoneContext(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: "{}"}})
	//lint:ignore SA1012 a nil context must be reported, not panic
	if err := cb.Do(nil, "GET", "/customers", nil, nil); err == nil {
		t.Error("nil context accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v", err)
	}
	var nilClient *chargebee.Client
	if err := nilClient.Do(context.Background(), "GET", "/customers", nil, nil); err == nil {
		t.Error("nil client accepted")
	}
	if mt.GetTotalCallCount() != 0 {
		t.Errorf("%d requests sent", mt.GetTotalCallCount())
	}
}

// TestDoPathEscapesSentAsGiven checks that the percent-escapes of a path
// given to Do reach the server as written, also when the path holds bytes
// that a URL path cannot carry unescaped (which net/url used to answer by
// escaping the whole path again from its unescaped form, turning an escaped
// "/" into a separator), and that those bytes are escaped.
func TestDoPathEscapesSentAsGiven(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ path, want string }{
		{"/customers/a%2Fb", "/api/v2/customers/a%2Fb"},
		{"/customers/a%2fb", "/api/v2/customers/a%2fb"},
		{"/customers/ü", "/api/v2/customers/%C3%BC"},
		{"/customers/ü%2Fx", "/api/v2/customers/%C3%BC%2Fx"},
		{`/customers/a"b%2Fc`, "/api/v2/customers/a%22b%2Fc"},
		{"/customers/a|b%2F", "/api/v2/customers/a%7Cb%2F"},
		{"/customers/a:b@c!$&'()*+,;=~[]", "/api/v2/customers/a:b@c!$&'()*+,;=~[]"},
	} {
		cb, _, rec := newMockClient(t, []reply{{status: 200, body: "{}"}})
		if err := cb.Do(context.Background(), http.MethodGet, tt.path, nil, nil); err != nil {
			t.Errorf("%q: %v", tt.path, err)
			continue
		}
		if got := rec.all()[0].Path; got != tt.want {
			t.Errorf("%q: sent %s, want %s", tt.path, got, tt.want)
		}
	}
}

// TestPathIDsStayOneSegment sends ids through api.PathID and Do and checks
// the escaped path the server receives.
func TestPathIDsStayOneSegment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id       string
		wantPath string // empty: rejected before sending
	}{
		{"cust_1", "/api/v2/customers/cust_1/delete"},
		{"a/b", "/api/v2/customers/a%2Fb/delete"},
		{"../../admin", ""},
		{"a..b", "/api/v2/customers/a..b/delete"},
		{"x?email=a", "/api/v2/customers/x%3Femail=a/delete"},
		{"100%", "/api/v2/customers/100%25/delete"},
		{"a%2Fb", "/api/v2/customers/a%252Fb/delete"},
		{"a#b", "/api/v2/customers/a%23b/delete"},
		{"jöhn doe", "/api/v2/customers/j%C3%B6hn%20doe/delete"},
		{"..", ""},
		{".", ""},
		{"a\x00b", ""},
		{"a\nb", ""},
		{"", ""},
	}
	for _, tt := range tests {
		cb, mt, rec := newMockClient(t, []reply{{status: 200, body: "{}"}})
		seg, err := api.PathID("customer_id", tt.id)
		if err == nil {
			err = cb.Do(context.Background(), "POST", "/customers/"+seg+"/delete", nil, nil)
		}
		if tt.wantPath == "" {
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || mt.GetTotalCallCount() != 0 {
				t.Errorf("id %q: err %v, %d calls; want rejection before sending", tt.id, err, mt.GetTotalCallCount())
			}
			continue
		}
		if err != nil {
			t.Errorf("id %q: %v", tt.id, err)
			continue
		}
		if got := rec.all()[0].Path; got != tt.wantPath {
			t.Errorf("id %q: path %s, want %s", tt.id, got, tt.wantPath)
		}
	}
}

func TestValidationCanBeTurnedOff(t *testing.T) {
	t.Parallel()
	cb, mt, rec := newMockClient(t, []reply{{status: 200, body: "{}"}}, chargebee.WithoutValidation())
	if err := cb.Do(context.Background(), "POST", "/customers", &params{FirstName: chargebee.String("Maximilian-Alexander")}, nil); err != nil {
		t.Fatal(err)
	}
	if mt.GetTotalCallCount() != 1 || rec.all()[0].Form.Get("first_name") != "Maximilian-Alexander" {
		t.Errorf("calls %d, form %v", mt.GetTotalCallCount(), rec.all()[0].Form)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
	}{
		{"empty body", ""},
		{"whitespace body", " \n"},
		{"HTML", "<html>maintenance</html>"},
		{"truncated JSON", `{"customer":{"id":"cu`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, _, _ := newMockClient(t, []reply{{status: 200, body: tt.body}})
			var out customerResult
			err := cb.Do(context.Background(), "GET", "/customers/x", nil, &out)
			var de *chargebee.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want *DecodeError", err)
			}
			if de.Method != "GET" || de.Path != "/api/v2/customers/x" || de.StatusCode != 200 {
				t.Errorf("DecodeError = %+v", de)
			}
			if !strings.Contains(err.Error(), "/api/v2/customers/x") {
				t.Errorf("Error() = %q", err)
			}
		})
	}
	// Without an out value the body is not needed.
	cb, _, _ := newMockClient(t, []reply{{status: 204}})
	if err := cb.Do(context.Background(), "POST", "/customers/x/delete", nil, nil); err != nil {
		t.Errorf("nil out with empty body: %v", err)
	}
}

func TestWithResponse(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{
		{status: 503, body: `{"message":"busy"}`},
		{status: 200, body: customerJSON, header: map[string]string{"chargebee-idempotency-replayed": "true", "X-Request-Id": "r1"}},
	})
	var resp chargebee.Response
	var out customerResult
	err := cb.Do(context.Background(), "POST", "/customers", nil, &out, chargebee.WithIdempotencyKey("signup-42"), chargebee.WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Attempts != 2 || !resp.IdempotencyReplayed || resp.IdempotencyKey != "signup-42" ||
		resp.Header.Get("X-Request-Id") != "r1" || resp.Duration <= 0 {
		t.Errorf("Response = %+v", resp)
	}
	if len(rec.all()) != 2 {
		t.Errorf("attempts seen by server = %d", len(rec.all()))
	}

	// Also filled for error responses and with a generated key.
	cb, _, _ = newMockClient(t, []reply{{status: 404, body: notFoundJSON(), header: map[string]string{"X-Request-Id": "r2"}}})
	resp = chargebee.Response{}
	err = cb.Do(context.Background(), "POST", "/customers/x/delete", nil, nil, chargebee.WithResponse(&resp))
	if !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	if resp.StatusCode != 404 || resp.Attempts != 1 || resp.IdempotencyReplayed || !uuidV4.MatchString(resp.IdempotencyKey) ||
		resp.Header.Get("X-Request-Id") != "r2" {
		t.Errorf("Response = %+v", resp)
	}
}

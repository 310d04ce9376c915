package chargebee_test

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/billingkit/chargebee-go/relationship"
)

// resourceServices lists a constructor of every resource package's service.
// Each test below calls every exported method of every one of them.
var resourceServices = []struct {
	pkg  string
	make func(*chargebee.Client) any
}{
	{"customer", func(cb *chargebee.Client) any { return customer.NewService(cb) }},
	{"contact", func(cb *chargebee.Client) any { return contact.NewService(cb) }},
	{"credits", func(cb *chargebee.Client) any { return credits.NewService(cb) }},
	{"entitlement", func(cb *chargebee.Client) any { return entitlement.NewService(cb) }},
	{"event", func(cb *chargebee.Client) any { return event.NewService(cb) }},
	{"relationship", func(cb *chargebee.Client) any { return relationship.NewService(cb) }},
}

// argMode says how callMethod fills a method's arguments.
type argMode struct {
	ctx       context.Context // may be nil
	emptyID   bool            // ids "" instead of "cus_1"
	nilRecord bool            // nil request pointers instead of empty requests
}

func (m argMode) String() string {
	var parts []string
	if m.ctx == nil {
		parts = append(parts, "nil ctx")
	}
	if m.emptyID {
		parts = append(parts, "empty ids")
	}
	if m.nilRecord {
		parts = append(parts, "nil requests")
	} else {
		parts = append(parts, "empty requests")
	}
	return strings.Join(parts, ", ")
}

var argModes = func() []argMode {
	var modes []argMode
	for _, ctx := range []context.Context{context.Background(), nil} {
		for _, emptyID := range []bool{false, true} {
			for _, nilRecord := range []bool{false, true} {
				modes = append(modes, argMode{ctx, emptyID, nilRecord})
			}
		}
	}
	return modes
}()

var (
	ctxType   = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType = reflect.TypeOf((*error)(nil)).Elem()
)

// callMethod calls m with arguments made by mode and returns the errors it
// returned or, for a method returning an iterator, yielded (at most 3).
// Request options are left out.
func callMethod(t *testing.T, m reflect.Value, mode argMode) []error {
	t.Helper()
	mt := m.Type()
	n := mt.NumIn()
	if mt.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range n {
		at := mt.In(i)
		switch {
		case at == ctxType:
			if mode.ctx == nil {
				args[i] = reflect.Zero(at)
			} else {
				args[i] = reflect.ValueOf(mode.ctx)
			}
		case at.Kind() == reflect.String:
			s := "cus_1"
			if mode.emptyID {
				s = ""
			}
			args[i] = reflect.ValueOf(s).Convert(at)
		case at.Kind() == reflect.Pointer && at.Elem().Kind() == reflect.Struct && !mode.nilRecord:
			args[i] = reflect.New(at.Elem())
		default:
			args[i] = reflect.Zero(at)
		}
	}
	var errs []error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v", r)
			}
		}()
		outs := m.Call(args)
		last := outs[len(outs)-1]
		if last.Type() == errorType {
			if !last.IsNil() {
				errs = append(errs, last.Interface().(error))
			} else {
				errs = append(errs, nil)
			}
			return
		}
		// An iter.Seq2[*T, error]: range over it.
		seq := outs[0]
		if seq.Kind() != reflect.Func || seq.Type().NumIn() != 1 {
			t.Fatalf("method returns %v; the test knows only (..., error) and iter.Seq2", mt)
		}
		yieldType := seq.Type().In(0)
		yield := reflect.MakeFunc(yieldType, func(in []reflect.Value) []reflect.Value {
			var err error
			if !in[1].IsNil() {
				err = in[1].Interface().(error)
			}
			errs = append(errs, err)
			return []reflect.Value{reflect.ValueOf(len(errs) < 3)}
		})
		seq.Call([]reflect.Value{yield})
	}()
	return errs
}

// forEachMethod runs f for every exported method of the service of every
// resource package.
func forEachMethod(t *testing.T, svc func(pkg string, mk func(*chargebee.Client) any) any, f func(t *testing.T, m reflect.Value)) {
	t.Helper()
	for _, rs := range resourceServices {
		s := reflect.ValueOf(svc(rs.pkg, rs.make))
		st := s.Type()
		if st.NumMethod() == 0 {
			t.Fatalf("%s: service %v has no methods", rs.pkg, st)
		}
		for i := range st.NumMethod() {
			name := st.Method(i).Name
			t.Run(rs.pkg+"."+name, func(t *testing.T) {
				f(t, s.Method(i))
			})
		}
	}
}

// The zero Client, a nil *Client given to NewService, and a nil service are
// the caller's mistakes: every method of every service returns (or yields)
// a *ValidationError wrapping ErrNilClient (the zero Client) or
// ErrNilService (no service or no client) that says how to make one, and
// none panics.
func TestServicesWithoutClient(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		svc      func(pkg string, mk func(*chargebee.Client) any) any
		sentinel error
		advice   string
	}{
		{"zero Client", func(_ string, mk func(*chargebee.Client) any) any { return mk(&chargebee.Client{}) }, chargebee.ErrNilClient, "chargebee.NewClient"},
		{"nil Client", func(_ string, mk func(*chargebee.Client) any) any { return mk(nil) }, chargebee.ErrNilService, "chargebee.NewClient"},
		{"nil Service", func(_ string, mk func(*chargebee.Client) any) any {
			return reflect.Zero(reflect.TypeOf(mk(nil))).Interface()
		}, chargebee.ErrNilService, ".NewService(cb)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			calls := 0
			forEachMethod(t, tc.svc, func(t *testing.T, m reflect.Value) {
				// Valid-looking arguments: the missing client must be
				// reported whatever else is wrong, so also try empty ids
				// and nil requests.
				for _, mode := range argModes[:4] {
					errs := callMethod(t, m, mode)
					calls++
					if len(errs) != 1 {
						t.Fatalf("%v: %d results %v, want one error", mode, len(errs), errs)
					}
					err := errs[0]
					var ve *chargebee.ValidationError
					if !errors.As(err, &ve) || !errors.Is(err, tc.sentinel) {
						t.Fatalf("%v: err = %v (%T), want a *ValidationError wrapping %v", mode, err, err, tc.sentinel)
					}
					if !strings.Contains(err.Error(), tc.advice) {
						t.Errorf("%v: %q does not say to use %s", mode, err, tc.advice)
					}
				}
			})
			if calls < 100 {
				t.Errorf("only %d calls made; the services lost their methods?", calls)
			}
		})
	}
}

// Client.Do on a zero or nil Client fails the same way.
func TestDoWithoutClient(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]*chargebee.Client{"zero": {}, "nil": nil} {
		err := c.Do(context.Background(), http.MethodGet, "/customers", nil, nil)
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, chargebee.ErrNilClient) || !strings.Contains(err.Error(), "chargebee.NewClient") {
			t.Errorf("%s Client: Do = %v, want a *ValidationError wrapping ErrNilClient that names NewClient", name, err)
		}
	}
}

// countingTransport answers every request with a Chargebee 400 error and
// counts the requests.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode: http.StatusBadRequest,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(`{"message":"refused by the test","type":"invalid_request","api_error_code":"param_wrong_value","http_status_code":400}`)),
		Request:    r,
	}, nil
}

// Every error the SDK returns without contacting Chargebee is a
// *ValidationError; every error after a Chargebee answer is not. Every
// method of every service is called, on API v2 and v1 clients, with a nil
// and a live context, empty and real-looking ids, nil and empty requests.
// When a call with a live context reaches the server, the same call with a
// nil context must fail with ErrNilContext before sending.
func TestCallerMistakesAreValidationErrors(t *testing.T) {
	t.Parallel()
	for _, version := range []chargebee.APIVersion{chargebee.APIv2, chargebee.APIv1} {
		t.Run(string(version), func(t *testing.T) {
			t.Parallel()
			rt := &countingTransport{}
			cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithAPIVersion(version),
				chargebee.WithMaxRetries(0), chargebee.WithHTTPClient(&http.Client{Transport: rt}))
			if err != nil {
				t.Fatal(err)
			}
			refused, sent := 0, 0
			forEachMethod(t, func(_ string, mk func(*chargebee.Client) any) any { return mk(cb) }, func(t *testing.T, m reflect.Value) {
				contacted := map[argMode]bool{}
				for _, mode := range argModes {
					before := rt.n.Load()
					errs := callMethod(t, m, mode)
					reached := rt.n.Load() != before
					contacted[mode] = reached
					for _, err := range errs {
						if err == nil {
							continue
						}
						var ve *chargebee.ValidationError
						var cbErr *chargebee.Error
						switch {
						case !reached && !errors.As(err, &ve):
							t.Errorf("%v: nothing sent, but err = %v (%T) is no *ValidationError", mode, err, err)
						case reached && errors.As(err, &ve):
							t.Errorf("%v: sent, yet err = %v is a *ValidationError", mode, err)
						case reached && !errors.As(err, &cbErr):
							t.Errorf("%v: sent, but err = %v (%T) is no *chargebee.Error", mode, err, err)
						case reached:
							sent++
						default:
							refused++
						}
					}
					if mode.ctx == nil {
						if reached {
							t.Errorf("%v: a request was sent", mode)
						}
						live := mode
						live.ctx = context.Background()
						if contacted[live] && (len(errs) == 0 || !errors.Is(errs[0], chargebee.ErrNilContext)) {
							t.Errorf("%v: errs = %v, want ErrNilContext", mode, errs)
						}
					}
				}
			})
			// Both kinds of outcome must occur, or the test proves nothing.
			if refused < 50 || sent < 20 {
				t.Errorf("%d calls refused and %d sent; want many of both", refused, sent)
			}
		})
	}
}

// Every action the client's API version lacks fails before sending with a
// *ValidationError wrapping ErrAPIVersion that names the action.
func TestAPIVersionMismatchIsValidationError(t *testing.T) {
	t.Parallel()
	rt := &countingTransport{}
	client := func(v chargebee.APIVersion) *chargebee.Client {
		cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithAPIVersion(v), chargebee.WithHTTPClient(&http.Client{Transport: rt}))
		if err != nil {
			t.Fatal(err)
		}
		return cb
	}
	v1, v2 := client(chargebee.APIv1), client(chargebee.APIv2)
	ctx := context.Background()
	tests := []struct {
		action string
		call   func() error
	}{
		{"customer.merge", func() error {
			_, err := customer.NewService(v1).Merge(ctx, customer.NewMergeRequest().SetFromCustomerID("a").SetToCustomerID("b"))
			return err
		}},
		{"customer.move", func() error {
			_, err := customer.NewService(v1).Move(ctx, customer.NewMoveRequest().SetIDAtFromSite("a").SetFromSite("acme"))
			return err
		}},
		{"contact.List", func() error { _, err := contact.NewService(v1).ListPage(ctx, "cus_1", nil); return err }},
		{"entitlement.List", func() error { _, err := entitlement.NewService(v1).ListPage(ctx, "cus_1", nil); return err }},
		{"relationship", func() error { _, err := relationship.NewService(v1).Unlink(ctx, "cus_1"); return err }},
		{"credits", func() error {
			_, err := credits.NewService(v2).AddAccountCredits(ctx, "cus_1", credits.NewAddAccountCreditsRequest().SetAmount(100).SetDescription("d"))
			return err
		}},
		{"credits", func() error { _, err := credits.NewService(v1).ListPage(ctx, nil); return err }},
	}
	for _, tc := range tests {
		err := tc.call()
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, chargebee.ErrAPIVersion) || !strings.Contains(err.Error(), tc.action) {
			t.Errorf("%s: err = %v (%T), want a *ValidationError wrapping ErrAPIVersion naming the action", tc.action, err, err)
		}
	}
	if n := rt.n.Load(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}

// Every mistake Client.Do and Paginate can report is a *ValidationError,
// with the sentinel of its kind, and nothing is sent.
func TestDoMistakesAreValidationErrors(t *testing.T) {
	t.Parallel()
	rt := &countingTransport{}
	cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	type badFloat struct {
		F chargebee.Metadata `url:"f"`
	}
	tests := []struct {
		name     string
		call     func() error
		sentinel error // nil: no sentinel
		param    string
	}{
		{"nil context", func() error {
			var nilCtx context.Context
			return cb.Do(nilCtx, http.MethodGet, "/customers", nil, nil)
		}, chargebee.ErrNilContext, ""},
		{"params of a non-struct type", func() error { return cb.Do(ctx, http.MethodGet, "/customers", 42, nil) }, chargebee.ErrParams, ""},
		{"params with NaN", func() error {
			return cb.Do(ctx, http.MethodPost, "/customers", &badFloat{F: chargebee.Metadata{"x": math.NaN()}}, nil)
		}, chargebee.ErrParams, "f"},
		{"method", func() error { return cb.Do(ctx, http.MethodDelete, "/customers", nil, nil) }, nil, "method"},
		{"path", func() error { return cb.Do(ctx, http.MethodGet, "customers", nil, nil) }, nil, "path"},
		{"request option", func() error {
			return cb.Do(ctx, http.MethodGet, "/customers", nil, nil, chargebee.WithIdempotencyKey(""))
		}, nil, "chargebee-idempotency-key"},
		{"out not a pointer", func() error {
			return cb.Do(ctx, http.MethodPost, "/customers", url.Values{"id": {"c1"}}, customerResult{})
		}, nil, "out"},
		{"out a nil pointer", func() error {
			var out *customerResult
			return cb.Do(ctx, http.MethodPost, "/customers", url.Values{"id": {"c1"}}, out)
		}, nil, "out"},
		{"out a nil pointer with DecodeResponse", func() error {
			var out *countingDecoder
			return cb.Do(ctx, http.MethodGet, "/customers", nil, out)
		}, nil, "out"},
		{"fetch without page", func() error {
			for _, err := range chargebee.Paginate(ctx, func(context.Context, string) (*chargebee.Page[int], error) { return nil, nil }) {
				return err
			}
			return nil
		}, nil, ""},
	}
	for _, tc := range tests {
		err := tc.call()
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v (%T), want a *ValidationError", tc.name, err, err)
			continue
		}
		if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
			t.Errorf("%s: err = %v, want it to wrap %v", tc.name, err, tc.sentinel)
		}
		if ve.Param != tc.param {
			t.Errorf("%s: Param = %q, want %q", tc.name, ve.Param, tc.param)
		}
	}
	if n := rt.n.Load(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}

// countingDecoder decodes a response by counting its bytes.
type countingDecoder struct{ n int }

func (d *countingDecoder) DecodeResponse(body []byte) error {
	d.n = len(body)
	return nil
}

// valueDecoder is an out value that is not a pointer but decodes through
// one it holds.
type valueDecoder struct{ into *countingDecoder }

func (d valueDecoder) DecodeResponse(body []byte) error { return d.into.DecodeResponse(body) }

// TestDoOutValues checks the out values Do accepts: nil, a pointer, and a
// value with a DecodeResponse method, each decoding one response.
func TestDoOutValues(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, []reply{{status: 200, body: customerJSON}})
	ctx := context.Background()
	if err := cb.Do(ctx, http.MethodGet, "/customers/c1", nil, nil); err != nil {
		t.Errorf("nil out: %v", err)
	}
	var res customerResult
	if err := cb.Do(ctx, http.MethodGet, "/customers/c1", nil, &res); err != nil || res.Customer.ID == "" {
		t.Errorf("pointer out: %v, customer %+v", err, res.Customer)
	}
	into := &countingDecoder{}
	if err := cb.Do(ctx, http.MethodGet, "/customers/c1", nil, valueDecoder{into}); err != nil || into.n != len(customerJSON) {
		t.Errorf("value with DecodeResponse: %v, decoded %d bytes, want %d", err, into.n, len(customerJSON))
	}
	if n := mt.GetTotalCallCount(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

// selfRef is a params type of the caller's that can refer to itself.
type selfRef struct {
	Name *string  `url:"name,omitempty"`
	Next *selfRef `url:"next,omitempty"`
}

// A params value that refers to itself fails at once with a
// *ValidationError wrapping ErrParams that names the key where the bound
// was reached, instead of being encoded for ever; nothing is sent. A short
// value of the same type is sent as before.
func TestDoRefusesSelfReferencingParams(t *testing.T) {
	t.Parallel()
	cb, _, rec := newMockClient(t, []reply{{status: 200, body: customerJSON}})
	loop := &selfRef{Name: chargebee.String("a")}
	loop.Next = loop
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		for _, opts := range [][]chargebee.RequestOption{nil, {chargebee.WithParam("extra", "1")}} {
			err := cb.Do(context.Background(), method, "/customers", loop, nil, opts...)
			var ve *chargebee.ValidationError
			want := "next" + strings.Repeat("[next]", chargebee.MaxParamDepth-1)
			if !errors.As(err, &ve) || !errors.Is(err, chargebee.ErrParams) || ve.Param != want {
				t.Errorf("%s with %d options: err = %v, want a *ValidationError wrapping ErrParams at %s", method, len(opts), err, want)
			}
		}
	}
	if n := len(rec.all()); n != 0 {
		t.Fatalf("%d requests sent, want 0", n)
	}
	short := &selfRef{Name: chargebee.String("a"), Next: &selfRef{Name: chargebee.String("b")}}
	if err := cb.Do(context.Background(), http.MethodPost, "/customers", short, nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.all()[0].Body; got != "name=a&next%5Bname%5D=b" {
		t.Errorf("body = %q", got)
	}
}

// Every request type of the SDK encodes itself (a generated AppendForm),
// so none goes through the depth walk or go-querystring.
func TestRequestTypesEncodeThemselves(t *testing.T) {
	t.Parallel()
	seen := 0
	for _, rs := range resourceServices {
		st := reflect.TypeOf(rs.make(nil))
		for i := range st.NumMethod() {
			mt := st.Method(i).Type
			for j := 1; j < mt.NumIn(); j++ {
				at := mt.In(j)
				if at.Kind() != reflect.Pointer || at.Elem().Kind() != reflect.Struct {
					continue
				}
				seen++
				if !at.Implements(reflect.TypeFor[form.Appender]()) {
					t.Errorf("%s.%s: %v has no AppendForm method", rs.pkg, st.Method(i).Name, at)
				}
			}
		}
	}
	if seen < 20 {
		t.Errorf("only %d request types checked", seen)
	}
}

// Package chargebee is a typed Go client for the Chargebee customer APIs.
// It holds the Client, its options, errors, paging and shared value types;
// the actions live in the resource packages (customer, relationship,
// contact, entitlement, credits, event), each built on Client.Do:
//
//	cb, err := chargebee.NewClient("acme-test", os.Getenv("CHARGEBEE_API_KEY"))
//	if err != nil { ... }
//	customers := customer.NewService(cb)
//
// A Client is safe for concurrent use and holds no global state.
package chargebee

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
	"golang.org/x/time/rate"

	"github.com/billingkit/chargebee-go/internal/form"
	sitename "github.com/billingkit/chargebee-go/internal/site"
	"github.com/billingkit/chargebee-go/internal/transport"
)

// Version is the SDK version, sent in the User-Agent header.
const Version = "0.1.0"

// Client calls the Chargebee API of one site. Create it with NewClient; it is
// safe for concurrent use by many goroutines.
type Client struct {
	site           string
	base           url.URL // scheme, host and path prefix including /api/vN
	version        APIVersion
	auth           *string // the Authorization header value; a pointer, so that fmt prints a Client without it
	userAgent      string
	businessEntity string
	maxRetries     int
	noValidation   bool
	transport      *transport.Transport
	redact         *redactor // removes the credentials from texts built from responses
}

// NewClient returns a client for site (the part before .chargebee.com, such
// as "acme-test") authenticated with apiKey. A bad site (not
// ^[a-z0-9][a-z0-9-]*$), key (empty, or with a colon or control characters)
// or option is a *ValidationError.
func NewClient(site, apiKey string, opts ...Option) (*Client, error) {
	cfg := config{version: APIv2, Config: transport.Config{
		MaxRetries:   transport.DefaultMaxRetries,
		RetryWaitMin: transport.DefaultRetryWaitMin,
		RetryWaitMax: transport.DefaultRetryWaitMax,
		Timeout:      transport.DefaultTimeout,
	}}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := cfg.check(site, apiKey); err != nil {
		return nil, err
	}
	base, err := cfg.base(site)
	if err != nil {
		return nil, err
	}
	if cfg.rateRPS > 0 {
		cfg.Limiter = &localLimiter{rate.NewLimiter(rate.Limit(cfg.rateRPS), max(cfg.rateBurst, 1))}
	}
	token := base64.StdEncoding.EncodeToString([]byte(apiKey + ":"))
	auth := "Basic " + token
	return &Client{
		site:           site,
		base:           base,
		version:        cfg.version,
		auth:           &auth,
		userAgent:      strings.TrimSuffix("chargebee-go/"+Version+" ("+runtime.Version()+") "+cfg.userAgent, " "),
		businessEntity: cfg.businessEntity,
		maxRetries:     cfg.MaxRetries,
		noValidation:   cfg.noValidation,
		redact:         newRedactor(token, apiKey),
		transport:      transport.New(cfg.Config),
	}, nil
}

// check reports the first mistake in the site name, the API key or the
// options: a value the client cannot use.
func (cfg *config) check(site, apiKey string) error {
	for _, c := range []struct {
		bad           bool
		param, reason string
	}{
		{site == "", "site", "is required"},
		{!sitename.Valid(site), "site", "must match ^[a-z0-9][a-z0-9-]*$ (at most 63 characters), for example acme or acme-test"},
		{strings.TrimSpace(apiKey) == "", "api key", "is required"},
		{!validHeaderValue(apiKey), "api key", "must not contain control characters"},
		{strings.Contains(apiKey, ":"), "api key", `must not contain ":" (it is sent as the Basic auth user name, which cannot hold one)`},
		{cfg.version != APIv2 && cfg.version != APIv1, "api version", `must be "v2" or "v1"`},
		{cfg.MaxRetries < 0, "max retries", "must not be negative"},
		{cfg.RetryWaitMin < 0 || cfg.RetryWaitMax < cfg.RetryWaitMin, "retry wait", "needs 0 <= min <= max"},
		{cfg.Timeout < 0, "timeout", "must not be negative"},
		{cfg.rateRPS < 0 || math.IsNaN(cfg.rateRPS) || math.IsInf(cfg.rateRPS, 0) || (cfg.rateRPS > 0 && cfg.rateBurst < 0),
			"rate limit", "needs a finite rps > 0 and burst >= 0 (0 means 1)"},
		{!validHeaderValue(cfg.userAgent) || !validHeaderValue(cfg.businessEntity), "header", "must not contain control characters"},
	} {
		if c.bad {
			return &ValidationError{Param: c.param, Reason: c.reason}
		}
	}
	return nil
}

// base returns the API base URL of site: https://site.chargebee.com, or the
// WithBaseURL override, followed by /api/ and the version.
func (cfg *config) base(site string) (url.URL, error) {
	base := url.URL{Scheme: "https", Host: site + ".chargebee.com"}
	if cfg.baseURL != "" {
		u, err := url.Parse(cfg.baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return url.URL{}, &ValidationError{Param: "base url", Reason: "must be an absolute http(s) URL without user info, query or fragment"}
		}
		base = url.URL{Scheme: u.Scheme, Host: u.Host, Path: strings.TrimSuffix(u.Path, "/")}
	}
	base.Path += "/api/" + string(cfg.version)
	return base, nil
}

// check reports a nil Client, or one NewClient did not make, as a
// *ValidationError wrapping ErrNilClient.
func (c *Client) check() error {
	if c == nil {
		return &ValidationError{Reason: "nil *chargebee.Client; create it with chargebee.NewClient", Err: ErrNilClient}
	}
	if c.transport == nil || c.auth == nil {
		return &ValidationError{Reason: "zero chargebee.Client; create it with chargebee.NewClient", Err: ErrNilClient}
	}
	return nil
}

// Site returns the site name the client was created with ("" for a nil
// client).
func (c *Client) Site() string {
	if c == nil {
		return ""
	}
	return c.site
}

// APIVersion returns the API version the client speaks ("" for a nil or
// zero client).
func (c *Client) APIVersion() APIVersion {
	if c == nil {
		return ""
	}
	return c.version
}

// String describes the client without its credentials.
func (c *Client) String() string {
	if c == nil {
		return "chargebee.Client(nil)"
	}
	return fmt.Sprintf("chargebee.Client{site: %s, api: %s}", c.site, c.version)
}

// GoString describes the client without its credentials, for %#v.
func (c *Client) GoString() string { return c.String() }

// Validator is implemented by request types that check themselves before
// they are sent.
type Validator interface {
	Validate() error
}

// Do performs one API call: what every service method uses, and the escape
// hatch for actions the SDK does not wrap.
//
// method is GET or POST. path, below the API base, starts with "/" (as in
// "/customers/" + url.PathEscape(id)) and its percent-escapes are sent as
// given (other bytes a URL path cannot hold, such as non-ASCII ones, are
// escaped); a path with a query, a fragment, control characters or dot
// segments (escaped or not) is refused.
//
// params is nil, url.Values or a struct (or a pointer to one). Its Validate
// method, if any, runs first unless the client was made WithoutValidation.
// GET sends the params in the query, POST in a form body. A value with an
// AppendForm(b []byte) ([]byte, error) method, as every request type of the
// SDK has, writes its own form; any other struct is encoded by
// github.com/google/go-querystring (a Metadata field as JSON), nested at
// most MaxParamDepth deep.
//
// A POST carries the caller's idempotency key (WithIdempotencyKey) or, when
// retries are on and the client speaks API v2, a new UUID v4; every retry
// sends the same key and body, and a POST without a key is sent once.
//
// A 2xx response is decoded into out unless out is nil: by its method
// DecodeResponse(body []byte) error when it has one, else by json.Unmarshal;
// neither may keep body. Another out than nil, a non-nil pointer or a value
// with that method is a *ValidationError, before anything is sent. An empty, undecodable or too large (over 64 MiB,
// ErrResponseTooLarge) body gives a *DecodeError; another status, a *Error;
// no response, a *ConnectionError. When the context ends after a response
// (waiting to retry a 503, say), the error matches the context's error and
// errors.As also finds that response's *Error.
func (c *Client) Do(ctx context.Context, method, path string, params, out any, opts ...RequestOption) error {
	start := time.Now()
	var cl call
	if err := c.newCall(&cl, ctx, method, path, params, opts); err != nil {
		return err
	}
	if err := checkOut(out); err != nil {
		return err
	}
	res, err := c.send(ctx, &cl, start)
	if err != nil {
		return err
	}
	defer res.Release()
	return cl.decode(res, out)
}

// checkOut refuses, before anything is sent, an out value no response can
// be decoded into: a nil pointer, or a value that is neither a pointer nor
// has a DecodeResponse method. Found after the call, such a mistake would
// leave a call that took effect looking like a failed one.
func checkOut(out any) error {
	if out == nil {
		return nil
	}
	_, decoder := out.(responseDecoder)
	if form.IsNil(out) || (!decoder && reflect.TypeOf(out).Kind() != reflect.Pointer) {
		return &ValidationError{Param: "out", Reason: "must be nil, a non-nil pointer or a value with a DecodeResponse method"}
	}
	return nil
}

// responseDecoder is an out value that decodes a response body itself.
type responseDecoder interface{ DecodeResponse(body []byte) error }

// call is one API call, built and ready to send.
type call struct {
	req      transport.Request
	idemKey  string    // the idempotency key sent, or ""
	response *Response // WithResponse's target, or nil
	redact   *redactor // the client's, for the texts built from the response
}

// newCall checks and encodes a call into cl, applying the options once.
func (c *Client) newCall(cl *call, ctx context.Context, method, path string, params any, opts []RequestOption) error {
	if err := c.check(); err != nil {
		return err
	}
	if ctx == nil {
		return &ValidationError{Err: ErrNilContext}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rc, err := applyOptions(opts)
	if err != nil {
		return err
	}
	method = strings.ToUpper(method)
	if method != http.MethodGet && method != http.MethodPost {
		return &ValidationError{Param: "method", Reason: "must be GET or POST"}
	}
	u, err := c.resolve(path)
	if err != nil {
		return err
	}
	be := cmp.Or(rc.businessEntity, c.businessEntity)
	encoded, err := c.encode(params, rc.params, be)
	if err != nil {
		return err
	}
	cl.req = transport.Request{Method: method, URL: u, Header: c.header(rc.header, be), Retryable: method == http.MethodGet}
	cl.response, cl.redact = rc.response, c.redact
	if method == http.MethodPost {
		cl.setBody(encoded, c.idempotencyKey(rc))
	} else if len(encoded) > 0 {
		u.RawQuery = string(encoded)
	}
	return nil
}

// encode validates params (unless the client was made WithoutValidation)
// and encodes them, with the extra parameters of WithParam on top.
func (c *Client) encode(params any, extra [][2]string, be string) ([]byte, error) {
	if params != nil && !c.noValidation {
		if v, ok := params.(Validator); ok && !form.IsNil(params) {
			if err := v.Validate(); err != nil {
				return nil, err
			}
		}
	}
	encoded, err := encodeBody(params)
	if err != nil {
		var fe *form.Error
		if errors.As(err, &fe) {
			return nil, &ValidationError{Param: fe.Key, Reason: fe.Reason, Err: ErrParams}
		}
		return nil, &ValidationError{Reason: err.Error(), Err: ErrParams}
	}
	return withExtras(encoded, extra, be)
}

// withExtras sets the extra parameters on the encoded form, and refuses a
// business_entity_id that differs from be, the entity header the call sends.
func withExtras(encoded []byte, extra [][2]string, be string) ([]byte, error) {
	if len(extra) == 0 && (be == "" || !bytes.Contains(encoded, []byte("business_entity_id="))) {
		return encoded, nil
	}
	values, err := url.ParseQuery(string(encoded))
	if err != nil {
		return nil, &ValidationError{Reason: err.Error(), Err: ErrParams}
	}
	for _, kv := range extra {
		values.Set(kv[0], kv[1])
	}
	if v, ok := values["business_entity_id"]; ok && be != "" && (len(v) != 1 || v[0] != be) {
		return nil, &ValidationError{Param: "business_entity_id", Reason: "must equal the chargebee-business-entity-id header sent with the call"}
	}
	if len(extra) > 0 {
		encoded = []byte(values.Encode())
	}
	return encoded, nil
}

// header returns the headers of a call: the request options' and the
// client's own, be being the business entity it is scoped to.
func (c *Client) header(extra http.Header, be string) http.Header {
	// Keys are written in canonical form directly, which spares
	// http.Header.Set its canonicalisation work on every call.
	header := make(http.Header, 7+len(extra))
	for k, vs := range extra {
		header[k] = vs
	}
	header["Authorization"] = []string{*c.auth}
	header["Accept"] = []string{"application/json"}
	header["User-Agent"] = []string{c.userAgent}
	if be != "" {
		header["Chargebee-Business-Entity-Id"] = []string{be}
	}
	return header
}

// idempotencyKey returns the key a POST carries: the caller's, or, with
// retries on API v2 (the only version documenting keys), a new one.
func (c *Client) idempotencyKey(rc *requestConfig) string {
	if rc.idempotencyKey == "" && c.maxRetries > 0 && c.version == APIv2 {
		return newUUID()
	}
	return rc.idempotencyKey
}

// setBody makes the call a form POST carrying key, if any, and so retryable.
func (cl *call) setBody(body []byte, key string) {
	cl.req.Header["Content-Type"] = []string{"application/x-www-form-urlencoded; charset=utf-8"}
	if body == nil {
		body = []byte{}
	}
	cl.req.Body = body
	if key != "" {
		cl.idemKey = key
		cl.req.Header["Chargebee-Idempotency-Key"] = []string{key}
		cl.req.Retryable = true
	}
}

// send performs the call and turns a call that ended without a final
// response into its error. It fills the WithResponse target.
func (c *Client) send(ctx context.Context, cl *call, start time.Time) (*transport.Result, error) {
	res, err := c.transport.Do(ctx, &cl.req)
	cl.record(res, time.Since(start))
	if err == nil {
		return res, nil
	}
	defer res.Release()
	switch {
	case errors.Is(err, transport.ErrBodyTooLarge):
		return nil, &DecodeError{Method: cl.req.Method, Path: cl.req.URL.Path, StatusCode: res.StatusCode, Err: tooLarge{}}
	case res.StatusCode != 0 && ctx.Err() != nil:
		// The context ended after a response, for example while waiting
		// to retry it: the caller gets both.
		last := newError(c.redact, res)
		return nil, &interruptedError{method: cl.req.Method, path: cl.req.URL.Path, attempts: res.Attempts, err: err, last: last}
	}
	// net/http quotes a malformed status line in its error: whatever the
	// server sent there is redacted like any other response text.
	return nil, &ConnectionError{Method: cl.req.Method, Path: cl.req.URL.Path, Attempts: res.Attempts, Err: c.redact.err(err)}
}

// record fills the WithResponse target, if any.
func (cl *call) record(res *transport.Result, d time.Duration) {
	if cl.response == nil {
		return
	}
	r := Response{Attempts: res.Attempts, IdempotencyKey: cl.idemKey, Duration: d}
	if res.StatusCode != 0 {
		r.StatusCode, r.Header = res.StatusCode, res.Header.Clone() // apart from any *Error's
		r.IdempotencyReplayed = strings.EqualFold(res.Header.Get("chargebee-idempotency-replayed"), "true")
		r.Body = bytes.Clone(res.Body)
	}
	*cl.response = r
}

// decode turns the final response into out, or into the error it reports.
func (cl *call) decode(res *transport.Result, out any) error {
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return newError(cl.redact, res)
	}
	if out == nil {
		return nil
	}
	var err error
	if len(bytes.TrimSpace(res.Body)) == 0 {
		err = errors.New("empty body")
	} else if d, ok := out.(responseDecoder); ok {
		err = d.DecodeResponse(res.Body)
	} else {
		err = json.Unmarshal(res.Body, out)
	}
	if err != nil {
		return &DecodeError{Method: cl.req.Method, Path: cl.req.URL.Path, StatusCode: res.StatusCode, Err: cl.redact.err(err)}
	}
	return nil
}

// resolve joins path to the client's base URL, refusing anything that could
// leave the API.
func (c *Client) resolve(path string) (*url.URL, error) {
	bad := func(reason string) error { return &ValidationError{Param: "path", Reason: reason} }
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return nil, bad(`must start with a single "/"`)
	}
	if strings.ContainsAny(path, "?#\\") {
		return nil, bad("must not contain ?, # or \\; escape ids with url.PathEscape")
	}
	if strings.Contains(path, " ") || sitename.HasControl(path) {
		return nil, bad("must not contain spaces or control characters")
	}
	unescaped, err := url.PathUnescape(path)
	if err != nil {
		return nil, bad("has an invalid percent-escape")
	}
	// Dot segments are refused both as written and once unescaped (%2E%2E),
	// since servers and proxies resolve either form.
	if sitename.HasDotSegment(path) || sitename.HasDotSegment(unescaped) {
		return nil, bad("must not contain dot segments")
	}
	u := c.base
	u.Path = c.base.Path + unescaped
	u.RawPath = c.base.EscapedPath() + escapePath(path)
	return &u, nil
}

// escapePath percent-escapes the bytes of path that a URL path cannot hold
// as written (non-ASCII, quotes, |, ...), keeping its own escapes. Left in,
// such a byte makes net/url escape the whole path again from its unescaped
// form, which turns an escaped "/" (%2F) into a separator.
func escapePath(path string) string {
	const hexDigits = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(path); i++ {
		c := path[i]
		keep := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@[]%/", c) >= 0
		switch {
		case keep && b != nil:
			b = append(b, c)
		case !keep:
			if b == nil {
				b = append(make([]byte, 0, len(path)+16), path[:i]...)
			}
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	if b == nil {
		return path
	}
	return string(b)
}

// encodeBody returns the URL-encoded form of params, as Do describes.
func encodeBody(params any) ([]byte, error) {
	switch p := params.(type) {
	case form.Appender:
		return form.Bytes(p)
	case url.Values:
		if len(p) == 0 {
			return nil, nil
		}
		return []byte(p.Encode()), nil
	}
	t := reflect.TypeOf(params)
	if t == nil || form.IsNil(params) {
		return nil, nil
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, &form.Error{Reason: "cannot encode " + t.String() + "; want a struct, a pointer to one, url.Values or nil"}
	}
	if err := form.CheckDepth(params); err != nil {
		return nil, err
	}
	values, err := query.Values(params)
	if err != nil || len(values) == 0 {
		return nil, err
	}
	return []byte(values.Encode()), nil
}

// newUUID returns a random UUID version 4 in canonical form.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var h [32]byte
	hex.Encode(h[:], b[:])
	// The conversions feed one concatenation: a single allocation.
	return string(h[:8]) + "-" + string(h[8:12]) + "-" + string(h[12:16]) + "-" + string(h[16:20]) + "-" + string(h[20:])
}

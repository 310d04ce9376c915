package chargebeetest

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// Defaults of a new Server.
const (
	// DefaultAPIKey is the API key the fake accepts unless WithAPIKey is given.
	DefaultAPIKey = "test_chargebeetest_key"
	// DefaultSite is the site name Client and ClientV1 use.
	DefaultSite = "chargebeetest"
	// DefaultCurrency is the currency of balances when a customer has no
	// preferred_currency_code and a credit names none.
	DefaultCurrency = "USD"
)

// maxBody bounds how much of a request body the fake reads.
const maxBody = 8 << 20

// Server is an in-memory, stateful fake of the Chargebee customer APIs
// (every action of the SDK), served over HTTP on 127.0.0.1. It is safe for
// concurrent use.
type Server struct {
	srv      *httptest.Server
	key      string
	site     string
	currency string
	entity   string // default business entity
	noEnts   bool   // customer entitlements switched off
	clock    func() time.Time
	tb       testing.TB
	done     chan struct{}
	close    sync.Once
	conns    connSet // open client connections, for Close
	// hc is the http.Client of Client and ClientV1: a transport of the
	// fake's own, so that a mock installed as http.DefaultTransport
	// (httpmock.Activate, for a test's other HTTP dependencies) does not
	// take their requests.
	hc *http.Client

	mu sync.Mutex // guards st
	st *state

	fmu    sync.Mutex // guards faults and delay
	faults []fault
	delay  time.Duration

	rmu  sync.Mutex // guards reqs
	reqs []Request

	ev eventSide // event ids and webhook delivery (events.go, webhooks.go)

	budget siteBudget // SetRateLimit (ratelimit.go)
}

// Option configures a Server.
type Option func(*Server)

// WithAPIKey sets the API key the fake accepts (Basic auth user name, empty
// password). Default: DefaultAPIKey.
func WithAPIKey(key string) Option { return func(s *Server) { s.key = key } }

// WithClock makes the fake read the time from now, for created_at,
// updated_at and the other timestamps it sets. Default: time.Now.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.clock = now } }

// WithCurrency sets the site currency: the currency of balances when neither
// the request nor the customer's preferred_currency_code names one.
// Default: DefaultCurrency.
func WithCurrency(code string) Option { return func(s *Server) { s.currency = code } }

// WithDefaultBusinessEntity sets the business entity a customer is linked
// to when it is created without the chargebee-business-entity-id header or
// business_entity_id parameter. Default: none (such customers carry no
// business_entity_id).
func WithDefaultBusinessEntity(id string) Option { return func(s *Server) { s.entity = id } }

// WithEntitlementsDisabled makes the fake answer the customer entitlements
// endpoint as Chargebee does on a site where it has not been enabled (it is
// off by default): a 400 saying the operation is not enabled.
func WithEntitlementsDisabled() Option { return func(s *Server) { s.noEnts = true } }

// Request is one request the fake received, as returned by Requests.
type Request struct {
	// Method is GET or POST.
	Method string
	// Path is the request path as sent, still escaped, for example
	// "/api/v2/customers/a%2Fb".
	Path string
	// Action is the catalog id of the action the request was routed to, for
	// example "customer.create", "customer_v1.add_account_credits" or
	// "promotional_credit.list"; empty when no action matched.
	Action string
	// Params holds the decoded query (GET) or form body (POST).
	Params url.Values
	// Body is the request body exactly as received: the form body of a
	// POST, byte for byte, so that tests can compare the attempts of a
	// retried call. It is empty for a GET.
	Body []byte
	// Header holds the request headers, with the Authorization value
	// replaced by "Basic <masked>".
	Header http.Header
	// Status is the HTTP status the fake answered with; 0 when it sent no
	// answer (DropConnectionNext, or the client gave up during Delay).
	Status int
	// Replayed is true when the answer was replayed from the idempotency
	// store.
	Replayed bool
	// Injected is true when the answer came from FailNext/FailNextWith or
	// the connection was dropped by DropConnectionNext.
	Injected bool
}

type faultKind int

const (
	faultFail faultKind = iota
	faultDrop
)

type fault struct {
	kind       faultKind
	n          int
	err        *APIError
	retryAfter string
}

// NewServer starts a fake on 127.0.0.1 for the test and closes it when the
// test ends (t.Cleanup). It fails the test if the server cannot start.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("chargebeetest: %v", err)
	}
	s.tb = t
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake on 127.0.0.1 outside a test, for example in an example
// program. Call Close when done.
func Start(opts ...Option) (*Server, error) {
	s := &Server{
		key:      DefaultAPIKey,
		site:     DefaultSite,
		currency: DefaultCurrency,
		clock:    time.Now,
		done:     make(chan struct{}),
		hc:       &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.key == "" {
		return nil, fmt.Errorf("chargebeetest: the API key must not be empty")
	}
	if err := s.ev.wh.initErr; err != nil {
		return nil, err
	}
	s.st = newState()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("chargebeetest: listening on 127.0.0.1: %w", err)
	}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.Config.ConnState = s.conns.track
	s.srv.Start()
	return s, nil
}

// Close shuts the server down. Requests waiting in a Delay are answered at
// once with 503, and a client that stalls in the middle of sending a
// request does not hold Close: the read fails and the request is refused.
// Close may be called more than once.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.done)
		_ = s.srv.Listener.Close() // no new connections from here on
		s.conns.expireReads()
		s.srv.Close()
		s.hc.CloseIdleConnections()
		s.ev.wh.stop()
	})
}

// closing reports whether Close has been called.
func (s *Server) closing() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// URL returns the base URL of the fake, for example "http://127.0.0.1:41234",
// for chargebee.WithBaseURL (the SDK appends /api/v2 or /api/v1).
func (s *Server) URL() string { return s.srv.URL }

// APIKey returns the API key the fake accepts.
func (s *Server) APIKey() string { return s.key }

// Client returns an API v2 client pointed at the fake, with its key and
// short retry waits (1ms to 20ms) so that tests with injected faults run
// fast. It sends through a transport of the fake's own, so it reaches the
// fake also while httpmock.Activate holds http.DefaultTransport. opts are
// applied after these defaults and may override them.
// Invalid opts fail the test (or panic outside a test).
func (s *Server) Client(opts ...chargebee.Option) *chargebee.Client {
	return s.newClient(chargebee.APIv2, opts)
}

// ClientV1 is Client for API v1, the version of the account-credit actions.
func (s *Server) ClientV1(opts ...chargebee.Option) *chargebee.Client {
	return s.newClient(chargebee.APIv1, opts)
}

func (s *Server) newClient(v chargebee.APIVersion, opts []chargebee.Option) *chargebee.Client {
	all := append([]chargebee.Option{
		chargebee.WithBaseURL(s.URL()),
		chargebee.WithHTTPClient(s.hc),
		chargebee.WithAPIVersion(v),
		chargebee.WithRetryWait(time.Millisecond, 20*time.Millisecond),
	}, opts...)
	c, err := chargebee.NewClient(s.site, s.key, all...)
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Fatalf("chargebeetest: creating a client: %v", err)
		}
		panic("chargebeetest: creating a client: " + err.Error())
	}
	return c
}

// FailNext makes the next n requests fail with status and Chargebee's error
// JSON for it (see StatusError), with a Retry-After header when retryAfter
// is not empty (for example "1" or an HTTP date). The requests are not
// processed. Faults queue up in call order with DropConnectionNext and
// FailNextWith. A status outside 200 to 599 is refused: it fails the test
// of a server from NewServer (call FailNext from the test's goroutine) and
// panics on a server from Start.
func (s *Server) FailNext(n int, status int, retryAfter string) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if !s.answerable("FailNext", status) {
		return
	}
	s.addFault(fault{kind: faultFail, n: n, err: statusError(status), retryAfter: retryAfter})
}

// FailNextWith makes the next n requests fail with e, unprocessed. A zero
// e.Status means 400; other statuses outside 200 to 599 are refused as by
// FailNext.
func (s *Server) FailNextWith(n int, e APIError) {
	if s.tb != nil {
		s.tb.Helper()
	}
	if e.Status == 0 {
		e.Status = http.StatusBadRequest
	}
	if !s.answerable("FailNextWith", e.Status) {
		return
	}
	s.addFault(fault{kind: faultFail, n: n, err: &e})
}

// answerable reports whether the fake can answer with status. net/http
// panics on a status outside 100 to 999, which the client would only see
// as a dropped connection, and a 1xx status is sent as an interim answer
// followed by 200; so anything outside 200 to 599 fails the server's test
// at the caller's line (or panics there, outside a test).
func (s *Server) answerable(method string, status int) bool {
	if status >= 200 && status <= 599 {
		return true
	}
	msg := fmt.Sprintf("chargebeetest: %s: %d is not a status the fake can answer with (200 to 599)", method, status)
	if s.tb == nil {
		panic(msg)
	}
	s.tb.Helper()
	s.tb.Fatalf("%s", msg)
	return false
}

// DropConnectionNext makes the fake read each of the next n requests in
// full, process it as usual (its effects happen and its answer is stored
// under its idempotency key), and then close the connection without sending
// the answer: the client sees a connection error after the server acted,
// the case idempotency keys exist for.
func (s *Server) DropConnectionNext(n int) {
	s.addFault(fault{kind: faultDrop, n: n})
}

func (s *Server) addFault(f fault) {
	if f.n <= 0 {
		return
	}
	s.fmu.Lock()
	s.faults = append(s.faults, f)
	s.fmu.Unlock()
}

// Delay makes the fake wait d before handling each request, until Delay(0).
// A client that gives up during the wait (timeout, cancelled context) leaves
// the request unprocessed.
func (s *Server) Delay(d time.Duration) {
	s.fmu.Lock()
	s.delay = max(d, 0)
	s.fmu.Unlock()
}

// ClearFaults drops pending FailNext, FailNextWith and DropConnectionNext
// faults and the Delay.
func (s *Server) ClearFaults() {
	s.fmu.Lock()
	s.faults, s.delay = nil, 0
	s.fmu.Unlock()
}

func (s *Server) takeFault() (fault, time.Duration, bool) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	d := s.delay
	if len(s.faults) == 0 {
		return fault{}, d, false
	}
	f := s.faults[0]
	s.faults[0].n--
	if s.faults[0].n == 0 {
		s.faults = s.faults[1:]
	}
	return f, d, true
}

// Requests returns a copy of the requests received so far, in the order
// they were answered.
func (s *Server) Requests() []Request {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	out := make([]Request, len(s.reqs))
	for i, r := range s.reqs {
		r.Params = cloneValues(r.Params)
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// RequestsFor returns the received requests routed to the catalog action id
// (for example "customer.create").
func (s *Server) RequestsFor(action string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Action == action {
			out = append(out, r)
		}
	}
	return out
}

// ClearRequests forgets the requests received so far.
func (s *Server) ClearRequests() {
	s.rmu.Lock()
	s.reqs = nil
	s.rmu.Unlock()
}

// Reset empties the fake: its data (customers, credits, entitlements,
// idempotency keys, events), pending faults and delay, the request log,
// queued webhook deliveries and the delivery log. The webhook stays set,
// and event ids keep counting up, so no id is handed out twice.
func (s *Server) Reset() {
	s.mu.Lock()
	s.st = newState()
	s.mu.Unlock()
	s.ClearFaults()
	s.ClearRequests()
	s.ev.wh.reset()
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// response is an answer the fake prepared.
type response struct {
	status int
	header http.Header
	body   []byte
}

func errorResponse(e *APIError) *response {
	return &response{status: e.Status, header: http.Header{}, body: e.body()}
}

// ServeHTTP handles one request: it logs it, applies injected faults and
// delay, then authenticates, routes, validates and runs the action.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.serveDownload(w, r) {
		return
	}
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	rec := Request{Method: r.Method, Path: r.URL.EscapedPath(), Header: maskedHeader(r.Header), Body: bytes.Clone(body)}
	values, parseErr := requestValues(r, body)
	rec.Params = values
	if a, _, err := route(r.Method, rec.Path); err == nil {
		rec.Action = a.ID
	}

	f, delay, hasFault := s.takeFault()
	if delay > 0 {
		t := time.NewTimer(delay)
		gaveUp := false
		select {
		case <-t.C:
		case <-r.Context().Done():
			gaveUp = true
		case <-s.done:
		}
		t.Stop()
		// Close also ends the request's context (it ends the connection's
		// reads), so a closed server answers even when the context ended.
		if s.closing() {
			s.writeResponse(w, errorResponse(statusError(http.StatusServiceUnavailable)))
			rec.Status = http.StatusServiceUnavailable
			s.log(rec)
			return
		}
		if gaveUp {
			s.log(rec)
			return
		}
	}

	var resp *response
	var overBudget *response
	if !hasFault {
		overBudget = s.spendBudget()
	}
	switch {
	case overBudget != nil:
		resp = overBudget
	case hasFault && f.kind == faultFail:
		resp = errorResponse(f.err)
		if f.retryAfter != "" {
			resp.header.Set("Retry-After", f.retryAfter)
		}
		rec.Injected = true
	case readErr != nil:
		resp = errorResponse(&APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "could not read the request body"})
	case len(body) > maxBody:
		resp = errorResponse(&APIError{Status: http.StatusRequestEntityTooLarge, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "request body too large"})
	default:
		resp = s.handle(r, body, values, parseErr)
	}
	rec.Replayed = resp.header.Get("chargebee-idempotency-replayed") == "true"

	if hasFault && f.kind == faultDrop {
		rec.Injected = true
		s.log(rec)
		dropConnection(w)
		return
	}
	rec.Status = resp.status
	s.log(rec)
	s.writeResponse(w, resp)
}

func (s *Server) log(r Request) {
	s.rmu.Lock()
	s.reqs = append(s.reqs, r)
	s.rmu.Unlock()
}

func (s *Server) writeResponse(w http.ResponseWriter, resp *response) {
	h := w.Header()
	for k, vs := range resp.header {
		h[k] = vs
	}
	h.Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

// dropConnection closes the connection without writing an answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

func maskedHeader(h http.Header) http.Header {
	out := h.Clone()
	if out.Get("Authorization") != "" {
		out.Set("Authorization", "Basic <masked>")
	}
	return out
}

// requestValues decodes the query (GET) or the form body (POST). On POST
// a query string is returned as an error: parameters belong in the body.
func requestValues(r *http.Request, body []byte) (url.Values, *APIError) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return url.Values{}, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "malformed query string: " + err.Error()}
	}
	if r.Method != http.MethodPost {
		return q, nil
	}
	if len(q) > 0 {
		return q, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Param: firstKey(q), Message: "parameters of a POST request belong in the form body, not the query string"}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return url.Values{}, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return url.Values{}, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "the body must be application/x-www-form-urlencoded"}
		}
	} else {
		return url.Values{}, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "a request body needs Content-Type: application/x-www-form-urlencoded"}
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return v, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "invalid_request", Message: "malformed form body: " + err.Error()}
	}
	return v, nil
}

func firstKey(v url.Values) string {
	for k := range v {
		return k
	}
	return ""
}

// authorized checks Basic auth: the key as user name, empty password.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	const prefix = "Basic "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len(prefix):]))
	if err != nil {
		return false
	}
	user, pass, ok := strings.Cut(string(raw), ":")
	return ok && pass == "" && subtle.ConstantTimeCompare([]byte(user), []byte(s.key)) == 1
}

// handle authenticates, routes, validates and runs one request.
func (s *Server) handle(r *http.Request, body []byte, values url.Values, parseErr *APIError) *response {
	if !s.authorized(r) {
		return errorResponse(statusError(http.StatusUnauthorized))
	}
	a, ids, e := route(r.Method, r.URL.EscapedPath())
	if e != nil {
		return errorResponse(e)
	}
	if parseErr != nil {
		return errorResponse(parseErr)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st

	key := r.Header.Get("chargebee-idempotency-key")
	fingerprint := ""
	if r.Method == http.MethodPost && key != "" {
		if len(key) > 100 {
			return errorResponse(paramError("chargebee-idempotency-key", "cannot be more than 100 characters"))
		}
		fingerprint = r.Method + " " + r.URL.EscapedPath() + "\n" + string(body)
		if prev, ok := st.idem[key]; ok {
			if prev.fingerprint != fingerprint {
				e := statusError(http.StatusUnprocessableEntity)
				e.Message = "the idempotency key was already used with a different request"
				return errorResponse(e)
			}
			replay := &response{status: prev.resp.status, header: prev.resp.header.Clone(), body: prev.resp.body}
			replay.header.Set("chargebee-idempotency-replayed", "true")
			return replay
		}
	}

	resp := s.run(st, a, ids, r, values)
	if fingerprint != "" && resp.status < 500 && resp.status != http.StatusTooManyRequests {
		st.idem[key] = idemEntry{fingerprint: fingerprint, resp: resp}
	}
	return resp
}

// run validates the parameters and calls the action's handler.
func (s *Server) run(st *state, a *actionSpec, ids []string, r *http.Request, values url.Values) *response {
	p, e := parseParams(a, values)
	if e != nil {
		return errorResponse(e)
	}
	c := &call{s: s, st: st, a: a, ids: ids, p: p, now: s.clock().Unix()}
	if a.Version == "v2" {
		c.entity = r.Header.Get("chargebee-business-entity-id")
	}
	h := handlers[a.ID]
	if h == nil {
		return errorResponse(&APIError{Status: http.StatusNotImplemented, Type: "operation_failed", APIErrorCode: "internal_error", Message: a.ID + " is not implemented by the fake"})
	}
	out, err := withEvents(r, h)(c)
	if err != nil {
		return errorResponse(err)
	}
	b, jerr := marshal(out)
	if jerr != nil {
		return errorResponse(&APIError{Status: http.StatusInternalServerError, Type: "operation_failed", APIErrorCode: "internal_error", Message: "encoding the response: " + jerr.Error()})
	}
	return &response{status: http.StatusOK, header: http.Header{}, body: b}
}

// route finds the action for method and escaped path and returns it with
// the unescaped path ids.
func route(method, escaped string) (*actionSpec, []string, *APIError) {
	var version string
	switch {
	case strings.HasPrefix(escaped, "/api/v2/"):
		version = "v2"
	case strings.HasPrefix(escaped, "/api/v1/"):
		version = "v1"
	default:
		return nil, nil, &APIError{Status: http.StatusNotFound, Type: "invalid_request", APIErrorCode: "resource_not_found", Message: "no such endpoint: paths start with /api/v2/ or /api/v1/"}
	}
	segs := strings.Split(escaped[len("/api/v2/"):], "/")
	raw := make([]string, len(segs))
	for i, seg := range segs {
		u, err := url.PathUnescape(seg)
		if err != nil || u == "" {
			return nil, nil, &APIError{Status: http.StatusNotFound, Type: "invalid_request", APIErrorCode: "resource_not_found", Message: "no such endpoint"}
		}
		raw[i] = u
	}
	var best *actionSpec
	var bestIDs []string
	bestLiterals := -1
	methodMismatch := false
	for _, a := range loadSpec().Actions {
		if a.Version != version || len(a.segments) != len(segs) {
			continue
		}
		var ids []string
		literals := 0
		ok := true
		for i, want := range a.segments {
			if strings.HasPrefix(want, "{") {
				ids = append(ids, raw[i])
				continue
			}
			// A literal segment must match as sent, not after unescaping,
			// so that an id "move" escaped in any way is still an id.
			if segs[i] != want {
				ok = false
				break
			}
			literals++
		}
		if !ok {
			continue
		}
		if a.Method != method {
			methodMismatch = true
			continue
		}
		if literals > bestLiterals {
			best, bestIDs, bestLiterals = a, ids, literals
		}
	}
	if best == nil {
		if methodMismatch {
			e := statusError(http.StatusMethodNotAllowed)
			e.Message = method + " is not supported on " + escaped
			return nil, nil, e
		}
		return nil, nil, &APIError{Status: http.StatusNotFound, Type: "invalid_request", APIErrorCode: "resource_not_found", Message: "no such endpoint: " + method + " " + escaped}
	}
	return best, bestIDs, nil
}

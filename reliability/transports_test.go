package reliability_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// bodyCounter is a RoundTripper that counts the response bodies it hands
// out and how many of them were closed, to prove that no call leaves a body
// (and with it a connection) open.
type bodyCounter struct {
	base           http.RoundTripper
	requests       atomic.Int64 // requests sent
	opened, closed atomic.Int64
}

func (c *bodyCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	resp, err := c.base.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		c.opened.Add(1)
		resp.Body = &countedBody{ReadCloser: resp.Body, closed: &c.closed}
	}
	return resp, err
}

// open returns the number of bodies handed out and not closed.
func (c *bodyCounter) open() int64 { return c.opened.Load() - c.closed.Load() }

type countedBody struct {
	io.ReadCloser
	once   sync.Once
	closed *atomic.Int64
}

func (b *countedBody) Close() error {
	b.once.Do(func() { b.closed.Add(1) })
	return b.ReadCloser.Close()
}

// newBodyCounter wraps a transport of its own (so that a test can close
// its idle connections) in a bodyCounter.
func newBodyCounter(t testing.TB) *bodyCounter {
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	return &bodyCounter{base: base}
}

// urlRecorder is a RoundTripper that records the URL of every request and
// answers 404 resource_not_found, so that a test can see where a call
// would have gone without any network.
type urlRecorder struct {
	mu     sync.Mutex
	urls   []string // scheme://host + escaped path (query dropped)
	bodies []string
}

func (r *urlRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	r.mu.Lock()
	r.urls = append(r.urls, req.URL.Scheme+"://"+req.URL.Host+req.URL.EscapedPath())
	r.bodies = append(r.bodies, string(body))
	r.mu.Unlock()
	return jsonResponse(req, http.StatusNotFound, `{"message":"not found","type":"invalid_request","api_error_code":"resource_not_found","http_status_code":404}`), nil
}

func (r *urlRecorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.urls...)
}

// staticBody is a RoundTripper that answers every request with one status
// and body, counting the requests.
type staticBody struct {
	status int
	body   []byte
	calls  atomic.Int64
}

func (s *staticBody) RoundTrip(req *http.Request) (*http.Response, error) {
	s.calls.Add(1)
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return jsonResponse(req, s.status, string(s.body)), nil
}

func jsonResponse(req *http.Request, status int, body string) *http.Response {
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json;charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader([]byte(body))),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// testKey is the API key of the clients that do not talk to the fake.
const testKey = "test_reliability_key"

// offlineClient returns a client of the action's API version that sends
// through rt, for site acme-test.
func offlineClient(t testing.TB, a action, rt http.RoundTripper, opts ...chargebee.Option) *chargebee.Client {
	t.Helper()
	v := chargebee.APIv2
	if a.v1 {
		v = chargebee.APIv1
	}
	all := append([]chargebee.Option{chargebee.WithHTTPClient(&http.Client{Transport: rt}), chargebee.WithAPIVersion(v)}, opts...)
	cb, err := chargebee.NewClient("acme-test", testKey, all...)
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

// Package testutil holds the httpmock harness the resource packages' tests
// share: a client whose transport records every request and answers from a
// queue of canned replies, and checks of the exact wire output.
package testutil

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/jarcoal/httpmock"
)

// Sent is one request as it reached the transport.
type Sent struct {
	Method string
	Path   string // escaped, as on the wire
	Query  url.Values
	Form   url.Values
	Header http.Header
}

// Reply is a canned response.
type Reply struct {
	Status int
	Body   string
}

// OK is a single 200 reply with body.
func OK(body string) []Reply { return []Reply{{Status: 200, Body: body}} }

// Mock is a client wired to an httpmock transport that records every request
// and answers with the queued replies in turn (the last one repeats).
type Mock struct {
	T       *testing.T
	MT      *httpmock.MockTransport
	CB      *chargebee.Client
	mu      sync.Mutex
	reqs    []Sent
	replies []Reply
}

// NewMock returns a Mock whose client has retries off unless opts turn them
// on.
func NewMock(t *testing.T, replies []Reply, opts ...chargebee.Option) *Mock {
	t.Helper()
	m := &Mock{T: t, MT: httpmock.NewMockTransport(), replies: replies}
	m.MT.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		s := Sent{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone()}
		if req.Body != nil {
			b, err := io.ReadAll(req.Body)
			if err != nil {
				return nil, err
			}
			if s.Form, err = url.ParseQuery(string(b)); err != nil {
				t.Errorf("body is not a form: %q", b)
			}
		}
		m.mu.Lock()
		defer m.mu.Unlock()
		r := m.replies[min(len(m.reqs), len(m.replies)-1)]
		m.reqs = append(m.reqs, s)
		resp := httpmock.NewStringResponse(r.Status, r.Body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	all := append([]chargebee.Option{chargebee.WithHTTPClient(&http.Client{Transport: m.MT}), chargebee.WithMaxRetries(0)}, opts...)
	cb, err := chargebee.NewClient("acme-test", "test_key", all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	m.CB = cb
	return m
}

// Requests returns what was sent so far.
func (m *Mock) Requests() []Sent {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Sent(nil), m.reqs...)
}

// Only returns the single request sent, failing otherwise.
func (m *Mock) Only() Sent {
	m.T.Helper()
	reqs := m.Requests()
	if len(reqs) != 1 {
		m.T.Fatalf("sent %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// NothingSent fails unless the transport saw no request.
func (m *Mock) NothingSent() {
	m.T.Helper()
	if n := m.MT.GetTotalCallCount(); n != 0 {
		m.T.Fatalf("sent %d requests, want none", n)
	}
}

// Expect checks method, escaped path and the full set of query (GET) or form
// (POST) values of got.
func Expect(t *testing.T, got Sent, method, path string, values url.Values) {
	t.Helper()
	if got.Method != method || got.Path != path {
		t.Fatalf("sent %s %s, want %s %s", got.Method, got.Path, method, path)
	}
	actual := got.Query
	if method == http.MethodPost {
		if len(got.Query) != 0 {
			t.Fatalf("POST with a query: %v", got.Query)
		}
		actual = got.Form
		if ct := got.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=utf-8" {
			t.Fatalf("Content-Type = %q", ct)
		}
	}
	if len(actual) == 0 && len(values) == 0 {
		return
	}
	if !reflect.DeepEqual(actual, values) {
		t.Fatalf("values:\n got  %v\n want %v", actual, values)
	}
}

// Fixture reads testdata/name of the calling package.
func Fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Package testutil holds the httpmock harness the resource packages' tests
// share: a client whose transport records every request and answers from a
// queue of canned replies or a handler, and checks of the exact wire output.
package testutil

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/jarcoal/httpmock"
)

// Sent is one request as it reached the transport.
type Sent struct {
	Method string
	Path   string // escaped, as on the wire
	Query  url.Values
	Form   url.Values // the parsed body, for requests with one
	Body   string     // the body as sent
	Header http.Header
}

// Reply is a canned response.
type Reply struct {
	Status int
	Body   string
}

// OK is a single 200 reply with body.
func OK(body string) []Reply { return []Reply{{Status: 200, Body: body}} }

// Handler answers one request with a status and a JSON body.
type Handler func(req *http.Request) (status int, body string)

// Respond returns a Handler that answers every request with status and
// body.
func Respond(status int, body string) Handler {
	return func(*http.Request) (int, string) { return status, body }
}

// Mock is a client wired to an httpmock transport that records every request
// and answers it through a Handler.
type Mock struct {
	T    *testing.T
	MT   *httpmock.MockTransport
	CB   *chargebee.Client
	mu   sync.Mutex
	reqs []Sent
}

// NewMock returns a Mock that answers with the queued replies in turn (the
// last one repeats). Its client has retries off unless opts turn them on.
func NewMock(t *testing.T, replies []Reply, opts ...chargebee.Option) *Mock {
	t.Helper()
	var mu sync.Mutex
	n := 0
	return NewMockFunc(t, func(*http.Request) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		r := replies[min(n, len(replies)-1)]
		n++
		return r.Status, r.Body
	}, opts...)
}

// NewMockFunc returns a Mock that answers every request with h, after
// recording it. Its client has retries off unless opts turn them on.
func NewMockFunc(t *testing.T, h Handler, opts ...chargebee.Option) *Mock {
	t.Helper()
	m := &Mock{T: t, MT: httpmock.NewMockTransport()}
	m.MT.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		s := Sent{Method: req.Method, Path: req.URL.EscapedPath(), Header: req.Header.Clone()}
		var err error
		if s.Query, err = url.ParseQuery(req.URL.RawQuery); err != nil {
			t.Errorf("query is not valid: %q", req.URL.RawQuery)
		}
		if req.Body != nil {
			b, err := io.ReadAll(req.Body)
			if err != nil {
				return nil, err
			}
			s.Body = string(b)
			if s.Form, err = url.ParseQuery(s.Body); err != nil {
				t.Errorf("body is not a form: %q", b)
			}
		}
		m.mu.Lock()
		m.reqs = append(m.reqs, s)
		m.mu.Unlock()
		status, body := h(req)
		resp := httpmock.NewStringResponse(status, body)
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

// NewClient is NewMockFunc for tests that keep the client, the transport
// and the record of requests apart.
func NewClient(t *testing.T, h Handler, opts ...chargebee.Option) (*chargebee.Client, *httpmock.MockTransport, *Mock) {
	t.Helper()
	m := NewMockFunc(t, h, opts...)
	return m.CB, m.MT, m
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

// Last returns the latest request sent, failing when none was.
func (m *Mock) Last() Sent {
	m.T.Helper()
	reqs := m.Requests()
	if len(reqs) == 0 {
		m.T.Fatal("no request was sent")
	}
	return reqs[len(reqs)-1]
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

// DroppingServerURL returns the URL of a loopback listener that closes every
// connection as soon as it is accepted, so every attempt fails without an
// answer. Unlike a closed port, its address cannot be taken over by another
// test's server while the test runs.
func DroppingServerURL(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	return "http://" + ln.Addr().String()
}

// FormValues returns the form req sends, parsed: what Client.Do encodes it
// to.
func FormValues(req any) (url.Values, error) {
	a, ok := req.(form.Appender)
	if !ok {
		return nil, fmt.Errorf("%T has no AppendForm method", req)
	}
	b, err := form.Bytes(a)
	if err != nil {
		return nil, err
	}
	return url.ParseQuery(string(b))
}

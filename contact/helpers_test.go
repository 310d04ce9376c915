package contact

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

// sent is one request as it reached the transport.
type sent struct {
	Method string
	Path   string // escaped, as on the wire
	Query  url.Values
	Form   url.Values
	Header http.Header
}

// reply is a canned response.
type reply struct {
	status int
	body   string
}

// mock is a client wired to an httpmock transport that records every request
// and answers with the queued replies in turn (the last one repeats).
type mock struct {
	t       *testing.T
	mt      *httpmock.MockTransport
	cb      *chargebee.Client
	mu      sync.Mutex
	reqs    []sent
	replies []reply
}

func newMock(t *testing.T, replies []reply, opts ...chargebee.Option) *mock {
	t.Helper()
	m := &mock{t: t, mt: httpmock.NewMockTransport(), replies: replies}
	m.mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		s := sent{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone()}
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
		resp := httpmock.NewStringResponse(r.status, r.body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	all := append([]chargebee.Option{chargebee.WithHTTPClient(&http.Client{Transport: m.mt}), chargebee.WithMaxRetries(0)}, opts...)
	cb, err := chargebee.NewClient("acme-test", "test_key", all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	m.cb = cb
	return m
}

func ok(body string) []reply { return []reply{{status: 200, body: body}} }

// requests returns what was sent so far.
func (m *mock) requests() []sent {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]sent(nil), m.reqs...)
}

// only returns the single request sent, failing otherwise.
func (m *mock) only() sent {
	m.t.Helper()
	reqs := m.requests()
	if len(reqs) != 1 {
		m.t.Fatalf("sent %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// nothingSent fails unless the transport saw no request.
func (m *mock) nothingSent() {
	m.t.Helper()
	if n := m.mt.GetTotalCallCount(); n != 0 {
		m.t.Fatalf("sent %d requests, want none", n)
	}
}

// expect checks method, escaped path and the full set of query or form values.
func expect(t *testing.T, got sent, method, path string, values url.Values) {
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

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

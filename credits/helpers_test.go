package credits_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

// call is what the mock server saw of one request.
type call struct {
	Method string
	Path   string     // escaped path
	Query  url.Values // parsed query
	Form   url.Values // parsed form body (POST)
	Body   string
	Header http.Header
}

type recorder struct {
	mu    sync.Mutex
	calls []call
}

func (r *recorder) all() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

// handler answers one request with a status and a body.
type handler func(req *http.Request) (int, string)

func respond(status int, body string) handler {
	return func(*http.Request) (int, string) { return status, body }
}

// newClient returns a client whose every request goes to h through an
// httpmock transport, and what the transport recorded. Retries are off
// unless opts turn them on.
func newClient(t *testing.T, h handler, opts ...chargebee.Option) (*chargebee.Client, *httpmock.MockTransport, *recorder) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	rec := &recorder{}
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		c := call{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone()}
		if req.Body != nil {
			b, err := io.ReadAll(req.Body)
			if err != nil {
				return nil, err
			}
			c.Body = string(b)
			if c.Form, err = url.ParseQuery(c.Body); err != nil {
				return nil, err
			}
		}
		rec.mu.Lock()
		rec.calls = append(rec.calls, c)
		rec.mu.Unlock()
		status, body := h(req)
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	all := append([]chargebee.Option{
		chargebee.WithHTTPClient(&http.Client{Transport: mt}),
		chargebee.WithMaxRetries(0),
	}, opts...)
	cb, err := chargebee.NewClient("acme-test", "test_key", all...)
	if err != nil {
		t.Fatal(err)
	}
	return cb, mt, rec
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

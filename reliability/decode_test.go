package reliability_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// bodyCapture is a RoundTripper that keeps the body of the first response
// it sees.
type bodyCapture struct {
	base  http.RoundTripper
	mu    sync.Mutex
	first []byte
}

func (c *bodyCapture) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.first == nil {
		c.first = b
	}
	c.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

// validBodies runs every action once against a fresh fake and returns the
// body of its first response, by action name: real answers to cut up and
// to seed the fuzz targets with.
func validBodies(t testing.TB) map[string][]byte {
	t.Helper()
	// The answers are the same for every caller (the decode test and each
	// fuzz target): they are captured once, by the first caller's fixtures.
	valid.Do(func() {
		out := map[string][]byte{}
		for _, a := range allActions() {
			f := newFixture(t)
			a.setup(t, f)
			capture := &bodyCapture{base: http.DefaultTransport}
			if _, err := a.run(context.Background(), f.client(a, chargebee.WithHTTPClient(&http.Client{Transport: capture}))); err != nil {
				t.Fatalf("%s: %v", a.name, err)
			}
			out[a.name] = capture.first
		}
		valid.bodies = out
	})
	if valid.bodies == nil {
		t.Fatal("the actions' valid answers could not be captured (see the first test that asked for them)")
	}
	return valid.bodies
}

// valid holds the answers validBodies captured.
var valid struct {
	sync.Once
	bodies map[string][]byte // nil when the capture failed
}

// badBodies are 200 answers that are not the JSON an action returns. valid
// is a real answer of the action.
func badBodies(valid []byte) []struct {
	name string
	body []byte
} {
	return []struct {
		name string
		body []byte
	}{
		{"empty", nil},
		{"whitespace", []byte(" \r\n\t ")},
		{"truncated in the middle", valid[:len(valid)/2]},
		{"truncated by one byte", valid[:len(valid)-1]},
		{"HTML", []byte(`<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`)},
		{"invalid JSON", []byte(`{"customer": {"id": "c1",}, "list": [}`)},
		{"null", []byte(`null`)},
		{"array", []byte(`[]`)},
		{"string", []byte(`"ok"`)},
		{"number", []byte(`42`)},
		{"empty object", []byte(`{}`)},
		{"keys of the wrong type", []byte(`{"customer":[],"list":{},"hierarchies":1,"promotional_credit":"x","resource_migration":5,"transaction":true,"payment_source":[]}`)},
		{"null keys", []byte(`{"customer":null,"list":null,"hierarchies":null,"promotional_credit":null,"resource_migration":null,"transaction":null,"payment_source":null}`)},
		{"list with a null entry", []byte(`{"list":[null]}`)},
		{"list with an empty entry", []byte(`{"list":[{}]}`)},
		{"valid then garbage", append(append([]byte(nil), valid...), "<html>"...)},
		{"two documents", append(append([]byte(nil), valid...), valid...)},
	}
}

// TestBadSuccessBodiesOnEveryAction covers scenario 7 for every action's
// decoder: a 200 whose body is empty, truncated, HTML, invalid JSON, JSON
// of another shape, or a valid answer with trailing bytes. What must hold:
//   - the caller gets a *chargebee.DecodeError with status 200, the method
//     and the path of the request, all named in its message;
//   - no result is returned with it (never a half-filled success), and a
//     List yields the error with a nil entry;
//   - the 200 is not retried, and its body is closed.
func TestBadSuccessBodiesOnEveryAction(t *testing.T) {
	t.Parallel()
	valid := validBodies(t)
	for _, a := range allActions() {
		prefix := "/api/v2"
		if a.v1 {
			prefix = "/api/v1"
		}
		for _, b := range badBodies(valid[a.name]) {
			t.Run(a.name+"/"+b.name, func(t *testing.T) {
				t.Parallel()
				static := &staticBody{status: 200, body: b.body}
				counter := &bodyCounter{base: static}
				res, err := a.run(context.Background(), offlineClient(t, a, counter))
				var de *chargebee.DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("err = %v (%T), want *chargebee.DecodeError; result %+v", err, err, res)
				}
				if de.StatusCode != 200 || de.Method != a.method || de.Path != prefix+a.path {
					t.Errorf("DecodeError{%s %s %d}, want %s %s 200", de.Method, de.Path, de.StatusCode, a.method, prefix+a.path)
				}
				if msg := err.Error(); !strings.Contains(msg, prefix+a.path) || !strings.Contains(msg, "status 200") || !strings.Contains(msg, a.method) {
					t.Errorf("err = %q, want the method, path and status in it", msg)
				}
				if !isNil(res) {
					t.Errorf("result %+v returned with the error", res)
				}
				if n := static.calls.Load(); n != 1 {
					t.Errorf("%d requests, want 1: a 200 is not retried", n)
				}
				if counter.open() != 0 {
					t.Errorf("%d bodies left open", counter.open())
				}
			})
		}
	}
}

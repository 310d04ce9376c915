package chargebeetest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// answer is a decoded response of the fake.
type answer struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// str returns the string at a dotted path ("customer.id", "list.0.customer.id").
func (a answer) str(path string) string {
	v, _ := dig(a.body, path).(string)
	return v
}

// num returns the number at a dotted path.
func (a answer) num(path string) int64 {
	switch v := dig(a.body, path).(type) {
	case json.Number:
		n, _ := v.Int64()
		return n
	}
	return -1 << 62
}

func (a answer) has(path string) bool { return dig(a.body, path) != nil }

func (a answer) len(path string) int {
	l, _ := dig(a.body, path).([]any)
	return len(l)
}

func dig(v any, path string) any {
	if path == "" {
		return v
	}
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// send makes one raw HTTP request to the fake with its key. path is
// relative to /api/v2 unless it starts with /api/. headers are name, value
// pairs.
func send(t testing.TB, s *chargebeetest.Server, method, path string, params url.Values, headers ...string) answer {
	t.Helper()
	return sendAs(t, s, s.APIKey(), method, path, params, headers...)
}

func sendAs(t testing.TB, s *chargebeetest.Server, key, method, path string, params url.Values, headers ...string) answer {
	t.Helper()
	if !strings.HasPrefix(path, "/api/") {
		path = "/api/v2" + path
	}
	return sendRaw(t, s, key, method, path, params, headers...)
}

// sendRaw is sendAs with path taken as it is, below the fake's URL.
func sendRaw(t testing.TB, s *chargebeetest.Server, key, method, path string, params url.Values, headers ...string) answer {
	t.Helper()
	u := s.URL() + path
	var body io.Reader
	if method == http.MethodGet {
		if len(params) > 0 {
			u += "?" + params.Encode()
		}
	} else {
		body = strings.NewReader(params.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if key != "" {
		req.SetBasicAuth(key, "")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	res, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: res.StatusCode, header: res.Header, raw: raw}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&a.body); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %v: %s", method, path, err, raw)
	}
	return a
}

// must checks the status of an answer.
func must(t testing.TB, a answer, status int) answer {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.raw)
	}
	return a
}

// mustParamError checks a Chargebee 400 naming param.
func mustParamError(t testing.TB, a answer, param string) {
	t.Helper()
	if a.status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", a.status, a.raw)
	}
	if got := a.str("param"); got != param {
		t.Fatalf("param %q, want %q: %s", got, param, a.raw)
	}
	if a.str("type") != "invalid_request" || a.str("api_error_code") == "" || a.str("message") == "" {
		t.Fatalf("not a Chargebee error body: %s", a.raw)
	}
}

// readCatalog decodes the API catalog the fake's wire table is built from
// into v.
func readCatalog(t testing.TB, v any) {
	t.Helper()
	raw, err := os.ReadFile("../internal/gen/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

func vals(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// fixedClock is a settable clock for WithClock, safe for concurrent use.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(unix int64) *fixedClock { return &fixedClock{t: time.Unix(unix, 0)} }

func (c *fixedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// createCustomer creates a customer over raw HTTP and returns its id.
func createCustomer(t testing.TB, s *chargebeetest.Server, kv ...string) string {
	t.Helper()
	a := must(t, send(t, s, "POST", "/customers", vals(kv...)), 200)
	return a.str("customer.id")
}

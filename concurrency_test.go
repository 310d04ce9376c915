package chargebee_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// TestConcurrentCallsDuring429Storm runs 64 goroutines on one client, first
// through a storm of 429 responses and then on a healthy server. Run with
// -race. It checks that every call ends (success or the real 429), that the
// total number of attempts stays within the retry budget, that each call
// keeps its own idempotency key, and that connections are reused.
func TestConcurrentCallsDuring429Storm(t *testing.T) {
	t.Parallel()
	const (
		goroutines = 64
		calls      = 5
		retries    = 3
		stormSize  = 400 // the first 400 attempts get 429
	)
	var attempts, conns, closed atomic.Int32
	var keysMu sync.Mutex
	keys := map[string]string{} // idempotency key → body of its first attempt
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := attempts.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Method == "POST" {
			key := r.Header.Get("chargebee-idempotency-key")
			keysMu.Lock()
			if prev, ok := keys[key]; ok && prev != string(body) {
				t.Errorf("key %s sent with two bodies: %q and %q", key, prev, body)
			}
			keys[key] = string(body)
			keysMu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json")
		if n <= stormSize {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"message":"too many requests","api_error_code":"api_request_limit_exceeded"}`)
			return
		}
		_, _ = io.WriteString(w, customerJSON)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			conns.Add(1)
		case http.StateClosed:
			closed.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL),
		chargebee.WithMaxRetries(retries), chargebee.WithRetryWait(time.Millisecond, 10*time.Millisecond),
		chargebee.WithBusinessEntity("be_1"))
	if err != nil {
		t.Fatal(err)
	}
	run := func() (ok, limited int32) {
		var okN, limitedN atomic.Int32
		var wg sync.WaitGroup
		for g := 0; g < goroutines; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < calls; i++ {
					var out customerResult
					var resp chargebee.Response
					method := "GET"
					if (g+i)%2 == 0 {
						method = "POST"
					}
					p := &params{FirstName: chargebee.String("g" + strconv.Itoa(g) + "-" + strconv.Itoa(i))}
					err := cb.Do(context.Background(), method, "/customers", p, &out, chargebee.WithResponse(&resp),
						chargebee.WithOriginUser("user"+strconv.Itoa(g)+"@example.com"))
					switch {
					case err == nil:
						if out.Customer.ID != "cust_1" || resp.StatusCode != 200 {
							t.Errorf("out %+v resp %+v", out, resp)
						}
						okN.Add(1)
					case errors.Is(err, chargebee.ErrRateLimited):
						var ce *chargebee.Error
						if !errors.As(err, &ce) || ce.Attempts != retries+1 {
							t.Errorf("rate-limited call: %v", err)
						}
						limitedN.Add(1)
					default:
						t.Errorf("unexpected error: %v", err)
					}
				}
			}(g)
		}
		wg.Wait()
		return okN.Load(), limitedN.Load()
	}

	ok, limited := run()
	if ok+limited != goroutines*calls {
		t.Errorf("storm: %d ok + %d rate limited, want %d calls", ok, limited, goroutines*calls)
	}
	if n := attempts.Load(); n > goroutines*calls*(retries+1) {
		t.Errorf("storm: %d attempts, more than the budget of %d", n, goroutines*calls*(retries+1))
	}
	before, connsBefore := attempts.Load(), conns.Load()
	// net/http may dial a few extra connections while 64 goroutines start
	// at once, or while a finished response hands its connection back;
	// more than two per goroutine would mean connections are not reused.
	if connsBefore > 2*goroutines {
		t.Errorf("storm: %d connections for %d goroutines and %d attempts", connsBefore, goroutines, before)
	}
	ok, limited = run()
	if ok != goroutines*calls || limited != 0 {
		t.Errorf("after the storm: %d ok, %d rate limited", ok, limited)
	}
	if n := attempts.Load() - before; n != goroutines*calls {
		t.Errorf("after the storm: %d attempts for %d calls", n, goroutines*calls)
	}
	// The pool kept the storm's connections: calls that gave up closed
	// none of them. A client that closed its idle connections whenever a
	// call gave up closes well over a hundred here; a correct one closes
	// none, or on a loaded machine now and then one, so a few are allowed.
	// (How many new connections the second round dials depends on how
	// many calls the scheduler lets overlap in each round, so it is not
	// counted.)
	if c := closed.Load(); c > goroutines/8 {
		t.Errorf("%d connections closed during %d calls, want them kept for reuse", c, 2*goroutines*calls)
	}
}

// TestClientsAreIndependent runs two differently configured clients side by
// side: nothing is global.
func TestClientsAreIndependent(t *testing.T) {
	t.Parallel()
	cbA, _, recA := newMockClient(t, []reply{{status: 200, body: "{}"}}, chargebee.WithBusinessEntity("be_a"))
	mtB := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mtB.add(r)
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	cbB, err := chargebee.NewClient("other-site", "other_key", chargebee.WithBaseURL(srv.URL), chargebee.WithAPIVersion(chargebee.APIv1))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); _ = cbA.Do(context.Background(), "GET", "/customers", nil, nil) }()
		go func() { defer wg.Done(); _ = cbB.Do(context.Background(), "GET", "/customers", nil, nil) }()
	}
	wg.Wait()
	for _, r := range recA.all() {
		if r.Header.Get("Authorization") != testAuth || r.Header.Get("chargebee-business-entity-id") != "be_a" || r.Path != "/api/v2/customers" {
			t.Errorf("client A sent %s with %v", r.Path, r.Header)
		}
	}
	for _, r := range mtB.all() {
		if r.Header.Get("Authorization") != "Basic b3RoZXJfa2V5Og==" || r.Header.Get("chargebee-business-entity-id") != "" || r.Path != "/api/v1/customers" {
			t.Errorf("client B sent %s with %v", r.Path, r.Header)
		}
	}
	if len(recA.all()) != 16 || len(mtB.all()) != 16 {
		t.Errorf("A %d, B %d requests", len(recA.all()), len(mtB.all()))
	}
}

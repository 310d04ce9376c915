package reliability_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// splitmix64 spreads request numbers into well-mixed pseudo-random rolls,
// so that faults fall the same way in every run without clustering.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// faultyFront sits in front of the fake and fails a share of the requests
// it receives: 5% get a 429 and 5% a 503 (the fake never sees them), 1%
// lose their connection before the fake sees them and 1% after the fake
// processed them (their effect happened; only the answer is lost).
type faultyFront struct {
	fake                         *chargebeetest.Server
	n                            atomic.Uint64
	limited, unavailable, before atomic.Int64
	after                        atomic.Int64
}

func (h *faultyFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	roll := splitmix64(h.n.Add(1)) % 100
	switch {
	case roll < 5:
		h.limited.Add(1)
		h.fail(w, r, http.StatusTooManyRequests)
	case roll < 10:
		h.unavailable.Add(1)
		h.fail(w, r, http.StatusServiceUnavailable)
	case roll < 11:
		h.before.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		hangUp(w)
	case roll < 12:
		h.after.Add(1)
		h.fake.ServeHTTP(httptest.NewRecorder(), r)
		hangUp(w)
	default:
		h.fake.ServeHTTP(w, r)
	}
}

func (h *faultyFront) fail(w http.ResponseWriter, r *http.Request, status int) {
	_, _ = io.Copy(io.Discard, r.Body)
	body, _ := chargebeetest.StatusError(status).MarshalJSON()
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("Retry-After", "0")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (h *faultyFront) drops() int64 { return h.before.Load() + h.after.Load() }

// hangUp closes the connection without an answer (with a reset).
func hangUp(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

// typedError reports whether err is one a caller can act on: Chargebee's
// answer, a decode failure, a timeout or a closed or reset connection.
func typedError(err error) bool {
	var ce *chargebee.Error
	var de *chargebee.DecodeError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &de) || errors.As(err, &ne) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// expected is what a worker knows it did to one customer.
type expected struct {
	exists   bool
	balance  int64
	entries  int // promotional credit entries
	contacts int
	parent   string
	// lastCredit is the id of the last promotional credit added.
	lastCredit string
	uncertain  bool // a call on it failed; its state is not exact
}

// loadCalls is how many calls each of the 64 goroutines of
// TestLoadThroughFaults makes. 50 calls (5 customers each, about 3,600
// requests with some 360 injected 429s and 503s and 70 dropped connections)
// exercise every fault on every kind of call under full concurrency; the
// per-action tests cover each fault on each action deterministically. Run
// more with, for example:
//
//	go test -race -run TestLoadThroughFaults ./reliability -load-calls=200
var loadCalls = flag.Int("load-calls", 50, "calls per goroutine in TestLoadThroughFaults (a multiple of 10)")

// TestLoadThroughFaults covers scenario 8: 64 goroutines make mixed calls
// (-load-calls each: creates, credits, contacts, links, updates, retrieves
// and lists of every package) through one client, against the fake behind a
// front that answers 10% of the requests with 429 or 503 and drops 2% of
// the connections, half of them after the fake processed the request. Run
// it with -race. What must hold:
//   - every call succeeds with a complete result or returns a typed error
//     (*chargebee.Error, *chargebee.DecodeError, a timeout or a closed
//     connection), and failures stay rare with 8 retries;
//   - no duplicate effect: the fake processed each idempotency key at most
//     once, and every customer has exactly the credits, credit entries,
//     contacts and parent of the calls that succeeded on it;
//   - connections are reused: the TCP connections opened stay within the
//     number of dropped connections plus two per goroutine;
//   - request values shared by all goroutines are only read, never written.
func TestLoadThroughFaults(t *testing.T) {
	t.Parallel()
	const workers = 64
	calls := *loadCalls
	if calls < 10 || calls%10 != 0 || calls > 1000 {
		t.Fatalf("-load-calls=%d: want a multiple of 10 from 10 to 1000", calls)
	}
	fx := newFixture(t)
	fx.srv.SetEntitlements("ents", seedEntitlements...)
	front := &faultyFront{fake: fx.srv}
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(front)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	cb, err := chargebee.NewClient(chargebeetest.DefaultSite, fx.srv.APIKey(), chargebee.WithBaseURL(srv.URL),
		chargebee.WithMaxRetries(8), chargebee.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	customers, contacts, rels := customer.NewService(cb), contact.NewService(cb), relationship.NewService(cb)
	creds, ents := credits.NewService(cb), entitlement.NewService(cb)
	// Requests shared by every goroutine: the SDK must only read them (the
	// race detector sees any write), so they end as they started.
	sharedList := customer.NewListRequest().SetLimit(5)
	sharedContacts := contact.NewListRequest().SetLimit(1)

	var failures atomic.Int64
	states := make([]map[string]*expected, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			mine := map[string]*expected{}
			states[w] = mine
			root := fmt.Sprintf("w%02d-c00", w)
			var current string
			for i := range calls {
				k := i / 10
				id := fmt.Sprintf("w%02d-c%02d", w, k)
				if i%10 == 0 {
					current = id
					mine[id] = &expected{}
				}
				e := mine[current]
				var res any
				var err error
				complete := func(ok bool) {
					if err == nil && !ok {
						t.Errorf("call %d of worker %d: incomplete result %+v", i, w, res)
					}
				}
				switch i % 10 {
				case 0:
					var r *customer.CreateResult
					r, err = customers.Create(ctx, customer.NewCreateRequest().SetID(id).SetEmail(id+"@load.test"))
					res = r
					complete(r != nil && r.Customer != nil && r.Customer.ID == id)
					if err == nil {
						e.exists = true
					}
				case 1:
					var r *credits.Result
					r, err = creds.Add(ctx, credits.NewAddRequest().SetCustomerID(current).SetAmount(10).SetDescription("load"))
					res = r
					complete(r != nil && r.Customer != nil && r.PromotionalCredit != nil)
					if err == nil {
						e.balance += 10
						e.entries++
						e.lastCredit = r.PromotionalCredit.ID
					}
				case 2, 6:
					var r *contact.AddResult
					r, err = contacts.Add(ctx, current, contact.NewAddRequest().SetEmail(fmt.Sprintf("%s-%d@load.test", current, i)))
					res = r
					complete(r != nil && r.Customer != nil)
					if err == nil {
						e.contacts++
					}
				case 3:
					if k%2 == 0 {
						var r *customer.RetrieveResult
						r, err = customers.Retrieve(ctx, current)
						res = r
						complete(r != nil && r.Customer != nil && r.Customer.ID == current)
					} else {
						var r *entitlement.Set
						r, err = ents.Load(ctx, "ents")
						res = r
						complete(r != nil && r.Len() == len(seedEntitlements))
					}
				case 4:
					var r *customer.UpdateResult
					r, err = customers.Update(ctx, current, customer.NewUpdateRequest().SetFirstName(fmt.Sprint("n", i)))
					res = r
					complete(r != nil && r.Customer != nil)
				case 5:
					var r *chargebee.Page[customer.ListEntry]
					r, err = customers.ListPage(ctx, sharedList)
					res = r
					complete(r != nil && len(r.Items) > 0 && len(r.Items) <= 5 && r.Items[0].Customer != nil)
				case 7:
					if current == root {
						var r *credits.Result
						r, err = creds.Deduct(ctx, credits.NewDeductRequest().SetCustomerID(current).SetAmount(3).SetDescription("load"))
						res = r
						complete(r != nil && r.Customer != nil)
						if err == nil {
							e.balance -= 3
							e.entries++
						}
					} else {
						var r *relationship.LinkResult
						r, err = rels.Link(ctx, current, relationship.NewLinkRequest().SetParentID(root))
						res = r
						complete(r != nil && r.Customer != nil)
						if err == nil {
							e.parent = root
						}
					}
				case 8:
					var n int
					for _, lerr := range contacts.List(ctx, current, sharedContacts) {
						if lerr != nil {
							err = lerr
							break
						}
						n++
					}
					complete(e.uncertain || n == e.contacts)
				case 9:
					// The fake filters credit lists by rendering every entry;
					// a retrieve keeps the run short while still reading
					// what case 1 wrote.
					if e.lastCredit == "" {
						var r *customer.RetrieveResult
						r, err = customers.Retrieve(ctx, current)
						res = r
						complete(r != nil && r.Customer != nil)
						break
					}
					var r *credits.RetrieveResult
					r, err = creds.Retrieve(ctx, e.lastCredit)
					res = r
					complete(r != nil && r.PromotionalCredit != nil && r.PromotionalCredit.ID == e.lastCredit && r.PromotionalCredit.Amount == 10)
				}
				if err != nil {
					failures.Add(1)
					e.uncertain = true
					if !typedError(err) {
						t.Errorf("call %d of worker %d: untyped error %T: %v", i, w, err, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if *sharedList.Limit != 5 || sharedList.Offset != nil || *sharedContacts.Limit != 1 || sharedContacts.Offset != nil {
		t.Errorf("shared requests changed: %+v %+v", sharedList, sharedContacts)
	}
	took := time.Since(start)
	total := int64(workers * calls)
	t.Logf("%d calls in %v; front: %d requests, %d 429, %d 503, %d dropped (%d after processing); %d TCP connections; %d failed calls",
		total, took.Round(time.Millisecond), front.n.Load(), front.limited.Load(), front.unavailable.Load(), front.drops(), front.after.Load(), conns.Load(), failures.Load())
	if f := failures.Load(); f > total/100 {
		t.Errorf("%d of %d calls failed through 8 retries", f, total)
	}
	if front.limited.Load() == 0 || front.unavailable.Load() == 0 || front.before.Load() == 0 || front.after.Load() == 0 {
		t.Fatal("the front injected no faults of some kind")
	}
	if c, limit := conns.Load(), front.drops()+2*workers; c > limit {
		t.Errorf("%d TCP connections opened for %d dropped ones and %d goroutines: connections are not reused", c, front.drops(), workers)
	}

	// No idempotency key was processed twice.
	perKey := map[string]int{}
	for _, r := range fx.srv.Requests() {
		if key := r.Header.Get(idemHeader); key != "" && r.Method == "POST" && !r.Replayed {
			perKey[key]++
		}
	}
	for key, n := range perKey {
		if n > 1 {
			t.Errorf("idempotency key %s processed %d times", key, n)
		}
	}

	// Every customer holds exactly the effects of the calls that succeeded.
	seen := 0
	for entry, err := range customer.NewService(fx.v2).List(context.Background(), customer.NewListRequest().SetLimit(100)) {
		if err != nil {
			t.Fatal(err)
		}
		c := entry.Customer
		var w int
		if c.ID == "ents" {
			continue // the customer the entitlements are seeded on
		}
		if _, err := fmt.Sscanf(c.ID, "w%02d-", &w); err != nil || w >= workers {
			t.Errorf("unexpected customer %q", c.ID)
			continue
		}
		e := states[w][c.ID]
		if e == nil {
			t.Errorf("customer %s was never created by its worker", c.ID)
			continue
		}
		seen++
		if e.uncertain {
			continue
		}
		parent := ""
		if c.Relationship != nil {
			parent = c.Relationship.ParentID
		}
		if !e.exists || c.PromotionalCredits != e.balance || len(c.Contacts) != e.contacts || parent != e.parent {
			t.Errorf("customer %s: credits %d, contacts %d, parent %q; want %d, %d, %q", c.ID, c.PromotionalCredits, len(c.Contacts), parent, e.balance, e.contacts, e.parent)
		}
	}
	created := 0
	for _, m := range states {
		for id, e := range m {
			if e.exists {
				created++
			} else if !e.uncertain {
				t.Errorf("customer %s: creation neither succeeded nor failed", id)
			}
		}
	}
	if seen < created || seen > workers*calls/10 {
		t.Errorf("fake holds %d customers, %d creates succeeded", seen, created)
	}
	entries := 0
	for _, err := range credits.NewService(fx.v2).List(context.Background(), credits.NewListRequest().SetLimit(100)) {
		if err != nil {
			t.Fatal(err)
		}
		entries++
	}
	want := 0
	for _, m := range states {
		for _, e := range m {
			want += e.entries
		}
	}
	if entries != want && failures.Load() == 0 {
		t.Errorf("%d promotional credit entries, want %d: a credit was applied twice or lost", entries, want)
	}
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Errorf("front at %s, want loopback", srv.URL)
	}
}

package reliability_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/billingkit/chargebee-go/relationship"
)

const idemHeader = "chargebee-idempotency-key"

// processed reports whether the fake acted on a logged request: it was
// neither answered from the idempotency store nor failed by an injected
// fault (a dropped connection is processed before it is dropped).
func processed(r chargebeetest.Request) bool {
	return !r.Replayed && (!r.Injected || r.Status == 0)
}

// stormFaults queues the storm of the issue on the fake: a 429 with
// Retry-After: 1, a 503, and a connection dropped after the request was
// read and processed.
func stormFaults(s *chargebeetest.Server) {
	s.FailNext(1, http.StatusTooManyRequests, "1")
	s.FailNext(1, http.StatusServiceUnavailable, "")
	s.DropConnectionNext(1)
}

// stormEffects are explicit checks, for the actions that create or add
// something, that the fake holds exactly one effect after a stormy call.
// (Every action is also compared with a single clean call as a whole.)
var stormEffects = map[string]func(t *testing.T, f *fixture){
	"customer.Create":      oneCustomer("new1"),
	"customer.Create (v1)": oneCustomer("new1"),
	"customer.Move":        oneCustomer(""),
	"relationship.CreateChild": func(t *testing.T, f *fixture) {
		c := retrieve(t, f, "kid1")
		if c.Relationship == nil || c.Relationship.ParentID != "p1" {
			t.Errorf("kid1 relationship = %+v, want parent p1", c.Relationship)
		}
		if n := countCustomers(t, f); n != 2 {
			t.Errorf("%d customers, want p1 and kid1", n)
		}
	},
	"contact.Add":      oneContact,
	"contact.Add (v1)": oneContact,
	"credits.Add": func(t *testing.T, f *fixture) {
		if c := retrieve(t, f, "c1"); c.PromotionalCredits != 1000 {
			t.Errorf("balance %d, want 1000 credited once", c.PromotionalCredits)
		}
		n := 0
		for _, err := range credits.NewService(f.v2).List(context.Background(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 1 {
			t.Errorf("%d promotional credit entries, want 1", n)
		}
	},
	"credits.AddAccountCredits (v1)": func(t *testing.T, f *fixture) {
		if c := retrieve(t, f, "c1"); c.PromotionalCredits != 500 {
			t.Errorf("balance %d, want 500 credited once", c.PromotionalCredits)
		}
	},
	"customer.RecordExcessPayment": func(t *testing.T, f *fixture) {
		if c := retrieve(t, f, "c1"); c.ExcessPayments != 500 {
			t.Errorf("excess payments %d, want 500 recorded once", c.ExcessPayments)
		}
	},
	"relationship.Link": func(t *testing.T, f *fixture) {
		c := retrieve(t, f, "c1")
		if c.Relationship == nil || c.Relationship.ParentID != "p1" {
			t.Errorf("c1 relationship = %+v, want parent p1", c.Relationship)
		}
		h, err := relationship.NewService(f.v2).Hierarchy(context.Background(), "p1", relationship.HierarchyImmediateChildren)
		if err != nil {
			t.Fatal(err)
		}
		children := 0
		for _, e := range h.Hierarchies {
			if e.ParentID == "p1" {
				children++
			}
		}
		if children != 1 {
			t.Errorf("p1 has %d children, want 1: %+v", children, h.Hierarchies)
		}
	},
}

func oneCustomer(id string) func(t *testing.T, f *fixture) {
	return func(t *testing.T, f *fixture) {
		if n := countCustomers(t, f); n != 1 {
			t.Errorf("%d customers, want exactly 1", n)
		}
		if id != "" {
			retrieve(t, f, id)
		}
	}
}

func oneContact(t *testing.T, f *fixture) {
	if c := retrieve(t, f, "c1"); len(c.Contacts) != 1 {
		t.Errorf("c1 has %d contacts, want exactly 1", len(c.Contacts))
	}
}

func retrieve(t *testing.T, f *fixture, id string) *customer.Customer {
	t.Helper()
	res, err := customer.NewService(f.v2).Retrieve(context.Background(), id)
	if err != nil {
		t.Fatalf("retrieve %s: %v", id, err)
	}
	return res.Customer
}

func countCustomers(t *testing.T, f *fixture) int {
	t.Helper()
	n := 0
	for _, err := range customer.NewService(f.v2).List(context.Background(), customer.NewListRequest().SetLimit(100).SetIncludeDeleted(true)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

// TestRetryStormOnEveryPOST covers scenarios 1 and 2 for every POST action
// of every package. The fake fails the first three attempts of the call
// with 429 (Retry-After: 1), 503, and a connection dropped after the fake
// processed the request. What must hold:
//   - the call succeeds, answered from the idempotency store on the fourth
//     attempt;
//   - all four attempts carry the same idempotency key (generated on API v2,
//     the caller's on API v1, where none is generated) and byte-identical
//     bodies, as the fake's request log shows;
//   - the fake processed the request exactly once, and its whole state
//     equals that of a single clean call: one customer, one contact, one
//     credit, one relationship, never two;
//   - the 1-second Retry-After was honoured but capped at the client's
//     maximum wait (50ms), and the other waits stayed within it (the waits
//     are recorded, not slept).
func TestRetryStormOnEveryPOST(t *testing.T) {
	t.Parallel()
	const maxWait = 50 * time.Millisecond
	ctx := context.Background()
	for _, a := range postActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			clean := newFixture(t)
			a.setup(t, clean)
			if _, err := a.run(ctx, clean.client(a, chargebee.WithMaxRetries(0))); err != nil {
				t.Fatalf("clean call: %v", err)
			}
			want := clean.snapshot(t)

			f := newFixture(t)
			a.setup(t, f)
			f.srv.ClearRequests()
			stormFaults(f.srv)
			var resp chargebee.Response
			opts := []chargebee.RequestOption{chargebee.WithResponse(&resp)}
			if a.v1 {
				opts = append(opts, chargebee.WithIdempotencyKey("storm-"+strings.ReplaceAll(a.name, " ", "")))
			}
			cb := f.client(a, chargebee.WithMaxRetries(3), chargebee.WithRetryWait(time.Millisecond, maxWait))
			waits := &testutil.WaitLog{}
			res, err := a.run(waits.Context(ctx), cb, opts...)
			if err != nil {
				t.Fatalf("stormy call failed: %v", err)
			}
			if err := a.complete(res); err != nil {
				t.Fatal(err)
			}
			if got := waits.All(); len(got) != 3 || got[0] != maxWait || got[1] < 0 || got[1] > maxWait || got[2] < 0 || got[2] > maxWait {
				t.Errorf("waits %v, want the Retry-After capped at %v, then two backoffs within it", got, maxWait)
			}
			if !a.multi && (resp.Attempts != 4 || !resp.IdempotencyReplayed || resp.StatusCode != 200) {
				t.Errorf("response %+v, want 4 attempts ending in a replayed 200", resp)
			}

			reqs := f.srv.RequestsFor(a.fake)
			if len(reqs) != 4 {
				t.Fatalf("fake saw %d attempts of %s, want 4", len(reqs), a.fake)
			}
			key := reqs[0].Header.Get(idemHeader)
			if key == "" {
				t.Fatal("first attempt carried no idempotency key")
			}
			statuses := []int{429, 503, 0, 200}
			done := 0
			for i, r := range reqs {
				if got := r.Header.Get(idemHeader); got != key {
					t.Errorf("attempt %d key %q, want %q", i+1, got, key)
				}
				if !bytes.Equal(r.Body, reqs[0].Body) {
					t.Errorf("attempt %d body differs:\n%q\n%q", i+1, r.Body, reqs[0].Body)
				}
				if r.Method != "POST" || r.Path != reqs[0].Path {
					t.Errorf("attempt %d: %s %s", i+1, r.Method, r.Path)
				}
				if r.Status != statuses[i] {
					t.Errorf("attempt %d answered %d, want %d", i+1, r.Status, statuses[i])
				}
				if processed(r) {
					done++
				}
			}
			if done != 1 || !reqs[3].Replayed {
				t.Errorf("fake processed the call %d times (last replayed: %v), want once", done, reqs[3].Replayed)
			}
			if got := f.snapshot(t); got != want {
				t.Errorf("state after the storm differs from one clean call:\n got: %s\nwant: %s", got, want)
			}
			if check := stormEffects[a.name]; check != nil {
				check(t, f)
			}
		})
	}
}

// TestRetryStormOnEveryGET puts the same storm on every GET action: the
// call succeeds after four attempts of its first request, which carry no
// idempotency key (GETs need none) and the same query every time.
func TestRetryStormOnEveryGET(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, a := range allActions() {
		if a.post() {
			continue
		}
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			a.setup(t, f)
			f.srv.ClearRequests()
			stormFaults(f.srv)
			res, err := a.run(ctx, f.client(a, chargebee.WithMaxRetries(3), chargebee.WithRetryWait(time.Millisecond, 50*time.Millisecond)))
			if err != nil {
				t.Fatalf("stormy call failed: %v", err)
			}
			if err := a.complete(res); err != nil {
				t.Fatal(err)
			}
			reqs := f.srv.RequestsFor(a.fake)
			if len(reqs) < 4 {
				t.Fatalf("fake saw %d requests, want at least 4", len(reqs))
			}
			for i, r := range reqs[:4] {
				if r.Header.Get(idemHeader) != "" {
					t.Errorf("GET attempt %d carried an idempotency key", i+1)
				}
				if r.Params.Encode() != reqs[0].Params.Encode() || r.Path != reqs[0].Path {
					t.Errorf("attempt %d asked %s?%s, first %s?%s", i+1, r.Path, r.Params.Encode(), reqs[0].Path, reqs[0].Params.Encode())
				}
			}
			if reqs[3].Status != 200 {
				t.Errorf("fourth attempt answered %d", reqs[3].Status)
			}
		})
	}
}

// TestPOSTWithoutKeyIsSentOnce checks the other half of "retried only
// with a key", for every POST action: a POST that carries no idempotency
// key (retries switched off on API v2; API v1, where the SDK generates no
// key, unless the caller gives one) is sent exactly once even when the
// answer is a retryable 503, and the caller gets that 503.
func TestPOSTWithoutKeyIsSentOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, a := range postActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			a.setup(t, f)
			before := f.snapshot(t)
			f.srv.ClearRequests()
			f.srv.FailNext(1, http.StatusServiceUnavailable, "")
			var opts []chargebee.Option
			if !a.v1 {
				opts = append(opts, chargebee.WithMaxRetries(0))
			} // a v1 client keeps its default of 3 retries
			res, err := a.run(ctx, f.client(a, opts...))
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != 503 || ce.Attempts != 1 {
				t.Fatalf("err = %v, want the 503 after one attempt", err)
			}
			if !isNil(res) {
				t.Errorf("result %+v returned with the error", res)
			}
			reqs := f.srv.Requests()
			if len(reqs) != 1 || reqs[0].Header.Get(idemHeader) != "" {
				t.Fatalf("fake saw %d requests (key %q), want one without a key", len(reqs), reqs[0].Header.Get(idemHeader))
			}
			if f.snapshot(t) != before {
				t.Error("the failed call changed the fake's state")
			}
		})
	}
}

package reliability_test

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// cancelLimit is how soon a call must return once its context is
// cancelled. A call that honours its context returns in well under a
// millisecond on a quiet machine; the limit leaves room for a loaded one,
// and stays far below what a call that ignored the cancel would take (the
// fake holds requests for a minute, the backoff asks for 30 seconds).
const cancelLimit = time.Second

// attemptSignal is a RoundTripper that counts attempts and signals when an
// attempt starts, when the whole request has been written to the
// connection, and when its answer (or error) is back.
type attemptSignal struct {
	base                    http.RoundTripper
	attempts                atomic.Int32
	started, sent, returned chan int32
}

func newAttemptSignal(t testing.TB) *attemptSignal {
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	return &attemptSignal{base: base, started: make(chan int32, 64), sent: make(chan int32, 64), returned: make(chan int32, 64)}
}

func (s *attemptSignal) RoundTrip(req *http.Request) (*http.Response, error) {
	n := s.attempts.Add(1)
	s.started <- n
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) {
		if info.Err == nil {
			s.sent <- n
		}
	}}
	resp, err := s.base.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	s.returned <- n
	return resp, err
}

// settle is how long a test waits after a cancelled call returned before it
// checks that nothing more was sent: a correct client sends nothing after
// it returns, so the wait only gives a faulty one a moment to show.
const settle = 10 * time.Millisecond

// await waits for a signal, failing the test after 10 seconds.
func await(t *testing.T, ch <-chan int32, what string) int32 {
	t.Helper()
	select {
	case n := <-ch:
		return n
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s within 10s", what)
		return 0
	}
}

// prompt checks that a call returned within cancelLimit of its context
// being cancelled; measure runs the call and returns that delay.
func prompt(t *testing.T, measure func(t *testing.T) time.Duration) {
	t.Helper()
	within(t, cancelLimit, "after cancel", measure)
}

// within runs measure, a whole scenario that returns how long its timed
// part took, and checks the time is at most limit. A run over the limit is
// repeated, up to three runs: a loaded machine can delay one run by a
// scheduling hiccup, while the faults these limits catch (a wait that
// ignores its context or its cap) make every run seconds too slow. A run
// over 5 seconds is not repeated.
func within(t *testing.T, limit time.Duration, what string, measure func(t *testing.T) time.Duration) {
	t.Helper()
	var seen []time.Duration
	for range 3 {
		d := measure(t)
		if t.Failed() {
			return
		}
		seen = append(seen, d)
		if d <= limit {
			return
		}
		if d > 5*time.Second {
			break
		}
	}
	t.Errorf("took %v %s, want at most %v", seen, what, limit)
}

// cancelled is the outcome of a call started by startCall.
type cancelled struct {
	res      any
	err      error
	returned time.Time
}

// startCall calls the action in a goroutine and reports its outcome and
// the time it returned.
func startCall(ctx context.Context, a action, cb *chargebee.Client, opts ...chargebee.RequestOption) <-chan cancelled {
	done := make(chan cancelled, 1)
	go func() {
		res, err := a.run(ctx, cb, opts...)
		done <- cancelled{res: res, err: err, returned: time.Now()}
	}()
	return done
}

func awaitCall(t *testing.T, done <-chan cancelled) cancelled {
	t.Helper()
	select {
	case c := <-done:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("call still running 10s after cancel")
		return cancelled{}
	}
}

func checkCancelled(t *testing.T, c cancelled) {
	t.Helper()
	if !errors.Is(c.err, context.Canceled) {
		t.Errorf("err = %v, want one matching context.Canceled", c.err)
	}
	if !isNil(c.res) {
		t.Errorf("result %+v returned with the error", c.res)
	}
}

// keyFor gives API v1 POSTs a key of their own, which makes them retryable.
func keyFor(a action) []chargebee.RequestOption {
	if a.v1 && a.post() {
		return []chargebee.RequestOption{chargebee.WithIdempotencyKey("ctx-" + a.fake)}
	}
	return nil
}

// TestCancelDuringRequest covers scenario 5, cancel during a request, for
// every action: the fake holds the request without answering; the
// context is cancelled while the attempt is in flight. What must hold: the
// call returns within cancelLimit of the cancel with an error matching
// context.Canceled and no result, and no other attempt is sent afterwards.
func TestCancelDuringRequest(t *testing.T) {
	t.Parallel()
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			prompt(t, func(t *testing.T) time.Duration {
				f := newFixture(t)
				a.setup(t, f)
				f.srv.Delay(time.Minute)
				sig := newAttemptSignal(t)
				cb := f.client(a, chargebee.WithHTTPClient(&http.Client{Transport: sig}))
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				done := startCall(ctx, a, cb, keyFor(a)...)
				await(t, sig.sent, "request on the wire") // the fake holds it
				at := time.Now()
				cancel()
				c := awaitCall(t, done)
				checkCancelled(t, c)
				time.Sleep(settle)
				if n := sig.attempts.Load(); n != 1 {
					t.Errorf("%d attempts, want 1: something was sent after the cancel", n)
				}
				return c.returned.Sub(at)
			})
		})
	}
}

// TestCancelDuringBackoff covers scenario 5, cancel during a backoff
// sleep, for every action: the first attempt gets a 503 asking for a
// 30-second wait (the client allows a minute), and the context is
// cancelled once the client has begun that wait. What must hold: the call
// returns within cancelLimit of the cancel with an error matching
// context.Canceled and no result, and the retry is never sent.
func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			prompt(t, func(t *testing.T) time.Duration {
				f := newFixture(t)
				a.setup(t, f)
				f.srv.ClearRequests()
				f.srv.FailNext(1, http.StatusServiceUnavailable, "30")
				sig := newAttemptSignal(t)
				cb := f.client(a, chargebee.WithHTTPClient(&http.Client{Transport: sig}), chargebee.WithRetryWait(time.Millisecond, time.Minute))
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				waits := &testutil.WaitLog{Sleep: true, Began: make(chan time.Duration, 1)}
				done := startCall(waits.Context(ctx), a, cb, keyFor(a)...)
				select {
				case d := <-waits.Began: // the client is in its 30s wait
					if d != 30*time.Second {
						t.Errorf("wait %v, want the 30s Retry-After", d)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("no wait began within 10s")
				}
				at := time.Now()
				cancel()
				c := awaitCall(t, done)
				checkCancelled(t, c)
				time.Sleep(settle)
				if n := sig.attempts.Load(); n != 1 || len(f.srv.Requests()) != 1 {
					t.Errorf("%d attempts, fake saw %d: the retry was sent after the cancel", n, len(f.srv.Requests()))
				}
				return c.returned.Sub(at)
			})
		})
	}
}

// TestCancelWhileListing covers scenario 5, cancel during list paging, for
// every List of every package, in two places: between pages (in the loop
// body, after the first entry) and while the second page is in flight.
// What must hold: the iterator yields one error matching context.Canceled
// within cancelLimit of the cancel and then stops; no page is requested after
// the cancel.
func TestCancelWhileListing(t *testing.T) {
	t.Parallel()
	for _, l := range listers() {
		if l.seq == nil {
			continue
		}
		t.Run(l.name+"/between pages", func(t *testing.T) {
			t.Parallel()
			prompt(t, func(t *testing.T) time.Duration {
				f := newFixture(t)
				l.setup(t, f)
				f.srv.ClearRequests()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var at time.Time
				rangeUntilCancelled(t, l.seq(ctx, f.client(l.action()), 1), func() {
					at = time.Now()
					cancel()
				})
				took := time.Since(at)
				if n := len(f.srv.Requests()); n != 1 {
					t.Errorf("%d pages requested, want 1", n)
				}
				return took
			})
		})
		t.Run(l.name+"/page in flight", func(t *testing.T) {
			t.Parallel()
			prompt(t, func(t *testing.T) time.Duration {
				f := newFixture(t)
				l.setup(t, f)
				f.srv.ClearRequests()
				sig := newAttemptSignal(t)
				cb := f.client(l.action(), chargebee.WithHTTPClient(&http.Client{Transport: sig}))
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var at atomic.Int64
				rangeUntilCancelled(t, l.seq(ctx, cb, 1), func() {
					await(t, sig.started, "first page")
					f.srv.Delay(time.Minute)
					go func() {
						// The first page's request was written too.
						for sent := 0; sent < 2; {
							select {
							case <-sig.sent:
								sent++
							case <-time.After(10 * time.Second):
								t.Error("second page not on the wire within 10s")
								sent = 2
							}
						}
						at.Store(time.Now().UnixNano())
						cancel()
					}()
				})
				took := time.Since(time.Unix(0, at.Load()))
				time.Sleep(settle)
				if n := sig.attempts.Load(); n != 2 {
					t.Errorf("%d requests, want 2 (the second abandoned)", n)
				}
				return took
			})
		})
	}
}

// rangeUntilCancelled ranges over seq, calling afterFirst once after the
// first entry (it is expected to cancel the context, at once or later), and
// checks that the iteration gives exactly one entry and then one error: a
// nil entry with context.Canceled.
func rangeUntilCancelled(t *testing.T, seq iter.Seq2[any, error], afterFirst func()) {
	t.Helper()
	entries, errs := 0, 0
	for e, err := range seq {
		if err != nil {
			errs++
			if !errors.Is(err, context.Canceled) || e != nil {
				t.Errorf("yielded %v, %v; want nil and context.Canceled", e, err)
			}
			continue
		}
		entries++
		if entries == 1 {
			afterFirst()
		}
	}
	if entries != 1 || errs != 1 {
		t.Errorf("%d entries and %d errors, want 1 and 1", entries, errs)
	}
}

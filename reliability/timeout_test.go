package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// stallingServer answers nothing in time: with midBody false it never sends
// the headers; with midBody true it sends a 200 with a Content-Length of
// 4096, 20 bytes of JSON, and then nothing. Either way it holds the request
// until the client goes away. It counts the requests it received.
func stallingServer(t *testing.T, midBody bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		if midBody {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "4096")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"customer":{"id":"c`)
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	return srv, &n
}

// report collects the failures of a case that runs outside its own
// subtest, to be replayed in one.
type report struct {
	mu   sync.Mutex
	msgs []string
}

func (r *report) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

// concurrently runs fn for every name at once, each in its own goroutine,
// and then reports each outcome in a subtest of that name. It suits cases
// that mostly wait (on timeouts) and whose bounds are generous: t.Parallel
// would run only GOMAXPROCS of them at a time.
func concurrently(t *testing.T, names []string, fn func(r *report, i int)) {
	t.Helper()
	reports := make([]report, len(names))
	var wg sync.WaitGroup
	for i := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(&reports[i], i)
		}()
	}
	wg.Wait()
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			for _, m := range reports[i].msgs {
				t.Error(m)
			}
		})
	}
}

// TestTimeoutsBoundEveryAction covers scenario 6 for every action, against
// a server that hangs before sending headers and one that stalls in the
// middle of the body. The client allows 150ms per attempt and 2 retries
// with waits of at most 10ms. What must hold:
//   - every attempt is cut off by the per-attempt timeout and retried (3
//     requests are sent: a stall counts like a connection error);
//   - the caller gets an error that is a timeout (net.Error with Timeout()),
//     names the method and path, and comes with no result;
//   - the call takes at least 3 timeouts and at most 3 timeouts plus the
//     waits plus a generous margin for a loaded machine;
//   - nothing is sent after the last attempt, and the bodies of the stalled
//     responses are closed.
func TestTimeoutsBoundEveryAction(t *testing.T) {
	t.Parallel()
	const (
		perAttempt = 150 * time.Millisecond
		maxWait    = 10 * time.Millisecond
		attempts   = 3
		// A call whose timeouts work takes 3 × 150ms plus about 20ms of
		// waits; the margin allows for a loaded machine and is still far
		// below a call the timeout failed to end (the servers hang until
		// the test ends).
		margin = 10 * time.Second
	)
	type tcase struct {
		a       action
		midBody bool
	}
	var cases []tcase
	var names []string
	for _, midBody := range []bool{false, true} {
		for _, a := range allActions() {
			cases = append(cases, tcase{a, midBody})
			mode := "hang before headers/"
			if midBody {
				mode = "stall mid-body/"
			}
			names = append(names, mode+a.name)
		}
	}
	concurrently(t, names, func(r *report, i int) {
		a := cases[i].a
		srv, n := stallingServer(t, cases[i].midBody)
		v := chargebee.APIv2
		prefix := "/api/v2"
		if a.v1 {
			v, prefix = chargebee.APIv1, "/api/v1"
		}
		counter := newBodyCounter(t)
		cb, err := chargebee.NewClient("acme-test", testKey, chargebee.WithBaseURL(srv.URL), chargebee.WithAPIVersion(v),
			chargebee.WithHTTPClient(&http.Client{Transport: counter}), chargebee.WithTimeout(perAttempt), chargebee.WithMaxRetries(attempts-1), chargebee.WithRetryWait(time.Millisecond, maxWait))
		if err != nil {
			r.Errorf("NewClient: %v", err)
			return
		}
		start := time.Now()
		res, err := a.run(context.Background(), cb, keyFor(a)...)
		took := time.Since(start)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			r.Errorf("err = %v, want a timeout", err)
			return
		}
		if msg := err.Error(); !strings.Contains(msg, a.method+" "+prefix+a.path) || !strings.Contains(msg, "3 attempt") {
			r.Errorf("err = %q, want it to name %s %s and 3 attempts", msg, a.method, prefix+a.path)
		}
		var ce *chargebee.Error
		if errors.As(err, &ce) {
			r.Errorf("a timeout reported as a Chargebee answer: %v", err)
		}
		if !isNil(res) {
			r.Errorf("result %+v returned with the error", res)
		}
		if low, high := attempts*perAttempt, attempts*perAttempt+(attempts-1)*maxWait+margin; took < low || took > high {
			r.Errorf("call took %v, want between %v and %v", took, low, high)
		}
		// The client sent exactly the attempts; the server may not have
		// reached the last one before it was cut off, but never sees more.
		if got := counter.requests.Load(); got != attempts {
			r.Errorf("client sent %d requests, want %d", got, attempts)
		}
		time.Sleep(50 * time.Millisecond)
		if got := n.Load(); got > attempts {
			r.Errorf("server saw %d requests, want at most %d", got, attempts)
		}
		// A stalled body is cut off and closed. (On a loaded machine an
		// attempt may time out before even the headers arrive.)
		if counter.open() != 0 || (!cases[i].midBody && counter.opened.Load() != 0) {
			r.Errorf("%d response bodies opened, %d left open", counter.opened.Load(), counter.open())
		}
	})
}

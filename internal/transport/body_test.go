package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestReadBody checks that bodies of every size, with and without a known
// length, are read whole, and that a body shorter than its length fails.
func TestReadBody(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 1, 16<<10 - 1, 16 << 10, 16<<10 + 1, 100 << 10, maxPooledBody + 5} {
		want := bytes.Repeat([]byte("0123456789abcdef"), size/16+1)[:size]
		for _, known := range []bool{false, true} {
			length := int64(-1)
			if known {
				length = int64(size)
			}
			bp, err := readBody(io.NopCloser(bytes.NewReader(want)), length, MaxBodyBytes)
			if err != nil || !bytes.Equal(*bp, want) {
				t.Errorf("size %d, known length %v: read %d bytes, %v", size, known, len(*bp), err)
			}
			putBody(bp)
		}
	}
	bp, err := readBody(io.NopCloser(strings.NewReader("short")), 10, MaxBodyBytes)
	if !errors.Is(err, io.ErrUnexpectedEOF) || string(*bp) != "short" {
		t.Errorf("short body: %q, %v", *bp, err)
	}
}

// TestReadBodyDoesNotTrustHugeLengths checks that a Content-Length far above
// what arrives does not make the client allocate it up front.
func TestReadBodyDoesNotTrustHugeLengths(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	bp, err := readBody(io.NopCloser(strings.NewReader(`{"list":[]}`)), 60<<20, MaxBodyBytes)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) || string(*bp) != `{"list":[]}` {
		t.Fatalf("read %q, %v; want the 11 bytes and io.ErrUnexpectedEOF", *bp, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Errorf("allocated %d bytes for an 11-byte body that declared 60 MiB", grew)
	}
	putBody(bp)
}

// TestResultRelease checks that a released buffer serves later calls
// without leaking old bytes into them, and that Release is safe to repeat.
func TestResultRelease(t *testing.T) {
	t.Parallel()
	bodies := []string{strings.Repeat("a", 50000), "short", strings.Repeat("b", 20000), ""}
	rt := &fakeRT{answer: func(n int, _ *http.Request) (int, string, error) { return 200, bodies[(n-1)%len(bodies)], nil }}
	tr := newTestTransport(rt, 0)
	for i, want := range bodies {
		res, err := tr.Do(context.Background(), testRequest(http.MethodGet, true))
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Body) != want {
			t.Fatalf("call %d: body of %d bytes, want %d", i, len(res.Body), len(want))
		}
		res.Release()
		res.Release()
		if res.Body != nil {
			t.Errorf("call %d: Body kept after Release", i)
		}
	}
	var none *Result
	none.Release()
}

// TestConcurrentBodies checks that calls in flight at the same time never
// share a body buffer.
func TestConcurrentBodies(t *testing.T) {
	t.Parallel()
	rt := &fakeRT{answer: func(_ int, req *http.Request) (int, string, error) {
		id := req.Header.Get("X-Call")
		return 200, strings.Repeat(id+",", 500+len(id)*100), nil
	}}
	tr := newTestTransport(rt, 0)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				id := fmt.Sprintf("g%d-%d", g, i)
				req := testRequest(http.MethodGet, true)
				req.Header = http.Header{"X-Call": {id}}
				res, err := tr.Do(context.Background(), req)
				if err != nil {
					t.Error(err)
					return
				}
				if want := strings.Repeat(id+",", 500+len(id)*100); string(res.Body) != want {
					t.Errorf("%s: got another call's body", id)
				}
				res.Release()
			}
		}()
	}
	wg.Wait()
}

// TestAttemptTimeout checks that the per-attempt timeout is enforced by
// attemptTransport, not by http.Client.Timeout (which costs goroutines per
// request for a wrapped transport), and that running out of it gives a
// timeout error matching context.DeadlineExceeded.
func TestAttemptTimeout(t *testing.T) {
	t.Parallel()
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	rt := &fakeRT{answer: func(n int, req *http.Request) (int, string, error) {
		if n == 1 {
			select {
			case <-req.Context().Done():
				return 0, "", req.Context().Err()
			case <-hang:
			}
		}
		return 200, `{"ok":true}`, nil
	}}
	user := &http.Client{Transport: rt, Timeout: time.Hour}
	tr := New(Config{HTTPClient: user, MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, Timeout: 20 * time.Millisecond})
	if tr.rc.HTTPClient.Timeout != 0 || user.Timeout != time.Hour {
		t.Errorf("http.Client.Timeout = %v (caller's %v), want 0 on the copy", tr.rc.HTTPClient.Timeout, user.Timeout)
	}
	res, err := tr.Do(context.Background(), testRequest(http.MethodGet, true))
	if err != nil || res.Attempts != 2 || string(res.Body) != `{"ok":true}` {
		t.Fatalf("Do = %+v, %v; want the second attempt's body", res, err)
	}

	tr = New(Config{HTTPClient: &http.Client{Transport: &fakeRT{answer: func(_ int, req *http.Request) (int, string, error) {
		<-req.Context().Done()
		return 0, "", req.Context().Err()
	}}}, Timeout: 10 * time.Millisecond})
	_, err = tr.Do(context.Background(), testRequest(http.MethodGet, true))
	var ne interface{ Timeout() bool }
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "per-attempt timeout of 10ms") {
		t.Errorf("err = %v, want a per-attempt timeout", err)
	}
}

// stalledBody sends nothing until its attempt's context ends.
type stalledBody struct{ ctx context.Context }

func (b stalledBody) Read([]byte) (int, error) { <-b.ctx.Done(); return 0, b.ctx.Err() }
func (b stalledBody) Close() error             { return nil }

// TestAttemptTimeoutWhileReading checks that an attempt cut off while its
// body is read reports the timeout and its duration, as one cut off before
// the response does.
func TestAttemptTimeoutWhileReading(t *testing.T) {
	t.Parallel()
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: stalledBody{req.Context()}, ContentLength: -1, Request: req}, nil
	})
	tr := New(Config{HTTPClient: &http.Client{Transport: rt}, Timeout: 10 * time.Millisecond})
	_, err := tr.Do(context.Background(), testRequest(http.MethodGet, true))
	var ne interface{ Timeout() bool }
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "per-attempt timeout of 10ms exceeded") {
		t.Errorf("err = %v, want a per-attempt timeout of 10ms while reading", err)
	}
}

// endless is a body that never ends.
type endless struct{ read int64 }

var spaces = bytes.Repeat([]byte(" "), 64<<10)

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, spaces)
	e.read += int64(n)
	return n, nil
}

// TestReadBodyCap checks that a body over MaxBodyBytes is reported as
// ErrBodyTooLarge, whether its length is declared (nothing is read) or
// not (reading stops just past the cap).
func TestReadBodyCap(t *testing.T) {
	t.Parallel()
	const small = 1 << 20 // a cap small enough to reach quickly
	for _, tt := range []struct {
		name    string
		length  int64
		limit   int64
		maxRead int64
	}{
		{"declared over the cap", MaxBodyBytes + 1, MaxBodyBytes, 0},
		{"declared over a small cap", small + 1, small, 0},
		{"undeclared over a small cap", -1, small, small + 64<<10},
	} {
		src := &endless{}
		bp, err := readBody(io.NopCloser(src), tt.length, tt.limit)
		if !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("%s: err = %v, want ErrBodyTooLarge", tt.name, err)
		}
		if src.read > tt.maxRead {
			t.Errorf("%s: read %d bytes, want at most %d", tt.name, src.read, tt.maxRead)
		}
		putBody(bp)
	}
	// Exactly at the cap is fine.
	want := int64(small)
	for _, length := range []int64{want, -1} {
		bp, err := readBody(io.NopCloser(io.LimitReader(&endless{}, want)), length, small)
		if err != nil || int64(len(*bp)) != want {
			t.Errorf("length %d: read %d bytes, %v; want %d", length, len(*bp), err, want)
		}
	}
}

// TestReadBodyPeakHeap reads a 50 MB body of declared length and samples
// the live heap while it is being read: the peak stays within 1.5 times the
// body (a buffer grown by append peaks at about 3 times).
//
// A body of unknown length (chunked, or decompressed by net/http) cannot be
// read into one buffer of the right size: it is gathered in chunks and
// joined once, which peaks at about twice the body (a buffer doubling as it
// fills peaks at three times).
func TestReadBodyPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 50 MB")
	}
	const size = 50 << 20
	for _, tt := range []struct {
		length int64
		limit  float64 // times the body
	}{{size, 1.5}, {-1, 2.3}} {
		src := &sampler{r: io.LimitReader(&endless{}, size)}
		runtime.GC()
		runtime.ReadMemStats(&src.base)
		bp, err := readBody(io.NopCloser(src), tt.length, MaxBodyBytes)
		if err != nil || len(*bp) != size {
			t.Fatalf("length %d: read %d bytes, %v", tt.length, len(*bp), err)
		}
		src.sample() // after the last copy
		runtime.KeepAlive(bp)
		if limit := uint64(tt.limit * size); src.peak > limit {
			t.Errorf("length %d: heap grew by up to %d MiB reading a %d MiB body, want at most %d MiB", tt.length, src.peak>>20, size>>20, limit>>20)
		}
		t.Logf("length %d: peak heap growth %.2f x the body", tt.length, float64(src.peak)/size)
		bp = nil
	}
}

// sampler reads from r and records the largest growth of the heap in use
// since base, sampled at every read of 1 MiB or more.
type sampler struct {
	r     io.Reader
	base  runtime.MemStats
	peak  uint64
	since int
}

func (s *sampler) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.since += n
	if s.since >= 1<<20 || err != nil {
		s.since = 0
		s.sample()
	}
	return n, err
}

func (s *sampler) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapAlloc > s.base.HeapAlloc {
		s.peak = max(s.peak, m.HeapAlloc-s.base.HeapAlloc)
	}
}

// TestBodyBuffersOutliveCollections checks that released body buffers are
// still there for the next response after garbage collections, which
// empty a sync.Pool. It runs alone: it drains the kept buffers.
func TestBodyBuffersOutliveCollections(t *testing.T) {
	for len(bodyKeep) > 0 {
		<-bodyKeep
	}
	bp := getBody()
	*bp = append(*bp, "a body"...)
	putBody(bp)
	runtime.GC()
	runtime.GC()
	if got := getBody(); got != bp || len(*got) != 0 || cap(*got) < 6 {
		t.Errorf("after two collections got buffer %p (len %d), want the released %p, emptied", got, len(*got), bp)
	}
}

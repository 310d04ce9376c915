package chargebeetest_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
)

const idemHeader = "chargebee-idempotency-key"

func TestIdempotencyReplay(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	body := vals("first_name", "Ann", "email", "ann@acme.com")
	first := must(t, send(t, s, "POST", "/customers", body, idemHeader, "key-1"), 200)
	if first.header.Get("chargebee-idempotency-replayed") != "" {
		t.Fatal("first answer marked replayed")
	}
	again := must(t, send(t, s, "POST", "/customers", body, idemHeader, "key-1"), 200)
	if again.header.Get("chargebee-idempotency-replayed") != "true" {
		t.Fatal("replay not marked")
	}
	if string(again.raw) != string(first.raw) {
		t.Fatalf("replay differs:\n%s\n%s", first.raw, again.raw)
	}
	if n := must(t, send(t, s, "GET", "/customers", nil), 200).len("list"); n != 1 {
		t.Fatalf("%d customers after a replay, want 1", n)
	}
	conflict := send(t, s, "POST", "/customers", vals("first_name", "Bob"), idemHeader, "key-1")
	// Chargebee's specification documents 422 unable_to_process_request
	// for a key reused with another payload.
	if conflict.status != 422 || conflict.str("type") != "invalid_request" || conflict.str("api_error_code") != "unable_to_process_request" ||
		conflict.str("message") == "" {
		t.Fatalf("different body: %s", conflict.raw)
	}
	// Same body on another path is another request too.
	if a := send(t, s, "POST", "/customers/"+first.str("customer.id"), body, idemHeader, "key-1"); a.status != 422 {
		t.Fatalf("same key on another action: %s", a.raw)
	}
	// Errors (other than 5xx and 429) are stored like successes.
	e1 := send(t, s, "POST", "/customers/ghost", body, idemHeader, "key-2")
	e2 := send(t, s, "POST", "/customers/ghost", body, idemHeader, "key-2")
	if e1.status != 404 || e2.status != 404 || e2.header.Get("chargebee-idempotency-replayed") != "true" {
		t.Fatalf("stored error: %d %d %q", e1.status, e2.status, e2.header.Get("chargebee-idempotency-replayed"))
	}
	// Injected failures are not stored: the retry is processed.
	s.FailNext(1, 503, "")
	must(t, send(t, s, "POST", "/customers", vals("id", "k3"), idemHeader, "key-3"), 503)
	a := must(t, send(t, s, "POST", "/customers", vals("id", "k3"), idemHeader, "key-3"), 200)
	if a.header.Get("chargebee-idempotency-replayed") != "" {
		t.Fatal("retry after an injected failure was replayed")
	}
	// GET ignores the header.
	must(t, send(t, s, "GET", "/customers/k3", nil, idemHeader, "key-3"), 200)
	mustParamError(t, send(t, s, "POST", "/customers", nil, idemHeader, strings.Repeat("k", 101)), "chargebee-idempotency-key")
}

// TestRetriesThroughTheSDK drives the SDK client against injected 429,
// 503 and a dropped connection: one call, one customer, one key, one body.
func TestRetriesThroughTheSDK(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	cb := s.Client()
	s.FailNext(1, http.StatusTooManyRequests, "1")
	s.FailNext(1, http.StatusServiceUnavailable, "")
	s.DropConnectionNext(1)
	var resp chargebee.Response
	var out struct {
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
	}
	err := cb.Do(context.Background(), "POST", "/customers", url.Values{"id": {"r1"}, "email": {"r1@acme.com"}}, &out, chargebee.WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if out.Customer.ID != "r1" || resp.Attempts != 4 || !resp.IdempotencyReplayed {
		t.Fatalf("id %q attempts %d replayed %v", out.Customer.ID, resp.Attempts, resp.IdempotencyReplayed)
	}
	reqs := s.RequestsFor("customer.create")
	if len(reqs) != 4 {
		t.Fatalf("%d create requests, want 4", len(reqs))
	}
	key := reqs[0].Header.Get(idemHeader)
	statuses := []int{429, 503, 0, 200}
	for i, r := range reqs {
		if r.Header.Get(idemHeader) != key || key == "" {
			t.Fatalf("attempt %d key %q, first %q", i, r.Header.Get(idemHeader), key)
		}
		if r.Params.Encode() != reqs[0].Params.Encode() {
			t.Fatalf("attempt %d params differ", i)
		}
		if r.Status != statuses[i] {
			t.Fatalf("attempt %d status %d, want %d", i, r.Status, statuses[i])
		}
	}
	if !reqs[0].Injected || !reqs[2].Injected || reqs[3].Injected || !reqs[3].Replayed {
		t.Fatalf("flags: %+v", reqs)
	}
	list := must(t, send(t, s, "GET", "/customers", nil), 200)
	if list.len("list") != 1 {
		t.Fatalf("%d customers, want exactly 1", list.len("list"))
	}

	// Retries exhausted: the caller gets the last status and the
	// Chargebee error.
	s.FailNext(4, http.StatusTooManyRequests, "1")
	err = cb.Do(context.Background(), "GET", "/customers", nil, &struct{}{})
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.HTTPStatusCode != 429 || ce.APIErrorCode != "api_request_limit_exceeded" || ce.Attempts != 4 || ce.Header.Get("Retry-After") != "1" {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, chargebee.ErrRateLimited) {
		t.Fatal("not ErrRateLimited")
	}
}

func TestFailNextWithAndQueueOrder(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	s.FailNextWith(1, chargebeetest.APIError{Status: 400, Type: "invalid_request", APIErrorCode: "configuration_incompatible", Message: "not enabled", Param: "x"})
	s.FailNext(2, 500, "")
	a := send(t, s, "GET", "/customers", nil)
	if a.status != 400 || a.str("api_error_code") != "configuration_incompatible" || a.str("param") != "x" || a.str("error_param") != "x" || a.num("http_status_code") != 400 {
		t.Fatalf("FailNextWith: %s", a.raw)
	}
	for i := 0; i < 2; i++ {
		if a := send(t, s, "GET", "/customers", nil); a.status != 500 || a.str("api_error_code") != "internal_error" || a.str("type") != "operation_failed" {
			t.Fatalf("FailNext %d: %s", i, a.raw)
		}
	}
	must(t, send(t, s, "GET", "/customers", nil), 200)
	// Injected failures come before authentication: they model the server.
	s.FailNext(1, 503, "2")
	if a := sendAs(t, s, "", "GET", "/customers", nil); a.status != 503 || a.header.Get("Retry-After") != "2" {
		t.Fatalf("503 with Retry-After: %d %q", a.status, a.header.Get("Retry-After"))
	}
	s.FailNext(3, 503, "")
	s.ClearFaults()
	must(t, send(t, s, "GET", "/customers", nil), 200)
}

func TestDropConnection(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	s.DropConnectionNext(1)
	req, _ := http.NewRequest("POST", s.URL()+"/api/v2/customers", strings.NewReader("id=dropped"))
	req.SetBasicAuth(s.APIKey(), "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
	if err == nil {
		res.Body.Close()
		t.Fatalf("got an answer %d from a dropped connection", res.StatusCode)
	}
	// The request was read and processed before the connection closed.
	must(t, send(t, s, "GET", "/customers/dropped", nil), 200)
	reqs := s.Requests()
	if len(reqs) < 1 || reqs[0].Params.Get("id") != "dropped" || reqs[0].Status != 0 || !reqs[0].Injected {
		t.Fatalf("log: %+v", reqs)
	}
}

func TestDelay(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	const d = 100 * time.Millisecond
	s.Delay(d)
	start := time.Now()
	must(t, send(t, s, "GET", "/customers", nil), 200)
	// A timer never fires early, so this lower bound holds on any machine.
	if took := time.Since(start); took < d {
		t.Fatalf("answered after %v, want at least %v", took, d)
	}
	// A client that gives up leaves the request unprocessed.
	cb := s.Client(chargebee.WithMaxRetries(0))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := cb.Do(ctx, "POST", "/customers", url.Values{"id": {"late"}}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	time.Sleep(d + 100*time.Millisecond) // past the delay the request would have waited
	for _, r := range s.RequestsFor("customer.create") {
		if r.Status != 0 {
			t.Fatalf("abandoned request answered %d", r.Status)
		}
	}
	// Delay(0) ends a delay: after an hour-long one, the fake answers
	// within a context that allows a minute.
	s.Delay(time.Hour)
	s.Delay(0)
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := cb.Do(ctx, "GET", "/customers", nil, nil); err != nil {
		t.Fatalf("Delay(0) still delays: %v", err)
	}
	must(t, send(t, s, "GET", "/customers/late", nil), 404)
}

func TestDelayEndsOnClose(t *testing.T) {
	t.Parallel()
	s, err := chargebeetest.Start()
	if err != nil {
		t.Fatal(err)
	}
	s.Delay(time.Hour)
	done := make(chan int)
	go func() {
		req, _ := http.NewRequest("GET", s.URL()+"/api/v2/customers", nil)
		req.SetBasicAuth(s.APIKey(), "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	time.Sleep(30 * time.Millisecond)
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close blocked on a delayed request")
	}
	if st := <-done; st != 503 && st != 0 {
		t.Fatalf("delayed request answered %d", st)
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	cb := s.Client()
	err := cb.Do(context.Background(), "GET", "/customers", url.Values{"email[is]": {"a@b.c"}, "limit": {"5"}}, &struct{}{},
		chargebee.WithOriginUser("user@acme.com"), chargebee.WithBusinessEntityID("be_1"))
	if err != nil {
		t.Fatal(err)
	}
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Method != "GET" || r.Path != "/api/v2/customers" || r.Action != "customer.list" || r.Status != 200 {
		t.Fatalf("request: %+v", r)
	}
	want := url.Values{"email[is]": {"a@b.c"}, "limit": {"5"}}
	if r.Params.Encode() != want.Encode() {
		t.Fatalf("params %v", r.Params)
	}
	if got := r.Header.Get("Authorization"); got != "Basic <masked>" {
		t.Fatalf("Authorization logged as %q", got)
	}
	for _, rr := range s.Requests() {
		for _, vs := range rr.Header {
			for _, v := range vs {
				if strings.Contains(v, s.APIKey()) {
					t.Fatal("API key in the request log")
				}
			}
		}
	}
	if r.Header.Get("chargebee-request-origin-user") != "user@acme.com" || r.Header.Get(beHeader) != "be_1" {
		t.Fatalf("headers: %v", r.Header)
	}
	// The log is a copy.
	reqs[0].Params.Set("limit", "99")
	if s.Requests()[0].Params.Get("limit") != "5" {
		t.Fatal("Requests returned shared state")
	}
	must(t, send(t, s, "POST", "/customers", vals("id", "x")), 200)
	got := s.RequestsFor("customer.create")
	if len(got) != 1 || got[0].Params.Get("id") != "x" || string(got[0].Body) != "id=x" {
		t.Fatalf("RequestsFor: %+v", got)
	}
	got[0].Body[0] = 'X'
	if string(s.RequestsFor("customer.create")[0].Body) != "id=x" {
		t.Fatal("Requests returned a shared body")
	}
	if len(r.Body) != 0 {
		t.Fatalf("GET logged a body %q", r.Body)
	}
	s.ClearRequests()
	if len(s.Requests()) != 0 {
		t.Fatal("ClearRequests kept requests")
	}
	s.Reset()
	must(t, send(t, s, "GET", "/customers/x", nil), 404)
}

// TestConcurrentUse runs 64 goroutines of mixed calls with injected faults
// through one SDK client; under -race this checks the fake's locking, and
// the final state checks that no retried create made a duplicate.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	cb := s.Client(chargebee.WithMaxRetries(5))
	const workers, each = 64, 4
	s.FailNext(20, http.StatusTooManyRequests, "0")
	s.DropConnectionNext(10)
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			ctx := context.Background()
			for i := 0; i < each; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				if err := cb.Do(ctx, "POST", "/customers", url.Values{"id": {id}}, nil); err != nil {
					errs <- fmt.Errorf("create %s: %w", id, err)
					continue
				}
				if err := cb.Do(ctx, "POST", "/promotional_credits/add", url.Values{"customer_id": {id}, "amount": {"10"}, "description": {"c"}}, nil); err != nil {
					errs <- fmt.Errorf("credit %s: %w", id, err)
				}
				if err := cb.Do(ctx, "GET", "/customers", url.Values{"limit": {"3"}}, &struct{}{}); err != nil {
					errs <- fmt.Errorf("list: %w", err)
				}
				if i == 0 && w%8 == 0 {
					_ = s.Requests()
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	total := 0
	offset := ""
	for {
		p := vals("limit", "100")
		if offset != "" {
			p.Set("offset", offset)
		}
		a := must(t, send(t, s, "GET", "/customers", p), 200)
		for i := 0; i < a.len("list"); i++ {
			if a.num(fmt.Sprintf("list.%d.customer.promotional_credits", i)) != 10 {
				t.Fatalf("credit applied twice or not at all: %s", a.raw)
			}
		}
		total += a.len("list")
		if offset = a.str("next_offset"); offset == "" {
			break
		}
	}
	if total != workers*each {
		t.Fatalf("%d customers, want %d", total, workers*each)
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and ends
// the calling goroutine, as testing.T's does, without failing the test.
type fatalRecorder struct {
	testing.TB
	mu   sync.Mutex
	msgs []string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *fatalRecorder) messages() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.msgs...)
}

// TestFailNextRefusesBadStatus checks that a status the fake cannot answer
// with fails the test where it is given, instead of making the handler
// panic (which the client saw only as a dropped connection), and queues
// nothing.
func TestFailNextRefusesBadStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(s *chargebeetest.Server)
		want string
	}{
		{"FailNext 0", func(s *chargebeetest.Server) { s.FailNext(1, 0, "") }, "FailNext: 0 is not a status"},
		{"FailNext 42", func(s *chargebeetest.Server) { s.FailNext(2, 42, "") }, "FailNext: 42 is not a status"},
		{"FailNext 100", func(s *chargebeetest.Server) { s.FailNext(1, 100, "") }, "FailNext: 100 is not a status"},
		{"FailNext 600", func(s *chargebeetest.Server) { s.FailNext(1, 600, "1") }, "FailNext: 600 is not a status"},
		{"FailNext 1000", func(s *chargebeetest.Server) { s.FailNext(1, 1000, "") }, "FailNext: 1000 is not a status"},
		{"FailNextWith -1", func(s *chargebeetest.Server) { s.FailNextWith(1, chargebeetest.APIError{Status: -1}) }, "FailNextWith: -1 is not a status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &fatalRecorder{TB: t}
			s := chargebeetest.NewServer(rec)
			done := make(chan struct{})
			go func() {
				defer close(done)
				tt.call(s)
			}()
			<-done
			msgs := rec.messages()
			if len(msgs) != 1 || !strings.Contains(msgs[0], tt.want) {
				t.Fatalf("test failures = %q, want one containing %q", msgs, tt.want)
			}
			// Nothing was queued: the next request is served normally.
			must(t, send(t, s, "GET", "/customers", nil), 200)
		})
	}

	// The bounds themselves are accepted.
	s := chargebeetest.NewServer(t)
	for _, status := range []int{200, 599} {
		s.FailNext(1, status, "")
		if a := send(t, s, "GET", "/customers", nil); a.status != status {
			t.Errorf("FailNext(1, %d) answered %d", status, a.status)
		}
	}

	// Outside a test the mistake panics at the call, not in the handler.
	plain, err := chargebeetest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "FailNext: 700 is not a status") {
				t.Errorf("recovered %v, want the FailNext message", r)
			}
		}()
		plain.FailNext(1, 700, "")
	}()
}

// TestCloseWithStalledClient checks that Close returns promptly while a
// client has sent only part of a request and then stalls, and that the
// stalled request is refused rather than processed.
func TestCloseWithStalledClient(t *testing.T) {
	t.Parallel()
	body := "first_name=Ann&email=ann%40acme.com"
	tests := []struct {
		name string
		sent string // what the client sends before it stalls
		rest string // sent after the fake asked for the body (100 Continue)
	}{
		{"half a body", "POST /api/v2/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
			fmt.Sprintf("Expect: 100-continue\r\nContent-Length: %d\r\n\r\n", len(body)), body[:len(body)/2]},
		{"half the headers", "POST /api/v2/customers HTTP/1.1\r\nHost: x\r\nContent-Ty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := chargebeetest.Start()
			if err != nil {
				t.Fatal(err)
			}
			conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			req := strings.Replace(tt.sent, "Host: x\r\n", "Host: x\r\nAuthorization: Basic "+
				base64.StdEncoding.EncodeToString([]byte(s.APIKey()+":"))+"\r\n", 1)
			if _, err := io.WriteString(conn, req); err != nil {
				t.Fatal(err)
			}
			if tt.rest != "" {
				// The fake asks for the body when its handler starts
				// reading it: from then on the handler waits in the read.
				line, err := bufio.NewReader(conn).ReadString('\n')
				if err != nil || !strings.HasPrefix(line, "HTTP/1.1 100 ") {
					t.Fatalf("waiting for 100 Continue: %q, %v", line, err)
				}
				if _, err := io.WriteString(conn, tt.rest); err != nil {
					t.Fatal(err)
				}
			} else {
				// Nothing to wait for: give the fake a moment to read
				// the partial headers (the test holds either way).
				time.Sleep(50 * time.Millisecond)
			}
			closed := make(chan struct{})
			go func() { s.Close(); close(closed) }()
			select {
			case <-closed:
			case <-time.After(5 * time.Second):
				conn.Close() // let Close finish before the test ends
				<-closed
				t.Fatal("Close blocked on a client stalled in the middle of its request")
			}
			if n := len(s.RequestsFor("customer.create")); n > 1 {
				t.Errorf("%d create requests logged, want at most 1", n)
			}
			for _, r := range s.Requests() {
				if r.Status == http.StatusOK {
					t.Errorf("the stalled request was processed: %+v", r)
				}
			}
		})
	}
}

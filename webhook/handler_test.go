package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/billingkit/chargebee-go/webhook"
)

const (
	testUser = "hook_user"
	testPass = "test_password"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "event", "testdata", name)) // one copy of the event fixtures
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// delivery is one webhook call as Chargebee makes it.
func delivery(body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/chargebee", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.SetBasicAuth(testUser, testPass)
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// recorder counts the events a handler function got, by id.
type recorder struct {
	mu   sync.Mutex
	seen map[string]int
	last *event.Event
}

func (r *recorder) fn(_ context.Context, ev *event.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]int{}
	}
	r.seen[ev.ID]++
	r.last = ev
	return nil
}

func (r *recorder) count(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[id]
}

func quiet() webhook.Option { return webhook.WithLogger(nil) }

func mustHandler(t testing.TB, fn func(context.Context, *event.Event) error, opts ...webhook.Option) http.Handler {
	t.Helper()
	h, err := webhook.NewHandler(fn, append([]webhook.Option{quiet()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestNewHandlerRefusesConfigurations(t *testing.T) {
	t.Parallel()
	fn := (&recorder{}).fn
	v1Client, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithAPIVersion(chargebee.APIv1))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		fn    func(context.Context, *event.Event) error
		opts  []webhook.Option
		param string
		want  string
		err   error // the sentinel the error wraps, or nil
	}{
		{"no auth choice", fn, nil, "WithBasicAuth", "or WithoutAuth() is required", nil},
		{"both auth choices", fn, []webhook.Option{webhook.WithBasicAuth(testUser, testPass), webhook.WithoutAuth()}, "WithoutAuth", "choose one", nil},
		{"nil function", nil, []webhook.Option{webhook.WithoutAuth()}, "fn", "needs a function", nil},
		{"empty user", fn, []webhook.Option{webhook.WithBasicAuth("", testPass)}, "WithBasicAuth", "non-empty", nil},
		{"empty password", fn, []webhook.Option{webhook.WithBasicAuth(testUser, "")}, "WithBasicAuth", "non-empty", nil},
		// Basic auth splits user and password at the first colon: such a
		// user name would never match, and every delivery would fail.
		{"colon in the user name", fn, []webhook.Option{webhook.WithBasicAuth("hook:user", testPass)}, "WithBasicAuth", "colon", nil},
		{"nil deduper", fn, []webhook.Option{webhook.WithoutAuth(), webhook.WithDeduper(nil)}, "WithDeduper", "not nil", nil},
		{"zero size", fn, []webhook.Option{webhook.WithoutAuth(), webhook.WithMaxBodyBytes(0)}, "WithMaxBodyBytes", "positive", nil},
		{"unknown version", fn, []webhook.Option{webhook.WithoutAuth(), webhook.WithAPIVersion("v3")}, "WithAPIVersion", "unknown API version", nil},
		{"nil verify client", fn, []webhook.Option{webhook.WithoutAuth(), webhook.WithVerify(nil)}, "WithVerify", "not nil", nil},
		{"verify client of another version", fn, []webhook.Option{webhook.WithoutAuth(), webhook.WithVerify(v1Client)}, "WithVerify", "speaks API v1", chargebee.ErrAPIVersion},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, err := webhook.NewHandler(tc.fn, tc.opts...)
			var ve *chargebee.ValidationError
			if h != nil || !errors.As(err, &ve) || ve.Param != tc.param || !strings.Contains(ve.Reason, tc.want) {
				t.Fatalf("NewHandler = %v, %v; want a *chargebee.ValidationError for %s containing %q", h, err, tc.param, tc.want)
			}
			if ve.Err != tc.err {
				t.Fatalf("%v wraps %v, want %v", err, ve.Err, tc.err)
			}
			if strings.Contains(err.Error(), testPass) || strings.Contains(err.Error(), testUser) {
				t.Fatalf("error reveals the credentials: %v", err)
			}
		})
	}
}

func TestHandlerAnswers(t *testing.T) {
	t.Parallel()
	body := fixture(t, "customer_changed.json")
	withAuth := func(r *http.Request, user, pass string) *http.Request {
		r.Header.Del("Authorization")
		if user != "" || pass != "" {
			r.SetBasicAuth(user, pass)
		}
		return r
	}
	cases := []struct {
		name    string
		opts    []webhook.Option
		req     func() *http.Request
		status  int
		header  map[string]string
		called  bool
		message string
	}{
		{"delivered", nil, func() *http.Request { return delivery(body) }, 200, nil, true, "ok"},
		{"no credentials", nil, func() *http.Request { return withAuth(delivery(body), "", "") }, 401,
			map[string]string{"WWW-Authenticate": `Basic realm="chargebee-webhook", charset="UTF-8"`}, false, "unauthorized"},
		{"wrong password", nil, func() *http.Request { return withAuth(delivery(body), testUser, "nope") }, 401,
			map[string]string{"WWW-Authenticate": `Basic realm="chargebee-webhook", charset="UTF-8"`}, false, "unauthorized"},
		{"wrong user", nil, func() *http.Request { return withAuth(delivery(body), "someone", testPass) }, 401, nil, false, "unauthorized"},
		{"password as a prefix", nil, func() *http.Request { return withAuth(delivery(body), testUser, testPass[:4]) }, 401, nil, false, "unauthorized"},
		{"bearer instead of basic", nil, func() *http.Request {
			r := delivery(body)
			r.Header.Set("Authorization", "Bearer "+testPass)
			return r
		}, 401, nil, false, "unauthorized"},
		{"GET", nil, func() *http.Request {
			r := delivery(nil)
			r.Method = http.MethodGet
			return r
		}, 405, map[string]string{"Allow": "POST"}, false, "method not allowed; use POST"},
		{"PUT", nil, func() *http.Request {
			r := delivery(body)
			r.Method = http.MethodPut
			return r
		}, 405, map[string]string{"Allow": "POST"}, false, "method not allowed; use POST"},
		{"unauthenticated GET", nil, func() *http.Request {
			r := withAuth(delivery(nil), "", "")
			r.Method = http.MethodGet
			return r
		}, 401, nil, false, "unauthorized"},
		{"declared too large", []webhook.Option{webhook.WithMaxBodyBytes(int64(len(body) - 1))}, func() *http.Request { return delivery(body) },
			413, nil, false, "Request Entity Too Large"},
		{"too large without a length", []webhook.Option{webhook.WithMaxBodyBytes(int64(len(body) - 1))}, func() *http.Request {
			r := delivery(body)
			r.ContentLength = -1
			return r
		}, 413, nil, false, "Request Entity Too Large"},
		{"exactly the limit", []webhook.Option{webhook.WithMaxBodyBytes(int64(len(body)))}, func() *http.Request { return delivery(body) }, 200, nil, true, "ok"},
		{"empty body", nil, func() *http.Request { return delivery(nil) }, 400, nil, false, "event: not an event: empty document"},
		{"null", nil, func() *http.Request { return delivery([]byte("null")) }, 400, nil, false, "event: not an event: not a JSON object"},
		{"array", nil, func() *http.Request { return delivery([]byte(`[` + string(body) + `]`)) }, 400, nil, false, "event: not an event: not a JSON object"},
		{"no id", nil, func() *http.Request {
			return delivery([]byte(`{"event_type":"customer_created","api_version":"v2","content":{}}`))
		}, 400, nil, false, "event: not an event: no id"},
		// An id is a key of the deduper: a longer one than any Chargebee
		// id (and than Retrieve takes) would let a body swell its memory.
		{"id of 512 bytes", nil, func() *http.Request {
			return delivery([]byte(`{"id":"` + strings.Repeat("e", 512) + `","event_type":"customer_created","api_version":"v2","content":{}}`))
		}, 200, nil, true, "ok"},
		{"id over 512 bytes", nil, func() *http.Request {
			return delivery([]byte(`{"id":"` + strings.Repeat("e", 513) + `","event_type":"customer_created","api_version":"v2","content":{}}`))
		}, 400, nil, false, "event id is longer than 512 bytes"},
		{"no event_type", nil, func() *http.Request {
			return delivery([]byte(`{"id":"ev_x","api_version":"v2","content":{}}`))
		}, 400, nil, false, "event: not an event: no event_type"},
		{"v1 event at a v2 handler", nil, func() *http.Request { return delivery(fixture(t, "v1_card_expiring.json")) }, 400, nil, false, "event api_version is not v2"},
		{"v2 event at a v1 handler", []webhook.Option{webhook.WithAPIVersion(chargebee.APIv1)}, func() *http.Request { return delivery(body) },
			400, nil, false, "event api_version is not v1"},
		{"v1 event at a v1 handler", []webhook.Option{webhook.WithAPIVersion(chargebee.APIv1)}, func() *http.Request { return delivery(fixture(t, "v1_card_expiring.json")) },
			200, nil, true, "ok"},
		{"no api_version", nil, func() *http.Request {
			return delivery([]byte(`{"id":"ev_x","event_type":"customer_created","content":{}}`))
		}, 400, nil, false, "event api_version is not v2"},
		{"unknown type", nil, func() *http.Request { return delivery(fixture(t, "unknown_type.json")) }, 200, nil, true, "ok"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			h := mustHandler(t, rec.fn, append([]webhook.Option{webhook.WithBasicAuth(testUser, testPass)}, tc.opts...)...)
			w := serve(h, tc.req())
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d (%s)", w.Code, tc.status, w.Body)
			}
			for k, v := range tc.header {
				if got := w.Header().Get(k); got != v {
					t.Fatalf("%s = %q, want %q", k, got, v)
				}
			}
			if tc.status != 401 && w.Header().Get("WWW-Authenticate") != "" {
				t.Fatal("WWW-Authenticate on an answer other than 401")
			}
			if got := strings.TrimSpace(w.Body.String()); got != tc.message {
				t.Fatalf("body %q, want %q", got, tc.message)
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Fatalf("Content-Type %q", ct)
			}
			rec.mu.Lock()
			called := rec.last != nil
			rec.mu.Unlock()
			if called != tc.called {
				t.Fatalf("fn called = %v, want %v", called, tc.called)
			}
		})
	}
}

func TestHandlerWithoutAuth(t *testing.T) {
	t.Parallel()
	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithoutAuth())
	r := delivery(fixture(t, "customer_changed.json"))
	r.Header.Del("Authorization")
	if w := serve(h, r); w.Code != 200 || rec.count("ev_evt_changed_1") != 1 {
		t.Fatalf("status %d, calls %d", w.Code, rec.count("ev_evt_changed_1"))
	}
}

func TestHandlerHandsTheParsedEvent(t *testing.T) {
	t.Parallel()
	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass))
	if w := serve(h, delivery(fixture(t, "customer_changed.json"))); w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	ev := rec.last
	if ev.ID != "ev_evt_changed_1" || ev.EventType != event.CustomerChanged || ev.Content.Customer.ID != "cust_evt_1" ||
		ev.Content.Customer.CustomFields["cf_region"] != "us-central" || ev.Content.Card.Last4 != "1111" {
		t.Fatalf("event: %+v", ev)
	}
}

func TestDuplicateOfProcessedEventIsNotProcessedAgain(t *testing.T) {
	t.Parallel()
	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass))
	body := fixture(t, "customer_changed.json")
	for i, want := range []string{"ok", "already processed", "already processed"} {
		w := serve(h, delivery(body))
		if w.Code != 200 || strings.TrimSpace(w.Body.String()) != want {
			t.Fatalf("delivery %d: %d %q, want 200 %q", i+1, w.Code, w.Body, want)
		}
	}
	if n := rec.count("ev_evt_changed_1"); n != 1 {
		t.Fatalf("fn called %d times, want 1", n)
	}
}

// Several deliveries of one event race while the first is being processed:
// each gets 409 and fn runs once; afterwards deliveries get 200 without fn.
func TestConcurrentDuplicatesWhileProcessing(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	h := mustHandler(t, func(ctx context.Context, ev *event.Event) error {
		calls.Add(1)
		close(entered)
		<-release
		return nil
	}, webhook.WithBasicAuth(testUser, testPass))
	body := fixture(t, "customer_changed.json")

	first := make(chan int)
	go func() { first <- serve(h, delivery(body)).Code }()
	<-entered

	const racers = 16
	start := make(chan struct{})
	codes := make(chan int, racers)
	var wg sync.WaitGroup
	for range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			codes <- serve(h, delivery(body)).Code
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusConflict {
			t.Fatalf("duplicate during processing answered %d, want 409", c)
		}
	}
	close(release)
	if c := <-first; c != 200 {
		t.Fatalf("first delivery answered %d", c)
	}
	if c := serve(h, delivery(body)).Code; c != 200 {
		t.Fatalf("delivery after processing answered %d", c)
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("fn ran %d times, want 1", n)
	}
}

// Many deliveries of several events start at once: each event is processed
// exactly once, every delivery is answered 200 or 409, and retrying the
// 409s until they get 200 never runs fn again.
func TestConcurrentDuplicatesRace(t *testing.T) {
	t.Parallel()
	var rec recorder
	h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass))
	base := string(fixture(t, "customer_changed.json"))
	ids := []string{"ev_race_1", "ev_race_2", "ev_race_3", "ev_race_4"}
	const copies = 12
	start := make(chan struct{})
	var wg sync.WaitGroup
	var ok, conflict atomic.Int32
	for _, id := range ids {
		body := []byte(strings.Replace(base, "ev_evt_changed_1", id, 1))
		for range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for {
					switch c := serve(h, delivery(body)).Code; c {
					case 200:
						ok.Add(1)
						return
					case 409:
						conflict.Add(1) // Chargebee retries later; so does this test
					default:
						t.Errorf("answered %d", c)
						return
					}
				}
			}()
		}
	}
	close(start)
	wg.Wait()
	if int(ok.Load()) != len(ids)*copies {
		t.Fatalf("%d deliveries answered 200, want %d", ok.Load(), len(ids)*copies)
	}
	for _, id := range ids {
		if n := rec.count(id); n != 1 {
			t.Fatalf("%s processed %d times, want 1", id, n)
		}
	}
}

func TestFailedProcessingIsRetried(t *testing.T) {
	t.Parallel()
	for _, failure := range []string{"error", "panic"} {
		t.Run(failure, func(t *testing.T) {
			t.Parallel()
			var attempts, successes atomic.Int32
			var logs bytes.Buffer
			h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
				if attempts.Add(1) == 1 {
					if failure == "panic" {
						panic("secret@example.com " + testPass)
					}
					return errors.New("database down for secret@example.com")
				}
				successes.Add(1)
				return nil
			}, webhook.WithBasicAuth(testUser, testPass), webhook.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			if err != nil {
				t.Fatal(err)
			}
			body := fixture(t, "customer_changed.json")
			w := serve(h, delivery(body))
			if w.Code != 500 || strings.TrimSpace(w.Body.String()) != "processing failed" {
				t.Fatalf("failed fn answered %d %q, want 500", w.Code, w.Body)
			}
			if w := serve(h, delivery(body)); w.Code != 200 || strings.TrimSpace(w.Body.String()) != "ok" {
				t.Fatalf("redelivery answered %d %q, want 200 ok", w.Code, w.Body)
			}
			if w := serve(h, delivery(body)); w.Code != 200 || strings.TrimSpace(w.Body.String()) != "already processed" {
				t.Fatalf("third delivery answered %d %q", w.Code, w.Body)
			}
			if attempts.Load() != 2 || successes.Load() != 1 {
				t.Fatalf("fn ran %d times, succeeded %d, want 2 and 1", attempts.Load(), successes.Load())
			}
			out := logs.String()
			if !strings.Contains(out, "event_id=ev_evt_changed_1") || !strings.Contains(out, "status=500") {
				t.Fatalf("log lacks the event id or status: %s", out)
			}
			for _, secret := range []string{"example.com", testPass, "Test Person", "1111"} {
				if strings.Contains(out, secret) {
					t.Fatalf("log reveals %q: %s", secret, out)
				}
			}
		})
	}
}

// stubDeduper answers Claim with a fixed state or error and records calls.
type stubDeduper struct {
	state              webhook.State
	err                error
	mu                 sync.Mutex
	completed, release []string
}

func (d *stubDeduper) Claim(context.Context, string) (webhook.State, error) { return d.state, d.err }
func (d *stubDeduper) Complete(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.completed = append(d.completed, id)
	return errors.New("store write failed")
}
func (d *stubDeduper) Release(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.release = append(d.release, id)
	return nil
}

func TestDeduperAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		d      *stubDeduper
		status int
		called bool
	}{
		{"deduper fails", &stubDeduper{err: errors.New("connection refused")}, 503, false},
		{"invalid state", &stubDeduper{state: 0}, 503, false},
		{"processing elsewhere", &stubDeduper{state: webhook.Processing}, 409, false},
		{"processed", &stubDeduper{state: webhook.Processed}, 200, false},
		// Recording the event as processed failed: fn succeeded, so the
		// answer is still 200, or Chargebee would send it again.
		{"complete fails", &stubDeduper{state: webhook.Claimed}, 200, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithDeduper(tc.d))
			if w := serve(h, delivery(fixture(t, "customer_changed.json"))); w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if called := rec.count("ev_evt_changed_1") == 1; called != tc.called {
				t.Fatalf("fn called = %v, want %v", called, tc.called)
			}
			if tc.called && len(tc.d.completed) != 1 {
				t.Fatalf("Complete called %d times", len(tc.d.completed))
			}
		})
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	apiCopy := strings.Replace(string(fixture(t, "customer_changed.json")), `"Team West"`, `"Team East"`, 1)
	forged := strings.Replace(string(fixture(t, "customer_changed.json")), "ev_evt_changed_1", "ev_forged", 1)
	notFound := `{"message":"not found","api_error_code":"resource_not_found","type":"invalid_request","http_status_code":404}`
	cases := []struct {
		name   string
		body   string
		reply  testutil.Handler
		status int
		called bool
		msg    string
	}{
		{"known event", string(fixture(t, "customer_changed.json")), testutil.Respond(200, `{"event":`+apiCopy+`}`), 200, true, "ok"},
		{"unknown id", forged, testutil.Respond(404, notFound), 400, false, "event unknown to the API"},
		{"API down", string(fixture(t, "customer_changed.json")), testutil.Respond(500, `{"message":"boom"}`), 503, false, "cannot verify the event; try later"},
		{"API answers another event", forged, testutil.Respond(200, `{"event":`+apiCopy+`}`), 400, false, "the API returned another event"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMockFunc(t, tc.reply)
			var rec recorder
			d := webhook.NewMemoryDeduper(0)
			h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithVerify(m.CB), webhook.WithDeduper(d))
			w := serve(h, delivery([]byte(tc.body)))
			if w.Code != tc.status || strings.TrimSpace(w.Body.String()) != tc.msg {
				t.Fatalf("answered %d %q, want %d %q", w.Code, w.Body, tc.status, tc.msg)
			}
			sent := m.Only()
			ev, _ := event.Parse([]byte(tc.body))
			testutil.Expect(t, sent, http.MethodGet, "/api/v2/events/"+ev.ID, nil)
			if (rec.last != nil) != tc.called {
				t.Fatalf("fn called = %v, want %v", rec.last != nil, tc.called)
			}
			if tc.called {
				if got := rec.last.Content.Customer.CustomFields["cf_account_manager"]; got != "Team East" {
					t.Fatalf("fn got the body's copy (cf_account_manager %v), want the API's", got)
				}
				return
			}
			// A refused delivery releases its claim: the id is unknown again.
			if st, err := d.Claim(context.Background(), ev.ID); err != nil || st != webhook.Claimed {
				t.Fatalf("claim after a refused delivery: %v %v, want claimed", st, err)
			}
		})
	}
}

func TestAnswersNeverEchoTheRequest(t *testing.T) {
	t.Parallel()
	h := mustHandler(t, func(context.Context, *event.Event) error { return errors.New("secret@example.com") },
		webhook.WithBasicAuth(testUser, testPass))
	bodies := [][]byte{
		fixture(t, "customer_changed.json"),
		[]byte(`{"id":"ev_1","event_type":"customer_changed","api_version":"v2","content":{"customer":"secret@example.com"}}`),
		[]byte(`{"id":"ev_2","event_type":"x","api_version":"secret@example.com"}`),
	}
	for _, b := range bodies {
		w := serve(h, delivery(b))
		if s := w.Body.String(); strings.Contains(s, "example.com") || strings.Contains(s, testPass) || len(s) > 200 {
			t.Fatalf("answer %d echoes the request: %q", w.Code, s)
		}
	}
}

// Over a real connection on 127.0.0.1: credentials from the client, a body
// of declared length, a chunked body over the limit.
func TestHandlerOverHTTP(t *testing.T) {
	t.Parallel()
	var rec recorder
	body := fixture(t, "customer_changed.json")
	srv := httptest.NewServer(mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithMaxBodyBytes(int64(len(body)))))
	defer srv.Close()
	post := func(r io.Reader, user, pass string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, srv.URL, r)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if user != "" {
			req.SetBasicAuth(user, pass)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	if res := post(bytes.NewReader(body), "", ""); res.StatusCode != 401 || res.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("no credentials: %d %v", res.StatusCode, res.Header)
	}
	if res := post(bytes.NewReader(body), testUser, testPass); res.StatusCode != 200 {
		t.Fatalf("delivery: %d", res.StatusCode)
	}
	// io.MultiReader hides the length, so the body is sent chunked.
	big := append(append([]byte{}, body...), ' ')
	if res := post(io.MultiReader(bytes.NewReader(big)), testUser, testPass); res.StatusCode != 413 {
		t.Fatalf("chunked body over the limit: %d, want 413", res.StatusCode)
	}
	if res := post(io.MultiReader(bytes.NewReader(body)), testUser, testPass); res.StatusCode != 200 {
		t.Fatalf("chunked duplicate: %d, want 200", res.StatusCode)
	}
	if n := rec.count("ev_evt_changed_1"); n != 1 {
		t.Fatalf("fn ran %d times, want 1", n)
	}
}

// With WithVerify, an id the API cannot take in its path is never sent and
// never known: the answer is 400, not a 503 that invites retries for ever.
func TestVerifyRefusesIDsTheAPICannotTake(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"..", "ev/../customers", `ev\u0001`} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMockFunc(t, testutil.Respond(500, `{"message":"boom"}`))
			var rec recorder
			h := mustHandler(t, rec.fn, webhook.WithBasicAuth(testUser, testPass), webhook.WithVerify(m.CB))
			w := serve(h, delivery([]byte(`{"id":"`+id+`","event_type":"customer_created","api_version":"v2","content":{}}`)))
			if w.Code != 400 || strings.TrimSpace(w.Body.String()) != "event id not valid for the API" {
				t.Fatalf("answered %d %q, want 400", w.Code, w.Body)
			}
			if n := len(m.Requests()); n != 0 || rec.last != nil {
				t.Fatalf("sent %d requests, fn called %v; want none", n, rec.last != nil)
			}
		})
	}
}

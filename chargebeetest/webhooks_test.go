package chargebeetest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
)

// received is one webhook call as the endpoint saw it.
type received struct {
	method, contentType, user, password string
	hasAuth                             bool
	body                                []byte
}

// endpoint is a webhook receiver that answers with the statuses of
// answers in turn (200 when they run out) and records every call.
type endpoint struct {
	mu      sync.Mutex
	calls   []received
	answers []int
	srv     *httptest.Server
}

func newEndpoint(t *testing.T, answers ...int) *endpoint {
	e := &endpoint{answers: answers}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		user, pass, ok := r.BasicAuth()
		e.mu.Lock()
		e.calls = append(e.calls, received{r.Method, r.Header.Get("Content-Type"), user, pass, ok, body})
		status := http.StatusOK
		if len(e.answers) > 0 {
			status, e.answers = e.answers[0], e.answers[1:]
		}
		e.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *endpoint) received() []received {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]received(nil), e.calls...)
}

// bodyIDs lists "event id/type" of each call.
func (e *endpoint) bodyIDs(t *testing.T) string {
	var out []string
	for _, c := range e.received() {
		var ev struct {
			ID   string `json:"id"`
			Type string `json:"event_type"`
		}
		if err := json.Unmarshal(c.body, &ev); err != nil {
			t.Fatalf("webhook body is not JSON: %v: %s", err, c.body)
		}
		out = append(out, ev.ID)
	}
	return strings.Join(out, " ")
}

func wait(t *testing.T, s *chargebeetest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.WaitWebhooks(ctx); err != nil {
		t.Fatalf("WaitWebhooks: %v", err)
	}
}

// logString renders the delivery log as "ev_1#1.1=200 …" (event#copy.attempt=status).
func logString(ds []chargebeetest.Delivery) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s#%d.%d=%d", d.EventID, d.Copy, d.Attempt, d.Status))
	}
	return strings.Join(out, " ")
}

var fastRetries = []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond}

// TestWebhookDelivery checks the call: POST, JSON, Basic auth, the event
// document as body, and the event's webhook status afterwards.
func TestWebhookDelivery(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(newClock(1_700_000_000).now))
	createCustomer(t, s, "id", "before") // no webhook yet: not delivered
	e := newEndpoint(t)
	if err := s.SetWebhook(chargebeetest.Webhook{URL: e.srv.URL + "/hooks/cb", Username: "hook_user", Password: "hook_pass"}); err != nil {
		t.Fatal(err)
	}
	createCustomer(t, s, "id", "ann", "first_name", "Ann")
	wait(t, s)

	calls := e.received()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	c := calls[0]
	if c.method != "POST" || c.contentType != "application/json" || !c.hasAuth || c.user != "hook_user" || c.password != "hook_pass" {
		t.Fatalf("call: %s %q auth=%v %q:%q", c.method, c.contentType, c.hasAuth, c.user, c.password)
	}
	var body map[string]any
	if err := json.Unmarshal(c.body, &body); err != nil {
		t.Fatal(err)
	}
	if body["id"] != "ev_2" || body["event_type"] != "customer_created" || body["object"] != "event" ||
		body["api_version"] != "v2" || body["source"] != "api" || body["webhook_status"] != "scheduled" ||
		body["occurred_at"] != float64(1_700_000_000) || dig(body, "content.customer.first_name") != "Ann" || body["webhooks"] != nil {
		t.Fatalf("body: %s", c.body)
	}
	if got := logString(s.Deliveries()); got != "ev_2#1.1=200" {
		t.Fatalf("deliveries: %s", got)
	}
	d := s.Deliveries()[0]
	if d.EventType != "customer_created" || d.Err != "" {
		t.Fatalf("delivery: %+v", d)
	}

	a := must(t, send(t, s, "GET", "/events/ev_2", nil), 200)
	if a.str("event.webhook_status") != "succeeded" || a.len("event.webhooks") != 1 ||
		a.str("event.webhooks.0.webhook_status") != "succeeded" || a.str("event.webhooks.0.object") != "webhook" || a.str("event.webhooks.0.id") == "" {
		t.Fatalf("event after delivery: %s", a.raw)
	}
	if a := must(t, send(t, s, "GET", "/events/ev_1", nil), 200); a.str("event.webhook_status") != "not_configured" || a.has("event.webhooks") {
		t.Fatalf("event before the webhook: %s", a.raw)
	}

	// Without Username, no Authorization header.
	e2 := newEndpoint(t)
	if err := s.SetWebhook(chargebeetest.Webhook{URL: e2.srv.URL}); err != nil {
		t.Fatal(err)
	}
	createCustomer(t, s)
	wait(t, s)
	if calls := e2.received(); len(calls) != 1 || calls[0].hasAuth {
		t.Fatalf("calls without auth: %+v", calls)
	}

	// RemoveWebhook: later events are not delivered.
	s.RemoveWebhook()
	createCustomer(t, s)
	wait(t, s)
	if n := len(e2.received()); n != 1 {
		t.Fatalf("%d calls after RemoveWebhook", n)
	}
	if a := must(t, send(t, s, "GET", "/events/ev_4", nil), 200); a.str("event.webhook_status") != "not_configured" {
		t.Fatalf("event after RemoveWebhook: %s", a.raw)
	}
}

// TestWebhookRetry checks the retry schedule on non-2XX answers, and the
// event's status once retries run out.
func TestWebhookRetry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		answers []int
		waits   []time.Duration
		log     string
		status  string
	}{
		{"2XX at once", []int{http.StatusAccepted}, fastRetries, "ev_1#1.1=202", "succeeded"},
		{"two failures then 200", []int{500, 409}, fastRetries, "ev_1#1.1=500 ev_1#1.2=409 ev_1#1.3=200", "succeeded"},
		{"3XX is not success", []int{302}, fastRetries, "ev_1#1.1=302 ev_1#1.2=200", "succeeded"},
		{"out of retries", []int{503, 503, 503, 503, 503}, fastRetries, "ev_1#1.1=503 ev_1#1.2=503 ev_1#1.3=503 ev_1#1.4=503", "failed"},
		{"no retries", []int{500}, []time.Duration{}, "ev_1#1.1=500", "failed"},
		{"default schedule", []int{500, 500}, nil, "ev_1#1.1=500 ev_1#1.2=500 ev_1#1.3=200", "succeeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEndpoint(t, tt.answers...)
			s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL, RetryWaits: tt.waits}))
			createCustomer(t, s)
			wait(t, s)
			if got := logString(s.Deliveries()); got != tt.log {
				t.Fatalf("deliveries %s, want %s", got, tt.log)
			}
			if n := len(e.received()); n != strings.Count(tt.log, "=") {
				t.Fatalf("endpoint saw %d calls", n)
			}
			a := must(t, send(t, s, "GET", "/events", vals("webhook_status[is]", tt.status)), 200)
			if a.len("list") != 1 || a.str("list.0.event.webhooks.0.webhook_status") != tt.status {
				t.Fatalf("event with status %s: %s", tt.status, a.raw)
			}
		})
	}
}

// TestWebhookRetryLetsOthersPass checks that a retry waits its turn: an
// event already queued is delivered before it.
func TestWebhookRetryLetsOthersPass(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t, 500)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL, RetryWaits: []time.Duration{0}}))
	// Hold both events, then queue them together (newest first): the
	// retry of the failed ev_2 is due after ev_1, which was already due.
	s.DeliverOutOfOrder(true)
	createCustomer(t, s)
	createCustomer(t, s)
	s.DeliverOutOfOrder(false)
	wait(t, s)
	if got := logString(s.Deliveries()); got != "ev_2#1.1=500 ev_1#1.1=200 ev_2#1.2=200" {
		t.Fatalf("deliveries %s", got)
	}
}

// TestWebhookNoAnswer checks a call that gets no answer: logged with
// status 0 and a reason that does not hold the URL, and retried.
func TestWebhookNoAnswer(t *testing.T) {
	t.Parallel()
	// An endpoint that hangs up on every call without answering.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{
		URL: "http://" + ln.Addr().String() + "/hook?key=test_secret_value", RetryWaits: []time.Duration{time.Millisecond},
	}))
	createCustomer(t, s)
	wait(t, s)
	ds := s.Deliveries()
	if len(ds) != 2 || ds[0].Status != 0 || ds[1].Attempt != 2 || ds[0].Err == "" {
		t.Fatalf("deliveries: %+v", ds)
	}
	for _, d := range ds {
		if strings.Contains(d.Err, "test_secret_value") || strings.Contains(d.Err, "/hook") {
			t.Fatalf("Err holds the URL: %q", d.Err)
		}
	}
	if a := must(t, send(t, s, "GET", "/events/ev_1", nil), 200); a.str("event.webhook_status") != "failed" {
		t.Fatalf("event: %s", a.raw)
	}
}

// TestWebhookDuplicates checks that DeliverDuplicates sends every event
// twice, each copy right after the first, and ResendEvent one more time.
func TestWebhookDuplicates(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL, RetryWaits: fastRetries}))
	s.DeliverDuplicates(true)
	createCustomer(t, s)
	createCustomer(t, s)
	wait(t, s)
	s.DeliverDuplicates(false)
	createCustomer(t, s)
	wait(t, s)
	if err := s.ResendEvent("ev_1"); err != nil {
		t.Fatal(err)
	}
	wait(t, s)
	want := "ev_1#1.1=200 ev_1#2.1=200 ev_2#1.1=200 ev_2#2.1=200 ev_3#1.1=200 ev_1#3.1=200"
	if got := logString(s.Deliveries()); got != want {
		t.Fatalf("deliveries %s, want %s", got, want)
	}
	if got := e.bodyIDs(t); got != "ev_1 ev_1 ev_2 ev_2 ev_3 ev_1" {
		t.Fatalf("bodies %s", got)
	}
	calls := e.received()
	if string(calls[0].body) != string(calls[1].body) {
		t.Fatalf("a duplicate differs from the first delivery:\n%s\n%s", calls[0].body, calls[1].body)
	}
	// The resent call comes after delivered ones: it lists the webhook.
	var resent map[string]any
	if err := json.Unmarshal(calls[5].body, &resent); err != nil {
		t.Fatal(err)
	}
	if resent["webhook_status"] != "succeeded" || dig(resent, "webhooks.0.webhook_status") != "succeeded" || dig(resent, "webhooks.0.object") != "webhook" {
		t.Fatalf("resent body: %s", calls[5].body)
	}
	if err := s.ResendEvent("ev_99"); err == nil {
		t.Fatal("ResendEvent of an unknown event: no error")
	}
	s.RemoveWebhook()
	if err := s.ResendEvent("ev_1"); err == nil {
		t.Fatal("ResendEvent without a webhook: no error")
	}
}

// TestWebhookOutOfOrder checks that DeliverOutOfOrder holds events and
// delivers them newest first, with duplicates when both are on.
func TestWebhookOutOfOrder(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL}))
	s.DeliverOutOfOrder(true)
	for i := 0; i < 3; i++ {
		createCustomer(t, s)
	}
	if a := must(t, send(t, s, "GET", "/events/ev_1", nil), 200); a.str("event.webhook_status") != "scheduled" {
		t.Fatalf("held event: %s", a.raw)
	}
	if n := len(s.Deliveries()); n != 0 {
		t.Fatalf("%d deliveries while held", n)
	}
	wait(t, s)
	if got := e.bodyIDs(t); got != "ev_3 ev_2 ev_1" {
		t.Fatalf("order %s, want ev_3 ev_2 ev_1", got)
	}

	s.DeliverDuplicates(true)
	createCustomer(t, s)
	createCustomer(t, s)
	wait(t, s)
	if got := e.bodyIDs(t); got != "ev_3 ev_2 ev_1 ev_5 ev_5 ev_4 ev_4" {
		t.Fatalf("order %s", got)
	}
}

// TestWebhookSkippedAndNotApplicable checks the event-control headers and
// a v1 webhook.
func TestWebhookSkippedAndNotApplicable(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL, APIVersion: chargebee.APIv1}))
	must(t, send(t, s, "POST", "/customers", vals("id", "p"), "chargebee-event-actions", "all-disabled"), 200)
	must(t, send(t, s, "POST", "/customers", vals("id", "k"), "chargebee-event-webhook", "all-disabled"), 200)
	must(t, send(t, s, "POST", "/customers", vals("id", "m", "first_name", "Mo")), 200)
	must(t, send(t, s, "POST", "/customers/k/relationships", vals("parent_id", "p")), 200)
	wait(t, s)
	if got := e.bodyIDs(t); got != "ev_3" {
		t.Fatalf("delivered %s, want ev_3 only", got)
	}
	var body map[string]any
	if err := json.Unmarshal(e.received()[0].body, &body); err != nil {
		t.Fatal(err)
	}
	if body["api_version"] != "v1" || dig(body, "content.customer.first_name") != "Mo" || dig(body, "content.customer.account_credits") == nil || dig(body, "content.customer.channel") != nil {
		t.Fatalf("v1 body: %v", body)
	}
	for id, want := range map[string]string{"ev_1": "skipped", "ev_2": "skipped", "ev_3": "succeeded", "ev_4": "not_applicable"} {
		if a := must(t, send(t, s, "GET", "/events/"+id, nil), 200); a.str("event.webhook_status") != want {
			t.Errorf("%s: webhook_status %s, want %s", id, a.str("event.webhook_status"), want)
		}
	}
}

// TestWebhookConfig checks that invalid settings are refused.
func TestWebhookConfig(t *testing.T) {
	t.Parallel()
	for _, w := range []chargebeetest.Webhook{
		{URL: ""},
		{URL: "127.0.0.1:8080/hook"},
		{URL: "ftp://127.0.0.1/hook"},
		{URL: "http://127.0.0.1/hook", APIVersion: "v3"},
		{URL: "http://127.0.0.1/hook", RetryWaits: []time.Duration{-time.Second}},
	} {
		if _, err := chargebeetest.Start(chargebeetest.WithWebhook(w)); err == nil {
			t.Errorf("Start with %+v: no error", w)
		}
		s := chargebeetest.NewServer(t)
		if err := s.SetWebhook(w); err == nil {
			t.Errorf("SetWebhook(%+v): no error", w)
		}
	}
}

// TestWebhookWaitAndClose checks that WaitWebhooks ends with its context
// and with Close, and that Close stops a delivery in flight at once
// instead of waiting for the endpoint.
func TestWebhookWaitAndClose(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{}, 10)
	release := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hook.Close()
	defer close(release)
	s, err := chargebeetest.Start(chargebeetest.WithWebhook(chargebeetest.Webhook{URL: hook.URL, Timeout: time.Hour}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	createCustomer(t, s)
	<-entered

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.WaitWebhooks(ctx) }()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("WaitWebhooks after cancel: %v", err)
	}

	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(30 * time.Second): // the call would block for an hour
		t.Fatal("Close waits for the delivery in flight")
	}
	if err := s.WaitWebhooks(context.Background()); err == nil {
		t.Fatal("WaitWebhooks after Close: no error")
	}
}

// TestWebhookReset checks that Reset drops held and queued deliveries and
// the log, and keeps the webhook.
func TestWebhookReset(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL}))
	createCustomer(t, s)
	wait(t, s)
	s.DeliverOutOfOrder(true)
	createCustomer(t, s)
	s.Reset()
	wait(t, s)
	if n := len(s.Deliveries()); n != 0 {
		t.Fatalf("%d deliveries after Reset", n)
	}
	s.DeliverOutOfOrder(false)
	createCustomer(t, s)
	wait(t, s)
	if got := logString(s.Deliveries()); got != "ev_3#1.1=200" {
		t.Fatalf("deliveries after Reset: %s", got)
	}
	if got := e.bodyIDs(t); got != "ev_1 ev_3" {
		t.Fatalf("endpoint saw %s", got)
	}
}

// TestWebhookTimeout checks that a call the endpoint does not answer within
// Webhook.Timeout counts as failed and is retried, as Chargebee retries a
// call that timed out; the event then lists the webhook with its status.
func TestWebhookTimeout(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	calls := 0
	stop := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		_, _ = io.ReadAll(r.Body) // so that the server notices the fake hang up
		if first {
			// Never answers: only the fake's time-out ends the call.
			select {
			case <-r.Context().Done():
			case <-stop:
			}
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(hook.Close)
	t.Cleanup(func() { close(stop) }) // runs first: never leave the handler blocked
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{
		URL: hook.URL, Timeout: 50 * time.Millisecond, RetryWaits: []time.Duration{0},
	}))
	createCustomer(t, s)
	// 100 times the Timeout, and well below DefaultWebhookTimeout: the
	// call ends by Webhook.Timeout, not by the default.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitWebhooks(ctx); err != nil {
		t.Fatalf("WaitWebhooks: %v", err)
	}
	ds := s.Deliveries()
	if got := logString(ds); got != "ev_1#1.1=0 ev_1#1.2=200" || ds[0].Err == "" || ds[1].Err != "" {
		t.Fatalf("deliveries: %+v", ds)
	}
	a := must(t, send(t, s, "GET", "/events/ev_1", nil), 200)
	if a.str("event.webhook_status") != "succeeded" || a.len("event.webhooks") != 1 || a.str("event.webhooks.0.webhook_status") != "succeeded" {
		t.Fatalf("event: %s", a.raw)
	}
}

// TestWebhookRetryBodyListsTheWebhook checks the body of each call: the
// first has no webhooks key, and a retry, made after the first call
// completed, carries the event as the API then shows it, with the webhook
// and its re_scheduled status (EVENTS.md: webhooks is present once the
// first call completed or timed out).
func TestWebhookRetryBodyListsTheWebhook(t *testing.T) {
	t.Parallel()
	e := newEndpoint(t, http.StatusInternalServerError)
	s := chargebeetest.NewServer(t, chargebeetest.WithWebhook(chargebeetest.Webhook{URL: e.srv.URL, RetryWaits: fastRetries}))
	createCustomer(t, s)
	wait(t, s)
	calls := e.received()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2", len(calls))
	}
	var first, retry map[string]any
	if err := json.Unmarshal(calls[0].body, &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(calls[1].body, &retry); err != nil {
		t.Fatal(err)
	}
	if first["id"] != "ev_1" || first["webhook_status"] != "scheduled" || first["webhooks"] != nil {
		t.Fatalf("first body: %s", calls[0].body)
	}
	hooks, _ := retry["webhooks"].([]any)
	if retry["id"] != "ev_1" || retry["webhook_status"] != "re_scheduled" || len(hooks) != 1 ||
		dig(hooks[0].(map[string]any), "webhook_status") != "re_scheduled" || dig(hooks[0].(map[string]any), "object") != "webhook" ||
		dig(hooks[0].(map[string]any), "id") == "" || dig(retry, "content.customer.id") != dig(first, "content.customer.id") {
		t.Fatalf("retry body: %s", calls[1].body)
	}
}

package chargebeetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/billingkit/chargebee-go"
)

// DefaultWebhookRetryWaits is the retry schedule of a Webhook that sets
// none: like Chargebee, up to seven retries with growing waits, but in
// milliseconds instead of over two days.
var DefaultWebhookRetryWaits = []time.Duration{
	5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond,
	80 * time.Millisecond, 160 * time.Millisecond, 320 * time.Millisecond,
}

// DefaultWebhookTimeout is how long the fake waits for the answer to one
// webhook call when the Webhook sets no Timeout.
const DefaultWebhookTimeout = 10 * time.Second

// Webhook is the endpoint the fake calls with the events it records, as
// configured in Chargebee's webhook settings.
type Webhook struct {
	// URL is the endpoint, for example the URL of an httptest.Server
	// running your handler. A key in its query is sent as given.
	URL string
	// Username and Password, when Username is not empty, are sent with
	// HTTP Basic auth on every call.
	Username, Password string
	// APIVersion is the version the event documents are shaped for:
	// chargebee.APIv2 (the default) or chargebee.APIv1. A v1 webhook is not
	// called for event types API v1 does not have; their webhook_status is
	// not_applicable.
	APIVersion chargebee.APIVersion
	// RetryWaits are the waits before the retries of a call that did not
	// get a 2XX answer: one retry per element. Nil means
	// DefaultWebhookRetryWaits; an empty, non-nil slice means no retries.
	RetryWaits []time.Duration
	// Timeout bounds each call. Default: DefaultWebhookTimeout.
	Timeout time.Duration
}

// Delivery is one call the fake made to the webhook, as returned by
// Deliveries.
type Delivery struct {
	// EventID and EventType identify the event delivered.
	EventID, EventType string
	// Copy is 1 for the first delivery of the event, 2, 3, … for the
	// copies DeliverDuplicates and ResendEvent add. Each copy is retried
	// on its own.
	Copy int
	// Attempt is 1 for the first call of a copy, 2 for its first retry,
	// and so on.
	Attempt int
	// Status is the HTTP status the webhook answered; 0 when the call got
	// no answer.
	Status int
	// Err says why the call got no answer (connection refused, time-out);
	// empty otherwise. It never holds the URL.
	Err string
}

// WithWebhook makes the fake deliver the events it records to w (see
// SetWebhook). An invalid w makes NewServer fail the test and Start return
// the error.
func WithWebhook(w Webhook) Option {
	return func(s *Server) { s.ev.wh.initErr = s.ev.wh.set(s, w) }
}

// SetWebhook makes the fake deliver every event it records from now on to
// w: an HTTP POST of the event's JSON document with Content-Type
// application/json (and Basic auth when w.Username is set). A 2XX answer
// ends the delivery; any other answer, or none, is retried on
// w.RetryWaits, and the event's webhook_status follows (scheduled,
// re_scheduled, succeeded or failed). The first call's body has no webhooks
// key; a retry or ResendEvent sends the event as the API then shows it,
// with its webhooks entry. Events recorded while no webhook is
// set are not delivered (webhook_status not_configured), nor are those of
// calls sent with the event-control headers that disable webhooks
// (webhook_status skipped).
//
// Deliveries run in the background, one call at a time, in the order the
// events were recorded (a retry waits its turn and so may arrive after
// newer events); WaitWebhooks waits for them and Deliveries tells what
// happened. Replacing the webhook does not change deliveries already
// queued.
func (s *Server) SetWebhook(w Webhook) error { return s.ev.wh.set(s, w) }

// RemoveWebhook stops the delivery of events recorded from now on.
// Deliveries already queued still happen.
func (s *Server) RemoveWebhook() {
	d := &s.ev.wh
	d.mu.Lock()
	d.cfg = nil
	d.mu.Unlock()
}

// DeliverDuplicates switches duplicate delivery on or off: while on, every
// event recorded is delivered twice (Copy 1 and 2, the copy right after
// the first), as Chargebee may do, so that a test can prove its handler
// processes each event once.
func (s *Server) DeliverDuplicates(on bool) {
	d := &s.ev.wh
	d.mu.Lock()
	d.dup = on
	d.mu.Unlock()
}

// DeliverOutOfOrder switches out-of-order delivery on or off: while on,
// the events recorded are held back and delivered newest first when
// WaitWebhooks is called or the switch is turned off, so that a test can
// prove its handler does not rely on the order of events.
func (s *Server) DeliverOutOfOrder(on bool) {
	d := &s.ev.wh
	d.mu.Lock()
	d.ooo = on
	if !on {
		d.releaseHeld()
	}
	d.mu.Unlock()
}

// ResendEvent queues one more delivery of a recorded event to the current
// webhook, as resending a webhook by hand in Chargebee does. It fails when
// no webhook is set or the fake has no such event.
func (s *Server) ResendEvent(id string) error {
	s.mu.Lock()
	ev := s.st.events.byID[id]
	var doc map[string]any
	if ev != nil {
		doc = ev.doc(s.ev.wh.version(), true)
	}
	s.mu.Unlock()
	if ev == nil {
		return fmt.Errorf("chargebeetest: no event %q", id)
	}
	if doc == nil {
		return fmt.Errorf("chargebeetest: event %q has no API %s form", id, s.ev.wh.version())
	}
	body, err := marshal(doc)
	if err != nil {
		return err
	}
	d := &s.ev.wh
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cfg == nil {
		return errors.New("chargebeetest: no webhook is set")
	}
	d.copies[id]++
	d.enqueue(&delivery{evID: id, evType: ev.typ, body: body, copy: d.copies[id], cfg: d.cfg})
	return nil
}

// WaitWebhooks releases the events DeliverOutOfOrder holds back and waits
// until every queued delivery is done: answered with 2XX or out of retries.
// It returns ctx's error if ctx ends first, and an error if the server is
// closed first.
func (s *Server) WaitWebhooks(ctx context.Context) error {
	d := &s.ev.wh
	for {
		d.mu.Lock()
		d.releaseHeld()
		if len(d.queue) == 0 && !d.busy {
			d.mu.Unlock()
			return nil
		}
		ch := d.changedCh()
		d.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return errors.New("chargebeetest: the server was closed before the webhooks were delivered")
		}
	}
}

// Deliveries returns the calls made to the webhook so far, in the order
// they were answered.
func (s *Server) Deliveries() []Delivery {
	d := &s.ev.wh
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Delivery(nil), d.log...)
}

// delivery is one queued copy of an event on its way to a webhook.
type delivery struct {
	evID, evType string
	body         []byte
	copy         int
	attempts     int // calls made so far
	due          time.Time
	order        int64 // queue order among deliveries due at the same time
	gen          int   // the deliverer's generation when queued
	cfg          *Webhook
}

// deliverer sends webhooks: one goroutine works through the queue, one
// call at a time.
type deliverer struct {
	initErr error // from WithWebhook

	mu      sync.Mutex
	s       *Server
	cfg     *Webhook
	dup     bool
	ooo     bool
	queue   []*delivery
	held    []*delivery // out-of-order deliveries, oldest first
	busy    bool        // a call is in flight
	order   int64
	gen     int            // counts Resets: a call in flight across one is forgotten
	copies  map[string]int // copies queued per event id
	log     []Delivery
	changed chan struct{} // closed and replaced when the queue or log changes
	wake    chan struct{}
	started bool
	stopped chan struct{} // closed when the worker returns
	client  *http.Client
}

// set validates w and makes it the webhook.
func (d *deliverer) set(s *Server, w Webhook) error {
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("chargebeetest: the webhook URL must be an absolute http or https URL")
	}
	switch w.APIVersion {
	case "":
		w.APIVersion = chargebee.APIv2
	case chargebee.APIv1, chargebee.APIv2:
	default:
		return fmt.Errorf("chargebeetest: unknown webhook API version %q", w.APIVersion)
	}
	if w.RetryWaits == nil {
		w.RetryWaits = DefaultWebhookRetryWaits
	}
	w.RetryWaits = append([]time.Duration(nil), w.RetryWaits...)
	for _, wait := range w.RetryWaits {
		if wait < 0 {
			return errors.New("chargebeetest: webhook retry waits must not be negative")
		}
	}
	if w.Timeout <= 0 {
		w.Timeout = DefaultWebhookTimeout
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.s = s
	d.cfg = &w
	if d.copies == nil {
		d.copies = map[string]int{}
	}
	return nil
}

// startWorker starts the worker goroutine with the first delivery, so that
// a server that never delivers runs none. It runs under d.mu.
func (d *deliverer) startWorker() {
	if d.started {
		return
	}
	d.started = true
	d.wake = make(chan struct{}, 1)
	d.stopped = make(chan struct{})
	// A transport of its own: deliveries must not go through a mock that
	// a test installed as http.DefaultTransport, nor through a proxy.
	d.client = &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     30 * time.Second,
	}}
	go d.run()
}

// version is the API version of the current webhook (v2 without one).
func (d *deliverer) version() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cfg == nil {
		return string(chargebee.APIv2)
	}
	return string(d.cfg.APIVersion)
}

// schedule queues the delivery of a newly recorded event and returns its
// initial webhook_status. It runs under Server.mu.
func (d *deliverer) schedule(ev *eventRec, off bool) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.cfg == nil:
		return whNotConfigured
	case off:
		return whSkipped
	}
	doc := ev.doc(string(d.cfg.APIVersion), false)
	if doc == nil {
		return whNotApplicable
	}
	doc["webhook_status"] = whScheduled
	body, err := marshal(doc)
	if err != nil {
		return whFailed
	}
	n := 1
	if d.dup {
		n = 2
	}
	for i := 0; i < n; i++ {
		d.copies[ev.id]++
		dl := &delivery{evID: ev.id, evType: ev.typ, body: body, copy: d.copies[ev.id], cfg: d.cfg}
		if d.ooo {
			d.held = append(d.held, dl)
		} else {
			d.enqueue(dl)
		}
	}
	return whScheduled
}

// enqueue adds dl, due now, to the queue. It runs under d.mu.
func (d *deliverer) enqueue(dl *delivery) {
	d.order++
	dl.order = d.order
	dl.gen = d.gen
	if dl.due.IsZero() {
		dl.due = time.Now()
	}
	d.queue = append(d.queue, dl)
	d.startWorker()
	d.signal()
}

// releaseHeld queues the held deliveries newest first. It runs under d.mu.
func (d *deliverer) releaseHeld() {
	for i := len(d.held) - 1; i >= 0; i-- {
		d.enqueue(d.held[i])
	}
	d.held = nil
}

// signal wakes the worker and the waiters. It runs under d.mu.
func (d *deliverer) signal() {
	if d.changed != nil {
		close(d.changed)
		d.changed = nil
	}
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// changedCh returns a channel closed at the next change. It runs under d.mu.
func (d *deliverer) changedCh() chan struct{} {
	if d.changed == nil {
		d.changed = make(chan struct{})
	}
	return d.changed
}

// next removes and returns the delivery due first, or returns how long to
// wait for one (0: the queue is empty). It runs under d.mu.
func (d *deliverer) next(now time.Time) (*delivery, time.Duration) {
	best := -1
	for i, dl := range d.queue {
		if best < 0 || dl.due.Before(d.queue[best].due) || (dl.due.Equal(d.queue[best].due) && dl.order < d.queue[best].order) {
			best = i
		}
	}
	if best < 0 {
		return nil, 0
	}
	dl := d.queue[best]
	if wait := dl.due.Sub(now); wait > 0 {
		return nil, wait
	}
	d.queue = append(d.queue[:best], d.queue[best+1:]...)
	return dl, 0
}

// run is the worker: it calls the webhook for each due delivery until the
// server closes.
func (d *deliverer) run() {
	defer close(d.stopped)
	done := d.s.done
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-done:
			cancel()
		case <-ctx.Done():
		}
	}()
	for {
		d.mu.Lock()
		dl, wait := d.next(time.Now())
		if dl != nil {
			d.busy = true
		}
		wake := d.wake
		d.mu.Unlock()
		if dl == nil {
			var timer *time.Timer
			var fire <-chan time.Time
			if wait > 0 {
				timer = time.NewTimer(wait)
				fire = timer.C
			}
			select {
			case <-wake:
			case <-fire:
			case <-done:
			}
			if timer != nil {
				timer.Stop()
			}
			select {
			case <-done:
				return
			default:
			}
			continue
		}
		status, errText := d.call(ctx, dl)
		if ctx.Err() != nil {
			return
		}
		dl.attempts++
		ok := status >= 200 && status < 300
		retry := !ok && dl.attempts <= len(dl.cfg.RetryWaits)
		evStatus := whSucceeded
		switch {
		case retry:
			evStatus = whReScheduled
		case !ok:
			evStatus = whFailed
		}
		d.s.setWebhookStatus(dl.evID, evStatus, ok)
		if retry {
			dl.body = d.s.webhookBody(dl.evID, string(dl.cfg.APIVersion), dl.body)
		}
		d.mu.Lock()
		if dl.gen == d.gen { // else Reset came while the call was in flight
			d.log = append(d.log, Delivery{EventID: dl.evID, EventType: dl.evType, Copy: dl.copy, Attempt: dl.attempts, Status: status, Err: errText})
			if retry {
				dl.due = time.Now().Add(dl.cfg.RetryWaits[dl.attempts-1])
				d.enqueue(dl)
			}
		}
		d.busy = false
		d.signal()
		d.mu.Unlock()
	}
}

// call makes one webhook call and returns the status, or why there was
// none.
func (d *deliverer) call(ctx context.Context, dl *delivery) (int, string) {
	ctx, cancel := context.WithTimeout(ctx, dl.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.cfg.URL, bytes.NewReader(dl.body))
	if err != nil {
		return 0, "building the request failed"
	}
	req.Header.Set("Content-Type", "application/json")
	if dl.cfg.Username != "" {
		req.SetBasicAuth(dl.cfg.Username, dl.cfg.Password)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which may carry a key
		}
		return 0, err.Error()
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, ""
}

// stop waits for the worker to return after the server closed.
func (d *deliverer) stop() {
	d.mu.Lock()
	started, stopped, client := d.started, d.stopped, d.client
	d.mu.Unlock()
	if !started {
		return
	}
	<-stopped
	client.CloseIdleConnections()
}

// reset drops queued and held deliveries and the delivery log (Reset).
func (d *deliverer) reset() {
	d.mu.Lock()
	d.gen++
	d.queue, d.held, d.log = nil, nil, nil
	d.copies = map[string]int{}
	d.signal()
	d.mu.Unlock()
}

// webhookBody renders the event as a call made now sends it: once the
// first call completed, with its webhooks entry. It returns old when the
// event is gone (a Reset) or cannot be rendered.
func (s *Server) webhookBody(id, version string, old []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ev := s.st.events.byID[id]; ev != nil {
		if doc := ev.doc(version, true); doc != nil {
			if b, err := marshal(doc); err == nil {
				return b
			}
		}
	}
	return old
}

// setWebhookStatus updates the webhook_status of a recorded event after a
// call; the webhooks entry appears with the first completed call. A
// succeeded event stays succeeded whatever its copies get.
func (s *Server) setWebhookStatus(id, status string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.st.events.byID[id]
	if ev == nil {
		return
	}
	if ev.webhookID == "" {
		ev.webhookID = "whbk_1"
	}
	if ev.webhookStatus == whSucceeded && !ok {
		return
	}
	ev.webhookStatus = status
}

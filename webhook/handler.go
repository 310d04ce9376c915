// Package webhook receives Chargebee webhooks: an http.Handler that
// authenticates each call, parses its body into an *event.Event, skips
// events already processed and hands the others to your function.
//
//	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
//		switch ev.EventType {
//		case event.CustomerChanged:
//			return syncCustomer(ctx, ev.Content.Customer)
//		}
//		return nil // ignore the other types
//	}, webhook.WithBasicAuth(user, password))
//	if err != nil { ... }
//	http.Handle("/chargebee/webhook", h)
//
// Chargebee retries any answer but a 2XX for about 2 days and may deliver an
// event more than once; the handler's Deduper has each event id processed
// once. In the order checked, the answers are:
//
//	401 Unauthorized             missing or wrong credentials (with WWW-Authenticate)
//	405 Method Not Allowed       not a POST (with Allow: POST)
//	413 Request Entity Too Large a body over WithMaxBodyBytes
//	400 Bad Request              not an event, an id over 512 bytes, or not of
//	                             the handler's WithAPIVersion
//	503 Service Unavailable      the Deduper failed; the event is not processed
//	200 OK                       a duplicate of a processed event; your function is not called
//	409 Conflict                 a duplicate of an event still being processed
//	400 or 503                   WithVerify: the API does not know or cannot take
//	                             the id, or cannot be reached
//	500 Internal Server Error    your function returned an error or panicked
//	200 OK                       your function returned nil
//
// Answers are short plain text and never echo the request; logs (WithLogger)
// name the event id and type, never the body or the credentials.
package webhook

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/api"
)

// DefaultMaxBodyBytes is the largest body read without WithMaxBodyBytes.
const DefaultMaxBodyBytes = 1 << 20

// DefaultSettleTimeout bounds the Deduper's Complete or Release after your
// function ran, when WithSettleTimeout is not given.
const DefaultSettleTimeout = 10 * time.Second

// Option configures NewHandler.
type Option func(*config) error

type config struct {
	auth, noAuth bool
	user, pass   [sha256.Size]byte
	deduper      Deduper
	maxBody      int64
	version      chargebee.APIVersion
	verify       *chargebee.Client
	logger       *slog.Logger
	settle       time.Duration
}

// option returns the Option that applies set, or fails with name and reason.
func option(ok bool, name, reason string, set func(*config)) Option {
	return func(c *config) error {
		if !ok {
			return api.Invalid(name, reason)
		}
		set(c)
		return nil
	}
}

// WithBasicAuth makes the handler require HTTP Basic credentials, the user
// name and password set in the webhook's settings on Chargebee. Both must be
// non-empty, and the user name without a colon (Basic auth ends the user
// name at the first one). They are compared in constant time and never
// logged.
func WithBasicAuth(user, password string) Option {
	if strings.Contains(user, ":") {
		return option(false, "WithBasicAuth", "needs a user name without a colon, which Basic auth cannot carry", nil)
	}
	return option(user != "" && password != "", "WithBasicAuth", "needs a non-empty user name and password", func(c *config) {
		c.auth = true
		c.user, c.pass = sha256.Sum256([]byte(user)), sha256.Sum256([]byte(password))
	})
}

// WithoutAuth makes the handler accept calls without credentials, for an
// endpoint authenticated otherwise; one of it and WithBasicAuth is required.
func WithoutAuth() Option { return option(true, "", "", func(c *config) { c.noAuth = true }) }

// WithDeduper sets the store of event ids that makes each event processed
// once. The default, NewMemoryDeduper(0), serves one process only.
func WithDeduper(d Deduper) Option {
	return option(d != nil, "WithDeduper", "needs a Deduper, not nil", func(c *config) { c.deduper = d })
}

// WithMaxBodyBytes sets the largest body read (default
// DefaultMaxBodyBytes); a larger one is answered 413. n must be positive.
func WithMaxBodyBytes(n int64) Option {
	return option(n > 0, "WithMaxBodyBytes", "needs a positive size", func(c *config) { c.maxBody = n })
}

// WithSettleTimeout sets how long the Deduper's Complete or Release, made
// after your function ran, may take (default DefaultSettleTimeout): its
// context ends then, so a store that hangs cannot hold the answer for ever.
// It runs even when the client went away meanwhile. d must be positive.
func WithSettleTimeout(d time.Duration) Option {
	return option(d > 0, "WithSettleTimeout", "needs a positive duration", func(c *config) { c.settle = d })
}

// WithAPIVersion sets the API version of the events the handler accepts
// (default chargebee.APIv2); others, or none, are answered 400.
func WithAPIVersion(v chargebee.APIVersion) Option {
	return option(v == chargebee.APIv1 || v == chargebee.APIv2, "WithAPIVersion",
		fmt.Sprintf("unknown API version %q; use chargebee.APIv1 or chargebee.APIv2", v), func(c *config) { c.version = v })
}

// WithVerify makes the handler read each event again from the API by its id
// and hand that copy to the function, so that only events Chargebee recorded
// are processed. cb must speak the handler's API version.
func WithVerify(cb *chargebee.Client) Option {
	return option(cb != nil, "WithVerify", "needs a *chargebee.Client, not nil", func(c *config) { c.verify = cb })
}

// WithLogger sets where the handler logs the failures it meets once the
// body is an event (default slog.Default(); nil turns logging off).
func WithLogger(l *slog.Logger) Option { return option(true, "", "", func(c *config) { c.logger = l }) }

// NewHandler returns an http.Handler that calls fn once per event, with the
// request's context. A nil fn, a bad option, or not exactly one of
// WithBasicAuth and WithoutAuth is a *chargebee.ValidationError. Keep fn's
// effects idempotent: once a claim expires, a redelivery runs it again.
func NewHandler(fn func(context.Context, *event.Event) error, opts ...Option) (http.Handler, error) {
	if fn == nil {
		return nil, api.Invalid("fn", "NewHandler needs a function, not nil")
	}
	c := config{maxBody: DefaultMaxBodyBytes, version: chargebee.APIv2, logger: slog.Default(), settle: DefaultSettleTimeout}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	switch {
	case c.auth && c.noAuth:
		return nil, api.Invalid("WithoutAuth", "given with WithBasicAuth; choose one")
	case !c.auth && !c.noAuth:
		return nil, api.Invalid("WithBasicAuth", "or WithoutAuth() is required: choose WithBasicAuth(user, password), or WithoutAuth() for an endpoint authenticated otherwise")
	}
	if c.deduper == nil {
		c.deduper = NewMemoryDeduper(0)
	}
	h := &handler{config: c, fn: fn}
	if c.verify != nil {
		if v := c.verify.APIVersion(); v != c.version {
			return nil, &chargebee.ValidationError{Param: "WithVerify", Err: chargebee.ErrAPIVersion,
				Reason: fmt.Sprintf("the client speaks API %s but the handler expects %s events", v, c.version)}
		}
		h.events = event.NewService(c.verify)
	}
	return h, nil
}

type handler struct {
	config
	fn     func(context.Context, *event.Event) error
	events *event.Service
}

// ServeHTTP answers with a short plain-text reason.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status, msg := h.answer(w, r)
	hd := w.Header()
	hd["Content-Type"], hd["X-Content-Type-Options"] = textPlain, nosniff
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

// answer checks and processes one delivery and returns the answer to give.
func (h *handler) answer(w http.ResponseWriter, r *http.Request) (int, string) {
	if h.auth && !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="chargebee-webhook", charset="UTF-8"`)
		return http.StatusUnauthorized, "unauthorized"
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return http.StatusMethodNotAllowed, "method not allowed; use POST"
	}
	body, status := h.readBody(w, r)
	if status != 0 {
		return status, http.StatusText(status)
	}
	ev, err := event.Parse(body)
	switch {
	case err != nil:
		return http.StatusBadRequest, err.Error()
	case len(ev.ID) > api.MaxIDLength:
		// Longer than any Chargebee id, and a key of the deduper.
		return http.StatusBadRequest, "event id is longer than " + strconv.Itoa(api.MaxIDLength) + " bytes"
	case ev.APIVersion != h.version:
		return http.StatusBadRequest, "event api_version is not " + string(h.version)
	}
	return h.process(r.Context(), ev)
}

// process de-duplicates ev, hands it to handle and settles its claim.
func (h *handler) process(ctx context.Context, ev *event.Event) (int, string) {
	state, err := h.deduper.Claim(ctx, ev.ID)
	switch {
	case err == nil && state == Processed:
		return http.StatusOK, "already processed"
	case err == nil && state == Processing:
		return http.StatusConflict, "being processed; try later"
	case err == nil && state != Claimed:
		err = fmt.Errorf("invalid state %d", state)
	}
	if err != nil {
		h.log(ctx, slog.LevelError, "webhook: deduper failed", ev, http.StatusServiceUnavailable, err)
		return http.StatusServiceUnavailable, "cannot check for duplicates; try later"
	}
	status, msg := h.handle(ctx, ev)
	// Settled even when the client went away, but within h.settle.
	settle, cancel := context.WithTimeout(context.WithoutCancel(ctx), h.settle)
	defer cancel()
	if status != http.StatusOK {
		if err := h.deduper.Release(settle, ev.ID); err != nil {
			h.log(settle, slog.LevelError, "webhook: could not release the claim; it expires on its own", ev, 0, err)
		}
	} else if err := h.deduper.Complete(settle, ev.ID); err != nil {
		// Still answered 200, or Chargebee would send it again at once.
		h.log(settle, slog.LevelError, "webhook: could not record the event as processed", ev, http.StatusOK, err)
	}
	return status, msg
}

// handle reads ev back from the API when WithVerify asks for it and hands
// it to fn. It returns the answer to give, having logged a failure.
func (h *handler) handle(ctx context.Context, ev *event.Event) (int, string) {
	if h.events != nil {
		res, err := h.events.Retrieve(ctx, ev.ID)
		status, msg := http.StatusBadRequest, ""
		var invalid *chargebee.ValidationError
		switch {
		case errors.Is(err, chargebee.ErrNotFound):
			msg = "event unknown to the API"
		case errors.As(err, &invalid):
			msg = "event id not valid for the API" // never sent, never known
		case err != nil:
			status, msg = http.StatusServiceUnavailable, "cannot verify the event; try later"
		case res.Event.ID != ev.ID:
			msg = "the API returned another event"
		case res.Event.APIVersion != h.version:
			msg = "event api_version is not " + string(h.version)
		}
		if msg != "" {
			h.log(ctx, slog.LevelWarn, "webhook: "+msg, ev, status, nil)
			return status, msg
		}
		ev = res.Event
	}
	if failure := h.call(ctx, ev); failure != "" {
		h.log(ctx, slog.LevelError, "webhook: "+failure, ev, http.StatusInternalServerError, nil)
		return http.StatusInternalServerError, "processing failed"
	}
	return http.StatusOK, "ok"
}

// call runs fn and says how it failed, or "", keeping neither its error nor
// a panic value: they may hold personal data.
func (h *handler) call(ctx context.Context, ev *event.Event) (failure string) {
	defer func() {
		if recover() != nil {
			failure = "the handler function panicked"
		}
	}()
	if h.fn(ctx, ev) != nil {
		return "the handler function failed"
	}
	return ""
}

// log records a failure met with ev, the status answered (if not 0) and a
// deduper's err, with ctx's values even after the client went away.
func (h *handler) log(ctx context.Context, level slog.Level, msg string, ev *event.Event, status int, err error) {
	if h.logger == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	attrs := []slog.Attr{slog.String("event_id", ev.ID), slog.String("event_type", string(ev.EventType))}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	h.logger.LogAttrs(ctx, level, msg, attrs...)
}

// authorized checks the Basic credentials in constant time.
func (h *handler) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	u, p := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	return ok && subtle.ConstantTimeCompare(u[:], h.user[:])&subtle.ConstantTimeCompare(p[:], h.pass[:]) == 1
}

// readBody reads at most maxBody bytes, or returns the status to answer.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	if r.ContentLength > h.maxBody {
		return nil, http.StatusRequestEntityTooLarge
	}
	if r.Body == nil || r.ContentLength == 0 {
		return nil, 0
	}
	body := http.MaxBytesReader(w, r.Body, h.maxBody)
	if r.ContentLength > 0 {
		// The server stops the body at its declared length: one allocation.
		buf := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, http.StatusBadRequest
		}
		return buf, 0
	}
	buf, err := io.ReadAll(body)
	if tooLarge := new(http.MaxBytesError); errors.As(err, &tooLarge) {
		return nil, http.StatusRequestEntityTooLarge
	} else if err != nil {
		return nil, http.StatusBadRequest
	}
	return buf, 0
}

// Header values of every answer, shared so that answering allocates less.
var (
	textPlain = []string{"text/plain; charset=utf-8"}
	nosniff   = []string{"nosniff"}
)

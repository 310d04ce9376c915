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
// Chargebee treats any 2XX answer as delivered and retries everything else,
// for about 2 days. The handler therefore answers 2XX only once your
// function returned nil, and 500 when it failed or panicked, so the event
// comes again. Chargebee may also deliver an event more than once, at the
// same time or out of order; the handler's Deduper makes sure each event id
// is processed once: a duplicate of a processed event is answered 200
// without calling your function, and a duplicate that arrives while the
// first delivery is still being processed is answered 409, so Chargebee
// tries it later.
//
// The handler checks, in this order: the credentials (401 Unauthorized,
// with WWW-Authenticate), the method (405 Method Not Allowed, with Allow:
// POST), the size of the body (413 Request Entity Too Large, see
// WithMaxBodyBytes), that the body is an event (400 Bad Request) of the
// handler's API version (400, see WithAPIVersion), and then the Deduper:
//
//	503 Service Unavailable the Deduper failed; the event is not processed
//	200 OK                  a duplicate of a processed event; your function is not called
//	409 Conflict            a duplicate of an event still being processed
//
// A new event is then read back from the API when WithVerify is given (400
// for an id the API does not know, 503 when the API cannot be reached) and
// handed to your function:
//
//	500 Internal Server Error your function returned an error or panicked
//	200 OK                    your function returned nil
//
// Answers carry a short plain-text reason and never echo the request. Logs
// (WithLogger) record the failures met once the body is an event (the
// deduper, WithVerify, your function) with the event id and type and the
// answer, never the body,
// the credentials or anything personal.
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

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/api"
)

// DefaultMaxBodyBytes is the largest body the handler reads when
// WithMaxBodyBytes is not given: 1 MiB, far above the size of a
// customer-domain event.
const DefaultMaxBodyBytes = 1 << 20

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
	logSet       bool
}

// WithBasicAuth makes the handler require HTTP Basic credentials, the user
// name and password set in the webhook's settings on Chargebee. Both must be
// non-empty. They are compared in constant time and never logged.
func WithBasicAuth(user, password string) Option {
	return func(c *config) error {
		if user == "" || password == "" {
			return api.Invalid("WithBasicAuth", "needs a non-empty user name and password")
		}
		c.auth = true
		c.user, c.pass = sha256.Sum256([]byte(user)), sha256.Sum256([]byte(password))
		return nil
	}
}

// WithoutAuth makes the handler accept calls without credentials. It must be
// chosen explicitly: a handler given neither WithBasicAuth nor WithoutAuth is
// refused. Use it only behind something else that authenticates the calls.
func WithoutAuth() Option {
	return func(c *config) error {
		c.noAuth = true
		return nil
	}
}

// WithDeduper sets the store of event ids that makes each event processed
// once. The default is NewMemoryDeduper(0), which forgets everything on
// restart and is not shared between replicas: several replicas, or a
// service that restarts, need a Deduper on a shared, persistent store.
func WithDeduper(d Deduper) Option {
	return func(c *config) error {
		if d == nil {
			return api.Invalid("WithDeduper", "needs a Deduper, not nil")
		}
		c.deduper = d
		return nil
	}
}

// WithMaxBodyBytes sets the largest body read (default
// DefaultMaxBodyBytes); a larger one is answered 413. n must be positive.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return api.Invalid("WithMaxBodyBytes", "needs a positive size")
		}
		c.maxBody = n
		return nil
	}
}

// WithAPIVersion sets the API version the handler's function is written for
// (default chargebee.APIv2). Events whose api_version is another one, or
// missing, are answered 400: set the webhook's API version on Chargebee to
// the same.
func WithAPIVersion(v chargebee.APIVersion) Option {
	return func(c *config) error {
		if v != chargebee.APIv1 && v != chargebee.APIv2 {
			return api.Invalid("WithAPIVersion", fmt.Sprintf("unknown API version %q; use chargebee.APIv1 or chargebee.APIv2", v))
		}
		c.version = v
		return nil
	}
}

// WithVerify makes the handler read each event again from the API by its id
// (GET /events/{id}) and hand that copy to the function, so that only events
// Chargebee recorded are processed whatever the body said. An id the API
// does not know is answered 400; an API that cannot be reached, 503. cb must
// speak the handler's API version.
func WithVerify(cb *chargebee.Client) Option {
	return func(c *config) error {
		if cb == nil {
			return api.Invalid("WithVerify", "needs a *chargebee.Client, not nil")
		}
		c.verify = cb
		return nil
	}
}

// WithLogger sets where the handler logs the failures it meets once the
// body is an event (the deduper, WithVerify, your function, releasing or
// completing the claim) (default slog.Default()); nil turns logging off. Records carry the
// event id and type and the status, never the body or the credentials.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger, c.logSet = l, true
		return nil
	}
}

// NewHandler returns an http.Handler that receives Chargebee webhooks and
// calls fn once per event. It fails with a *chargebee.ValidationError naming
// the argument or option at fault when fn is nil, when an option is
// invalid, and when neither WithBasicAuth nor WithoutAuth (or both) is
// given. See the package documentation for the answers it gives.
//
// fn gets the request's context. It should be idempotent in its effects as
// far as possible: a claim on an event expires (DefaultClaimTTL with the
// memory deduper), after which a redelivery is processed again even if fn is
// still running.
func NewHandler(fn func(context.Context, *event.Event) error, opts ...Option) (http.Handler, error) {
	if fn == nil {
		return nil, api.Invalid("fn", "NewHandler needs a function, not nil")
	}
	c := config{maxBody: DefaultMaxBodyBytes, version: chargebee.APIv2}
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
	if !c.logSet {
		c.logger = slog.Default()
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

const wwwAuthenticate = `Basic realm="chargebee-webhook", charset="UTF-8"`

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.auth && !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", wwwAuthenticate)
		reply(w, http.StatusUnauthorized, "unauthorized")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		reply(w, http.StatusMethodNotAllowed, "method not allowed; use POST")
		return
	}
	body, status := h.readBody(w, r)
	if status != 0 {
		reply(w, status, http.StatusText(status))
		return
	}
	ev, err := event.Parse(body)
	if err != nil {
		reply(w, http.StatusBadRequest, err.Error())
		return
	}
	if ev.APIVersion != h.version {
		reply(w, http.StatusBadRequest, "event api_version is not "+string(h.version))
		return
	}
	h.process(r.Context(), w, ev)
}

// process de-duplicates, verifies and hands ev to fn.
func (h *handler) process(ctx context.Context, w http.ResponseWriter, ev *event.Event) {
	id := ev.ID
	state, err := h.deduper.Claim(ctx, id)
	if err != nil {
		h.log(ctx, slog.LevelError, "webhook: deduper failed", ev, http.StatusServiceUnavailable, slog.String("error", err.Error()))
		reply(w, http.StatusServiceUnavailable, "cannot check for duplicates; try later")
		return
	}
	switch state {
	case Processed:
		reply(w, http.StatusOK, "already processed")
		return
	case Processing:
		reply(w, http.StatusConflict, "being processed; try later")
		return
	case Claimed:
	default:
		h.log(ctx, slog.LevelError, "webhook: deduper returned an invalid state", ev, http.StatusServiceUnavailable)
		reply(w, http.StatusServiceUnavailable, "cannot check for duplicates; try later")
		return
	}
	// The claim is settled even when the caller has gone away.
	settle := context.WithoutCancel(ctx)
	if h.events != nil {
		fetched, status, msg := h.verifyEvent(ctx, ev)
		if fetched == nil {
			h.release(settle, ev)
			h.log(ctx, slog.LevelWarn, "webhook: "+msg, ev, status)
			reply(w, status, msg)
			return
		}
		ev = fetched
	}
	if err := h.call(ctx, ev); err != nil {
		h.release(settle, ev)
		h.log(ctx, slog.LevelError, "webhook: "+err.Error(), ev, http.StatusInternalServerError)
		reply(w, http.StatusInternalServerError, "processing failed")
		return
	}
	if err := h.deduper.Complete(settle, id); err != nil {
		// The event was processed: say so, or Chargebee would send it
		// again. The claim expires and a later delivery is processed
		// again.
		h.log(ctx, slog.LevelError, "webhook: could not record the event as processed", ev, http.StatusOK, slog.String("error", err.Error()))
	}
	reply(w, http.StatusOK, "ok")
}

// verifyEvent reads ev from the API. On failure it returns nil, the status
// to answer and the reason.
func (h *handler) verifyEvent(ctx context.Context, ev *event.Event) (*event.Event, int, string) {
	res, err := h.events.Retrieve(ctx, ev.ID)
	switch {
	case errors.Is(err, chargebee.ErrNotFound):
		return nil, http.StatusBadRequest, "event unknown to the API"
	case err != nil:
		return nil, http.StatusServiceUnavailable, "cannot verify the event; try later"
	case res.Event.ID != ev.ID:
		return nil, http.StatusBadRequest, "the API returned another event"
	case res.Event.APIVersion != h.version:
		return nil, http.StatusBadRequest, "event api_version is not " + string(h.version)
	}
	return res.Event, 0, ""
}

// errPanic is what call returns when fn panics; the panic value is not
// kept, as it may hold anything.
var errPanic = errors.New("the handler function panicked")

// errFailed is what call returns when fn fails; fn's error is not logged,
// as it may carry personal data of the event.
var errFailed = errors.New("the handler function failed")

func (h *handler) call(ctx context.Context, ev *event.Event) (err error) {
	defer func() {
		if recover() != nil {
			err = errPanic
		}
	}()
	if h.fn(ctx, ev) != nil {
		return errFailed
	}
	return nil
}

func (h *handler) release(ctx context.Context, ev *event.Event) {
	if err := h.deduper.Release(ctx, ev.ID); err != nil {
		h.log(ctx, slog.LevelError, "webhook: could not release the claim; it expires on its own", ev, 0, slog.String("error", err.Error()))
	}
}

func (h *handler) log(ctx context.Context, level slog.Level, msg string, ev *event.Event, status int, extra ...slog.Attr) {
	if h.logger == nil {
		return
	}
	attrs := append([]slog.Attr{slog.String("event_id", ev.ID), slog.String("event_type", string(ev.EventType))}, extra...)
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	h.logger.LogAttrs(ctx, level, msg, attrs...)
}

// authorized checks the Basic credentials in constant time.
func (h *handler) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	u, p := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	uok := subtle.ConstantTimeCompare(u[:], h.user[:])
	pok := subtle.ConstantTimeCompare(p[:], h.pass[:])
	return uok&pok == 1
}

// readBody reads at most maxBody bytes. A non-zero status is the answer to
// give instead.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	if r.ContentLength > h.maxBody {
		return nil, http.StatusRequestEntityTooLarge
	}
	if r.Body == nil || r.ContentLength == 0 {
		return nil, 0
	}
	body := http.MaxBytesReader(w, r.Body, h.maxBody)
	if r.ContentLength > 0 {
		// The server stops the body at its declared length: read it in one
		// allocation.
		buf := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, http.StatusBadRequest
		}
		return buf, 0
	}
	buf, err := io.ReadAll(body)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	return buf, 0
}

// Header values of every answer, shared so that answering allocates less.
var (
	textPlain = []string{"text/plain; charset=utf-8"}
	nosniff   = []string{"nosniff"}
)

func reply(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h["Content-Type"] = textPlain
	h["X-Content-Type-Options"] = nosniff
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

// Command webhooks receives Chargebee webhooks with webhook.NewHandler
// while it creates, links and credits customers, and shows that each event
// is processed once although one of them is delivered twice.
//
//	go run ./examples/webhooks
//
// Without configuration it runs against the built-in fake, which calls the
// handler (on 127.0.0.1, with Basic auth) with every event it records, as
// Chargebee calls the webhook URL of a site. With CHARGEBEE_SITE and
// CHARGEBEE_API_KEY set it uses that site; Chargebee cannot reach a handler
// on 127.0.0.1, so the program reads the events from the events API instead
// and posts them to the handler itself. The customers it creates are
// unlinked and deleted at the end.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
	"github.com/billingkit/chargebee-go/relationship"
	"github.com/billingkit/chargebee-go/webhook"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "webhooks:", err)
		os.Exit(1)
	}
}

// journal collects what the handler, which runs on the server's
// goroutines while the program goes on, did; the program prints it once the
// deliveries are done, so that the output keeps one order.
type journal struct {
	mu    sync.Mutex
	lines bytes.Buffer
}

func (j *journal) Write(p []byte) (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.lines.Write(p)
}

// flush prints what was collected since the last flush.
func (j *journal) flush(w io.Writer) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	_, err := j.lines.WriteTo(w)
	return err
}

// process is what the application does with an event: here, print it.
func process(w io.Writer, ev *event.Event) {
	c := ev.Content
	detail := ""
	switch ev.EventType {
	case event.CustomerCreated:
		detail = c.Customer.ID
	case event.HierarchyCreated:
		detail = c.Customer.ID
		if c.Customer.Relationship != nil {
			detail += " under " + c.Customer.Relationship.ParentID
		}
	case event.PromotionalCreditsAdded:
		pc := c.PromotionalCredit
		detail = fmt.Sprintf("%s +%s (balance %s)", pc.CustomerID, chargebeetest.FormatAmount(pc.Amount, pc.CurrencyCode), chargebeetest.FormatAmount(pc.ClosingBalance, pc.CurrencyCode))
	}
	fmt.Fprintf(w, "Processed %s %s: %s\n", ev.ID, ev.EventType, detail)
}

// call is one webhook call the handler answered.
type call struct {
	id     string
	status int
}

// recorder wraps the handler to note the answer of each call.
type recorder struct {
	next  http.Handler
	mu    sync.Mutex
	calls []call
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, webhook.DefaultMaxBodyBytes+1))
	if err != nil {
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	}
	var ev struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(body, &ev)
	req.Body = io.NopCloser(bytes.NewReader(body))
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	r.next.ServeHTTP(sw, req)
	r.mu.Lock()
	r.calls = append(r.calls, call{ev.ID, sw.status})
	r.mu.Unlock()
}

func (r *recorder) answered() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	defer env.Close(w, &err)
	handled := &journal{}

	// The handler: Basic auth with credentials of this run, and a store of
	// the event ids already processed. A MemoryDeduper serves one process;
	// replicas share one on Redis (the redis module).
	user, password := "chargebee", newPassword()
	h, err := webhook.NewHandler(func(ctx context.Context, ev *event.Event) error {
		process(handled, ev)
		return nil
	}, webhook.WithBasicAuth(user, password), webhook.WithDeduper(webhook.NewMemoryDeduper(0)))
	if err != nil {
		return err
	}
	rec := &recorder{next: h}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening on 127.0.0.1: %w", err)
	}
	srv := &http.Server{Handler: rec, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	hookURL := "http://" + ln.Addr().String() + "/chargebee/webhook"
	fmt.Fprintln(w, "Webhook handler on 127.0.0.1 with Basic auth, de-duplicating by event id")

	if env.Fake != nil {
		// The fake calls the handler with every event from now on, as
		// Chargebee calls a site's webhook URL.
		if err := env.Fake.SetWebhook(chargebeetest.Webhook{URL: hookURL, Username: user, Password: password}); err != nil {
			return err
		}
		defer env.Fake.RemoveWebhook() // the clean-up needs no deliveries
	}
	since := time.Now().Add(-time.Minute)

	parent, child := env.ID("acme_parent"), env.ID("acme_child")
	customers := customer.NewService(env.Client)
	for _, c := range []struct{ id, company string }{{parent, "Acme"}, {child, "Acme Labs"}} {
		res, err := customers.Create(ctx, customer.NewCreateRequest().SetID(c.id).SetCompany(c.company))
		if err != nil {
			return fmt.Errorf("creating %s: %w", c.id, err)
		}
		env.Created(res.Customer.ID)
	}
	if _, err := relationship.NewService(env.Client).Link(ctx, child, relationship.NewLinkRequest().SetParentID(parent)); err != nil {
		return fmt.Errorf("linking %s under %s: %w", child, parent, err)
	}
	add, err := credits.NewService(env.Client).Add(ctx, credits.NewAddRequest().
		SetCustomerID(parent).SetAmount(500).SetDescription("Welcome credit"))
	if err != nil {
		return fmt.Errorf("adding credits to %s: %w", parent, err)
	}
	fmt.Fprintf(w, "Created %s and %s, linked %s under %s, added %s of credits to %s\n",
		parent, child, child, parent, chargebeetest.FormatAmount(add.PromotionalCredit.Amount, add.PromotionalCredit.CurrencyCode), parent)

	var again string
	if env.Fake != nil {
		if err := env.Fake.WaitWebhooks(ctx); err != nil {
			return fmt.Errorf("waiting for the webhooks: %w", err)
		}
		// Chargebee may deliver an event twice: resend the first one.
		if err := handled.flush(w); err != nil {
			return err
		}
		again = rec.answered()[0].id
		fmt.Fprintf(w, "Delivering %s again, as Chargebee may\n", again)
		if err := env.Fake.ResendEvent(again); err != nil {
			return err
		}
		if err := env.Fake.WaitWebhooks(ctx); err != nil {
			return fmt.Errorf("waiting for the webhooks: %w", err)
		}
	} else {
		fmt.Fprintln(w, "Chargebee cannot call 127.0.0.1: reading the events from the events API and posting them to the handler")
		evs, err := ourEvents(ctx, env.Client, since, []string{parent, child}, 4)
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if err := deliver(ctx, hookURL, user, password, ev); err != nil {
				return err
			}
		}
		if err := handled.flush(w); err != nil {
			return err
		}
		again = evs[0].ID
		fmt.Fprintf(w, "Delivering %s again, as Chargebee may\n", again)
		if err := deliver(ctx, hookURL, user, password, evs[0]); err != nil {
			return err
		}
	}

	if err := handled.flush(w); err != nil { // nothing: a duplicate is not processed
		return err
	}
	calls := rec.answered()
	var parts []string
	processed := map[string]bool{}
	for _, c := range calls {
		parts = append(parts, fmt.Sprintf("%s %d", c.id, c.status))
		if c.status != http.StatusOK {
			return fmt.Errorf("the handler answered %s with %d", c.id, c.status)
		}
		processed[c.id] = true
	}
	fmt.Fprintf(w, "Answers: %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "%d deliveries of %d events: the second delivery of %s was answered 200 without processing it again\n",
		len(calls), len(processed), again)
	return nil
}

// ourEvents polls the events API until it holds want events about the
// given customers since the given time, and returns them oldest first.
// Events reach the API a moment after the change.
func ourEvents(ctx context.Context, cb *chargebee.Client, since time.Time, ids []string, want int) ([]*event.Event, error) {
	events := event.NewService(cb)
	req := event.NewListRequest().
		SetStartTime(chargebee.Timestamp(since.Unix())).
		SetEventType(chargebee.EnumFilter{In: []string{string(event.CustomerCreated), string(event.HierarchyCreated), string(event.PromotionalCreditsAdded)}}).
		SetSortBy(chargebee.SortAsc("occurred_at"))
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		var found []*event.Event
		for e, err := range events.List(ctx, req) {
			if err != nil {
				return nil, fmt.Errorf("listing events: %w", err)
			}
			if c := e.Event.Content.Customer; c != nil && slices.Contains(ids, c.ID) {
				found = append(found, e.Event)
			}
		}
		if len(found) >= want {
			return found, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("the events API listed %d of the %d events within a minute", len(found), want)
		case <-time.After(2 * time.Second):
		}
	}
}

// deliver posts ev to the handler as Chargebee would.
func deliver(ctx context.Context, url, user, password string, ev *event.Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(user, password)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("posting %s to the handler: %w", ev.ID, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return errors.New("the handler answered " + res.Status)
	}
	return nil
}

// newPassword returns a random password for the handler's Basic auth.
func newPassword() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

package reliability_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/billingkit/chargebee-go/relationship"
)

// secretKey is an API key with a marker that is easy to find.
const secretKey = "live_SECRETMARKER_9f8e7d6c5b4a"

// secrets are the strings that must never leave the request: the key, the
// Authorization value, the e-mail in its raw and escaped forms, and the
// value only form bodies and query strings carry.
func secrets() []string {
	auth := base64.StdEncoding.EncodeToString([]byte(secretKey + ":"))
	wrongAuth := base64.StdEncoding.EncodeToString([]byte(secretKey + "_wrong:"))
	return []string{
		secretKey, "SECRETMARKER", auth, "Basic " + auth, wrongAuth,
		piiEmail, url.QueryEscape(piiEmail), url.PathEscape(piiEmail), "pii.marker", "vip@example",
		bodyMarker,
	}
}

// lockedBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// leakCheck collects everything a caller could print or log.
type leakCheck struct {
	t    *testing.T
	logs *lockedBuffer
}

func newLeakCheck(t *testing.T) (*leakCheck, *slog.Logger) {
	buf := &lockedBuffer{}
	return &leakCheck{t: t, logs: buf}, slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// call runs fn, turning a panic into a test failure whose value is checked
// like an error, and checks the error in every way it can be printed.
func (c *leakCheck) call(what string, fn func() (any, error)) error {
	c.t.Helper()
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				c.t.Errorf("%s panicked: %v", what, "(value checked below)")
				c.clean(what+" panic", fmt.Sprint(p))
			}
		}()
		_, err = fn()
	}()
	if err == nil {
		return nil
	}
	c.clean(what+" err.Error()", err.Error())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		c.clean(what+" "+verb, fmt.Sprintf(verb, err))
	}
	for i, e := range unwrapAll(err) {
		c.clean(fmt.Sprintf("%s wrapped error %d (%T)", what, i, e), e.Error()+fmt.Sprintf(" %+v %#v", e, e))
	}
	return err
}

// clean fails the test if s holds a secret.
func (c *leakCheck) clean(where, s string) {
	c.t.Helper()
	for _, secret := range secrets() {
		if strings.Contains(s, secret) {
			c.t.Errorf("%s contains %q:\n%s", where, secret, s)
		}
	}
}

// unwrapAll returns every error in err's tree.
func unwrapAll(err error) []error {
	var out []error
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		out = append(out, e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return out
}

// TestNoSecretLeaksOnEveryAction covers scenario 9 for every action. The
// API key carries a marker, e-mails ride in list filters, form bodies,
// billing addresses and the request-origin header, and a logger at debug
// level is attached. Each action
// is run through success after a storm of faults, exhausted retries, an
// authentication failure with a wrong key, a broken 200 body, and a
// connection closed without an answer. What must hold: the key, the Authorization value,
// the e-mail (raw or escaped) and the form-body marker appear in no log
// line, no err.Error(), no %v, %+v, %#v, %s or %q of the error or of any
// error it wraps, and no panic (there must be none). The test first checks
// that those values did go on the wire, so the assertion means something.
func TestNoSecretLeaksOnEveryAction(t *testing.T) {
	t.Parallel()
	refused := testutil.DroppingServerURL(t)
	ctx := context.Background()
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			check, logger := newLeakCheck(t)
			f := newFixture(t, chargebeetest.WithAPIKey(secretKey))
			a.setup(t, f)
			// The end user's e-mail also rides in a request header.
			opts := append(keyFor(a), chargebee.WithOriginUser(piiEmail))
			clientOpts := []chargebee.Option{chargebee.WithLogger(logger), chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond)}

			// Success after 429, 503 and a dropped connection.
			f.srv.ClearRequests()
			stormFaults(f.srv)
			if err := check.call("stormy success", func() (any, error) { return a.run(ctx, f.client(a, clientOpts...), opts...) }); err != nil {
				t.Fatalf("stormy call failed: %v", err)
			}
			sent := f.srv.Requests()
			if len(sent) < 4 || sent[0].Header.Get("Authorization") != "Basic <masked>" || sent[0].Header.Get("chargebee-request-origin-user") != piiEmail {
				t.Fatalf("fake saw %d requests, first with headers %v", len(sent), sent[0].Header)
			}
			var wire string
			for _, r := range sent {
				wire += r.Params.Encode() + string(r.Body)
			}
			if carries := strings.Contains(wire, url.QueryEscape(piiEmail)) || strings.Contains(wire, bodyMarker); carries != carriesMarkers[a.name] {
				t.Errorf("the call sent the e-mail or the body marker: %v, want %v: %s", carries, carriesMarkers[a.name], wire)
			}

			// Retries exhausted: four 500s.
			f.srv.FailNext(4, http.StatusInternalServerError, "")
			if err := check.call("exhausted retries", func() (any, error) { return a.run(ctx, f.client(a, clientOpts...), opts...) }); err == nil {
				t.Error("call succeeded through four 500s")
			}
			f.srv.ClearFaults()

			// A wrong key: Chargebee answers 401.
			wrong, err := chargebee.NewClient(chargebeetest.DefaultSite, secretKey+"_wrong", append(clientOpts,
				chargebee.WithBaseURL(f.srv.URL()), chargebee.WithAPIVersion(versionOf(a)))...)
			if err != nil {
				t.Fatal(err)
			}
			if err := check.call("wrong key", func() (any, error) { return a.run(ctx, wrong, opts...) }); !errors.Is(err, chargebee.ErrUnauthorized) {
				t.Errorf("wrong key: err = %v, want ErrUnauthorized", err)
			}

			// A broken 200 and a connection closed without an answer.
			html := offlineClient(t, a, &staticBody{status: 200, body: []byte("<html>" + bodyMarker + "</html>")}, clientOpts...)
			check.call("broken 200", func() (any, error) { return a.run(ctx, html, opts...) })
			down, err := chargebee.NewClient("acme-test", secretKey, append(clientOpts, chargebee.WithBaseURL(refused), chargebee.WithAPIVersion(versionOf(a)))...)
			if err != nil {
				t.Fatal(err)
			}
			if err := check.call("connection dropped", func() (any, error) { return a.run(ctx, down, opts...) }); err == nil {
				t.Error("call to a server that drops every connection succeeded")
			}

			logs := check.logs.String()
			if strings.Count(logs, "\n") < 8 {
				t.Errorf("expected a log line per attempt, got:\n%s", logs)
			}
			if !strings.Contains(logs, `"level":"WARN"`) || !strings.Contains(logs, `"level":"DEBUG"`) {
				t.Errorf("expected failed and successful attempts in the log:\n%s", logs)
			}
			check.clean("log output", logs)
		})
	}
}

// carriesMarkers are the actions whose request carries piiEmail or
// bodyMarker in its query or form body.
var carriesMarkers = map[string]bool{
	"customer.Create":                   true,
	"customer.Create (v1)":              true,
	"customer.List":                     true,
	"customer.Update":                   true,
	"customer.Update (v1)":              true,
	"customer.UpdatePaymentMethod":      true,
	"customer.UpdatePaymentMethod (v1)": true,
	"customer.UpdateBillingInfo":        true,
	"customer.UpdateBillingInfo (v1)":   true,
	"customer.RecordExcessPayment":      true,
	"customer.Move":                     true,
	"contact.Add":                       true,
	"contact.Add (v1)":                  true,
	"contact.Update":                    true,
	"contact.Update (v1)":               true,
	"relationship.CreateChild":          true,
	"credits.Add":                       true,
	"credits.Deduct":                    true,
	"credits.Set":                       true,
	"credits.AddPromotionalCredits":     true,
	"credits.DeductPromotionalCredits":  true,
	"credits.SetPromotionalCredits":     true,
	"credits.AddAccountCredits (v1)":    true,
	"credits.DeductAccountCredits (v1)": true,
	"credits.SetAccountCredits (v1)":    true,
}

func versionOf(a action) chargebee.APIVersion {
	if a.v1 {
		return chargebee.APIv1
	}
	return chargebee.APIv2
}

// TestClientsAndServicesPrintNoSecret formats what a caller might log by
// mistake: the client (pointer and value), each service (pointer and
// value), and structs holding them, with every common verb. None shows the
// key or the Authorization value.
func TestClientsAndServicesPrintNoSecret(t *testing.T) {
	t.Parallel()
	check, _ := newLeakCheck(t)
	for _, v1 := range []bool{false, true} {
		f := newFixture(t, chargebeetest.WithAPIKey(secretKey))
		cb := f.client(action{v1: v1})
		values := []any{
			cb, *cb,
			customer.NewService(cb), *customer.NewService(cb),
			contact.NewService(cb), *contact.NewService(cb),
			relationship.NewService(cb), *relationship.NewService(cb),
			entitlement.NewService(cb), *entitlement.NewService(cb),
			credits.NewService(cb), *credits.NewService(cb),
			struct {
				Client chargebee.Client
				client chargebee.Client
			}{*cb, *cb},
		}
		for i, v := range values {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				check.clean(fmt.Sprintf("%s of value %d (%T)", verb, i, v), fmt.Sprintf(verb, v))
			}
		}
	}
}

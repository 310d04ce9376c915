// Package exampletest runs the example programs from their tests: it calls
// a program's run function on the built-in fake and compares what it printed
// with the expected lines.
package exampletest

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
)

// RunFunc is the signature of the run function of every example program.
type RunFunc func(ctx context.Context, w io.Writer) error

// Run calls run with the Chargebee variables cleared, so that the program
// uses the built-in fake, and returns what it printed. It fails the test if
// run returns an error or takes longer than a few seconds.
func Run(t *testing.T, run RunFunc) string {
	t.Helper()
	t.Setenv(exampleenv.SiteVar, "")
	t.Setenv(exampleenv.APIKeyVar, "")
	t.Setenv(exampleenv.BaseURLVar, "")
	return RunAsIs(t, run)
}

// RunAsIs is Run without touching the environment, for tests that point
// the program at a site of their own.
func RunAsIs(t *testing.T, run RunFunc) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out bytes.Buffer
	start := time.Now()
	if err := run(ctx, &out); err != nil {
		t.Fatalf("run: %v\noutput so far:\n%s", err, out.String())
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("run took %v; an example must finish in a few seconds", d)
	}
	return out.String()
}

// AsSite starts a fake for the test and sets CHARGEBEE_SITE,
// CHARGEBEE_API_KEY and CHARGEBEE_BASE_URL to it, so that a program run
// with RunAsIs takes the path it takes on a real site (names unique to the
// run, no fault injection) while everything stays on 127.0.0.1.
// opts configure the fake.
func AsSite(t *testing.T, opts ...chargebeetest.Option) *chargebeetest.Server {
	t.Helper()
	srv := chargebeetest.NewServer(t, opts...)
	t.Setenv(exampleenv.SiteVar, chargebeetest.DefaultSite)
	t.Setenv(exampleenv.APIKeyVar, srv.APIKey())
	t.Setenv(exampleenv.BaseURLVar, srv.URL())
	return srv
}

// NoCustomersLeft fails the test if the fake holds a customer that is not
// deleted: a program run on a real site must clean up after itself.
func NoCustomersLeft(t *testing.T, srv *chargebeetest.Server) {
	t.Helper()
	page, err := customer.NewService(srv.Client()).ListPage(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Items {
		t.Errorf("customer %s was left behind", e.Customer.ID)
	}
}

// Match fails the test unless got has as many lines as patterns and each
// line matches its regular expression in full.
func Match(t *testing.T, got string, patterns ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != len(patterns) {
		t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(patterns), got)
	}
	for i, p := range patterns {
		if !regexp.MustCompile("^(?:" + p + ")$").MatchString(lines[i]) {
			t.Fatalf("output line %d:\n  got: %q\nwant: /%s/\nfull output:\n%s", i+1, lines[i], p, got)
		}
	}
}

// Equal fails the test unless got is exactly the lines of want, naming the
// first line that differs.
func Equal(t *testing.T, got string, want ...string) {
	t.Helper()
	gotLines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	for i := 0; i < max(len(gotLines), len(want)); i++ {
		var g, w string
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w || i >= len(gotLines) || i >= len(want) {
			t.Fatalf("output line %d:\n got: %q\nwant: %q\nfull output:\n%s", i+1, g, w, got)
		}
	}
	if !strings.HasSuffix(got, "\n") {
		t.Errorf("output does not end with a newline:\n%s", got)
	}
}

// Package exampleenv gives the example programs their Chargebee client: a
// real site when CHARGEBEE_SITE and CHARGEBEE_API_KEY are set, otherwise the
// built-in fake of package chargebeetest, so that every example runs offline
// on a machine with nothing but Go.
//
// Environment:
//
//	CHARGEBEE_SITE      the site name, the part before .chargebee.com (for example acme-test)
//	CHARGEBEE_API_KEY   an API key of that site (use a test site: the examples create and delete customers)
//	CHARGEBEE_BASE_URL  optional: another address for the site, such as a proxy (the SDK appends /api/v2)
package exampleenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/relationship"
)

// The environment variables Open reads.
const (
	SiteVar    = "CHARGEBEE_SITE"
	APIKeyVar  = "CHARGEBEE_API_KEY"
	BaseURLVar = "CHARGEBEE_BASE_URL"
)

// FakeNotice is the first line an example prints when it runs on the fake.
const FakeNotice = "Using the built-in Chargebee fake (set CHARGEBEE_SITE and CHARGEBEE_API_KEY to use a real site)"

// Env is where an example program runs: a real Chargebee site or the fake.
type Env struct {
	// Client is an API v2 client for the site or the fake.
	Client *chargebee.Client
	// Fake is the fake server, or nil on a real site. Programs use it to
	// seed data only a real site has (entitlements) and to inject faults.
	Fake *chargebeetest.Server

	site, key string
	opts      []chargebee.Option
	runID     string
	created   []string
}

// Open returns the environment the variables select and prints which one
// it is as the first line of w. On the fake, the client retries after 1ms
// to 20ms so that injected faults cost no time. opts are added to the
// client options (for example chargebee.WithMaxRetries). Call Close when
// done:
//
//	func run(ctx context.Context, w io.Writer) (err error) {
//		env, err := exampleenv.Open(w)
//		if err != nil {
//			return err
//		}
//		defer env.Close(w, &err)
//		...
func Open(w io.Writer, opts ...chargebee.Option) (*Env, error) {
	site, key := os.Getenv(SiteVar), os.Getenv(APIKeyVar)
	switch {
	case site == "" && key == "":
		srv, err := chargebeetest.Start()
		if err != nil {
			return nil, fmt.Errorf("starting the built-in fake: %w", err)
		}
		fmt.Fprintln(w, FakeNotice)
		return &Env{Client: srv.Client(opts...), Fake: srv, opts: opts}, nil
	case site == "":
		return nil, errors.New(APIKeyVar + " is set but " + SiteVar + " is not: set both to use a real site, or neither to use the built-in fake")
	case key == "":
		return nil, errors.New(SiteVar + " is set but " + APIKeyVar + " is not: set both to use a real site, or neither to use the built-in fake")
	}
	if u := os.Getenv(BaseURLVar); u != "" {
		opts = append([]chargebee.Option{chargebee.WithBaseURL(u)}, opts...)
	}
	cb, err := chargebee.NewClient(site, key, opts...)
	if err != nil {
		return nil, fmt.Errorf("configuring the client for %s: %w", SiteVar, err)
	}
	fmt.Fprintf(w, "Using the Chargebee site %q (from %s)\n", site, SiteVar)
	return &Env{
		Client: cb,
		site:   site,
		key:    key,
		opts:   opts,
		runID:  strconv.FormatInt(time.Now().UnixMilli(), 36),
	}, nil
}

// Created records customers the program made, for Close to delete.
func (e *Env) Created(ids ...string) { e.created = append(e.created, ids...) }

// Close deletes the customers recorded with Created that still exist, last
// created first (so children go before their parents, each unlinked from
// its parent first), prints how many it deleted, and stops the fake. It
// runs even when the program was interrupted, so that a real site keeps no
// leftovers. A customer that cannot be deleted does not stop the others;
// the failures are stored in *err unless *err already holds an error.
func (e *Env) Close(w io.Writer, err *error) {
	n, cerr := e.cleanUp()
	switch {
	case n == 1:
		fmt.Fprintln(w, "Cleaned up: deleted 1 customer")
	case n > 1:
		fmt.Fprintf(w, "Cleaned up: deleted %d customers\n", n)
	}
	if cerr != nil && *err == nil {
		*err = cerr
	}
	if e.Fake != nil {
		e.Fake.Close()
	}
}

// cleanUp deletes the recorded customers, last created first. A customer
// that fails does not stop the others; it stays recorded, and the failures
// are returned together.
func (e *Env) cleanUp() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deleted := 0
	var errs []error
	var left []string
	for i := len(e.created) - 1; i >= 0; i-- {
		id := e.created[i]
		done, err := e.cleanUpOne(ctx, id)
		if err != nil {
			errs = append(errs, err)
			left = append([]string{id}, left...)
			continue
		}
		if done {
			deleted++
		}
	}
	e.created = left
	return deleted, errors.Join(errs...)
}

// cleanUpOne deletes customer id, unlinking it from its parent first. It
// reports false when the customer is already gone.
func (e *Env) cleanUpOne(ctx context.Context, id string) (bool, error) {
	customers := customer.NewService(e.Client)
	got, err := customers.Retrieve(ctx, id)
	if errors.Is(err, chargebee.ErrNotFound) || err == nil && got.Customer.Deleted {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cleaning up %s: %w", id, err)
	}
	if r := got.Customer.Relationship; r != nil && r.ParentID != "" {
		if _, err := relationship.NewService(e.Client).Unlink(ctx, id); err != nil {
			return false, fmt.Errorf("cleaning up: unlinking %s: %w", id, err)
		}
	}
	if _, err := customers.Delete(ctx, id, nil); err != nil {
		return false, fmt.Errorf("cleaning up: deleting %s: %w", id, err)
	}
	return true, nil
}

// ClientV1 returns an API v1 client for the same site or fake, for the
// actions only API v1 has (account credits).
func (e *Env) ClientV1() (*chargebee.Client, error) {
	if e.Fake != nil {
		return e.Fake.ClientV1(e.opts...), nil
	}
	opts := append(append([]chargebee.Option{}, e.opts...), chargebee.WithAPIVersion(chargebee.APIv1))
	return chargebee.NewClient(e.site, e.key, opts...)
}

// ID returns base on the fake and base with a suffix unique to this run on a
// real site, so that running an example twice does not collide with the
// customers of the first run (Chargebee keeps deleted ids for a while).
func (e *Env) ID(base string) string {
	if e.runID == "" {
		return base
	}
	return base + "_" + e.runID
}

// Email returns local@example.com on the fake and local+<run>@example.com on
// a real site, unique to this run like ID.
func (e *Env) Email(local string) string {
	if e.runID == "" {
		return local + "@example.com"
	}
	return local + "+" + e.runID + "@example.com"
}

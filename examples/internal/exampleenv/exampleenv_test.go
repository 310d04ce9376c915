package exampleenv

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/relationship"
)

func setEnv(t *testing.T, site, key, base string) {
	t.Setenv(SiteVar, site)
	t.Setenv(APIKeyVar, key)
	t.Setenv(BaseURLVar, base)
}

func TestOpenFake(t *testing.T) {
	setEnv(t, "", "", "")
	var out bytes.Buffer
	env, err := Open(&out)
	if err != nil {
		t.Fatal(err)
	}
	if env.Fake == nil {
		t.Fatal("no fake without CHARGEBEE_SITE and CHARGEBEE_API_KEY")
	}
	if out.String() != FakeNotice+"\n" {
		t.Errorf("output = %q, want the fake notice", out.String())
	}
	if env.ID("acme") != "acme" || env.Email("ada") != "ada@example.com" {
		t.Errorf("names on the fake: %q, %q; want them as given", env.ID("acme"), env.Email("ada"))
	}
	ctx := context.Background()
	res, err := customer.NewService(env.Client).Create(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := env.ClientV1()
	if err != nil || v1.APIVersion() != chargebee.APIv1 {
		t.Fatalf("ClientV1 = %v, %v; want an API v1 client", v1, err)
	}

	env.Created(res.Customer.ID)
	out.Reset()
	var runErr error
	env.Close(&out, &runErr)
	if runErr != nil || out.String() != "Cleaned up: deleted 1 customer\n" {
		t.Errorf("Close: error %v, output %q", runErr, out.String())
	}
	if _, err := customer.NewService(env.Client).Retrieve(ctx, res.Customer.ID); err == nil {
		t.Error("the fake still answers after Close")
	}
}

func TestOpenHalfConfigured(t *testing.T) {
	for _, tt := range []struct{ site, key, missing string }{
		{"acme-test", "", APIKeyVar},
		{"", "test_key", SiteVar},
	} {
		setEnv(t, tt.site, tt.key, "")
		var out bytes.Buffer
		_, err := Open(&out)
		if err == nil || !strings.Contains(err.Error(), tt.missing+" is not") {
			t.Errorf("site %q key %q: error = %v, want one saying %s is not set", tt.site, tt.key, err, tt.missing)
		}
		if out.Len() != 0 {
			t.Errorf("output %q before the error", out.String())
		}
	}
}

func TestOpenBadSite(t *testing.T) {
	setEnv(t, "Not A Site", "test_key", "")
	if _, err := Open(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), SiteVar) {
		t.Errorf("error = %v, want one naming %s", err, SiteVar)
	}
}

// A configured site gets a real client; names are unique to the run, and
// Close deletes children before parents and leaves deleted customers alone.
func TestOpenSite(t *testing.T) {
	srv := chargebeetest.NewServer(t)
	setEnv(t, chargebeetest.DefaultSite, srv.APIKey(), srv.URL())
	var out bytes.Buffer
	env, err := Open(&out)
	if err != nil {
		t.Fatal(err)
	}
	if env.Fake != nil {
		t.Error("a fake was started although a site is configured")
	}
	if got, want := out.String(), `Using the Chargebee site "chargebeetest" (from CHARGEBEE_SITE)`+"\n"; got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
	if strings.Contains(out.String(), srv.APIKey()) {
		t.Error("the API key was printed")
	}
	id, email := env.ID("acme"), env.Email("ada")
	if !strings.HasPrefix(id, "acme_") || len(id) <= len("acme_") || !strings.HasPrefix(email, "ada+") || !strings.HasSuffix(email, "@example.com") {
		t.Errorf("names on a site: %q, %q; want suffixes unique to the run", id, email)
	}

	ctx := context.Background()
	customers := customer.NewService(env.Client)
	for _, id := range []string{"parent", "child", "gone"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := relationship.NewService(env.Client).Link(ctx, "child", relationship.NewLinkRequest().SetParentID("parent")); err != nil {
		t.Fatal(err)
	}
	if _, err := customers.Delete(ctx, "gone", nil); err != nil {
		t.Fatal(err)
	}
	env.Created("parent", "child", "gone")
	out.Reset()
	var runErr error
	env.Close(&out, &runErr)
	if runErr != nil || out.String() != "Cleaned up: deleted 2 customers\n" {
		t.Errorf("Close: error %v, output %q", runErr, out.String())
	}
	for _, id := range []string{"parent", "child"} {
		if _, err := customers.Retrieve(ctx, id); !errors.Is(err, chargebee.ErrNotFound) {
			t.Errorf("%s after Close: %v, want not found", id, err)
		}
	}
}

// An error of the program is kept; a cleanup failure does not replace it.
func TestCloseKeepsRunError(t *testing.T) {
	srv := chargebeetest.NewServer(t)
	setEnv(t, chargebeetest.DefaultSite, srv.APIKey(), srv.URL())
	env, err := Open(&bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	env.Created("someone")
	srv.FailNext(2, 401, "")
	runErr := errors.New("step failed")
	env.Close(&bytes.Buffer{}, &runErr)
	if runErr.Error() != "step failed" {
		t.Errorf("error = %v, want the program's error", runErr)
	}
	var cleanErr error
	env.Created("someone")
	env.Close(&bytes.Buffer{}, &cleanErr)
	if cleanErr == nil || !strings.Contains(cleanErr.Error(), "cleaning up someone") {
		t.Errorf("error = %v, want the cleanup failure", cleanErr)
	}
}

// A customer that cannot be cleaned up does not keep the others from being
// deleted; it stays recorded for the next Close.
func TestCloseGoesOnAfterAFailure(t *testing.T) {
	srv := chargebeetest.NewServer(t)
	setEnv(t, chargebeetest.DefaultSite, srv.APIKey(), srv.URL())
	env, err := Open(&bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	customers := customer.NewService(env.Client)
	for _, id := range []string{"first", "second"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id)); err != nil {
			t.Fatal(err)
		}
	}
	env.Created("first", "second")
	srv.FailNext(1, 401, "") // the retrieve of "second", which goes first
	var out bytes.Buffer
	var cleanErr error
	env.Close(&out, &cleanErr)
	if cleanErr == nil || !strings.Contains(cleanErr.Error(), "cleaning up second") {
		t.Errorf("error = %v, want the failure for second", cleanErr)
	}
	if out.String() != "Cleaned up: deleted 1 customer\n" {
		t.Errorf("output = %q, want one customer deleted", out.String())
	}
	if _, err := customers.Retrieve(ctx, "first"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Errorf("first after Close: %v, want not found", err)
	}
	cleanErr = nil
	out.Reset()
	env.Close(&out, &cleanErr)
	if cleanErr != nil || out.String() != "Cleaned up: deleted 1 customer\n" {
		t.Errorf("second Close: error %v, output %q; want second deleted", cleanErr, out.String())
	}
}

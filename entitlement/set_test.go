package entitlement_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

func TestLoadSeed(t *testing.T) {
	t.Parallel()
	cb, _, rec := testutil.NewClient(t, seedServer(t))
	set, err := entitlement.NewService(cb).Load(context.Background(), "c1", chargebee.WithOriginDevice("iOS"))
	if err != nil {
		t.Fatal(err)
	}
	// Load asks for the largest page and follows next_offset.
	calls := rec.Requests()
	wantQ := []url.Values{{"limit": {"100"}}, {"limit": {"100"}, "offset": {"2"}}}
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2", len(calls))
	}
	for i, c := range calls {
		if c.Path != "/api/v2/customers/c1/customer_entitlements" || !reflect.DeepEqual(c.Query, wantQ[i]) {
			t.Errorf("call %d: %s %v", i, c.Path, c.Query)
		}
		if c.Header.Get("chargebee-request-origin-device") != "iOS" {
			t.Errorf("call %d: request option not applied", i)
		}
	}

	if set.CustomerID() != "c1" || set.Len() != 5 {
		t.Errorf("CustomerID %q, Len %d", set.CustomerID(), set.Len())
	}
	if got := set.All(); !reflect.DeepEqual(got, seedAll) {
		t.Errorf("All = %+v", got)
	}
	if got, want := set.Features(), []string{"support-level", "user-licenses", "xero-integration"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Features = %v, want %v", got, want)
	}
	lookups := []struct {
		feature string
		enabled bool
		value   string
		entries []entitlement.CustomerEntitlement
	}{
		{"user-licenses", true, "3", []entitlement.CustomerEntitlement{seedAll[0], seedAll[2]}},
		{"support-level", true, "Email", []entitlement.CustomerEntitlement{seedAll[3], seedAll[4]}},
		{"xero-integration", true, "true", []entitlement.CustomerEntitlement{seedAll[1]}},
		{"sso", false, "", nil},
		{"", false, "", nil},
	}
	for _, l := range lookups {
		if got := set.Enabled(l.feature); got != l.enabled {
			t.Errorf("Enabled(%q) = %v", l.feature, got)
		}
		v, ok := set.Value(l.feature)
		if v != l.value || ok != l.enabled {
			t.Errorf("Value(%q) = %q, %v; want %q, %v", l.feature, v, ok, l.value, l.enabled)
		}
		if got := set.Entries(l.feature); !reflect.DeepEqual(got, l.entries) {
			t.Errorf("Entries(%q) = %+v", l.feature, got)
		}
	}
}

func TestLoadConsolidated(t *testing.T) {
	t.Parallel()
	body := `{"list":[
		{"customer_entitlement":{"customer_id":"c1","feature_id":"user-licenses","value":"10","name":"10 licences","is_enabled":true,"object":"customer_entitlement"}},
		{"customer_entitlement":{"customer_id":"c1","feature_id":"support-level","value":"Chat","name":"Chat","is_enabled":true,"object":"customer_entitlement"}}
	]}`
	cb, _, rec := testutil.NewClient(t, func(*http.Request) (int, string) { return 200, body })
	set, err := entitlement.NewService(cb).Load(context.Background(), "c1", entitlement.Consolidated())
	if err != nil {
		t.Fatal(err)
	}
	calls := rec.Requests()
	if len(calls) != 1 || !reflect.DeepEqual(calls[0].Query, url.Values{"limit": {"100"}, "consolidate_entitlements": {"true"}}) {
		t.Fatalf("calls %+v", calls)
	}
	if v, ok := set.Value("user-licenses"); v != "10" || !ok {
		t.Errorf("Value = %q, %v", v, ok)
	}
	if n := len(set.Entries("user-licenses")); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
}

func TestSetLookups(t *testing.T) {
	t.Parallel()
	e := func(sub, feature, value string, on bool) entitlement.CustomerEntitlement {
		return entitlement.CustomerEntitlement{CustomerID: "c9", SubscriptionID: sub, FeatureID: feature, Value: value, IsEnabled: on}
	}
	entries := []entitlement.CustomerEntitlement{
		e("s1", "seats", "5", false),   // disabled: not the value
		e("s2", "seats", "25", true),   // first enabled
		e("s3", "seats", "50", true),   // later enabled
		e("s1", "api", "false", false), // present but off
		e("s1", "", "x", true),         // no feature id: kept in All only
		e("s2", "Beta", "true", true),  // upper case sorts first
	}
	set := entitlement.NewSet("c9", entries)

	if got, want := set.Features(), []string{"Beta", "api", "seats"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Features = %v, want %v", got, want)
	}
	tests := []struct {
		feature string
		enabled bool
		value   string
		entries int
	}{
		{"seats", true, "25", 3},
		{"api", false, "", 1},
		{"Beta", true, "true", 1},
		{"beta", false, "", 0},
		{"", false, "", 0},
		{"missing", false, "", 0},
	}
	for _, tt := range tests {
		if got := set.Enabled(tt.feature); got != tt.enabled {
			t.Errorf("Enabled(%q) = %v", tt.feature, got)
		}
		if v, ok := set.Value(tt.feature); v != tt.value || ok != tt.enabled {
			t.Errorf("Value(%q) = %q, %v", tt.feature, v, ok)
		}
		if got := len(set.Entries(tt.feature)); got != tt.entries {
			t.Errorf("len(Entries(%q)) = %d, want %d", tt.feature, got, tt.entries)
		}
	}
	if set.Len() != 6 || len(set.All()) != 6 {
		t.Errorf("Len %d", set.Len())
	}

	// Results are copies: changing them leaves the Set intact.
	set.Entries("seats")[1].Value = "changed"
	set.Features()[0] = "changed"
	set.All()[1].IsEnabled = false
	entries[1].Value = "changed too"
	if v, _ := set.Value("seats"); v != "25" {
		t.Errorf("Set changed through a returned slice: %q", v)
	}
	if set.Features()[0] != "Beta" {
		t.Error("Features changed through a returned slice")
	}

	// A nil or empty Set holds nothing and does not panic.
	for name, s := range map[string]*entitlement.Set{"nil": nil, "empty": entitlement.NewSet("c0", nil)} {
		if s.Enabled("seats") || s.Len() != 0 || s.Entries("seats") != nil || len(s.Features()) != 0 || len(s.All()) != 0 {
			t.Errorf("%s set is not empty", name)
		}
		if v, ok := s.Value("seats"); v != "" || ok {
			t.Errorf("%s set Value = %q, %v", name, v, ok)
		}
	}
	var nilSet *entitlement.Set
	if nilSet.CustomerID() != "" {
		t.Error("nil set has a customer id")
	}
}

package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

func TestPathID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id   string
		want string // escaped segment; empty when the id is rejected
	}{
		{"cust_123", "cust_123"},
		{"AbC-9_x.y~z", "AbC-9_x.y~z"},
		{"a/b", "a%2Fb"},
		{"../admin", ""},
		{"a/../b", ""},
		{"a/.", ""},
		{"a..b/c", "a..b%2Fc"},
		{"a?b=c", "a%3Fb=c"},
		{"100%", "100%25"},
		{"%2F", "%252F"},
		{"a#frag", "a%23frag"},
		{"a b", "a%20b"},
		{"a;b,c", "a%3Bb%2Cc"},
		{"jöhn", "j%C3%B6hn"},
		{"a\\b", "a%5Cb"},
		{"...", "..."},
		{"", ""},
		{".", ""},
		{"..", ""},
		{"a\x00b", ""},
		{"a\nb", ""},
		{"a\rb", ""},
		{"a\x7fb", ""},
		{"\xff\xfe", ""},
		{strings.Repeat("x", api.MaxIDLength), strings.Repeat("x", api.MaxIDLength)},
		{strings.Repeat("x", api.MaxIDLength+1), ""},
	}
	for _, tt := range tests {
		got, err := api.PathID("customer_id", tt.id)
		if tt.want == "" {
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != "customer_id" {
				t.Errorf("PathID(%q) = %q, %v; want a *ValidationError for customer_id", tt.id, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("PathID(%q) = %q, %v; want %q", tt.id, got, err, tt.want)
		}
		if strings.ContainsAny(got, "/?#") {
			t.Errorf("PathID(%q) = %q leaves a delimiter unescaped", tt.id, got)
		}
	}
}

// An id's limit is counted in bytes, as its message says.
func TestPathIDLimitInBytes(t *testing.T) {
	t.Parallel()
	id := strings.Repeat("ü", api.MaxIDLength/2+1) // fewer characters than the limit, more bytes
	_, err := api.PathID("customer_id", id)
	var ve *chargebee.ValidationError
	if want := fmt.Sprintf("must be at most %d bytes", api.MaxIDLength); !errors.As(err, &ve) || ve.Reason != want {
		t.Errorf("PathID of %d bytes: err = %v, want reason %q", len(id), err, want)
	}
}

func TestRequireVersion(t *testing.T) {
	t.Parallel()
	v2, err := chargebee.NewClient("acme", "key")
	if err != nil {
		t.Fatal(err)
	}
	v1, err := chargebee.NewClient("acme", "key", chargebee.WithAPIVersion(chargebee.APIv1))
	if err != nil {
		t.Fatal(err)
	}
	if err := api.RequireVersion(v2, chargebee.APIv2, "customer.merge", ""); err != nil {
		t.Errorf("v2 on v2: %v", err)
	}
	err = api.RequireVersion(v1, chargebee.APIv2, "customer.merge", "use a v2 client")
	var ve *chargebee.ValidationError
	if !errors.Is(err, chargebee.ErrAPIVersion) || !errors.As(err, &ve) {
		t.Fatalf("v2 action on v1 client: %v, want a *ValidationError wrapping ErrAPIVersion", err)
	}
	for _, s := range []string{"customer.merge", "v2", "v1", "use a v2 client"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %q", err, s)
		}
	}
	for name, c := range map[string]*chargebee.Client{"nil": nil, "zero": {}} {
		err := api.RequireVersion(c, chargebee.APIv2, "x", "")
		if !errors.Is(err, chargebee.ErrNilClient) || !errors.As(err, &ve) || errors.Is(err, chargebee.ErrAPIVersion) {
			t.Errorf("%s client: %v, want a *ValidationError wrapping ErrNilClient only", name, err)
		}
		if err := api.RequireVersion(c, "", "", ""); !errors.Is(err, chargebee.ErrNilClient) || !strings.Contains(err.Error(), "chargebee.NewClient") {
			t.Errorf("RequireVersion(%s, \"\") = %v, want ErrNilClient naming NewClient", name, err)
		}
	}
	if err := api.RequireVersion(v1, "", "", ""); err != nil {
		t.Errorf("RequireVersion(v1 client, \"\") = %v", err)
	}
	err = api.NilService("customer")
	if !errors.Is(err, chargebee.ErrNilService) || !errors.As(err, &ve) || !strings.Contains(err.Error(), "customer.NewService(cb)") {
		t.Errorf("NilService = %v", err)
	}
}

func TestValidators(t *testing.T) {
	t.Parallel()
	s := func(v string) *string { return &v }
	i32 := func(v int32) *int32 { return &v }
	i64 := func(v int64) *int64 { return &v }
	tests := []struct {
		name      string
		err       error
		wantParam string // empty: no error expected
	}{
		{"required set", api.Required("id", true), ""},
		{"required unset", api.Required("id", false), "id"},
		{"required string nil", api.RequiredString("email", nil), "email"},
		{"required string empty", api.RequiredString("email", s("")), "email"},
		{"required string set", api.RequiredString("email", s("x")), ""},
		{"maxlen nil", api.MaxLen("first_name", nil, 3), ""},
		{"maxlen runes", api.MaxLen("first_name", s("ééé"), 3), ""},
		{"maxlen over", api.MaxLen("first_name", s("abcd"), 3), "first_name"},
		{"min ok", api.Min("amount", i64(1), 1), ""},
		{"min below", api.Min("amount", i64(0), 1), "amount"},
		{"min nil", api.Min[int64]("amount", nil, 1), ""},
		{"max ok", api.Max("limit", i32(100), 100), ""},
		{"max above", api.Max("limit", i32(101), 100), "limit"},
		{"max negative", api.Max("amount", i64(-5), 0), ""},
		{"max nil", api.Max[int64]("amount", nil, 0), ""},
		{"range ok", api.Range("card[expiry_month]", i32(12), 1, 12), ""},
		{"range low", api.Range("card[expiry_month]", i32(0), 1, 12), "card[expiry_month]"},
		{"range high", api.Range("card[expiry_month]", i32(13), 1, 12), "card[expiry_month]"},
		{"range top", api.Range("limit", i32(100), 1, 100), ""},
		{"range below", api.Range("limit", i32(0), 1, 100), "limit"},
		{"range above", api.Range("limit", i32(101), 1, 100), "limit"},
		{"max length", api.MaxLen("offset", s(strings.Repeat("o", 1000)), 1000), ""},
		{"max length exceeded", api.MaxLen("offset", s(strings.Repeat("ö", 1001)), 1000), "offset"},
		{"custom fields ok", api.CustomFields(map[string]string{"cf_gender": "x", "cf_A1": ""}), ""},
		{"custom field prefix", api.CustomFields(map[string]string{"gender": "x"}), "gender"},
		{"custom field bare", api.CustomFields(map[string]string{"cf_": "x"}), "cf_"},
		{"custom field chars", api.CustomFields(map[string]string{"cf_a[b]": "x"}), "cf_a[b]"},
		{"metadata nil", api.Metadata("meta_data", nil), ""},
		{"metadata ok", api.Metadata("meta_data", chargebee.Metadata{"a": 1}), ""},
		{"metadata NaN", api.Metadata("meta_data", chargebee.Metadata{"a": math.NaN()}), "meta_data"},
		{"metadata too long", api.Metadata("meta_data", chargebee.Metadata{"a": strings.Repeat("x", chargebee.MaxMetadataLength)}), "meta_data"},
		{"json ok", api.JSON("exemption_details", []string{"a"}), ""},
		{"json nil", api.JSON("exemption_details", nil), ""},
		{"json bad", api.JSON("card[additional_information]", map[string]any{"f": func() {}}), "card[additional_information]"},
		{"first", api.First(nil, api.Invalid("a", "x"), api.Invalid("b", "y")), "a"},
		{"first none", api.First(nil, nil), ""},
	}
	for _, tt := range tests {
		if tt.wantParam == "" {
			if tt.err != nil {
				t.Errorf("%s: unexpected error %v", tt.name, tt.err)
			}
			continue
		}
		var ve *chargebee.ValidationError
		if !errors.As(tt.err, &ve) {
			t.Errorf("%s: got %v, want *ValidationError", tt.name, tt.err)
			continue
		}
		if ve.Param != tt.wantParam || ve.Reason == "" {
			t.Errorf("%s: got param %q reason %q, want param %q", tt.name, ve.Param, ve.Reason, tt.wantParam)
		}
	}
}

// TestPage checks the shared list call: a page with "list" comes back with
// its offset; a decoder that finds no "list", or an incomplete entry, fails
// the call with a *chargebee.DecodeError naming the action and key, and no
// page.
func TestPage(t *testing.T) {
	t.Parallel()
	type entry struct{ ID string }
	// decode reads a body of ids separated by commas, "-" for an entry
	// without its id; "none" is a response without "list".
	decode := func(b []byte) (*chargebee.Page[entry], error) {
		if string(b) == "none" {
			return nil, nil
		}
		p := &chargebee.Page[entry]{NextOffset: "o2"}
		for _, id := range strings.Split(string(b), ",") {
			p.Items = append(p.Items, entry{strings.TrimPrefix(id, "-")})
		}
		return p, nil
	}
	missing := func(e *entry) string {
		if e.ID == "" {
			return "thing"
		}
		return ""
	}
	tests := []struct {
		body    string
		wantErr string
		items   int
	}{
		{"a,b", "", 2},
		{"none", `x.List: response has no "list"`, 0},
		{"a,-", `x.List: response has no "thing" in list[1]`, 0},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, tt.body)
		}))
		cb, err := chargebee.NewClient("acme-test", "test_key", chargebee.WithBaseURL(srv.URL), chargebee.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		a := &api.Action{Name: "x.List", Method: "GET", Path: "/things"}
		p, err := api.Page(context.Background(), cb, a, "", nil, decode, missing, nil)
		srv.Close()
		if tt.wantErr != "" {
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.wantErr) || p != nil {
				t.Errorf("%s: page %v, err %v; want a *DecodeError with %q and no page", tt.body, p, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(p.Items) != tt.items || p.NextOffset != "o2" {
			t.Errorf("%s: err %v, page %+v", tt.body, err, p)
		}
	}
}

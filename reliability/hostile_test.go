package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// guard calls fn and turns a panic into a test failure.
func guard(t *testing.T, what string, fn func() (any, error)) (res any, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("%s panicked: %v\n%s", what, p, debug.Stack())
			res, err = nil, errors.New("panic")
		}
	}()
	return fn()
}

// refused checks that fn failed before sending anything, with a
// *chargebee.ValidationError naming param (any param when param is "*"),
// or, when param is "", with any error.
func refused(t *testing.T, what, param string, rec *urlRecorder, fn func() (any, error)) {
	t.Helper()
	res, err := guard(t, what, fn)
	if err == nil {
		t.Errorf("%s: no error", what)
	}
	if !isNil(res) {
		t.Errorf("%s: result %+v returned with the error", what, res)
	}
	if param != "" {
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want *chargebee.ValidationError", what, err)
		} else if param != "*" && ve.Param != param {
			t.Errorf("%s: Param = %q, want %q (%v)", what, ve.Param, param, err)
		}
	}
	if sent := rec.all(); len(sent) != 0 {
		t.Errorf("%s: sent %q before failing", what, sent)
	}
}

// TestHostileSitesKeysAndClientOptions checks every way to build a client
// from hostile configuration: site names that are another host, a path or
// a dot segment, empty or 300 characters, keys with CR/LF, base URLs with
// credentials, queries or odd schemes, headers with control characters and
// impossible numbers. Each gives a *chargebee.ValidationError from
// NewClient (never a panic, never a client), and AdminConsoleURL refuses
// the same sites.
func TestHostileSitesKeysAndClientOptions(t *testing.T) {
	t.Parallel()
	sites := []string{
		"evil.com/x", "a.b", "..", ".", "", strings.Repeat("a", 300), strings.Repeat("a", 64), "acme\n", "acme\x00",
		"acme@evil.com", "acme:443", "acme/../x", "ACME", "-acme", " acme", "évil", "acme.chargebee.com",
		"acme?x=1", "acme#x", "acme%2e", "acme\\evil",
	}
	for _, site := range sites {
		for _, opts := range [][]chargebee.Option{nil, {chargebee.WithBaseURL("http://127.0.0.1:1")}} {
			if _, err := guard(t, "NewClient", func() (any, error) { return chargebee.NewClient(site, testKey, opts...) }); !isValidation(err, "site") {
				t.Errorf("NewClient(%q): err = %v, want a site validation error", site, err)
			}
		}
		if u, err := guard(t, "AdminConsoleURL", func() (any, error) { return customer.AdminConsoleURL(site, "c1") }); err == nil {
			t.Errorf("AdminConsoleURL(%q) = %q", site, u)
		}
	}
	for _, key := range []string{"", " ", "\t", "key\r\nX-Injected: 1", "key\n", "key\x00"} {
		if _, err := guard(t, "NewClient", func() (any, error) { return chargebee.NewClient("acme", key) }); !isValidation(err, "api key") {
			t.Errorf("NewClient with key %q: err = %v", key, err)
		}
	}
	options := map[string]chargebee.Option{
		"base URL without scheme":     chargebee.WithBaseURL("evil.com"),
		"base URL ftp":                chargebee.WithBaseURL("ftp://evil.com"),
		"base URL with credentials":   chargebee.WithBaseURL("https://user:pass@evil.com"),
		"base URL with query":         chargebee.WithBaseURL("https://evil.com/?x=1"),
		"base URL with fragment":      chargebee.WithBaseURL("https://evil.com/#f"),
		"base URL javascript":         chargebee.WithBaseURL("javascript:alert(1)"),
		"base URL without host":       chargebee.WithBaseURL("https://"),
		"base URL with newline":       chargebee.WithBaseURL("https://evil.com\n"),
		"user agent with CR LF":       chargebee.WithUserAgent("ua\r\nX-Injected: 1"),
		"business entity with LF":     chargebee.WithBusinessEntity("be\n"),
		"unknown API version":         chargebee.WithAPIVersion("v3"),
		"negative retries":            chargebee.WithMaxRetries(-1),
		"retry wait min above max":    chargebee.WithRetryWait(2*time.Second, time.Second),
		"negative retry wait":         chargebee.WithRetryWait(-1, 0),
		"negative timeout":            chargebee.WithTimeout(-1),
		"rate limit NaN":              chargebee.WithRateLimit(math.NaN(), 1),
		"rate limit infinite":         chargebee.WithRateLimit(math.Inf(1), 1),
		"negative rate limit":         chargebee.WithRateLimit(-1, 1),
		"rate limit negative burst":   chargebee.WithRateLimit(1, -1),
		"business entity with CR LF ": chargebee.WithBusinessEntity("be\r\nX: y"),
	}
	for name, o := range options {
		if _, err := guard(t, name, func() (any, error) { return chargebee.NewClient("acme", testKey, o) }); !isValidation(err, "*") {
			t.Errorf("%s: err = %v, want a validation error", name, err)
		}
	}
}

func isValidation(err error, param string) bool {
	var ve *chargebee.ValidationError
	return errors.As(err, &ve) && (param == "*" || ve.Param == param)
}

// pathIDActions are the actions whose id goes in the request path.
func pathIDActions() []action {
	var out []action
	for _, a := range allActions() {
		if a.id != "" && strings.Contains(a.path, "/"+a.id) {
			out = append(out, a)
		}
	}
	return out
}

// TestHostilePathIDs covers the id rows of scenario 10 for every action
// that puts an id in its path. What must hold:
//   - ids no escaping can keep in place (empty, dot segments, NUL, newline
//     and other control characters, invalid UTF-8, 10 KB) give a
//     *chargebee.ValidationError naming the id before anything is sent;
//   - any other id, however odd ("/", "?", "#", "%", "..%2F", a URL), is
//     sent to the same host and the action's own route, escaped as one
//     path segment: the only request goes exactly there;
//   - nothing panics.
func TestHostilePathIDs(t *testing.T) {
	t.Parallel()
	rejected := []string{
		"", ".", "..", "../admin", "a/../b", "a/..", "./a", "a/./b", "a\x00b", "a\nb", "a\rb", "a\tb", "a\x7fb",
		strings.Repeat("x", 10<<10), "\xff\xfe",
	}
	escaped := []string{
		"a/b", "a?b=c", "a#frag", "100%", "a%2Fb", "%2e%2e", "..%2F..%2Fadmin", "a b", "ünïcode", "a;b", `a\b`,
		"a&b=c", "@evil.com", "//evil.com", "http://evil.com/", "...", ".a", "a.",
	}
	for _, a := range pathIDActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			prefix := "https://acme-test.chargebee.com/api/v2"
			if a.v1 {
				prefix = "https://acme-test.chargebee.com/api/v1"
			}
			for _, id := range rejected {
				rec := &urlRecorder{}
				cb := offlineClient(t, a, rec, chargebee.WithMaxRetries(0))
				refused(t, fmt.Sprintf("id %.40q", id), "*", rec, func() (any, error) {
					return a.call(context.Background(), cb, id, keyFor(a)...)
				})
			}
			for _, id := range escaped {
				rec := &urlRecorder{}
				cb := offlineClient(t, a, rec, chargebee.WithMaxRetries(0))
				_, err := guard(t, "id "+id, func() (any, error) { return a.call(context.Background(), cb, id, keyFor(a)...) })
				if !errors.Is(err, chargebee.ErrNotFound) {
					t.Errorf("id %q: err = %v, want the 404 of the one request", id, err)
				}
				want := prefix + strings.Replace(a.path, "/"+a.id, "/"+url.PathEscape(id), 1)
				if sent := rec.all(); len(sent) != 1 || sent[0] != want {
					t.Errorf("id %q sent to %q, want only %q", id, sent, want)
				}
			}
		})
	}
}

// TestHostileBodyIDs sends the same odd ids where they travel in the form
// body or query (customer_id of credits, merge and move ids, parent and
// contact ids, payment source ids, list filters). They cannot change the
// route: each call either fails validation before sending (a 10 KB id is
// longer than any id parameter allows; an empty one where it is required)
// or sends one request to the action's own path. Nothing panics.
func TestHostileBodyIDs(t *testing.T) {
	t.Parallel()
	ids := []string{"a/../b", "../admin", "a\x00b", "a\nb", "?x=1", "#f", "%2F", "//evil.com", strings.Repeat("x", 10<<10), ""}
	calls := []struct {
		name, path string
		v1         bool
		// unbounded: the parameter has no length limit (list filters), so
		// a 10 KB id is sent rather than refused.
		unbounded bool
		call      func(ctx context.Context, cb *chargebee.Client, id string) (any, error)
	}{
		{"credits.Add customer_id", "/promotional_credits/add", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID(id).SetAmount(1).SetDescription("d"))
		}},
		{"credits.List customer_id filter", "/promotional_credits", false, true, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return collect(credits.NewService(cb).List(ctx, credits.NewListRequest().SetCustomerID(chargebee.StringFilter{Is: id})))
		}},
		{"customer.Merge from_customer_id", "/customers/merge", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return customer.NewService(cb).Merge(ctx, customer.NewMergeRequest().SetFromCustomerID(id).SetToCustomerID("c1"))
		}},
		{"customer.Move id_at_from_site", "/customers/move", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return customer.NewService(cb).Move(ctx, customer.NewMoveRequest().SetIDAtFromSite(id).SetFromSite("old"))
		}},
		{"customer.AssignPaymentRole payment_source_id", "/customers/c1/assign_payment_role", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return customer.NewService(cb).AssignPaymentRole(ctx, "c1", customer.NewAssignPaymentRoleRequest().SetPaymentSourceID(id).SetRole(customer.PaymentRolePrimary))
		}},
		{"customer.List id filter", "/customers", false, true, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return collect(customer.NewService(cb).List(ctx, customer.NewListRequest().SetID(chargebee.StringFilter{Is: id})))
		}},
		{"contact.Update contact[id]", "/customers/c1/update_contact", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return contact.NewService(cb).Update(ctx, "c1", contact.NewUpdateRequest().SetID(id))
		}},
		{"contact.Delete contact[id]", "/customers/c1/delete_contact", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return contact.NewService(cb).Delete(ctx, "c1", id)
		}},
		{"relationship.Link parent_id", "/customers/c1/relationships", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return relationship.NewService(cb).Link(ctx, "c1", relationship.NewLinkRequest().SetParentID(id))
		}},
		{"relationship.CreateChild parent", "/customers", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return relationship.NewService(cb).CreateChild(ctx, id, nil, nil)
		}},
		{"relationship.Link payment_owner_id", "/customers/c1/relationships", false, false, func(ctx context.Context, cb *chargebee.Client, id string) (any, error) {
			return relationship.NewService(cb).Link(ctx, "c1", relationship.NewLinkRequest().SetParentID("p1").SetPaymentOwnerID(id))
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			for _, id := range ids {
				rec := &urlRecorder{}
				cb := offlineClient(t, action{v1: c.v1}, rec, chargebee.WithMaxRetries(0))
				_, err := guard(t, fmt.Sprintf("id %.40q", id), func() (any, error) { return c.call(context.Background(), cb, id) })
				if err == nil {
					t.Errorf("id %.40q: no error (the recorder answers 404)", id)
				}
				sent := rec.all()
				if len(sent) > 1 || (len(sent) == 1 && sent[0] != "https://acme-test.chargebee.com/api/v2"+c.path) {
					t.Errorf("id %.40q sent to %q, want at most one request to %s", id, sent, c.path)
				}
				if len(id) > 1000 && len(sent) != 0 && !c.unbounded {
					t.Errorf("id of %d bytes sent instead of refused", len(id))
				}
			}
		})
	}
}

// hostileOptions are request options that must be refused before sending:
// header values with CR, LF or NUL, invalid header names, headers the
// client owns, and bad idempotency keys.
var hostileOptions = map[string]chargebee.RequestOption{
	"header value with CR LF":      chargebee.WithHeader("X-Trace", "a\r\nX-Injected: 1"),
	"header value with LF":         chargebee.WithHeader("X-Trace", "a\nb"),
	"header value with NUL":        chargebee.WithHeader("X-Trace", "a\x00b"),
	"header name with CR LF":       chargebee.WithHeader("X-Trace\r\nX-Injected", "1"),
	"header name with space":       chargebee.WithHeader("Bad Name", "v"),
	"empty header name":            chargebee.WithHeader("", "v"),
	"Authorization header":         chargebee.WithHeader("Authorization", "Basic eDo="),
	"Host header":                  chargebee.WithHeader("Host", "evil.com"),
	"Content-Length header":        chargebee.WithHeader("Content-Length", "0"),
	"idempotency key with CR LF":   chargebee.WithIdempotencyKey("k\r\nX-Injected: 1"),
	"idempotency key too long":     chargebee.WithIdempotencyKey(strings.Repeat("k", 101)),
	"empty idempotency key":        chargebee.WithIdempotencyKey(""),
	"origin user with CR LF":       chargebee.WithOriginUser(piiEmail + "\r\nX-Injected: 1"),
	"origin IP with LF":            chargebee.WithOriginIP("1.2.3.4\n"),
	"origin device with NUL":       chargebee.WithOriginDevice("iOS\x00"),
	"business entity with CR LF":   chargebee.WithBusinessEntityID("be\r\n"),
	"business entity header LF":    chargebee.WithHeader("chargebee-business-entity-id", "be\n"),
	"idempotency key via header":   chargebee.WithHeader("chargebee-idempotency-key", strings.Repeat("k", 101)),
	"empty extra parameter key":    chargebee.WithParam("", "x"),
	"header injection via CR only": chargebee.WithHeader("X-Trace", "a\rb"),
}

// TestHostileHeadersOnEveryAction covers the header rows of scenario 10:
// every action refuses every hostile request option before sending, with a
// *chargebee.ValidationError, and never panics.
func TestHostileHeadersOnEveryAction(t *testing.T) {
	t.Parallel()
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			for name, o := range hostileOptions {
				rec := &urlRecorder{}
				cb := offlineClient(t, a, rec, chargebee.WithMaxRetries(0))
				refused(t, name, "*", rec, func() (any, error) { return a.run(context.Background(), cb, o) })
			}
		})
	}
}

// TestHostileRequestValues covers the value rows of scenario 10: meta_data
// and other JSON fields with NaN or infinities, unsupported types or 70 KB
// of JSON; custom field keys without cf_ or with other characters;
// negative, zero (where at least 1 is required) and malformed amounts;
// billing days out of range; list limits 0 and 101 and beyond; offsets
// over 1000 characters; nil requests where parameters are required; 10 KB
// ids in the body. Each gives a *chargebee.ValidationError naming the wire
// key before anything is sent, and never a panic.
func TestHostileRequestValues(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	big := chargebee.Metadata{"blob": strings.Repeat("x", 70<<10)}
	longID := strings.Repeat("x", 10<<10)
	longOffset := strings.Repeat("o", 1001)
	cust := customer.NewService
	type call = func(ctx context.Context, cb *chargebee.Client) (any, error)
	cases := []struct {
		name  string
		v1    bool
		param string
		call  call
	}{
		// JSON fields.
		{"meta_data NaN", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetMetaData(chargebee.Metadata{"x": nan}))
		}},
		{"meta_data +Inf in an array", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetMetaData(chargebee.Metadata{"x": []any{1, inf}}))
		}},
		{"meta_data -Inf in a nested object", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetMetaData(chargebee.Metadata{"x": map[string]any{"y": math.Inf(-1)}}))
		}},
		{"meta_data with a function", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetMetaData(chargebee.Metadata{"f": func() {}}))
		}},
		{"meta_data with a channel", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetMetaData(chargebee.Metadata{"c": make(chan int)}))
		}},
		{"meta_data of 70 KB on create", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetMetaData(big))
		}},
		{"meta_data of 70 KB on update", false, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetMetaData(big))
		}},
		{"meta_data NaN on API v1", true, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetMetaData(chargebee.Metadata{"x": nan}))
		}},
		{"meta_data of 70 KB on API v1", true, "meta_data", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetMetaData(big))
		}},
		{"card additional_information NaN", false, "card[additional_information]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCard(customer.NewCardParams().SetNumber("4111111111111111").SetAdditionalInformation(map[string]any{"x": nan})))
		}},
		{"payment_method additional_information Inf", false, "payment_method[additional_information]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).UpdatePaymentMethod(ctx, "c1", customer.NewUpdatePaymentMethodRequest().SetPaymentMethod(
				customer.NewPaymentMethodParams().SetType(customer.PaymentMethodTypeCard).SetAdditionalInformation(map[string]any{"x": inf})))
		}},
		{"payment_intent additional_information NaN", false, "payment_intent[additional_information]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetPaymentIntent(customer.NewPaymentIntentParams().SetAdditionalInformation(map[string]any{"x": nan})))
		}},
		{"bank_account billing_address NaN", false, "bank_account[billing_address]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetBankAccount(customer.NewBankAccountParams().SetBillingAddress(map[string]any{"x": nan})))
		}},
		{"collect_payment payment_method additional_information NaN", false, "payment_method[additional_information]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).CollectPayment(ctx, "c1", customer.NewCollectPaymentRequest().SetPaymentMethod(
				customer.NewCollectPaymentMethodParams().SetAdditionalInformation(map[string]any{"x": nan})))
		}},
		// Custom fields.
		{"custom field without cf_", false, "gender", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCustomField("gender", "f"))
		}},
		{"custom field cf_ alone", false, "cf_", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCustomField("cf_", "f"))
		}},
		{"custom field with brackets", false, "cf_a[b]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCustomField("cf_a[b]", "f"))
		}},
		{"custom field with a space", false, "cf_a b", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetCustomField("cf_a b", "f"))
		}},
		{"custom field with a non-ASCII letter", false, "cf_ä", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Update(ctx, "c1", customer.NewUpdateRequest().SetCustomField("cf_ä", "f"))
		}},
		{"empty custom field key", false, "*", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCustomField("", "f"))
		}},
		{"custom field without cf_ on API v1", true, "gender", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Create(ctx, customer.NewCreateRequest().SetCustomField("gender", "f"))
		}},
		// Amounts and numbers.
		{"credits.Add negative amount", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(-1).SetDescription("d"))
		}},
		{"credits.Add minimal int64", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(math.MinInt64).SetDescription("d"))
		}},
		{"credits.Add negative decimal", false, "amount_in_decimal", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmountInDecimal("-1").SetDescription("d"))
		}},
		{"credits.Add decimal with exponent", false, "amount_in_decimal", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmountInDecimal("1e3").SetDescription("d"))
		}},
		{"credits.Add decimal of 34 digits", false, "amount_in_decimal", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmountInDecimal(strings.Repeat("9", 34)).SetDescription("d"))
		}},
		{"credits.Add NaN decimal", false, "amount_in_decimal", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmountInDecimal("NaN").SetDescription("d"))
		}},
		{"credits.Add both amounts", false, "amount_in_decimal", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(1).SetAmountInDecimal("1").SetDescription("d"))
		}},
		{"credits.Deduct negative amount", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Deduct(ctx, credits.NewDeductRequest().SetCustomerID("c1").SetAmount(-5).SetDescription("d"))
		}},
		{"credits.Set negative amount", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Set(ctx, credits.NewSetRequest().SetCustomerID("c1").SetAmount(-5).SetDescription("d"))
		}},
		{"credits.Add 10 KB customer_id", false, "customer_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID(longID).SetAmount(1).SetDescription("d"))
		}},
		{"AddPromotionalCredits zero", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).AddPromotionalCredits(ctx, "c1", credits.NewAddPromotionalCreditsRequest().SetAmount(0).SetDescription("d"))
		}},
		{"DeductPromotionalCredits negative", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).DeductPromotionalCredits(ctx, "c1", credits.NewDeductPromotionalCreditsRequest().SetAmount(-1).SetDescription("d"))
		}},
		{"SetPromotionalCredits negative", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).SetPromotionalCredits(ctx, "c1", credits.NewSetPromotionalCreditsRequest().SetAmount(-1).SetDescription("d"))
		}},
		{"AddAccountCredits zero", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).AddAccountCredits(ctx, "c1", credits.NewAddAccountCreditsRequest().SetAmount(0).SetDescription("d"))
		}},
		{"DeductAccountCredits negative", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).DeductAccountCredits(ctx, "c1", credits.NewDeductAccountCreditsRequest().SetAmount(-1).SetDescription("d"))
		}},
		{"SetAccountCredits negative", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).SetAccountCredits(ctx, "c1", credits.NewSetAccountCreditsRequest().SetAmount(-1).SetDescription("d"))
		}},
		{"RecordExcessPayment negative amount", false, "transaction[amount]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).RecordExcessPayment(ctx, "c1", customer.NewRecordExcessPaymentRequest().SetTransaction(
				customer.NewTransactionParams().SetAmount(-1).SetDate(fixedNow).SetPaymentMethod(customer.TransactionPaymentMethodCash)))
		}},
		{"CollectPayment negative amount", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).CollectPayment(ctx, "c1", customer.NewCollectPaymentRequest().SetAmount(-1))
		}},
		{"ChangeBillingDate 0", false, "billing_date", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).ChangeBillingDate(ctx, "c1", customer.NewChangeBillingDateRequest().SetBillingDate(0))
		}},
		{"ChangeBillingDate 32", false, "billing_date", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).ChangeBillingDate(ctx, "c1", customer.NewChangeBillingDateRequest().SetBillingDate(32))
		}},
		// Offsets.
		{"customer.List offset of 1001", false, "offset", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(cust(cb).List(ctx, customer.NewListRequest().SetOffset(longOffset)))
		}},
		{"contact.List offset of 1001", false, "offset", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(contact.NewService(cb).List(ctx, "c1", contact.NewListRequest().SetOffset(longOffset)))
		}},
		{"relationship.ListDetail offset of 1001", false, "offset", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(relationship.NewService(cb).ListDetail(ctx, "p1", relationship.NewListDetailRequest().
				SetHierarchyOperationType(relationship.HierarchySubordinates).SetOffset(longOffset)))
		}},
		{"entitlement.List offset of 1001", false, "offset", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(entitlement.NewService(cb).List(ctx, "c1", entitlement.NewListRequest().SetOffset(longOffset)))
		}},
		{"credits.List offset of 1001", false, "offset", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(credits.NewService(cb).List(ctx, credits.NewListRequest().SetOffset(longOffset)))
		}},
		// Nil requests where something is required.
		{"contact.Add nil", false, "contact[email]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return contact.NewService(cb).Add(ctx, "c1", nil)
		}},
		{"contact.Add nil on API v1", true, "contact[email]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return contact.NewService(cb).Add(ctx, "c1", nil)
		}},
		{"contact.Update nil", false, "contact[id]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return contact.NewService(cb).Update(ctx, "c1", nil)
		}},
		{"contact.Delete empty contact id", false, "contact[id]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return contact.NewService(cb).Delete(ctx, "c1", "")
		}},
		{"customer.UpdatePaymentMethod nil", false, "payment_method[type]", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).UpdatePaymentMethod(ctx, "c1", nil)
		}},
		{"customer.UpdatePaymentMethod nil on API v1", true, "*", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).UpdatePaymentMethod(ctx, "c1", nil)
		}},
		{"customer.AssignPaymentRole nil", false, "payment_source_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).AssignPaymentRole(ctx, "c1", nil)
		}},
		{"customer.Move nil", false, "id_at_from_site", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Move(ctx, nil)
		}},
		{"customer.Merge nil", false, "from_customer_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return cust(cb).Merge(ctx, nil)
		}},
		{"credits.Add nil", false, "customer_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, nil)
		}},
		{"credits.Deduct nil", false, "customer_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Deduct(ctx, nil)
		}},
		{"credits.Set nil", false, "customer_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Set(ctx, nil)
		}},
		{"AddPromotionalCredits nil", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).AddPromotionalCredits(ctx, "c1", nil)
		}},
		{"DeductPromotionalCredits nil", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).DeductPromotionalCredits(ctx, "c1", nil)
		}},
		{"SetPromotionalCredits nil", false, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			//lint:ignore SA1019 the deprecated action must refuse bad input too
			return credits.NewService(cb).SetPromotionalCredits(ctx, "c1", nil)
		}},
		{"AddAccountCredits nil", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).AddAccountCredits(ctx, "c1", nil)
		}},
		{"DeductAccountCredits nil", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).DeductAccountCredits(ctx, "c1", nil)
		}},
		{"SetAccountCredits nil", true, "amount", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).SetAccountCredits(ctx, "c1", nil)
		}},
		{"relationship.ListDetail nil", false, "hierarchy_operation_type", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return collect(relationship.NewService(cb).ListDetail(ctx, "p1", nil))
		}},
		{"relationship.Hierarchy without a type", false, "hierarchy_operation_type", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return relationship.NewService(cb).Hierarchy(ctx, "c1", "")
		}},
		{"relationship.CreateChild without a parent", false, "parent_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return relationship.NewService(cb).CreateChild(ctx, "", nil, nil)
		}},
		{"relationship.Link to itself", false, "parent_id", func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return relationship.NewService(cb).Link(ctx, "c1", relationship.NewLinkRequest().SetParentID("c1"))
		}},
	}
	for _, l := range listers() {
		if l.seq == nil {
			continue
		}
		for _, limit := range []int32{0, 101, -1, math.MaxInt32, math.MinInt32} {
			cases = append(cases, struct {
				name  string
				v1    bool
				param string
				call  call
			}{fmt.Sprintf("%s limit %d", l.name, limit), l.v1, "limit", func(ctx context.Context, cb *chargebee.Client) (any, error) {
				var out []any
				for e, err := range l.seq(ctx, cb, limit) {
					if err != nil {
						return nil, err
					}
					out = append(out, e)
				}
				return out, nil
			}})
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rec := &urlRecorder{}
			cb := offlineClient(t, action{v1: c.v1}, rec, chargebee.WithMaxRetries(0))
			refused(t, c.name, c.param, rec, func() (any, error) { return c.call(context.Background(), cb) })
		})
	}
}

// TestHugeAmountsAreSentExactly covers the oversized amounts of scenario
// 10. The catalog gives money no upper bound, so the largest int64 is a
// valid request: it must reach the action's own path written out in full
// decimal digits, never in exponent notation or wrapped around.
func TestHugeAmountsAreSentExactly(t *testing.T) {
	t.Parallel()
	const maxAmount = "9223372036854775807"
	cases := []struct {
		name, path, key string
		v1              bool
		call            func(ctx context.Context, cb *chargebee.Client) (any, error)
	}{
		{"credits.Add", "/api/v2/promotional_credits/add", "amount", false, func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(math.MaxInt64).SetDescription("d"))
		}},
		{"customer.RecordExcessPayment", "/api/v2/customers/c1/record_excess_payment", "transaction[amount]", false, func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return customer.NewService(cb).RecordExcessPayment(ctx, "c1", customer.NewRecordExcessPaymentRequest().SetTransaction(
				customer.NewTransactionParams().SetAmount(math.MaxInt64).SetDate(fixedNow).SetPaymentMethod(customer.TransactionPaymentMethodCash)))
		}},
		{"customer.CollectPayment", "/api/v2/customers/c1/collect_payment", "amount", false, func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return customer.NewService(cb).CollectPayment(ctx, "c1", customer.NewCollectPaymentRequest().SetAmount(math.MaxInt64))
		}},
		{"credits.AddAccountCredits (v1)", "/api/v1/customers/c1/add_account_credits", "amount", true, func(ctx context.Context, cb *chargebee.Client) (any, error) {
			return credits.NewService(cb).AddAccountCredits(ctx, "c1", credits.NewAddAccountCreditsRequest().SetAmount(math.MaxInt64).SetDescription("d"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rec := &urlRecorder{}
			cb := offlineClient(t, action{v1: c.v1}, rec, chargebee.WithMaxRetries(0))
			_, err := guard(t, c.name, func() (any, error) { return c.call(context.Background(), cb) })
			if !errors.Is(err, chargebee.ErrNotFound) {
				t.Fatalf("err = %v, want the recorder's 404", err)
			}
			if len(rec.urls) != 1 || rec.urls[0] != "https://acme-test.chargebee.com"+c.path {
				t.Fatalf("sent to %q", rec.urls)
			}
			form, err := url.ParseQuery(rec.bodies[0])
			if err != nil || form.Get(c.key) != maxAmount {
				t.Errorf("%s = %q in %q, want %s", c.key, form.Get(c.key), rec.bodies[0], maxAmount)
			}
		})
	}
}

// TestNilContextOnEveryAction checks that every action called with a nil
// context returns an error, sends nothing and does not panic.
func TestNilContextOnEveryAction(t *testing.T) {
	t.Parallel()
	var nilCtx context.Context
	for _, a := range allActions() {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			rec := &urlRecorder{}
			cb := offlineClient(t, a, rec)
			refused(t, "nil context", "", rec, func() (any, error) { return a.run(nilCtx, cb) })
		})
	}
}

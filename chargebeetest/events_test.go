package chargebeetest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// listAll walks GET /events (or /api/v1/events) page by page and returns
// the events in order.
func listAll(t *testing.T, s *chargebeetest.Server, path string, params url.Values) []map[string]any {
	t.Helper()
	var out []map[string]any
	params = cloneVals(params)
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("paging does not end")
		}
		a := must(t, send(t, s, "GET", path, params), 200)
		for i := 0; i < a.len("list"); i++ {
			ev, _ := dig(a.body, "list."+strconv.Itoa(i)+".event").(map[string]any)
			out = append(out, ev)
		}
		next := a.str("next_offset")
		if next == "" {
			return out
		}
		params.Set("offset", next)
	}
}

func cloneVals(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// summary is "type:customer-id" for each event, the customer taken from
// the content.
func summary(evs []map[string]any) string {
	var parts []string
	for _, ev := range evs {
		s, _ := ev["event_type"].(string)
		if id, ok := dig(ev, "content.customer.id").(string); ok {
			s += ":" + id
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func contentKeys(ev map[string]any) string {
	c, _ := ev["content"].(map[string]any)
	var keys []string
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// TestEventsRecorded runs every kind of change through the fake and checks
// the events recorded: type, order, content keys (api/EVENTS.md) and the
// envelope.
func TestEventsRecorded(t *testing.T) {
	t.Parallel()
	clock := newClock(1_700_000_000)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))
	must(t, send(t, s, "POST", "/customers", vals("id", "ann", "first_name", "Ann", "card[number]", "4111111111111111")), 200)
	must(t, send(t, s, "POST", "/customers", vals("id", "bob")), 200)
	must(t, send(t, s, "POST", "/customers/ann", vals("last_name", "Lee")), 200)
	must(t, send(t, s, "POST", "/customers/ann/update_billing_info", vals("billing_address[city]", "Paris")), 200)
	must(t, send(t, s, "POST", "/customers/ann/update_payment_method", vals("payment_method[type]", "card", "payment_method[reference_id]", "tok_new")), 200)
	must(t, send(t, s, "POST", "/customers/bob/update_payment_method", vals("payment_method[type]", "card", "payment_method[reference_id]", "tok_bob")), 200)
	must(t, send(t, s, "POST", "/customers/bob/relationships", vals("parent_id", "ann")), 200)
	must(t, send(t, s, "POST", "/promotional_credits/add", vals("customer_id", "bob", "amount", "500", "description", "welcome")), 200)
	must(t, send(t, s, "POST", "/promotional_credits/deduct", vals("customer_id", "bob", "amount", "200", "description", "used")), 200)
	// A refused call changes nothing and records nothing.
	mustParamError(t, send(t, s, "POST", "/promotional_credits/deduct", vals("customer_id", "bob", "amount", "999999", "description", "too much")), "amount")
	// A replayed call records nothing either.
	for i := 0; i < 2; i++ {
		must(t, send(t, s, "POST", "/customers/bob", vals("company", "Acme"), "chargebee-idempotency-key", "k1"), 200)
	}
	s.SetEntitlements("bob", chargebeetest.Entitlement{SubscriptionID: "sub_1", FeatureID: "seats", Value: "5", IsEnabled: true})
	s.SetEntitlements("bob", chargebeetest.Entitlement{SubscriptionID: "sub_1", FeatureID: "seats", Value: "5", IsEnabled: true}) // unchanged: no event
	must(t, send(t, s, "POST", "/customers/bob/delete_relationship", nil), 200)
	must(t, send(t, s, "POST", "/customers/ann/delete", nil), 200)
	must(t, send(t, s, "POST", "/customers/move", vals("id_at_from_site", "cid", "from_site", "other-test")), 200)
	if !s.MoveOut("bob") {
		t.Fatal("MoveOut(bob) = false")
	}
	if s.MoveOut("ghost") {
		t.Fatal("MoveOut(ghost) = true")
	}

	evs := listAll(t, s, "/events", vals("sort_by[asc]", "occurred_at", "limit", "100"))
	want := "customer_created:ann card_added:ann customer_created:bob customer_changed:ann customer_changed:ann" +
		" customer_changed:ann card_updated:ann customer_changed:bob card_added:bob hierarchy_created:bob" +
		" promotional_credits_added:bob promotional_credits_deducted:bob customer_changed:bob" +
		" customer_entitlements_updated hierarchy_deleted:bob customer_deleted:ann customer_moved_in:cid customer_moved_out:bob"
	if got := summary(evs); got != want {
		t.Fatalf("events:\n got %s\nwant %s", got, want)
	}
	// card is there when the customer has one (bob has none at first).
	keys := strings.Fields("card,customer card,customer customer card,customer card,customer" +
		" card,customer card,customer card,customer card,customer customer" +
		" customer,promotional_credit customer,promotional_credit card,customer" +
		" impacted_customer customer card,customer customer card,customer")
	for i, ev := range evs {
		typ := ev["event_type"].(string)
		if contentKeys(ev) != keys[i] {
			t.Errorf("event %d %s content keys %s, want %s", i, typ, contentKeys(ev), keys[i])
		}
		if ev["id"] != "ev_"+strconv.Itoa(i+1) || ev["object"] != "event" || ev["api_version"] != "v2" ||
			ev["webhook_status"] != "not_configured" || ev["occurred_at"] != json.Number("1700000000") {
			t.Errorf("event %d envelope: %v", i, ev)
		}
		wantSource := "api"
		if typ == "customer_entitlements_updated" {
			wantSource = "system"
		}
		if ev["source"] != wantSource {
			t.Errorf("event %d %s source %v, want %s", i, typ, ev["source"], wantSource)
		}
	}
	// Content is a snapshot of the moment: ann's first event has no last
	// name, the later ones do.
	if dig(evs[0], "content.customer.last_name") != nil || dig(evs[3], "content.customer.last_name") != "Lee" {
		t.Errorf("content snapshots: %v / %v", evs[0]["content"], evs[3]["content"])
	}
	if dig(evs[9], "content.customer.relationship.parent_id") != "ann" || dig(evs[14], "content.customer.relationship") != nil {
		t.Errorf("hierarchy content: %v / %v", evs[9]["content"], evs[14]["content"])
	}
	pc := evs[11]["content"].(map[string]any)["promotional_credit"].(map[string]any)
	if pc["type"] != "decrement" || pc["amount"] != json.Number("200") || pc["closing_balance"] != json.Number("300") || pc["customer_id"] != "bob" {
		t.Errorf("promotional_credit: %v", pc)
	}
	if dig(evs[11], "content.customer.promotional_credits") != json.Number("300") {
		t.Errorf("customer balance in the deduct event: %v", dig(evs[11], "content.customer.promotional_credits"))
	}
	if dig(evs[15], "content.card.last4") != "1111" || dig(evs[15], "content.customer.deleted") != true {
		t.Errorf("customer_deleted keeps the card it had: %v", evs[15]["content"])
	}

	// customer_entitlements_updated: impacted_customer with a download the
	// fake serves.
	ic := dig(evs[13], "content.impacted_customer").(map[string]any)
	dl := ic["download"].(map[string]any)
	if ic["object"] != "impacted_customer" || ic["action_type"] != "entitlements_updated" ||
		dl["mime_type"] != "text/csv" || dl["valid_till"] != json.Number("1700003600") || dl["object"] != "download" {
		t.Fatalf("impacted_customer: %v", ic)
	}
	u := dl["download_url"].(string)
	if !strings.HasPrefix(u, s.URL()+"/downloads/ev_14/") {
		t.Fatalf("download_url %s", u)
	}
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != "customer_id\nbob\n" || res.Header.Get("Content-Type") != "text/csv" {
		t.Fatalf("download: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if res, err := http.Get(s.URL() + "/downloads/ev_1/impacted_customers.csv"); err != nil || res.StatusCode != 404 {
		t.Fatalf("download of another event: %v %v", res, err)
	} else {
		res.Body.Close()
	}

	// Events returns the same documents, oldest first.
	raw := s.Events()
	if len(raw) != len(evs) {
		t.Fatalf("Events() has %d, the API %d", len(raw), len(evs))
	}
	var first map[string]any
	if err := json.Unmarshal(raw[0], &first); err != nil || first["id"] != "ev_1" || first["event_type"] != "customer_created" {
		t.Fatalf("Events()[0] = %s (%v)", raw[0], err)
	}
}

// TestEventsOriginUser checks origin_user, from the plain and the Base64
// header.
func TestEventsOriginUser(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s, "id", "a")
	must(t, send(t, s, "POST", "/customers", vals("id", "b"), "chargebee-request-origin-user", "ops@example.com"), 200)
	must(t, send(t, s, "POST", "/customers", vals("id", "c"), "chargebee-request-origin-user-encoded", "w7xsZkBleGFtcGxlLmNvbQ=="), 200)
	evs := listAll(t, s, "/events", vals("sort_by[asc]", "occurred_at"))
	got := []any{evs[0]["origin_user"], evs[1]["origin_user"], evs[2]["origin_user"]}
	if got[0] != nil || got[1] != "ops@example.com" || got[2] != "ülf@example.com" {
		t.Fatalf("origin_user: %v", got)
	}
}

// filterFixture records six events at known times and sources and returns
// the server. Events (oldest first):
//
//	ev_1 customer_created a   t0        api
//	ev_2 customer_created b   t0+1d     api
//	ev_3 customer_changed a   t0+1d+1h  api
//	ev_4 hierarchy_created b  t0+2d     api
//	ev_5 customer_entitlements_updated t0+3d system (delivered: succeeded)
//	ev_6 customer_created c   t0+3d     api, webhooks disabled (skipped)
//
// The webhook is set after ev_4, so ev_1 to ev_4 are not_configured.
const t0 = 1_700_006_400 // 2023-11-15 00:00:00 UTC

func filterFixture(t *testing.T) *chargebeetest.Server {
	clock := newClock(t0)
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(clock.now))
	createCustomer(t, s, "id", "a")
	clock.add(24 * time.Hour)
	createCustomer(t, s, "id", "b")
	clock.add(time.Hour)
	must(t, send(t, s, "POST", "/customers/a", vals("company", "Acme")), 200)
	clock.add(23 * time.Hour)
	must(t, send(t, s, "POST", "/customers/b/relationships", vals("parent_id", "a")), 200)
	clock.add(24 * time.Hour)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(hook.Close)
	if err := s.SetWebhook(chargebeetest.Webhook{URL: hook.URL}); err != nil {
		t.Fatal(err)
	}
	s.SetEntitlements("a", chargebeetest.Entitlement{FeatureID: "seats", Value: "3", IsEnabled: true})
	must(t, send(t, s, "POST", "/customers", vals("id", "c"), "chargebee-event-webhook", "all-disabled"), 200)
	if err := s.WaitWebhooks(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func eventIDs(evs []map[string]any) string {
	var ids []string
	for _, ev := range evs {
		id, _ := ev["id"].(string)
		ids = append(ids, strings.TrimPrefix(id, "ev_"))
	}
	return strings.Join(ids, ",")
}

// TestEventsListFilters checks every filter of the events API, v2 and v1.
func TestEventsListFilters(t *testing.T) {
	t.Parallel()
	s := filterFixture(t)
	ts := func(d time.Duration) string { return strconv.FormatInt(t0+int64(d/time.Second), 10) }
	day := 24 * time.Hour
	tests := []struct {
		name   string
		path   string
		params []string
		want   string // event numbers in the order listed
	}{
		{"default newest first", "/events", nil, "6,5,4,3,2,1"},
		{"sort_by asc", "/events", []string{"sort_by[asc]", "occurred_at"}, "1,2,3,4,5,6"},
		{"sort_by desc", "/events", []string{"sort_by[desc]", "occurred_at"}, "6,5,4,3,2,1"},
		{"id is", "/events", []string{"id[is]", "ev_3"}, "3"},
		{"id is_not", "/events", []string{"id[is_not]", "ev_3"}, "6,5,4,2,1"},
		{"id starts_with", "/events", []string{"id[starts_with]", "ev_"}, "6,5,4,3,2,1"},
		{"id in", "/events", []string{"id[in]", `["ev_1","ev_5","ev_9"]`}, "5,1"},
		{"id not_in", "/events", []string{"id[not_in]", `["ev_1","ev_5"]`}, "6,4,3,2"},
		{"event_type is", "/events", []string{"event_type[is]", "customer_created"}, "6,2,1"},
		{"event_type is_not", "/events", []string{"event_type[is_not]", "customer_created"}, "5,4,3"},
		{"event_type in", "/events", []string{"event_type[in]", `["hierarchy_created","customer_changed"]`}, "4,3"},
		{"event_type not_in", "/events", []string{"event_type[not_in]", `["customer_created","customer_changed"]`}, "5,4"},
		{"event_type of another domain", "/events", []string{"event_type[is]", "subscription_created"}, ""},
		{"source is", "/events", []string{"source[is]", "system"}, "5"},
		{"source is_not", "/events", []string{"source[is_not]", "system"}, "6,4,3,2,1"},
		{"source in", "/events", []string{"source[in]", `["system","portal"]`}, "5"},
		{"source not_in", "/events", []string{"source[not_in]", `["api"]`}, "5"},
		{"webhook_status is", "/events", []string{"webhook_status[is]", "skipped"}, "6"},
		{"webhook_status is succeeded", "/events", []string{"webhook_status[is]", "succeeded"}, "5"},
		{"webhook_status is_not", "/events", []string{"webhook_status[is_not]", "not_configured"}, "6,5"},
		{"webhook_status in", "/events", []string{"webhook_status[in]", `["skipped","failed"]`}, "6"},
		{"webhook_status not_in", "/events", []string{"webhook_status[not_in]", `["skipped"]`}, "5,4,3,2,1"},
		{"occurred_at after", "/events", []string{"occurred_at[after]", ts(day)}, "6,5,4,3"},
		{"occurred_at before", "/events", []string{"occurred_at[before]", ts(day + time.Hour)}, "2,1"},
		{"occurred_at on", "/events", []string{"occurred_at[on]", ts(day + 5*time.Hour)}, "3,2"},
		{"occurred_at between", "/events", []string{"occurred_at[between]", "[" + ts(day) + "," + ts(2*day) + "]"}, "4,3,2"},
		{"start_time inclusive", "/events", []string{"start_time", ts(2 * day)}, "6,5,4"},
		{"end_time exclusive", "/events", []string{"end_time", ts(2 * day)}, "3,2,1"},
		{"start and end", "/events", []string{"start_time", ts(day), "end_time", ts(3 * day)}, "4,3,2"},
		{"filters combine", "/events", []string{"event_type[is]", "customer_created", "occurred_at[after]", ts(0), "sort_by[asc]", "occurred_at"}, "2,6"},
		// API v1 lists only the event types it has, with plain filters.
		{"v1 all", "/api/v1/events", nil, "6,3,2,1"},
		{"v1 event_type", "/api/v1/events", []string{"event_type", "customer_changed"}, "3"},
		{"v1 webhook_status", "/api/v1/events", []string{"webhook_status", "skipped"}, "6"},
		{"v1 start and end", "/api/v1/events", []string{"start_time", ts(day), "end_time", ts(3 * day)}, "3,2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := eventIDs(listAll(t, s, tt.path, vals(tt.params...))); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestEventsListWireKeys checks that the fake refuses what Chargebee
// refuses on the events API, naming the key.
func TestEventsListWireKeys(t *testing.T) {
	t.Parallel()
	s := filterFixture(t)
	tests := []struct {
		name   string
		path   string
		params []string
		param  string
	}{
		{"unknown operator", "/events", []string{"occurred_at[is]", "1700000000"}, "occurred_at[is]"},
		{"unknown key", "/events", []string{"customer_id[is]", "a"}, "customer_id[is]"},
		{"source not an enum value", "/events", []string{"source[is]", "robot"}, "source[is]"},
		{"webhook_status not an enum value", "/events", []string{"webhook_status[in]", `["done"]`}, "webhook_status[in]"},
		{"in not a JSON array", "/events", []string{"id[in]", "ev_1"}, "id[in]"},
		{"between one value", "/events", []string{"occurred_at[between]", "[1700000000]"}, "occurred_at[between]"},
		{"sort_by other field", "/events", []string{"sort_by[asc]", "id"}, "sort_by[asc]"},
		{"limit over 100", "/events", []string{"limit", "101"}, "limit"},
		{"limit 0", "/events", []string{"limit", "0"}, "limit"},
		{"start_time not a number", "/events", []string{"start_time", "yesterday"}, "start_time"},
		{"offset not handed out", "/events", []string{"offset", "5"}, "offset"},
		{"offset garbled", "/events", []string{"offset", `["x","1"]`}, "offset"},
		{"v1 takes no bracketed filter", "/api/v1/events", []string{"event_type[is]", "customer_created"}, "event_type[is]"},
		{"v1 has no source filter", "/api/v1/events", []string{"source", "api"}, "source"},
		{"v1 webhook_status enum", "/api/v1/events", []string{"webhook_status", "done"}, "webhook_status"},
		{"v2 takes no plain event_type", "/events", []string{"event_type", "customer_created"}, "event_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mustParamError(t, send(t, s, "GET", tt.path, vals(tt.params...)), tt.param)
		})
	}
	if a := sendAs(t, s, "wrong_key", "GET", "/events", nil); a.status != 401 {
		t.Errorf("wrong key: status %d", a.status)
	}
}

// TestEventsPaging walks the list with every limit and checks that the
// offsets stay valid while new events are recorded between pages.
func TestEventsPaging(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	for i := 0; i < 25; i++ {
		createCustomer(t, s)
	}
	a := must(t, send(t, s, "GET", "/events", nil), 200)
	if a.len("list") != 10 || a.str("next_offset") == "" || a.str("list.0.event.id") != "ev_25" {
		t.Fatalf("default page: %d events, next_offset %q, first %s", a.len("list"), a.str("next_offset"), a.str("list.0.event.id"))
	}
	for _, limit := range []int{1, 2, 7, 10, 24, 25, 100} {
		for _, order := range []string{"sort_by[asc]", "sort_by[desc]"} {
			var pages int
			params := vals("limit", strconv.Itoa(limit), order, "occurred_at")
			var ids []string
			for {
				a := must(t, send(t, s, "GET", "/events", params), 200)
				pages++
				if a.len("list") > limit {
					t.Fatalf("limit %d: page of %d", limit, a.len("list"))
				}
				for i := 0; i < a.len("list"); i++ {
					ids = append(ids, a.str("list."+strconv.Itoa(i)+".event.id"))
				}
				next := a.str("next_offset")
				if next == "" {
					break
				}
				params.Set("offset", next)
			}
			if len(ids) != 25 || pages != (25+limit-1)/limit {
				t.Fatalf("limit %d %s: %d events in %d pages", limit, order, len(ids), pages)
			}
			for i, id := range ids {
				n := i + 1
				if order == "sort_by[desc]" {
					n = 25 - i
				}
				if id != "ev_"+strconv.Itoa(n) {
					t.Fatalf("limit %d %s: position %d is %s", limit, order, i, id)
				}
			}
		}
	}

	// Newest first, new events between pages neither repeat nor hide the
	// older ones.
	a = must(t, send(t, s, "GET", "/events", vals("limit", "10")), 200)
	createCustomer(t, s)
	createCustomer(t, s)
	b := must(t, send(t, s, "GET", "/events", vals("limit", "10", "offset", a.str("next_offset"))), 200)
	if a.str("list.9.event.id") != "ev_16" || b.str("list.0.event.id") != "ev_15" || b.len("list") != 10 {
		t.Fatalf("pages around new events: last %s, next first %s (%d)", a.str("list.9.event.id"), b.str("list.0.event.id"), b.len("list"))
	}
}

// TestEventRetrieve checks GET /events/{id} in both API versions.
func TestEventRetrieve(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s, "id", "p")
	createCustomer(t, s, "id", "k", "first_name", "Kim")
	must(t, send(t, s, "POST", "/customers/k/relationships", vals("parent_id", "p")), 200)

	a := must(t, send(t, s, "GET", "/events/ev_2", nil), 200)
	ev := a.body["event"].(map[string]any)
	var keys []string
	for k := range ev {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "api_version,content,event_type,id,object,occurred_at,source,webhook_status" {
		t.Fatalf("event keys %v", keys)
	}
	if a.str("event.event_type") != "customer_created" || a.str("event.content.customer.first_name") != "Kim" ||
		a.str("event.content.customer.channel") != "web" || a.has("event.content.card") {
		t.Fatalf("v2 event: %s", a.raw)
	}
	v1 := must(t, send(t, s, "GET", "/api/v1/events/ev_2", nil), 200)
	if v1.str("event.api_version") != "v1" || v1.str("event.content.customer.first_name") != "Kim" ||
		v1.has("event.content.customer.channel") || !v1.has("event.content.customer.account_credits") {
		t.Fatalf("v1 event: %s", v1.raw)
	}
	nf := send(t, s, "GET", "/events/ev_99", nil)
	if nf.status != 404 || nf.str("api_error_code") != "resource_not_found" {
		t.Fatalf("unknown event: %d %s", nf.status, nf.raw)
	}
	// hierarchy_created has no API v1 form.
	if a := send(t, s, "GET", "/api/v1/events/ev_3", nil); a.status != 404 {
		t.Fatalf("v1 hierarchy_created: %d %s", a.status, a.raw)
	}
	if a := send(t, s, "GET", "/events/ev_3", vals("limit", "1")); a.status != 400 || a.str("param") != "limit" {
		t.Fatalf("retrieve with a list key: %d %s", a.status, a.raw)
	}
}

// TestEventsReset checks that Reset forgets events but never reuses ids.
func TestEventsReset(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	createCustomer(t, s)
	createCustomer(t, s)
	s.Reset()
	if a := must(t, send(t, s, "GET", "/events", nil), 200); a.len("list") != 0 {
		t.Fatalf("events after Reset: %s", a.raw)
	}
	createCustomer(t, s)
	if a := must(t, send(t, s, "GET", "/events", nil), 200); a.len("list") != 1 || a.str("list.0.event.id") != "ev_3" {
		t.Fatalf("after Reset: %s", a.raw)
	}
}

// TestEventsPerAction checks the events each action records, on a fixture
// of a parent p and a child k with a card, linked, and a loose customer x.
func TestEventsPerAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		method string
		path   string
		params []string
		want   string // summary of the events recorded by the call
	}{
		{"add contact", "POST", "/customers/x/add_contact", []string{"contact[email]", "ops@example.com"}, "customer_changed:x"},
		{"change billing date", "POST", "/customers/x/change_billing_date", []string{"billing_date", "5"}, "customer_changed:x"},
		{"assign payment role", "POST", "/customers/k/assign_payment_role", []string{"payment_source_id", "pm_1", "role", "none"}, "customer_changed:k"},
		{"clear personal data", "POST", "/customers/x/clear_personal_data", nil, "customer_changed:x"},
		{"hierarchy settings", "POST", "/customers/k/update_hierarchy_settings", []string{"use_default_hierarchy_settings", "false"}, "customer_changed:k"},
		{"relink, new owners", "POST", "/customers/k/relationships", []string{"parent_id", "p", "payment_owner_id", "p"}, "customer_changed:k"},
		{"link to another parent", "POST", "/customers/k/relationships", []string{"parent_id", "x"}, "hierarchy_created:k"},
		{"merge", "POST", "/customers/merge", []string{"from_customer_id", "x", "to_customer_id", "p"}, "customer_deleted:x customer_changed:p"},
		{"payment method, not a card", "POST", "/customers/x/update_payment_method", []string{"payment_method[type]", "paypal_express_checkout", "payment_method[reference_id]", "B-1"}, "customer_changed:x"},
		{"customer-level add", "POST", "/customers/x/add_promotional_credits", []string{"amount", "100", "description", "d"}, "promotional_credits_added:x"},
		{"set up", "POST", "/customers/x/set_promotional_credits", []string{"amount", "300", "description", "d"}, "promotional_credits_added:x"},
		{"set to the same", "POST", "/customers/x/set_promotional_credits", []string{"amount", "0", "description", "d"}, ""},
		{"v1 account credits", "POST", "/api/v1/customers/x/add_account_credits", []string{"amount", "100", "description", "d"}, "promotional_credits_added:x"},
		{"v1 set account credits", "POST", "/api/v1/customers/x/set_account_credits", []string{"amount", "300", "description", "d"}, "promotional_credits_added:x"},
		{"v1 deduct more than the balance", "POST", "/api/v1/customers/x/deduct_account_credits", []string{"amount", "100", "description", "d"}, ""},
		{"v1 contact", "POST", "/api/v1/customers/x/add_contact", []string{"contact[email]", "ops@example.com"}, "customer_changed:x"},
		{"v1 update", "POST", "/api/v1/customers/x", []string{"first_name", "Xi"}, "customer_changed:x"},
		{"v1 create", "POST", "/api/v1/customers", []string{"id", "v"}, "customer_created:v"},
		{"a read records nothing", "GET", "/customers/x", nil, ""},
		{"a refused call records nothing", "POST", "/customers/p/delete", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := chargebeetest.NewServer(t)
			createCustomer(t, s, "id", "p")
			createCustomer(t, s, "id", "k", "card[number]", "4111111111111111")
			createCustomer(t, s, "id", "x")
			must(t, send(t, s, "POST", "/customers/k/relationships", vals("parent_id", "p")), 200)
			before := len(s.Events())
			send(t, s, tt.method, tt.path, vals(tt.params...))
			evs := listAll(t, s, "/events", vals("sort_by[asc]", "occurred_at"))
			if got := summary(evs[before:]); got != tt.want {
				t.Fatalf("events %q, want %q", got, tt.want)
			}
		})
	}
}

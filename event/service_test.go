package event_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

func listBody(t *testing.T, next string, files ...string) string {
	var b strings.Builder
	b.WriteString(`{"list":[`)
	for i, f := range files {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"event":`)
		b.Write(fixture(t, f))
		b.WriteString(`}`)
	}
	b.WriteString(`]`)
	if next != "" {
		b.WriteString(`,"next_offset":"` + next + `"`)
	}
	b.WriteString(`}`)
	return b.String()
}

func TestListWireV2(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		req   *event.ListRequest
		query url.Values
	}{
		{"nil request", nil, url.Values{}},
		{"empty request", event.NewListRequest(), url.Values{}},
		{
			name: "every v2 parameter and operator",
			req: event.NewListRequest().
				SetLimit(100).
				SetOffset("off_1").
				SetStartTime(1700000000).
				SetEndTime(1700086400).
				SetID(chargebee.StringFilter{Is: "ev_1", IsNot: "ev_2", StartsWith: "ev_", In: []string{"ev_1", "ev_3"}, NotIn: []string{"ev_4"}}).
				SetWebhookStatus(chargebee.EnumFilter{Is: string(event.WebhookStatusFailed), IsNot: string(event.WebhookStatusSucceeded),
					In: []string{"failed", "re_scheduled"}, NotIn: []string{"skipped"}}).
				SetEventType(chargebee.EnumFilter{Is: string(event.CustomerChanged), IsNot: string(event.CustomerDeleted),
					In: []string{"customer_created", "customer_changed"}, NotIn: []string{"card_added"}}).
				SetSource(chargebee.EnumFilter{Is: string(event.SourceAPI), IsNot: string(event.SourcePortal),
					In: []string{"api", "admin_console"}, NotIn: []string{"system"}}).
				SetOccurredAt(chargebee.TimestampFilter{After: 1700000001, Before: 1700000002, On: 1700000003,
					Between: [2]chargebee.Timestamp{1700000004, 1700000005}}).
				SetSortBy(chargebee.SortAsc("occurred_at")),
			query: url.Values{
				"limit":                  {"100"},
				"offset":                 {"off_1"},
				"start_time":             {"1700000000"},
				"end_time":               {"1700086400"},
				"id[is]":                 {"ev_1"},
				"id[is_not]":             {"ev_2"},
				"id[starts_with]":        {"ev_"},
				"id[in]":                 {`["ev_1","ev_3"]`},
				"id[not_in]":             {`["ev_4"]`},
				"webhook_status[is]":     {"failed"},
				"webhook_status[is_not]": {"succeeded"},
				"webhook_status[in]":     {`["failed","re_scheduled"]`},
				"webhook_status[not_in]": {`["skipped"]`},
				"event_type[is]":         {"customer_changed"},
				"event_type[is_not]":     {"customer_deleted"},
				"event_type[in]":         {`["customer_created","customer_changed"]`},
				"event_type[not_in]":     {`["card_added"]`},
				"source[is]":             {"api"},
				"source[is_not]":         {"portal"},
				"source[in]":             {`["api","admin_console"]`},
				"source[not_in]":         {`["system"]`},
				"occurred_at[after]":     {"1700000001"},
				"occurred_at[before]":    {"1700000002"},
				"occurred_at[on]":        {"1700000003"},
				"occurred_at[between]":   {"[1700000004,1700000005]"},
				"sort_by[asc]":           {"occurred_at"},
			},
		},
		{
			name:  "descending",
			req:   event.NewListRequest().SetSortBy(chargebee.SortDesc("occurred_at")).SetLimit(5),
			query: url.Values{"sort_by[desc]": {"occurred_at"}, "limit": {"5"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(listBody(t, "", "customer_changed.json")))
			page, err := event.NewService(m.CB).ListPage(context.Background(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			testutil.Expect(t, m.Only(), http.MethodGet, "/api/v2/events", tc.query)
			if len(page.Items) != 1 || page.Items[0].Event.ID != "ev_evt_changed_1" || page.NextOffset != "" {
				t.Fatalf("page: %+v", page)
			}
		})
	}
}

func TestListWireV1(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(listBody(t, "", "v1_card_expiring.json")), chargebee.WithAPIVersion(chargebee.APIv1))
	req := event.NewListRequest().SetLimit(20).SetOffset("o").SetStartTime(1600000000).SetEndTime(1700000000).
		SetWebhookStatusV1(event.WebhookStatusFailed).SetEventTypeV1(event.CardExpiring)
	page, err := event.NewService(m.CB).ListPage(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodGet, "/api/v1/events", url.Values{
		"limit": {"20"}, "offset": {"o"}, "start_time": {"1600000000"}, "end_time": {"1700000000"},
		"webhook_status": {"failed"}, "event_type": {"card_expiring"},
	})
	ev := page.Items[0].Event
	if ev.EventType != event.CardExpiring || ev.APIVersion != chargebee.APIv1 || ev.Content.Card.Last4 != "4242" {
		t.Fatalf("event: %+v", ev)
	}
}

func TestListRefusesFiltersOfTheOtherVersion(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		version chargebee.APIVersion
		req     *event.ListRequest
		param   string
	}{
		{"v1 with id", chargebee.APIv1, event.NewListRequest().SetID(chargebee.StringFilter{Is: "ev_1"}), "id[is]"},
		{"v1 with bracketed webhook_status", chargebee.APIv1, event.NewListRequest().SetWebhookStatus(chargebee.EnumFilter{Is: "failed"}), "webhook_status[is]"},
		{"v1 with bracketed event_type", chargebee.APIv1, event.NewListRequest().SetEventType(chargebee.EnumFilter{Is: "card_added"}), "event_type[is]"},
		{"v1 with source", chargebee.APIv1, event.NewListRequest().SetSource(chargebee.EnumFilter{Is: "api"}), "source[is]"},
		{"v1 with occurred_at", chargebee.APIv1, event.NewListRequest().SetOccurredAt(chargebee.TimestampFilter{After: 1700000000}), "occurred_at[after]"},
		{"v1 with sort_by", chargebee.APIv1, event.NewListRequest().SetSortBy(chargebee.SortAsc("occurred_at")), "sort_by[asc]"},
		{"v2 with plain webhook_status", chargebee.APIv2, event.NewListRequest().SetWebhookStatusV1(event.WebhookStatusFailed), "webhook_status"},
		{"v2 with plain event_type", chargebee.APIv2, event.NewListRequest().SetEventTypeV1(event.CardAdded), "event_type"},
		{"v2 with both event_type forms", chargebee.APIv2, event.NewListRequest().SetEventTypeV1(event.CardAdded).
			SetEventType(chargebee.EnumFilter{Is: "card_added"}), "event_type"},
		{"limit too high", chargebee.APIv2, event.NewListRequest().SetLimit(101), "limit"},
		{"limit zero", chargebee.APIv1, event.NewListRequest().SetLimit(0), "limit"},
		{"offset too long", chargebee.APIv2, event.NewListRequest().SetOffset(strings.Repeat("o", 1001)), "offset"},
		{"empty plain event_type", chargebee.APIv1, event.NewListRequest().SetEventTypeV1(""), "event_type"},
		{"negative end_time", chargebee.APIv1, event.NewListRequest().SetEndTime(-1), "end_time"},
		{"negative start_time", chargebee.APIv2, event.NewListRequest().SetStartTime(-1), "start_time"},
		{"is_present on id", chargebee.APIv2, event.NewListRequest().SetID(chargebee.StringFilter{IsPresent: chargebee.Bool(true)}), "id[is_present]"},
		{"sort by another attribute", chargebee.APIv2, event.NewListRequest().SetSortBy(chargebee.SortDesc("created_at")), "sort_by[desc]"},
		{"sort both ways", chargebee.APIv2, event.NewListRequest().SetSortBy(chargebee.SortBy{Asc: "occurred_at", Desc: "occurred_at"}), "sort_by"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{"list":[]}`), chargebee.WithAPIVersion(tc.version))
			_, err := event.NewService(m.CB).ListPage(context.Background(), tc.req)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("error %T %v, want a *chargebee.ValidationError for %s", err, err, tc.param)
			}
			m.NothingSent()
		})
	}
}

func TestListFollowsPages(t *testing.T) {
	t.Parallel()
	page1 := listBody(t, "off_2", "customer_changed.json", "customer_deleted.json")
	page2 := listBody(t, "", "promotional_credits_added.json")
	m := testutil.NewMockFunc(t, func(req *http.Request) (int, string) {
		switch req.URL.Query().Get("offset") {
		case "":
			return 200, page1
		case "off_2":
			return 200, page2
		}
		return 400, `{"message":"bad offset"}`
	})
	req := event.NewListRequest().SetLimit(2).SetEventType(chargebee.EnumFilter{NotIn: []string{"card_added"}})
	var ids []string
	for e, err := range event.NewService(m.CB).List(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.Event.ID)
	}
	if strings.Join(ids, ",") != "ev_evt_changed_1,ev_evt_deleted_1,ev_evt_pc_1" {
		t.Fatalf("ids = %v", ids)
	}
	reqs := m.Requests()
	if len(reqs) != 2 {
		t.Fatalf("sent %d requests", len(reqs))
	}
	testutil.Expect(t, reqs[1], http.MethodGet, "/api/v2/events", url.Values{
		"limit": {"2"}, "offset": {"off_2"}, "event_type[not_in]": {`["card_added"]`},
	})
	if req.Offset != nil {
		t.Fatal("List modified the request")
	}
}

func TestListIsLazyAndStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: listBody(t, "off_2", "customer_changed.json")},
		{Status: 500, Body: `{"message":"boom","api_error_code":"internal_error"}`}})
	seq := event.NewService(m.CB).List(context.Background(), nil)
	m.NothingSent()
	n, errs := 0, 0
	for e, err := range seq {
		if err != nil {
			errs++
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.HTTPStatusCode != 500 {
				t.Fatalf("error %T %v", err, err)
			}
			continue
		}
		n++
		if e.Event.ID != "ev_evt_changed_1" {
			t.Fatalf("event %s", e.Event.ID)
		}
	}
	if n != 1 || errs != 1 {
		t.Fatalf("%d events and %d errors, want 1 and 1", n, errs)
	}
}

func TestListRefusesEntriesWithoutEvent(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(`{"list":[{"evnt":{}}]}`))
	_, err := event.NewService(m.CB).ListPage(context.Background(), nil)
	var de *chargebee.DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "event") {
		t.Fatalf("error %T %v, want a *chargebee.DecodeError", err, err)
	}
}

func TestRetrieve(t *testing.T) {
	t.Parallel()
	for _, version := range []chargebee.APIVersion{chargebee.APIv2, chargebee.APIv1} {
		t.Run(string(version), func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{"event":`+string(fixture(t, "customer_changed.json"))+`}`), chargebee.WithAPIVersion(version))
			res, err := event.NewService(m.CB).Retrieve(context.Background(), "ev_a/b c")
			if err != nil {
				t.Fatal(err)
			}
			testutil.Expect(t, m.Only(), http.MethodGet, "/api/"+string(version)+"/events/ev_a%2Fb%20c", nil)
			if res.Event.ID != "ev_evt_changed_1" || res.Event.Content.Customer.CustomFields["cf_region"] != "us-central" {
				t.Fatalf("event: %+v", res.Event)
			}
		})
	}
}

func TestRetrieveErrors(t *testing.T) {
	t.Parallel()
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, []testutil.Reply{{Status: 404, Body: `{"message":"Sorry, we couldn't find that resource","api_error_code":"resource_not_found","type":"invalid_request","error_code":"resource_not_found","http_status_code":404}`}})
		_, err := event.NewService(m.CB).Retrieve(context.Background(), "ev_missing")
		if !errors.Is(err, chargebee.ErrNotFound) {
			t.Fatalf("error %v, want chargebee.ErrNotFound", err)
		}
	})
	t.Run("no event key", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(`{"customer":{"id":"x"}}`))
		_, err := event.NewService(m.CB).Retrieve(context.Background(), "ev_1")
		var de *chargebee.DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("error %T %v, want *chargebee.DecodeError", err, err)
		}
	})
	for _, id := range []string{"", "..", "a\nb"} {
		t.Run("bad id "+id, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{}`))
			_, err := event.NewService(m.CB).Retrieve(context.Background(), id)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != "event_id" {
				t.Fatalf("error %T %v, want a *chargebee.ValidationError for event_id", err, err)
			}
			m.NothingSent()
		})
	}
	t.Run("nil service", func(t *testing.T) {
		t.Parallel()
		var s *event.Service
		var ve *chargebee.ValidationError
		if _, err := s.Retrieve(context.Background(), "ev_1"); !errors.Is(err, chargebee.ErrNilService) || !errors.As(err, &ve) {
			t.Fatalf("nil service: %v, want a ValidationError matching ErrNilService", err)
		}
		if _, err := event.NewService(nil).ListPage(context.Background(), nil); !errors.Is(err, chargebee.ErrNilService) {
			t.Fatalf("service without client: %v, want ErrNilService", err)
		}
		if _, err := event.NewService(&chargebee.Client{}).ListPage(context.Background(), event.NewListRequest().SetEventTypeV1(event.CardAdded)); !errors.Is(err, chargebee.ErrNilClient) {
			t.Fatalf("zero client: %v, want ErrNilClient", err)
		}
	})
}

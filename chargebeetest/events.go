package chargebeetest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Event types the fake records (the customer-domain events of API v2).
const (
	eventCustomerCreated      = "customer_created"
	eventCustomerChanged      = "customer_changed"
	eventCustomerDeleted      = "customer_deleted"
	eventCustomerMovedIn      = "customer_moved_in"
	eventCustomerMovedOut     = "customer_moved_out"
	eventEntitlementsUpdated  = "customer_entitlements_updated"
	eventHierarchyCreated     = "hierarchy_created"
	eventHierarchyDeleted     = "hierarchy_deleted"
	eventPromoCreditsAdded    = "promotional_credits_added"
	eventPromoCreditsDeducted = "promotional_credits_deducted"
	eventCardAdded            = "card_added"
	eventCardUpdated          = "card_updated"
)

// v1EventTypes are the event types API v1 knows; the others are listed,
// retrieved and delivered in the v2 shape only.
var v1EventTypes = map[string]bool{
	eventCustomerCreated: true, eventCustomerChanged: true, eventCustomerDeleted: true,
	eventCardAdded: true, eventCardUpdated: true,
}

// Webhook statuses of an event (its deprecated webhook_status key and the
// webhook_status of each entry of webhooks).
const (
	whNotConfigured = "not_configured"
	whScheduled     = "scheduled"
	whSucceeded     = "succeeded"
	whReScheduled   = "re_scheduled"
	whFailed        = "failed"
	whSkipped       = "skipped"
	whNotApplicable = "not_applicable"
)

// eventRec is one recorded event. The content is rendered when the event
// is recorded, so later changes to the customer do not alter it.
type eventRec struct {
	seq        int64
	id         string
	typ        string
	source     string
	originUser string
	occurredAt int64
	v2, v1     json.RawMessage // content in each API version's shape; v1 nil when the type has no v1 form

	webhookStatus string // the deprecated summary key
	webhookID     string // set once the first call to the webhook completed
	impacted      []string
}

// eventStore holds the recorded events of a state, oldest first.
type eventStore struct {
	list []*eventRec
	byID map[string]*eventRec
}

// eventSide is the part of a Server that outlives Reset: the event id
// counter and webhook delivery.
type eventSide struct {
	seq int64 // last event number handed out; guarded by Server.mu
	wh  deliverer
}

// eventDoc renders the event document in version v ("v1" or "v2"), or nil
// when the event has no form in v.
func (ev *eventRec) doc(v string, withWebhooks bool) map[string]any {
	content := ev.v2
	if v == "v1" {
		if content = ev.v1; content == nil {
			return nil
		}
	}
	m := map[string]any{
		"id": ev.id, "occurred_at": ev.occurredAt, "source": ev.source, "object": "event",
		"api_version": v, "event_type": ev.typ, "webhook_status": ev.webhookStatus, "content": content,
	}
	if ev.originUser != "" {
		m["origin_user"] = ev.originUser
	}
	if withWebhooks && ev.webhookID != "" {
		m["webhooks"] = []any{map[string]any{"id": ev.webhookID, "webhook_status": ev.webhookStatus, "object": "webhook"}}
	}
	return m
}

// emitted is an event a call wants recorded once it succeeds.
type emitted struct {
	typ      string
	v2, v1   map[string]any
	impacted []string
}

// record stores an event and schedules its webhook delivery. It runs
// under s.mu. source is "api" for API calls; r (nil outside a request)
// gives the origin user and the event-control headers.
func (s *Server) record(st *state, now int64, source string, r *http.Request, e emitted) *eventRec {
	s.ev.seq++
	ev := &eventRec{
		seq: s.ev.seq, id: "ev_" + strconv.FormatInt(s.ev.seq, 10), typ: e.typ, source: source,
		occurredAt: now, impacted: e.impacted,
	}
	ev.v2, _ = json.Marshal(e.v2)
	if e.v1 != nil && v1EventTypes[e.typ] {
		ev.v1, _ = json.Marshal(e.v1)
	}
	webhooksOff := false
	if r != nil {
		ev.originUser = originUser(r.Header)
		webhooksOff = strings.EqualFold(r.Header.Get("chargebee-event-actions"), "all-disabled") ||
			strings.EqualFold(r.Header.Get("chargebee-event-webhook"), "all-disabled")
	}
	if st.events.byID == nil {
		st.events.byID = map[string]*eventRec{}
	}
	st.events.list = append(st.events.list, ev)
	st.events.byID[ev.id] = ev
	ev.webhookStatus = s.ev.wh.schedule(ev, webhooksOff)
	return ev
}

// originUser reads the e-mail the call was made for, plain or Base64.
func originUser(h http.Header) string {
	if v := h.Get("chargebee-request-origin-user"); v != "" {
		return v
	}
	if v := h.Get("chargebee-request-origin-user-encoded"); v != "" {
		if b, err := base64.StdEncoding.DecodeString(v); err == nil && utf8.Valid(b) {
			return string(b)
		}
	}
	return ""
}

// customerEvent is an event whose content is the customer and, when its
// primary payment source is a card, the card.
func (s *Server) customerEvent(typ string, cu *customerRec) emitted {
	e := emitted{typ: typ, v2: map[string]any{"customer": s.customerJSON(cu)}, v1: map[string]any{"customer": s.customerV1JSON(cu)}}
	if ps := cu.source(cu.primary); ps != nil && ps.typ == "card" {
		e.v2["card"] = cardJSON(cu, ps)
		e.v1["card"] = cardJSON(cu, ps)
	}
	return e
}

// eventsBefore is what a call's events need to know about the state before
// the call changes it.
type eventsBefore struct {
	cu      *customerRec
	hadCard bool
	card    map[string]any // the card of the path customer
	parent  string
	credits int
}

// withEvents wraps the handler of a call so that the events Chargebee
// would record for it are recorded when it succeeds (and only then: a
// refused call changes nothing and records nothing).
func withEvents(r *http.Request, h handler) handler {
	return func(c *call) (any, *APIError) {
		var pre eventsBefore
		if len(c.ids) > 0 {
			if cu := c.st.customers[c.ids[0]]; c.visible(cu) {
				pre.cu, pre.parent = cu, cu.parent
				if ps := cu.source(cu.primary); ps != nil && ps.typ == "card" {
					pre.hadCard, pre.card = true, cardJSON(cu, ps)
				}
			}
		}
		pre.credits = len(c.st.credits)
		out, e := h(c)
		if e == nil {
			for _, ev := range c.events(out, pre) {
				c.s.record(c.st, c.now, "api", r, ev)
			}
		}
		return out, e
	}
}

// eventsOf says which events a successful call of an action records; the
// v1 variants of the customer actions share the v2 entry.
type eventsOf func(c *call, out any, pre eventsBefore) []emitted

var recorders = map[string]eventsOf{
	"customer.create":                createdEvents,
	"customer.move":                  movedInEvents,
	"customer.update_payment_method": paymentMethodEvents,
	"customer.delete":                deletedEvents,
	"customer.merge":                 mergeEvents,
	"customer.relationships":         linkEvents,
	"customer.delete_relationship":   unlinkEvents,
}

func init() {
	for _, a := range []string{"update", "update_billing_info", "change_billing_date", "add_contact", "update_contact",
		"delete_contact", "assign_payment_role", "clear_personal_data", "update_hierarchy_settings"} {
		recorders["customer."+a] = changedEvents
	}
	for _, a := range []string{"customer.add_promotional_credits", "customer.deduct_promotional_credits", "customer.set_promotional_credits",
		"promotional_credit.add", "promotional_credit.deduct", "promotional_credit.set",
		"customer.add_account_credits", "customer.deduct_account_credits", "customer.set_account_credits"} {
		recorders[a] = creditEvents
	}
}

// events returns the events a successful call records, in order.
func (c *call) events(out any, pre eventsBefore) []emitted {
	action := c.a.ID
	if rest, ok := strings.CutPrefix(action, "customer_v1."); ok {
		action = "customer." + rest
	}
	if f := recorders[action]; f != nil {
		return f(c, out, pre)
	}
	return nil
}

func createdEvents(c *call, out any, _ eventsBefore) []emitted {
	m, _ := out.(map[string]any)
	cm, _ := m["customer"].(map[string]any)
	id, _ := cm["id"].(string)
	cu := c.st.customers[id]
	if cu == nil {
		return nil
	}
	evs := []emitted{c.s.customerEvent(eventCustomerCreated, cu)}
	if ps := cu.source(cu.primary); ps != nil && ps.typ == "card" {
		evs = append(evs, c.s.customerEvent(eventCardAdded, cu))
	}
	return evs
}

func movedInEvents(c *call, _ any, _ eventsBefore) []emitted {
	if cu := c.st.customers[c.p.get("id_at_from_site")]; cu != nil {
		return []emitted{c.s.customerEvent(eventCustomerMovedIn, cu)}
	}
	return nil
}

func changedEvents(c *call, _ any, pre eventsBefore) []emitted {
	if pre.cu == nil {
		return nil
	}
	return []emitted{c.s.customerEvent(eventCustomerChanged, pre.cu)}
}

// paymentMethodEvents: customer_changed, and card_added or card_updated
// (a card replaced a card) when the new method is a card.
func paymentMethodEvents(c *call, _ any, pre eventsBefore) []emitted {
	if pre.cu == nil {
		return nil
	}
	evs := []emitted{c.s.customerEvent(eventCustomerChanged, pre.cu)}
	if ps := pre.cu.source(pre.cu.primary); ps != nil && ps.typ == "card" {
		typ := eventCardAdded
		if pre.hadCard {
			typ = eventCardUpdated
		}
		evs = append(evs, c.s.customerEvent(typ, pre.cu))
	}
	return evs
}

// deletedEvents: customer_deleted with the card the customer had.
func deletedEvents(c *call, _ any, pre eventsBefore) []emitted {
	if pre.cu == nil {
		return nil
	}
	e := c.s.customerEvent(eventCustomerDeleted, pre.cu)
	if pre.card != nil {
		e.v2["card"], e.v1["card"] = pre.card, pre.card
	}
	return []emitted{e}
}

// mergeEvents: the source is deleted, the target changed.
func mergeEvents(c *call, _ any, _ eventsBefore) []emitted {
	var evs []emitted
	if from := c.st.customers[c.p.get("from_customer_id")]; from != nil {
		evs = append(evs, c.s.customerEvent(eventCustomerDeleted, from))
	}
	if to := c.st.customers[c.p.get("to_customer_id")]; to != nil {
		evs = append(evs, c.s.customerEvent(eventCustomerChanged, to))
	}
	return evs
}

// linkEvents: hierarchy_created, or customer_changed when the call only
// changed the owners of an existing link.
func linkEvents(c *call, _ any, pre eventsBefore) []emitted {
	if pre.cu == nil {
		return nil
	}
	if pre.parent == pre.cu.parent {
		return []emitted{c.s.customerEvent(eventCustomerChanged, pre.cu)}
	}
	return []emitted{hierarchyEvent(c.s, eventHierarchyCreated, pre.cu)}
}

func unlinkEvents(c *call, _ any, pre eventsBefore) []emitted {
	if pre.cu == nil {
		return nil
	}
	return []emitted{hierarchyEvent(c.s, eventHierarchyDeleted, pre.cu)}
}

// creditEvents: one event per credit entry the call recorded that changed
// a balance.
func creditEvents(c *call, _ any, pre eventsBefore) []emitted {
	var evs []emitted
	for _, cr := range c.st.credits[min(pre.credits, len(c.st.credits)):] {
		cu := c.st.customers[cr.customerID]
		if cu == nil || cr.amount == 0 {
			continue
		}
		typ := eventPromoCreditsAdded
		if cr.typ == "decrement" {
			typ = eventPromoCreditsDeducted
		}
		evs = append(evs, emitted{typ: typ, v2: map[string]any{"customer": c.s.customerJSON(cu), "promotional_credit": cr.json()}})
	}
	return evs
}

func hierarchyEvent(s *Server, typ string, cu *customerRec) emitted {
	return emitted{typ: typ, v2: map[string]any{"customer": s.customerJSON(cu)}}
}

// recordEntitlementsChanged records customer_entitlements_updated for a
// customer whose entitlements SetEntitlements changed. It runs under s.mu.
func (s *Server) recordEntitlementsChanged(st *state, customerID string) {
	now := s.clock().Unix()
	next := s.ev.seq + 1
	base := "http://127.0.0.1"
	if s.srv != nil {
		base = s.srv.URL
	}
	url := base + downloadPrefix + "ev_" + strconv.FormatInt(next, 10) + "/impacted_customers.csv"
	s.record(st, now, "system", nil, emitted{
		typ: eventEntitlementsUpdated,
		v2: map[string]any{"impacted_customer": map[string]any{
			"action_type": "entitlements_updated",
			"download": map[string]any{
				"download_url": url, "valid_till": now + downloadValidity,
				"mime_type": "text/csv", "object": "download",
			},
			"object": "impacted_customer",
		}},
		impacted: []string{customerID},
	})
}

// MoveOut records that a customer of this site was copied to another site
// (Chargebee's customer move, seen from the site it leaves): the fake marks
// the customer deleted and records customer_moved_out. It returns false
// when the fake has no such customer.
func (s *Server) MoveOut(customerID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cu := s.st.customers[customerID]
	if cu == nil || cu.deleted {
		return false
	}
	now := s.clock().Unix()
	s.st.unlinkAll(cu)
	cu.deleted = true
	cu.touch(now)
	s.record(s.st, now, "api", nil, s.customerEvent(eventCustomerMovedOut, cu))
	return true
}

// unlinkAll detaches c from its parent and its children from c.
func (st *state) unlinkAll(c *customerRec) {
	for _, id := range append([]string(nil), c.children...) {
		if ch := st.customers[id]; ch != nil {
			st.unlink(ch)
		}
	}
	st.unlink(c)
}

// downloadPrefix is the path under which the fake serves the files of
// impacted_customer downloads; downloadValidity is how long (seconds) a
// download_url is announced as valid.
const (
	downloadPrefix   = "/downloads/"
	downloadValidity = 3600
)

// serveDownload answers GET /downloads/{event id}/impacted_customers.csv
// with the ids of the customers the event is about, one a line after a
// customer_id header, as the file behind an impacted_customer's
// download_url. It reports whether the path was a download path.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, downloadPrefix)
	if !ok {
		return false
	}
	id, file, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	ev := s.st.events.byID[id]
	var ids []string
	if ev != nil {
		ids = append(ids, ev.impacted...)
	}
	s.mu.Unlock()
	if r.Method != http.MethodGet || ev == nil || ev.typ != eventEntitlementsUpdated || file != "impacted_customers.csv" {
		http.NotFound(w, r)
		return true
	}
	w.Header().Set("Content-Type", "text/csv")
	var b strings.Builder
	b.WriteString("customer_id\n")
	for _, id := range ids {
		b.WriteString(id)
		b.WriteByte('\n')
	}
	_, _ = w.Write([]byte(b.String()))
	return true
}

// eventHandlers serve the events API.
var eventHandlers = map[string]handler{
	"event.list":        listEvents,
	"event.retrieve":    retrieveEvent,
	"event_v1.list":     listEvents,
	"event_v1.retrieve": retrieveEvent,
}

// retrieveEvent serves GET /events/{event-id}.
func retrieveEvent(c *call) (any, *APIError) {
	id := c.ids[0]
	ev := c.st.events.byID[id]
	var doc map[string]any
	if ev != nil {
		doc = ev.doc(c.a.Version, true)
	}
	if doc == nil {
		return nil, notFound("event_id", "event "+strconv.Quote(id))
	}
	return map[string]any{"event": doc}, nil
}

// listEvents serves GET /events: newest first unless sort_by[asc] asks
// otherwise, start_time (inclusive) and end_time (exclusive), the v2
// bracketed filters or the v1 plain webhook_status and event_type, and
// paging with next_offset cursors that stay valid while events are added.
func listEvents(c *call) (any, *APIError) {
	v := c.a.Version
	asc := c.p.filter["sort_by[asc]"] != ""
	start, hasStart := c.p.int("start_time")
	end, hasEnd := c.p.int("end_time")
	var rows []*eventRec
	for _, ev := range c.st.events.list {
		if v == "v1" && ev.v1 == nil {
			continue
		}
		if (hasStart && ev.occurredAt < start) || (hasEnd && ev.occurredAt >= end) {
			continue
		}
		if v == "v1" {
			if w := c.p.get("webhook_status"); w != "" && ev.webhookStatus != w {
				continue
			}
			if t := c.p.get("event_type"); t != "" && ev.typ != t {
				continue
			}
		}
		if hasFilters(c.p.filter) {
			m := map[string]any{"id": ev.id, "webhook_status": ev.webhookStatus, "event_type": ev.typ, "source": ev.source, "occurred_at": ev.occurredAt}
			if !matchFilters(m, c.p.filter) {
				continue
			}
		}
		rows = append(rows, ev)
	}
	before := func(a, b *eventRec) bool { // a comes first
		if a.occurredAt != b.occurredAt {
			return (a.occurredAt < b.occurredAt) == asc
		}
		return a.seq != b.seq && (a.seq < b.seq) == asc
	}
	sort.Slice(rows, func(i, j int) bool { return before(rows[i], rows[j]) })
	if off := c.p.get("offset"); off != "" {
		cur, ok := parseEventCursor(off)
		if !ok {
			return nil, paramError("offset", "is not an offset this list handed out")
		}
		i := sort.Search(len(rows), func(i int) bool { return before(cur, rows[i]) })
		rows = rows[i:]
	}
	limit := 10
	if l, ok := c.p.int("limit"); ok {
		limit = int(l)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = eventCursor(last)
	}
	list := make([]any, 0, len(rows))
	for _, ev := range rows {
		list = append(list, map[string]any{"event": ev.doc(v, true)})
	}
	return listAnswer(list, next), nil
}

// eventCursor is the next_offset after ev: its occurred_at and sequence,
// shaped like Chargebee's offsets (a JSON array of two strings).
func eventCursor(ev *eventRec) string {
	b, _ := json.Marshal([]string{strconv.FormatInt(ev.occurredAt, 10), strconv.FormatInt(ev.seq, 10)})
	return string(b)
}

func parseEventCursor(s string) (*eventRec, bool) {
	var parts []string
	if err := json.Unmarshal([]byte(s), &parts); err != nil || len(parts) != 2 {
		return nil, false
	}
	at, err1 := strictInt(parts[0])
	seq, err2 := strictInt(parts[1])
	if err1 != nil || err2 != nil || seq <= 0 {
		return nil, false
	}
	return &eventRec{occurredAt: at, seq: seq}, true
}

// Events returns the events the fake recorded, oldest first, each the JSON
// document the events API answers in API v2 (the body of a webhook call),
// for assertions.
func (s *Server) Events() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, 0, len(s.st.events.list))
	for _, ev := range s.st.events.list {
		b, _ := marshal(ev.doc("v2", true))
		out = append(out, b)
	}
	return out
}

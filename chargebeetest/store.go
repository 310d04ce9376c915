package chargebeetest

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// state is everything the fake remembers. It is guarded by Server.mu.
type state struct {
	seq       int64 // insertion order of customers and credits
	counters  map[string]int
	customers map[string]*customerRec
	credits   []*creditRec
	creditIDs map[string]*creditRec
	ents      map[string][]Entitlement
	idem      map[string]idemEntry
	events    eventStore
}

type idemEntry struct {
	fingerprint string
	resp        *response
}

func newState() *state {
	return &state{
		counters:  map[string]int{},
		customers: map[string]*customerRec{},
		creditIDs: map[string]*creditRec{},
		ents:      map[string][]Entitlement{},
		idem:      map[string]idemEntry{},
	}
}

// newID returns the next unused id with the prefix ("cust_1", "pc_2", …).
func (st *state) newID(prefix string, taken func(string) bool) string {
	for {
		st.counters[prefix]++
		id := prefix + strconv.Itoa(st.counters[prefix])
		if taken == nil || !taken(id) {
			return id
		}
	}
}

// customerRec is one customer. attrs holds the plain attributes as they
// are rendered (strings, int64, bool, decoded JSON, nested maps, cf_*);
// the rest is kept apart and rendered by customerJSON.
type customerRec struct {
	seq      int64
	id       string
	entity   string
	attrs    map[string]any
	contacts []map[string]any
	sources  []*paymentSource
	primary  string
	backup   string
	balances map[string]*balance

	parent       string
	children     []string
	paymentOwner string
	invoiceOwner string
	useDefault   *bool
	parentAccess map[string]any
	childAccess  map[string]any

	createdAt, updatedAt, version int64
	deleted                       bool
}

type balance struct {
	promo, excess, refundable, unbilled int64
}

type paymentSource struct {
	id, typ, gateway, gatewayAccountID, referenceID string
	card                                            map[string]any // card details for type card
	createdAt, updatedAt, version                   int64
}

// touch records a change at now.
func (c *customerRec) touch(now int64) {
	c.updatedAt = now
	c.version = max(c.version+1, now*1000)
}

func (c *customerRec) currency(site string) string {
	if s, _ := c.attrs["preferred_currency_code"].(string); s != "" {
		return s
	}
	return site
}

func (c *customerRec) bal(currency string) *balance {
	if c.balances == nil {
		c.balances = map[string]*balance{}
	}
	b := c.balances[currency]
	if b == nil {
		b = &balance{}
		c.balances[currency] = b
	}
	return b
}

func (c *customerRec) source(id string) *paymentSource {
	for _, ps := range c.sources {
		if ps.id == id {
			return ps
		}
	}
	return nil
}

func (c *customerRec) contact(id string) (int, map[string]any) {
	for i, ct := range c.contacts {
		if ct["id"] == id {
			return i, ct
		}
	}
	return -1, nil
}

// customerJSON renders the v2 customer object.
func (s *Server) customerJSON(c *customerRec) map[string]any {
	m := make(map[string]any, len(c.attrs)+20)
	for k, v := range c.attrs {
		m[k] = v
	}
	m["id"] = c.id
	m["object"] = "customer"
	m["created_at"] = c.createdAt
	m["updated_at"] = c.updatedAt
	m["resource_version"] = c.version
	m["deleted"] = c.deleted
	if c.entity != "" {
		m["business_entity_id"] = c.entity
	}
	if len(c.contacts) > 0 {
		list := make([]any, len(c.contacts))
		for i, ct := range c.contacts {
			list[i] = copyMap(ct)
		}
		m["contacts"] = list
	}
	m["card_status"] = "no_card"
	if ps := c.source(c.primary); ps != nil {
		pm := map[string]any{"type": ps.typ, "gateway": ps.gateway, "reference_id": ps.referenceID, "status": "valid", "object": "payment_method"}
		if ps.gatewayAccountID != "" {
			pm["gateway_account_id"] = ps.gatewayAccountID
		}
		m["payment_method"] = pm
		m["primary_payment_source_id"] = ps.id
		if ps.typ == "card" {
			m["card_status"] = "valid"
		}
	}
	if c.backup != "" {
		m["backup_payment_source_id"] = c.backup
	}
	cur := c.currency(s.currency)
	b := c.balances[cur]
	if b == nil {
		b = &balance{}
	}
	m["promotional_credits"] = b.promo
	m["excess_payments"] = b.excess
	m["refundable_credits"] = b.refundable
	m["unbilled_charges"] = b.unbilled
	if len(c.balances) > 0 {
		codes := make([]string, 0, len(c.balances))
		for code := range c.balances {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		list := make([]any, 0, len(codes))
		for _, code := range codes {
			bb := c.balances[code]
			e := map[string]any{
				"promotional_credits": bb.promo, "excess_payments": bb.excess,
				"refundable_credits": bb.refundable, "unbilled_charges": bb.unbilled,
				"currency_code": code, "balance_currency_code": code, "object": "customer_balance",
			}
			if c.entity != "" {
				e["business_entity_id"] = c.entity
			}
			list = append(list, e)
		}
		m["balances"] = list
	}
	if c.parent != "" {
		m["relationship"] = map[string]any{
			"parent_id": c.parent, "payment_owner_id": c.paymentOwner,
			"invoice_owner_id": c.invoiceOwner, "object": "relationship",
		}
		if c.useDefault != nil {
			m["use_default_hierarchy_settings"] = *c.useDefault
		}
		if c.parentAccess != nil {
			m["parent_account_access"] = copyMap(c.parentAccess)
		}
		if c.childAccess != nil {
			m["child_account_access"] = copyMap(c.childAccess)
		}
	}
	return m
}

// customerV1JSON renders the v1 customer object: the v1 attributes, with
// the promotional credit balance as account_credits.
func (s *Server) customerV1JSON(c *customerRec) map[string]any {
	v2 := s.customerJSON(c)
	m := map[string]any{"object": "customer", "card_status": v2["card_status"]}
	for _, k := range loadSpec().V1CustomerAttributes {
		if v, ok := v2[k]; ok {
			m[k] = v
		}
	}
	m["account_credits"] = v2["promotional_credits"]
	for k, v := range v2 {
		if strings.HasPrefix(k, "cf_") {
			m[k] = v
		}
	}
	if pm, ok := m["payment_method"].(map[string]any); ok {
		delete(pm, "gateway_account_id")
	}
	return m
}

// cardJSON renders a card payment source as the card object returned next
// to a customer.
func cardJSON(c *customerRec, ps *paymentSource) map[string]any {
	m := map[string]any{
		"payment_source_id": ps.id, "status": "valid", "gateway": ps.gateway,
		"funding_type": "not_known", "created_at": ps.createdAt, "updated_at": ps.updatedAt,
		"resource_version": ps.version, "customer_id": c.id, "object": "card",
	}
	if ps.gatewayAccountID != "" {
		m["gateway_account_id"] = ps.gatewayAccountID
	}
	for k, v := range ps.card {
		m[k] = v
	}
	return m
}

// paymentSourceJSON renders the payment_source object.
func paymentSourceJSON(c *customerRec, ps *paymentSource) map[string]any {
	m := map[string]any{
		"id": ps.id, "customer_id": c.id, "type": ps.typ, "reference_id": ps.referenceID,
		"status": "valid", "gateway": ps.gateway, "created_at": ps.createdAt, "updated_at": ps.updatedAt,
		"resource_version": ps.version, "deleted": false, "object": "payment_source",
	}
	if ps.gatewayAccountID != "" {
		m["gateway_account_id"] = ps.gatewayAccountID
	}
	if c.entity != "" {
		m["business_entity_id"] = c.entity
	}
	if ps.card != nil {
		card := map[string]any{"object": "card", "funding_type": "not_known"}
		for _, k := range []string{"first_name", "last_name", "iin", "last4", "expiry_month", "expiry_year", "masked_number", "billing_addr1", "billing_addr2", "billing_city", "billing_state_code", "billing_state", "billing_zip", "billing_country"} {
			if v, ok := ps.card[k]; ok {
				card[k] = v
			}
		}
		if t, ok := ps.card["card_type"]; ok {
			card["brand"] = t
		}
		m["card"] = card
	}
	return m
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// marshal encodes a response body. Maps give sorted keys, so answers are
// deterministic.
func marshal(v any) ([]byte, error) { return json.Marshal(v) }

package chargebeetest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// call is one validated request on its way through a handler.
type call struct {
	s      *Server
	st     *state
	a      *actionSpec
	ids    []string // path ids
	p      *params
	now    int64
	entity string // chargebee-business-entity-id (v2 only)
}

type handler func(c *call) (any, *APIError)

// handlers maps catalog action ids to their implementation.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"customer.create":                    createCustomer,
		"customer.list":                      listCustomers,
		"customer.retrieve":                  retrieveCustomer,
		"customer.update":                    updateCustomer,
		"customer.update_payment_method":     updatePaymentMethod,
		"customer.update_billing_info":       updateBillingInfo,
		"customer.contacts_for_customer":     listContacts,
		"customer.assign_payment_role":       assignPaymentRole,
		"customer.add_contact":               addContact,
		"customer.update_contact":            updateContact,
		"customer.delete_contact":            deleteContact,
		"customer.record_excess_payment":     recordExcessPayment,
		"customer.collect_payment":           collectPayment,
		"customer.delete":                    deleteCustomer,
		"customer.move":                      moveCustomer,
		"customer.change_billing_date":       changeBillingDate,
		"customer.merge":                     mergeCustomers,
		"customer.clear_personal_data":       clearPersonalData,
		"customer.relationships":             linkCustomer,
		"customer.delete_relationship":       unlinkCustomer,
		"customer.hierarchy":                 hierarchy,
		"customer.list_hierarchy_detail":     hierarchyDetail,
		"customer.update_hierarchy_settings": updateHierarchySettings,

		"customer_entitlement.entitlements_for_customer": listEntitlements,

		"customer.add_promotional_credits":    customerCredits("add"),
		"customer.deduct_promotional_credits": customerCredits("deduct"),
		"customer.set_promotional_credits":    customerCredits("set"),
		"promotional_credit.add":              promotionalCredits("add"),
		"promotional_credit.deduct":           promotionalCredits("deduct"),
		"promotional_credit.set":              promotionalCredits("set"),
		"promotional_credit.list":             listPromotionalCredits,
		"promotional_credit.retrieve":         retrievePromotionalCredit,
		"customer_v1.add_account_credits":     accountCredits("add"),
		"customer_v1.deduct_account_credits":  accountCredits("deduct"),
		"customer_v1.set_account_credits":     accountCredits("set"),

		"customer_v1.create":                createCustomer,
		"customer_v1.list":                  listCustomers,
		"customer_v1.retrieve":              retrieveCustomer,
		"customer_v1.update":                updateCustomer,
		"customer_v1.update_payment_method": updatePaymentMethod,
		"customer_v1.update_billing_info":   updateBillingInfo,
		"customer_v1.add_contact":           addContact,
		"customer_v1.update_contact":        updateContact,
		"customer_v1.delete_contact":        deleteContact,
		"customer_v1.delete":                deleteCustomer,
	}
	for id, h := range eventHandlers {
		handlers[id] = h
	}
}

func (c *call) v1() bool { return c.a.Version == "v1" }

// customerJSON renders a customer in the shape of the call's API version.
func (c *call) customerJSON(cu *customerRec) map[string]any {
	if c.v1() {
		return c.s.customerV1JSON(cu)
	}
	return c.s.customerJSON(cu)
}

// withCustomer is the usual {"customer": …, "card": …} answer; card is
// present when the primary payment source is a card.
func (c *call) withCustomer(cu *customerRec) map[string]any {
	out := map[string]any{"customer": c.customerJSON(cu)}
	if ps := cu.source(cu.primary); ps != nil && ps.typ == "card" {
		out["card"] = cardJSON(cu, ps)
	}
	return out
}

// visible reports whether a customer exists in the call's context: not
// deleted and, when the call names a business entity, linked to it.
func (c *call) visible(cu *customerRec) bool {
	return cu != nil && !cu.deleted && (c.entity == "" || cu.entity == c.entity)
}

// customer looks up a customer in the call's context; param names the key
// that carried the id in the 404.
func (c *call) customer(id, param string) (*customerRec, *APIError) {
	cu := c.st.customers[id]
	if !c.visible(cu) {
		return nil, notFound(param, "customer "+strconv.Quote(id))
	}
	return cu, nil
}

// pathCustomer is the customer named by the path.
func (c *call) pathCustomer() (*customerRec, *APIError) {
	return c.customer(c.ids[0], "customer_id")
}

// applyTop copies the top-level parameters and custom fields onto attrs,
// typed; an empty value clears a string, enum or JSON attribute.
func (c *call) applyTop(attrs map[string]any, skip ...string) {
	for k, v := range c.p.top {
		if contains(skip, k) {
			continue
		}
		ps := c.a.byWire[k]
		if v == "" && (ps.Type == "string" || ps.Type == "enum" || ps.Type == "jsonobject" || ps.Type == "jsonarray") {
			delete(attrs, k)
			continue
		}
		attrs[k] = typed(ps, v)
	}
	for k, v := range c.p.custom {
		if v == "" {
			delete(attrs, k)
		} else {
			attrs[k] = v
		}
	}
}

// object builds a nested object from a group of parameters, typed.
func (c *call) object(group, objectName string) map[string]any {
	g := c.p.group(group)
	if g == nil {
		return nil
	}
	m := map[string]any{}
	for leaf, v := range g {
		if v == "" {
			continue
		}
		m[leaf] = typed(c.a.byWire[group+"["+leaf+"]"], v)
	}
	if objectName != "" {
		m["object"] = objectName
	}
	return m
}

func createCustomer(c *call) (any, *APIError) {
	st := c.st
	id := c.p.get("id")
	if id != "" {
		if _, taken := st.customers[id]; taken {
			return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "duplicate_entry", Param: "id", Message: "The value " + id + " is already present."}
		}
	} else {
		id = st.newID("cust_", func(s string) bool { _, ok := st.customers[s]; return ok })
	}
	entity := c.s.entity
	if be := c.p.get("business_entity_id"); be != "" {
		if c.entity != "" && c.entity != be {
			return nil, paramError("business_entity_id", "must match the chargebee-business-entity-id header")
		}
		entity = be
	} else if c.entity != "" {
		entity = c.entity
	}
	st.seq++
	cu := &customerRec{seq: st.seq, id: id, entity: entity, createdAt: c.now,
		attrs: map[string]any{
			"auto_collection": "on", "net_term_days": int64(0), "allow_direct_debit": false,
			"taxability": "taxable", "pii_cleared": "active",
		}}
	if !c.v1() {
		cu.attrs["channel"] = "web"
	}
	cu.touch(c.now)
	c.applyTop(cu.attrs, "id", "token_id", "business_entity_id")
	if ba := c.object("billing_address", "billing_address"); ba != nil {
		cu.attrs["billing_address"] = ba
	}
	if list := c.entityIdentifiers(nil); list != nil {
		cu.attrs["entity_identifiers"] = list
	}
	if list := c.taxProvidersFields(); list != nil {
		cu.attrs["tax_providers_fields"] = list
	}
	if ps, e := c.newPaymentSource(cu); e != nil {
		return nil, e
	} else if ps != nil {
		cu.sources = append(cu.sources, ps)
		cu.primary = ps.id
	}
	st.customers[id] = cu
	return c.withCustomer(cu), nil
}

// newPaymentSource builds the payment source a create or collect_payment
// request describes (card, bank_account, payment_method, payment_intent or
// token_id), or nil when it describes none.
func (c *call) newPaymentSource(cu *customerRec) (*paymentSource, *APIError) {
	ps := &paymentSource{gateway: "chargebee", createdAt: c.now, updatedAt: c.now, version: c.now * 1000}
	switch {
	case c.p.group("card") != nil:
		g := c.p.group("card")
		ps.typ = "card"
		if g["gateway"] != "" {
			ps.gateway = g["gateway"]
		}
		ps.gatewayAccountID = g["gateway_account_id"]
		number := strings.ReplaceAll(g["number"], " ", "")
		switch {
		case number != "":
			if len(number) < 12 || len(number) > 19 || strings.Trim(number, "0123456789") != "" {
				return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "param_wrong_value", Param: "card[number]", Message: "card[number] : invalid card number"}
			}
		case g["tmp_token"] != "":
			number = "4111111111111111"
		default:
			return nil, blank("card[number]")
		}
		card := map[string]any{
			"iin": number[:6], "last4": number[len(number)-4:], "card_type": cardType(number),
			"masked_number": strings.Repeat("*", len(number)-4) + number[len(number)-4:],
			"expiry_month":  int64(12), "expiry_year": int64(time.Unix(c.now, 0).UTC().Year() + 2),
		}
		for _, k := range []string{"first_name", "last_name", "billing_addr1", "billing_addr2", "billing_city", "billing_state_code", "billing_state", "billing_zip", "billing_country", "ip_address"} {
			if v := g[k]; v != "" {
				card[k] = v
			}
		}
		for _, k := range []string{"expiry_month", "expiry_year"} {
			if v := g[k]; v != "" {
				n, _ := strconv.ParseInt(v, 10, 64)
				card[k] = n
			}
		}
		ps.card = card
	case c.p.group("bank_account") != nil:
		g := c.p.group("bank_account")
		ps.typ = "direct_debit"
		ps.gatewayAccountID = g["gateway_account_id"]
	case c.p.group("payment_method") != nil:
		g := c.p.group("payment_method")
		ps.typ = g["type"]
		if ps.typ == "" {
			ps.typ = "card"
		}
		if g["gateway"] != "" {
			ps.gateway = g["gateway"]
		}
		ps.gatewayAccountID = g["gateway_account_id"]
		ps.referenceID = g["reference_id"]
	case c.p.group("payment_intent") != nil:
		g := c.p.group("payment_intent")
		ps.typ = g["payment_method_type"]
		if ps.typ == "" {
			ps.typ = "card"
		}
		ps.gatewayAccountID = g["gateway_account_id"]
		ps.referenceID = g["reference_id"]
	case c.p.get("token_id") != "":
		ps.typ = "card"
		ps.referenceID = c.p.get("token_id")
	default:
		return nil, nil
	}
	if ps.typ == "card" && ps.card == nil {
		// A gateway reference, token or payment intent stands for a card
		// the fake never sees; Chargebee still returns its details.
		ps.card = c.storedCard()
	}
	ps.id = c.st.newID("pm_", nil)
	if ps.referenceID == "" {
		ps.referenceID = "tok_" + ps.id
	}
	return ps, nil
}

// storedCard is the card the fake reports for a card payment source given
// by reference (gateway reference, token or payment intent) rather than by
// number: a Visa test card expiring in two years, with every attribute the
// Card schema requires.
func (c *call) storedCard() map[string]any {
	return map[string]any{"iin": "411111", "last4": "1111", "card_type": "visa", "masked_number": "************1111",
		"expiry_month": int64(12), "expiry_year": int64(time.Unix(c.now, 0).UTC().Year() + 2)}
}

// cardType guesses the brand from the number's prefix.
func cardType(n string) string {
	switch {
	case strings.HasPrefix(n, "4"):
		return "visa"
	case strings.HasPrefix(n, "34"), strings.HasPrefix(n, "37"):
		return "american_express"
	case n[0] == '5' && n[1] >= '1' && n[1] <= '5', strings.HasPrefix(n, "2"):
		return "mastercard"
	case strings.HasPrefix(n, "6011"), strings.HasPrefix(n, "65"):
		return "discover"
	}
	return "other"
}

// entityIdentifiers builds the entity_identifiers list from the request,
// starting from existing (update_billing_info applies the operation of each
// element: create, update or delete, by id).
func (c *call) entityIdentifiers(existing []any) []any {
	els := c.p.array("entity_identifiers")
	if els == nil {
		return existing
	}
	list := append([]any(nil), existing...)
	find := func(id string) int {
		for i, e := range list {
			if m, _ := e.(map[string]any); m != nil && m["id"] == id {
				return i
			}
		}
		return -1
	}
	for _, el := range els {
		op := el["operation"]
		i := -1
		if el["id"] != "" {
			i = find(el["id"])
		}
		if op == "" {
			op = "create"
			if i >= 0 {
				op = "update"
			}
		}
		switch op {
		case "delete":
			if i >= 0 {
				list = append(list[:i], list[i+1:]...)
			}
		case "update":
			if i >= 0 {
				m := copyMap(list[i].(map[string]any))
				for _, k := range []string{"scheme", "value", "standard"} {
					if v, ok := el[k]; ok {
						m[k] = v
					}
				}
				list[i] = m
				continue
			}
			fallthrough
		default:
			m := map[string]any{"object": "entity_identifier"}
			for _, k := range []string{"id", "scheme", "value", "standard"} {
				if v := el[k]; v != "" {
					m[k] = v
				}
			}
			if m["id"] == nil {
				m["id"] = c.st.newID("ei_", nil)
			}
			list = append(list, m)
		}
	}
	return list
}

// taxProvidersFields builds the tax_providers_fields list (it replaces the
// previous one).
func (c *call) taxProvidersFields() []any {
	els := c.p.array("tax_providers_fields")
	if els == nil {
		return nil
	}
	list := make([]any, 0, len(els))
	for _, el := range els {
		m := map[string]any{"object": "tax_providers_field"}
		for k, v := range el {
			m[k] = v
		}
		list = append(list, m)
	}
	return list
}

func retrieveCustomer(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	return c.withCustomer(cu), nil
}

func updateCustomer(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	c.applyTop(cu.attrs)
	if list := c.taxProvidersFields(); list != nil {
		cu.attrs["tax_providers_fields"] = list
	}
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

func updatePaymentMethod(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	ps, e := c.newPaymentSource(cu)
	if e != nil {
		return nil, e
	}
	// The new method replaces the primary payment source.
	if old := cu.primary; old != "" {
		cu.removeSource(old)
	}
	cu.sources = append(cu.sources, ps)
	cu.primary = ps.id
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

func (c *customerRec) removeSource(id string) {
	for i, ps := range c.sources {
		if ps.id == id {
			c.sources = append(c.sources[:i], c.sources[i+1:]...)
			break
		}
	}
	if c.primary == id {
		c.primary = ""
	}
	if c.backup == id {
		c.backup = ""
	}
}

// updateBillingInfo replaces the billing address as a whole when any
// billing_address[...] key is sent: fields not sent are cleared.
func updateBillingInfo(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	c.applyTop(cu.attrs)
	if c.p.group("billing_address") != nil {
		if ba := c.object("billing_address", "billing_address"); len(ba) > 1 {
			cu.attrs["billing_address"] = ba
		} else {
			delete(cu.attrs, "billing_address")
		}
	}
	existing, _ := cu.attrs["entity_identifiers"].([]any)
	if list := c.entityIdentifiers(existing); list != nil {
		if len(list) == 0 {
			delete(cu.attrs, "entity_identifiers")
		} else {
			cu.attrs["entity_identifiers"] = list
		}
	}
	if list := c.taxProvidersFields(); list != nil {
		cu.attrs["tax_providers_fields"] = list
	}
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

func assignPaymentRole(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	id := c.p.get("payment_source_id")
	ps := cu.source(id)
	if ps == nil {
		return nil, notFound("payment_source_id", "payment source "+strconv.Quote(id))
	}
	switch c.p.get("role") {
	case "primary":
		if cu.backup == id {
			cu.backup = ""
		}
		cu.primary = id
	case "backup":
		if cu.primary == id {
			return nil, stateError("role", "the primary payment source cannot also be the backup")
		}
		cu.backup = id
	case "none":
		if cu.primary == id {
			cu.primary = ""
		}
		if cu.backup == id {
			cu.backup = ""
		}
	}
	cu.touch(c.now)
	return map[string]any{"customer": c.customerJSON(cu), "payment_source": paymentSourceJSON(cu, ps)}, nil
}

// recordExcessPayment adds the payment to the customer's excess payments.
func recordExcessPayment(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	g := c.p.group("transaction")
	if g == nil {
		return nil, blank("transaction[amount]")
	}
	amount, _ := strconv.ParseInt(g["amount"], 10, 64)
	date, _ := strconv.ParseInt(g["date"], 10, 64)
	cur := g["currency_code"]
	if cur == "" {
		cur = cu.currency(c.s.currency)
	}
	cu.bal(cur).excess += amount
	cu.touch(c.now)
	txn := c.transaction(cu, amount, cur, g["payment_method"], "")
	txn["date"] = date
	txn["amount_unused"] = amount
	if g["id"] != "" {
		txn["id_at_gateway"] = g["id"]
	}
	if v := g["reference_number"]; v != "" {
		txn["reference_number"] = v
	}
	if v := c.p.get("comment"); v != "" {
		txn["comment"] = v
	}
	return map[string]any{"customer": c.customerJSON(cu), "transaction": txn}, nil
}

func (c *call) transaction(cu *customerRec, amount int64, currency, method, source string) map[string]any {
	t := map[string]any{
		"id": c.st.newID("txn_", nil), "customer_id": cu.id, "type": "payment", "status": "success",
		"amount": amount, "currency_code": currency, "payment_method": method, "gateway": "not_applicable",
		"date": c.now, "exchange_rate": 1.0, "updated_at": c.now, "resource_version": c.now * 1000, "deleted": false, "object": "transaction",
	}
	if source != "" {
		t["payment_source_id"] = source
	}
	if cu.entity != "" {
		t["business_entity_id"] = cu.entity
	}
	return t
}

// collectPayment charges a payment source. With no invoices in the fake,
// the amount collected beyond the invoice allocations is recorded as an
// excess payment.
func collectPayment(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	var allocated int64
	var linked []any
	for _, el := range c.p.array("invoice_allocations") {
		n, _ := strconv.ParseInt(el["allocation_amount"], 10, 64)
		allocated += n
		linked = append(linked, map[string]any{"invoice_id": el["invoice_id"], "applied_amount": n, "applied_at": c.now, "invoice_status": "paid"})
	}
	amount, hasAmount := c.p.int("amount")
	if !hasAmount {
		amount = allocated
	}
	if amount <= 0 {
		return nil, blank("amount")
	}
	var ps *paymentSource
	if id := c.p.get("payment_source_id"); id != "" {
		if ps = cu.source(id); ps == nil {
			return nil, notFound("payment_source_id", "payment source "+strconv.Quote(id))
		}
	} else {
		var err *APIError
		if ps, err = c.newPaymentSource(cu); err != nil {
			return nil, err
		}
		if ps != nil && (c.p.bool("retain_payment_source", false) || c.p.bool("replace_primary_payment_source", false)) {
			cu.sources = append(cu.sources, ps)
			if c.p.bool("replace_primary_payment_source", false) || cu.primary == "" {
				cu.primary = ps.id
			}
		}
		if ps == nil {
			if ps = cu.source(cu.primary); ps == nil {
				return nil, &APIError{Status: http.StatusBadRequest, Type: "payment", APIErrorCode: "payment_method_not_present", Message: "The customer has no payment method to collect from"}
			}
		}
	}
	cur := cu.currency(c.s.currency)
	if amount > allocated {
		cu.bal(cur).excess += amount - allocated
	}
	cu.touch(c.now)
	txn := c.transaction(cu, amount, cur, ps.typ, ps.id)
	txn["gateway"] = ps.gateway
	if ps.gatewayAccountID != "" {
		txn["gateway_account_id"] = ps.gatewayAccountID
	}
	if amount > allocated {
		txn["amount_unused"] = amount - allocated
	}
	if linked != nil {
		txn["linked_invoices"] = linked
	}
	if m, ok := ps.card["masked_number"]; ok {
		txn["masked_card_number"] = m
	}
	return map[string]any{"customer": c.customerJSON(cu), "transaction": txn}, nil
}

// deleteCustomer marks the customer deleted: later calls answer 404 and
// lists show it only with include_deleted=true. A customer with children in
// a hierarchy must be unlinked from them first.
func deleteCustomer(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	if len(cu.children) > 0 {
		return nil, stateError("customer_id", "the customer has child customers; unlink them before deleting it")
	}
	c.st.unlink(cu)
	if c.p.bool("delete_payment_method", true) {
		cu.sources, cu.primary, cu.backup = nil, "", ""
	}
	cu.deleted = true
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

// moveCustomer copies a customer from another site: the fake creates a
// customer with the id it had there and answers with a scheduled
// resource_migration.
func moveCustomer(c *call) (any, *APIError) {
	id := c.p.get("id_at_from_site")
	if _, taken := c.st.customers[id]; taken {
		return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "duplicate_entry", Param: "id_at_from_site", Message: "a customer with id " + id + " already exists on this site"}
	}
	c.st.seq++
	cu := &customerRec{seq: c.st.seq, id: id, entity: c.entity, createdAt: c.now,
		attrs: map[string]any{"auto_collection": "on", "net_term_days": int64(0), "allow_direct_debit": false, "taxability": "taxable", "pii_cleared": "active", "channel": "web"}}
	if cu.entity == "" {
		cu.entity = c.s.entity
	}
	cu.touch(c.now)
	c.st.customers[id] = cu
	return map[string]any{"resource_migration": map[string]any{
		"from_site": c.p.get("from_site"), "entity_type": "customer", "entity_id": id,
		"status": "scheduled", "created_at": c.now, "updated_at": c.now, "object": "resource_migration",
	}}, nil
}

func changeBillingDate(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	c.applyTop(cu.attrs)
	if (c.p.has("billing_date") || c.p.has("billing_month")) && !c.p.has("billing_date_mode") {
		cu.attrs["billing_date_mode"] = "manually_set"
	}
	if c.p.has("billing_day_of_week") && !c.p.has("billing_day_of_week_mode") {
		cu.attrs["billing_day_of_week_mode"] = "manually_set"
	}
	cu.touch(c.now)
	return map[string]any{"customer": c.customerJSON(cu)}, nil
}

// mergeCustomers moves the contacts, payment sources, balances and child
// customers of from_customer_id to to_customer_id and deletes the former.
func mergeCustomers(c *call) (any, *APIError) {
	from, e := c.customer(c.p.get("from_customer_id"), "from_customer_id")
	if e != nil {
		return nil, e
	}
	to, e := c.customer(c.p.get("to_customer_id"), "to_customer_id")
	if e != nil {
		return nil, e
	}
	if from == to {
		return nil, paramError("to_customer_id", "cannot be the same as from_customer_id")
	}
	if from.entity != to.entity {
		return nil, paramError("to_customer_id", "must belong to the same business entity as from_customer_id")
	}
	for _, ct := range from.contacts {
		if i, _ := to.contact(ct["id"].(string)); i < 0 {
			to.contacts = append(to.contacts, ct)
		}
	}
	to.sources = append(to.sources, from.sources...)
	if to.primary == "" {
		to.primary = from.primary
	}
	for cur, b := range from.balances {
		tb := to.bal(cur)
		tb.promo += b.promo
		tb.excess += b.excess
		tb.refundable += b.refundable
		tb.unbilled += b.unbilled
	}
	for _, cr := range c.st.credits {
		if cr.customerID == from.id {
			cr.customerID = to.id
		}
	}
	st := c.st
	// Children of from move under to; to itself leaves from's subtree.
	if to.parent == from.id {
		st.unlink(to)
		if from.parent != "" {
			st.link(to, st.customers[from.parent], to.id, to.id)
		}
	}
	for _, childID := range append([]string(nil), from.children...) {
		child := st.customers[childID]
		po, io := child.paymentOwner, child.invoiceOwner
		if po == from.id {
			po = to.id
		}
		if io == from.id {
			io = to.id
		}
		st.unlink(child)
		if !st.isAncestor(child, to) {
			st.link(child, to, po, io)
		}
	}
	st.unlink(from)
	from.contacts, from.sources, from.primary, from.backup, from.balances = nil, nil, "", "", nil
	from.deleted = true
	from.touch(c.now)
	to.touch(c.now)
	return map[string]any{"customer": c.customerJSON(to)}, nil
}

// clearPersonalData removes names, e-mail, phone, company, billing address
// and contacts, and marks the customer's PII as cleared.
func clearPersonalData(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	for _, k := range []string{"first_name", "last_name", "email", "phone", "company", "billing_address", "vat_number", "created_from_ip"} {
		delete(cu.attrs, k)
	}
	cu.contacts = nil
	cu.attrs["pii_cleared"] = "cleared"
	cu.touch(c.now)
	return map[string]any{"customer": c.customerJSON(cu)}, nil
}

// listCustomers serves customer.list: filters, include_deleted, sort_by and
// paging. Without sort_by the newest customer comes first.
func listCustomers(c *call) (any, *APIError) {
	all := make([]*customerRec, 0, len(c.st.customers))
	includeDeleted := c.p.bool("include_deleted", false)
	for _, cu := range c.st.customers {
		if cu.deleted && !includeDeleted {
			continue
		}
		if c.entity != "" && cu.entity != c.entity {
			continue
		}
		all = append(all, cu)
	}
	field, asc := "created_at", false
	for k, v := range c.p.filter {
		if k == "sort_by[asc]" || k == "sort_by[desc]" {
			field, asc = v, k == "sort_by[asc]"
		}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		ka, kb := a.createdAt, b.createdAt
		if field == "updated_at" {
			ka, kb = a.updatedAt, b.updatedAt
		}
		if ka != kb {
			return (ka < kb) == asc
		}
		return (a.seq < b.seq) == asc
	})
	// Render only what filters need to look at, and the page.
	recs := all
	if hasFilters(c.p.filter) {
		recs = nil
		for _, cu := range all {
			if matchFilters(c.s.customerJSON(cu), c.p.filter) {
				recs = append(recs, cu)
			}
		}
	}
	start, end, next, e := page(c.p, len(recs))
	if e != nil {
		return nil, e
	}
	list := make([]any, 0, end-start)
	for _, cu := range recs[start:end] {
		entry := map[string]any{"customer": c.customerJSON(cu)}
		if ps := cu.source(cu.primary); ps != nil && ps.typ == "card" {
			entry["card"] = cardJSON(cu, ps)
		}
		list = append(list, entry)
	}
	return listAnswer(list, next), nil
}

// listAnswer is the {"list": […], "next_offset": …} body.
func listAnswer(list []any, next string) map[string]any {
	out := map[string]any{"list": list}
	if next != "" {
		out["next_offset"] = next
	}
	return out
}

// page works out the slice of a list of n items that the request's limit
// and offset select, and the next offset ("" on the last page).
func page(p *params, n int) (start, end int, next string, e *APIError) {
	limit := int64(10)
	if l, ok := p.int("limit"); ok {
		limit = l
	}
	return window(int(limit), p.get("offset"), n)
}

// window is the paging rule of every list the fake serves: offsets are
// the decimal positions it hands out as next_offset.
func window(limit int, offset string, n int) (start, end int, next string, e *APIError) {
	if offset != "" {
		o, err := strictInt(offset)
		if err != nil || o < 0 || o > int64(n) {
			return 0, 0, "", paramError("offset", "is not an offset this list handed out")
		}
		start = int(o)
	}
	end = min(start+limit, n)
	if end < n {
		next = strconv.Itoa(end)
	}
	return start, end, next, nil
}

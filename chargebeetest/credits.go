package chargebeetest

import (
	"sort"
	"strconv"
)

// creditRec is one entry of the promotional credit history.
type creditRec struct {
	seq                                         int64
	id, customerID, typ, currency               string
	amountInDecimal, description, kind, ref, be string
	amount, closing, createdAt                  int64
}

func (cr *creditRec) json() map[string]any {
	m := map[string]any{
		"id": cr.id, "customer_id": cr.customerID, "type": cr.typ, "amount": cr.amount,
		"currency_code": cr.currency, "description": cr.description, "credit_type": cr.kind,
		"closing_balance": cr.closing, "created_at": cr.createdAt, "object": "promotional_credit",
	}
	if cr.amountInDecimal != "" {
		m["amount_in_decimal"] = cr.amountInDecimal
	}
	if cr.ref != "" {
		m["reference"] = cr.ref
	}
	if cr.be != "" {
		m["business_entity_id"] = cr.be
	}
	return m
}

// creditOp applies add, deduct or set to the customer's promotional credit
// balance in currency and records the history entry. amountInDecimal is
// kept as given when the request used it.
func (c *call) creditOp(cu *customerRec, op string, amount int64, amountInDecimal, currency string) (*creditRec, *APIError) {
	if currency == "" {
		currency = cu.currency(c.s.currency)
	}
	b := cu.bal(currency)
	typ := "increment"
	switch op {
	case "add":
		b.promo += amount
	case "deduct":
		if amount > b.promo {
			return nil, paramError("amount", "cannot be more than the promotional credit balance of "+FormatAmount(b.promo, currency))
		}
		b.promo -= amount
		typ = "decrement"
	case "set":
		diff := amount - b.promo
		if diff < 0 {
			typ, diff = "decrement", -diff
		}
		b.promo = amount
		amount = diff
		amountInDecimal = ""
	}
	cu.touch(c.now)
	kind := c.p.get("credit_type")
	if kind == "" {
		kind = "general"
	}
	c.st.seq++
	cr := &creditRec{seq: c.st.seq, id: c.st.newID("pc_", func(s string) bool { return c.st.creditIDs[s] != nil }),
		customerID: cu.id, typ: typ, currency: currency, amountInDecimal: amountInDecimal,
		description: c.p.get("description"), kind: kind, ref: c.p.get("reference"), be: cu.entity,
		amount: amount, closing: b.promo, createdAt: c.now}
	c.st.credits = append(c.st.credits, cr)
	c.st.creditIDs[cr.id] = cr
	return cr, nil
}

// promotionalCredits serves POST /promotional_credits/{add,deduct,set}.
// Exactly one of amount and amount_in_decimal must be given.
func promotionalCredits(op string) handler {
	return func(c *call) (any, *APIError) {
		cu, e := c.customer(c.p.get("customer_id"), "customer_id")
		if e != nil {
			return nil, e
		}
		currency := c.p.get("currency_code")
		if currency == "" {
			currency = cu.currency(c.s.currency)
		}
		amount, hasAmount := c.p.int("amount")
		dec := c.p.get("amount_in_decimal")
		switch {
		case hasAmount && dec != "":
			return nil, paramError("amount_in_decimal", "give either amount or amount_in_decimal, not both")
		case dec != "":
			n, ok := parseAmount(dec, currency)
			if !ok {
				return nil, paramError("amount_in_decimal", "is not a valid amount in "+currency)
			}
			amount = n
		case !hasAmount:
			return nil, blank("amount")
		}
		cr, e := c.creditOp(cu, op, amount, dec, currency)
		if e != nil {
			return nil, e
		}
		return map[string]any{"customer": c.customerJSON(cu), "promotional_credit": cr.json()}, nil
	}
}

// customerCredits serves the deprecated customer-level
// /customers/{id}/{add,deduct,set}_promotional_credits actions.
func customerCredits(op string) handler {
	return func(c *call) (any, *APIError) {
		cu, e := c.pathCustomer()
		if e != nil {
			return nil, e
		}
		amount, _ := c.p.int("amount")
		if _, e := c.creditOp(cu, op, amount, "", c.p.get("currency_code")); e != nil {
			return nil, e
		}
		return map[string]any{"customer": c.customerJSON(cu)}, nil
	}
}

// accountCredits serves the v1 account-credit actions; they share the
// promotional credit balance in the customer's currency.
func accountCredits(op string) handler {
	return func(c *call) (any, *APIError) {
		cu, e := c.pathCustomer()
		if e != nil {
			return nil, e
		}
		amount, _ := c.p.int("amount")
		if _, e := c.creditOp(cu, op, amount, "", ""); e != nil {
			return nil, e
		}
		return map[string]any{"customer": c.customerJSON(cu)}, nil
	}
}

// listPromotionalCredits lists the credit history, newest first, with the
// id, created_at, type and customer_id filters.
func listPromotionalCredits(c *call) (any, *APIError) {
	var rows []map[string]any
	for i := len(c.st.credits) - 1; i >= 0; i-- {
		cr := c.st.credits[i]
		if c.entity != "" && cr.be != c.entity {
			continue
		}
		m := cr.json()
		if matchFilters(m, c.p.filter) {
			rows = append(rows, m)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i]["created_at"].(int64) > rows[j]["created_at"].(int64) })
	start, end, next, e := page(c.p, len(rows))
	if e != nil {
		return nil, e
	}
	list := make([]any, 0, end-start)
	for _, m := range rows[start:end] {
		list = append(list, map[string]any{"promotional_credit": m})
	}
	return listAnswer(list, next), nil
}

func retrievePromotionalCredit(c *call) (any, *APIError) {
	id := c.ids[0]
	cr := c.st.creditIDs[id]
	if cr == nil || (c.entity != "" && cr.be != c.entity) {
		return nil, notFound("account_credit_id", "promotional credit "+strconv.Quote(id))
	}
	return map[string]any{"promotional_credit": cr.json()}, nil
}

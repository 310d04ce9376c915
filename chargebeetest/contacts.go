package chargebeetest

import (
	"net/http"
	"strconv"
)

// MaxContacts is how many contacts a customer may have; add_contact beyond
// it answers 400 resource_limit_exceeded.
const MaxContacts = 6

func listContacts(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	start, end, next, e := page(c.p, len(cu.contacts))
	if e != nil {
		return nil, e
	}
	list := make([]any, 0, end-start)
	for _, ct := range cu.contacts[start:end] {
		list = append(list, map[string]any{"contact": copyMap(ct)})
	}
	return listAnswer(list, next), nil
}

var contactBools = []string{"enabled", "send_billing_email", "send_account_email"}

func addContact(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	if len(cu.contacts) >= MaxContacts {
		return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "resource_limit_exceeded", Param: "contact",
			Message: "a customer can have at most " + strconv.Itoa(MaxContacts) + " contacts"}
	}
	ct := c.object("contact", "contact")
	id, _ := ct["id"].(string)
	if id == "" {
		id = c.st.newID("contact_", func(s string) bool { i, _ := cu.contact(s); return i >= 0 })
		ct["id"] = id
	} else if i, _ := cu.contact(id); i >= 0 {
		return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "duplicate_entry", Param: "contact[id]", Message: "contact[id] : the value " + id + " is already present"}
	}
	for _, k := range contactBools {
		if _, ok := ct[k]; !ok {
			ct[k] = false
		}
	}
	cu.contacts = append(cu.contacts, ct)
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

func updateContact(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	id := c.p.group("contact")["id"]
	i, ct := cu.contact(id)
	if i < 0 {
		return nil, notFound("contact[id]", "contact "+strconv.Quote(id))
	}
	ct = copyMap(ct)
	for leaf, v := range c.p.group("contact") {
		if v == "" && leaf != "email" {
			delete(ct, leaf)
			continue
		}
		if v != "" {
			ct[leaf] = typed(c.a.byWire["contact["+leaf+"]"], v)
		}
	}
	cu.contacts[i] = ct
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

func deleteContact(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	id := c.p.group("contact")["id"]
	i, _ := cu.contact(id)
	if i < 0 {
		return nil, notFound("contact[id]", "contact "+strconv.Quote(id))
	}
	cu.contacts = append(cu.contacts[:i], cu.contacts[i+1:]...)
	cu.touch(c.now)
	return c.withCustomer(cu), nil
}

package chargebeetest

import (
	"fmt"
	"net/http"
)

// link makes child a child of parent with the given owners.
func (st *state) link(child, parent *customerRec, paymentOwner, invoiceOwner string) {
	if child.parent != "" {
		st.unlink(child)
	}
	child.parent = parent.id
	child.paymentOwner, child.invoiceOwner = paymentOwner, invoiceOwner
	parent.children = append(parent.children, child.id)
}

// unlink detaches child from its parent; owners fall back to the child.
func (st *state) unlink(child *customerRec) {
	if child.parent == "" {
		return
	}
	if p := st.customers[child.parent]; p != nil {
		for i, id := range p.children {
			if id == child.id {
				p.children = append(p.children[:i], p.children[i+1:]...)
				break
			}
		}
	}
	child.parent, child.paymentOwner, child.invoiceOwner = "", "", ""
	child.useDefault, child.parentAccess, child.childAccess = nil, nil, nil
}

// Account hierarchy limits.
const (
	// MaxChildren is how many direct children a customer may have.
	MaxChildren = 250
	// MaxHierarchyLevels is how many levels a hierarchy may have, the root
	// included.
	MaxHierarchyLevels = 5
)

// depth is the level of c in its tree: 1 for a root.
func (st *state) depth(c *customerRec) int {
	d := 1
	for n := c; n.parent != "" && d <= len(st.customers); d++ {
		if n = st.customers[n.parent]; n == nil {
			break
		}
	}
	return d
}

// height is the number of levels of the subtree under c, c included.
func (st *state) height(c *customerRec) int {
	h := 0
	for _, id := range c.children {
		if ch := st.customers[id]; ch != nil {
			h = max(h, st.height(ch))
		}
	}
	return h + 1
}

func limitError(param, msg string) *APIError {
	return &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "resource_limit_exceeded", Param: param, Message: msg}
}

// isAncestor reports whether a is c or one of c's ancestors.
func (st *state) isAncestor(a, c *customerRec) bool {
	for seen := 0; c != nil && seen <= len(st.customers); seen++ {
		if c == a {
			return true
		}
		if c.parent == "" {
			return false
		}
		c = st.customers[c.parent]
	}
	return false
}

// linkCustomer serves customer.relationships: the path customer becomes a
// child of parent_id. Linking a customer to itself, to one of its own
// descendants (a cycle) or across business entities is rejected; the
// payment and invoice owners must be the child or the parent and default to
// the child.
func linkCustomer(c *call) (any, *APIError) {
	child, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	parentID := c.p.get("parent_id")
	if parentID == "" {
		parentID = child.parent
	}
	if parentID == "" {
		return nil, blank("parent_id")
	}
	if parentID == child.id {
		return nil, paramError("parent_id", "a customer cannot be its own parent")
	}
	parent, e := c.customer(parentID, "parent_id")
	if e != nil {
		return nil, e
	}
	if parent.entity != child.entity {
		return nil, paramError("parent_id", "the parent must belong to the same business entity as the child")
	}
	if c.st.isAncestor(child, parent) {
		return nil, paramError("parent_id", "linking would create a cycle: "+parentID+" is a descendant of "+child.id)
	}
	if child.parent != parentID && len(parent.children) >= MaxChildren {
		return nil, limitError("parent_id", fmt.Sprintf("a customer can have at most %d direct children", MaxChildren))
	}
	if depth := c.st.depth(parent) + c.st.height(child); depth > MaxHierarchyLevels {
		return nil, limitError("parent_id", fmt.Sprintf("the hierarchy would have %d levels; at most %d are allowed", depth, MaxHierarchyLevels))
	}
	owner := func(key, current string) (string, *APIError) {
		v := c.p.get(key)
		switch {
		case v == "" && current != "" && child.parent == parentID:
			return current, nil
		case v == "":
			return child.id, nil
		case v != child.id && v != parentID:
			return "", paramError(key, "must be the customer itself or its parent")
		}
		return v, nil
	}
	po, e := owner("payment_owner_id", child.paymentOwner)
	if e != nil {
		return nil, e
	}
	io, e := owner("invoice_owner_id", child.invoiceOwner)
	if e != nil {
		return nil, e
	}
	if child.parent != parentID {
		c.st.link(child, parent, po, io)
	} else {
		child.paymentOwner, child.invoiceOwner = po, io
	}
	c.applyAccess(child)
	child.touch(c.now)
	return map[string]any{"customer": c.customerJSON(child)}, nil
}

// applyAccess sets use_default_hierarchy_settings and the access objects.
func (c *call) applyAccess(cu *customerRec) {
	ud := c.p.bool("use_default_hierarchy_settings", true)
	if cu.useDefault == nil || c.p.has("use_default_hierarchy_settings") {
		cu.useDefault = &ud
	}
	for _, g := range []struct {
		name string
		dst  *map[string]any
	}{{"parent_account_access", &cu.parentAccess}, {"child_account_access", &cu.childAccess}} {
		if *g.dst == nil {
			*g.dst = map[string]any{"send_subscription_emails": false, "send_invoice_emails": false, "send_payment_emails": false, "object": g.name}
		}
		for k, v := range c.object(g.name, "") {
			(*g.dst)[k] = v
		}
	}
}

func unlinkCustomer(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	if cu.parent == "" {
		return nil, stateError("customer_id", "the customer is not linked to a parent")
	}
	c.st.unlink(cu)
	cu.touch(c.now)
	return map[string]any{"customer": c.customerJSON(cu)}, nil
}

func updateHierarchySettings(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	if cu.parent == "" {
		return nil, stateError("customer_id", "the customer is not linked to a parent")
	}
	c.applyAccess(cu)
	cu.touch(c.now)
	return map[string]any{"customer": c.customerJSON(cu)}, nil
}

// hierarchyNodes returns the customers a hierarchy_operation_type selects:
//   - complete_hierarchy: the whole tree the customer is in, from the root
//     down (depth first, children in the order they were linked);
//   - subordinates: the customer and all its descendants;
//   - path_to_root: the customer and its ancestors up to the root;
//   - immediate_children: the customer's direct children;
//   - subordinates_with_unbilled_charges_payable_by_parent: the descendants
//     whose payment owner is their parent.
func (c *call) hierarchyNodes(cu *customerRec) []*customerRec {
	st := c.st
	var walk func(n *customerRec, keep func(*customerRec) bool, out *[]*customerRec)
	walk = func(n *customerRec, keep func(*customerRec) bool, out *[]*customerRec) {
		if keep(n) {
			*out = append(*out, n)
		}
		for _, id := range n.children {
			if ch := st.customers[id]; ch != nil {
				walk(ch, keep, out)
			}
		}
	}
	all := func(*customerRec) bool { return true }
	var out []*customerRec
	switch c.p.get("hierarchy_operation_type") {
	case "complete_hierarchy":
		root := cu
		for root.parent != "" && st.customers[root.parent] != nil {
			root = st.customers[root.parent]
		}
		walk(root, all, &out)
	case "subordinates":
		walk(cu, all, &out)
	case "path_to_root":
		for n := cu; n != nil; n = st.customers[n.parent] {
			out = append(out, n)
			if n.parent == "" {
				break
			}
		}
	case "immediate_children":
		for _, id := range cu.children {
			out = append(out, st.customers[id])
		}
	case "subordinates_with_unbilled_charges_payable_by_parent":
		walk(cu, func(n *customerRec) bool { return n != cu && n.paymentOwner == n.parent }, &out)
	}
	return out
}

func hierarchyJSON(n *customerRec) map[string]any {
	m := map[string]any{"customer_id": n.id, "payment_owner_id": n.id, "invoice_owner_id": n.id, "object": "hierarchy", "has_children": len(n.children) > 0}
	if n.parent != "" {
		m["parent_id"] = n.parent
		m["payment_owner_id"] = n.paymentOwner
		m["invoice_owner_id"] = n.invoiceOwner
	}
	if len(n.children) > 0 {
		ids := append([]string(nil), n.children...)
		m["children_ids"] = ids
	}
	return m
}

func hierarchy(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	nodes := c.hierarchyNodes(cu)
	list := make([]any, len(nodes))
	for i, n := range nodes {
		list[i] = hierarchyJSON(n)
	}
	return map[string]any{"hierarchies": list}, nil
}

func hierarchyDetail(c *call) (any, *APIError) {
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	nodes := c.hierarchyNodes(cu)
	start, end, next, e := page(c.p, len(nodes))
	if e != nil {
		return nil, e
	}
	list := make([]any, 0, end-start)
	for _, n := range nodes[start:end] {
		list = append(list, map[string]any{"hierarchy": hierarchyJSON(n)})
	}
	return listAnswer(list, next), nil
}

package chargebeetest

import (
	"net/http"
	"slices"
	"strconv"
)

// Entitlement is one customer_entitlement the fake serves: the entitlement a
// subscription of the customer grants to a feature.
type Entitlement struct {
	// SubscriptionID is the subscription that grants the entitlement.
	SubscriptionID string
	// FeatureID identifies the feature, for example "user-licenses".
	FeatureID string
	// Value is the entitled value, for example "10", "Chat" or "true".
	Value string
	// Name is the display name of the value, for example "10 licences".
	Name string
	// IsEnabled reports whether the entitlement is in force.
	IsEnabled bool
}

// SetEntitlements replaces the entitlements the fake serves for a customer
// on GET /customers/{id}/customer_entitlements, creating the customer (with
// only its id) if the fake has none with that id.
//
// Like Chargebee, the fake pages this list by feature, not by object: limit
// counts features, and a page holds every entitlement of its features. The
// features are ordered by their first appearance in ents, and a page lists
// its entitlements in the order given, so seeding
//
//	s1 user-licenses, s2 xero-integration, s2 user-licenses,
//	s1 support-level, s2 support-level
//
// and asking with limit=2 answers three objects (user-licenses twice,
// xero-integration) and next_offset "2", then the two support-level
// objects with no next_offset, as in Chargebee's documentation. With
// consolidate_entitlements=true each feature gives one object, without a
// subscription_id: enabled if any entitlement is, with the largest numeric
// value, or the last value given when the values are not numbers.
func (s *Server) SetEntitlements(customerID string, ents ...Entitlement) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	if _, ok := st.customers[customerID]; !ok {
		now := s.clock().Unix()
		st.seq++
		cu := &customerRec{seq: st.seq, id: customerID, entity: s.entity, createdAt: now,
			attrs: map[string]any{"auto_collection": "on", "net_term_days": int64(0), "allow_direct_debit": false, "taxability": "taxable", "pii_cleared": "active", "channel": "web"}}
		cu.touch(now)
		st.customers[customerID] = cu
	}
	old := st.ents[customerID]
	st.ents[customerID] = append([]Entitlement(nil), ents...)
	if !slices.Equal(old, ents) {
		s.recordEntitlementsChanged(st, customerID)
	}
}

func listEntitlements(c *call) (any, *APIError) {
	if c.s.noEnts {
		return nil, &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "configuration_incompatible",
			Message: "This API operation is not enabled for this site. Contact Chargebee Support to enable it."}
	}
	cu, e := c.pathCustomer()
	if e != nil {
		return nil, e
	}
	ents := c.st.ents[cu.id]
	var features []string
	byFeature := map[string][]Entitlement{}
	for _, en := range ents {
		if _, ok := byFeature[en.FeatureID]; !ok {
			features = append(features, en.FeatureID)
		}
		byFeature[en.FeatureID] = append(byFeature[en.FeatureID], en)
	}
	start, end, next, e := page(c.p, len(features))
	if e != nil {
		return nil, e
	}
	inPage := map[string]bool{}
	for _, f := range features[start:end] {
		inPage[f] = true
	}
	var list []any
	if c.p.bool("consolidate_entitlements", false) {
		for _, f := range features[start:end] {
			list = append(list, map[string]any{"customer_entitlement": consolidated(cu.id, byFeature[f])})
		}
	} else {
		for _, en := range ents {
			if inPage[en.FeatureID] {
				list = append(list, map[string]any{"customer_entitlement": entitlementJSON(cu.id, en)})
			}
		}
	}
	if list == nil {
		list = []any{}
	}
	return listAnswer(list, next), nil
}

func entitlementJSON(customerID string, en Entitlement) map[string]any {
	m := map[string]any{"customer_id": customerID, "feature_id": en.FeatureID, "is_enabled": en.IsEnabled, "object": "customer_entitlement"}
	if en.SubscriptionID != "" {
		m["subscription_id"] = en.SubscriptionID
	}
	if en.Value != "" {
		m["value"] = en.Value
	}
	if en.Name != "" {
		m["name"] = en.Name
	}
	return m
}

func consolidated(customerID string, ents []Entitlement) map[string]any {
	best := ents[len(ents)-1]
	enabled := false
	numeric := true
	var top int64
	for i, en := range ents {
		enabled = enabled || en.IsEnabled
		n, err := strconv.ParseInt(en.Value, 10, 64)
		if err != nil {
			numeric = false
			continue
		}
		if i == 0 || n > top {
			top, best.Value, best.Name = n, en.Value, en.Name
		}
	}
	if !numeric {
		best = ents[len(ents)-1]
	}
	best.SubscriptionID = ""
	best.IsEnabled = enabled
	return entitlementJSON(customerID, best)
}

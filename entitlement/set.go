package entitlement

import (
	"maps"
	"slices"
)

// Set holds all entitlements of one customer, indexed by feature id, built by
// Service.Load or NewSet. It is read-only, safe for concurrent reads, and a
// nil *Set holds nothing. A feature without entitlement is absent, so a gate
// fails closed. Without consolidation a feature may have one entry per
// subscription (see Entries).
type Set struct {
	customerID string
	all        []CustomerEntitlement
	byFeature  map[string][]int // feature id → indexes into all, in server order
}

// NewSet builds a Set from entitlements read elsewhere (for example through
// Service.List), in the order given. customerID is what CustomerID reports.
func NewSet(customerID string, entries []CustomerEntitlement) *Set {
	s := &Set{customerID: customerID, all: slices.Clone(entries), byFeature: map[string][]int{}}
	for i, e := range s.all {
		if e.FeatureID != "" {
			s.byFeature[e.FeatureID] = append(s.byFeature[e.FeatureID], i)
		}
	}
	return s
}

// or returns s, or an empty Set for a nil s.
func (s *Set) or() *Set {
	if s == nil {
		return &Set{}
	}
	return s
}

// CustomerID returns the id of the customer the Set was loaded for.
func (s *Set) CustomerID() string { return s.or().customerID }

// Enabled reports whether an entitlement to featureID is enabled.
func (s *Set) Enabled(featureID string) bool {
	_, ok := s.Value(featureID)
	return ok
}

// Value returns the level of the first enabled entitlement to featureID, in
// server order, for example "true", "10", "Unlimited" or "Chat"; ok is false
// when there is none. Loaded without Consolidated(), a feature several
// subscriptions grant has an entry for each and Value is one subscription's
// level (3 seats where another grants 10): gate on a Set loaded with
// Consolidated(), which holds one entry per feature for all of them.
func (s *Set) Value(featureID string) (value string, ok bool) {
	s = s.or()
	for _, i := range s.byFeature[featureID] {
		if s.all[i].IsEnabled {
			return s.all[i].Value, true
		}
	}
	return "", false
}

// Entries returns a copy of the entitlements to featureID, enabled or not,
// in server order, or nil.
func (s *Set) Entries(featureID string) []CustomerEntitlement {
	s = s.or()
	var out []CustomerEntitlement
	for _, i := range s.byFeature[featureID] {
		out = append(out, s.all[i])
	}
	return out
}

// Features returns the sorted ids of every feature with an entitlement.
func (s *Set) Features() []string { return slices.Sorted(maps.Keys(s.or().byFeature)) }

// All returns a copy of every entitlement, in server order.
func (s *Set) All() []CustomerEntitlement { return slices.Clone(s.or().all) }

// Len returns the number of entitlements in the Set.
func (s *Set) Len() int { return len(s.or().all) }

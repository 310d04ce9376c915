package entitlement

import (
	"maps"
	"slices"
)

// Set holds all entitlements of one customer, indexed by feature id. Build
// it with Service.Load (or NewSet from entries read elsewhere). A Set is not
// modified after it is built, so it is safe for concurrent reads; its
// methods also accept a nil *Set, which holds nothing.
//
// A feature the customer has no entitlement to is simply absent: Enabled
// reports false and Value reports ok == false, so a gate fails closed.
//
// Without consolidation a feature granted by several subscriptions has one
// entry per subscription (see Entries); Value then returns the first enabled
// one in the order Chargebee listed them. Load with Consolidated() to let
// Chargebee merge them into one value per feature, or combine Entries
// yourself.
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

// Enabled reports whether the customer is entitled to the feature: at least
// one of its entitlements to featureID is enabled. A feature the customer has
// no entitlement to reports false.
func (s *Set) Enabled(featureID string) bool {
	_, ok := s.Value(featureID)
	return ok
}

// Value returns the level of the customer's entitlement to the feature, for
// example "true" (switch), "10" or "Unlimited" (quantity), "Chat" (custom).
// ok is false when no enabled entitlement to featureID exists. When several
// subscriptions grant the feature it is the value of the first enabled entry
// in server order; see Entries for all of them.
func (s *Set) Value(featureID string) (value string, ok bool) {
	s = s.or()
	for _, i := range s.byFeature[featureID] {
		if s.all[i].IsEnabled {
			return s.all[i].Value, true
		}
	}
	return "", false
}

// Entries returns the customer's entitlements to the feature, enabled or
// not, in server order: one per subscription granting it, or one in all
// when consolidated. It returns nil when there are none. The slice is a
// copy; changing it does not change the Set.
func (s *Set) Entries(featureID string) []CustomerEntitlement {
	s = s.or()
	var out []CustomerEntitlement
	for _, i := range s.byFeature[featureID] {
		out = append(out, s.all[i])
	}
	return out
}

// Features returns the ids of all features the customer has entitlements
// to (enabled or not), sorted in ascending byte order so that the result is
// the same however Chargebee paged them. The slice is a copy.
func (s *Set) Features() []string { return slices.Sorted(maps.Keys(s.or().byFeature)) }

// All returns every entitlement in the Set, in server order, including any
// without a feature id. The slice is a copy.
func (s *Set) All() []CustomerEntitlement { return slices.Clone(s.or().all) }

// Len returns the number of entitlements in the Set.
func (s *Set) Len() int { return len(s.or().all) }

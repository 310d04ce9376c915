package api

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
)

// OneOf fails unless exactly one of the parameters named by keys is set;
// set[i] says whether keys[i] is.
func OneOf(keys []string, set ...bool) error {
	first := -1
	for i, ok := range set {
		if !ok {
			continue
		}
		if first >= 0 {
			return Invalid(keys[i], "must not be sent together with "+keys[first]+"; give exactly one")
		}
		first = i
	}
	if first < 0 {
		return Invalid(keys[0], "is required (or "+strings.Join(keys[1:], " or ")+")")
	}
	return nil
}

// patterns holds the compiled expressions Match has seen.
var patterns sync.Map // string → *regexp.Regexp

// Match fails with reason when s is set and does not match pattern.
func Match(param string, s *string, pattern, reason string) error {
	if s == nil {
		return nil
	}
	re, ok := patterns.Load(pattern)
	if !ok {
		re, _ = patterns.LoadOrStore(pattern, regexp.MustCompile(pattern))
	}
	if !re.(*regexp.Regexp).MatchString(*s) {
		return Invalid(param, reason)
	}
	return nil
}

// FilterOps fails when the filter f, sent under key, sets an operator that
// is not among allowed (the operators the catalog lists for the field). f
// is a pointer to one of the chargebee filter types; nil sets none.
func FilterOps(key string, f any, allowed ...string) error {
	for _, op := range setOps(f) {
		if !slices.Contains(allowed, op) {
			return Invalid(key+"["+op+"]", "is not a supported operator of "+key+"; use "+strings.Join(allowed, ", "))
		}
	}
	if s, ok := f.(*chargebee.SortBy); ok && s != nil && s.Asc != "" && s.Desc != "" {
		return Invalid(key, "set either asc or desc, not both")
	}
	return nil
}

// setOps returns the operators f sets.
func setOps(f any) []string {
	var ops []string
	for _, o := range opsOf(f) {
		if o.set {
			ops = append(ops, o.op)
		}
	}
	return ops
}

// opSet is an operator and whether a filter sets it.
type opSet struct {
	op  string
	set bool
}

// opsOf lists the operators of the filter f; none for a nil filter.
func opsOf(f any) []opSet {
	switch f := f.(type) {
	case *chargebee.StringFilter:
		if f != nil {
			return []opSet{{"is", f.Is != ""}, {"is_not", f.IsNot != ""}, {"starts_with", f.StartsWith != ""},
				{"is_present", f.IsPresent != nil}, {"in", f.In != nil}, {"not_in", f.NotIn != nil}}
		}
	case *chargebee.EnumFilter:
		if f != nil {
			return []opSet{{"is", f.Is != ""}, {"is_not", f.IsNot != ""}, {"in", f.In != nil}, {"not_in", f.NotIn != nil}}
		}
	case *chargebee.TimestampFilter:
		if f != nil {
			return []opSet{{"after", f.After != 0}, {"before", f.Before != 0}, {"on", f.On != 0}, {"between", f.Between != [2]chargebee.Timestamp{}}}
		}
	case *chargebee.BoolFilter:
		if f != nil {
			return []opSet{{"is", f.Is != nil}}
		}
	case *chargebee.NumberFilter:
		if f != nil {
			return []opSet{{"is", f.Is != nil}, {"is_not", f.IsNot != nil}, {"lt", f.Lt != nil}, {"lte", f.Lte != nil},
				{"gt", f.Gt != nil}, {"gte", f.Gte != nil}, {"between", f.Between != nil}}
		}
	case *chargebee.SortBy:
		if f != nil {
			return []opSet{{"asc", f.Asc != ""}, {"desc", f.Desc != ""}}
		}
	}
	return nil
}

// SortFields fails when s orders by an attribute other than fields.
func SortFields(key string, s *chargebee.SortBy, fields ...string) error {
	if s == nil {
		return nil
	}
	for _, o := range [][2]string{{"asc", s.Asc}, {"desc", s.Desc}} {
		if o[1] != "" && !slices.Contains(fields, o[1]) {
			return Invalid(key+"["+o[0]+"]", "must be one of "+strings.Join(fields, ", "))
		}
	}
	return nil
}

// MinLen fails when s is set and shorter than n characters.
func MinLen[S ~string](param string, s *S, n int) error {
	if s != nil && utf8.RuneCountInString(string(*s)) < n {
		return Invalid(param, fmt.Sprintf("must be at least %d characters", n))
	}
	return nil
}

package api

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/google/go-querystring/query"

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
// is one of the chargebee filter types; nil sets none. The operators set
// are read from the keys the filter encodes, so that what is checked is
// what is sent.
func FilterOps[F query.Encoder](key string, f *F, allowed ...string) error {
	if f == nil {
		return nil
	}
	v := url.Values{}
	if err := (*f).EncodeValues(key, &v); err != nil {
		if errors.As(err, new(*chargebee.ValidationError)) {
			return err // names the operator at fault
		}
		return Invalid(key, err.Error())
	}
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if op := strings.TrimSuffix(strings.TrimPrefix(k, key+"["), "]"); !slices.Contains(allowed, op) {
			return Invalid(k, "is not a supported operator of "+key+"; use "+strings.Join(allowed, ", "))
		}
	}
	if v.Has(key+"[asc]") && v.Has(key+"[desc]") {
		return Invalid(key, "set either asc or desc, not both")
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

package chargebeetest

import (
	"strconv"
	"strings"
	"time"
)

// matchFilters reports whether the rendered object m passes every list
// filter (field[op]=value, relationship[parent_id][is]=…, cf_x[is]=…).
// sort_by is not a filter and is skipped.
func matchFilters(m map[string]any, filters map[string]string) bool {
	for key, want := range filters {
		if strings.HasPrefix(key, "sort_by[") {
			continue
		}
		path, op := splitFilterKey(key)
		got, present := lookup(m, path)
		if !matchOne(got, present, op, want) {
			return false
		}
	}
	return true
}

// hasFilters reports whether filters holds more than sorting.
func hasFilters(filters map[string]string) bool {
	for k := range filters {
		if !strings.HasPrefix(k, "sort_by[") {
			return true
		}
	}
	return false
}

// splitFilterKey turns "relationship[parent_id][is]" into
// (["relationship", "parent_id"], "is").
func splitFilterKey(key string) ([]string, string) {
	var parts []string
	head, rest, _ := strings.Cut(key, "[")
	parts = append(parts, head)
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, "]")
		rest = strings.TrimPrefix(rest, "[")
		parts = append(parts, part)
	}
	return parts[:len(parts)-1], parts[len(parts)-1]
}

func lookup(m map[string]any, path []string) (any, bool) {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = mm[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func matchOne(got any, present bool, op, want string) bool {
	s := asString(got)
	switch op {
	case "is":
		return present && s == want
	case "is_not":
		return !present || s != want
	case "starts_with":
		return present && strings.HasPrefix(s, want)
	case "is_present":
		return (present && s != "") == (want == "true")
	case "in", "not_in":
		list, _ := jsonStrings(want)
		in := present && contains(list, s)
		return in == (op == "in")
	}
	n, ok := got.(int64)
	if !present || !ok {
		return false
	}
	switch op {
	case "after":
		t, _ := strconv.ParseInt(want, 10, 64)
		return n > t
	case "before":
		t, _ := strconv.ParseInt(want, 10, 64)
		return n < t
	case "on":
		t, _ := strconv.ParseInt(want, 10, 64)
		y1, m1, d1 := time.Unix(n, 0).UTC().Date()
		y2, m2, d2 := time.Unix(t, 0).UTC().Date()
		return y1 == y2 && m1 == m2 && d1 == d2
	case "between":
		a, b, err := timestampPair(want)
		return err == nil && n >= a && n <= b
	}
	return false
}

package chargebeetest_test

import (
	"regexp"
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// catalogPattern is a filter operator's sdk_pattern and value type.
type catalogPattern struct {
	re  *regexp.Regexp
	typ string
}

// catalogPatterns returns, per list action path, each filter key the
// catalog gives an sdk_pattern, with that pattern and the value type.
func catalogPatterns(t *testing.T) map[string]map[string]catalogPattern {
	t.Helper()
	var cat struct {
		Actions []struct {
			Version string `json:"api_version"`
			Method  string `json:"http_method"`
			Path    string `json:"path"`
			Filters []struct {
				Operators []struct {
					Wire    string `json:"wire"`
					Type    string `json:"value_type"`
					Pattern string `json:"sdk_pattern"`
				} `json:"operators"`
			} `json:"filters"`
		} `json:"actions"`
	}
	readCatalog(t, &cat)
	out := map[string]map[string]catalogPattern{}
	for _, a := range cat.Actions {
		for _, f := range a.Filters {
			for _, o := range f.Operators {
				if o.Pattern == "" || a.Method != "GET" || a.Version != "v2" {
					continue
				}
				if out[a.Path] == nil {
					out[a.Path] = map[string]catalogPattern{}
				}
				out[a.Path][o.Wire] = catalogPattern{regexp.MustCompile(o.Pattern), o.Type}
			}
		}
	}
	return out
}

// TestFilterValuesFollowCatalogPatterns sends every list filter the
// catalog gives an sdk_pattern with values the pattern refuses and values
// it takes. A refused value gets the fake's 400 param_wrong_value naming
// the key, as the real API answers; a taken one lists normally.
func TestFilterValuesFollowCatalogPatterns(t *testing.T) {
	t.Parallel()
	s := chargebeetest.NewServer(t)
	samples := map[string]struct{ good, bad []string }{
		"timestamp": {
			good: []string{"1700000000", "9999999999", "0000000001"},
			bad:  []string{"0", "170000000", "17000000000", "-170000000", "+1700000000", " 1700000000", "1700000000.0"},
		},
		"json_array[2] of timestamps": {
			good: []string{"[1700000000,1710000000]"},
			bad: []string{"[0,1710000000]", "[1700000000,17100000000]", "[1700000000, 1710000000]", " [1700000000,1710000000]",
				"[1700000000,1710000000] ", "[-170000000,1710000000]", "[1700000000.0,1710000000]", "[1,2]"},
		},
		"json_array of string": {
			good: []string{`["a"]`, `["a","b"]`, `[]`},
			bad:  []string{` ["a"]`, `["a"] `, "\n[\"a\"]", `"a"`},
		},
	}
	ops := catalogPatterns(t)
	if len(ops["/customers"]) < 10 || len(ops["/promotional_credits"]) < 4 {
		t.Fatalf("catalog patterns not found: %v", ops)
	}
	for path, keys := range ops {
		for key, op := range keys {
			sm, ok := samples[op.typ]
			if !ok {
				t.Fatalf("%s %s: no samples for value type %q", path, key, op.typ)
			}
			for _, v := range sm.good {
				if !op.re.MatchString(v) {
					t.Fatalf("%s: good sample %q fails the catalog pattern %s", key, v, op.re)
				}
				must(t, send(t, s, "GET", path, vals(key, v)), 200)
			}
			for _, v := range sm.bad {
				if op.re.MatchString(v) {
					t.Fatalf("%s: bad sample %q passes the catalog pattern %s", key, v, op.re)
				}
				a := send(t, s, "GET", path, vals(key, v))
				if a.status != 400 || a.str("param") != key || a.str("api_error_code") != "param_wrong_value" || a.str("type") != "invalid_request" {
					t.Errorf("GET %s %s=%q: status %d %s, want a 400 param_wrong_value on %s", path, key, v, a.status, a.raw, key)
				}
			}
		}
	}
}

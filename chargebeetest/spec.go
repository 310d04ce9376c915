package chargebeetest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./internal/specgen -in ../internal/gen/catalog.json -events ../internal/gen/events.json -out wirespec.json

// wirespec.json is the table of every action the fake serves and the wire
// keys each accepts, generated from the API catalog by internal/specgen.
//
//go:embed wirespec.json
var wirespecJSON []byte

type paramSpec struct {
	Wire          string   `json:"wire"`
	Type          string   `json:"type"`
	Format        string   `json:"format"`
	Group         string   `json:"group"`
	Kind          string   `json:"kind"`
	Required      bool     `json:"required"`
	GroupRequired bool     `json:"group_required"`
	Min           *int64   `json:"min"`
	Max           *int64   `json:"max"`
	MinLength     int      `json:"min_length"`
	MaxLength     int      `json:"max_length"`
	Enum          []string `json:"enum"`

	leaf string // the key inside its group ("line1" of billing_address[line1])
}

type filterSpec struct {
	Wire      string   `json:"wire"`
	Type      string   `json:"type"`
	MinLength int      `json:"min_length"`
	Enum      []string `json:"enum"`
}

type actionSpec struct {
	ID           string       `json:"id"`
	Version      string       `json:"version"`
	Method       string       `json:"method"`
	Path         string       `json:"path"`
	CustomFields bool         `json:"custom_fields"`
	Params       []paramSpec  `json:"params"`
	Filters      []filterSpec `json:"filters"`

	segments []string              // path split on "/", "{...}" marks an id
	byWire   map[string]*paramSpec // exact keys and array keys with "[N]"
	filters  map[string]*filterSpec
}

type wireSpec struct {
	V1CustomerAttributes []string      `json:"v1_customer_attributes"`
	Actions              []*actionSpec `json:"actions"`
}

var (
	specOnce sync.Once
	spec     *wireSpec
)

// loadSpec parses the embedded table once.
func loadSpec() *wireSpec {
	specOnce.Do(func() {
		var s wireSpec
		if err := json.Unmarshal(wirespecJSON, &s); err != nil {
			panic("chargebeetest: corrupt wirespec.json: " + err.Error())
		}
		for _, a := range s.Actions {
			a.segments = strings.Split(strings.TrimPrefix(a.Path, "/"), "/")
			a.byWire = make(map[string]*paramSpec, len(a.Params))
			for i := range a.Params {
				p := &a.Params[i]
				p.leaf = leafOf(p)
				a.byWire[p.Wire] = p
			}
			a.filters = make(map[string]*filterSpec, len(a.Filters))
			for i := range a.Filters {
				a.filters[a.Filters[i].Wire] = &a.Filters[i]
			}
		}
		spec = &s
	})
	return spec
}

func leafOf(p *paramSpec) string {
	if p.Group == "" {
		return p.Wire
	}
	rest := strings.TrimPrefix(p.Wire, p.Group+"[")
	leaf, _, _ := strings.Cut(rest, "]")
	return leaf
}

// params are the decoded, validated parameters of one request.
type params struct {
	top    map[string]string                    // top-level keys (no group)
	groups map[string]map[string]string         // object groups: group → leaf → value
	arrays map[string]map[int]map[string]string // array groups: group → index → leaf → value
	custom map[string]string                    // cf_* keys
	filter map[string]string                    // list filter keys (email[is] …)
	spec   *actionSpec
}

func (p *params) has(key string) bool { _, ok := p.top[key]; return ok }

func (p *params) get(key string) string { return p.top[key] }

func (p *params) int(key string) (int64, bool) {
	v, ok := p.top[key]
	if !ok {
		return 0, false
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n, true
}

func (p *params) bool(key string, def bool) bool {
	v, ok := p.top[key]
	if !ok {
		return def
	}
	return v == "true"
}

func (p *params) group(name string) map[string]string { return p.groups[name] }

// array returns the elements of an array group in index order.
func (p *params) array(name string) []map[string]string {
	m := p.arrays[name]
	if len(m) == 0 {
		return nil
	}
	idx := make([]int, 0, len(m))
	for i := range m {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	out := make([]map[string]string, len(idx))
	for i, k := range idx {
		out[i] = m[k]
	}
	return out
}

// typed converts a validated value to its JSON type.
func typed(ps *paramSpec, v string) any {
	switch ps.Type {
	case "integer", "timestamp":
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	case "boolean":
		return v == "true"
	case "jsonobject", "jsonarray":
		var x any
		_ = json.Unmarshal([]byte(v), &x)
		return x
	}
	return v
}

var (
	arrayKeyRE = regexp.MustCompile(`^(.+)\[(0|[1-9][0-9]{0,3})\]$`)
	cfKeyRE    = regexp.MustCompile(`^cf_[A-Za-z0-9_]+$`)
	// The catalog's sdk_pattern for timestamp list filters: Chargebee takes
	// only 10-digit Unix seconds, and a between pair without spaces.
	timestampRE     = regexp.MustCompile(`^\d{10}$`)
	timestampPairRE = regexp.MustCompile(`^\[\d{10},\d{10}\]$`)
)

// maxArrayIndex bounds the index of an array-of-objects key.
const maxArrayIndex = 250

// parseParams checks every key of values against the action's table and
// decodes them. Unknown, repeated or malformed keys and invalid values give
// a 400 naming the key.
func parseParams(a *actionSpec, values url.Values) (*params, *APIError) {
	p := &params{
		top:    map[string]string{},
		groups: map[string]map[string]string{},
		arrays: map[string]map[int]map[string]string{},
		custom: map[string]string{},
		filter: map[string]string{},
		spec:   a,
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vs := values[k]
		if len(vs) != 1 {
			return nil, paramError(k, "is given more than once")
		}
		v := vs[0]
		if !utf8.ValidString(v) {
			return nil, paramError(k, "is not valid UTF-8")
		}
		if ps, ok := a.byWire[k]; ok && ps.Kind != "array_of_objects" {
			if e := checkValue(k, ps, v); e != nil {
				return nil, e
			}
			if ps.Group == "" {
				p.top[k] = v
			} else {
				g := p.groups[ps.Group]
				if g == nil {
					g = map[string]string{}
					p.groups[ps.Group] = g
				}
				g[ps.leaf] = v
			}
			continue
		}
		if m := arrayKeyRE.FindStringSubmatch(k); m != nil {
			if ps, ok := a.byWire[m[1]+"[N]"]; ok {
				i, _ := strconv.Atoi(m[2])
				if i > maxArrayIndex {
					return nil, paramError(k, fmt.Sprintf("index must be at most %d", maxArrayIndex))
				}
				if e := checkValue(k, ps, v); e != nil {
					return nil, e
				}
				g := p.arrays[ps.Group]
				if g == nil {
					g = map[int]map[string]string{}
					p.arrays[ps.Group] = g
				}
				if g[i] == nil {
					g[i] = map[string]string{}
				}
				g[i][ps.leaf] = v
				continue
			}
		}
		if fs, ok := a.filters[k]; ok {
			if e := checkFilter(k, fs, v); e != nil {
				return nil, e
			}
			p.filter[k] = v
			continue
		}
		if a.CustomFields && strings.HasPrefix(k, "cf_") {
			if e := customKey(a, k, v, p); e != nil {
				return nil, e
			}
			continue
		}
		return nil, unknownParam(a, k)
	}
	// The catalog sorts by sort_by[asc] or sort_by[desc], not both.
	if p.filter["sort_by[asc]"] != "" && p.filter["sort_by[desc]"] != "" {
		return nil, paramError("sort_by[desc]", "cannot be given with sort_by[asc]")
	}
	// Required keys: top-level ones always, keys inside a group when the
	// group is sent (or always, for a group the action cannot do without).
	for i := range a.Params {
		ps := &a.Params[i]
		if !ps.Required {
			continue
		}
		switch {
		case ps.Group == "":
			if p.top[ps.Wire] == "" {
				return nil, blank(ps.Wire)
			}
		case ps.Kind == "array_of_objects":
			for idx, el := range p.arrays[ps.Group] {
				if el[ps.leaf] == "" {
					return nil, blank(fmt.Sprintf("%s[%s][%d]", ps.Group, ps.leaf, idx))
				}
			}
		default:
			g, sent := p.groups[ps.Group]
			if (sent || ps.GroupRequired) && g[ps.leaf] == "" {
				return nil, blank(ps.Wire)
			}
		}
	}
	return p, nil
}

// customKey accepts a cf_* key, either a custom field value or, on list
// actions, a filter on one (cf_x[is]=…).
func customKey(a *actionSpec, k, v string, p *params) *APIError {
	if a.Method == "GET" {
		name, op, ok := strings.Cut(k, "[")
		if !ok || !cfKeyRE.MatchString(name) || !strings.HasSuffix(op, "]") {
			return paramError(k, "must be a custom field filter such as cf_name[is]")
		}
		switch strings.TrimSuffix(op, "]") {
		case "is", "is_not", "starts_with":
			if v == "" {
				return paramError(k, "cannot be blank")
			}
		case "is_present":
			if v != "true" && v != "false" {
				return paramError(k, "must be true or false")
			}
		case "in", "not_in":
			if _, err := jsonStrings(v); err != nil {
				return paramError(k, "must be a JSON array of strings")
			}
		default:
			return paramError(k, "unknown filter operator")
		}
		p.filter[k] = v
		return nil
	}
	if !cfKeyRE.MatchString(k) {
		return paramError(k, "is not a valid custom field name")
	}
	p.custom[k] = v
	return nil
}

// checkValue validates v against the type and limits of a parameter.
func checkValue(key string, ps *paramSpec, v string) *APIError {
	switch ps.Type {
	case "string":
		if v == "" {
			return nil // "" clears a field
		}
		n := utf8.RuneCountInString(v)
		if ps.MaxLength > 0 && n > ps.MaxLength {
			return paramError(key, fmt.Sprintf("cannot be more than %d characters", ps.MaxLength))
		}
		if ps.MinLength > 0 && n < ps.MinLength {
			return paramError(key, fmt.Sprintf("cannot be less than %d characters", ps.MinLength))
		}
		if ps.Format == "email" && !looksLikeEmail(v) {
			return paramError(key, "invalid email")
		}
	case "enum":
		if v == "" {
			return nil
		}
		for _, e := range ps.Enum {
			if e == v {
				return nil
			}
		}
		return paramError(key, "invalid value "+strconv.Quote(v)+"; allowed: "+strings.Join(ps.Enum, ", "))
	case "boolean":
		if v != "true" && v != "false" {
			return paramError(key, "must be true or false")
		}
	case "integer", "timestamp":
		n, err := strictInt(v)
		if err != nil {
			return paramError(key, "must be a whole number written in decimal digits")
		}
		if ps.Format == "int32" && (n < -1<<31 || n > 1<<31-1) {
			return paramError(key, "is out of range")
		}
		if ps.Min != nil && n < *ps.Min {
			return paramError(key, fmt.Sprintf("cannot be less than %d", *ps.Min))
		}
		if ps.Max != nil && n > *ps.Max {
			return paramError(key, fmt.Sprintf("cannot be more than %d", *ps.Max))
		}
		if ps.Type == "timestamp" && n <= 0 {
			return paramError(key, "must be a Unix timestamp in seconds")
		}
	case "jsonobject", "jsonarray":
		if v == "" {
			return nil
		}
		if strings.TrimSpace(v) != v {
			return paramError(key, "must be one JSON document without surrounding whitespace")
		}
		var x any
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return paramError(key, "is not valid JSON")
		}
		if _, ok := x.(map[string]any); ps.Type == "jsonobject" && !ok {
			return paramError(key, "must be a JSON object")
		}
		if _, ok := x.([]any); ps.Type == "jsonarray" && !ok {
			return paramError(key, "must be a JSON array")
		}
		if ps.Wire == "meta_data" && utf8.RuneCountInString(v) > 65535 {
			return paramError(key, "cannot be more than 65535 characters")
		}
	}
	return nil
}

// checkFilter validates the value of a list filter key.
func checkFilter(key string, fs *filterSpec, v string) *APIError {
	switch fs.Type {
	case "string":
		if utf8.RuneCountInString(v) < max(fs.MinLength, 1) {
			return paramError(key, "cannot be blank")
		}
	case "enum":
		if !contains(fs.Enum, v) {
			return paramError(key, "invalid value "+strconv.Quote(v)+"; allowed: "+strings.Join(fs.Enum, ", "))
		}
	case "boolean-string":
		if v != "true" && v != "false" {
			return paramError(key, "must be true or false")
		}
	case "timestamp":
		if !timestampRE.MatchString(v) {
			return paramError(key, "must be a Unix timestamp in seconds, 10 digits")
		}
	case "json_array of string", "json_array of enum":
		list, err := jsonStrings(v)
		if err != nil {
			return paramError(key, `must be a JSON array of strings, for example ["a","b"]`)
		}
		if fs.Type == "json_array of enum" {
			for _, s := range list {
				if !contains(fs.Enum, s) {
					return paramError(key, "invalid value "+strconv.Quote(s)+"; allowed: "+strings.Join(fs.Enum, ", "))
				}
			}
		}
	case "json_array[2] of timestamps":
		if !timestampPairRE.MatchString(v) {
			return paramError(key, "must be two Unix timestamps of 10 digits, written [1700000000,1710000000]")
		}
	}
	return nil
}

// strictInt parses a decimal integer: optional minus sign and digits only,
// no exponent, fraction, plus sign or spaces.
func strictInt(s string) (int64, error) {
	if s == "" || s == "-" {
		return 0, strconv.ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !(i == 0 && c == '-') {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// jsonStrings parses a filter's JSON array of strings, with nothing around
// the brackets (the catalog's sdk_pattern for in and not_in is ^\[...\]$).
func jsonStrings(v string) ([]string, error) {
	if !strings.HasPrefix(v, "[") || !strings.HasSuffix(v, "]") {
		return nil, strconv.ErrSyntax
	}
	var list []string
	if err := json.Unmarshal([]byte(v), &list); err != nil {
		return nil, err
	}
	if list == nil {
		return nil, strconv.ErrSyntax
	}
	return list, nil
}

func timestampPair(v string) (int64, int64, error) {
	var pair []json.Number
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&pair); err != nil || len(pair) != 2 || dec.More() {
		return 0, 0, strconv.ErrSyntax
	}
	a, err1 := strictInt(pair[0].String())
	b, err2 := strictInt(pair[1].String())
	if err1 != nil || err2 != nil {
		return 0, 0, strconv.ErrSyntax
	}
	return a, b, nil
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unknownParam explains a key the action does not take, with a hint for
// the usual wire mistakes.
func unknownParam(a *actionSpec, k string) *APIError {
	msg := "is not a parameter of " + a.ID
	if name, rest, ok := strings.Cut(k, "["); ok {
		if _, known := a.byWire[name]; known {
			msg += " (" + name + " takes a single value, not bracketed keys)"
		} else if strings.Count(rest, "[") >= 1 && len(a.Filters) > 0 {
			msg += " (a filter takes one operator: field[op]=value)"
		}
	}
	if strings.HasPrefix(k, "cf_") && !a.CustomFields {
		msg = "custom fields are not accepted by " + a.ID
	}
	return paramError(k, msg)
}

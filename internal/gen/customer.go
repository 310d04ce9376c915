package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/billingkit/chargebee-go/internal/gen/wirekeys"
)

// catalog is the part of catalog.json the generator reads.
type catalog struct {
	Actions []action         `json:"actions"`
	Models  map[string]model `json:"models"`
	// v1 are the API v1 variants of the actions, from package wirekeys.
	v1 []wirekeys.Variant
	// EventTypes are the event types of events.json (see models.go).
	EventTypes []eventType `json:"event_types"`
	// Extra are the models of x_extra_models (see models.go).
	Extra struct {
		Models map[string]model `json:"models"`
	} `json:"x_extra_models"`
	// from maps "model:key" and "action:id" to the file it was read
	// from (see sources.go).
	from   map[string]string
	V1Diff []struct {
		V2Action string   `json:"v2_action"`
		V2Only   []string `json:"v2_only_params"`
	} `json:"v1_v2_param_diff"`
}

type action struct {
	ID         string `json:"id"`
	APIVersion string `json:"api_version"`
	Kind       string `json:"kind"`
	Method     string `json:"http_method"`
	Path       string `json:"path"`
	PathParams []struct {
		Name   string `json:"name"`
		GoName string `json:"go_name"`
	} `json:"path_params"`
	Response   []responseKey `json:"response"`
	Params     []param       `json:"params"`
	Filters    []filter      `json:"filters"`
	XOneOf     [][]string    `json:"x_one_of"`
	XInV1      bool          `json:"x_in_v1"`
	XNotPathID string        `json:"x_not_path_id"`
	Deprecated bool          `json:"deprecated"`
	ReplacedBy string        `json:"replaced_by"`
}

// filter is a list filter of an action: a field and its operators.
type filter struct {
	Field      string `json:"field"`
	WirePrefix string `json:"wire_prefix"`
	FilterType string `json:"filter_type"`
	GoField    string `json:"go_field"`
	Operators  []struct {
		Op   string   `json:"op"`
		Wire string   `json:"wire"`
		Enum []string `json:"enum"`
	} `json:"operators"`
}

type param struct {
	Type          string   `json:"type"`
	Format        string   `json:"format"`
	Unit          string   `json:"unit"`
	Items         string   `json:"items"`
	Wire          string   `json:"wire"`
	Group         string   `json:"group"`
	GroupKind     string   `json:"group_kind"`
	GroupRequired bool     `json:"group_required"`
	Leaf          string   `json:"leaf"`
	GoField       string   `json:"go_field"`
	Required      bool     `json:"required"`
	Deprecated    bool     `json:"deprecated"`
	MaxLength     *int     `json:"max_length"`
	MinLength     *int     `json:"min_length"`
	Min           *int64   `json:"min"`
	Max           *int64   `json:"max"`
	Default       any      `json:"default"`
	Enum          []string `json:"enum"`
	JSONEncoded   bool     `json:"json_encoded"`
	XPattern      string   `json:"x_pattern"`
	XPatternWhy   string   `json:"x_pattern_reason"`

	// flatGroup and flatLeaf keep the group and leaf of a parameter of a
	// flattened group, whose fields sit on the request itself.
	flatGroup, flatLeaf string
}

type model struct {
	Key        string      `json:"key"`
	Attributes []attribute `json:"attributes"`
}

type attribute struct {
	Name    string   `json:"name"`
	GoField string   `json:"go_field"`
	Type    string   `json:"type"`
	Format  string   `json:"format"`
	Unit    string   `json:"unit"`
	Model   string   `json:"model"`
	Enum    []string `json:"enum"`
	Req     bool     `json:"required"`
	Items   string   `json:"items"`
}

type gen struct {
	cat        *catalog
	pkg        *pkgSpec
	actions    map[string]*action
	results    map[string]string   // result type → the response it was written for
	enumValues map[string][]string // enum type → values in first-seen order
	paramTypes map[string]*paramType
	typeOrder  []string
	src        []string // the files the file being written comes from
	decoded    []string // the types decode_gen.go decodes, for its test
}

// paramType is a nested ...Params type, possibly shared by actions.
type paramType struct {
	spec   groupSpec
	group  string
	array  bool
	fields []param
}

func (g *gen) addEnum(key string, values []string) (string, error) {
	name, ok := g.pkg.Enums[key]
	if !ok {
		return "", fmt.Errorf("no enum type configured for %q", key)
	}
	if !g.ownsEnum(name) {
		return name, nil // the type is customer's, or written by hand
	}
	have := g.enumValues[name]
	seen := map[string]bool{}
	for _, v := range have {
		seen[v] = true
	}
	for _, v := range values {
		if !seen[v] {
			have = append(have, v)
			seen[v] = true
		}
	}
	g.enumValues[name] = have
	return name, nil
}

func goName(catalogName string) string {
	if i := strings.LastIndex(catalogName, "."); i >= 0 {
		catalogName = catalogName[i+1:]
	}
	catalogName = strings.TrimPrefix(catalogName, "[]")
	if n, ok := fieldNames[catalogName]; ok {
		return n
	}
	return catalogName
}

// ---- models ----

func (g *gen) models() ([]byte, error) {
	var b bytes.Buffer
	specByKey := map[string]modelSpec{}
	for _, m := range g.pkg.Models {
		specByKey[m.Key] = m
	}
	for _, spec := range g.pkg.Models {
		m, ok := g.cat.Models[spec.Key]
		if !ok {
			return nil, fmt.Errorf("model %q missing from catalog", spec.Key)
		}
		doc := spec.Doc
		if !strings.Contains(doc, "See https://") {
			doc += "\n\nSee " + g.pkg.DocsURL + "."
		}
		writeDoc(&b, "", doc)
		fmt.Fprintf(&b, "type %s struct {\n", spec.Name)
		for _, a := range m.Attributes {
			var typ string
			switch a.Type {
			case "string":
				typ = "string"
			case "boolean":
				typ = "bool"
			case "integer":
				typ = "int64"
				if a.Format == "int32" {
					typ = "int32"
				}
			case "number":
				typ = "float64"
			case "timestamp":
				typ = "chargebee.Timestamp"
			case "json":
				typ = "json.RawMessage"
			case "enum":
				n, err := g.addEnum(spec.Key+"."+a.Name, a.Enum)
				if err != nil {
					return nil, err
				}
				typ = n
			case "jsonobject":
				if a.Name != "meta_data" {
					return nil, fmt.Errorf("model %s.%s: unexpected jsonobject", spec.Key, a.Name)
				}
				typ = "chargebee.Metadata"
			case "jsonarray":
				typ = "json.RawMessage"
			case "object", "array":
				if a.Type == "array" && a.Items == "string" {
					typ = "[]string"
					break
				}
				name := specByKey[a.Model].Name
				if name == "" {
					name = g.pkg.ModelTypes[a.Model]
				}
				switch {
				case name == "":
					return nil, fmt.Errorf("model %s.%s: nested model %q not configured", spec.Key, a.Name, a.Model)
				case a.Type == "array":
					typ = "[]" + name
				case a.Req:
					typ = name // always present: a value, not a pointer
				default:
					typ = "*" + name
				}
			default:
				return nil, fmt.Errorf("model %s.%s: unknown type %q", spec.Key, a.Name, a.Type)
			}
			writeDoc(&b, "\t", attrDoc(goName(a.GoField), spec.Key, a, typ))
			tag := a.Name
			if !a.Req {
				tag += ",omitempty"
			}
			fmt.Fprintf(&b, "\t%s %s `json:%q`\n", goName(a.GoField), typ, tag)
		}
		if spec.Key == "customer" {
			b.WriteString("\t// CustomFields holds the customer's custom fields: every top-level\n\t// cf_* key of the response, with its JSON value (string, number,\n\t// bool, ...). It is nil when the response has none.\n")
			b.WriteString("\tCustomFields map[string]any `json:\"-\"`\n")
		}
		b.WriteString("}\n\n")
	}
	return g.file(b.Bytes()), nil
}

func attrDoc(name, modelKey string, a attribute, typ string) string {
	var parts []string
	switch {
	case a.Unit == "cents":
		parts = append(parts, "in the currency's minor unit (cents)")
	case a.Type == "timestamp":
		parts = append(parts, "Unix seconds")
	case a.Type == "enum":
		parts = append(parts, "one of the "+typ+" constants; unknown values are kept as sent")
	case a.Type == "jsonarray":
		parts = append(parts, "the JSON array as sent")
	case a.Type == "json":
		parts = append(parts, "the JSON value as sent")
	case a.Type == "jsonobject":
		parts = append(parts, "free-form JSON")
	}
	if a.Req {
		parts = append(parts, "always present")
	}
	s := name + " is " + a.Name
	if d := describe(modelKey+":", a.Name); d != "" {
		s += ", " + d
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s + "."
}

// ---- requests ----

func (g *gen) requests() ([]byte, error) {
	var b bytes.Buffer
	actions := g.actions
	for _, spec := range g.pkg.Requests {
		a, ok := actions[spec.Action]
		if !ok {
			return nil, fmt.Errorf("action %q missing from catalog", spec.Action)
		}
		if err := g.request(&b, spec, a); err != nil {
			return nil, err
		}
	}
	for _, name := range g.typeOrder {
		if err := g.paramsType(&b, g.paramTypes[name]); err != nil {
			return nil, err
		}
	}
	if g.pkg.Name == "customer" {
		g.v1Keys(&b)
	}
	return g.file(b.Bytes()), nil
}

// v1Keys writes the wire keys each action of the package accepts in API v1,
// as package wirekeys derives them: its v2 keys without the catalog's
// v2-only keys.
func (g *gen) v1Keys(b *bytes.Buffer) {
	b.WriteString("// v1Keys lists, per action, the wire keys API v1 accepts (array indexes\n// written as [N]). Actions absent from the map do not exist in API v1.\nvar v1Keys = map[string]map[string]bool{\n")
	for _, v := range g.cat.v1 {
		if !v.FromDiff || !g.wraps(v.V2Action) {
			continue
		}
		fmt.Fprintf(b, "\t%q: {", v.V2Action)
		for _, k := range v.Keys {
			fmt.Fprintf(b, "\n\t\t%q: true,", k)
		}
		b.WriteString("\n\t},\n")
	}
	b.WriteString("}\n\n")
}

// wraps reports whether the package has a method for the catalog action
// id.
func (g *gen) wraps(id string) bool {
	for _, a := range g.pkg.Actions {
		if a.Action == id {
			return true
		}
	}
	return false
}

// field is one Go field of a request or params type.
type field struct {
	Name  string
	Type  string // Go type
	Tag   string
	Doc   string
	P     *param // leaf parameter; nil for groups
	Group string // wire name of a group field
	Array bool
	GT    *paramType
	// Filter is the list filter of a filter field; nil otherwise.
	Filter *filter
	// FilterGroup is the group of a field holding nested filters.
	FilterGroup *filterGroup
	// Alt, on a parameter only API v1 takes, is the filter API v2 uses
	// instead ("" for none).
	Alt string
}

// filterGroup is a group of filters sent under one key, such as
// relationship[parent_id][is].
type filterGroup struct {
	wire   string
	spec   groupSpec
	fields []field
}

func (g *gen) leafType(p *param) (string, error) {
	switch p.Type {
	case "string":
		if n, ok := g.pkg.Enums[p.Leaf]; ok && p.Group == "" {
			return "*" + n, nil // a string the package types, such as event_type
		}
		return "*string", nil
	case "boolean":
		return "*bool", nil
	case "integer":
		if p.Format == "int32" {
			return "*int32", nil
		}
		return "*int64", nil
	case "timestamp":
		return "*chargebee.Timestamp", nil
	case "enum":
		key := p.Leaf
		if p.Group != "" {
			key = p.Group + "." + p.Leaf
		}
		n, err := g.addEnum(key, p.Enum)
		if err != nil {
			return "", err
		}
		return "*" + n, nil
	case "jsonobject":
		if p.Wire == "meta_data" {
			return "chargebee.Metadata", nil
		}
		return "map[string]any", nil
	case "jsonarray":
		if p.Items != "string" {
			return "", fmt.Errorf("%s: jsonarray of %q", p.Wire, p.Items)
		}
		return "[]string", nil
	}
	return "", fmt.Errorf("%s: unknown type %q", p.Wire, p.Type)
}

func leafTag(p *param) string {
	t := p.Leaf + ",omitempty"
	if p.JSONEncoded || p.Type == "jsonobject" || p.Type == "jsonarray" {
		t += ",json"
	}
	return t
}

// wireKey returns the Go expression of the wire key of p; idx is the Go
// expression of the array index, if any.
func wireKeyExpr(p *param, idx string) string {
	if p.GroupKind == "array_of_objects" {
		return strconv.Quote(p.Group+"["+p.Leaf+"][") + "+strconv.Itoa(" + idx + ")+\"]\""
	}
	return strconv.Quote(p.Wire)
}

func paramDoc(name string, p *param, typ string) string {
	var parts []string
	if p.Required {
		switch {
		case p.Group == "" || p.GroupRequired:
			parts = append(parts, "required")
		case p.GroupKind == "array_of_objects":
			parts = append(parts, "required in every element")
		default:
			parts = append(parts, "required when "+p.Group+" is sent")
		}
	}
	if p.MaxLength != nil && p.MinLength != nil {
		parts = append(parts, fmt.Sprintf("%d to %d characters", *p.MinLength, *p.MaxLength))
	} else if p.MaxLength != nil {
		parts = append(parts, fmt.Sprintf("at most %d characters", *p.MaxLength))
	} else if p.MinLength != nil && *p.MinLength == 1 {
		parts = append(parts, "not empty")
	} else if p.MinLength != nil {
		parts = append(parts, fmt.Sprintf("at least %d characters", *p.MinLength))
	}
	if p.Min != nil && p.Max != nil {
		parts = append(parts, fmt.Sprintf("%d to %d", *p.Min, *p.Max))
	} else if p.Min != nil {
		parts = append(parts, fmt.Sprintf("at least %d", *p.Min))
	} else if p.Max != nil {
		parts = append(parts, fmt.Sprintf("at most %d", *p.Max))
	}
	switch {
	case p.Unit == "cents":
		parts = append(parts, "in the currency's minor unit (cents)")
	case p.Type == "timestamp":
		parts = append(parts, "Unix seconds")
	case p.Type == "enum":
		parts = append(parts, "one of the "+strings.TrimPrefix(typ, "*")+" constants")
	case p.Type == "jsonobject", p.Type == "jsonarray":
		parts = append(parts, "sent as one JSON document")
	}
	if p.Format == "email" {
		parts = append(parts, "an e-mail address")
	}
	if p.Default != nil {
		parts = append(parts, fmt.Sprintf("Chargebee's default: %v", p.Default))
	}
	if p.Wire == "meta_data" {
		parts = append(parts, fmt.Sprintf("at most %d characters of JSON", 65535))
	}
	s := name + " is " + p.Wire
	scope := ""
	if p.Group != "" {
		scope = p.Group + "."
	}
	leaf := p.Leaf
	if p.flatGroup != "" {
		scope, leaf = p.flatGroup+".", p.flatLeaf
	}
	if d := describe(scope, leaf); d != "" {
		s += ", " + d
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	s += "."
	if p.Deprecated {
		s += "\n\nDeprecated: Chargebee has deprecated " + p.Wire + "; it is kept for existing integrations."
	}
	return s
}

func (g *gen) request(b *bytes.Buffer, spec requestSpec, a *action) error {
	var fields []field
	groups := map[string]*paramType{}
	customFields := spec.Action == "customer.create" || spec.Action == "customer.update"
	for i := range a.Params {
		p := &a.Params[i]
		if p.Group != "" && p.Group == spec.Flatten {
			// The group is the whole request: its fields sit on the
			// request itself, tagged with their full wire keys.
			flat := *p
			flat.Group, flat.GroupKind, flat.Leaf = "", "", p.Wire
			flat.flatGroup, flat.flatLeaf = p.Group, p.Leaf
			flat.Required = p.Required && p.GroupRequired
			p = &flat
		}
		if p.Group == "" {
			typ, err := g.leafType(p)
			if err != nil {
				return err
			}
			name := goName(p.GoField)
			fields = append(fields, field{Name: name, Type: typ, Tag: leafTag(p), P: p, Doc: paramDoc(name, p, typ)})
			continue
		}
		gs, ok := spec.Groups[p.Group]
		if !ok {
			return fmt.Errorf("%s: group %q not configured", a.ID, p.Group)
		}
		pt := groups[p.Group]
		if pt == nil {
			pt = &paramType{spec: gs, group: p.Group, array: p.GroupKind == "array_of_objects"}
			groups[p.Group] = pt
			name := goName(strings.TrimSuffix(strings.SplitN(p.GoField, ".", 2)[0], "[]"))
			f := field{Name: name, Group: p.Group, Array: pt.array, GT: pt}
			if pt.array {
				f.Type = "[]" + gs.Type
				f.Doc = fmt.Sprintf("%s is %s, %s, an array of objects sent as %s[<field>][<index>].", name, p.Group, groupDesc(p.Group), p.Group)
			} else {
				f.Type = "*" + gs.Type
				f.Doc = fmt.Sprintf("%s is %s, %s, sent as %s[<field>].", name, p.Group, groupDesc(p.Group), p.Group)
			}
			f.Tag = p.Group + ",omitempty"
			fields = append(fields, f)
		}
		pt.fields = append(pt.fields, *p)
	}
	var nested []*filterGroup
	for i := range a.Filters {
		flt := &a.Filters[i]
		if outer, _, ok := strings.Cut(flt.WirePrefix, "["); ok {
			// relationship[parent_id]: a filter inside a group of filters.
			var fg *filterGroup
			for _, n := range nested {
				if n.wire == outer {
					fg = n
				}
			}
			if fg == nil {
				gs, ok := spec.Groups[outer]
				if !ok {
					return fmt.Errorf("%s: filter group %q not configured", a.ID, outer)
				}
				fg = &filterGroup{wire: outer, spec: gs}
				nested = append(nested, fg)
				name := goName(strings.SplitN(flt.GoField, ".", 2)[0])
				fields = append(fields, field{Name: name, Type: "*" + gs.Type, Tag: outer + ",omitempty", Doc: fmt.Sprintf("%s filters on %s[...]: %s.", name, outer, groupDesc(outer)), FilterGroup: fg})
			}
			f, err := filterField(flt)
			if err != nil {
				return fmt.Errorf("%s: %w", a.ID, err)
			}
			f.Tag = strings.TrimSuffix(strings.TrimPrefix(flt.WirePrefix, outer+"["), "]") + ",omitempty"
			fg.fields = append(fg.fields, f)
			continue
		}
		f, err := filterField(flt)
		if err != nil {
			return fmt.Errorf("%s: %w", a.ID, err)
		}
		fields = append(fields, f)
	}
	v1, err := g.v1OnlyFields(a, fields)
	if err != nil {
		return err
	}
	fields = append(fields, v1...)
	// Register or compare the params types.
	for _, f := range fields {
		if f.GT == nil {
			continue
		}
		if err := g.registerParams(f.GT, a.ID); err != nil {
			return err
		}
	}

	if spec.Doc != "" {
		doc := spec.Doc + "\n\nSee " + g.pkg.DocsURL + "."
		if spec.Deprecated != "" {
			doc += "\n\nDeprecated: " + spec.Deprecated
		}
		writeDoc(b, "", doc)
	}
	fmt.Fprintf(b, "type %s struct {\n", spec.Name)
	for _, f := range fields {
		writeDoc(b, "\t", f.Doc)
		fmt.Fprintf(b, "\t%s %s `url:%q`\n", f.Name, f.Type, f.Tag)
	}
	if customFields {
		b.WriteString("\t// CustomFields are sent as top-level cf_* keys (custom fields are\n\t// defined in the Chargebee web UI). Keys must start with \"cf_\".\n")
		b.WriteString("\tCustomFields map[string]string `url:\",inline\"`\n")
	}
	b.WriteString("}\n\n")

	if !spec.Unexported {
		fmt.Fprintf(b, "// New%s returns an empty %s.\n", spec.Name, spec.Name)
		if spec.Deprecated != "" {
			b.WriteString("//\n// Deprecated: " + spec.Deprecated + "\n")
		}
		fmt.Fprintf(b, "func New%s() *%s { return &%s{} }\n\n", spec.Name, spec.Name, spec.Name)
		g.setters(b, spec.Name, "r", fields)
	}
	if customFields {
		fmt.Fprintf(b, "// SetCustomField sets the custom field key (which must start with \"cf_\") to value.\nfunc (r *%s) SetCustomField(key, value string) *%s {\n\tif r.CustomFields == nil {\n\t\tr.CustomFields = map[string]string{}\n\t}\n\tr.CustomFields[key] = value\n\treturn r\n}\n\n", spec.Name, spec.Name)
	}

	// Validate
	fmt.Fprintf(b, "// Validate checks the request against the catalog's rules (required\n// parameters, lengths, ranges, JSON) without sending anything. The error is\n// a *chargebee.ValidationError naming the wire key.\nfunc (r *%s) Validate() error {\n", spec.Name)
	b.WriteString("\tif r == nil {\n")
	if hasRequired(fields) {
		b.WriteString("\t\tr = &" + spec.Name + "{}\n\t}\n")
	} else {
		b.WriteString("\t\treturn nil\n\t}\n")
	}
	var checks []string
	byWire := map[string]string{}
	for _, f := range fields {
		if f.Filter != nil {
			checks = append(checks, filterChecks(f, "r")...)
			continue
		}
		if f.P != nil {
			byWire[f.P.Wire] = "r." + f.Name
			checks = append(checks, leafChecks(f.P, "r."+f.Name, f.Type, "")...)
			continue
		}
		if f.FilterGroup != nil {
			continue // validated below
		}
		// group-level requiredness
		for i := range f.GT.fields {
			p := &f.GT.fields[i]
			if !p.Required {
				continue
			}
			name := goName(p.GoField)
			if f.Array {
				continue // checked per element below
			}
			cond := presentExpr("r."+f.Name+"."+name, p)
			if p.GroupRequired {
				checks = append(checks, fmt.Sprintf("api.Required(%q, r.%s != nil && %s)", p.Wire, f.Name, cond))
			}
		}
	}
	for _, group := range a.XOneOf {
		var keys, set []string
		for _, w := range group {
			expr, ok := byWire[w]
			if !ok {
				return fmt.Errorf("%s: x_one_of names %q, not a top-level parameter", a.ID, w)
			}
			keys = append(keys, strconv.Quote(w))
			set = append(set, expr+" != nil")
		}
		checks = append(checks, fmt.Sprintf("api.OneOf([]string{%s}, %s)", strings.Join(keys, ", "), strings.Join(set, ", ")))
	}
	if customFields {
		checks = append(checks, "api.CustomFields(r.CustomFields)")
	}
	if len(checks) > 0 {
		b.WriteString("\tif err := api.First(\n")
		for _, c := range checks {
			b.WriteString("\t\t" + c + ",\n")
		}
		b.WriteString("\t); err != nil {\n\t\treturn err\n\t}\n")
	}
	for _, f := range fields {
		if f.P != nil || f.Filter != nil {
			continue
		}
		if f.FilterGroup != nil {
			fmt.Fprintf(b, "\tif r.%s != nil {\n\t\tif err := r.%s.validate(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n", f.Name, f.Name)
			continue
		}
		if f.Array {
			fmt.Fprintf(b, "\tfor i := range r.%s {\n\t\tif err := r.%s[i].validate(i); err != nil {\n\t\t\treturn err\n\t\t}\n", f.Name, f.Name)
			for i := range f.GT.fields {
				p := &f.GT.fields[i]
				if p.Required {
					fmt.Fprintf(b, "\t\tif err := api.Required(%s, %s); err != nil {\n\t\t\treturn err\n\t\t}\n", wireKeyExpr(p, "i"), presentExpr("r."+f.Name+"[i]."+goName(p.GoField), p))
				}
			}
			b.WriteString("\t}\n")
			continue
		}
		fmt.Fprintf(b, "\tif r.%s != nil {\n\t\tif err := r.%s.validate(); err != nil {\n\t\t\treturn err\n\t\t}\n", f.Name, f.Name)
		for i := range f.GT.fields {
			p := &f.GT.fields[i]
			if p.Required && !p.GroupRequired {
				fmt.Fprintf(b, "\t\tif err := api.Required(%q, %s); err != nil {\n\t\t\treturn err\n\t\t}\n", p.Wire, presentExpr("r."+f.Name+"."+goName(p.GoField), p))
			}
		}
		b.WriteString("\t}\n")
	}
	if spec.Check != "" {
		fmt.Fprintf(b, "\treturn r.%s()\n}\n\n", spec.Check)
	} else {
		b.WriteString("\treturn nil\n}\n\n")
	}
	validateV2(b, spec.Name, v1)
	if err := g.validateV1(b, spec.Name, a, fields); err != nil {
		return err
	}
	if err := g.appendForm(b, spec.Name, fields, customFields); err != nil {
		return err
	}
	for _, fg := range nested {
		g.filterGroupType(b, fg)
	}
	return nil
}

// filterGroupType writes the type of a group of nested filters.
func (g *gen) filterGroupType(b *bytes.Buffer, fg *filterGroup) {
	name := fg.spec.Type
	writeDoc(b, "", fg.spec.Doc)
	fmt.Fprintf(b, "type %s struct {\n", name)
	for _, f := range fg.fields {
		writeDoc(b, "\t", f.Doc)
		fmt.Fprintf(b, "\t%s %s `url:%q`\n", f.Name, f.Type, f.Tag)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// New%s returns an empty %s.\nfunc New%s() *%s { return &%s{} }\n\n", name, name, name, name, name)
	g.setters(b, name, "f", fg.fields)
	fmt.Fprintf(b, "// validate checks that each filter uses only the operators the catalog\n// lists for it.\nfunc (f *%s) validate() error {\n\treturn api.First(\n", name)
	for _, f := range fg.fields {
		for _, c := range filterChecks(f, "f") {
			b.WriteString("\t\t" + c + ",\n")
		}
	}
	b.WriteString("\t)\n}\n\n")
}

// groupDesc describes a parameter group.
func groupDesc(group string) string {
	switch group {
	case "card":
		return "new card details"
	case "bank_account":
		return "new bank account details for direct debit"
	case "payment_method":
		return "a new payment method"
	case "payment_intent":
		return "an authorised payment intent"
	case "transaction":
		return "the payment received"
	case "invoice_allocations":
		return "how the payment is split over invoices"
	}
	if d := describe("", group); d != "" {
		return d
	}
	return "a group of parameters"
}

func hasRequired(fields []field) bool {
	for _, f := range fields {
		if f.P != nil && f.P.Required {
			return true
		}
		if f.GT != nil {
			for _, p := range f.GT.fields {
				if p.Required && p.GroupRequired {
					return true
				}
			}
		}
	}
	return false
}

// presentExpr is a Go condition that holds when the parameter expr is set
// (and, for strings and enums, not empty).
func presentExpr(expr string, p *param) string {
	switch p.Type {
	case "string", "enum":
		return fmt.Sprintf("%s != nil && *%s != \"\"", expr, expr)
	case "jsonobject", "jsonarray":
		return expr + " != nil"
	}
	return expr + " != nil"
}

// leafChecks returns the validation expressions of one leaf parameter.
// idx is the Go expression of the array index ("" outside arrays).
func leafChecks(p *param, expr, typ, idx string) []string {
	key := wireKeyExpr(p, idx)
	var out []string
	if p.Required && (p.Group == "") {
		switch p.Type {
		case "string":
			out = append(out, fmt.Sprintf("api.RequiredString(%s, %s)", key, expr))
		default:
			out = append(out, fmt.Sprintf("api.Required(%s, %s)", key, presentExpr(expr, p)))
		}
	}
	if p.MinLength != nil && p.MaxLength != nil {
		out = append(out, fmt.Sprintf("api.MinLen(%s, %s, %d)", key, expr, *p.MinLength), fmt.Sprintf("api.MaxLen(%s, %s, %d)", key, expr, *p.MaxLength))
	} else if p.MaxLength != nil {
		out = append(out, fmt.Sprintf("api.MaxLen(%s, %s, %d)", key, expr, *p.MaxLength))
	} else if p.MinLength != nil {
		out = append(out, fmt.Sprintf("api.MinLen(%s, %s, %d)", key, expr, *p.MinLength))
	}
	if p.Min != nil && p.Max != nil {
		out = append(out, fmt.Sprintf("api.Range(%s, %s, %d, %d)", key, expr, *p.Min, *p.Max))
	} else if p.Min != nil {
		out = append(out, fmt.Sprintf("api.Min(%s, %s, %d)", key, expr, *p.Min))
	} else if p.Max != nil {
		out = append(out, fmt.Sprintf("api.Max(%s, %s, %d)", key, expr, *p.Max))
	}
	if p.XPattern != "" {
		out = append(out, fmt.Sprintf("api.Match(%s, %s, %q, %q)", key, expr, p.XPattern, p.XPatternWhy))
	}
	switch {
	case p.Wire == "meta_data":
		out = append(out, fmt.Sprintf("api.Metadata(%s, %s)", key, expr))
	case p.Type == "jsonobject":
		out = append(out, fmt.Sprintf("api.JSON(%s, %s)", key, expr))
	}
	return out
}

func (g *gen) registerParams(pt *paramType, actionID string) error {
	have, ok := g.paramTypes[pt.spec.Type]
	if !ok {
		if pt.spec.Doc == "" {
			return fmt.Errorf("%s: params type %s first used without a doc", actionID, pt.spec.Type)
		}
		g.paramTypes[pt.spec.Type] = pt
		g.typeOrder = append(g.typeOrder, pt.spec.Type)
		return nil
	}
	// A shared type must carry exactly the same fields and limits.
	sig := func(ps []param) string {
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprintf("%s|%s|%s|%v|%v|%v|%v|%v|%v", p.Wire, p.Type, p.Format, ptrInt(p.MaxLength), ptrInt(p.MinLength), ptrI64(p.Min), ptrI64(p.Max), p.JSONEncoded, p.Unit))
		}
		sort.Strings(s)
		return strings.Join(s, "\n")
	}
	if sig(have.fields) != sig(pt.fields) || have.group != pt.group || have.array != pt.array {
		return fmt.Errorf("%s: params type %s differs from its earlier use:\n%s\n---\n%s", actionID, pt.spec.Type, sig(have.fields), sig(pt.fields))
	}
	// Register the enum values of this use too.
	for i := range pt.fields {
		if pt.fields[i].Type == "enum" {
			if _, err := g.leafType(&pt.fields[i]); err != nil {
				return err
			}
		}
	}
	// Deprecation may differ between uses: keep a field deprecated only
	// when every use deprecates it.
	for i := range have.fields {
		for _, p := range pt.fields {
			if p.Wire == have.fields[i].Wire && !p.Deprecated {
				have.fields[i].Deprecated = false
			}
		}
	}
	return nil
}

func ptrInt(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p)
}

func ptrI64(p *int64) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatInt(*p, 10)
}

func (g *gen) paramsType(b *bytes.Buffer, pt *paramType) error {
	var fields []field
	for i := range pt.fields {
		p := &pt.fields[i]
		typ, err := g.leafType(p)
		if err != nil {
			return err
		}
		name := goName(p.GoField)
		doc := paramDoc(name, p, typ)
		fields = append(fields, field{Name: name, Type: typ, Tag: leafTag(p), P: p, Doc: doc})
	}
	name := pt.spec.Type
	writeDoc(b, "", pt.spec.Doc)
	fmt.Fprintf(b, "type %s struct {\n", name)
	for _, f := range fields {
		writeDoc(b, "\t", f.Doc)
		fmt.Fprintf(b, "\t%s %s `url:%q`\n", f.Name, f.Type, f.Tag)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// New%s returns an empty %s.\nfunc New%s() *%s { return &%s{} }\n\n", name, name, name, name, name)
	g.setters(b, name, "p", fields)

	var checks []string
	idx := ""
	if pt.array {
		idx = "i"
	}
	for _, f := range fields {
		checks = append(checks, leafChecks(f.P, "p."+f.Name, f.Type, idx)...)
	}
	if pt.array {
		fmt.Fprintf(b, "// validate checks the limits of element i.\nfunc (p *%s) validate(i int) error {\n", name)
	} else {
		fmt.Fprintf(b, "// validate checks the limits of the fields.\nfunc (p *%s) validate() error {\n", name)
	}
	if len(checks) == 0 {
		b.WriteString("\treturn nil\n}\n\n")
		return nil
	}
	b.WriteString("\treturn api.First(\n")
	for _, c := range checks {
		b.WriteString("\t\t" + c + ",\n")
	}
	b.WriteString("\t)\n}\n\n")
	return nil
}

func (g *gen) setters(b *bytes.Buffer, typeName, recv string, fields []field) {
	for _, f := range fields {
		dep := ""
		if f.P != nil && f.P.Deprecated {
			dep = "\n//\n// Deprecated: Chargebee has deprecated " + f.P.Wire + "; it is kept for existing integrations."
		}
		switch {
		case f.FilterGroup != nil:
			fmt.Fprintf(b, "// Set%s sets the %s[...] filters.\nfunc (%s *%s) Set%s(v %s) *%s {\n\t%s.%s = v\n\treturn %s\n}\n\n",
				f.Name, f.FilterGroup.wire, recv, typeName, f.Name, f.Type, typeName, recv, f.Name, recv)
		case f.Filter != nil:
			fmt.Fprintf(b, "// Set%s sets the %s filter.\nfunc (%s *%s) Set%s(v %s) *%s {\n\t%s.%s = &v\n\treturn %s\n}\n\n",
				f.Name, f.Filter.WirePrefix, recv, typeName, f.Name, f.Type[1:], typeName, recv, f.Name, recv)
		case f.P != nil && strings.HasPrefix(f.Type, "*"):
			fmt.Fprintf(b, "// Set%s sets %s.%s\nfunc (%s *%s) Set%s(v %s) *%s {\n\t%s.%s = &v\n\treturn %s\n}\n\n",
				f.Name, f.Name, dep, recv, typeName, f.Name, f.Type[1:], typeName, recv, f.Name, recv)
		case f.P != nil:
			fmt.Fprintf(b, "// Set%s sets %s.%s\nfunc (%s *%s) Set%s(v %s) *%s {\n\t%s.%s = v\n\treturn %s\n}\n\n",
				f.Name, f.Name, dep, recv, typeName, f.Name, f.Type, typeName, recv, f.Name, recv)
		case f.Array:
			fmt.Fprintf(b, "// Set%s replaces %s.\nfunc (%s *%s) Set%s(v []%s) *%s {\n\t%s.%s = v\n\treturn %s\n}\n\n",
				f.Name, f.Name, recv, typeName, f.Name, f.GT.spec.Type, typeName, recv, f.Name, recv)
			fmt.Fprintf(b, "// Add%s appends a copy of *v to %s; a nil v is ignored.\nfunc (%s *%s) Add%s(v *%s) *%s {\n\tif v != nil {\n\t\t%s.%s = append(%s.%s, *v)\n\t}\n\treturn %s\n}\n\n",
				f.GT.spec.Singular, f.Name, recv, typeName, f.GT.spec.Singular, f.GT.spec.Type, typeName, recv, f.Name, recv, f.Name, recv)
		default:
			fmt.Fprintf(b, "// Set%s sets %s.\nfunc (%s *%s) Set%s(v *%s) *%s {\n\t%s.%s = v\n\treturn %s\n}\n\n",
				f.Name, f.Name, recv, typeName, f.Name, f.GT.spec.Type, typeName, recv, f.Name, recv)
		}
	}
}

// ---- enums ----

func (g *gen) enums() ([]byte, error) {
	var b bytes.Buffer
	for _, e := range g.pkg.EnumDocs {
		values, ok := g.enumValues[e.Name]
		if !ok {
			return nil, fmt.Errorf("enum %s is configured but never used", e.Name)
		}
		alias := g.pkg.EnumAliases[e.Name]
		if alias != "" {
			writeDoc(&b, "", e.Doc)
			fmt.Fprintf(&b, "type %s = %s.%[1]s\n\n", e.Name, alias)
		} else {
			writeDoc(&b, "", e.Doc+" Chargebee adds values over time: a value without a constant here still decodes and can be sent.")
			fmt.Fprintf(&b, "type %s string\n\n", e.Name)
		}
		fmt.Fprintf(&b, "// Values of %s.\nconst (\n", e.Name)
		prefix, ok := g.pkg.ConstPrefix[e.Name]
		if !ok {
			prefix = e.Name
		}
		for _, v := range values {
			if g.pkg.ValueDoc != nil {
				doc, err := g.pkg.ValueDoc(g.cat, e.Name, v)
				if err != nil {
					return nil, err
				}
				if doc != "" {
					writeDoc(&b, "\t", doc)
				}
			}
			name, ok := g.pkg.ConstNames[e.Name+"."+v]
			if !ok {
				name = prefix + camel(v)
			}
			if alias != "" {
				fmt.Fprintf(&b, "\t%s = %s.%[1]s\n", name, alias)
			} else {
				fmt.Fprintf(&b, "\t%s %s = %q\n", name, e.Name, v)
			}
		}
		b.WriteString(")\n\n")
	}
	for name := range g.enumValues {
		found := g.ownsEnum(name)
		if !found {
			return nil, fmt.Errorf("enum %s has no doc", name)
		}
	}
	return g.file(b.Bytes()), nil
}

var initialisms = map[string]string{"id": "ID", "ip": "IP", "url": "URL", "hk": "HK", "upi": "UPI", "us": "US", "eu": "EU", "uk": "UK", "jp": "JP", "mx": "MX", "ach": "ACH", "sepa": "SEPA", "hdfc": "HDFC", "nmi": "NMI", "migs": "MIGS", "ppd": "PPD", "ccd": "CCD", "pii": "PII", "api": "API", "js": "JS"}

// camel turns a wire value such as "paypal_express_checkout" into
// "PaypalExpressCheckout".
func camel(s string) string {
	var out strings.Builder
	for _, part := range strings.Split(s, "_") {
		if part == "" {
			continue
		}
		if v, ok := initialisms[part]; ok {
			out.WriteString(v)
			continue
		}
		out.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return out.String()
}

func writeDoc(b *bytes.Buffer, indent, doc string) {
	for _, para := range strings.Split(doc, "\n") {
		if para == "" {
			b.WriteString(indent + "//\n")
			continue
		}
		for _, line := range wrap(para, 76-len(indent)) {
			b.WriteString(indent + "// " + line + "\n")
		}
	}
}

func wrap(s string, width int) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// filterTypes maps a catalog filter type to its Go type.
var filterTypes = map[string]string{
	"string":    "chargebee.StringFilter",
	"enum":      "chargebee.EnumFilter",
	"timestamp": "chargebee.TimestampFilter",
	"boolean":   "chargebee.BoolFilter",
	"number":    "chargebee.NumberFilter",
	"sort":      "chargebee.SortBy",
}

// filterField returns the request field of a list filter.
func filterField(f *filter) (field, error) {
	typ, ok := filterTypes[f.FilterType]
	if !ok {
		return field{}, fmt.Errorf("filter %s: unknown filter type %q", f.Field, f.FilterType)
	}
	name := goName(f.GoField)
	doc := fmt.Sprintf("%s filters on %s: %s.", name, f.Field, strings.Join(filterOps(f), ", "))
	if f.FilterType == "sort" {
		doc = fmt.Sprintf("%s orders the list: %s[asc] or %s[desc], not both.", name, f.WirePrefix, f.WirePrefix)
	}
	return field{Name: name, Type: "*" + typ, Tag: f.WirePrefix + ",omitempty", Doc: doc, Filter: f}, nil
}

// filterOps returns the operators the catalog allows on f.
func filterOps(f *filter) []string {
	var ops []string
	for _, o := range f.Operators {
		ops = append(ops, o.Op)
	}
	return ops
}

// filterChecks returns the validation expressions of a filter field of
// receiver recv: the operators the catalog allows and, for a sort order,
// the attributes it may sort by.
func filterChecks(f field, recv string) []string {
	var ops, fields []string
	for _, o := range f.Filter.Operators {
		ops = append(ops, strconv.Quote(o.Op))
		if f.Filter.FilterType == "sort" && len(fields) == 0 {
			for _, v := range o.Enum {
				fields = append(fields, strconv.Quote(v))
			}
		}
	}
	out := []string{fmt.Sprintf("api.FilterOps(%q, %s.%s, %s)", f.Filter.WirePrefix, recv, f.Name, strings.Join(ops, ", "))}
	if len(fields) > 0 {
		out = append(out, fmt.Sprintf("api.SortFields(%q, %s.%s, %s)", f.Filter.WirePrefix, recv, f.Name, strings.Join(fields, ", ")))
	}
	return out
}

// ownsEnum reports whether the package generates the enum type name.
func (g *gen) ownsEnum(name string) bool {
	for _, e := range g.pkg.EnumDocs {
		if e.Name == name {
			return true
		}
	}
	return false
}

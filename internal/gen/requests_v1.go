package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/billingkit/chargebee-go/internal/gen/wirekeys"
)

// v1Twin returns the API v1 twin of action a (event_v1.list for
// event.list): the same action as API v1 takes it, with its own keys.
func (g *gen) v1Twin(a *action) *action {
	return g.actions[strings.Replace(a.ID, ".", "_v1.", 1)]
}

// v1OnlyFields returns the request fields of the parameters a's API v1
// twin takes and a lacks, such as the plain webhook_status=x of API v1
// beside the webhook_status[is]=x filter of API v2. Each is named after the
// parameter with a V1 suffix and says which field API v2 uses instead.
func (g *gen) v1OnlyFields(a *action, v2 []field) ([]field, error) {
	twin := g.v1Twin(a)
	if twin == nil {
		return nil, nil
	}
	have := map[string]bool{}
	for _, p := range a.Params {
		have[p.Wire] = true
	}
	var out []field
	for i := range twin.Params {
		p := &twin.Params[i]
		if have[p.Wire] {
			continue
		}
		typ, err := g.leafType(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", twin.ID, err)
		}
		name := goName(p.GoField) + "V1"
		f := field{Name: name, Type: typ, Tag: leafTag(p), P: p, Doc: paramDoc(name, p, typ) + " API v1 only", Alt: v2Counterpart(v2, p.Wire)}
		if f.Alt != "" {
			f.Doc += "; API v2 filters with " + f.Alt + " instead"
		}
		f.Doc += "."
		out = append(out, f)
	}
	return out, nil
}

// v2Counterpart returns the name of the filter field of fields sent under
// the wire key wire, or "".
func v2Counterpart(fields []field, wire string) string {
	for _, f := range fields {
		if f.Filter != nil && f.Filter.WirePrefix == wire {
			return f.Name
		}
	}
	return ""
}

// validateV2 writes the method that refuses, on an API v2 client, the
// fields of v1 (see v1OnlyFields); the service calls it before sending.
func validateV2(b *bytes.Buffer, name string, v1 []field) {
	if len(v1) == 0 {
		return
	}
	fmt.Fprintf(b, "// validateV2 fails when r sets a parameter only API v1 takes; the service\n// calls it on an API v2 client.\nfunc (r *%s) validateV2() error {\n\tif r == nil {\n\t\treturn nil\n\t}\n\tswitch {\n", name)
	for _, f := range v1 {
		if f.Alt != "" {
			fmt.Fprintf(b, "\tcase r.%s != nil && r.%s != nil:\n\t\treturn api.Invalid(%q, \"set either %s or %s\")\n", f.Name, f.Alt, f.P.Wire, f.Alt, f.Name)
			fmt.Fprintf(b, "\tcase r.%s != nil:\n\t\treturn api.Invalid(%q, \"a plain value is API v1 only; use %s with an operator\")\n", f.Name, f.P.Wire, f.Alt)
			continue
		}
		fmt.Fprintf(b, "\tcase r.%s != nil:\n\t\treturn api.Invalid(%q, \"is API v1 only\")\n", f.Name, f.P.Wire)
	}
	b.WriteString("\t}\n\treturn nil\n}\n\n")
}

// v1Variant returns the API v1 form of action id, or nil.
func (g *gen) v1Variant(id string) *wirekeys.Variant {
	for i := range g.cat.v1 {
		if g.cat.v1[i].V2Action == id {
			return &g.cat.v1[i]
		}
	}
	return nil
}

// v1Check returns the API v1 form of action id when API v1 requires keys
// of it that API v2 does not, so that its request has a validateV1; else nil.
func (g *gen) v1Check(id string) *wirekeys.Variant {
	if v := g.v1Variant(id); v != nil && len(v.Required)+len(v.RequiredUnless) > 0 {
		return v
	}
	return nil
}

// validateV1 writes the method that checks the keys API v1 alone requires
// of request name (x_v1_required, x_v1_required_unless); the service calls
// it on an API v1 client. A nil request is left to Validate.
func (g *gen) validateV1(b *bytes.Buffer, name string, a *action, fields []field) error {
	v := g.v1Check(a.ID)
	if v == nil {
		return nil
	}
	fmt.Fprintf(b, "// validateV1 checks the parameters API v1 requires although API v2 does\n// not; the service calls it on an API v1 client.\nfunc (r *%s) validateV1() error {\n\tif r == nil {\n\t\treturn nil\n\t}\n", name)
	var checks []string
	for _, k := range v.Required {
		obj, expr, p, err := wireExpr(fields, k)
		if err != nil {
			return fmt.Errorf("%s: x_v1_required: %w", a.ID, err)
		}
		checks = append(checks, fmt.Sprintf("api.Required(%q, %s)", k, present(obj, expr, p)))
	}
	for _, u := range v.RequiredUnless {
		obj, expr, p, err := wireExpr(fields, u.Unless)
		if err != nil || obj == "" {
			return fmt.Errorf("%s: x_v1_required_unless: %s is not inside an object: %v", a.ID, u.Unless, err)
		}
		fmt.Fprintf(b, "\tif %s != nil && !(%s) {\n\t\tif err := api.First(\n", obj, presentExpr(expr, p))
		for _, k := range u.Keys {
			kobj, kexpr, kp, err := wireExpr(fields, k)
			if err != nil || kobj != obj {
				return fmt.Errorf("%s: x_v1_required_unless: %s is not in the object of %s: %v", a.ID, k, u.Unless, err)
			}
			fmt.Fprintf(b, "\t\t\tapi.Required(%q, %s),\n", k, presentExpr(kexpr, kp))
		}
		b.WriteString("\t\t); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n")
	}
	if len(checks) == 0 {
		b.WriteString("\treturn nil\n}\n\n")
		return nil
	}
	fmt.Fprintf(b, "\treturn api.First(\n\t\t%s,\n\t)\n}\n\n", strings.Join(checks, ",\n\t\t"))
	return nil
}

// wireExpr returns the Go expression of the request field that sends
// wire, its parameter and, for a key inside an object, the expression of
// the object ("" at the top level).
func wireExpr(fields []field, wire string) (obj, expr string, p *param, err error) {
	for _, f := range fields {
		if f.P != nil && f.P.Wire == wire {
			return "", "r." + f.Name, f.P, nil
		}
		if f.GT == nil || f.Array {
			continue
		}
		for i := range f.GT.fields {
			if p := &f.GT.fields[i]; p.Wire == wire {
				return "r." + f.Name, "r." + f.Name + "." + goName(p.GoField), p, nil
			}
		}
	}
	return "", "", nil, fmt.Errorf("no request field sends %s", wire)
}

// present is the Go condition that holds when the parameter p at expr,
// inside the object obj (if any), is set.
func present(obj, expr string, p *param) string {
	if obj == "" {
		return presentExpr(expr, p)
	}
	return obj + " != nil && " + presentExpr(expr, p)
}

package main

import (
	"bytes"
	"fmt"
	"strings"
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

// v1Required returns the keys API v1 requires of action id although API v2
// does not (the catalog's x_v1_required).
func (g *gen) v1Required(id string) []string {
	for _, v := range g.cat.v1 {
		if v.V2Action == id {
			return v.Required
		}
	}
	return nil
}

// validateV1 writes the method that checks the keys API v1 alone requires
// of request name; the service calls it on an API v1 client. A nil request
// is left to Validate.
func (g *gen) validateV1(b *bytes.Buffer, name string, a *action, fields []field) error {
	keys := g.v1Required(a.ID)
	if len(keys) == 0 {
		return nil
	}
	fmt.Fprintf(b, "// validateV1 checks the parameters API v1 requires although API v2 does\n// not; the service calls it on an API v1 client.\nfunc (r *%s) validateV1() error {\n\tif r == nil {\n\t\treturn nil\n\t}\n\treturn api.First(\n", name)
	for _, k := range keys {
		cond, err := presentWire(fields, k)
		if err != nil {
			return fmt.Errorf("%s: x_v1_required: %w", a.ID, err)
		}
		fmt.Fprintf(b, "\t\tapi.Required(%q, %s),\n", k, cond)
	}
	b.WriteString("\t)\n}\n\n")
	return nil
}

// presentWire returns the Go condition that holds when the request
// parameter wire of a request with fields is set.
func presentWire(fields []field, wire string) (string, error) {
	for _, f := range fields {
		if f.P != nil && f.P.Wire == wire {
			return presentExpr("r."+f.Name, f.P), nil
		}
		if f.GT == nil || f.Array {
			continue
		}
		for i := range f.GT.fields {
			if p := &f.GT.fields[i]; p.Wire == wire {
				return "r." + f.Name + " != nil && " + presentExpr("r."+f.Name+"."+goName(p.GoField), p), nil
			}
		}
	}
	return "", fmt.Errorf("no request field sends %s", wire)
}

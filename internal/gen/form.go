package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// formItem is one step of a request's AppendForm: the pairs of one leaf,
// one filter, or one field of an array of objects.
type formItem struct {
	sort  string // the wire key, or the prefix every key of the step starts with
	multi bool   // the step writes several keys below sort
	guard string // the condition of the enclosing block, "" for none
	code  string
}

// appendForm writes the AppendForm method of request type name: every
// pair written straight from the fields, in the order of the wire keys
// (known here, so sorted here), with the custom fields merged in by
// internal/form's Writer.
func (g *gen) appendForm(b *bytes.Buffer, name string, fields []field, customFields bool) error {
	var items []formItem
	for _, f := range fields {
		key, _, _ := strings.Cut(f.Tag, ",")
		switch {
		case f.P != nil:
			code, err := g.leafWrite(f.P, "r."+f.Name, key, "w.")
			if err != nil {
				return err
			}
			items = append(items, formItem{sort: key, code: code})
		case f.Filter != nil:
			items = append(items, filterItem(key, "", "r."+f.Name))
		case f.FilterGroup != nil:
			for _, ff := range f.FilterGroup.fields {
				sub, _, _ := strings.Cut(ff.Tag, ",")
				items = append(items, filterItem(key+"["+sub+"]", "p := r."+f.Name+"; p != nil", "p."+ff.Name))
			}
		default:
			for i := range f.GT.fields {
				p := &f.GT.fields[i]
				leaf := key + "[" + p.Leaf + "]"
				if !f.Array {
					code, err := g.leafWrite(p, "p."+goName(p.GoField), leaf, "w.")
					if err != nil {
						return err
					}
					items = append(items, formItem{sort: leaf, guard: "p := r." + f.Name + "; p != nil", code: code})
					continue
				}
				code, err := g.leafWrite(p, "r."+f.Name+"[i]."+goName(p.GoField), leaf, "w.At(i).")
				if err != nil {
					return err
				}
				code = fmt.Sprintf("for _, i := range form.Indexes(len(r.%s)) {\n%s}\n", f.Name, code)
				items = append(items, formItem{sort: leaf + "[", multi: true, code: code})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].sort < items[j].sort })
	for i := 1; i < len(items); i++ {
		a, z := items[i-1], items[i]
		if a.sort == z.sort || a.multi && strings.HasPrefix(z.sort, a.sort) {
			return fmt.Errorf("%s: keys %q and %q cannot be written in order", name, a.sort, z.sort)
		}
	}
	custom := "nil"
	if customFields {
		custom = "r.CustomFields"
	}
	fmt.Fprintf(b, "// AppendForm appends the URL-encoded form of r to b, keys sorted, as\n// Client.Do sends it.\nfunc (r *%s) AppendForm(b []byte) ([]byte, error) {\n\tif r == nil {\n\t\treturn b, nil\n\t}\n\tw := form.NewWriter(b, %s)\n", name, custom)
	for i := 0; i < len(items); {
		guard := items[i].guard
		if guard != "" {
			fmt.Fprintf(b, "if %s {\n", guard)
		}
		for ; i < len(items) && items[i].guard == guard; i++ {
			b.WriteString(items[i].code)
		}
		if guard != "" {
			b.WriteString("}\n")
		}
	}
	b.WriteString("\treturn w.Finish()\n}\n\n")
	return nil
}

// filterItem writes the filter expr under key.
func filterItem(key, guard, expr string) formItem {
	return formItem{sort: key + "[", multi: true, guard: guard, code: fmt.Sprintf("if %s != nil {\nw.Filter(%q, %s)\n}\n", expr, key, expr)}
}

// leafWrite returns the code writing the leaf parameter p, held by the Go
// expression expr, under key; writer is "w." or "w.At(i).".
func (g *gen) leafWrite(p *param, expr, key, writer string) (string, error) {
	typ, err := g.leafType(p)
	if err != nil {
		return "", err
	}
	var call string
	switch {
	case strings.Contains(leafTag(p), ",json"):
		call = fmt.Sprintf("JSON(%q, %s)", key, expr)
	case typ == "*string":
		call = fmt.Sprintf("String(%q, *%s)", key, expr)
	case typ == "*bool":
		call = fmt.Sprintf("Bool(%q, *%s)", key, expr)
	case typ == "*int32", typ == "*int64", typ == "*chargebee.Timestamp":
		call = fmt.Sprintf("Int(%q, int64(*%s))", key, expr)
	case p.Type == "enum" || p.Type == "string":
		call = fmt.Sprintf("String(%q, string(*%s))", key, expr)
	default:
		return "", fmt.Errorf("%s: no form writer for %s", p.Wire, typ)
	}
	return fmt.Sprintf("if %s != nil {\n%s%s\n}\n", expr, writer, call), nil
}

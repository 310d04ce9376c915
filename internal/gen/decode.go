package main

// This file writes decode_gen.go: for every struct of a package's
// models_gen.go and for its result and list entry types, a decodeJSON
// method that reads the struct with internal/jsonx in one pass, and an
// UnmarshalJSON method that calls it; for every list entry type, the
// function its ListPage decodes pages with. It reads the structs from the
// generated source itself, so every generated model gets a decoder.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// decField is a struct field the decoder fills.
type decField struct {
	goName, key string
	typ         ast.Expr
}

// decStruct is a struct type the decoder reads.
type decStruct struct {
	name   string
	fields []decField
	custom bool   // CustomFields collects the cf_* keys
	entry  string // for a list page, the entry type
}

// decoders returns decode_gen.go for the package whose other generated
// files are files, or nil when it has nothing to decode.
func (g *gen) decoders(files map[string][]byte) ([]byte, error) {
	var structs []decStruct
	local := map[string]bool{}
	for _, name := range []string{"models_gen.go", "service_gen.go"} {
		src, ok := files[name]
		if !ok {
			continue
		}
		keep := func(string) bool { return true }
		if name == "service_gen.go" {
			keep = g.isResult
		}
		found, err := structsOf(src, keep)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, s := range found {
			structs = append(structs, s)
			local[s.name] = true
		}
	}
	if len(structs) == 0 {
		return nil, nil
	}
	var pages []string
	for _, spec := range g.pkg.Actions {
		if a := g.actions[spec.Action]; a != nil && a.Kind == "list" && !contains(pages, spec.Result) {
			pages = append(pages, spec.Result)
			page := decStruct{name: lowerFirst(spec.Result) + "Page", entry: spec.Result, fields: []decField{
				{"List", "list", &ast.StarExpr{X: &ast.ArrayType{Elt: ast.NewIdent(spec.Result)}}},
				{"NextOffset", "next_offset", ast.NewIdent("string")},
			}}
			structs = append(structs, page)
			local[page.name] = true
		}
	}
	var b bytes.Buffer
	var enums []string
	g.decoded = g.decoded[:0]
	for _, s := range structs {
		g.decoded = append(g.decoded, s.name)
		if s.entry != "" {
			fmt.Fprintf(&b, "// %s is a page of %s entries as it arrives; List is nil when\n// the response has no \"list\".\ntype %s struct {\n\tList *[]%s `json:\"list\"`\n\tNextOffset string `json:\"next_offset\"`\n}\n\n",
				s.name, s.entry, s.name, s.entry)
		}
		{
			fmt.Fprintf(&b, "// UnmarshalJSON decodes %s from JSON in one pass, as encoding/json\n// would decode it, up to the first error: after one, which it returns,\n// v is incomplete (encoding/json would go on past a value of a wrong type).\nfunc (v *%s) UnmarshalJSON(b []byte) error { return jsonx.Decode(b, v.decodeJSON) }\n\n", s.name, s.name)
		}
		used, err := g.decodeMethod(&b, s, local)
		if err != nil {
			return nil, err
		}
		for _, e := range used {
			if !contains(enums, e) {
				enums = append(enums, e)
			}
		}
	}
	for _, entry := range pages {
		fmt.Fprintf(&b, `// decode%[1]sPage decodes a page of %[1]s entries; the page is nil
// when the response has no "list".
func decode%[1]sPage(b []byte) (*chargebee.Page[%[1]s], error) {
	var p %[2]sPage
	if err := p.UnmarshalJSON(b); err != nil || p.List == nil {
		return nil, err
	}
	return &chargebee.Page[%[1]s]{Items: *p.List, NextOffset: p.NextOffset}, nil
}

`, entry, lowerFirst(entry))
	}
	sort.Strings(enums)
	for _, e := range enums {
		fmt.Fprintf(&b, "// known%s are the %s values kept without a copy.\nvar known%s = []string{", e, e, e)
		for i, v := range g.enumValues[e] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(v))
		}
		b.WriteString("}\n\n")
	}
	return g.file(b.Bytes()), nil
}

// decodeMethod writes the decodeJSON method of s and returns the enum types
// it uses.
func (g *gen) decodeMethod(b *bytes.Buffer, s decStruct, local map[string]bool) ([]string, error) {
	var enums, names []string
	fmt.Fprintf(b, "// decodeJSON reads a %s from d.\nfunc (v *%s) decodeJSON(d *jsonx.Decoder) {\n", s.name, s.name)
	if s.custom {
		b.WriteString("\tv.CustomFields = nil\n")
	}
	b.WriteString("\tfor more := d.Object(); more; more = d.Next() {\n\t\tk := d.Key()\n\tagain:\n\t\tswitch string(k) {\n")
	for _, f := range s.fields {
		names = append(names, f.key)
		fmt.Fprintf(b, "\t\tcase %q:\n", f.key)
		code, enum := g.decodeField("v."+f.goName, f.typ, local)
		if enum != "" {
			enums = append(enums, enum)
		}
		b.WriteString(code)
	}
	b.WriteString("\t\tdefault:\n")
	if s.custom {
		b.WriteString("\t\t\tif len(k) > 2 && string(k[:3]) == \"cf_\" {\n\t\t\t\tname := string(k)\n\t\t\t\tif v.CustomFields == nil {\n\t\t\t\t\tv.CustomFields = map[string]any{}\n\t\t\t\t}\n\t\t\t\tv.CustomFields[name] = d.Any()\n\t\t\t\tcontinue\n\t\t\t}\n")
	}
	fmt.Fprintf(b, "\t\t\tif name := jsonx.Fold(k, %s); name != \"\" {\n\t\t\t\tk = []byte(name)\n\t\t\t\tgoto again\n\t\t\t}\n\t\t\td.Skip()\n\t\t}\n\t}\n}\n\n", namesVar(s.name))
	fmt.Fprintf(b, "// %s are the keys of %s, for keys that differ in case.\nvar %s = []string{", namesVar(s.name), s.name, namesVar(s.name))
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(n))
	}
	b.WriteString("}\n\n")
	return enums, nil
}

// decodeField returns the statements that read the next value into the
// field expr of type typ, and the enum type they use, if any.
func (g *gen) decodeField(expr string, typ ast.Expr, local map[string]bool) (code, enum string) {
	switch t := typ.(type) {
	case *ast.Ident:
		switch t.Name {
		case "string":
			if strings.HasSuffix(expr, ".Object") {
				return fmt.Sprintf("\t\t\td.Intern(&%s)\n", expr), ""
			}
			return fmt.Sprintf("\t\t\td.Str(&%s)\n", expr), ""
		case "bool":
			return fmt.Sprintf("\t\t\td.Bool(&%s)\n", expr), ""
		case "int64", "int32", "float64":
			return fmt.Sprintf("\t\t\td.Num(&%s)\n", expr), ""
		}
		if _, ok := g.enumValues[t.Name]; ok && g.ownsEnum(t.Name) {
			return fmt.Sprintf("\t\t\td.Str((*string)(&%s), known%s...)\n", expr, t.Name), t.Name
		}
		if local[t.Name] {
			return fmt.Sprintf("\t\t\t%s.decodeJSON(d)\n", expr), ""
		}
	case *ast.SelectorExpr:
		switch typeString(t) {
		case "chargebee.Timestamp":
			return fmt.Sprintf("\t\t\td.IntOr((*int64)(&%s), &%s)\n", expr, expr), ""
		case "chargebee.Metadata":
			return fmt.Sprintf("\t\t\td.Map((*map[string]any)(&%s))\n", expr), ""
		case "chargebee.APIVersion":
			return fmt.Sprintf("\t\t\td.Str((*string)(&%s))\n", expr), ""
		}
	case *ast.MapType:
		if typeString(t) == "map[string]any" {
			return fmt.Sprintf("\t\t\td.Map(&%s)\n", expr), ""
		}
	case *ast.StarExpr:
		var read string
		switch x := t.X.(type) {
		case *ast.Ident:
			switch {
			case local[x.Name]:
				read = fmt.Sprintf("\t\t\t%s.decodeJSON(d)\n", expr)
			case g.aliasesModel(x.Name):
				read = fmt.Sprintf("\t\t\td.Unmarshal(%s)\n", expr)
			}
		case *ast.SelectorExpr:
			if generatedModel(x) {
				read = fmt.Sprintf("\t\t\td.Unmarshal(%s)\n", expr)
			}
		case *ast.ArrayType:
			read = sliceCode(expr, x, local, true)
		}
		if read != "" {
			return fmt.Sprintf("\t\t\tif d.Null() {\n\t\t\t\t%s = nil\n\t\t\t\tbreak\n\t\t\t}\n\t\t\tif %s == nil {\n\t\t\t\t%s = new(%s)\n\t\t\t}\n%s", expr, expr, expr, typeString(t.X), read), ""
		}
	case *ast.ArrayType:
		if read := sliceCode("&"+expr, t, local, false); read != "" {
			return read, ""
		}
	}
	return fmt.Sprintf("\t\t\td.Unmarshal(&%s)\n", expr), ""
}

// sliceCode returns the statement that reads an array into the slice expr
// of type t with jsonx.Slice, or "" for elements the decoders do not read
// themselves. A list page's entries are not counted ahead.
func sliceCode(expr string, t *ast.ArrayType, local map[string]bool, page bool) string {
	id, ok := t.Elt.(*ast.Ident)
	var item string
	switch {
	case !ok:
		return ""
	case id.Name == "string":
		item = "func(p *string, d *jsonx.Decoder) { d.Str(p) }"
	case local[id.Name]:
		item = "(*" + id.Name + ").decodeJSON"
	default:
		return ""
	}
	return fmt.Sprintf("\t\t\tjsonx.Slice(d, %s, %s, %t)\n", expr, item, !page)
}

// generatedModel reports whether pkg.T names a model of another generated
// package, which has an UnmarshalJSON method of its own.
func generatedModel(x *ast.SelectorExpr) bool {
	pkg, ok := x.X.(*ast.Ident)
	if !ok {
		return false
	}
	for _, p := range packages {
		if p.Name != pkg.Name {
			continue
		}
		for _, m := range p.Models {
			if m.Name == x.Sel.Name {
				return true
			}
		}
	}
	return false
}

// aliasesModel reports whether name is one of the package's ModelAliases
// of a generated model, whose UnmarshalJSON method it shares.
func (g *gen) aliasesModel(name string) bool {
	pkg, typ, ok := strings.Cut(g.pkg.ModelAliases[name], ".")
	return ok && generatedModel(&ast.SelectorExpr{X: ast.NewIdent(pkg), Sel: ast.NewIdent(typ)})
}

// structsOf returns the struct types declared in the Go source src whose
// names keep accepts.
func structsOf(src []byte, keep func(string) bool) ([]decStruct, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return nil, err
	}
	var out []decStruct
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !keep(ts.Name.Name) {
				continue
			}
			s := decStruct{name: ts.Name.Name}
			for _, fl := range st.Fields.List {
				if len(fl.Names) != 1 || fl.Tag == nil {
					return nil, fmt.Errorf("%s: every field needs one name and a json tag", s.name)
				}
				tag, _ := strconv.Unquote(fl.Tag.Value)
				key, _, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(tag, `json:"`), `"`), ",")
				name := fl.Names[0].Name
				switch {
				case key == "-" && name == "CustomFields" && typeString(fl.Type) == "map[string]any":
					s.custom = true
				case key == "-" || !ast.IsExported(name):
				default:
					s.fields = append(s.fields, decField{name, key, fl.Type})
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// typeString prints a type expression.
func typeString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.StarExpr:
		return "*" + typeString(t.X)
	case *ast.ArrayType:
		return "[]" + typeString(t.Elt)
	case *ast.MapType:
		return "map[" + typeString(t.Key) + "]" + typeString(t.Value)
	case *ast.InterfaceType:
		return "any"
	}
	return fmt.Sprintf("%T", e)
}

// isResult reports whether name is the result or list entry type of one of
// the package's actions.
func (g *gen) isResult(name string) bool {
	for _, spec := range g.pkg.Actions {
		if spec.Result == name {
			return true
		}
	}
	return false
}

func namesVar(typeName string) string { return lowerFirst(typeName) + "Keys" }

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package main

import (
	"bytes"
	"fmt"
	"strings"
)

// serviceTest returns service_gen_test.go: one case per method, checking the
// catalog's facts through internal/testutil.RunActions.
func (g *gen) serviceTest() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// TestActionsFromCatalog checks, for every method, the catalog's\n// method, path, required parameters and required response keys.\nfunc TestActionsFromCatalog(t *testing.T) {\n\tt.Parallel()\n\ttestutil.RunActions(t, []testutil.ActionCase{\n")
	for i := range g.pkg.Actions {
		spec := &g.pkg.Actions[i]
		a := g.actions[spec.Action]
		if err := g.actionCase(&b, spec, a); err != nil {
			return nil, fmt.Errorf("%s: %w", spec.Action, err)
		}
	}
	b.WriteString("\t})\n}\n")
	return g.file(b.Bytes()), nil
}

// decoderTest returns decode_gen_test.go: every type of decode_gen.go
// decoded both by its generated decoder and by encoding/json, over the
// package's JSON fixtures and the edge cases of internal/testutil.
func (g *gen) decoderTest() []byte {
	var b bytes.Buffer
	b.WriteString("// TestGeneratedDecodersSameAsJSON checks every generated decoder of the\n// package against encoding/json on the package's fixtures and on edge cases.\n")
	b.WriteString("func TestGeneratedDecodersSameAsJSON(t *testing.T) {\n\tt.Parallel()\n\tfor _, b := range testutil.JSONSamples(t, \"testdata/*.json\") {\n")
	for _, name := range g.decoded {
		fmt.Fprintf(&b, "\t\ttestutil.SameAsJSON[%s](t, b)\n", name)
	}
	b.WriteString("\t}\n}\n")
	return g.file(b.Bytes())
}

func (g *gen) actionCase(b *bytes.Buffer, spec *actionSpec, a *action) error {
	list := a.Kind == "list"
	version, prefix := "chargebee.APIv2", "/api/v2"
	if a.APIVersion == "v1" {
		version, prefix = "chargebee.APIv1", "/api/v1"
	}
	path := a.Path
	args := []string{"context.Background()"}
	for _, pp := range a.PathParams {
		path = strings.Replace(path, "{"+pp.Name+"}", "id_1", 1)
		args = append(args, `"id_1"`)
	}
	values := "nil"
	switch {
	case len(spec.Args) > 0:
		var vs []string
		for _, arg := range spec.Args {
			args = append(args, `""`)
			vs = append(vs, fmt.Sprintf("%q: {\"\"}", arg.Wire))
		}
		values = "url.Values{" + strings.Join(vs, ", ") + "}"
	case spec.Request != "":
		args = append(args, "&"+spec.Request+"{}")
	}
	method := spec.Method
	keys := a.Response
	if list {
		method += "Page"
		keys = nil
		for _, k := range a.Response {
			if k.Key == "list" {
				keys = k.ArrayOf
			}
		}
	}
	var present []string
	missingKey := ""
	for _, k := range keys {
		if !k.Required {
			continue
		}
		v := "{}"
		if k.Array {
			v = "[]"
		}
		present = append(present, fmt.Sprintf("%q:%s", k.Key, v))
		if missingKey == "" {
			missingKey = k.Key
		}
	}
	body := "{" + strings.Join(present, ",") + "}"
	missing := "{}"
	if list {
		body = `{"list":[` + body + `]}`
		missing = `{"list":[{}]}`
	}
	fmt.Fprintf(b, "\t\t{\n\t\tName: %q, Version: %s, Method: %q, Path: %q, Values: %s,\n", method, version, a.Method, prefix+path, values)
	fmt.Fprintf(b, "\t\tBody: %q, MissingBody: %q, MissingKey: %q,\n", body, missing, missingKey)
	fmt.Fprintf(b, "\t\tCall: func(cb *chargebee.Client) error {\n\t\t\t_, err := NewService(cb).%s(%s)\n\t\t\treturn err\n\t\t},\n", method, strings.Join(args, ", "))
	if spec.Request != "" {
		fmt.Fprintf(b, "\t\tValidate: func() error { return new(%s).Validate() },\n\t\tRequired: %q,\n", spec.Request, firstRequired(a))
	}
	b.WriteString("\t\t},\n")
	return nil
}

// firstRequired returns the wire key of the first parameter an empty
// request lacks, in the order Validate checks them; "" when none is
// required.
func firstRequired(a *action) string {
	for _, p := range a.Params {
		if p.Required && (p.Group == "" || p.GroupRequired) {
			return p.Wire
		}
	}
	if len(a.XOneOf) > 0 {
		return a.XOneOf[0][0]
	}
	return ""
}

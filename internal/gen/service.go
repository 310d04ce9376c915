package main

import (
	"bytes"
	"fmt"
	"strings"
)

// responseKey is one top-level key of an action's response, or of a list
// entry.
type responseKey struct {
	Key      string        `json:"key"`
	Required bool          `json:"required"`
	Model    string        `json:"model"`
	Array    bool          `json:"array"`
	ArrayOf  []responseKey `json:"array_of"`
}

// service returns service_gen.go: the Service type, and for every action
// its result type, its catalog facts and its method.
func (g *gen) service() ([]byte, error) {
	var b bytes.Buffer
	name := g.pkg.Name
	fmt.Fprintf(&b, `// Service calls the %[1]s actions of one client. Create it with
// NewService; it is safe for concurrent use.
//
// See %[2]s.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that calls Chargebee through cb.
func NewService(cb *chargebee.Client) *Service { return &Service{cb: cb} }

// client returns the service's client; nil for a nil service.
func (s *Service) client() *chargebee.Client {
	if s == nil {
		return nil
	}
	return s.cb
}

// errNilService is returned by every method of a nil Service or of one
// made without a client.
var errNilService = api.NilService(%[1]q)

`, name, g.pkg.DocsURL)
	for i := range g.pkg.Actions {
		spec := &g.pkg.Actions[i]
		a, ok := g.actions[spec.Action]
		if !ok {
			return nil, fmt.Errorf("action %q missing from catalog", spec.Action)
		}
		if err := g.method(&b, spec, a); err != nil {
			return nil, fmt.Errorf("%s: %w", spec.Action, err)
		}
	}
	return g.file(b.Bytes()), nil
}

// version returns the Go expression of the API version the action needs,
// or "" when it exists in both: an action of API v1 needs v1, one the
// catalog lists in its v1/v2 comparison exists in both, any other needs v2.
func (g *gen) version(a *action) string {
	if a.APIVersion == "v1" {
		return "chargebee.APIv1"
	}
	if a.XInV1 {
		return ""
	}
	for _, d := range g.cat.V1Diff {
		if d.V2Action == a.ID {
			return ""
		}
	}
	return "chargebee.APIv2"
}

func versionSentence(v string) string {
	switch v {
	case "chargebee.APIv1":
		return "The action exists in API v1 only: the client must be made with chargebee.WithAPIVersion(chargebee.APIv1)."
	case "chargebee.APIv2":
		return "The action needs API v2."
	}
	return "The action exists in API v2 and v1."
}

func (g *gen) method(b *bytes.Buffer, spec *actionSpec, a *action) error {
	list := a.Kind == "list"
	hasID := len(a.PathParams) > 0
	if hasID != (spec.IDArg != "") {
		return fmt.Errorf("the catalog has %d path ids, the method names %q", len(a.PathParams), spec.IDArg)
	}
	if len(a.PathParams) > 1 {
		return fmt.Errorf("%d path ids", len(a.PathParams))
	}
	if (len(a.Params)+len(a.Filters) > 0) != (spec.Request != "") {
		return fmt.Errorf("the catalog has %d parameters, the method's request is %q", len(a.Params), spec.Request)
	}
	path, pathParam := a.Path, ""
	if hasID {
		pp := a.PathParams[0]
		path = strings.Replace(path, "{"+pp.Name+"}", "{id}", 1)
		pathParam = snake(pp.GoName)
	}
	version := g.version(a)
	// Errors name the Go method and the catalog action.
	actionName := g.pkg.Name + "." + spec.Method + " (" + a.ID + ")"
	actVar := "act" + spec.Method

	// The result (or list entry) type.
	keys := a.Response
	resultDoc := fmt.Sprintf("%s is the response of Service.%s.", spec.Result, spec.Method)
	if list {
		keys = nil
		for _, k := range a.Response {
			if k.Key == "list" {
				keys = k.ArrayOf
			}
		}
		if keys == nil {
			return fmt.Errorf("list action without list entries")
		}
		resultDoc = fmt.Sprintf("%s is one entry of Service.%s.", spec.Result, spec.Method)
	}
	if a.Deprecated != (spec.Deprecated != "") {
		return fmt.Errorf("the catalog's deprecated flag is %v, the method's note %q", a.Deprecated, spec.Deprecated)
	}
	if err := g.resultType(b, spec, resultDoc, keys); err != nil {
		return err
	}

	// The catalog facts the call needs.
	fmt.Fprintf(b, "// %s is %s (%s %s).\nvar %s = api.Action{\n\tName: %q,\n\tMethod: %q,\n\tPath: %q,\n",
		actVar, a.ID, a.Method, a.Path, actVar, actionName, a.Method, path)
	if pathParam != "" {
		fmt.Fprintf(b, "\tPathParam: %q,\n", pathParam)
	}
	if version != "" {
		fmt.Fprintf(b, "\tVersion: %s,\n", version)
	}
	if spec.Alt != "" {
		fmt.Fprintf(b, "\tAlt: %q,\n", spec.Alt)
	}
	if expr := g.v1KeysExpr(a); expr != "" {
		fmt.Fprintf(b, "\tV1Keys: %s,\n", expr)
	}
	if spec.Request != "" && len(spec.Args) == 0 && g.requestHasRequired(a) {
		b.WriteString("\tNeedsParams: true,\n")
	}
	if spec.MapErr != "" {
		fmt.Fprintf(b, "\tMapErr: %s,\n", spec.MapErr)
	}
	b.WriteString("\tNilService: errNilService,\n}\n\n")

	// The signature's arguments, and the expressions passed on.
	var args []string
	idExpr := `""`
	if hasID {
		args = append(args, spec.IDArg+" string")
		idExpr = spec.IDArg
	}
	reqExpr := "nil"
	var prelude []string
	if a.XNotPathID != "" {
		f, err := g.requestField(spec.Request, a, a.XNotPathID)
		if err != nil {
			return err
		}
		prelude = append(prelude, fmt.Sprintf("if req != nil && req.%s != nil && *req.%[1]s == %s {\n\treturn nil, api.Invalid(%q, \"must differ from the %[2]s argument\")\n}", f.Name, idExpr, a.XNotPathID))
	}
	if v1, err := g.v1OnlyFields(a, nil); err != nil {
		return err
	} else if len(v1) > 0 {
		prelude = append(prelude, "if cb := s.client(); cb != nil && cb.APIVersion() == chargebee.APIv2 {\n\tif err := req.validateV2(); err != nil {\n\t\treturn nil, err\n\t}\n}")
	}
	if g.v1Check(a.ID) != nil {
		prelude = append(prelude, "if cb := s.client(); cb != nil && cb.APIVersion() == chargebee.APIv1 {\n\tif err := req.validateV1(); err != nil {\n\t\treturn nil, err\n\t}\n}")
	}
	switch {
	case len(spec.Args) > 0:
		var inits []string
		for _, arg := range spec.Args {
			f, err := g.requestField(spec.Request, a, arg.Wire)
			if err != nil {
				return err
			}
			args = append(args, arg.Name+" "+strings.TrimPrefix(f.Type, "*"))
			inits = append(inits, f.Name+": &"+arg.Name)
		}
		reqExpr = "&" + spec.Request + "{" + strings.Join(inits, ", ") + "}"
	case spec.Request != "":
		args = append(args, "req *"+spec.Request)
		reqExpr = "req"

	}
	args = append(args, "opts ...chargebee.RequestOption")
	link := actionLink(g.pkg, spec)
	spec.Doc = strings.TrimSuffix(spec.Doc, ".")
	if !list {
		spec.Doc += "."
	}
	sig := "ctx context.Context, " + strings.Join(args, ", ")

	if !list {
		writeDoc(b, "", fmt.Sprintf("%s\n\nIt sends %s %s. %s\n", spec.Doc, a.Method, a.Path, versionSentence(version)))
		if spec.Deprecated != "" {
			writeDoc(b, "", "Deprecated: "+spec.Deprecated+"\n")
		}
		b.WriteString("// See " + link + ".\n")
		fmt.Fprintf(b, "func (s *Service) %s(%s) (*%s, error) {\n", spec.Method, sig, spec.Result)
		for _, p := range prelude {
			b.WriteString(p + "\n")
		}
		fmt.Fprintf(b, "\treturn api.Call(ctx, s.client(), &%s, %s, %s, (*%s).missing, opts)\n}\n\n", actVar, idExpr, reqExpr, spec.Result)
		return nil
	}

	if len(spec.Args) > 0 {
		return fmt.Errorf("a list takes its parameters in a request")
	}
	pageDoc := fmt.Sprintf("%sPage fetches one page of %s.\n\nThe page starts at req.Offset; pass its NextOffset as the Offset of the next request (it is empty on the last page). req may be nil. It sends %s %s. %s\n",
		spec.Method, spec.Doc, a.Method, a.Path, versionSentence(version))
	writeDoc(b, "", pageDoc)
	b.WriteString("// See " + link + ".\n")
	fmt.Fprintf(b, "func (s *Service) %sPage(%s) (*chargebee.Page[%s], error) {\n", spec.Method, sig, spec.Result)
	for _, p := range prelude {
		b.WriteString(p + "\n")
	}
	fmt.Fprintf(b, "\treturn api.Page(ctx, s.client(), &%s, %s, req, decode%sPage, (*%s).missing, opts)\n}\n\n", actVar, idExpr, spec.Result, spec.Result)

	idArg := ""
	if hasID {
		idArg = spec.IDArg + ", "
	}
	iterDoc := fmt.Sprintf("%s iterates over %s.\n\nPages are fetched lazily: nothing is sent until the loop starts, pages come one at a time, and the loop ends after the last page or at the first error, which is yielded once with a nil entry. req may be nil and is not modified; when it sets Offset, listing starts there. %s\n",
		spec.Method, spec.Doc, versionSentence(version))
	writeDoc(b, "", iterDoc)
	b.WriteString("// See " + link + ".\n")
	fmt.Fprintf(b, `func (s *Service) %[1]s(%[2]s) iter.Seq2[*%[3]s, error] {
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[%[3]s], error) {
		return s.%[1]sPage(ctx, %[4]sreq.atOffset(offset), opts...)
	})
}

// atOffset returns a copy of r that starts at offset, or at r's own Offset
// when offset is "".
func (r *%[5]s) atOffset(offset string) *%[5]s {
	var c %[5]s
	if r != nil {
		c = *r
	}
	if offset != "" {
		c.Offset = &offset
	}
	return &c
}

`, spec.Method, sig, spec.Result, idArg, spec.Request)
	return nil
}

// resultType writes a result or list entry type and its required-key
// check. Actions with the same response may share one result type: it is
// written at its first use, and later uses must have the same keys.
func (g *gen) resultType(b *bytes.Buffer, spec *actionSpec, doc string, keys []responseKey) error {
	name := spec.Result
	sig := fmt.Sprintf("%+v %v", keys, spec.Fields)
	if have, ok := g.results[name]; ok {
		if have != sig {
			return fmt.Errorf("result type %s is shared by actions with different responses", name)
		}
		return nil
	}
	g.results[name] = sig
	if shared := g.sharers(name); len(shared) > 1 {
		doc = fmt.Sprintf("%s is the response of %s.", name, strings.Join(shared, ", "))
	}
	writeDoc(b, "", doc)
	fmt.Fprintf(b, "type %s struct {\n", name)
	var required []string
	for _, k := range keys {
		f, ok := spec.Fields[k.Key]
		if !ok {
			f, ok = g.pkg.Fields[k.Key]
		}
		if !ok {
			return fmt.Errorf("response key %q has no Go type", k.Key)
		}
		goField := camel(k.Key)
		d := goField + " is " + f.Doc
		tag := k.Key
		if k.Required {
			d += " (always present)"
			required = append(required, k.Key)
		} else {
			tag += ",omitempty"
		}
		writeDoc(b, "\t", d+".")
		fmt.Fprintf(b, "\t%s %s `json:%q`\n", goField, f.Type, tag)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// missing returns the first required key r lacks, or \"\".\nfunc (r *%s) missing() string {\n", name)
	for _, key := range required {
		fmt.Fprintf(b, "\tif r.%s == nil {\n\t\treturn %q\n\t}\n", camel(key), key)
	}
	b.WriteString("\treturn \"\"\n}\n\n")
	return nil
}

// v1KeysExpr returns the Go expression of the wire keys API v1 takes for
// an action that exists in both versions with fewer parameters in v1, or
// "" when every key is taken: for customer actions the generated v1Keys,
// which the catalog's v1/v2 comparison gives; for others the keys of the
// action's v1 twin (event_v1.list for event.list).
func (g *gen) v1KeysExpr(a *action) string {
	for _, d := range g.cat.V1Diff {
		if d.V2Action == a.ID && len(d.V2Only) > 0 && g.pkg.Name == "customer" {
			return fmt.Sprintf("v1Keys[%q]", a.ID)
		}
	}
	twin, ok := g.actions[strings.Replace(a.ID, ".", "_v1.", 1)]
	if !ok || len(twin.Params)+len(twin.Filters) == 0 {
		return ""
	}
	var keys []string
	for _, p := range twin.Params {
		keys = append(keys, fmt.Sprintf("%q: true", p.Wire))
	}
	for _, f := range twin.Filters {
		for _, o := range f.Operators {
			keys = append(keys, fmt.Sprintf("%q: true", o.Wire))
		}
	}
	return "map[string]bool{" + strings.Join(keys, ", ") + "}"
}

// requestField returns the Go field of request type name that carries wire.
func (g *gen) requestField(name string, a *action, wire string) (field, error) {
	for _, spec := range g.pkg.Requests {
		if spec.Name != name {
			continue
		}
		for i := range a.Params {
			p := a.Params[i]
			if p.Wire != wire {
				continue
			}
			if p.Group != "" && p.Group == spec.Flatten {
				p.Group, p.GroupKind, p.Leaf = "", "", p.Wire
			}
			if p.Group != "" {
				return field{}, fmt.Errorf("argument %s is inside group %s", wire, p.Group)
			}
			typ, err := g.leafType(&p)
			if err != nil {
				return field{}, err
			}
			return field{Name: goName(p.GoField), Type: typ}, nil
		}
		return field{}, fmt.Errorf("request %s has no parameter %s", name, wire)
	}
	return field{}, fmt.Errorf("no request type %s", name)
}

// requestHasRequired reports whether a nil request of the action would fail
// validation.
func (g *gen) requestHasRequired(a *action) bool {
	for _, p := range a.Params {
		if p.Required && (p.Group == "" || p.GroupRequired) {
			return true
		}
	}
	return false
}

// sharers returns the methods whose result is type name.
func (g *gen) sharers(name string) []string {
	var out []string
	for _, a := range g.pkg.Actions {
		if a.Result == name {
			out = append(out, "Service."+a.Method)
		}
	}
	return out
}

// snake turns a Go name such as promotionalCreditID into
// promotional_credit_id.
func snake(s string) string {
	s = strings.ReplaceAll(s, "ID", "Id")
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// actionLink returns the Chargebee page of an action: its package's page,
// or its own, at its anchor.
func actionLink(pkg *pkgSpec, spec *actionSpec) string {
	page := pkg.DocsURL
	if spec.Page != "" {
		page = spec.Page
	}
	return page + "#" + spec.Anchor
}

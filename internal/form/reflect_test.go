package form

// This file holds the reflection-driven encoder the package used before
// the request types got generated AppendForm methods. It is kept, in tests
// only, as the oracle those methods must agree with byte for byte.

import (
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-querystring/query"
)

// reflectBytes returns the URL encoding of v's form values (keys sorted,
// as url.Values.Encode sorts them), or nil when there are none. v is a
// struct or pointer to a struct with `url` tags, url.Values, or nil; a v
// nesting deeper than MaxDepth is refused (see CheckDepth), and so is a
// shape the package does not encode.
//
// The bytes are written straight from the struct, in key order, without
// building a map: each struct type's fields are sorted by wire key once,
// and the keys of nested fields are built once per position and reused.
func reflectBytes(v any) ([]byte, error) {
	if err := CheckDepth(v); err != nil {
		return nil, err
	}
	if x, ok := v.(url.Values); ok {
		if len(x) == 0 {
			return nil, nil
		}
		return []byte(x.Encode()), nil
	}
	rv, err := structValue(v)
	if err != nil || !rv.IsValid() {
		return nil, err
	}
	w := refWriterPool.Get().(*refWriter)
	defer w.release()
	w.reset()
	if err := w.structFields(planFor(rv.Type()), "", rv); err != nil {
		return nil, err
	}
	if len(w.buf) == 0 {
		return nil, nil
	}
	return append([]byte(nil), w.buf...), nil
}

// structValue returns the struct v points to; the zero Value for nil or a
// nil pointer; an error for anything but a (pointer to a) struct.
func structValue(v any) (reflect.Value, error) {
	if v == nil {
		return reflect.Value{}, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return reflect.Value{}, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return reflect.Value{}, &Error{Reason: "cannot encode " + rv.Type().String() + "; want a struct, a pointer to one, url.Values or nil"}
	}
	return rv, nil
}

var timeType = reflect.TypeFor[time.Time]()

// fieldKind is how the writer handles a field.
type fieldKind uint8

const (
	kindUnsupported fieldKind = iota // refused with an *Error when present
	kindScalar                       // string, bool, number, time.Time, or pointers to one
	kindJSON                         // the json option
	kindStruct                       // nested struct or pointer to one
	kindStructSlice                  // slice or array of structs: key[field][i]
	kindScalarSlice                  // slice or array of scalars: key[i]
	kindInline                       // inline map[string]string at the top level
	kindEncoder                      // a query.Encoder (the SDK's filters) writing its own keys
)

// fastPlan is the writer's view of a struct type, derived from its
// structPlan once.
type fastPlan struct {
	plan  *structPlan
	kinds []fieldKind   // by field, as structPlan.fields
	elems []*structPlan // plan of a nested struct, or of a slice's elements
	// top and nested list the fields (not the inline one) in the order of
	// their wire keys when the struct is at the top level (keys "name" and
	// "name[...]") and when it is nested (keys "p[name]" and "p[name][...]").
	top, nested []int
	inline      int // index of the inline map field, or -1
	keys        atomic.Pointer[keyCache]
}

// keyCache holds the wire keys of a plan's fields under one prefix: raw for
// ordering, escaped for writing. Elements of slices of structs add an index.
type keyCache struct {
	prefix   string
	raw, esc []string
	// indexed[i][f] is the raw and escaped key of field f of element i.
	indexed [][]string
	idxEsc  [][]string
}

func (p *structPlan) fast() *fastPlan {
	p.fastOnce.Do(func() { p.fastP = buildFast(p) })
	return p.fastP
}

func buildFast(p *structPlan) *fastPlan {
	fp := &fastPlan{plan: p, kinds: make([]fieldKind, len(p.fields)), elems: make([]*structPlan, len(p.fields)), inline: -1}
	type sortable struct {
		idx      int
		top, nes string
	}
	var order []sortable
	for i := range p.fields {
		f := &p.fields[i]
		k, elem := classify(f)
		fp.kinds[i], fp.elems[i] = k, elem
		if k == kindInline {
			if fp.inline < 0 {
				fp.inline = i
				continue
			}
			fp.kinds[i] = kindUnsupported // a second set of custom fields
		}
		s := sortable{idx: i, top: f.name, nes: f.name + "]"}
		if k == kindStruct || k == kindStructSlice || k == kindScalarSlice || k == kindEncoder {
			s.top += "["
			s.nes += "["
		}
		order = append(order, s)
	}
	slices.SortStableFunc(order, func(a, b sortable) int { return strings.Compare(a.top, b.top) })
	for _, s := range order {
		fp.top = append(fp.top, s.idx)
	}
	slices.SortStableFunc(order, func(a, b sortable) int { return strings.Compare(a.nes, b.nes) })
	for _, s := range order {
		fp.nested = append(fp.nested, s.idx)
	}
	return fp
}

// classify tells how the writer handles field f, and for a nested
// struct or a slice of structs the plan of that struct.
func classify(f *fieldPlan) (fieldKind, *structPlan) {
	switch {
	case f.embedded != nil || f.name == "" && !f.inline:
		return kindUnsupported, nil
	case f.inline:
		t := f.typ
		if t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String {
			return kindInline, nil
		}
		return kindUnsupported, nil
	case f.json:
		return kindJSON, nil
	}
	return classifyType(f.typ)
}

// classifyType tells how the writer handles a field of type t.
func classifyType(t reflect.Type) (fieldKind, *structPlan) {
	t = derefType(t)
	switch {
	case isScalar(t):
		return kindScalar, nil
	case t.Implements(encoderType):
		return kindEncoder, nil
	case t.Kind() == reflect.Struct:
		return kindStruct, planFor(t)
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		if et, ok := structElem(t); ok {
			return kindStructSlice, planFor(et)
		}
		if isScalar(derefType(t.Elem())) {
			return kindScalarSlice, nil
		}
	}
	return kindUnsupported, nil
}

// derefType follows pointer types that are not query.Encoders.
func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer && !t.Implements(encoderType) {
		t = t.Elem()
	}
	return t
}

// isScalar reports whether values of t encode as one plain value.
func isScalar(t reflect.Type) bool {
	if t.Implements(encoderType) {
		return false
	}
	if t == timeType {
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// keysFor returns the keys of p's fields under prefix ("" at the top level).
func (fp *fastPlan) keysFor(p *structPlan, prefix string) *keyCache {
	if kc := fp.keys.Load(); kc != nil && kc.prefix == prefix {
		return kc
	}
	kc := &keyCache{prefix: prefix, raw: make([]string, len(p.fields)), esc: make([]string, len(p.fields))}
	for i := range p.fields {
		name := p.fields[i].name
		if prefix != "" {
			name = prefix + "[" + name + "]"
		}
		kc.raw[i], kc.esc[i] = name, url.QueryEscape(name)
	}
	fp.keys.Store(kc)
	return kc
}

// maxCachedIndex bounds the element indexes whose keys are kept.
const maxCachedIndex = 16

// indexedKey returns the raw and escaped key of field f of element i.
func (fp *fastPlan) indexedKey(kc *keyCache, f, i int) (string, string) {
	if i < len(kc.indexed) {
		return kc.indexed[i][f], kc.idxEsc[i][f]
	}
	raw := kc.raw[f] + "[" + strconv.Itoa(i) + "]"
	esc := url.QueryEscape(raw)
	if i >= maxCachedIndex || fp.keys.Load() != kc {
		return raw, esc
	}
	// Extend a copy of the cache up to element i.
	next := *kc
	next.indexed = append([][]string(nil), kc.indexed...)
	next.idxEsc = append([][]string(nil), kc.idxEsc...)
	for j := len(kc.indexed); j <= i; j++ {
		r, e := make([]string, len(kc.raw)), make([]string, len(kc.raw))
		for k := range kc.raw {
			r[k] = kc.raw[k] + "[" + strconv.Itoa(j) + "]"
			e[k] = url.QueryEscape(r[k])
		}
		next.indexed = append(next.indexed, r)
		next.idxEsc = append(next.idxEsc, e)
	}
	fp.keys.CompareAndSwap(kc, &next)
	return raw, esc
}

// writer writes form pairs in key order into buf.
type refWriter struct {
	buf     []byte
	last    string // raw key of the last pair, to check the order
	started bool
	// Pending custom fields of the top level, sorted, and their values.
	inlineKeys []string
	inlineVals map[string]string
}

var refWriterPool = sync.Pool{New: func() any { return &refWriter{buf: make([]byte, 0, 1024)} }}

func (w *refWriter) reset() {
	w.buf, w.last, w.started = w.buf[:0], "", false
	w.inlineKeys, w.inlineVals = w.inlineKeys[:0], nil
}

func (w *refWriter) release() {
	if cap(w.buf) > 64<<10 {
		return // do not keep huge buffers alive
	}
	w.last, w.inlineVals = "", nil
	clear(w.inlineKeys[:cap(w.inlineKeys)])
	refWriterPool.Put(w)
}

// key starts the pair for raw key (escaped esc), first writing the custom
// fields that sort before it. It fails when the keys are not strictly
// increasing: a custom field or a filter wrote another parameter's key.
func (w *refWriter) key(raw, esc string) error {
	if err := w.inlineBefore(raw, false); err != nil {
		return err
	}
	return w.pair(raw, esc)
}

// inlineBefore writes the pending custom fields whose keys sort before
// raw, or all of them.
func (w *refWriter) inlineBefore(raw string, all bool) error {
	for len(w.inlineKeys) > 0 && (all || w.inlineKeys[0] < raw) {
		k := w.inlineKeys[0]
		w.inlineKeys = w.inlineKeys[1:]
		if err := w.pair(k, url.QueryEscape(k)); err != nil {
			return err
		}
		w.buf = appendEscaped(w.buf, w.inlineVals[k])
	}
	return nil
}

func (w *refWriter) pair(raw, esc string) error {
	if w.started {
		if raw <= w.last {
			return &Error{Key: raw, Reason: "is sent twice or out of order (a custom field or filter repeats another parameter)"}
		}
		w.buf = append(w.buf, '&')
	}
	w.started, w.last = true, raw
	w.buf = append(w.buf, esc...)
	w.buf = append(w.buf, '=')
	return nil
}

// structFields writes the fields of struct v under prefix.
func (w *refWriter) structFields(p *structPlan, prefix string, v reflect.Value) error {
	fp := p.fast()
	if err := w.startStruct(p, fp, prefix, v); err != nil {
		return err
	}
	order := fp.nested
	if prefix == "" {
		order = fp.top
	}
	kc := fp.keysFor(p, prefix)
	for _, i := range order {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if isAbsent(fv, f.omitEmpty) {
			continue
		}
		if err := w.field(fp, kc, i, fv); err != nil {
			return err
		}
	}
	if prefix == "" {
		return w.inlineBefore("", true) // those that sort after every other key
	}
	return nil
}

// startStruct queues the custom fields of the top level; below it they are
// refused.
func (w *refWriter) startStruct(p *structPlan, fp *fastPlan, prefix string, v reflect.Value) error {
	switch {
	case fp.inline < 0:
		return nil
	case prefix != "":
		return &Error{Key: prefix, Reason: "custom fields (the inline option) are only sent at the top level"}
	}
	return w.startInline(v.Field(p.fields[fp.inline].index))
}

// field writes field i, of value fv, with its key from kc.
func (w *refWriter) field(fp *fastPlan, kc *keyCache, i int, fv reflect.Value) error {
	switch fp.kinds[i] {
	case kindScalar:
		return w.scalar(kc.raw[i], kc.esc[i], fv)
	case kindJSON:
		return w.json(kc.raw[i], kc.esc[i], fv)
	case kindStruct:
		if fv = deref(fv); fv.IsValid() {
			return w.structFields(fp.elems[i], kc.raw[i], fv)
		}
		return nil
	case kindStructSlice:
		return w.structSlice(fp.elems[i], kc.raw[i], fv)
	case kindScalarSlice:
		return w.scalarSlice(kc.raw[i], fv)
	case kindEncoder:
		return w.encoder(kc.raw[i], fv)
	}
	return unsupported(kc.raw[i], &fp.plan.fields[i])
}

// unsupported is the error of a field of a shape the package does not
// encode.
func unsupported(key string, f *fieldPlan) error {
	t := f.typ
	if f.embedded != nil {
		t = f.embedded
	}
	return &Error{Key: key, Reason: "unsupported field type " + t.String()}
}

// encoder writes the keys a query.Encoder adds under raw, in key order.
func (w *refWriter) encoder(raw string, v reflect.Value) error {
	values := url.Values{}
	if err := v.Interface().(query.Encoder).EncodeValues(raw, &values); err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		esc := url.QueryEscape(k)
		for j, val := range values[k] {
			if j == 0 {
				if err := w.key(k, esc); err != nil {
					return err
				}
			} else {
				w.buf = append(append(append(w.buf, '&'), esc...), '=')
			}
			w.buf = appendEscaped(w.buf, val)
		}
	}
	return nil
}

// startInline queues the custom fields of the top level in key order.
func (w *refWriter) startInline(m reflect.Value) error {
	if m.Len() == 0 {
		return nil
	}
	vals := m.Convert(stringMap).Interface().(map[string]string)
	for k := range vals {
		if k == "" {
			return &Error{Key: "custom field", Reason: "key must not be empty"}
		}
		w.inlineKeys = append(w.inlineKeys, k)
	}
	slices.Sort(w.inlineKeys)
	w.inlineVals = vals
	return nil
}

var stringMap = reflect.TypeOf(map[string]string(nil))

// deref follows pointers; it returns the zero Value at a nil one.
func deref(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// scalar writes one plain value: decimal integers, floats without exponent,
// time.Time as Unix seconds.
func (w *refWriter) scalar(raw, esc string, v reflect.Value) error {
	if v = deref(v); !v.IsValid() {
		return nil
	}
	if err := w.key(raw, esc); err != nil {
		return err
	}
	switch v.Kind() {
	case reflect.String:
		w.buf = appendEscaped(w.buf, v.String())
	case reflect.Bool:
		w.buf = strconv.AppendBool(w.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.buf = strconv.AppendUint(w.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return &Error{Key: raw, Reason: "must be a finite number"}
		}
		w.buf = strconv.AppendFloat(w.buf, f, 'f', -1, v.Type().Bits())
	default: // time.Time, the only other scalar
		w.buf = strconv.AppendInt(w.buf, v.Interface().(time.Time).Unix(), 10)
	}
	return nil
}

// json writes the field as one compact JSON document.
func (w *refWriter) json(raw, esc string, v reflect.Value) error {
	b, err := JSON(raw, v.Interface())
	if err != nil {
		return err
	}
	if err := w.key(raw, esc); err != nil {
		return err
	}
	w.buf = appendEscaped(w.buf, b)
	return nil
}

// structSlice writes key[field][i] for every element i, field by field and,
// within a field, in the order the index strings sort.
func (w *refWriter) structSlice(p *structPlan, prefix string, v reflect.Value) error {
	fp := p.fast()
	if fp.inline >= 0 {
		return &Error{Key: prefix, Reason: "custom fields (the inline option) are only sent at the top level"}
	}
	n := v.Len()
	if n == 0 {
		return nil
	}
	idx := Indexes(n)
	var small [8]reflect.Value
	elems := small[:0]
	for i := 0; i < n; i++ {
		elems = append(elems, deref(v.Index(i)))
	}
	kc := fp.keysFor(p, prefix)
	for _, f := range fp.nested {
		fd := &p.fields[f]
		for _, i := range idx {
			if !elems[i].IsValid() {
				continue
			}
			fv := elems[i].Field(fd.index)
			if isAbsent(fv, fd.omitEmpty) {
				continue
			}
			if err := w.element(fp, kc, f, i, fv); err != nil {
				return err
			}
		}
	}
	return nil
}

// element writes field f, of value fv, of element i of a slice of
// structs. Only plain and JSON values are sent inside elements.
func (w *refWriter) element(fp *fastPlan, kc *keyCache, f, i int, fv reflect.Value) error {
	raw, esc := fp.indexedKey(kc, f, i)
	switch fp.kinds[f] {
	case kindScalar:
		return w.scalar(raw, esc, fv)
	case kindJSON:
		return w.json(raw, esc, fv)
	}
	return unsupported(raw, &fp.plan.fields[f])
}

// scalarSlice writes key[i] for every element i, in index string order.
func (w *refWriter) scalarSlice(prefix string, v reflect.Value) error {
	for _, i := range Indexes(v.Len()) {
		raw := prefix + "[" + strconv.Itoa(i) + "]"
		if err := w.scalar(raw, url.QueryEscape(raw), v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// structElem returns the struct type of the elements of slice or array
// type t when they are sent field by field (structs or pointers to them,
// other than time.Time and query.Encoders).
func structElem(t reflect.Type) (reflect.Type, bool) {
	et := t.Elem()
	if et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct || et == timeType {
		return nil, false
	}
	return et, !reflect.PointerTo(et).Implements(encoderType) && !et.Implements(encoderType)
}

// reflectValues returns the form values of v: url.Values are copied, anything else
// is the parsed result of reflectBytes(v), so the two always agree. A nil v
// gives nil values.
func reflectValues(v any) (url.Values, error) {
	if x, ok := v.(url.Values); ok {
		out := make(url.Values, len(x))
		for k, vs := range x {
			out[k] = append([]string(nil), vs...)
		}
		return out, nil
	}
	b, err := reflectBytes(v)
	if err != nil {
		return nil, err
	}
	if b == nil {
		if rv, _ := structValue(v); !rv.IsValid() {
			return nil, nil // nil, or a nil pointer
		}
		return url.Values{}, nil
	}
	return url.ParseQuery(string(b))
}

// fieldPlan is how one struct field is encoded.
type fieldPlan struct {
	index     int
	name      string
	omitEmpty bool
	// embedded is the struct type of an untagged embedded field, a shape
	// the writer refuses (see classify); the depth walk still enters it.
	embedded reflect.Type
	// typ, inline and json describe the field for the writer.
	typ          reflect.Type
	inline, json bool
}

type structPlan struct {
	fields []fieldPlan

	fastOnce sync.Once
	fastP    *fastPlan
}

var plans sync.Map // reflect.Type → *structPlan

func planFor(t reflect.Type) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	// Building a plan never recurses into planFor (nested struct types are
	// planned lazily, on first use), so recursive types terminate. Two
	// goroutines may build the same plan; LoadOrStore keeps one.
	p := &structPlan{fields: buildFields(t)}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.(*structPlan)
}

func buildFields(t reflect.Type) []fieldPlan {
	var fields []fieldPlan
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, tagged := sf.Tag.Lookup("url")
		if tag == "-" {
			continue
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if sf.Anonymous && !tagged && ft.Kind() == reflect.Struct && !sf.Type.Implements(encoderType) {
			// An untagged embedded struct: recorded so that the writer can
			// refuse it by name (callers' own structs go to go-querystring).
			fields = append(fields, fieldPlan{index: i, embedded: ft})
			continue
		}
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" && !hasOpt(opts, "inline") {
			name = sf.Name
		}
		fields = append(fields, fieldPlan{index: i, name: name, omitEmpty: hasOpt(opts, "omitempty"),
			typ: sf.Type, inline: hasOpt(opts, "inline"), json: hasOpt(opts, "json")})
	}
	return fields
}

func hasOpt(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

func isAbsent(v reflect.Value, omitEmpty bool) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return omitEmpty && v.IsZero()
}

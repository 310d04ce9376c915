package form

import (
	"bytes"
	"errors"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// EncodeBytes returns the URL encoding of v's form values: exactly the bytes
// of Encode(v) followed by url.Values.Encode (keys sorted, one value each),
// or nil when there are none.
//
// For the request shapes of the SDK (scalars, pointers, nested structs,
// slices of structs or scalars, JSON fields and inline custom fields) the
// bytes are written straight from the struct, in key order, without building
// the map: each struct type's fields are sorted by wire key once, and the
// keys of nested fields are built once per position and reused. Any other
// shape, and any field that fails to encode, goes through Encode, so the
// result and the errors are Encode's. A v nesting deeper than MaxDepth is
// refused (see CheckDepth).
func EncodeBytes(v any) ([]byte, error) {
	if err := CheckDepth(v); err != nil {
		return nil, err
	}
	if rv, ok := structValue(v); ok {
		w := writerPool.Get().(*writer)
		w.reset()
		err := w.structFields(planFor(rv.Type()), "", rv)
		if err == nil {
			var out []byte
			if len(w.buf) > 0 {
				out = append([]byte(nil), w.buf...)
			}
			w.release()
			return out, nil
		}
		w.release()
	}
	values, err := encode(v)
	if err != nil || len(values) == 0 {
		return nil, err
	}
	return []byte(values.Encode()), nil
}

// structValue returns the struct v points to, if v is a non-nil (pointer
// to a) struct other than url.Values.
func structValue(v any) (reflect.Value, bool) {
	if v == nil {
		return reflect.Value{}, false
	}
	if _, ok := v.(url.Values); ok {
		return reflect.Value{}, false
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return reflect.Value{}, false
		}
		rv = rv.Elem()
	}
	return rv, rv.Kind() == reflect.Struct
}

// errSlow stops the direct writer; the caller encodes through Encode.
var errSlow = errors.New("form: shape needs the general encoder")

// fieldKind is how the direct writer handles a field.
type fieldKind uint8

const (
	kindSlow        fieldKind = iota // needs the general encoder
	kindScalar                       // string, bool, number, time.Time, or pointers to one
	kindJSON                         // the json option
	kindStruct                       // nested struct or pointer to one
	kindStructSlice                  // slice or array of structs: key[field][i]
	kindScalarSlice                  // slice or array of scalars: key[i]
	kindInline                       // inline map[string]string at the top level
)

// fastPlan is the direct writer's view of a struct type, derived from its
// structPlan once.
type fastPlan struct {
	kinds []fieldKind   // by field, as structPlan.fields
	elems []*structPlan // plan of a nested struct, or of a slice's elements
	// top and nested list the fields (not the inline one) in the order of
	// their wire keys when the struct is at the top level (keys "name" and
	// "name[...]") and when it is nested (keys "p[name]" and "p[name][...]").
	top, nested []int
	inline      int // index of the inline map field, or -1
	slow        bool
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
	fp := &fastPlan{kinds: make([]fieldKind, len(p.fields)), elems: make([]*structPlan, len(p.fields)), inline: -1}
	type sortable struct {
		idx      int
		top, nes string
	}
	var order []sortable
	for i := range p.fields {
		f := &p.fields[i]
		k, elem := classify(f)
		fp.kinds[i], fp.elems[i] = k, elem
		switch k {
		case kindSlow:
			fp.slow = true
		case kindInline:
			if fp.inline >= 0 {
				fp.slow = true
			}
			fp.inline = i
			continue
		}
		s := sortable{idx: i, top: f.name, nes: f.name + "]"}
		if k == kindStruct || k == kindStructSlice || k == kindScalarSlice {
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

// classify tells how the direct writer handles field f, and for a nested
// struct or a slice of structs the plan of that struct.
func classify(f *fieldPlan) (fieldKind, *structPlan) {
	switch {
	case f.embedded != nil || f.name == "" && !f.inline:
		return kindSlow, nil
	case f.inline:
		t := f.typ
		if t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String {
			return kindInline, nil
		}
		return kindSlow, nil
	case f.json:
		return kindJSON, nil
	}
	return classifyType(f.typ)
}

// classifyType tells how the direct writer handles a field of type t.
func classifyType(t reflect.Type) (fieldKind, *structPlan) {
	t = derefType(t)
	switch {
	case isScalar(t):
		return kindScalar, nil
	case t.Implements(encoderType):
		return kindSlow, nil
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
	return kindSlow, nil
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
type writer struct {
	buf     []byte
	last    string // raw key of the last pair, to check the order
	started bool
	// Pending custom fields of the top level, sorted, and their values.
	inlineKeys []string
	inlineVals map[string]string
}

var writerPool = sync.Pool{New: func() any { return &writer{buf: make([]byte, 0, 1024)} }}

func (w *writer) reset() {
	w.buf, w.last, w.started = w.buf[:0], "", false
	w.inlineKeys, w.inlineVals = w.inlineKeys[:0], nil
}

func (w *writer) release() {
	if cap(w.buf) > 64<<10 {
		return // do not keep huge buffers alive
	}
	w.last, w.inlineVals = "", nil
	clear(w.inlineKeys[:cap(w.inlineKeys)])
	writerPool.Put(w)
}

// key starts the pair for raw key (escaped esc), first writing the custom
// fields that sort before it. It fails when the keys are not strictly
// increasing, which the map-based encoding would order or merge otherwise.
func (w *writer) key(raw, esc string) error {
	if err := w.inlineBefore(raw, false); err != nil {
		return err
	}
	return w.pair(raw, esc)
}

// inlineBefore writes the pending custom fields whose keys sort before
// raw, or all of them.
func (w *writer) inlineBefore(raw string, all bool) error {
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

func (w *writer) pair(raw, esc string) error {
	if w.started {
		if raw <= w.last {
			return errSlow
		}
		w.buf = append(w.buf, '&')
	}
	w.started, w.last = true, raw
	w.buf = append(w.buf, esc...)
	w.buf = append(w.buf, '=')
	return nil
}

// structFields writes the fields of struct v under prefix.
func (w *writer) structFields(p *structPlan, prefix string, v reflect.Value) error {
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

// startStruct refuses the shapes the direct writer leaves to the general
// encoder and queues the custom fields of the top level.
func (w *writer) startStruct(p *structPlan, fp *fastPlan, prefix string, v reflect.Value) error {
	switch {
	case fp.slow:
		return errSlow
	case fp.inline < 0:
		return nil
	case prefix != "":
		return errSlow
	}
	return w.startInline(v.Field(p.fields[fp.inline].index))
}

// field writes field i, of value fv, with its key from kc.
func (w *writer) field(fp *fastPlan, kc *keyCache, i int, fv reflect.Value) error {
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
	}
	return errSlow
}

// startInline queues the custom fields of the top level in key order.
func (w *writer) startInline(m reflect.Value) error {
	if m.Len() == 0 {
		return nil
	}
	vals, ok := m.Interface().(map[string]string)
	if !ok {
		return errSlow // a named map type; keep to the general encoder
	}
	for k := range vals {
		if k == "" {
			return errSlow // reported by the general encoder
		}
		w.inlineKeys = append(w.inlineKeys, k)
	}
	slices.Sort(w.inlineKeys)
	w.inlineVals = vals
	return nil
}

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

// scalar writes one plain value, as encoderFor formats it.
func (w *writer) scalar(raw, esc string, v reflect.Value) error {
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
			return errSlow
		}
		w.buf = strconv.AppendFloat(w.buf, f, 'f', -1, v.Type().Bits())
	case reflect.Struct: // time.Time
		w.buf = strconv.AppendInt(w.buf, v.Interface().(time.Time).Unix(), 10)
	default:
		return errSlow
	}
	return nil
}

// json writes the field as one compact JSON document.
func (w *writer) json(raw, esc string, v reflect.Value) error {
	jb := jsonPool.Get().(*jsonBuffer)
	defer func() {
		if jb.buf.Cap() <= 64<<10 {
			jsonPool.Put(jb)
		}
	}()
	jb.buf.Reset()
	if err := jb.enc.Encode(v.Interface()); err != nil {
		return errSlow
	}
	if err := w.key(raw, esc); err != nil {
		return err
	}
	w.buf = appendEscapedBytes(w.buf, bytes.TrimRight(jb.buf.Bytes(), "\n"))
	return nil
}

// structSlice writes key[field][i] for every element i, field by field and,
// within a field, in the order the index strings sort.
func (w *writer) structSlice(p *structPlan, prefix string, v reflect.Value) error {
	fp := p.fast()
	if fp.slow || fp.inline >= 0 {
		return errSlow
	}
	n := v.Len()
	if n == 0 {
		return nil
	}
	idx := indexOrder(n)
	var small [8]reflect.Value
	elems := small[:0]
	for i := 0; i < n; i++ {
		elems = append(elems, deref(v.Index(i)))
	}
	kc := fp.keysFor(p, prefix)
	for _, f := range fp.nested {
		switch fp.kinds[f] {
		case kindScalar, kindJSON:
		default:
			return errSlow // nested inside an element: the general encoder's key layout
		}
		fd := &p.fields[f]
		for _, i := range idx {
			if !elems[i].IsValid() {
				continue
			}
			fv := elems[i].Field(fd.index)
			if isAbsent(fv, fd.omitEmpty) {
				continue
			}
			raw, esc := fp.indexedKey(kc, f, i)
			var err error
			if fp.kinds[f] == kindJSON {
				err = w.json(raw, esc, fv)
			} else {
				err = w.scalar(raw, esc, fv)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// scalarSlice writes key[i] for every element i, in index string order.
func (w *writer) scalarSlice(prefix string, v reflect.Value) error {
	for _, i := range indexOrder(v.Len()) {
		raw := prefix + "[" + strconv.Itoa(i) + "]"
		if err := w.scalar(raw, url.QueryEscape(raw), v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// identity holds the index orders of up to ten elements, where the numeric
// and the string order agree.
var identity = [10]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// indexOrder returns 0..n-1 in the order of their keys, which end in
// "[i]": sorted as the strings "i]" sort, so "10]" before "1]".
func indexOrder(n int) []int {
	if n <= len(identity) {
		return identity[:n]
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return strings.Compare(strconv.Itoa(a)+"]", strconv.Itoa(b)+"]")
	})
	return idx
}

// appendEscaped appends s escaped as url.QueryEscape escapes it.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendEscapedByte(dst, s[i])
	}
	return dst
}

func appendEscapedBytes(dst, s []byte) []byte {
	for _, c := range s {
		dst = appendEscapedByte(dst, c)
	}
	return dst
}

const upperhex = "0123456789ABCDEF"

func appendEscapedByte(dst []byte, c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
		return append(dst, c)
	case c == ' ':
		return append(dst, '+')
	}
	return append(dst, '%', upperhex[c>>4], upperhex[c&15])
}

package form

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// MaxDepth bounds how deeply a value to encode may nest: structs, slices,
// arrays and maps inside one another, the value itself being level 0.
// Chargebee's keys never nest more than three levels (a[b][c]); the bound
// leaves ample room and stops a self-referencing value (x.Next = x), which
// would otherwise be encoded for ever.
const MaxDepth = 8

// unbounded is the type depth of a type whose values may nest without end:
// it is recursive, or holds interfaces whose contents are unknown.
const unbounded = MaxDepth + 1

// typeLoop is the type depth of a type that refers to itself without a
// struct in between (type P *P, type S []S, type M map[string]M). The
// encoders would recurse on the type itself, so no value of it is encoded.
const typeLoop = MaxDepth + 2

// CheckDepth fails with an *Error when v nests deeper than MaxDepth. It
// follows the fields the encoders of this package would write (url tags,
// "-", embedded structs) and stops at values that encode themselves
// (query.Encoder, time.Time) or are sent as one JSON document ("json").
//
// It does not depend on the encoder used afterwards, so it guards any of
// them. The depth a type can reach is worked out once per type: a value of
// a type that cannot nest too deep (every request type of the SDK) is
// accepted without looking at it, and without allocating. Only values of
// recursive types, or holding interfaces, are walked.
func CheckDepth(v any) error {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if typeDepth(rv.Type()) <= MaxDepth {
		return nil
	}
	return walkDepth(rv, "", 0, 0)
}

var typeDepths sync.Map // reflect.Type → int

// typeDepth returns the deepest level a value of t can reach below itself,
// unbounded, or typeLoop.
func typeDepth(t reflect.Type) int {
	if d, ok := typeDepths.Load(t); ok {
		return d.(int)
	}
	return computeTypeDepth(t, nil)
}

// computeTypeDepth works out typeDepth; path holds the types being worked
// out, outermost first, so that a type reaching itself is found to be
// recursive. A type found on the way to a recursive one is itself
// unbounded, so caching every result is sound.
func computeTypeDepth(t reflect.Type, path []reflect.Type) int {
	if d, ok := typeDepths.Load(t); ok {
		return d.(int)
	}
	if selfEncoding(t) {
		return 0
	}
	for i, p := range path {
		if p == t {
			// Recursion through a struct is planned lazily by the
			// encoders and only values can make it endless; without a
			// struct the type itself is endless.
			for _, q := range path[i:] {
				if q.Kind() == reflect.Struct {
					return unbounded
				}
			}
			return typeLoop
		}
	}
	path = append(path, t)
	d := 0
	switch t.Kind() {
	case reflect.Interface:
		d = unbounded
	case reflect.Pointer:
		d = computeTypeDepth(t.Elem(), path)
	case reflect.Slice, reflect.Array, reflect.Map:
		d = below(computeTypeDepth(t.Elem(), path))
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			ft, ok := walkedField(t.Field(i))
			if ok {
				d = max(d, below(computeTypeDepth(ft, path)))
			}
		}
	}
	typeDepths.Store(t, d)
	return d
}

// below returns the type depth of a container of values of type depth d.
func below(d int) int {
	if d >= unbounded {
		return d
	}
	return min(d+1, unbounded)
}

// selfEncoding reports whether values of t are written by themselves
// rather than field by field.
func selfEncoding(t reflect.Type) bool {
	return t == timeType || t.Implements(encoderType)
}

// walkedField returns the type of a struct field the encoders descend
// into, and false for a field they skip or send as one value.
func walkedField(sf reflect.StructField) (reflect.Type, bool) {
	tag, tagged := sf.Tag.Lookup("url")
	if tag == "-" {
		return nil, false
	}
	// Untagged embedded structs are walked whether exported or not, as the
	// encoders do; counting them as a level keeps a struct embedding
	// itself through a pointer from being walked for ever.
	if !sf.IsExported() && !(sf.Anonymous && !tagged) {
		return nil, false
	}
	_, opts, _ := strings.Cut(tag, ",")
	if hasOpt(opts, "json") {
		return nil, false
	}
	return sf.Type, true
}

// maxIndirections bounds how many pointers and interfaces walkDepth follows
// without reaching a struct, slice, array or map (type P *P; p = &p).
const maxIndirections = 64

// walkDepth walks v, at level depth under key, and fails at the first
// value deeper than MaxDepth. hops counts the pointers and interfaces
// followed since the last level.
func walkDepth(v reflect.Value, key string, depth, hops int) error {
	v, err := indirect(v, key, hops)
	if err != nil || !v.IsValid() {
		return err
	}
	t := v.Type()
	td := typeDepth(t)
	if td == typeLoop {
		return typeRefersToItself(key, t)
	}
	if selfEncoding(t) || depth+td <= MaxDepth || isEmpty(v) {
		return nil
	}
	if depth == MaxDepth {
		return tooDeep(key)
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return walkElems(v, key, depth+1)
	case reflect.Map:
		return walkMap(v, key, depth+1)
	case reflect.Struct:
		return walkStruct(v, key, depth+1)
	}
	return nil
}

// indirect follows the pointers and interfaces of v. It returns the zero
// Value, and no error, at a nil one or at one that encodes itself.
func indirect(v reflect.Value, key string, hops int) (reflect.Value, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if typeDepth(v.Type()) == typeLoop {
			return reflect.Value{}, typeRefersToItself(key, v.Type())
		}
		if v.IsNil() || selfEncoding(v.Type()) {
			return reflect.Value{}, nil
		}
		if hops++; hops > maxIndirections {
			return reflect.Value{}, tooDeep(key)
		}
		v = v.Elem()
	}
	return v, nil
}

// isEmpty reports whether v is a slice or map without elements.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return false
}

// walkElems walks the elements of a slice or array, at level depth.
func walkElems(v reflect.Value, key string, depth int) error {
	for i := 0; i < v.Len(); i++ {
		if err := walkDepth(v.Index(i), key+"["+strconv.Itoa(i)+"]", depth, 0); err != nil {
			return err
		}
	}
	return nil
}

// walkMap walks the values of a map, at level depth.
func walkMap(v reflect.Value, key string, depth int) error {
	iter := v.MapRange()
	for iter.Next() {
		if err := walkDepth(iter.Value(), subKey(key, mapKey(iter.Key())), depth, 0); err != nil {
			return err
		}
	}
	return nil
}

// walkStruct walks the fields of a struct the encoders descend into, at
// level depth.
func walkStruct(v reflect.Value, key string, depth int) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if _, ok := walkedField(sf); !ok {
			continue
		}
		if err := walkDepth(v.Field(i), fieldKey(key, sf), depth, 0); err != nil {
			return err
		}
	}
	return nil
}

// fieldKey returns the key of field sf under key, as the errors name it.
func fieldKey(key string, sf reflect.StructField) string {
	tag, tagged := sf.Tag.Lookup("url")
	name, _, _ := strings.Cut(tag, ",")
	switch {
	case sf.Anonymous && !tagged:
		return key // embedded fields add no key of their own
	case name == "":
		return subKey(key, sf.Name)
	}
	return subKey(key, name)
}

// subKey returns the key of name under key: key[name], or name at the top.
func subKey(key, name string) string {
	if key == "" {
		return name
	}
	return key + "[" + name + "]"
}

// mapKey names a map key in an error.
func mapKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	return "?"
}

// typeRefersToItself is the error of a value whose type t, or a type
// inside it, refers to itself without a struct in between.
func typeRefersToItself(key string, t reflect.Type) error {
	if key == "" {
		key = "params"
	}
	return &Error{Key: key, Reason: "has a type that refers to itself (" + t.String() + ")"}
}

// tooDeep is the error of a value nesting deeper than MaxDepth.
func tooDeep(key string) error {
	if key == "" {
		key = "params"
	}
	return &Error{Key: key, Reason: "nests deeper than " + strconv.Itoa(MaxDepth) + " levels (does the value refer to itself?)"}
}

// Walks reports whether CheckDepth looks at the values of type t (or
// refuses them all), rather than accepting them from t alone.
func Walks(t reflect.Type) bool { return typeDepth(t) > MaxDepth }

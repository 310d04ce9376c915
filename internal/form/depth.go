package form

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/google/go-querystring/query"
)

// MaxDepth bounds how deeply a struct of the caller's may nest (structs,
// slices, arrays and maps, the value being level 0): ample for Chargebee's
// keys, and a stop for a value that refers to itself.
const MaxDepth = 8

// maxIndirections bounds how many pointers and interfaces the walk follows
// without reaching a level (type P *P; p = &p).
const maxIndirections = 64

var encoderType = reflect.TypeFor[query.Encoder]()

// IsNil reports whether v holds a nil pointer.
func IsNil(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// CheckDepth fails with an *Error, naming the key where the bound was
// reached, when v nests deeper than MaxDepth. It follows the fields
// go-querystring would encode (url tags, "-", embedded structs) and stops at
// values that encode themselves (query.Encoder).
func CheckDepth(v any) error {
	if v == nil {
		return nil
	}
	path, deep := walk(reflect.ValueOf(v), 0)
	if !deep {
		return nil
	}
	key := "params"
	if slices.Reverse(path); len(path) > 0 {
		key = path[0]
	}
	if len(path) > 1 {
		key += "[" + strings.Join(path[1:], "][") + "]"
	}
	return &Error{Key: key, Reason: "nests deeper than " + strconv.Itoa(MaxDepth) + " levels (does the value refer to itself?)"}
}

// walk reports whether v, at level depth, nests deeper than MaxDepth (each
// element or field is one level down, and a value at MaxDepth may have
// none), and then the key of the value at fault, innermost part first: keys
// are built only for the error.
func walk(v reflect.Value, depth int) (path []string, deep bool) {
	for hops := 0; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; hops++ {
		if v.IsNil() || v.Type().Implements(encoderType) {
			return nil, false
		}
		if hops == maxIndirections {
			return nil, true
		}
		v = v.Elem()
	}
	if v.Type().Implements(encoderType) {
		return nil, false
	}
	eachChild(v, func(c reflect.Value, part string) bool {
		if depth == MaxDepth {
			deep = true
		} else if path, deep = walk(c, depth+1); deep && part != "" {
			path = append(path, part)
		}
		return !deep
	})
	return path, deep
}

// eachChild calls f with each field, element or map value of v and the part
// it adds to the key ("" for an embedded struct), until f returns false.
func eachChild(v reflect.Value, f func(c reflect.Value, part string) bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if name, ok := fieldKey(v.Type().Field(i)); ok && !f(v.Field(i), name) {
				return
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if !f(v.Index(i), strconv.Itoa(i)) {
				return
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			name := "?"
			if it.Key().Kind() == reflect.String {
				name = it.Key().String()
			}
			if !f(it.Value(), name) {
				return
			}
		}
	}
}

// fieldKey returns the key part of a struct field the encoders descend into
// ("" for an untagged embedded struct, walked exported or not), and false
// for a field they skip.
func fieldKey(sf reflect.StructField) (string, bool) {
	tag, tagged := sf.Tag.Lookup("url")
	name, _, _ := strings.Cut(tag, ",")
	embedded := sf.Anonymous && !tagged
	if name == "" && !embedded {
		name = sf.Name
	}
	return name, tag != "-" && (sf.IsExported() || embedded)
}

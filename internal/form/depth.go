package form

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/google/go-querystring/query"
)

// MaxDepth bounds how deeply a struct of the caller's may nest: structs,
// slices, arrays and maps inside one another, the value itself being level
// 0. Chargebee's keys never nest more than three levels (a[b][c]); the bound
// leaves ample room and stops a self-referencing value (x.Next = x), which
// would otherwise be encoded for ever.
const MaxDepth = 8

// maxIndirections bounds how many pointers and interfaces the walk follows
// without reaching a level (type P *P; p = &p).
const maxIndirections = 64

var encoderType = reflect.TypeFor[query.Encoder]()

// CheckDepth fails with an *Error, naming the key where the bound was
// reached, when v nests deeper than MaxDepth. It follows the fields
// go-querystring would encode (url tags, "-", embedded structs) and stops at
// values that encode themselves (query.Encoder).
func CheckDepth(v any) error {
	if v == nil {
		return nil
	}
	return walk(reflect.ValueOf(v), "", 0)
}

// walk checks v, at level depth under key: each element or field is one
// level down, and a value at MaxDepth may have none.
func walk(v reflect.Value, key string, depth int) error {
	v, err := indirect(v, key)
	if err != nil || !v.IsValid() {
		return err
	}
	eachChild(v, key, func(child reflect.Value, childKey string) bool {
		if depth == MaxDepth {
			err = tooDeep(key)
		} else {
			err = walk(child, childKey, depth+1)
		}
		return err == nil
	})
	return err
}

// indirect follows the pointers and interfaces of v. It returns the zero
// Value at a nil one and at a value that encodes itself.
func indirect(v reflect.Value, key string) (reflect.Value, error) {
	for hops := 0; ; hops++ {
		switch {
		case v.Type().Implements(encoderType):
			return reflect.Value{}, nil
		case v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface:
			return v, nil
		case v.IsNil():
			return reflect.Value{}, nil
		case hops == maxIndirections:
			return v, tooDeep(key)
		}
		v = v.Elem()
	}
}

// eachChild calls f with the fields, elements or map values of v and their
// keys until f returns false.
func eachChild(v reflect.Value, key string, f func(reflect.Value, string) bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if name, ok := walkedField(v.Type().Field(i)); ok && !f(v.Field(i), subKey(key, name)) {
				return
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if !f(v.Index(i), key+"["+strconv.Itoa(i)+"]") {
				return
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			name := "?"
			if it.Key().Kind() == reflect.String {
				name = it.Key().String()
			}
			if !f(it.Value(), key+"["+name+"]") {
				return
			}
		}
	}
}

// walkedField returns the key name of a struct field the encoders descend
// into, and false for a field they skip or send as one value. Untagged
// embedded structs are walked, exported or not, and add no key ("").
func walkedField(sf reflect.StructField) (string, bool) {
	tag, tagged := sf.Tag.Lookup("url")
	name, _, _ := strings.Cut(tag, ",")
	embedded := sf.Anonymous && !tagged
	if tag == "-" || (!sf.IsExported() && !embedded) {
		return "", false
	}
	switch {
	case embedded:
		return "", true
	case name == "":
		name = sf.Name
	}
	return name, true
}

// subKey returns the key of field name under key; an embedded field ("")
// adds none.
func subKey(key, name string) string {
	switch {
	case name == "":
		return key
	case key == "":
		return name
	}
	return key + "[" + name + "]"
}

// tooDeep is the error of a value nesting deeper than MaxDepth.
func tooDeep(key string) error {
	return &Error{Key: orParams(key), Reason: "nests deeper than " + strconv.Itoa(MaxDepth) + " levels (does the value refer to itself?)"}
}

func orParams(key string) string {
	if key == "" {
		return "params"
	}
	return key
}

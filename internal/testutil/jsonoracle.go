package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// SameAsJSON decodes data into a new T with T's UnmarshalJSON, the
// generated decoder, and with encoding/json into a copy of T without
// generated decoders (the oracle), and fails t unless both fail or both
// give the same value. Custom fields (a CustomFields map[string]any field
// tagged json:"-") are expected to hold the top-level cf_* keys of the
// object, decoded into any.
func SameAsJSON[T any](t testing.TB, data []byte) {
	t.Helper()
	var got T
	u, ok := any(&got).(json.Unmarshaler)
	if !ok {
		t.Fatalf("%T has no UnmarshalJSON", &got)
	}
	errGot := u.UnmarshalJSON(data)
	rt := reflect.TypeFor[T]()
	fields := reflect.New(plain(rt, false))
	errWant := json.Unmarshal(data, fields.Interface())
	custom := reflect.New(plain(rt, true))
	if err := json.Unmarshal(data, custom.Interface()); errWant == nil {
		errWant = err
	}
	if (errGot == nil) != (errWant == nil) {
		t.Fatalf("%T from %q: error %v, encoding/json: %v", got, data, errGot, errWant)
	}
	if errGot != nil {
		return
	}
	if err := same(reflect.ValueOf(got), fields.Elem(), custom.Elem(), "v"); err != nil {
		t.Fatalf("%T from %q: %v", got, data, err)
	}
}

// customFields captures what a struct with custom fields should hold in
// them: the cf_* keys of the object, decoded by encoding/json.
type customFields struct{ cf map[string]any }

// UnmarshalJSON keeps the cf_* keys of the object b.
func (c *customFields) UnmarshalJSON(b []byte) error {
	var all map[string]json.RawMessage
	err := json.Unmarshal(b, &all)
	c.cf = nil
	for k, raw := range all {
		if strings.HasPrefix(k, "cf_") {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
			if c.cf == nil {
				c.cf = map[string]any{}
			}
			c.cf[k] = v
		}
	}
	return err
}

var customFieldsType = reflect.TypeFor[customFields]()

// hasCustomFields reports whether t is a struct with custom fields.
func hasCustomFields(t reflect.Type) bool {
	f, ok := t.FieldByName("CustomFields")
	return ok && f.Tag.Get("json") == "-" && f.Type == reflect.TypeFor[map[string]any]()
}

// generated reports whether t's UnmarshalJSON, if any, is a generated
// decoder (declared in a decode_gen.go file).
func generated(t reflect.Type) bool {
	m, ok := reflect.PointerTo(t).MethodByName("UnmarshalJSON")
	if !ok {
		return true // nothing of its own to keep
	}
	file, _ := runtime.FuncForPC(m.Func.Pointer()).FileLine(m.Func.Pointer())
	return strings.HasSuffix(file, "decode_gen.go")
}

// plain returns t with every struct type whose decoding is generated
// replaced by a struct with the same fields and no methods, so that
// encoding/json decodes it by reflection. With custom, a struct with
// custom fields becomes customFields instead.
func plain(t reflect.Type, custom bool) reflect.Type {
	switch t.Kind() {
	case reflect.Pointer:
		return reflect.PointerTo(plain(t.Elem(), custom))
	case reflect.Slice:
		if t.Name() == "" {
			return reflect.SliceOf(plain(t.Elem(), custom))
		}
	case reflect.Struct:
		if !generated(t) {
			return t
		}
		if custom && hasCustomFields(t) {
			return customFieldsType
		}
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = reflect.StructField{Name: f.Name, Type: plain(f.Type, custom), Tag: f.Tag}
		}
		return reflect.StructOf(fields)
	}
	return t
}

// same compares got with the oracle's fields and custom values, which
// have plain's types.
func same(got, fields, custom reflect.Value, path string) error {
	switch got.Kind() {
	case reflect.Pointer:
		if got.IsNil() != fields.IsNil() {
			return fmt.Errorf("%s: nil %v, want nil %v", path, got.IsNil(), fields.IsNil())
		}
		if got.IsNil() {
			return nil
		}
		return same(got.Elem(), fields.Elem(), custom.Elem(), path)
	case reflect.Slice:
		if got.Type().Name() != "" {
			break
		}
		if got.IsNil() != fields.IsNil() || got.Len() != fields.Len() {
			return fmt.Errorf("%s: len %d (nil %v), want %d (nil %v)", path, got.Len(), got.IsNil(), fields.Len(), fields.IsNil())
		}
		for i := 0; i < got.Len(); i++ {
			if err := same(got.Index(i), fields.Index(i), custom.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
		if got.Type() == fields.Type() { // kept as it is
			break
		}
		for i := 0; i < got.NumField(); i++ {
			name := got.Type().Field(i).Name
			if custom.Type() == customFieldsType && name == "CustomFields" {
				want := custom.Addr().Interface().(*customFields).cf
				if !reflect.DeepEqual(got.Field(i).Interface(), want) {
					return fmt.Errorf("%s.CustomFields = %#v, want %#v", path, got.Field(i).Interface(), want)
				}
				continue
			}
			c := custom
			if custom.Type() != customFieldsType {
				c = custom.Field(i)
			} else {
				c = fields.Field(i) // custom fields appear once, at the top
			}
			if err := same(got.Field(i), fields.Field(i), c, path+"."+name); err != nil {
				return err
			}
		}
		return nil
	}
	if g, w := got.Interface(), fields.Interface(); !reflect.DeepEqual(g, w) {
		return fmt.Errorf("%s = %#v, want %#v", path, g, w)
	}
	return nil
}

// PlainType returns t with every struct type whose decoding is generated
// replaced by a struct with the same fields and no methods: what
// encoding/json decodes by reflection alone, the floor the benchmarks
// compare the generated decoders with.
func PlainType(t reflect.Type) reflect.Type { return plain(t, false) }

// JSONSamples returns the files matching glob (a package's fixtures) and a
// few bodies that exercise the decoders' edge cases: null, empty and
// repeated keys, keys that differ in case, wrong types and malformed text.
func JSONSamples(t testing.TB, glob string) [][]byte {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures %s: %v", glob, err)
	}
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b, bytes.ToUpper(b), append([]byte(`{"list":[`), append(b, ']', '}')...))
	}
	for _, s := range []string{`null`, `{}`, `[]`, `{"list":null}`, `{"list":[null,{}]}`, `{"customer":{"id":1}}`,
		`{"customer":{"id":"a","cf_x":1},"customer":{"first_name":"b"},"CUSTOMER":null}`, `{"list":[{},]}`, `{"a":1`} {
		out = append(out, []byte(s))
	}
	return out
}

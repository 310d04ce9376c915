// Package form encodes request structs into Chargebee's bracketed form and
// query format.
//
// Fields are named by their `url` struct tags, as with
// github.com/google/go-querystring, and any value implementing its
// query.Encoder interface (the SDK's filter types do) encodes itself. On top
// of that the package adds the shapes Chargebee needs:
//
//   - nested structs become parent[child]=v;
//   - slices of structs are indexed after the attribute:
//     entity_identifiers[id][0]=a, entity_identifiers[scheme][0]=b;
//   - the "json" tag option sends the field as one compact JSON document
//     (no trailing newline, no HTML escaping), also inside nested structs;
//   - the "inline" tag option on a map[string]string sends each entry as a
//     top-level key (custom fields, cf_*);
//   - nil pointers, nil maps and nil slices are absent; a pointer to a zero
//     value is sent ("false", "0", "");
//   - integers are decimal, floats never use exponent notation, time.Time
//     values are Unix seconds;
//   - untagged embedded structs contribute their fields to the outer level.
//
// The field layout of each struct type is worked out once and cached, so
// encoding does no per-call reflection over tags.
package form

import (
	"bytes"
	"encoding/json"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-querystring/query"
)

// Error reports a value that cannot be encoded. Key is the wire key of the
// field at fault; it is empty when the whole value is.
type Error struct {
	Key    string
	Reason string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return "form: " + e.Reason
	}
	return "form: " + e.Key + ": " + e.Reason
}

var (
	encoderType = reflect.TypeOf((*query.Encoder)(nil)).Elem()
	timeType    = reflect.TypeOf(time.Time{})
)

// Encode returns the form values of v, a struct or pointer to a struct with
// `url` tags, or url.Values. A nil v gives nil values. A v nesting deeper
// than MaxDepth is refused (see CheckDepth).
func Encode(v any) (url.Values, error) {
	if err := CheckDepth(v); err != nil {
		return nil, err
	}
	return encode(v)
}

// encode is Encode once the depth of v is checked.
func encode(v any) (url.Values, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case url.Values:
		out := make(url.Values, len(x))
		for k, vs := range x {
			out[k] = append([]string(nil), vs...)
		}
		return out, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, &Error{Reason: "cannot encode " + rv.Type().String() + "; want a struct, a pointer to one, url.Values or nil"}
	}
	plan := planFor(rv.Type())
	out := make(url.Values, len(plan.fields))
	if err := plan.encode("", "", rv, out); err != nil {
		return nil, err
	}
	return out, nil
}

// fieldPlan is how one struct field is encoded.
type fieldPlan struct {
	index     int
	name      string
	omitEmpty bool
	enc       encodeFunc
	// embedded is the struct type of an untagged embedded field, whose
	// fields are encoded as if they were the outer struct's.
	embedded reflect.Type
	// typ, inline and json describe the field for the direct writer of
	// EncodeBytes.
	typ          reflect.Type
	inline, json bool
}

// encodeFunc writes value v under key (already complete for scalars) into out.
type encodeFunc func(key string, v reflect.Value, out url.Values) error

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
			// An untagged embedded struct contributes its fields at the
			// level of the outer struct, as with go-querystring.
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
		fp := fieldPlan{index: i, name: name, omitEmpty: hasOpt(opts, "omitempty"),
			typ: sf.Type, inline: hasOpt(opts, "inline"), json: hasOpt(opts, "json")}
		switch {
		case hasOpt(opts, "inline"):
			fp.enc = inlineEncoder(sf.Type)
		case hasOpt(opts, "json"):
			fp.enc = jsonEncode
		default:
			fp.enc = encoderFor(sf.Type)
		}
		fields = append(fields, fp)
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

// encode writes the fields of struct v. Each field's key is prefix[name]
// (or name at the top level) followed by suffix, which carries an array
// index for elements of a slice of structs.
func (p *structPlan) encode(prefix, suffix string, v reflect.Value, out url.Values) error {
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if isAbsent(fv, f.omitEmpty) {
			continue
		}
		if f.embedded != nil {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if err := planFor(f.embedded).encode(prefix, suffix, fv, out); err != nil {
				return err
			}
			continue
		}
		var key string
		switch {
		case f.name == "":
			key = prefix
		case prefix == "":
			key = f.name + suffix
		default:
			key = prefix + "[" + f.name + "]" + suffix
		}
		if err := f.enc(key, fv, out); err != nil {
			return err
		}
	}
	return nil
}

func isAbsent(v reflect.Value, omitEmpty bool) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	}
	return omitEmpty && v.IsZero()
}

// encoderFor returns the encoder of values of type t.
func encoderFor(t reflect.Type) encodeFunc {
	if t.Implements(encoderType) {
		return encodeSelf
	}
	if t == timeType {
		return encodeTime
	}
	if enc := scalarEncoder(t); enc != nil {
		return enc
	}
	switch t.Kind() {
	case reflect.Pointer:
		return pointerEncoder(t)
	case reflect.Struct:
		return func(key string, v reflect.Value, out url.Values) error {
			return planFor(t).encode(key, "", v, out)
		}
	case reflect.Slice, reflect.Array:
		return sliceEncoder(t)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return mapEncoder(t)
		}
	case reflect.Interface:
		return encodeInterface
	}
	return func(key string, v reflect.Value, out url.Values) error {
		return &Error{Key: key, Reason: "unsupported type " + t.String()}
	}
}

// encodeSelf lets a query.Encoder write itself.
func encodeSelf(key string, v reflect.Value, out url.Values) error {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil
	}
	return v.Interface().(query.Encoder).EncodeValues(key, &out)
}

// encodeTime sends a time.Time as Unix seconds.
func encodeTime(key string, v reflect.Value, out url.Values) error {
	out[key] = []string{strconv.FormatInt(v.Interface().(time.Time).Unix(), 10)}
	return nil
}

// scalarEncoder returns the encoder of a string, bool or number type t, or
// nil for any other kind.
func scalarEncoder(t reflect.Type) encodeFunc {
	switch t.Kind() {
	case reflect.String:
		return func(key string, v reflect.Value, out url.Values) error {
			out[key] = []string{v.String()}
			return nil
		}
	case reflect.Bool:
		return func(key string, v reflect.Value, out url.Values) error {
			out[key] = []string{strconv.FormatBool(v.Bool())}
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(key string, v reflect.Value, out url.Values) error {
			out[key] = []string{strconv.FormatInt(v.Int(), 10)}
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(key string, v reflect.Value, out url.Values) error {
			out[key] = []string{strconv.FormatUint(v.Uint(), 10)}
			return nil
		}
	case reflect.Float32, reflect.Float64:
		return floatEncoder(t.Bits())
	}
	return nil
}

// floatEncoder sends finite floats of the given size without exponent.
func floatEncoder(bits int) encodeFunc {
	return func(key string, v reflect.Value, out url.Values) error {
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return &Error{Key: key, Reason: "must be a finite number"}
		}
		out[key] = []string{strconv.FormatFloat(f, 'f', -1, bits)}
		return nil
	}
}

// pointerEncoder encodes what a pointer of type t points to; nil is absent.
func pointerEncoder(t reflect.Type) encodeFunc {
	elem := encoderFor(t.Elem())
	return func(key string, v reflect.Value, out url.Values) error {
		if v.IsNil() {
			return nil
		}
		return elem(key, v.Elem(), out)
	}
}

// encodeInterface encodes the dynamic value of an interface; nil is absent.
func encodeInterface(key string, v reflect.Value, out url.Values) error {
	if v.IsNil() {
		return nil
	}
	return encoderFor(v.Elem().Type())(key, v.Elem(), out)
}

// structElem returns the struct type of the elements of slice or array
// type t when they are encoded field by field (structs or pointers to
// them, other than time.Time and query.Encoders).
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

// sliceEncoder encodes the elements of a slice or array of type t: key[i]
// for values, key[field][i] for structs (attribute first, then the index).
func sliceEncoder(t reflect.Type) encodeFunc {
	if et, ok := structElem(t); ok {
		return structSliceEncoder(et)
	}
	elem := encoderFor(t.Elem())
	return func(key string, v reflect.Value, out url.Values) error {
		for i := 0; i < v.Len(); i++ {
			if err := elem(key+"["+strconv.Itoa(i)+"]", v.Index(i), out); err != nil {
				return err
			}
		}
		return nil
	}
}

// structSliceEncoder encodes a slice of structs of type et (or pointers to
// them); nil elements are skipped.
func structSliceEncoder(et reflect.Type) encodeFunc {
	return func(key string, v reflect.Value, out url.Values) error {
		plan := planFor(et)
		for i := 0; i < v.Len(); i++ {
			ev := v.Index(i)
			if ev.Kind() == reflect.Pointer {
				if ev.IsNil() {
					continue
				}
				ev = ev.Elem()
			}
			if err := plan.encode(key, "["+strconv.Itoa(i)+"]", ev, out); err != nil {
				return err
			}
		}
		return nil
	}
}

// mapEncoder encodes each entry of a map with string keys as key[k].
func mapEncoder(t reflect.Type) encodeFunc {
	elem := encoderFor(t.Elem())
	return func(key string, v reflect.Value, out url.Values) error {
		iter := v.MapRange()
		for iter.Next() {
			if err := elem(key+"["+iter.Key().String()+"]", iter.Value(), out); err != nil {
				return err
			}
		}
		return nil
	}
}

// inlineEncoder sends each entry of a map[string]string as a top-level key.
func inlineEncoder(t reflect.Type) encodeFunc {
	if t.Kind() == reflect.Struct {
		return func(key string, v reflect.Value, out url.Values) error {
			return planFor(t).encode(key, "", v, out)
		}
	}
	if t.Kind() != reflect.Map || t.Key().Kind() != reflect.String || t.Elem().Kind() != reflect.String {
		return func(key string, v reflect.Value, out url.Values) error {
			return &Error{Key: key, Reason: "inline needs map[string]string"}
		}
	}
	return func(_ string, v reflect.Value, out url.Values) error {
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			if k == "" {
				return &Error{Key: "custom field", Reason: "key must not be empty"}
			}
			out[k] = []string{iter.Value().String()}
		}
		return nil
	}
}

// jsonBuffer is a reusable buffer with a JSON encoder writing into it.
type jsonBuffer struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var jsonPool = sync.Pool{New: func() any {
	jb := &jsonBuffer{}
	jb.enc = json.NewEncoder(&jb.buf)
	jb.enc.SetEscapeHTML(false)
	return jb
}}

// jsonEncode sends v as one compact JSON document without a trailing
// newline and without HTML escaping.
func jsonEncode(key string, v reflect.Value, out url.Values) error {
	jb := jsonPool.Get().(*jsonBuffer)
	defer func() {
		if jb.buf.Cap() <= 64<<10 { // do not keep huge buffers alive
			jsonPool.Put(jb)
		}
	}()
	jb.buf.Reset()
	if err := jb.enc.Encode(v.Interface()); err != nil {
		return &Error{Key: key, Reason: "is not valid JSON: " + jsonReason(err)}
	}
	b := bytes.TrimRight(jb.buf.Bytes(), "\n")
	out[key] = []string{string(b)}
	return nil
}

// jsonReason describes a marshalling error without the offending value.
func jsonReason(err error) string {
	switch e := err.(type) {
	case *json.UnsupportedValueError:
		return "unsupported value (NaN or infinity?)"
	case *json.UnsupportedTypeError:
		return "unsupported type " + e.Type.String()
	case *json.MarshalerError:
		return "marshaller of " + e.Type.String() + " failed"
	}
	return "cannot be marshalled"
}

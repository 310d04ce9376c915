package form

import (
	"math"
	"net/url"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/google/go-querystring/query"
)

// oracleEncode is the map-based encoder the package once used beside
// the writer, kept as an independent oracle for EncodeBytes: it builds
// url.Values field by field, which url.Values.Encode then sorts.
func oracleEncode(v any) (url.Values, error) {
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
	plan := oraclePlan(rv.Type())
	out := make(url.Values, len(plan.fields))
	if err := plan.encode("", "", rv, out); err != nil {
		return nil, err
	}
	return out, nil
}

// oracleField is how one struct field is encoded: the field as the
// reflection writer plans it (an untagged embedded struct's fields are
// encoded here as if they were the outer struct's), and its encoder.
type oracleField struct {
	fieldPlan
	enc oracleFunc
}

// oracleFunc writes value v under key (already complete for scalars) into out.
type oracleFunc func(key string, v reflect.Value, out url.Values) error

type oracleStruct struct {
	fields []oracleField
}

var oraclePlans sync.Map // reflect.Type → *oracleStruct

func oraclePlan(t reflect.Type) *oracleStruct {
	if p, ok := oraclePlans.Load(t); ok {
		return p.(*oracleStruct)
	}
	// Building a plan never recurses into oraclePlan (nested struct types are
	// planned lazily, on first use), so recursive types terminate. Two
	// goroutines may build the same plan; LoadOrStore keeps one.
	p := &oracleStruct{fields: oracleFields(t)}
	actual, _ := oraclePlans.LoadOrStore(t, p)
	return actual.(*oracleStruct)
}

func oracleFields(t reflect.Type) []oracleField {
	var fields []oracleField
	for _, fp := range buildFields(t) {
		f := oracleField{fieldPlan: fp}
		switch {
		case fp.embedded != nil:
		case fp.inline:
			f.enc = oracleInline(fp.typ)
		case fp.json:
			f.enc = oracleJSON
		default:
			f.enc = oracleEncoderFor(fp.typ)
		}
		fields = append(fields, f)
	}
	return fields
}

// encode writes the fields of struct v. Each field's key is prefix[name]
// (or name at the top level) followed by suffix, which carries an array
// index for elements of a slice of structs.
func (p *oracleStruct) encode(prefix, suffix string, v reflect.Value, out url.Values) error {
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
			if err := oraclePlan(f.embedded).encode(prefix, suffix, fv, out); err != nil {
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

func oracleEncoderFor(t reflect.Type) oracleFunc {
	if t.Implements(encoderType) {
		return oracleSelf
	}
	if t == timeType {
		return oracleTime
	}
	if enc := oracleScalar(t); enc != nil {
		return enc
	}
	switch t.Kind() {
	case reflect.Pointer:
		return oraclePointer(t)
	case reflect.Struct:
		return func(key string, v reflect.Value, out url.Values) error {
			return oraclePlan(t).encode(key, "", v, out)
		}
	case reflect.Slice, reflect.Array:
		return oracleSlice(t)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return oracleMap(t)
		}
	case reflect.Interface:
		return oracleInterface
	}
	return func(key string, v reflect.Value, out url.Values) error {
		return &Error{Key: key, Reason: "unsupported type " + t.String()}
	}
}

// oracleSelf lets a query.Encoder write itself.
func oracleSelf(key string, v reflect.Value, out url.Values) error {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil
	}
	return v.Interface().(query.Encoder).EncodeValues(key, &out)
}

// oracleTime sends a time.Time as Unix seconds.
func oracleTime(key string, v reflect.Value, out url.Values) error {
	out[key] = []string{strconv.FormatInt(v.Interface().(time.Time).Unix(), 10)}
	return nil
}

// oracleScalar returns the encoder of a string, bool or number type t, or
// nil for any other kind.
func oracleScalar(t reflect.Type) oracleFunc {
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
		return oracleFloat(t.Bits())
	}
	return nil
}

// oracleFloat sends finite floats of the given size without exponent.
func oracleFloat(bits int) oracleFunc {
	return func(key string, v reflect.Value, out url.Values) error {
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return &Error{Key: key, Reason: "must be a finite number"}
		}
		out[key] = []string{strconv.FormatFloat(f, 'f', -1, bits)}
		return nil
	}
}

// oraclePointer encodes what a pointer of type t points to; nil is absent.
func oraclePointer(t reflect.Type) oracleFunc {
	elem := oracleEncoderFor(t.Elem())
	return func(key string, v reflect.Value, out url.Values) error {
		if v.IsNil() {
			return nil
		}
		return elem(key, v.Elem(), out)
	}
}

// oracleInterface encodes the dynamic value of an interface; nil is absent.
func oracleInterface(key string, v reflect.Value, out url.Values) error {
	if v.IsNil() {
		return nil
	}
	return oracleEncoderFor(v.Elem().Type())(key, v.Elem(), out)
}

// oracleSlice encodes the elements of a slice or array of type t: key[i]
// for values, key[field][i] for structs (attribute first, then the index).
func oracleSlice(t reflect.Type) oracleFunc {
	if et, ok := structElem(t); ok {
		return oracleStructSlice(et)
	}
	elem := oracleEncoderFor(t.Elem())
	return func(key string, v reflect.Value, out url.Values) error {
		for i := 0; i < v.Len(); i++ {
			if err := elem(key+"["+strconv.Itoa(i)+"]", v.Index(i), out); err != nil {
				return err
			}
		}
		return nil
	}
}

// oracleStructSlice encodes a slice of structs of type et (or pointers to
// them); nil elements are skipped.
func oracleStructSlice(et reflect.Type) oracleFunc {
	return func(key string, v reflect.Value, out url.Values) error {
		plan := oraclePlan(et)
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

// oracleMap encodes each entry of a map with string keys as key[k].
func oracleMap(t reflect.Type) oracleFunc {
	elem := oracleEncoderFor(t.Elem())
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

// oracleInline sends each entry of a map[string]string as a top-level key.
func oracleInline(t reflect.Type) oracleFunc {
	if t.Kind() == reflect.Struct {
		return func(key string, v reflect.Value, out url.Values) error {
			return oraclePlan(t).encode(key, "", v, out)
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

// oracleJSON sends v as one compact JSON document without a trailing
// newline and without HTML escaping.
func oracleJSON(key string, v reflect.Value, out url.Values) error {
	b, err := JSON(key, v.Interface())
	if err != nil {
		return err
	}
	out[key] = []string{b}
	return nil
}

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
//
// Any other shape (untagged embedded structs, inline fields below the top
// level, fields nested inside elements of a slice of structs, maps other than
// custom fields) is refused with an *Error. The field layout of each struct
// type is worked out once and cached, so encoding does no per-call
// reflection over tags. Structs that are not the SDK's own request types are
// encoded by github.com/google/go-querystring itself (see the chargebee
// package), not here.
package form

import (
	"bytes"
	"encoding/json"
	"net/url"
	"reflect"
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

// Encode returns the form values of v: url.Values are copied, anything else
// is the parsed result of EncodeBytes(v), so the two always agree. A nil v
// gives nil values.
func Encode(v any) (url.Values, error) {
	if x, ok := v.(url.Values); ok {
		out := make(url.Values, len(x))
		for k, vs := range x {
			out[k] = append([]string(nil), vs...)
		}
		return out, nil
	}
	b, err := EncodeBytes(v)
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

// JSON returns v as one compact JSON document, without a trailing newline
// and without HTML escaping: the value of a field with the json option. A
// value that cannot be marshalled is an *Error naming key.
func JSON(key string, v any) (string, error) {
	jb := jsonPool.Get().(*jsonBuffer)
	defer jb.release()
	b, err := jb.marshal(v)
	if err != nil {
		return "", &Error{Key: key, Reason: "is not valid JSON: " + jsonReason(err)}
	}
	return string(b), nil
}

// marshal returns v as compact JSON, valid until the buffer's next use.
func (jb *jsonBuffer) marshal(v any) ([]byte, error) {
	jb.buf.Reset()
	if err := jb.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(jb.buf.Bytes(), "\n"), nil
}

// release returns the buffer to the pool unless it grew huge.
func (jb *jsonBuffer) release() {
	if jb.buf.Cap() <= 64<<10 {
		jsonPool.Put(jb)
	}
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

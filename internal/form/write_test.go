package form_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/form"
)

// general is what EncodeBytes must equal: the oracle's values, then
// url.Values.Encode.
func general(v any) ([]byte, error) {
	values, err := form.Oracle(v)
	if err != nil || len(values) == 0 {
		return nil, err
	}
	return []byte(values.Encode()), nil
}

// checkSameBytes fails when EncodeBytes and the general encoding differ in
// bytes or in error.
func checkSameBytes(t *testing.T, name string, v any) {
	t.Helper()
	got, errGot := form.ReflectBytes(v)
	want, errWant := general(v)
	if fmt.Sprint(errGot) != fmt.Sprint(errWant) {
		t.Fatalf("%s: error %v, want %v", name, errGot, errWant)
	}
	var feGot, feWant *form.Error
	if errors.As(errGot, &feGot) != errors.As(errWant, &feWant) {
		t.Fatalf("%s: error types differ: %T, %T", name, errGot, errWant)
	}
	if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
		t.Fatalf("%s:\n got %q\nwant %q", name, got, want)
	}
}

// Shapes beyond the SDK's request types, which EncodeBytes must order as
// the oracle does, or refuse.
type (
	inner struct {
		A *string `url:"a,omitempty"`
		B *string `url:"a-b,omitempty"`
		C *string `url:"a_b,omitempty"`
	}
	elemWithNested struct {
		ID    *string `url:"id,omitempty"`
		Inner *inner  `url:"inner,omitempty"`
	}
	namedCF   map[string]string
	shapesReq struct {
		Name      *string           `url:"name,omitempty"`
		Bracketed string            `url:"contact[id]"`
		Contact   *inner            `url:"contact,omitempty"`
		ContactX  *string           `url:"contact_x,omitempty"`
		Inner     inner             `url:"in,omitempty"`
		Elems     []elemWithNested  `url:"elems,omitempty"`
		Ptrs      []*inner          `url:"ptrs,omitempty"`
		Tags      []string          `url:"tags,omitempty"`
		Nums      [3]int            `url:"nums,omitempty"`
		F32       *float32          `url:"f32,omitempty"`
		F64       float64           `url:"f64"`
		U         uint16            `url:"u"`
		At        *time.Time        `url:"at,omitempty"`
		PP        **string          `url:"pp,omitempty"`
		Iface     any               `url:"iface,omitempty"`
		Filter    *chargebee.SortBy `url:"sort_by,omitempty"`
		CF        map[string]string `url:",inline"`
	}
	namedInline struct {
		Email *string `url:"email,omitempty"`
		CF    namedCF `url:",inline"`
	}
	twoInline struct {
		A map[string]string `url:",inline"`
		B map[string]string `url:",inline"`
	}
	nestedInline struct {
		In *namedInline `url:"in,omitempty"`
	}
	embeddedReq struct {
		inner
		Name *string `url:"name,omitempty"`
	}
	tree struct {
		ID    *string `url:"id,omitempty"`
		Child *tree   `url:"child,omitempty"`
	}
	dupReq struct {
		A *string `url:"x,omitempty"`
		B *string `url:"x,omitempty"`
	}
)

func TestEncodeBytesShapes(t *testing.T) {
	t.Parallel()
	s := func(v string) *string { return &v }
	pp := s("pp")
	many := make([]elemWithNested, 12)
	for i := range many {
		many[i].ID = s(fmt.Sprint("e", i))
	}
	tags := make([]string, 11)
	for i := range tags {
		tags[i] = fmt.Sprint("t", i)
	}
	cases := map[string]any{
		"nil":              nil,
		"nil pointer":      (*shapesReq)(nil),
		"non-struct":       42,
		"map":              map[string]string{"a": "b"},
		"url.Values":       url.Values{"b": {"2"}, "a": {"1", "0"}},
		"empty":            &shapesReq{},
		"value not ptr":    shapesReq{Name: s("n")},
		"names sort oddly": &shapesReq{Inner: inner{A: s("1"), B: s("2"), C: s("3")}, Contact: &inner{A: s("x"), B: s("y")}, ContactX: s("cx"), Bracketed: "b"},
		"scalars": &shapesReq{
			F32: chargebee.Ptr(float32(1.5)), F64: 1e21, U: 7, At: chargebee.Ptr(time.Unix(1700000000, 5).UTC()), PP: &pp,
			Name: s("ü &=+ x/y?#%"), Nums: [3]int{1, -2, 3},
		},
		"slices of 12 and 11":    &shapesReq{Elems: many, Tags: tags},
		"pointer elements":       &shapesReq{Ptrs: []*inner{nil, {A: s("1")}, {B: s("2")}}},
		"encoder":                &shapesReq{Filter: &chargebee.SortBy{Asc: "created_at"}},
		"custom fields":          &shapesReq{Name: s("n"), Tags: []string{"z"}, CF: map[string]string{"cf_b": "2", "a": "first", "zz": "last", "cf_a": "1", "name_": "x"}},
		"custom field empty key": &shapesReq{CF: map[string]string{"": "x"}},
		"named inline map":       &namedInline{Email: s("e"), CF: namedCF{"cf_a": "1"}},
		"recursive type":         &tree{ID: s("a"), Child: &tree{ID: s("b"), Child: &tree{ID: s("c")}}},
		"NaN":                    &shapesReq{F64: math.NaN()},
		"infinity":               &shapesReq{F32: chargebee.Ptr(float32(math.Inf(-1)))},
	}
	for name, v := range cases {
		checkSameBytes(t, name, v)
	}
	// Shapes the SDK's request types do not have are refused, naming the
	// field at fault, rather than sent in a layout of the encoder's own.
	refused := []struct {
		name, key, reason string
		v                 any
	}{
		{"element with a struct", "elems[inner][0]", "unsupported field type *form_test.inner",
			&shapesReq{Elems: []elemWithNested{{ID: s("a"), Inner: &inner{A: s("b")}}}}},
		{"interface", "iface", "unsupported field type interface {}", &shapesReq{Iface: int32(7)}},
		{"custom field collision", "name", "is sent twice or out of order (a custom field or filter repeats another parameter)",
			&shapesReq{Name: s("n"), CF: map[string]string{"name": "other"}}},
		{"two inline maps", "", "unsupported field type map[string]string",
			&twoInline{A: map[string]string{"a": "1"}, B: map[string]string{"b": "2"}}},
		{"nested inline", "in", "custom fields (the inline option) are only sent at the top level",
			&nestedInline{In: &namedInline{Email: s("e")}}},
		{"embedded", "", "unsupported field type form_test.inner", &embeddedReq{inner: inner{A: s("a")}, Name: s("n")}},
		{"duplicate names", "x", "is sent twice or out of order (a custom field or filter repeats another parameter)",
			&dupReq{A: s("1"), B: s("2")}},
	}
	for _, tc := range refused {
		got, err := form.ReflectBytes(tc.v)
		var fe *form.Error
		if !errors.As(err, &fe) || fe.Key != tc.key || fe.Reason != tc.reason || got != nil {
			t.Errorf("%s: got %q, %v; want *form.Error{Key: %q, Reason: %q}", tc.name, got, err, tc.key, tc.reason)
		}
	}
}

// TestEncodeBytesRequests fills every field of every request type of the
// resource packages (allRequests) and checks that EncodeBytes writes the general bytes.
func TestEncodeBytesRequests(t *testing.T) {
	t.Parallel()
	for _, req := range allRequests(t) {
		for _, n := range []int{1, 2, 12} {
			v := reflect.New(reflect.TypeOf(req).Elem())
			fill(v.Elem(), n, 0)
			name := fmt.Sprintf("%T with %d elements", req, n)
			checkSameBytes(t, name, v.Interface())
			if b, err := form.ReflectBytes(v.Interface()); err != nil || len(b) == 0 {
				t.Errorf("%s: %q, %v; want bytes and no error", name, b, err)
			}
		}
		checkSameBytes(t, fmt.Sprintf("empty %T", req), req)
	}
}

// requestsOf returns a zero value of every request type taken by the
// methods of the service newService returns.
func requestsOf[S any](newService func(*chargebee.Client) S) []any {
	st := reflect.TypeOf(newService).Out(0)
	var out []any
	seen := map[reflect.Type]bool{}
	for i := 0; i < st.NumMethod(); i++ {
		m := st.Method(i).Type
		for j := 1; j < m.NumIn(); j++ {
			in := m.In(j)
			if in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct && strings.HasSuffix(in.Elem().Name(), "Request") && !seen[in] {
				seen[in] = true
				out = append(out, reflect.New(in.Elem()).Interface())
			}
		}
	}
	return out
}

// fill sets every exported field of v, with n elements in slices and
// values that need escaping.
func fill(v reflect.Value, n, depth int) {
	if depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n, depth+1)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n, depth+1)
			}
		}
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d é&=+ [x]", depth))
	case reflect.Bool:
		v.SetBool(depth%2 == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(depth) - 3)
		if v.Type() == reflect.TypeFor[chargebee.Timestamp]() {
			v.SetInt(1700000000 + int64(depth)) // 10-digit seconds, as a filter takes
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(depth))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(depth) + 0.25)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			fill(s.Index(i), n, depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), n, depth+1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 3; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(fmt.Sprintf("cf_%c%d", 'c'-i, i))
			e := reflect.New(v.Type().Elem()).Elem()
			if e.Kind() == reflect.Interface {
				e.Set(reflect.ValueOf("x"))
			} else {
				fill(e, n, depth+1)
			}
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	}
}

// TestAppendEscaped checks that EncodeBytes escapes every byte as
// url.QueryEscape does.
func TestEncodeBytesEscaping(t *testing.T) {
	t.Parallel()
	var all strings.Builder
	for c := 0; c < 256; c++ {
		all.WriteByte(byte(c))
	}
	type one struct {
		S *string `url:"s,omitempty"`
	}
	in := all.String()
	got, err := form.ReflectBytes(&one{S: &in})
	if err != nil {
		t.Fatal(err)
	}
	if want := "s=" + url.QueryEscape(in); string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// checkSameOrRefused is checkSameBytes for values that may hold more than
// one fault, which the oracle meets in field order and EncodeBytes in key
// order, and custom fields repeating another key, which the oracle lets
// one map entry replace and EncodeBytes refuses.
func checkSameOrRefused(t *testing.T, name string, v any) {
	t.Helper()
	got, err := form.ReflectBytes(v)
	_, errWant := general(v)
	var fe *form.Error
	if errors.As(err, &fe) && strings.HasPrefix(fe.Reason, "is sent twice") {
		if got != nil {
			t.Fatalf("%s: bytes %q with error %v", name, got, err)
		}
		return
	}
	if err != nil && errWant != nil {
		if !errors.As(err, &fe) || !errors.As(errWant, &fe) {
			t.Fatalf("%s: error types: %T, %T", name, err, errWant)
		}
		return
	}
	checkSameBytes(t, name, v)
}

// FuzzEncodeBytes compares EncodeBytes with the general encoding for
// arbitrary strings, custom field keys and slice lengths.
func FuzzEncodeBytes(f *testing.F) {
	f.Add("john@example.com", "cf_gender", uint8(2), 1.5)
	f.Add("jöhn+1&x=y", "email", uint8(12), math.Inf(1))
	f.Add("", "", uint8(0), 0.0)
	f.Add("\x00\n\"\\", "cf_a[b]", uint8(11), math.Copysign(0, -1))
	f.Fuzz(func(t *testing.T, s, key string, n uint8, x float64) {
		req := &customer.CreateRequest{
			Email:          &s,
			FirstName:      &key,
			CustomFields:   map[string]string{key: s, "cf_" + s: key},
			MetaData:       chargebee.Metadata{key: s, "x": x},
			BillingAddress: &customer.BillingAddressParams{Line1: &s, City: &key},
		}
		for i := 0; i < int(n%20); i++ {
			req.EntityIdentifiers = append(req.EntityIdentifiers, customer.EntityIdentifierParams{ID: &s, Value: &key})
		}
		checkSameOrRefused(t, "create", req)
		checkSameOrRefused(t, "shapes", &shapesReq{Name: &s, F64: x, CF: map[string]string{key: s}, Tags: strings.Split(s, "")})
	})
}

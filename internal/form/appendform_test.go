package form_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/billingkit/chargebee-go/relationship"
)

// allRequests returns a zero value of every request type the services of
// the resource packages take.
func allRequests(t testing.TB) []any {
	var all []any
	for name, found := range map[string][]any{
		"customer":     requestsOf(customer.NewService),
		"relationship": requestsOf(relationship.NewService),
		"contact":      requestsOf(contact.NewService),
		"credits":      requestsOf(credits.NewService),
		"entitlement":  requestsOf(entitlement.NewService),
		"event":        requestsOf(event.NewService),
	} {
		if len(found) == 0 {
			t.Fatalf("found no %s request types", name)
		}
		all = append(all, found...)
	}
	if len(all) < 30 {
		t.Fatalf("found %d request types, want every one", len(all))
	}
	return all
}

// checkAppendForm fails when the generated AppendForm of v and the
// reflection-driven encoder differ in bytes or in error, or when form.Bytes
// (what Client.Do calls) differs from AppendForm.
func checkAppendForm(t *testing.T, name string, v any) {
	t.Helper()
	a, ok := v.(form.Appender)
	if !ok {
		t.Fatalf("%s: %T has no AppendForm method", name, v)
	}
	got, errGot := a.AppendForm(nil)
	want, errWant := form.ReflectBytes(v)
	if fmt.Sprint(errGot) != fmt.Sprint(errWant) {
		t.Fatalf("%s: error %v, want %v", name, errGot, errWant)
	}
	if errGot == nil && !bytes.Equal(got, want) {
		t.Fatalf("%s:\n got %q\nwant %q", name, got, want)
	}
	pooled, errPooled := form.Bytes(a)
	if fmt.Sprint(errPooled) != fmt.Sprint(errGot) || !bytes.Equal(pooled, got) || (errGot == nil && (pooled == nil) != (len(got) == 0)) {
		t.Fatalf("%s: form.Bytes = %q, %v; AppendForm = %q, %v", name, pooled, errPooled, got, errGot)
	}
	// Appending keeps what the buffer held.
	if errGot == nil {
		prefix := []byte("x=1")
		if out, err := a.AppendForm(prefix); err != nil || string(out) != "x=1"+string(got) {
			t.Fatalf("%s: AppendForm(%q) = %q, %v", name, prefix, out, err)
		}
	}
}

// Every request type's generated AppendForm writes exactly the bytes of
// the reflection-driven encoder, for empty requests, requests with every
// field set (1, 2 and 12 array elements, so that "10" sorts before "2"),
// and many random ones, refusals included.
func TestAppendFormMatchesReflection(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewSource(1))
	for _, req := range allRequests(t) {
		typ := reflect.TypeOf(req).Elem()
		checkAppendForm(t, fmt.Sprintf("empty %v", typ), req)
		for _, n := range []int{1, 2, 12} {
			v := reflect.New(typ)
			fill(v.Elem(), n, 0)
			checkAppendForm(t, fmt.Sprintf("%v with %d elements", typ, n), v.Interface())
		}
		for i := 0; i < 200; i++ {
			v := reflect.New(typ)
			randomFill(rnd, v.Elem(), 0)
			checkAppendForm(t, fmt.Sprintf("%v random %d", typ, i), v.Interface())
		}
	}
}

// FuzzAppendForm compares AppendForm with the reflection-driven encoder on
// request values filled from the fuzzed seed, with fuzzed strings among
// their values and custom field keys.
func FuzzAppendForm(f *testing.F) {
	f.Add(int64(1), uint8(0), "cf_a", "x")
	f.Add(int64(2), uint8(7), "email", "é&=+ [x]")
	f.Add(int64(3), uint8(200), "", "\x00")
	f.Add(int64(4), uint8(33), "billing_address[city]", "id[is]")
	all := allRequests(f)
	f.Fuzz(func(t *testing.T, seed int64, which uint8, s1, s2 string) {
		rnd := rand.New(rand.NewSource(seed))
		v := reflect.New(reflect.TypeOf(all[int(which)%len(all)]).Elem())
		fuzzed := []string{s1, s2}
		randomFillWith(rnd, v.Elem(), 0, fuzzed)
		checkAppendForm(t, fmt.Sprintf("%T seed %d", v.Interface(), seed), v.Interface())
	})
}

// randomStrings are the strings random values are made of: plain ones,
// ones that need escaping, and keys the requests send themselves.
var randomStrings = []string{
	"", "a", "John", "é&=+ [x]", "100%", "a b", "<&>", "cf_a", "cf_b", "cf_z", "email",
	"first_name", "billing_address[city]", "id[is]", "entity_identifiers[id][0]", "zz", "cf_",
}

func randomFill(rnd *rand.Rand, v reflect.Value, depth int) {
	randomFillWith(rnd, v, depth, nil)
}

// randomFillWith sets v to a random value: pointers nil, to a zero value or
// to a random one; slices of up to 13 elements; maps of up to 4 entries,
// whose values are now and then NaN (which JSON refuses). Strings come from
// randomStrings and extra.
func randomFillWith(rnd *rand.Rand, v reflect.Value, depth int, extra []string) {
	str := func() string {
		if len(extra) > 0 && rnd.Intn(4) == 0 {
			return extra[rnd.Intn(len(extra))]
		}
		return randomStrings[rnd.Intn(len(randomStrings))]
	}
	switch v.Kind() {
	case reflect.Pointer:
		switch rnd.Intn(3) {
		case 0:
			return
		case 1:
			v.Set(reflect.New(v.Type().Elem()))
		default:
			v.Set(reflect.New(v.Type().Elem()))
			randomFillWith(rnd, v.Elem(), depth+1, extra)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && rnd.Intn(2) == 0 {
				randomFillWith(rnd, v.Field(i), depth+1, extra)
			}
		}
	case reflect.String:
		v.SetString(str())
	case reflect.Bool:
		v.SetBool(rnd.Intn(2) == 0)
	case reflect.Int32, reflect.Int64:
		v.SetInt(rnd.Int63n(1<<40) - 1<<39)
	case reflect.Slice:
		if rnd.Intn(4) == 0 {
			return // nil
		}
		n := rnd.Intn(14)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			randomFillWith(rnd, s.Index(i), depth+1, extra)
		}
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			randomFillWith(rnd, v.Index(i), depth+1, extra)
		}
	case reflect.Map:
		if rnd.Intn(4) == 0 {
			return // nil
		}
		m := reflect.MakeMap(v.Type())
		for i := rnd.Intn(5); i > 0; i-- {
			e := reflect.New(v.Type().Elem()).Elem()
			if e.Kind() == reflect.Interface {
				var x any = str()
				switch rnd.Intn(8) {
				case 0:
					x = math.NaN()
				case 1:
					x = rnd.Intn(100)
				case 2:
					x = []any{str(), true}
				}
				e.Set(reflect.ValueOf(x))
			} else {
				randomFillWith(rnd, e, depth+1, extra)
			}
			key := str()
			if strings.HasPrefix(key, "cf_") || rnd.Intn(3) > 0 {
				m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), e)
			} else {
				m.SetMapIndex(reflect.ValueOf("cf_"+key).Convert(v.Type().Key()), e)
			}
		}
		v.Set(m)
	case reflect.Interface:
		v.Set(reflect.ValueOf(str()))
	}
}

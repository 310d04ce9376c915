package jsonx

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// decodeAny reads b as one value into an any.
func decodeAny(b []byte) (any, error) {
	var d Decoder
	d.Reset(b)
	v := d.Any()
	return v, d.Finish()
}

var anySeeds = []string{
	`null`, `true`, `false`, `0`, `-0`, `1.5e3`, `-12345678901234567890`, `1e400`, `1e-400`, `9007199254740993`,
	`"plain"`, `"caf\u00e9 \ud83d\ude00 \ud800 \udc00x \\ \" \/ \b\f\n\r\t"`, "\"\xff\xfe\xed\xa0\x80 ok\"",
	`"a\"b\\c\/d\b\f\n\r\t"`, "\"\\n\xff\"", "\"\\n\x01\"", `"\q"`, `{"k\n":1,"k\n":2}`,
	`{"a":1,"a":2,"b":[1,{"c":null}],"":{}}`, `[]`, `{}`, ` [ 1 , "2" , [ ] ] `,
	`{"a":1,}`, `[1,]`, `{"a" 1}`, `{1:1}`, `[1 2]`, `01`, `-`, `1.`, `.5`, `1e`, `+1`, `tru`, `nul`, `"\x"`,
	`"\u12"`, "\"a\x01\"", `"abc`, `{"a":1`, `[`, ``, `1 2`, `"a"x`, `[[[[[[[[[[]]]]]]]]]]`,
}

// TestAnySameAsJSON checks Any against encoding/json decoding into an any.
func TestAnySameAsJSON(t *testing.T) {
	t.Parallel()
	for _, s := range anySeeds {
		checkAny(t, []byte(s))
	}
}

func checkAny(t *testing.T, b []byte) {
	t.Helper()
	got, err := decodeAny(b)
	var want any
	errWant := json.Unmarshal(b, &want)
	if (err == nil) != (errWant == nil) {
		t.Fatalf("%q: error %v, encoding/json %v", b, err, errWant)
	}
	if err != nil {
		var se, seWant *json.SyntaxError
		if errors.As(errWant, &seWant) && (!errors.As(err, &se) || se.Error() != seWant.Error() || se.Offset != seWant.Offset) {
			t.Fatalf("%q: error %v, want the syntax error %v", b, err, errWant)
		}
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: got %#v, want %#v", b, got, want)
	}
}

// FuzzAny compares Any with encoding/json on arbitrary text.
func FuzzAny(f *testing.F) {
	for _, s := range anySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAny(t, []byte(s)) })
}

// TestTypedReads checks the typed reads, their nulls, their ranges and their
// errors.
func TestTypedReads(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		read    func(d *Decoder) any
		want    any
		wantErr string // "" for none, else the error type
	}{
		{`"x"`, func(d *Decoder) any { s := "old"; d.Str(&s); return s }, "x", ""},
		{`null`, func(d *Decoder) any { s := "old"; d.Str(&s); return s }, "old", ""},
		{`1`, func(d *Decoder) any { s := "old"; d.Str(&s); return s }, "old", "*json.UnmarshalTypeError"},
		{`"on"`, func(d *Decoder) any { s := ""; d.Str(&s, "off", "on"); return s }, "on", ""},
		{`"new"`, func(d *Decoder) any { s := ""; d.Str(&s, "off", "on"); return s }, "new", ""},
		{`true`, func(d *Decoder) any { b := false; d.Bool(&b); return b }, true, ""},
		{`null`, func(d *Decoder) any { b := true; d.Bool(&b); return b }, true, ""},
		{`"true"`, func(d *Decoder) any { b := false; d.Bool(&b); return b }, false, "*json.UnmarshalTypeError"},
		{`-9223372036854775808`, func(d *Decoder) any { var n int64; d.Num(&n); return n }, int64(-1 << 63), ""},
		{`9223372036854775808`, func(d *Decoder) any { var n int64; d.Num(&n); return n }, int64(0), "*json.UnmarshalTypeError"},
		{`-0`, func(d *Decoder) any { f := 1.0; d.Num(&f); return 1 / f }, math.Inf(-1), ""},
		{`1e400`, func(d *Decoder) any { f := 1.0; d.Num(&f); return f }, 1.0, "*json.UnmarshalTypeError"},
		{`2147483647`, func(d *Decoder) any { var n int32; d.Num(&n); return n }, int32(1<<31 - 1), ""},
		{`2147483648`, func(d *Decoder) any { var n int32; d.Num(&n); return n }, int32(0), "*json.UnmarshalTypeError"},
		{`1.0`, func(d *Decoder) any { var n int32; d.Num(&n); return n }, int32(0), "*json.UnmarshalTypeError"},
		{`[1, {"a":"}"}]`, func(d *Decoder) any { var r json.RawMessage; d.Unmarshal(&r); return string(r) }, `[1, {"a":"}"}]`, ""},
		{`null`, func(d *Decoder) any { var r json.RawMessage; d.Unmarshal(&r); return string(r) }, `null`, ""},
		{`{"a":1}`, func(d *Decoder) any { m := map[string]any{"b": 2.0}; d.Map(&m); return m }, map[string]any{"a": 1.0, "b": 2.0}, ""},
		{`null`, func(d *Decoder) any { m := map[string]any{"b": 2.0}; d.Map(&m); return m }, map[string]any(nil), ""},
		{`{"a":1}`, func(d *Decoder) any { var n int64; d.Unmarshal(&n); return n }, int64(0), "*json.UnmarshalTypeError"},
		{`{"a":1`, func(d *Decoder) any { d.Skip(); return nil }, nil, "*json.SyntaxError"},
	}
	for _, tt := range tests {
		var d Decoder
		d.Reset([]byte(tt.in))
		got := tt.read(&d)
		err := d.Finish()
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.in, got, tt.want)
		}
		if gotType := reflect.TypeOf(err); (err == nil) != (tt.wantErr == "") || err != nil && gotType.String() != tt.wantErr {
			t.Errorf("%s: error %v (%T), want %s", tt.in, err, err, tt.wantErr)
		}
	}
}

// TestFold checks key matching without regard to case, as encoding/json
// matches keys with field names.
func TestFold(t *testing.T) {
	t.Parallel()
	names := []string{"id", "key", "state", "first_name"}
	for key, want := range map[string]string{
		"ID": "id", "Id": "id", "\u212aEY": "key", "ſtate": "state", "FIRST_NAME": "first_name",
		"first-name": "", "ids": "", "": "", "\u0130d": "",
		"id": "", "first_name": "", // exact names: already tried by the caller
	} {
		if got := Fold([]byte(key), names); got != want {
			t.Errorf("Fold(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestLen checks the count of elements ahead, which sizes slices.
func TestLen(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{
		`[]`: 0, ` [ ] `: 0, `[1]`: 1, `[[],{}]`: 2, `["a,]",{"b":[1,2]},3]`: 3, `{"a":1}`: 0, `null`: 0,
		`[` + strings.Repeat("1,", 100) + `1]`: 64, `[1,`: 2,
	} {
		var d Decoder
		d.Reset([]byte(in))
		if got := d.Len(); got != want {
			t.Errorf("Len(%s) = %d, want %d", in, got, want)
		}
	}
}

// TestSlice checks Slice against encoding/json reading into a []string
// that already holds elements, and that it reads into the capacity it has.
func TestSlice(t *testing.T) {
	t.Parallel()
	str := func(p *string, d *Decoder) { d.Str(p) }
	for _, in := range []string{`null`, `[]`, `["a"]`, `["a","b","c"]`, `["a",null,"c"]`, `[1]`, `{}`, `["a"`} {
		for _, presize := range []bool{false, true} {
			got, want := make([]string, 1, 2), make([]string, 1, 2)
			got[0], want[0] = "old", "old"
			var d Decoder
			d.Reset([]byte(in))
			Slice(&d, &got, str, presize)
			gotErr, wantErr := d.Finish() != nil, json.Unmarshal([]byte(in), &want) != nil
			if gotErr != wantErr || !wantErr && (!reflect.DeepEqual(got, want) || (got == nil) != (want == nil)) {
				t.Errorf("Slice(%s, presize=%t) = %q, %t; encoding/json %q, %t", in, presize, got, gotErr, want, wantErr)
			}
		}
	}
	s := make([]string, 0, 4)
	var d Decoder
	d.Reset([]byte(`["a","b"]`))
	Slice(&d, &s, str, false)
	if len(s) != 2 || cap(s) != 4 {
		t.Errorf("Slice into cap 4 gave len %d cap %d, want the same backing array", len(s), cap(s))
	}
	var nilSlice []string
	d.Reset([]byte(`["a","b","c"]`))
	Slice(&d, &nilSlice, str, true)
	if len(nilSlice) != 3 || cap(nilSlice) != 3 {
		t.Errorf("presized Slice gave len %d cap %d, want 3 and 3", len(nilSlice), cap(nilSlice))
	}
}

// TestIntern checks that equal strings read through Intern share one copy.
func TestIntern(t *testing.T) {
	t.Parallel()
	var d Decoder
	d.Reset([]byte(`["card","card","x"]`))
	var got [3]string
	for i, more := 0, d.Array(); more; i, more = i+1, d.NextItem() {
		d.Intern(&got[i])
	}
	if err := d.Finish(); err != nil || got != [3]string{"card", "card", "x"} {
		t.Fatalf("got %q, %v", got, err)
	}
	if unsafe.StringData(got[0]) != unsafe.StringData(got[1]) {
		t.Error("equal strings do not share their bytes")
	}
}

// TestDecode checks that Decode runs the reader and reports Finish's error,
// with a pooled Decoder that keeps nothing of the previous text.
func TestDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`"a\nb"`, "a\nb", true},
		{`"plain"`, "plain", true},
		{`"x" 1`, "x", false},
		{`"y"`, "y", true},
		{`"z`, "", false},
	} {
		var got string
		err := Decode([]byte(tc.in), func(d *Decoder) { d.Str(&got) })
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("Decode(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestAnyDeepArraysLinear checks that deeply nested arrays cost about what a
// flat array of the same size costs, not a pass over the rest of the text
// per level. The bound leaves a margin of more than 10x both ways: the
// nested text took over 300 times as long as the flat one when every level
// counted its elements ahead.
func TestAnyDeepArraysLinear(t *testing.T) {
	t.Parallel()
	const depth = 9999 // within encoding/json's nesting bound
	deep := []byte(strings.Repeat("[", depth) + strings.Repeat("1,", 20000) + "1" + strings.Repeat("]", depth))
	flat := []byte("[" + strings.Repeat("1,", (len(deep)-3)/2) + "1]")
	timed := func(b []byte) time.Duration {
		start := time.Now()
		if _, err := decodeAny(b); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	base := timed(flat)
	for i := 0; i < 2; i++ {
		base = min(base, timed(flat))
	}
	bound := 30*base + 50*time.Millisecond
	var took time.Duration
	for i := 0; i < 3; i++ { // a busy machine gets three tries
		if took = timed(deep); took <= bound {
			return
		}
	}
	t.Errorf("%d nested arrays took %v, a flat array of the same size %v (bound %v)", depth, took, base, bound)
}

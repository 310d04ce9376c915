// Package jsonx is the JSON reader behind the generated decoders of the
// resource packages. It reads one JSON text from a byte slice without
// reflection and gives what encoding/json gives for the same Go types:
// unknown keys are skipped, null leaves a value as it is, a repeated key
// overwrites, strings are unescaped alike (bad UTF-8 and lone surrogates
// become U+FFFD), numbers out of range and malformed text are errors.
//
// A Decoder keeps the first error and then does nothing more; Finish
// reports it.
package jsonx

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Decoder reads the JSON text given to Reset.
type Decoder struct {
	data     []byte
	pos      int
	depth    int
	err      error
	buf      []byte // unescaped text, valid until the next read
	interned map[string]string
}

// errSyntax stands for a syntax error until Finish reports it.
var errSyntax = errors.New("jsonx: invalid JSON")

// Reset starts reading b. The strings read never share memory with b.
func (d *Decoder) Reset(b []byte) { *d = Decoder{data: b, buf: d.buf[:0]} }

// Finish checks that only white space follows the value read and returns
// the first error. A syntax error anywhere comes first, as the one
// encoding/json reports for the same text.
func (d *Decoder) Finish() error {
	if i := d.ws(d.pos); d.err == nil && i < len(d.data) {
		d.err = errSyntax
	}
	if d.err != nil && !json.Valid(d.data) {
		var v any
		return json.Unmarshal(d.data, &v) // fails before decoding anything
	}
	return d.err
}

// Use records err, when it is the first error.
func (d *Decoder) Use(err error) {
	if d.err == nil {
		d.err = err
	}
}

// useAt records err, the error of decoding the value at offset i by other
// means, adding to it the keys that lead there as encoding/json does.
func (d *Decoder) useAt(i int, err error) {
	var te *json.UnmarshalTypeError
	if d.err == nil && errors.As(err, &te) {
		te.Field = strings.Trim(pathAt(d.data, i)+"."+te.Field, ".")
	}
	d.Use(err)
}

// pathAt returns the keys of the members enclosing offset i of data, which
// is valid JSON up to i, joined by dots.
func pathAt(data []byte, i int) string {
	var keys []string  // per open object or array ("" for an array)
	var objects []bool // whether each is an object
	key := false       // the next string is a key
	for j := 0; j < i; j++ {
		switch c := data[j]; c {
		case '{', '[':
			keys, objects, key = append(keys, ""), append(objects, c == '{'), c == '{'
		case '}', ']':
			keys, objects = keys[:len(keys)-1], objects[:len(objects)-1]
		case ',':
			key = len(objects) > 0 && objects[len(objects)-1]
		case '"':
			end := stringEnd(data, j+1)
			if key {
				keys[len(keys)-1], key = string(unquote(nil, data[j+1:end])), false
			}
			j = end
		}
	}
	path := ""
	for _, k := range keys {
		if k != "" {
			path = strings.TrimPrefix(path+"."+k, ".")
		}
	}
	return path
}

// stringEnd returns the offset of the quote that ends the valid string
// whose contents start at i.
func stringEnd(data []byte, i int) int {
	for ; data[i] != '"'; i++ {
		if data[i] == '\\' {
			i++
		}
	}
	return i
}

// mismatch records that the value at i cannot be stored in a Go value of
// type t, or a syntax error when no value starts there.
func (d *Decoder) mismatch(i int, t reflect.Type) {
	what := map[byte]string{'"': "string", '{': "object", '[': "array", 't': "bool", 'f': "bool"}[d.data[i]]
	if end := d.number(i); end > i {
		what = "number " + string(d.data[i:end])
	}
	if what == "" {
		d.Use(errSyntax)
		return
	}
	d.Use(&json.UnmarshalTypeError{Value: what, Type: t, Offset: int64(i), Field: pathAt(d.data, i)})
}

var (
	stringType  = reflect.TypeFor[string]()
	boolType    = reflect.TypeFor[bool]()
	int64Type   = reflect.TypeFor[int64]()
	int32Type   = reflect.TypeFor[int32]()
	float64Type = reflect.TypeFor[float64]()
	objectType  = reflect.TypeFor[map[string]any]()
	sliceType   = reflect.TypeFor[[]any]()
)

// ws returns the offset of the first byte at or after i that is not white
// space.
func (d *Decoder) ws(i int) int {
	for i < len(d.data) && (d.data[i] == ' ' || d.data[i] == '\n' || d.data[i] == '\r' || d.data[i] == '\t') {
		i++
	}
	return i
}

// peek moves past white space and returns the next byte, or 0 at the end
// of the text (an error) or after an error.
func (d *Decoder) peek() byte {
	if d.pos = d.ws(d.pos); d.pos >= len(d.data) || d.data[d.pos] == 0 {
		d.Use(errSyntax) // 0 stands for the end and errors: a NUL is one
	}
	if d.err != nil {
		return 0
	}
	return d.data[d.pos]
}

// Null reads a null, if null comes next, and reports whether it did.
func (d *Decoder) Null() bool { return d.peek() == 'n' && d.literal("null") }

// literal reads word, which should come next, and reports whether it did.
func (d *Decoder) literal(word string) bool {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		d.Use(errSyntax)
		return false
	}
	d.pos += len(word)
	return true
}

// Object starts an object: it reads '{' and reports whether a member
// follows, to be read with Key and its value, then Next. It returns false
// for an empty object, for null and after an error; another value is an
// error.
func (d *Decoder) Object() bool { return d.open('{', '}', objectType) }

// Array starts an array: it reads '[' and reports whether an element
// follows, to be read and then NextItem. It returns false for an empty
// array, for null and after an error; another value is an error.
func (d *Decoder) Array() bool { return d.open('[', ']', sliceType) }

// maxDepth is encoding/json's bound on nesting.
const maxDepth = 10000

func (d *Decoder) open(start, end byte, t reflect.Type) bool {
	switch d.peek() {
	case start:
		if d.pos, d.depth = d.pos+1, d.depth+1; d.depth > maxDepth {
			d.Use(errSyntax)
		}
		return d.next(0, end)
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, t)
	}
	return false
}

// Next reads the comma after a member and reports whether another one
// follows; it reads the closing '}' and returns false at the end.
func (d *Decoder) Next() bool { return d.next(',', '}') }

// NextItem reads the comma after an element and reports whether another
// one follows; it reads the closing ']' and returns false at the end.
func (d *Decoder) NextItem() bool { return d.next(',', ']') }

// next reads sep (a comma, or 0 for none) or end and reports whether it
// read sep.
func (d *Decoder) next(sep, end byte) bool {
	switch c := d.peek(); {
	case c == end:
		d.pos, d.depth = d.pos+1, d.depth-1
		return false
	case c == sep && sep != 0:
		d.pos++
	case sep != 0 && c != 0:
		d.Use(errSyntax)
	}
	return d.err == nil
}

// Key reads a member's key and the colon after it. The bytes are valid
// until the next read.
func (d *Decoder) Key() []byte {
	if d.peek() != '"' {
		d.Use(errSyntax)
	}
	k, _ := d.text(nil)
	if d.peek() != ':' {
		d.Use(errSyntax)
		return nil
	}
	d.pos++
	return k
}

// text reads a string and returns its unescaped contents, valid until the
// next read; ok is false for null, for another value (an error unless t is
// nil) and after an error.
func (d *Decoder) text(t reflect.Type) (b []byte, ok bool) {
	switch c := d.peek(); {
	case c == 'n' && t != nil:
		d.literal("null")
		return nil, false
	case c != '"':
		if c != 0 && t != nil {
			d.mismatch(d.pos, t)
		}
		return nil, false
	}
	start := d.pos + 1
	end, plain := d.scanString(start)
	if end < 0 {
		return nil, false
	}
	d.pos = end + 1
	if plain {
		return d.data[start:end], true
	}
	d.buf = unquote(d.buf[:0], d.data[start:end])
	return d.buf, true
}

// scanString returns the offset of the quote that ends the string whose
// contents start at i, and whether the contents are the string itself
// (valid UTF-8 without escapes), or -1 after recording a syntax error.
func (d *Decoder) scanString(i int) (end int, plain bool) {
	data, start, ascii, escaped := d.data, i, true, false
	for ; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i, !escaped && (ascii || utf8.Valid(data[start:i]))
		case c < ' ':
			i = len(data)
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\' && validEscape(data[i+1:]):
			escaped = true
			i += 1 + 4*b2i(data[i+1] == 'u')
		case c == '\\':
			i = len(data)
		}
	}
	d.Use(errSyntax)
	return -1, false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// validEscape reports whether s starts with what may follow a backslash.
func validEscape(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] == 'u' {
		return len(s) >= 5 && hex4(s[1:5]) >= 0
	}
	return strings.IndexByte(`"\/bfnrt`, s[0]) >= 0
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return -1
	}
	return rune(n)
}

// unquote appends the contents of a valid JSON string, unescaped as
// encoding/json unescapes them, to out.
func unquote(out, s []byte) []byte {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\' && s[i+1] == 'u':
			r, n := hex4(s[i+2:]), 6
			if utf16.IsSurrogate(r) {
				r = unicode.ReplacementChar
				if len(s) >= i+12 && s[i+6] == '\\' && s[i+7] == 'u' {
					if dec := utf16.DecodeRune(hex4(s[i+2:]), hex4(s[i+8:])); dec != unicode.ReplacementChar {
						r, n = dec, 12
					}
				}
			}
			out, i = utf8.AppendRune(out, r), i+n
		case c == '\\':
			out, i = append(out, "\"\\/\b\f\n\r\t"[strings.IndexByte(`"\/bfnrt`, s[i+1])]), i+2
		case c < utf8.RuneSelf:
			out, i = append(out, c), i+1
		default:
			r, n := utf8.DecodeRune(s[i:])
			out, i = utf8.AppendRune(out, r), i+n
		}
	}
	return out
}

// Str reads a string into *p; null leaves *p as it is.
func (d *Decoder) Str(p *string) {
	if b, ok := d.text(stringType); ok {
		*p = string(b)
	}
}

// Enum reads a string into *p, using the equal string of known, when there
// is one, instead of a copy.
func (d *Decoder) Enum(p *string, known []string) {
	b, ok := d.text(stringType)
	for i := 0; ok && i < len(known); i++ {
		if string(b) == known[i] {
			*p, ok = known[i], false
		}
	}
	if ok {
		*p = string(b)
	}
}

// maxInterned bounds the strings a decoder shares.
const maxInterned = 64

// Intern reads a string into *p as Str does, sharing one copy among the
// equal strings this decoder reads through Intern: for values that repeat
// in every object, such as the object's type name.
func (d *Decoder) Intern(p *string) {
	b, ok := d.text(stringType)
	if s, seen := d.interned[string(b)]; ok && seen {
		*p = s
	} else if ok {
		*p = string(b)
		if d.interned == nil {
			d.interned = make(map[string]string, 8)
		}
		if len(d.interned) < maxInterned {
			d.interned[*p] = *p
		}
	}
}

// Bool reads true or false into *p; null leaves *p as it is.
func (d *Decoder) Bool(p *bool) {
	switch d.peek() {
	case 't':
		*p = d.literal("true")
	case 'f':
		*p = !d.literal("false") && *p
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, boolType)
	}
}

// number returns the end of the number starting at i, or i when none does.
func (d *Decoder) number(i int) int {
	data, j := d.data, i
	j += b2i(j < len(data) && data[j] == '-')
	k := digits(data, j)
	if k == j || k > j+1 && data[j] == '0' {
		return i
	}
	if k < len(data) && data[k] == '.' {
		if k = digits(data, k+1); data[k-1] == '.' {
			return i
		}
	}
	if k < len(data) && (data[k] == 'e' || data[k] == 'E') {
		k++
		k += b2i(k < len(data) && (data[k] == '+' || data[k] == '-'))
		if e := digits(data, k); e > k {
			return e
		}
		return i
	}
	return k
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// num reads a number and returns its text, or ok false for null, another
// value (an error) or after an error.
func (d *Decoder) num(t reflect.Type) (lit []byte, ok bool) {
	switch c := d.peek(); {
	case c == '-' || '0' <= c && c <= '9':
		end := d.number(d.pos)
		if end == d.pos {
			d.Use(errSyntax)
			return nil, false
		}
		lit, d.pos = d.data[d.pos:end], end
		return lit, true
	case c == 'n':
		d.literal("null")
	case c != 0:
		d.mismatch(d.pos, t)
	}
	return nil, false
}

// integer parses lit, a valid number, as an integer of bits bits.
func integer(lit []byte, bits int) (int64, bool) {
	neg := lit[0] == '-'
	if digs := lit[b2i(neg):]; len(digs) <= 18 {
		var n int64
		for _, c := range digs {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int64(c-'0')
		}
		if neg {
			n = -n
		}
		return n, bits == 64 || n == int64(int32(n))
	}
	n, err := strconv.ParseInt(string(lit), 10, bits)
	return n, err == nil
}

// float parses lit, a valid number, as encoding/json does, or reports
// false when it is out of range.
func float(lit []byte) (float64, bool) {
	if n, ok := integer(lit, 64); ok && n < 1<<53 && n > -1<<53 && (n != 0 || lit[0] != '-') {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	return f, err == nil
}

// Int64 reads an integer into *p; null leaves *p as it is.
func (d *Decoder) Int64(p *int64) {
	if lit, ok := d.num(int64Type); ok {
		if n, ok := integer(lit, 64); ok {
			*p = n
		} else {
			d.mismatch(d.pos-len(lit), int64Type)
		}
	}
}

// Int32 reads an integer into *p; null leaves *p as it is.
func (d *Decoder) Int32(p *int32) {
	if lit, ok := d.num(int32Type); ok {
		if n, ok := integer(lit, 32); ok {
			*p = int32(n)
		} else {
			d.mismatch(d.pos-len(lit), int32Type)
		}
	}
}

// Float64 reads a number into *p; null leaves *p as it is.
func (d *Decoder) Float64(p *float64) {
	if lit, ok := d.num(float64Type); ok {
		if f, ok := float(lit); ok {
			*p = f
		} else {
			d.mismatch(d.pos-len(lit), float64Type)
		}
	}
}

// IntOr reads a plain integer into *p; any other value, null included, is
// handed to u (the same value as *p, with a decoding of its own).
func (d *Decoder) IntOr(p *int64, u json.Unmarshaler) {
	if c := d.peek(); c == '-' || '0' <= c && c <= '9' {
		if end := d.number(d.pos); end > d.pos && (end == len(d.data) || !strings.ContainsRune("0123456789.eE+-", rune(d.data[end]))) {
			if n, ok := integer(d.data[d.pos:end], 64); ok {
				*p, d.pos = n, end
				return
			}
		}
	}
	d.Into(u)
}

// RawMessage copies the next value, as written, into *p, as
// json.RawMessage does (null included).
func (d *Decoder) RawMessage(p *json.RawMessage) {
	if raw := d.Raw(); raw != nil {
		*p = append((*p)[:0], raw...)
	}
}

// Unmarshal decodes the next value into v with encoding/json, for types
// the generated decoders do not know.
func (d *Decoder) Unmarshal(v any) {
	start := d.ws(d.pos)
	if raw := d.Raw(); raw != nil {
		d.useAt(start, json.Unmarshal(raw, v))
	}
}

// Into hands the next value, as written, to u (null included).
func (d *Decoder) Into(u json.Unmarshaler) {
	start := d.ws(d.pos)
	if raw := d.Raw(); raw != nil {
		d.useAt(start, u.UnmarshalJSON(raw))
	}
}

// Map reads an object into *p, adding to the map already there as
// encoding/json does; null sets *p to nil.
func (d *Decoder) Map(p *map[string]any) {
	if d.Null() {
		*p = nil
		return
	}
	more := d.Object()
	if d.err == nil && *p == nil {
		*p = map[string]any{}
	}
	for ; more; more = d.Next() {
		k := string(d.Key())
		(*p)[k] = d.Any()
	}
}

// Any reads any value as encoding/json decodes into an empty interface:
// map[string]any, []any, string, float64, bool or nil.
func (d *Decoder) Any() any {
	switch d.peek() {
	case '{':
		var m map[string]any
		d.Map(&m)
		return m
	case '[':
		s := make([]any, 0, d.Len())
		for more := d.Array(); more; more = d.NextItem() {
			s = append(s, d.Any())
		}
		return s
	case '"':
		var s string
		d.Str(&s)
		return s
	case 't', 'f':
		var b bool
		d.Bool(&b)
		return b
	case 'n':
		d.literal("null")
		return nil
	}
	var f float64
	d.Float64(&f)
	return f
}

// CustomKey reports whether key names a custom field: it starts with cf_.
func CustomKey(key []byte) bool { return len(key) >= 3 && string(key[:3]) == "cf_" }

// Custom stores the next value under key in *m, making the map when *m is
// nil; it collects the custom fields (cf_*) of a resource.
func (d *Decoder) Custom(m *map[string]any, key []byte) {
	k := string(key)
	v := d.Any()
	if d.err == nil && *m == nil {
		*m = map[string]any{}
	}
	if d.err == nil {
		(*m)[k] = v
	}
}

// Skip reads the next value and ignores it.
func (d *Decoder) Skip() { d.Raw() }

// Raw reads the next value, checking its syntax, and returns it as
// written, or nil after an error. The bytes are the text's own.
func (d *Decoder) Raw() []byte {
	start := d.ws(d.pos)
	switch d.peek() {
	case '{':
		for more := d.Object(); more; more = d.Next() {
			d.Key()
			d.Skip()
		}
	case '[':
		for more := d.Array(); more; more = d.NextItem() {
			d.Skip()
		}
	case '"':
		d.text(nil)
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.num(nil)
	}
	if d.err != nil {
		return nil
	}
	return d.data[start:d.pos]
}

// Fold returns the name of names that key matches as encoding/json matches
// keys with field names, without regard to case, or "" when none does.
// names are ASCII.
func Fold(key []byte, names []string) string {
	var arr [64]byte
	k := arr[:0]
	for _, r := range string(key) {
		if r < utf8.RuneSelf {
			k = append(k, byte(unicode.ToUpper(r)))
			continue
		}
		k = utf8.AppendRune(k, foldRune(r))
	}
	for _, name := range names {
		if strings.EqualFold(string(k), name) && len(k) == len(name) {
			return name
		}
	}
	return ""
}

// foldRune returns the smallest rune of r's case-folding orbit, as
// encoding/json folds keys.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

// maxLen bounds the elements Len counts, and so the room set aside before
// they are read.
const maxLen = 64

// Len returns the number of elements, up to 64, of the array that comes
// next, so that its slice can be made once; it reads nothing. It returns 0
// when no array, or an empty one, comes next.
func (d *Decoder) Len() int {
	data, i := d.data, d.ws(d.pos)
	if i >= len(data) || data[i] != '[' || d.ws(i+1) < len(data) && data[d.ws(i+1)] == ']' {
		return 0
	}
	n, depth := 1, 0
	for i++; i < len(data) && n < maxLen && depth >= 0; i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				i += b2i(data[i] == '\\')
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case ',':
			n += b2i(depth == 0)
		}
	}
	return n
}

// Grow returns s with room for element i: the element already there, as
// encoding/json decodes into it, or the next one of the array behind s, or
// a new zero one.
func Grow[T any](s []T, i int) []T {
	if i < len(s) {
		return s
	}
	if i < cap(s) {
		return s[:i+1]
	}
	var zero T
	return append(s, zero)
}

// Done returns s cut to the n elements read; an empty array is an empty,
// non-nil slice.
func Done[T any](s []T, n int) []T {
	if n == 0 {
		return []T{}
	}
	return s[:n]
}

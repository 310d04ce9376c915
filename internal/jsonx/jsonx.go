// Package jsonx is the JSON reader behind the generated decoders of the
// resource packages. It reads one JSON text from a byte slice, left to right,
// without reflection, and gives the results encoding/json would give for the
// same Go types: unknown keys are skipped, null leaves a value as it is, a
// repeated key overwrites the earlier one, strings are unescaped (invalid
// UTF-8 and lone surrogates become U+FFFD), numbers out of range are errors,
// and malformed input is a *json.SyntaxError.
//
// A Decoder keeps the first error and then does nothing more; callers check
// it once, with Finish.
package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is encoding/json's bound on nesting.
const maxDepth = 10000

// Decoder reads the JSON text given to Reset.
type Decoder struct {
	data     []byte
	pos      int
	depth    int
	err      error
	syntax   bool   // err is a syntax error
	syntaxAt int    // where
	buf      []byte // unescaped keys
	interned map[string]string
}

// Reset starts reading b. The decoder does not keep b after Finish, but the
// strings it returns never share memory with b.
func (d *Decoder) Reset(b []byte) {
	*d = Decoder{data: b, buf: d.buf[:0]}
}

// Finish checks that only white space follows the value read and returns
// the first error. A syntax error is the one encoding/json reports for the
// same input.
func (d *Decoder) Finish() error {
	if d.err == nil {
		if i := d.ws(); i < len(d.data) {
			d.fail(i)
		}
	}
	if d.err == nil {
		return nil
	}
	// encoding/json checks the whole text before decoding: a syntax error
	// anywhere comes first, whatever else went wrong.
	if !json.Valid(d.data) {
		var v any
		return json.Unmarshal(d.data, &v) // fails before decoding anything
	}
	if d.syntax { // cannot happen: the checks above agree on valid text
		return fmt.Errorf("jsonx: invalid JSON at offset %d", d.syntaxAt)
	}
	return d.err
}

// Failed reports whether an error has been recorded.
func (d *Decoder) Failed() bool { return d.err != nil }

// Use records err, when it is the first error.
func (d *Decoder) Use(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

// useAt records err, the error of decoding the value at offset i by other
// means, naming in it the keys that lead to the value as encoding/json
// does.
func (d *Decoder) useAt(i int, err error) {
	var te *json.UnmarshalTypeError
	if err != nil && d.err == nil && errors.As(err, &te) {
		te.Field = join(pathAt(d.data, i), te.Field)
	}
	d.Use(err)
}

func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "." + b
}

// pathAt returns the keys of the members that enclose offset i of data,
// outermost first, joined by dots. It reads data up to i, which is valid
// JSON so far.
func pathAt(data []byte, i int) string {
	type frame struct {
		object bool
		key    string
	}
	var stack []frame
	key := false // the next string is a key
	for j := 0; j < i && j < len(data); j++ {
		switch data[j] {
		case '{':
			stack, key = append(stack, frame{object: true}), true
		case '[':
			stack, key = append(stack, frame{}), false
		case '}', ']':
			stack = stack[:max(len(stack)-1, 0)]
		case ',':
			key = len(stack) > 0 && stack[len(stack)-1].object
		case '"':
			end := j + 1
			for end < len(data) && data[end] != '"' {
				if data[end] == '\\' {
					end++
				}
				end++
			}
			if key && len(stack) > 0 && end < len(data) {
				stack[len(stack)-1].key = string(unquote(nil, data[j+1:end]))
				key = false
			}
			j = end
		}
	}
	path := ""
	for _, f := range stack {
		path = join(path, f.key)
	}
	return path
}

// errSyntax stands for a syntax error until Finish reports it.
var errSyntax = errors.New("jsonx: invalid JSON")

// fail records a syntax error at offset i.
func (d *Decoder) fail(i int) {
	if d.err == nil {
		d.err, d.syntax, d.syntaxAt = errSyntax, true, i
	}
}

// mismatch records that the value at i cannot be stored in a Go value of
// type t.
func (d *Decoder) mismatch(i int, t reflect.Type) {
	if d.err != nil {
		return
	}
	if !bytes.ContainsRune([]byte(`"{[tfn-0123456789`), rune(d.data[i])) {
		d.fail(i)
		return
	}
	what := "number"
	switch d.data[i] {
	case '"':
		what = "string"
	case '{':
		what = "object"
	case '[':
		what = "array"
	case 't', 'f':
		what = "bool"
	}
	if what == "number" {
		if end := d.number(i); end > i {
			what += " " + string(d.data[i:end])
		}
	}
	d.err = &json.UnmarshalTypeError{Value: what, Type: t, Offset: int64(i), Field: pathAt(d.data, i)}
}

var (
	stringType  = reflect.TypeFor[string]()
	boolType    = reflect.TypeFor[bool]()
	int64Type   = reflect.TypeFor[int64]()
	int32Type   = reflect.TypeFor[int32]()
	float64Type = reflect.TypeFor[float64]()
	objectType  = reflect.TypeFor[struct{}]()
	sliceType   = reflect.TypeFor[[]any]()
)

// ws returns the index of the first byte at or after d.pos that is not
// white space.
func (d *Decoder) ws() int {
	i := d.pos
	for i < len(d.data) {
		switch d.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// peek moves past white space and returns the next byte, or 0 at the end
// of the input or after an error.
func (d *Decoder) peek() byte {
	if d.err != nil {
		return 0
	}
	d.pos = d.ws()
	if d.pos >= len(d.data) {
		d.fail(d.pos)
		return 0
	}
	return d.data[d.pos]
}

// Null reads a null, if null comes next, and reports whether it did.
func (d *Decoder) Null() bool {
	if d.peek() != 'n' {
		return false
	}
	d.literal("null")
	return true
}

// literal reads the literal word, which starts at d.pos.
func (d *Decoder) literal(word string) {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return
	}
	d.fail(d.pos)
}

// open reads c ('{' or '[') after a check of the nesting depth.
func (d *Decoder) open() {
	d.pos++
	if d.depth++; d.depth > maxDepth {
		d.fail(d.pos - 1)
	}
}

// Object starts an object: it reads '{' and reports whether a member
// follows, to be read with Key and then its value. It returns false for an
// empty object, for null and after an error; a value of another type is an
// error.
func (d *Decoder) Object() bool {
	switch d.peek() {
	case '{':
		d.open()
		return d.first('}')
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, objectType)
	}
	return false
}

// Array starts an array: it reads '[' and reports whether an element
// follows. It returns false for an empty array, for null and after an
// error; a value of another type is an error.
func (d *Decoder) Array() bool {
	switch d.peek() {
	case '[':
		d.open()
		return d.first(']')
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, sliceType)
	}
	return false
}

// first reads the end of an empty object or array, if it comes next.
func (d *Decoder) first(end byte) bool {
	if d.peek() == end {
		d.pos++
		d.depth--
		return false
	}
	return d.err == nil
}

// Next reads the comma after a member and reports whether another one
// follows; at the closing '}' it reads it and returns false.
func (d *Decoder) Next() bool { return d.next('}') }

// NextItem reads the comma after an array element and reports whether
// another one follows; at the closing ']' it reads it and returns false.
func (d *Decoder) NextItem() bool { return d.next(']') }

func (d *Decoder) next(end byte) bool {
	switch d.peek() {
	case ',':
		d.pos++
		return true
	case end:
		d.pos++
		d.depth--
	case 0:
	default:
		d.fail(d.pos)
	}
	return false
}

// Key reads a member's key and the colon after it. The bytes are valid
// until the next call of Key.
func (d *Decoder) Key() []byte {
	if d.peek() != '"' {
		d.fail(d.pos)
		return nil
	}
	start := d.pos + 1
	end, plain := d.scanString(start)
	var k []byte
	if plain {
		k = d.data[start:end]
	} else if end > 0 {
		d.buf = unquote(d.buf[:0], d.data[start:end])
		k = d.buf
	}
	if d.err != nil {
		return nil
	}
	d.pos = end + 1
	if d.peek() != ':' {
		d.fail(d.pos)
		return nil
	}
	d.pos++
	return k
}

// scanString finds the closing quote of the string whose contents start at
// i. It returns its index and whether the contents are ASCII without
// escapes (so that they are the string itself), or records an error.
func (d *Decoder) scanString(i int) (end int, plain bool) {
	data := d.data
	plain = true
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return i, plain
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				break
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
				continue
			case 'u':
				if i+6 <= len(data) && hex4(data[i+2:i+6]) >= 0 {
					i += 6
					continue
				}
			}
			d.fail(i)
			return -1, false
		case c < ' ':
			d.fail(i)
			return -1, false
		case c >= utf8.RuneSelf:
			plain = false
		}
		i++
	}
	d.fail(len(data))
	return -1, false
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote appends the contents of a valid JSON string, unescaped, to out,
// exactly as encoding/json unescapes them.
func unquote(out, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			switch c = s[i+1]; c {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, hex4(s[i+2:])); dec != unicode.ReplacementChar {
							out = utf8.AppendRune(out, dec)
							i += 6
							continue
						}
					}
					r = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, r)
				continue
			default: // '"', '\\', '/'
				out = append(out, c)
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r)
			i += n
		}
	}
	return out
}

// text reads a string and returns its unescaped contents, valid until the
// next call, or ok false for null, another type (an error) or after an
// error.
func (d *Decoder) text(t reflect.Type) (b []byte, ok bool) {
	switch d.peek() {
	case '"':
	case 'n':
		d.literal("null")
		return nil, false
	case 0:
		return nil, false
	default:
		d.mismatch(d.pos, t)
		return nil, false
	}
	start := d.pos + 1
	end, plain := d.scanString(start)
	if end < 0 {
		return nil, false
	}
	d.pos = end + 1
	if plain || utf8.Valid(d.data[start:end]) && bytes.IndexByte(d.data[start:end], '\\') < 0 {
		return d.data[start:end], true
	}
	d.buf = unquote(d.buf[:0], d.data[start:end])
	return d.buf, true
}

// Str reads a string into *p; null leaves *p as it is.
func (d *Decoder) Str(p *string) {
	if b, ok := d.text(stringType); ok {
		*p = d.copy(b)
	}
}

// Enum reads a string into *p, using the matching string of known, when
// there is one, instead of a copy.
func (d *Decoder) Enum(p *string, known []string) {
	b, ok := d.text(stringType)
	if !ok {
		return
	}
	for _, k := range known {
		if string(b) == k {
			*p = k
			return
		}
	}
	*p = d.copy(b)
}

// Intern reads a string into *p, as Str does, sharing one copy among the
// equal strings read through Intern by this decoder: for values that repeat
// in every object, such as the object's type name.
func (d *Decoder) Intern(p *string) {
	b, ok := d.text(stringType)
	if !ok {
		return
	}
	if s, ok := d.interned[string(b)]; ok {
		*p = s
		return
	}
	if d.interned == nil {
		d.interned = make(map[string]string, 8)
	}
	if len(d.interned) < maxInterned {
		s := d.copy(b)
		d.interned[s] = s
		*p = s
		return
	}
	*p = d.copy(b)
}

// maxInterned bounds the strings a decoder shares.
const maxInterned = 64

// copy returns b as a string.
func (d *Decoder) copy(b []byte) string {
	return string(b)
}

// Bool reads true or false into *p; null leaves *p as it is.
func (d *Decoder) Bool(p *bool) {
	switch d.peek() {
	case 't':
		d.literal("true")
		*p = true
	case 'f':
		d.literal("false")
		*p = false
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, boolType)
	}
}

// number returns the end of the number starting at i, or i when there is
// none.
func (d *Decoder) number(i int) int {
	data, start := d.data, i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		i = digits(data, i)
	default:
		return start
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			return start
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			return start
		}
		i = j
	}
	return i
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// num reads a number and returns its text, or ok false for null, another
// type (an error) or after an error.
func (d *Decoder) num(t reflect.Type) (lit []byte, ok bool) {
	switch c := d.peek(); {
	case c == '-' || '0' <= c && c <= '9':
		end := d.number(d.pos)
		if end == d.pos {
			d.fail(d.pos)
			return nil, false
		}
		lit, d.pos = d.data[d.pos:end], end
		return lit, true
	case c == 'n':
		d.literal("null")
	case c == 0:
	default:
		d.mismatch(d.pos, t)
	}
	return nil, false
}

// integer parses lit as a decimal integer of bits bits, or reports false.
func integer(lit []byte, bits int) (int64, bool) {
	neg := len(lit) > 0 && lit[0] == '-'
	digs := lit
	if neg {
		digs = lit[1:]
	}
	if len(digs) == 0 || len(digs) > 18 {
		n, err := strconv.ParseInt(string(lit), 10, bits)
		return n, err == nil
	}
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
	if bits == 32 && int64(int32(n)) != n {
		return 0, false
	}
	return n, true
}

// Int64 reads an integer into *p; null leaves *p as it is.
func (d *Decoder) Int64(p *int64) {
	start := d.pos
	if lit, ok := d.num(int64Type); ok {
		if n, ok := integer(lit, 64); ok {
			*p = n
		} else {
			d.mismatch(d.ws0(start), int64Type)
		}
	}
}

// Int32 reads an integer into *p; null leaves *p as it is.
func (d *Decoder) Int32(p *int32) {
	start := d.pos
	if lit, ok := d.num(int32Type); ok {
		if n, ok := integer(lit, 32); ok {
			*p = int32(n)
		} else {
			d.mismatch(d.ws0(start), int32Type)
		}
	}
}

// Float64 reads a number into *p; null leaves *p as it is.
func (d *Decoder) Float64(p *float64) {
	start := d.pos
	if lit, ok := d.num(float64Type); ok {
		if f, ok := float(lit); ok {
			*p = f
		} else {
			d.mismatch(d.ws0(start), float64Type)
		}
	}
}

// float parses the number lit as encoding/json does, or reports false when
// it is out of range.
func float(lit []byte) (float64, bool) {
	if n, ok := integer(lit, 64); ok && n < 1<<53 && n > -1<<53 && (n != 0 || lit[0] != '-') {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	return f, err == nil
}

// ws0 returns the start of the value at or after i.
func (d *Decoder) ws0(i int) int {
	for i < len(d.data) && (d.data[i] == ' ' || d.data[i] == '\t' || d.data[i] == '\n' || d.data[i] == '\r') {
		i++
	}
	return i
}

// IntOr reads a plain integer into *p; any other value, null included, is
// handed to u (the same value as *p, with its own decoding).
func (d *Decoder) IntOr(p *int64, u json.Unmarshaler) {
	if c := d.peek(); c == '-' || '0' <= c && c <= '9' {
		end := d.number(d.pos)
		if n, ok := integer(d.data[d.pos:end], 64); ok && end > d.pos {
			if end == len(d.data) || !isNumberByte(d.data[end]) {
				*p, d.pos = n, end
				return
			}
		}
	}
	d.Into(u)
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
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
	start := d.ws()
	if raw := d.Raw(); raw != nil {
		d.useAt(start, json.Unmarshal(raw, v))
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
	if d.err != nil {
		return
	}
	if *p == nil {
		*p = map[string]any{}
	}
	for ; more; more = d.Next() {
		k := d.mapKey()
		(*p)[k] = d.Any()
	}
}

// mapKey reads a key as a new string.
func (d *Decoder) mapKey() string {
	return d.copy(d.Key())
}

// Any reads any value as encoding/json decodes into an empty interface:
// map[string]any, []any, string, float64, bool or nil.
func (d *Decoder) Any() any {
	switch c := d.peek(); c {
	case '{':
		m := map[string]any{}
		for more := d.Object(); more; more = d.Next() {
			k := d.mapKey()
			m[k] = d.Any()
		}
		return m
	case '[':
		s := []any{}
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
	case 0:
		return nil
	default:
		start := d.pos
		lit, ok := d.num(float64Type)
		if !ok {
			return nil
		}
		f, ok := float(lit)
		if !ok {
			d.mismatch(start, float64Type)
			return nil
		}
		return f
	}
}

// Custom stores the next value under key in *m, making the map when *m is
// nil; it collects the custom fields (cf_*) of a resource.
func (d *Decoder) Custom(m *map[string]any, key []byte) {
	k := d.copy(key)
	v := d.Any()
	if d.err != nil {
		return
	}
	if *m == nil {
		*m = map[string]any{}
	}
	(*m)[k] = v
}

// Into hands the next value, as written, to u (null included).
func (d *Decoder) Into(u json.Unmarshaler) {
	start := d.ws()
	if raw := d.Raw(); raw != nil {
		d.useAt(start, u.UnmarshalJSON(raw))
	}
}

// CustomKey reports whether key names a custom field: it starts with cf_.
func CustomKey(key []byte) bool { return len(key) >= 3 && string(key[:3]) == "cf_" }

// Skip reads the next value and ignores it.
func (d *Decoder) Skip() { d.Raw() }

// Raw reads the next value and returns it as written, or nil after an
// error. The bytes are the input's own.
func (d *Decoder) Raw() []byte {
	if d.peek() == 0 {
		return nil
	}
	start := d.pos
	d.skip()
	if d.err != nil {
		return nil
	}
	return d.data[start:d.pos]
}

// skip reads one value, starting at d.pos, checking its syntax.
func (d *Decoder) skip() {
	switch c := d.data[d.pos]; c {
	case '{':
		for more := d.Object(); more; more = d.Next() {
			d.Key()
			if d.peek() != 0 {
				d.skip()
			}
		}
	case '[':
		for more := d.Array(); more; more = d.NextItem() {
			if d.peek() != 0 {
				d.skip()
			}
		}
	case '"':
		if end, _ := d.scanString(d.pos + 1); end > 0 {
			d.pos = end + 1
		}
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		end := d.number(d.pos)
		if end == d.pos {
			d.fail(d.pos)
			return
		}
		d.pos = end
	}
}

// Fold returns the name of names that key matches when compared as
// encoding/json compares keys with field names, without regard to case, or
// "" when none does. names are ASCII.
func Fold(key []byte, names []string) string {
	var arr [64]byte
	k := arr[:0]
	for i := 0; i < len(key); {
		c := key[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			k = append(k, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(key[i:])
		k = utf8.AppendRune(k, foldRune(r))
		i += n
	}
	for _, name := range names {
		if len(name) == len(k) && equalUpper(k, name) {
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

// equalUpper reports whether upper, already folded to upper case, equals
// name folded to upper case.
func equalUpper(upper []byte, name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if upper[i] != c {
			return false
		}
	}
	return true
}

// maxLen bounds the elements Len counts, and so the room set aside before
// they are read.
const maxLen = 64

// Len returns the number of elements, up to 64, of the array that comes
// next, so that its slice can be made once; it reads nothing. It returns 0
// when no array comes next.
func (d *Decoder) Len() int {
	data := d.data
	i := d.ws()
	if d.err != nil || i >= len(data) || data[i] != '[' {
		return 0
	}
	n, depth := 0, 0
	for i++; i < len(data) && n < maxLen; i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				if n > 0 || bytes.IndexFunc(data[d.ws()+1:i], func(r rune) bool { return r > ' ' }) >= 0 {
					n++
				}
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
	return n
}

// Grow returns s with room for element i: the element already there, as
// encoding/json decodes into it, or the next one of the array behind s, or a
// new zero one.
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

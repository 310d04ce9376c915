// Package jsonx is the JSON reader behind the generated decoders of the
// resource packages. It reads one JSON text from a byte slice without
// reflection and gives what encoding/json gives for the same Go types:
// unknown keys are skipped, null leaves a value as it is, a repeated key
// overwrites, strings are unescaped alike (bad UTF-8 and lone surrogates
// become U+FFFD), numbers out of range and malformed text are errors.
//
// A Decoder keeps the first error and then does nothing more; Finish
// reports it. So, unlike encoding/json, which goes on past a value of a
// wrong type, it leaves the fields after an error unset: the generated
// decoders' callers discard a value whose decoding failed.
package jsonx

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Decoder reads the JSON text given to Reset.
type Decoder struct {
	data     []byte
	pos      int
	depth    int
	err      error
	buf      []byte // unescaped text, valid until the next read
	interned [16]string
	n        int // strings interned
}

// errSyntax stands for a syntax error until Finish reports it.
var errSyntax = errors.New("jsonx: invalid JSON")

// Reset starts reading b. The strings read never share memory with b.
func (d *Decoder) Reset(b []byte) { *d = Decoder{data: b, buf: d.buf[:0]} }

// Decode reads the JSON text b with read, a generated decodeJSON method,
// and returns what Finish returns: the UnmarshalJSON of every generated
// type.
// Decoders are pooled: read is not known to the compiler, so a Decoder
// handed to it would otherwise be allocated on every call.
func Decode(b []byte, read func(*Decoder)) error {
	d := decoders.Get().(*Decoder)
	d.Reset(b)
	read(d)
	err := d.Finish()
	d.Reset(nil) // keep no reference to b
	if cap(d.buf) > 64<<10 {
		d.buf = nil // nor a buffer grown by one very long string
	}
	decoders.Put(d)
	return err
}

var decoders = sync.Pool{New: func() any { return new(Decoder) }}

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
	if err == nil || d.err != nil {
		return
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		te.Field = strings.Trim(pathAt(d.data, i)+"."+te.Field, ".")
	}
	d.err = err
}

// pathAt returns the keys of the members enclosing offset i of data, which
// is valid JSON up to i, joined by dots.
func pathAt(data []byte, i int) string {
	var open []string // "[" per open array; per open object "{", then "." and its key
	for j := 0; j < i; j++ {
		switch c := data[j]; {
		case c == '{' || c == '[':
			open = append(open, string(data[j:j+1]))
		case c == '}' || c == ']':
			open = open[:len(open)-1]
		case c == ',' && open[len(open)-1] != "[":
			open[len(open)-1] = "{"
		case c == '"':
			s := Decoder{data: data, pos: j}
			if k, _ := s.text(nil); len(open) > 0 && open[len(open)-1] == "{" {
				open[len(open)-1] = "." + string(k)
			}
			j = s.pos - 1
		}
	}
	path := ""
	for _, k := range open {
		if len(k) > 1 {
			path += k
		}
	}
	return strings.TrimPrefix(path, ".")
}

// mismatch records that the value at i cannot be stored in *p, or a syntax
// error when no value starts there.
func (d *Decoder) mismatch(i int, p any) {
	what := map[byte]string{'"': "string", '{': "object", '[': "array", 't': "bool", 'f': "bool"}[d.data[i]]
	if end := d.number(i); end > i {
		what = "number " + string(d.data[i:end])
	}
	if what == "" {
		d.Use(errSyntax)
		return
	}
	d.Use(&json.UnmarshalTypeError{Value: what, Type: reflect.TypeOf(p).Elem(), Offset: int64(i), Field: pathAt(d.data, i)})
}

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
func (d *Decoder) Object() bool { return d.open('{', '}', (*map[string]any)(nil)) }

// Array starts an array as Object starts an object; each element is read
// and then NextItem.
func (d *Decoder) Array() bool { return d.open('[', ']', (*[]any)(nil)) }

func (d *Decoder) open(start, end byte, p any) bool {
	switch d.peek() {
	case start:
		if d.pos, d.depth = d.pos+1, d.depth+1; d.depth > 10000 { // encoding/json's bound
			d.Use(errSyntax)
		}
		return d.next(0, end)
	case 'n':
		d.literal("null")
	case 0:
	default:
		d.mismatch(d.pos, p)
	}
	return false
}

// Next reads the comma after a member and reports whether another one
// follows; it reads the closing '}' and returns false at the end.
func (d *Decoder) Next() bool { return d.next(',', '}') }

// NextItem is Next for the elements of an array.
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
	k, ok := d.text(nil)
	if !ok || d.peek() != ':' {
		d.Use(errSyntax)
		return nil
	}
	d.pos++
	return k
}

// text reads a string and returns its unescaped contents, valid until the
// next read; ok is false for null, for another value (an error unless p,
// where the string goes, is nil) and after an error.
func (d *Decoder) text(p any) (b []byte, ok bool) {
	switch c := d.peek(); {
	case c == 'n' && p != nil:
		d.literal("null")
		return nil, false
	case c != '"':
		if c != 0 && p != nil {
			d.mismatch(d.pos, p)
		}
		return nil, false
	}
	start, plain := d.pos, true
	for d.pos++; d.pos < len(d.data) && d.data[d.pos] != '"'; d.pos++ {
		if c := d.data[d.pos]; c == '\\' || c < ' ' {
			plain, d.pos = false, d.pos+b2i(c == '\\')
		}
	}
	if d.pos >= len(d.data) {
		d.Use(errSyntax)
		return nil, false
	}
	d.pos++
	if b = d.data[start+1 : d.pos-1]; plain && utf8.Valid(b) {
		return b, true
	}
	return d.unquote(d.data[start:d.pos])
}

// unescape maps the letter after a backslash to what it stands for, or
// to 0 for u and for letters that cannot follow.
var unescape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unquote unescapes the JSON string q, quotes included, into d.buf,
// leaving \u escapes, bad UTF-8 and errors to encoding/json.
func (d *Decoder) unquote(q []byte) ([]byte, bool) {
	out, ok := d.buf[:0], true
	for i := 1; ok && i < len(q)-1; i++ {
		c := q[i]
		if c == '\\' {
			i++
			c = unescape[q[i]]
		} else if c < ' ' {
			c = 0
		}
		out, ok = append(out, c), c != 0
	}
	if ok = ok && utf8.Valid(out); !ok {
		var s string
		ok = json.Unmarshal(q, &s) == nil
		out = append(out[:0], s...)
	}
	if d.buf = out; !ok {
		d.Use(errSyntax)
	}
	return out, ok
}

// Str reads a string into *p and reports whether it stored a copy; null
// leaves *p as it is. A string equal to one of known is stored as that
// one, without a copy.
func (d *Decoder) Str(p *string, known ...string) bool {
	b, ok := d.text(p)
	for i := 0; ok && i < len(known); i++ {
		if string(b) == known[i] {
			*p, ok = known[i], false
		}
	}
	if ok {
		*p = string(b)
	}
	return ok
}

// Intern reads a string into *p as Str does, sharing one copy among the
// first 16 different strings this decoder reads through Intern: for values
// that repeat in every object, such as the object's type name.
func (d *Decoder) Intern(p *string) {
	if d.Str(p, d.interned[:d.n]...) && d.n < len(d.interned) {
		d.interned[d.n], d.n = *p, d.n+1
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
		d.mismatch(d.pos, p)
	}
}

// number returns the end of the number starting at i, or i when none does.
func (d *Decoder) number(i int) int {
	data := d.data
	j := i + b2i(i < len(data) && data[i] == '-')
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
		e := k + 1 + b2i(k+1 < len(data) && (data[k+1] == '+' || data[k+1] == '-'))
		if k = digits(data, e); k == e {
			return i
		}
	}
	return k
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Num reads a number into p, an *int64, *int32 or *float64; null leaves
// *p as it is, and a number that *p cannot hold is an error.
func (d *Decoder) Num(p any) {
	c := d.peek()
	start := d.pos
	end := d.number(start)
	switch {
	case c == 'n':
		d.literal("null")
		return
	case c == 0:
		return
	case end == start:
		d.mismatch(start, p)
		return
	}
	lit := d.data[start:end]
	d.pos = end
	n, ok := integer(lit)
	switch p := p.(type) {
	case *int64:
		if ok {
			*p = n
		}
	case *int32:
		if ok = ok && n == int64(int32(n)); ok {
			*p = int32(n)
		}
	case *float64:
		var f float64
		if f, ok = float(lit); ok {
			*p = f
		}
	}
	if !ok {
		d.mismatch(start, p)
	}
}

// integer parses lit, a valid number, as an int64, or reports false.
func integer(lit []byte) (int64, bool) {
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
		return n, true
	}
	n, err := strconv.ParseInt(string(lit), 10, 64)
	return n, err == nil
}

// float parses lit, a valid number, as encoding/json does, or reports
// false when it is out of range.
func float(lit []byte) (float64, bool) {
	if n, ok := integer(lit); ok && n < 1<<53 && n > -1<<53 && (n != 0 || lit[0] != '-') {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	return f, err == nil
}

// IntOr reads a plain integer into *p; any other value, null included, is
// handed to u (the same value as *p, with a decoding of its own).
func (d *Decoder) IntOr(p *int64, u json.Unmarshaler) {
	c := d.peek()
	if end := d.number(d.pos); c != 0 && end > d.pos {
		if n, ok := integer(d.data[d.pos:end]); ok {
			*p, d.pos = n, end
			return
		}
	}
	d.Unmarshal(u)
}

// Unmarshal decodes the next value, null included, into v, with v's
// UnmarshalJSON method or else with encoding/json: for the types the
// generated decoders do not read themselves.
func (d *Decoder) Unmarshal(v any) {
	start := d.ws(d.pos)
	raw := d.Raw()
	u, ok := v.(json.Unmarshaler)
	switch {
	case raw == nil:
	case ok:
		d.useAt(start, u.UnmarshalJSON(raw))
	default:
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
		// Not presized with Len: ahead of every level of nested arrays,
		// Len would scan the rest of the value again.
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
	}
	var f float64
	d.Num(&f)
	return f
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
	case 't', 'f', 'n':
		var b bool
		d.Bool(&b)
	case 0:
	default:
		if d.pos = d.number(start); d.pos == start {
			d.Use(errSyntax)
		}
	}
	if d.err != nil {
		return nil
	}
	return d.data[start:d.pos]
}

// Fold returns the name of names that key matches as encoding/json matches
// keys with field names, without regard to case, or "" when none does. A
// name equal to key is never returned: the caller has tried it already, so
// a decoder that retries with the result cannot loop.
func Fold(key []byte, names []string) string {
	k := string(key)
	for _, name := range names {
		if name != k && strings.EqualFold(k, name) {
			return name
		}
	}
	return ""
}

// Len returns the number of elements, up to 64, of the array that comes
// next, so that its slice can be made once; it reads nothing. It returns 0
// when no array, or an empty one, comes next.
func (d *Decoder) Len() (n int) {
	ahead := Decoder{data: d.data, pos: d.pos, buf: d.buf}
	for more := ahead.Array(); more && n < 64; more = ahead.NextItem() {
		ahead.Skip()
		n++
	}
	return n
}

// Slice reads an array into *p as encoding/json reads one into a slice,
// each element with item: null makes *p nil, [] a new empty slice, and the
// elements within the capacity of *p are read into again. A nil *p is made
// with room for Len elements when presize is set (not for a page's list).
func Slice[T any](d *Decoder, p *[]T, item func(*T, *Decoder), presize bool) {
	if d.Null() {
		*p = nil
		return
	}
	s, n := *p, 0
	if s == nil && presize {
		s = make([]T, 0, d.Len())
	}
	for more := d.Array(); more; more = d.NextItem() {
		if n == len(s) {
			s = slices.Grow(s, 1)[:n+1]
		}
		item(&s[n], d)
		n++
	}
	if n == 0 {
		s = []T{}
	}
	*p = s[:n]
}

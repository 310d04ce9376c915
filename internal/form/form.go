// Package form writes Chargebee's bracketed form encoding: parent[child]=v,
// arrays of objects indexed after the attribute (list[id][0]=a), JSON fields
// as one compact document, custom fields as top-level keys. Each request
// type of the SDK has a generated AppendForm method that calls a Writer field
// by field in wire-key order, so that the bytes equal url.Values.Encode of
// the same pairs. Other structs passed to Client.Do are encoded by
// github.com/google/go-querystring after CheckDepth.
package form

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

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

// Appender is a value that appends its own URL-encoded form, keys sorted, to
// b: every request type of the SDK.
type Appender interface {
	AppendForm(b []byte) ([]byte, error)
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// Bytes returns the form of a in a new slice, or nil when it has no keys.
func Bytes(a Appender) ([]byte, error) {
	bp := bufPool.Get().(*[]byte)
	b, err := a.AppendForm((*bp)[:0])
	var out []byte
	if err == nil && len(b) > 0 {
		out = append([]byte(nil), b...)
	}
	if cap(b) <= 64<<10 {
		*bp = b[:0]
		bufPool.Put(bp)
	}
	return out, err
}

// Writer appends form pairs to a buffer. The generated AppendForm methods
// call it in key order; it merges the custom fields into that order and
// keeps the first error, after which it writes nothing.
type Writer struct {
	buf    []byte
	start  int // len(buf) before the first pair
	err    error
	at     int      // 1 + the element index the next key ends in, or 0
	raw    []byte   // the raw key being written, while custom fields are pending
	last   []byte   // the raw key written last, while custom fields are pending
	custom []string // the custom fields' keys, sorted; those from next on are pending
	next   int
	values map[string]string
	filter url.Values // scratch for filters
}

var writerPool = sync.Pool{New: func() any { return &Writer{} }}

// NewWriter returns a Writer appending to buf, with the custom fields of
// the request (nil for none). Finish returns it to its pool.
func NewWriter(buf []byte, custom map[string]string) *Writer {
	w := writerPool.Get().(*Writer)
	w.buf, w.start, w.values = buf, len(buf), custom
	for k := range custom {
		if k == "" {
			w.err = &Error{Key: "custom field", Reason: "key must not be empty"}
		}
		w.custom = append(w.custom, k)
	}
	slices.Sort(w.custom)
	return w
}

// Finish writes the custom fields that sort after every other key and
// returns the buffer, or the buffer as it was given and the first error.
func (w *Writer) Finish() ([]byte, error) {
	w.flush(true)
	b, err := w.buf, w.err
	if err != nil {
		b = b[:w.start]
	}
	clear(w.custom)
	clear(w.filter)
	*w = Writer{custom: w.custom[:0], filter: w.filter, raw: w.raw[:0], last: w.last[:0]}
	writerPool.Put(w)
	return b, err
}

// At makes the next key that of element i: key[i].
func (w *Writer) At(i int) *Writer {
	w.at = i + 1
	return w
}

// key starts a pair. Generated code gives the key escaped (esc), filters
// give it raw; either way the custom fields that sort before it are written
// first. It reports whether to write the value.
func (w *Writer) key(esc, raw string) bool {
	at := w.at
	w.at = 0
	if w.err != nil {
		return false
	}
	if w.next < len(w.custom) {
		w.raw = rawKey(w.raw[:0], esc, raw, at)
		if !w.flush(false) {
			return false
		}
		w.last = append(w.last[:0], w.raw...)
	}
	if esc == "" {
		w.pair(raw)
		return true
	}
	if len(w.buf) > w.start {
		w.buf = append(w.buf, '&')
	}
	w.buf = append(w.buf, esc...)
	if at > 0 {
		w.buf = append(strconv.AppendInt(append(w.buf, "%5B"...), int64(at-1), 10), "%5D"...)
	}
	w.buf = append(w.buf, '=')
	return true
}

// rawKey appends to b the raw key: raw, or the escaped key esc with its
// brackets unescaped, and the index of At (at, 0 for none).
func rawKey(b []byte, esc, raw string, at int) []byte {
	b = append(b, raw...)
	for i := 0; i < len(esc); i++ {
		switch {
		case esc[i] != '%':
			b = append(b, esc[i])
		case esc[i+2] == 'B':
			b, i = append(b, '['), i+2
		default:
			b, i = append(b, ']'), i+2
		}
	}
	if at > 0 {
		b = append(strconv.AppendInt(append(b, '['), int64(at-1), 10), ']')
	}
	return b
}

// pair writes the separator and raw=.
func (w *Writer) pair(raw string) {
	if len(w.buf) > w.start {
		w.buf = append(w.buf, '&')
	}
	w.buf = append(appendEscaped(w.buf, raw), '=')
}

// flush writes the pending custom fields whose keys sort before w.raw, or
// all of them. One that does not sort after the last key written repeats it.
func (w *Writer) flush(all bool) bool {
	for w.err == nil && w.next < len(w.custom) && (all || w.custom[w.next] < string(w.raw)) {
		k := w.custom[w.next]
		if len(w.last) > 0 && k <= string(w.last) {
			w.err = &Error{Key: k, Reason: "is sent twice or out of order (a custom field or filter repeats another parameter)"}
			return false
		}
		w.next, w.last = w.next+1, append(w.last[:0], k...)
		w.pair(k)
		w.buf = appendEscaped(w.buf, w.values[k])
	}
	return w.err == nil
}

// The methods below write one pair each; key is the wire key escaped (its
// brackets written %5B and %5D).

// String writes key=v.
func (w *Writer) String(key, v string) {
	if w.key(key, "") {
		w.buf = appendEscaped(w.buf, v)
	}
}

// Bool writes key=true or key=false.
func (w *Writer) Bool(key string, v bool) {
	if w.key(key, "") {
		w.buf = strconv.AppendBool(w.buf, v)
	}
}

// Int writes key=v in decimal.
func (w *Writer) Int(key string, v int64) {
	if w.key(key, "") {
		w.buf = strconv.AppendInt(w.buf, v, 10)
	}
}

// JSON writes key=v as one compact JSON document.
func (w *Writer) JSON(key string, v any) {
	if w.err != nil {
		return
	}
	jb := jsonPool.Get().(*jsonBuffer)
	defer jb.release()
	b, err := jb.marshal(v)
	if err != nil {
		w.err = &Error{Key: string(rawKey(nil, key, "", w.at)), Reason: "is not valid JSON: " + jsonReason(err)}
		return
	}
	if w.key(key, "") {
		w.buf = appendEscaped(w.buf, b)
	}
}

// Filter writes the keys f adds under the raw key prefix, in key order.
func (w *Writer) Filter(key string, f query.Encoder) {
	if w.err != nil {
		return
	}
	if w.filter == nil {
		w.filter = url.Values{}
	}
	clear(w.filter)
	if err := f.EncodeValues(key, &w.filter); err != nil {
		w.err = err
		return
	}
	for _, k := range slices.Sorted(maps.Keys(w.filter)) {
		for _, v := range w.filter[k] {
			if !w.key("", k) {
				return
			}
			w.buf = appendEscaped(w.buf, v)
		}
	}
}

// identity holds the index orders of up to ten elements, where the numeric
// and the string order agree.
var identity = [10]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// Indexes returns 0..n-1 in the order of the keys of n elements, which end
// in "[i]": as the strings "i]" sort, so "10]" before "1]".
func Indexes(n int) []int {
	if n <= len(identity) {
		return identity[:n]
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return strings.Compare(strconv.Itoa(a)+"]", strconv.Itoa(b)+"]")
	})
	return idx
}

// appendEscaped appends s escaped as url.QueryEscape escapes it, copying
// runs of bytes that need no escaping whole.
func appendEscaped[S string | []byte](dst []byte, s S) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		if c == ' ' {
			dst = append(dst, '+')
		} else {
			dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

const upperhex = "0123456789ABCDEF"

// unreserved holds the bytes a query component keeps as they are.
var unreserved = func() (u [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~") {
		u[c] = true
	}
	return u
}()

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
// and without HTML escaping: the value of a JSON field. A value that cannot
// be marshalled is an *Error naming key.
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

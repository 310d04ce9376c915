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

// Error returns the reason, after "form: " and the key when there is one.
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

// Writer appends form pairs, given in key order with raw keys by generated
// AppendForm methods, merging the custom fields in. After an error it writes
// nothing.
type Writer struct {
	buf    []byte
	start  int // len(buf) before the first pair
	err    error
	at     int      // 1 + the element index the next key ends in, or 0
	key    []byte   // the raw key being written
	last   []byte   // the raw key written last
	custom []string // the custom fields' keys, sorted; those from next on are pending
	next   int
	values map[string]string
	filter url.Values   // scratch for filters
	json   bytes.Buffer // scratch for JSON fields
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
	keep := Writer{custom: w.custom[:0], filter: w.filter, key: w.key[:0], last: w.last[:0]}
	if w.json.Cap() <= 64<<10 {
		keep.json = w.json
	}
	*w = keep
	writerPool.Put(w)
	return b, err
}

// At makes the next key that of element i: key[i].
func (w *Writer) At(i int) *Writer {
	w.at = i + 1
	return w
}

// setKey makes w.key the raw key of the next pair: key and the index of At.
func (w *Writer) setKey(key string) []byte {
	w.key = append(w.key[:0], key...)
	if w.at > 0 {
		w.key = append(strconv.AppendInt(append(w.key, '['), int64(w.at-1), 10), ']')
		w.at = 0
	}
	return w.key
}

// pair writes key= after the custom fields that sort before key, and
// reports whether to write the value.
func (w *Writer) pair(key string) bool {
	if w.setKey(key); !w.flush(false) {
		return false
	}
	w.write(w.key)
	w.key, w.last = w.last, w.key
	return true
}

// write writes the separator and key=, escaped.
func (w *Writer) write(key []byte) {
	if len(w.buf) > w.start {
		w.buf = append(w.buf, '&')
	}
	w.buf = append(appendEscaped(w.buf, key), '=')
}

// flush writes the pending custom fields whose keys sort before w.key, or
// all of them, and reports whether no error stopped the Writer. A custom
// field that does not sort after the last key written repeats it.
func (w *Writer) flush(all bool) bool {
	for w.err == nil && w.next < len(w.custom) && (all || w.custom[w.next] < string(w.key)) {
		k := w.custom[w.next]
		if len(w.last) > 0 && k <= string(w.last) {
			w.err = &Error{Key: k, Reason: "is sent twice or out of order (a custom field or filter repeats another parameter)"}
			break
		}
		w.next, w.last = w.next+1, append(w.last[:0], k...)
		w.write(w.last)
		w.buf = appendEscaped(w.buf, w.values[k])
	}
	return w.err == nil
}

// String writes key=v.
func (w *Writer) String(key, v string) {
	if w.pair(key) {
		w.buf = appendEscaped(w.buf, v)
	}
}

// Bool writes key=true or key=false.
func (w *Writer) Bool(key string, v bool) {
	if w.pair(key) {
		w.buf = strconv.AppendBool(w.buf, v)
	}
}

// Int writes key=v in decimal.
func (w *Writer) Int(key string, v int64) {
	if w.pair(key) {
		w.buf = strconv.AppendInt(w.buf, v, 10)
	}
}

// JSON writes key=v as one compact JSON document.
func (w *Writer) JSON(key string, v any) {
	if w.err != nil {
		return
	}
	w.json.Reset()
	if err := writeJSON(&w.json, v); err != nil {
		w.err = &Error{Key: string(w.setKey(key)), Reason: jsonReason(err)}
	} else if w.pair(key) {
		w.buf = appendEscaped(w.buf, w.json.Bytes())
	}
}

// Filter writes the keys f adds under the key prefix, in key order.
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
			if !w.pair(k) {
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
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			continue // kept as it is
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

// JSON returns v as one compact JSON document without HTML escaping, or an
// *Error naming key.
func JSON(key string, v any) (string, error) {
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		return "", &Error{Key: key, Reason: jsonReason(err)}
	}
	return b.String(), nil
}

// writeJSON writes v to b as JSON returns it.
func writeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // the newline Encode ends with
	return nil
}

// jsonReason describes a marshalling error without the offending value.
func jsonReason(err error) string {
	switch e := err.(type) {
	case *json.UnsupportedValueError:
		return "is not valid JSON: unsupported value (NaN or infinity?)"
	case *json.UnsupportedTypeError:
		return "is not valid JSON: unsupported type " + e.Type.String()
	case *json.MarshalerError:
		return "is not valid JSON: marshaller of " + e.Type.String() + " failed"
	}
	return "is not valid JSON: cannot be marshalled"
}

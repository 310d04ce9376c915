package chargebee

import (
	"encoding/json"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"time"

	"github.com/billingkit/chargebee-go/internal/form"
)

// Timestamp is a point in time as Chargebee sends it: whole seconds since the
// Unix epoch. On the wire it is a plain decimal integer, both in requests and
// in JSON responses.
type Timestamp int64

// NewTimestamp converts t to a Timestamp, dropping sub-second precision.
func NewTimestamp(t time.Time) Timestamp { return Timestamp(t.Unix()) }

// Time returns the timestamp as a time.Time in UTC.
func (t Timestamp) Time() time.Time { return time.Unix(int64(t), 0).UTC() }

// IsZero reports whether the timestamp is unset (the Unix epoch).
func (t Timestamp) IsZero() bool { return t == 0 }

// String formats the timestamp as RFC 3339 in UTC.
func (t Timestamp) String() string { return t.Time().Format(time.RFC3339) }

// UnmarshalJSON accepts an integer, an integer written with an exponent or
// fraction (as some JSON producers emit), or null.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		*t = Timestamp(n)
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil || f < math.MinInt64 || f >= math.MaxInt64 {
		return &json.UnmarshalTypeError{Value: "timestamp " + snippet(s, 32, false), Type: reflect.TypeOf(*t)}
	}
	*t = Timestamp(int64(f))
	return nil
}

// Metadata is free-form JSON attached to a resource (Chargebee's meta_data).
// It is sent as one compact JSON object and is limited by Chargebee to 65,535
// characters of JSON.
type Metadata map[string]any

// EncodeValues sets key to m as one compact JSON object, so that a Metadata
// field of a struct of the caller's passed to Client.Do, which
// github.com/google/go-querystring encodes, is sent as Chargebee expects. A
// value JSON cannot hold (NaN, a func) is a *ValidationError from Do.
func (m Metadata) EncodeValues(key string, v *url.Values) error {
	if m == nil {
		return nil
	}
	s, err := form.JSON(key, map[string]any(m))
	if err != nil {
		return err
	}
	v.Set(key, s)
	return nil
}

// MaxMetadataLength is the largest meta_data JSON document, in characters,
// that Chargebee accepts.
const MaxMetadataLength = 65535

// Ptr returns a pointer to v. It is handy for setting optional request fields
// directly instead of through their setters.
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to v.
func String(v string) *string { return &v }

// Bool returns a pointer to v.
func Bool(v bool) *bool { return &v }

// Int32 returns a pointer to v.
func Int32(v int32) *int32 { return &v }

// Int64 returns a pointer to v.
func Int64(v int64) *int64 { return &v }

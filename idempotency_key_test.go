package chargebee

import (
	"strings"
	"testing"
)

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []RequestOption
		want string
	}{
		{"none", nil, ""},
		{"other options only", []RequestOption{WithHeader("X-A", "b"), nil}, ""},
		{"given", []RequestOption{WithIdempotencyKey("k1")}, "k1"},
		{"last wins", []RequestOption{WithIdempotencyKey("k1"), WithIdempotencyKey("k2")}, "k2"},
		{"invalid key ignored", []RequestOption{WithIdempotencyKey("")}, ""},
	}
	for _, tc := range tests {
		if got := IdempotencyKey(tc.opts...); got != tc.want {
			t.Errorf("%s: IdempotencyKey = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The key's limit is counted in bytes, as its message says: a key of 60
// two-byte characters is refused, one of 100 ASCII bytes is not.
func TestIdempotencyKeyLimitInBytes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		key, reason string
	}{
		{strings.Repeat("ü", 60), "must be at most 100 bytes"},
		{strings.Repeat("k", 100), ""},
	} {
		_, err := applyOptions([]RequestOption{WithIdempotencyKey(tc.key)})
		ve, _ := err.(*ValidationError)
		if (ve == nil) != (tc.reason == "") || (ve != nil && ve.Reason != tc.reason) {
			t.Errorf("%d-byte key: err = %v, want reason %q", len(tc.key), err, tc.reason)
		}
	}
}

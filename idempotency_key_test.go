package chargebee

import "testing"

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

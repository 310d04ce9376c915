package site

import (
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"acme": true, "acme-test": true, "0acme": true, strings.Repeat("a", 63): true,
		"": false, "-acme": false, "Acme": false, "a.b": false, "evil.com/x": false, "..": false,
		"a b": false, strings.Repeat("a", 64): false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPathRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s            string
		control, dot bool
	}{
		{"cust_1", false, false},
		{"a.b", false, false},
		{"...", false, false},
		{"/customers/a..b", false, false},
		{".", false, true},
		{"..", false, true},
		{"a/..", false, true},
		{"/customers/../x", false, true},
		{"/customers/./x", false, true},
		{"/customers/.", false, true},
		{"a\x00b", true, false},
		{"a\x1fb", true, false},
		{"a\x7f", true, false},
		{"a\tb/..", true, true},
		{"a b", false, false},
	} {
		if got := HasControl(tc.s); got != tc.control {
			t.Errorf("HasControl(%q) = %v, want %v", tc.s, got, tc.control)
		}
		if got := HasDotSegment(tc.s); got != tc.dot {
			t.Errorf("HasDotSegment(%q) = %v, want %v", tc.s, got, tc.dot)
		}
	}
}

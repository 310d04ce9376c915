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

// Package site checks what goes into a Chargebee URL: site names, the part
// before .chargebee.com, and the path ids and paths the SDK sends, so the
// client, the resource packages and the links the SDK builds share one rule.
package site

import (
	"regexp"
	"strings"
)

// Pattern is the shape of a site name, for example acme or acme-test.
const Pattern = `^[a-z0-9][a-z0-9-]*$`

// MaxLength bounds a site name: it is one DNS label.
const MaxLength = 63

var re = regexp.MustCompile(Pattern)

// Valid reports whether s is a usable site name.
func Valid(s string) bool {
	return s != "" && len(s) <= MaxLength && re.MatchString(s)
}

// HasControl reports whether s holds an ASCII control character.
func HasControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0
}

// HasDotSegment reports whether s, split at "/", has a "." or ".." segment,
// which a server or proxy would resolve and so change the route.
func HasDotSegment(s string) bool {
	for rest, more := s, true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

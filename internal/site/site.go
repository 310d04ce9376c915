// Package site checks Chargebee site names, the part before .chargebee.com,
// for the client and for the links the SDK builds.
package site

import "regexp"

// Pattern is the shape of a site name, for example acme or acme-test.
const Pattern = `^[a-z0-9][a-z0-9-]*$`

// MaxLength bounds a site name: it is one DNS label.
const MaxLength = 63

var re = regexp.MustCompile(Pattern)

// Valid reports whether s is a usable site name.
func Valid(s string) bool {
	return s != "" && len(s) <= MaxLength && re.MatchString(s)
}

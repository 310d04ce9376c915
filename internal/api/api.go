// Package api holds the helpers every resource package uses: path ids,
// API-version checks and the validation rules of request types. Its errors
// are *chargebee.ValidationError values naming the wire key.
package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/billingkit/chargebee-go/internal/site"
)

// MaxIDLength bounds, in bytes, an id placed in a path; Chargebee ids are
// far shorter.
const MaxIDLength = 512

// PathID escapes id as one path segment, refusing, with param named in the
// error, ids that no escaping keeps in place: empty, with "." or ".."
// segments, control characters or invalid UTF-8, or over MaxIDLength bytes.
func PathID(param, id string) (string, error) {
	switch {
	case id == "":
		return "", &chargebee.ValidationError{Param: param, Reason: "is required"}
	case len(id) > MaxIDLength:
		return "", &chargebee.ValidationError{Param: param, Reason: fmt.Sprintf("must be at most %d bytes", MaxIDLength)}
	case !utf8.ValidString(id):
		return "", &chargebee.ValidationError{Param: param, Reason: "must be valid UTF-8"}
	case site.HasControl(id):
		return "", &chargebee.ValidationError{Param: param, Reason: "must not contain control characters"}
	case site.HasDotSegment(id):
		return "", &chargebee.ValidationError{Param: param, Reason: `must not be or contain the path segments "." or ".."`}
	}
	return url.PathEscape(id), nil
}

// NilService returns the error of every method of a nil Service of package
// pkg, or of one without a client: chargebee.ErrNilService.
func NilService(pkg string) error {
	return &chargebee.ValidationError{
		Reason: "nil *" + pkg + ".Service or nil *chargebee.Client; create it with " + pkg + ".NewService(cb) and a client from chargebee.NewClient",
		Err:    chargebee.ErrNilService,
	}
}

// RequireVersion fails as Client.Do does, with chargebee.ErrNilClient inside
// a *chargebee.ValidationError, when c is nil or was not made by
// chargebee.NewClient; then, when want is set and c speaks another API
// version, with chargebee.ErrAPIVersion. alt names what to use instead; it
// may be empty.
func RequireVersion(c *chargebee.Client, want chargebee.APIVersion, action, alt string) error {
	// Only the zero Client lacks a version; Client.Do reports it (or a nil
	// one) before reading its arguments.
	if c == nil || c.APIVersion() == "" {
		return c.Do(context.Background(), "", "", nil, nil)
	}
	if want == "" || c.APIVersion() == want {
		return nil
	}
	msg := fmt.Sprintf("%s needs API %s but the client uses %s", action, want, c.APIVersion())
	if alt != "" {
		msg += "; " + alt
	}
	return &chargebee.ValidationError{Reason: msg, Err: chargebee.ErrAPIVersion}
}

// Invalid returns a *chargebee.ValidationError.
func Invalid(param, reason string) error {
	return &chargebee.ValidationError{Param: param, Reason: reason}
}

// First returns the first non-nil error.
func First(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Required fails when set is false.
func Required(param string, set bool) error {
	if !set {
		return Invalid(param, "is required")
	}
	return nil
}

// RequiredString fails when s is nil or empty.
func RequiredString(param string, s *string) error { return Required(param, s != nil && *s != "") }

// MaxLen fails when s is longer than n characters.
func MaxLen(param string, s *string, n int) error {
	if s != nil && utf8.RuneCountInString(*s) > n {
		return Invalid(param, fmt.Sprintf("must be at most %d characters", n))
	}
	return nil
}

// Integer is the set of integer types request fields use.
type Integer interface {
	~int | ~int32 | ~int64
}

// Min fails when v is set and below lo.
func Min[T Integer](param string, v *T, lo T) error {
	if v != nil && *v < lo {
		return Invalid(param, fmt.Sprintf("must be at least %d", lo))
	}
	return nil
}

// Max fails when v is set and above hi.
func Max[T Integer](param string, v *T, hi T) error {
	if v != nil && *v > hi {
		return Invalid(param, fmt.Sprintf("must be at most %d", hi))
	}
	return nil
}

// Range fails when v is set and outside lo..hi.
func Range[T Integer](param string, v *T, lo, hi T) error {
	if v != nil && (*v < lo || *v > hi) {
		return Invalid(param, fmt.Sprintf("must be between %d and %d", lo, hi))
	}
	return nil
}

// CustomFields checks that every key starts with "cf_" and has a name after it.
func CustomFields(m map[string]string) error {
	for k := range m {
		if !strings.HasPrefix(k, "cf_") || len(k) == 3 {
			return Invalid(k, `custom field keys must start with "cf_"`)
		}
		if strings.IndexFunc(k, func(c rune) bool {
			return !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
		}) >= 0 {
			return Invalid(k, "custom field keys may hold only letters, digits and _")
		}
	}
	return nil
}

// Metadata checks that m marshals to JSON of at most
// chargebee.MaxMetadataLength characters, counted as the form sends it
// (without HTML escaping, so "<" is one character, not six).
func Metadata(param string, m chargebee.Metadata) error {
	if m == nil {
		return nil
	}
	s, err := form.JSON(param, map[string]any(m))
	if err != nil {
		return Invalid(param, "must be valid JSON (no NaN, infinity, channels or functions)")
	}
	if utf8.RuneCountInString(s) > chargebee.MaxMetadataLength {
		return Invalid(param, fmt.Sprintf("must be at most %d characters of JSON", chargebee.MaxMetadataLength))
	}
	return nil
}

// JSON checks that v marshals to JSON.
func JSON(param string, v any) error {
	if v == nil {
		return nil
	}
	if _, err := json.Marshal(v); err != nil {
		return Invalid(param, "must be valid JSON (no NaN, infinity, channels or functions)")
	}
	return nil
}

// MissingKey reports a 2xx response without a key the action always returns.
func MissingKey(action, key string) error {
	return fmt.Errorf("%s: response has no %q", action, key)
}

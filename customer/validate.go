package customer

import (
	"fmt"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go/internal/api"
)

// lenBetween fails when s is set and its length in characters is outside
// lo..hi.
func lenBetween(param string, s *string, lo, hi int) error {
	if s == nil {
		return nil
	}
	if n := utf8.RuneCountInString(*s); n < lo || n > hi {
		return api.Invalid(param, fmt.Sprintf("must be %d to %d characters", lo, hi))
	}
	return nil
}

// jsonObject fails when m is set and cannot be marshalled to JSON.
func jsonObject(param string, m map[string]any) error {
	if m == nil {
		return nil
	}
	return api.JSON(param, m)
}

package credits

import (
	"fmt"
	"regexp"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// decimalRE is what amount_in_decimal accepts: digits with an optional
// fraction, as amounts are at least 0.
var decimalRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// oneAmount fails unless exactly one of amount and amount_in_decimal is set.
func oneAmount(amount *int64, amountInDecimal *string) error {
	switch {
	case amount == nil && amountInDecimal == nil:
		return api.Invalid("amount", "is required (or amount_in_decimal)")
	case amount != nil && amountInDecimal != nil:
		return api.Invalid("amount_in_decimal", "must not be sent together with amount; give exactly one")
	}
	return nil
}

// decimalAmount checks amount_in_decimal: at most 33 characters of digits
// with an optional fraction.
func decimalAmount(s *string) error {
	if err := api.MaxLen("amount_in_decimal", s, 33); err != nil {
		return err
	}
	if s != nil && !decimalRE.MatchString(*s) {
		return api.Invalid("amount_in_decimal", `must be a decimal number of at least 0, such as "10.50"`)
	}
	return nil
}

// basicStringFilter fails when f uses an operator other than is, is_not and
// starts_with, the only ones Chargebee takes on id and customer_id here.
func basicStringFilter(field string, f *chargebee.StringFilter) error {
	if f == nil {
		return nil
	}
	unsupported := func(op string) error {
		return api.Invalid(fmt.Sprintf("%s[%s]", field, op), "is not supported on this list; use is, is_not or starts_with")
	}
	switch {
	case f.IsPresent != nil:
		return unsupported("is_present")
	case f.In != nil:
		return unsupported("in")
	case f.NotIn != nil:
		return unsupported("not_in")
	}
	return nil
}

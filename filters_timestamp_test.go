package chargebee_test

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// Chargebee takes timestamp filter values as Unix seconds of exactly 10
// digits; anything else (milliseconds, negative values, a between with an
// end unset) is refused before sending, naming the key.
func TestTimestampFilterValues(t *testing.T) {
	t.Parallel()
	ms := chargebee.Timestamp(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
	cases := []struct {
		name  string
		f     chargebee.TimestampFilter
		param string     // the key refused, or ""
		want  url.Values // what is encoded when accepted
	}{
		{"unset", chargebee.TimestampFilter{}, "", url.Values{}},
		{"seconds", chargebee.TimestampFilter{After: 1704067200, Before: 9999999999, On: 1000000000,
			Between: [2]chargebee.Timestamp{1704067200, 1717199999}}, "",
			url.Values{"created_at[after]": {"1704067200"}, "created_at[before]": {"9999999999"},
				"created_at[on]": {"1000000000"}, "created_at[between]": {"[1704067200,1717199999]"}}},
		{"after in milliseconds", chargebee.TimestampFilter{After: ms}, "created_at[after]", nil},
		{"before negative", chargebee.TimestampFilter{Before: -1704067200}, "created_at[before]", nil},
		{"on with 9 digits", chargebee.TimestampFilter{On: 999999999}, "created_at[on]", nil},
		{"between in milliseconds", chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{1704067200, ms}}, "created_at[between]", nil},
		{"between from unset", chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{0, 1704067200}}, "created_at[between]", nil},
		{"between to negative", chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{1704067200, -1}}, "created_at[between]", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := url.Values{}
			err := tc.f.EncodeValues("created_at", &v)
			if tc.param == "" {
				if err != nil || v.Encode() != tc.want.Encode() {
					t.Fatalf("encoded %v, %v; want %v", v, err, tc.want)
				}
				return
			}
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param || ve.Reason != "must be Unix time in whole seconds, 10 digits (chargebee.NewTimestamp makes one)" {
				t.Fatalf("err = %#v, want a *chargebee.ValidationError for %s", err, tc.param)
			}
		})
	}
}

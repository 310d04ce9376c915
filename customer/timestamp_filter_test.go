package customer_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// A timestamp filter in milliseconds, or negative, is refused before
// anything is sent, as the *chargebee.ValidationError of the key at fault.
func TestListRefusesTimestampsChargebeeRefuses(t *testing.T) {
	t.Parallel()
	ms := chargebee.Timestamp(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
	for _, tc := range []struct {
		name  string
		req   *customer.ListRequest
		param string
	}{
		{"created_at after in ms", customer.NewListRequest().SetCreatedAt(chargebee.TimestampFilter{After: ms}), "created_at[after]"},
		{"updated_at between negative", customer.NewListRequest().SetUpdatedAt(chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{-1, 1704067200}}), "updated_at[between]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cb, _, m := testutil.NewClient(t, testutil.Respond(200, `{"list":[]}`))
			_, err := customer.NewService(cb).ListPage(context.Background(), tc.req)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("err = %v, want a *chargebee.ValidationError for %s", err, tc.param)
			}
			if _, err := tc.req.AppendForm(nil); !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("AppendForm: err = %v, want a *chargebee.ValidationError for %s", err, tc.param)
			}
			m.NothingSent()
		})
	}
}

package credits_test

import (
	"context"
	"errors"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// FuzzResultDecode feeds arbitrary response bodies to Add and
// AddAccountCredits: they must never panic, and either fail with a
// *chargebee.DecodeError or return a result with every required object.
func FuzzResultDecode(f *testing.F) {
	f.Add(`{"customer":{"id":"c"},"promotional_credit":{"id":"pc","amount":5}}`)
	f.Add(`{"customer":{"id":"c","account_credits":500,"cf_x":1}}`)
	f.Add(`{"customer":null}`)
	f.Add(`{"customer":{"account_credits":"x"}}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, body string) {
		v2, _, _ := testutil.NewClient(t, testutil.Respond(200, body))
		res, err := credits.NewService(v2).Add(context.Background(),
			credits.NewAddRequest().SetCustomerID("c").SetAmount(5).SetDescription("d"))
		var de *chargebee.DecodeError
		if err != nil {
			if !errors.As(err, &de) || res != nil {
				t.Fatalf("Add: %v, %v", res, err)
			}
		} else if res.Customer == nil || res.PromotionalCredit == nil {
			t.Fatalf("Add: half-filled result %+v", res)
		}

		v1, _, _ := testutil.NewClient(t, testutil.Respond(200, body), chargebee.WithAPIVersion(chargebee.APIv1))
		ares, err := credits.NewService(v1).AddAccountCredits(context.Background(), "c",
			credits.NewAddAccountCreditsRequest().SetAmount(5).SetDescription("d"))
		if err != nil {
			if !errors.As(err, &de) || ares != nil {
				t.Fatalf("AddAccountCredits: %v, %v", ares, err)
			}
		} else if ares.Customer == nil {
			t.Fatalf("AddAccountCredits: half-filled result %+v", ares)
		}
	})
}

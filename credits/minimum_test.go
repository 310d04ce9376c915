package credits_test

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

//lint:file-ignore SA1019 the deprecated customer-level requests are under test here.

// minimumCase sends a request of a customer-level action (deprecated
// promotional credits on v2, account credits on v1) with an amount of 0,
// built one way and sent with its action. Each action has its own request
// type, so a request of one action cannot be sent with another.
type minimumCase struct {
	name    string
	version chargebee.APIVersion
	body    string
	send    func(s *credits.Service, opts ...chargebee.RequestOption) error
	wantErr bool // the amount 0 is below the minimum of the action sent
	path    string
}

func minimumCases(t *testing.T) []minimumCase {
	v1Body := testutil.Fixture(t, "v1_set_account_credits.json")
	ctx := context.Background()
	zero := func() *int64 { return chargebee.Int64(0) }
	desc := func() *string { return chargebee.String("d") }
	return []minimumCase{
		{"AddAccountCredits with a struct literal", chargebee.APIv1, v1Body, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.AddAccountCredits(ctx, "c", &credits.AddAccountCreditsRequest{Amount: zero(), Description: desc()}, o...)
			return err
		}, true, "/api/v1/customers/c/add_account_credits"},
		{"DeductAccountCredits with a struct literal", chargebee.APIv1, v1Body, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.DeductAccountCredits(ctx, "c", &credits.DeductAccountCreditsRequest{Amount: zero(), Description: desc()}, o...)
			return err
		}, true, "/api/v1/customers/c/deduct_account_credits"},
		{"AddAccountCredits with NewAddAccountCreditsRequest", chargebee.APIv1, v1Body, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.AddAccountCredits(ctx, "c", credits.NewAddAccountCreditsRequest().SetAmount(0).SetDescription("d"), o...)
			return err
		}, true, "/api/v1/customers/c/add_account_credits"},
		{"SetAccountCredits with NewSetAccountCreditsRequest", chargebee.APIv1, v1Body, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.SetAccountCredits(ctx, "c", credits.NewSetAccountCreditsRequest().SetAmount(0).SetDescription("d"), o...)
			return err
		}, false, "/api/v1/customers/c/set_account_credits"},
		{"SetAccountCredits with a struct literal", chargebee.APIv1, v1Body, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.SetAccountCredits(ctx, "c", &credits.SetAccountCreditsRequest{Amount: zero(), Description: desc()}, o...)
			return err
		}, false, "/api/v1/customers/c/set_account_credits"},
		{"AddPromotionalCredits with a struct literal", chargebee.APIv2, customerBody, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.AddPromotionalCredits(ctx, "c", &credits.AddPromotionalCreditsRequest{Amount: zero(), Description: desc()}, o...)
			return err
		}, true, "/api/v2/customers/c/add_promotional_credits"},
		{"DeductPromotionalCredits with a struct literal", chargebee.APIv2, customerBody, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.DeductPromotionalCredits(ctx, "c", &credits.DeductPromotionalCreditsRequest{Amount: zero(), Description: desc()}, o...)
			return err
		}, true, "/api/v2/customers/c/deduct_promotional_credits"},
		{"AddPromotionalCredits with NewAddPromotionalCreditsRequest", chargebee.APIv2, customerBody, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.AddPromotionalCredits(ctx, "c", credits.NewAddPromotionalCreditsRequest().SetAmount(0).SetDescription("d"), o...)
			return err
		}, true, "/api/v2/customers/c/add_promotional_credits"},
		{"SetPromotionalCredits with NewSetPromotionalCreditsRequest", chargebee.APIv2, customerBody, func(s *credits.Service, o ...chargebee.RequestOption) error {
			_, err := s.SetPromotionalCredits(ctx, "c", credits.NewSetPromotionalCreditsRequest().SetAmount(0).SetDescription("d"), o...)
			return err
		}, false, "/api/v2/customers/c/set_promotional_credits"},
	}
}

// TestActionMinimumWins checks that the add and deduct actions refuse an
// amount of 0 and the set actions send it, whether the request is a struct
// literal or built by its constructor: the minimum is the action's.
func TestActionMinimumWins(t *testing.T) {
	t.Parallel()
	for _, tc := range minimumCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cb, mt, rec := testutil.NewClient(t, testutil.Respond(200, tc.body), chargebee.WithAPIVersion(tc.version))
			err := tc.send(credits.NewService(cb))
			if tc.wantErr {
				var ve *chargebee.ValidationError
				if !errors.As(err, &ve) || ve.Param != "amount" || ve.Reason != "must be at least 1" {
					t.Fatalf("err = %v, want a ValidationError for amount below 1", err)
				}
				if n := mt.GetTotalCallCount(); n != 0 {
					t.Fatalf("sent %d requests", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			calls := rec.Requests()
			if len(calls) != 1 || calls[0].Path != tc.path {
				t.Fatalf("calls %+v", calls)
			}
			if want := (url.Values{"amount": {"0"}, "description": {"d"}}); !reflect.DeepEqual(calls[0].Form, want) {
				t.Errorf("form %v, want %v", calls[0].Form, want)
			}
		})
	}
}

// TestActionMinimumWithoutValidation checks that the minimum is part of
// client-side validation: a client made WithoutValidation sends the amount
// and leaves the check to Chargebee.
func TestActionMinimumWithoutValidation(t *testing.T) {
	t.Parallel()
	for _, tc := range minimumCases(t) {
		if !tc.wantErr {
			continue
		}
		cb, _, rec := testutil.NewClient(t, testutil.Respond(200, tc.body), chargebee.WithAPIVersion(tc.version), chargebee.WithoutValidation())
		if err := tc.send(credits.NewService(cb)); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		calls := rec.Requests()
		if len(calls) != 1 || calls[0].Path != tc.path || calls[0].Form.Get("amount") != "0" {
			t.Errorf("%s: calls %+v", tc.name, calls)
		}
	}
}

// TestRequestMinimumOnItsOwn checks Validate called directly: the add and
// deduct requests ask for at least 1, the set requests for at least 0,
// however they were made.
func TestRequestMinimumOnItsOwn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		req     interface{ Validate() error }
		wantErr bool
	}{
		{"NewAddAccountCreditsRequest", credits.NewAddAccountCreditsRequest().SetAmount(0).SetDescription("d"), true},
		{"NewDeductAccountCreditsRequest", credits.NewDeductAccountCreditsRequest().SetAmount(0).SetDescription("d"), true},
		{"NewSetAccountCreditsRequest", credits.NewSetAccountCreditsRequest().SetAmount(0).SetDescription("d"), false},
		{"SetAccountCreditsRequest literal", &credits.SetAccountCreditsRequest{Amount: chargebee.Int64(0), Description: chargebee.String("d")}, false},
		{"AddAccountCreditsRequest literal", &credits.AddAccountCreditsRequest{Amount: chargebee.Int64(0), Description: chargebee.String("d")}, true},
		{"NewAddPromotionalCreditsRequest", credits.NewAddPromotionalCreditsRequest().SetAmount(0).SetDescription("d"), true},
		{"NewDeductPromotionalCreditsRequest", credits.NewDeductPromotionalCreditsRequest().SetAmount(0).SetDescription("d"), true},
		{"NewSetPromotionalCreditsRequest", credits.NewSetPromotionalCreditsRequest().SetAmount(0).SetDescription("d"), false},
		{"SetPromotionalCreditsRequest literal", &credits.SetPromotionalCreditsRequest{Amount: chargebee.Int64(0), Description: chargebee.String("d")}, false},
		{"DeductPromotionalCreditsRequest literal", &credits.DeductPromotionalCreditsRequest{Amount: chargebee.Int64(0), Description: chargebee.String("d")}, true},
		{"NewAddAccountCreditsRequest amount 1", credits.NewAddAccountCreditsRequest().SetAmount(1).SetDescription("d"), false},
		{"NewAddPromotionalCreditsRequest amount 1", credits.NewAddPromotionalCreditsRequest().SetAmount(1).SetDescription("d"), false},
	}
	for _, tc := range cases {
		err := tc.req.Validate()
		var ve *chargebee.ValidationError
		switch {
		case tc.wantErr && (!errors.As(err, &ve) || ve.Param != "amount"):
			t.Errorf("%s: %v, want a ValidationError for amount", tc.name, err)
		case !tc.wantErr && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestActionMinimumLeavesRequestAlone checks that sending a request does
// not change the caller's request: a literal sent with AddAccountCredits is
// the same afterwards and still validates on its own.
func TestActionMinimumLeavesRequestAlone(t *testing.T) {
	t.Parallel()
	cb, _, _ := testutil.NewClient(t, testutil.Respond(200, testutil.Fixture(t, "v1_add_account_credits.json")), chargebee.WithAPIVersion(chargebee.APIv1))
	req := &credits.AddAccountCreditsRequest{Amount: chargebee.Int64(5), Description: chargebee.String("d")}
	if _, err := credits.NewService(cb).AddAccountCredits(context.Background(), "c", req); err != nil {
		t.Fatal(err)
	}
	want := credits.AddAccountCreditsRequest{Amount: chargebee.Int64(5), Description: req.Description}
	if err := req.Validate(); err != nil {
		t.Errorf("after sending, Validate = %v", err)
	}
	if !reflect.DeepEqual(*req, want) {
		t.Errorf("request changed: %+v", *req)
	}
}

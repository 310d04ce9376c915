package customer

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// TestUnknownEnumValuesAreSent checks that enum values on requests are not
// checked for membership: Chargebee adds values, so a value the SDK has no
// constant for passes Validate and is sent as given.
func TestUnknownEnumValuesAreSent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	runWireCases(t, []wireCase{
		{"create", customerBody, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().
				SetAutoCollection("on_schedule").
				SetTaxability("partially_exempt").
				SetCustomerType("government").
				SetEntityCode("zz9").
				SetCard(NewCardParams().SetGateway("new_gateway").SetTmpToken("tmp_1")))
			return err
		}, http.MethodPost, "/api/v2/customers", url.Values{
			"auto_collection": {"on_schedule"},
			"taxability":      {"partially_exempt"},
			"customer_type":   {"government"},
			"entity_code":     {"zz9"},
			"card[gateway]":   {"new_gateway"},
			"card[tmp_token]": {"tmp_1"},
		}},
		{"update_payment_method", customerCardBody, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "cus_1", NewUpdatePaymentMethodRequest().
				SetPaymentMethod(NewPaymentMethodParams().SetType("future_wallet").SetReferenceID("ref_1")))
			return err
		}, http.MethodPost, "/api/v2/customers/cus_1/update_payment_method", url.Values{
			"payment_method[type]":         {"future_wallet"},
			"payment_method[reference_id]": {"ref_1"},
		}},
		{"assign_payment_role", paymentSourceBody, func(s *Service) error {
			_, err := s.AssignPaymentRole(ctx, "cus_1", NewAssignPaymentRoleRequest().SetPaymentSourceID("pm_1").SetRole("tertiary"))
			return err
		}, http.MethodPost, "/api/v2/customers/cus_1/assign_payment_role", url.Values{
			"payment_source_id": {"pm_1"},
			"role":              {"tertiary"},
		}},
		{"list filter", `{"list":[]}`, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetAutoCollection(chargebee.EnumFilter{In: []string{"on", "on_schedule"}}))
			return err
		}, http.MethodGet, "/api/v2/customers", url.Values{
			"auto_collection[in]": {`["on","on_schedule"]`},
		}},
	})
}

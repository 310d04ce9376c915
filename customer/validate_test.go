package customer

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
)

// TestValidationSendsNothing checks client-side rules: each case fails with
// a *chargebee.ValidationError naming the wire key, before any request.
func TestValidationSendsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name  string
		opts  []chargebee.Option
		call  func(s *Service) error
		param string
	}{
		// required parameters
		{"update_payment_method nil request", nil, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "c", nil)
			return err
		}, "payment_method[type]"},
		{"update_payment_method without type", nil, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "c", NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().SetReferenceID("r")))
			return err
		}, "payment_method[type]"},
		{"update_payment_method empty type", nil, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "c", NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().SetType("")))
			return err
		}, "payment_method[type]"},
		{"merge nil request", nil, func(s *Service) error {
			_, err := s.Merge(ctx, nil)
			return err
		}, "from_customer_id"},
		{"merge without to", nil, func(s *Service) error {
			_, err := s.Merge(ctx, NewMergeRequest().SetFromCustomerID("a"))
			return err
		}, "to_customer_id"},
		{"move nil request", nil, func(s *Service) error {
			_, err := s.Move(ctx, nil)
			return err
		}, "id_at_from_site"},
		{"move without from_site", nil, func(s *Service) error {
			_, err := s.Move(ctx, NewMoveRequest().SetIDAtFromSite("a"))
			return err
		}, "from_site"},
		{"assign_payment_role without role", nil, func(s *Service) error {
			_, err := s.AssignPaymentRole(ctx, "c", NewAssignPaymentRoleRequest().SetPaymentSourceID("pm"))
			return err
		}, "role"},
		{"assign_payment_role nil", nil, func(s *Service) error {
			_, err := s.AssignPaymentRole(ctx, "c", nil)
			return err
		}, "payment_source_id"},
		{"record_excess_payment transaction without amount", nil, func(s *Service) error {
			_, err := s.RecordExcessPayment(ctx, "c", NewRecordExcessPaymentRequest().SetTransaction(
				NewTransactionParams().SetDate(1700000000).SetPaymentMethod(TransactionPaymentMethodCash)))
			return err
		}, "transaction[amount]"},
		{"record_excess_payment transaction without payment method", nil, func(s *Service) error {
			_, err := s.RecordExcessPayment(ctx, "c", NewRecordExcessPaymentRequest().SetTransaction(
				NewTransactionParams().SetAmount(1).SetDate(1700000000)))
			return err
		}, "transaction[payment_method]"},
		{"collect_payment allocation without invoice", nil, func(s *Service) error {
			_, err := s.CollectPayment(ctx, "c", NewCollectPaymentRequest().
				AddInvoiceAllocation(NewInvoiceAllocationParams().SetInvoiceID("inv_1")).
				AddInvoiceAllocation(NewInvoiceAllocationParams().SetAllocationAmount(5)))
			return err
		}, "invoice_allocations[invoice_id][1]"},

		// lengths and ranges
		{"create first_name too long", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetFirstName(long(151)))
			return err
		}, "first_name"},
		{"create card expiry month", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetCard(NewCardParams().SetExpiryMonth(13)))
			return err
		}, "card[expiry_month]"},
		{"create bank iban too short", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetBankAccount(NewBankAccountParams().SetIBAN("DE89")))
			return err
		}, "bank_account[iban]"},
		{"create billing zip too long", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetBillingAddress(NewBillingAddressParams().SetZip(long(21))))
			return err
		}, "billing_address[zip]"},
		{"create second entity identifier id too long", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().
				AddEntityIdentifier(NewEntityIdentifierParams().SetID("ok")).
				AddEntityIdentifier(NewEntityIdentifierParams().SetID(long(41))))
			return err
		}, "entity_identifiers[id][1]"},
		{"create payment intent id too long", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetPaymentIntent(NewPaymentIntentParams().SetID(long(151))))
			return err
		}, "payment_intent[id]"},
		{"create meta_data too large", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetMetaData(chargebee.Metadata{"k": strings.Repeat("x", 65535)}))
			return err
		}, "meta_data"},
		{"create card additional_information not JSON", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetCard(NewCardParams().SetAdditionalInformation(map[string]any{"f": func() {}})))
			return err
		}, "card[additional_information]"},
		{"create custom field without cf_", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetCustomField("gender", "x"))
			return err
		}, "gender"},
		{"update custom field without cf_", nil, func(s *Service) error {
			_, err := s.Update(ctx, "c", NewUpdateRequest().SetCustomField("first_name", "x"))
			return err
		}, "first_name"},
		{"update tax provider field too long", nil, func(s *Service) error {
			_, err := s.Update(ctx, "c", NewUpdateRequest().AddTaxProvidersField(NewTaxProvidersFieldParams().SetFieldValue(long(51))))
			return err
		}, "tax_providers_fields[field_value][0]"},
		{"update_billing_info vat number too long", nil, func(s *Service) error {
			_, err := s.UpdateBillingInfo(ctx, "c", NewUpdateBillingInfoRequest().SetVatNumber(long(21)))
			return err
		}, "vat_number"},
		{"collect_payment negative amount", nil, func(s *Service) error {
			_, err := s.CollectPayment(ctx, "c", NewCollectPaymentRequest().SetAmount(-1))
			return err
		}, "amount"},
		{"collect_payment card month 0", nil, func(s *Service) error {
			_, err := s.CollectPayment(ctx, "c", NewCollectPaymentRequest().SetCard(NewCollectPaymentCardParams().SetExpiryMonth(0)))
			return err
		}, "card[expiry_month]"},
		{"record_excess_payment negative amount", nil, func(s *Service) error {
			_, err := s.RecordExcessPayment(ctx, "c", NewRecordExcessPaymentRequest().SetTransaction(
				NewTransactionParams().SetAmount(-5).SetDate(1).SetPaymentMethod(TransactionPaymentMethodCash)))
			return err
		}, "transaction[amount]"},
		{"change_billing_date day 32", nil, func(s *Service) error {
			_, err := s.ChangeBillingDate(ctx, "c", NewChangeBillingDateRequest().SetBillingDate(32))
			return err
		}, "billing_date"},
		{"change_billing_date month 13", nil, func(s *Service) error {
			_, err := s.ChangeBillingDate(ctx, "c", NewChangeBillingDateRequest().SetBillingMonth(13))
			return err
		}, "billing_month"},
		{"merge id too long", nil, func(s *Service) error {
			_, err := s.Merge(ctx, NewMergeRequest().SetFromCustomerID(long(51)).SetToCustomerID("b"))
			return err
		}, "from_customer_id"},

		// list
		{"list limit 0", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetLimit(0))
			return err
		}, "limit"},
		{"list limit 101", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetLimit(101))
			return err
		}, "limit"},
		{"list email in", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetEmail(chargebee.StringFilter{In: []string{"a"}}))
			return err
		}, "email[in]"},
		{"list id is_present", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetID(chargebee.StringFilter{IsPresent: chargebee.Bool(true)}))
			return err
		}, "id[is_present]"},
		{"list business_entity_id is_not", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetBusinessEntityID(chargebee.StringFilter{IsNot: "x"}))
			return err
		}, "business_entity_id[is_not]"},
		{"list relationship in", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetRelationship(NewRelationshipFilter().
				SetInvoiceOwnerID(chargebee.StringFilter{NotIn: []string{"x"}})))
			return err
		}, "relationship[invoice_owner_id][not_in]"},
		{"list both sort orders", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetSortBy(chargebee.SortBy{Asc: "created_at", Desc: "updated_at"}))
			return err
		}, "sort_by"},
		{"list sort by an attribute the catalog does not list", nil, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetSortBy(chargebee.SortDesc("email")))
			return err
		}, "sort_by[desc]"},
		{"list iterator reports validation", nil, func(s *Service) error {
			for _, err := range s.List(ctx, NewListRequest().SetLimit(500)) {
				return err
			}
			return nil
		}, "limit"},

		// path ids
		{"retrieve empty id", nil, func(s *Service) error {
			_, err := s.Retrieve(ctx, "")
			return err
		}, "customer_id"},
		{"retrieve dot-dot id", nil, func(s *Service) error {
			_, err := s.Retrieve(ctx, "..")
			return err
		}, "customer_id"},
		{"delete id with newline", nil, func(s *Service) error {
			_, err := s.Delete(ctx, "a\nb", nil)
			return err
		}, "customer_id"},

		// business entity
		{"create business entity differs from client header", []chargebee.Option{chargebee.WithBusinessEntity("be_client")}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetBusinessEntityID("be_body"))
			return err
		}, "business_entity_id"},
		{"create business entity differs from request header", nil, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetBusinessEntityID("be_body"), chargebee.WithBusinessEntityID("be_call"))
			return err
		}, "business_entity_id"},
		{"create request header wins over client", []chargebee.Option{chargebee.WithBusinessEntity("be_body")}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetBusinessEntityID("be_body"), chargebee.WithBusinessEntityID("be_call"))
			return err
		}, "business_entity_id"},

		// API v1 rules
		{"v1 list with a filter", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetEmail(chargebee.StringFilter{Is: "a@b.c"}))
			return err
		}, "email[is]"},
		{"v1 list include_deleted", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetIncludeDeleted(true))
			return err
		}, "include_deleted"},
		{"v1 update_payment_method without reference_id", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "c", NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().SetType(PaymentMethodTypeCard)))
			return err
		}, "payment_method[reference_id]"},
		{"v1 update_payment_method with tmp_token", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, "c", NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().
				SetType(PaymentMethodTypeCard).SetReferenceID("r").SetTmpToken("t")))
			return err
		}, "payment_method[tmp_token]"},
		{"v1 create with a v2-only parameter", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetEmail("a@b.c").SetAutoCloseInvoices(true))
			return err
		}, "auto_close_invoices"},
		{"v1 create with entity identifiers", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().AddEntityIdentifier(NewEntityIdentifierParams().SetScheme("s")))
			return err
		}, "entity_identifiers[scheme][0]"},
		{"v1 create card without number", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetCard(NewCardParams().SetExpiryMonth(1).SetExpiryYear(2030)))
			return err
		}, "card[number]"},
		{"v1 create card without expiry year", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.Create(ctx, NewCreateRequest().SetCard(NewCardParams().SetNumber("4111111111111111").SetExpiryMonth(1)))
			return err
		}, "card[expiry_year]"},
		{"v1 update with fraud_flag", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.Update(ctx, "c", NewUpdateRequest().SetFraudFlag(FraudFlagSafe))
			return err
		}, "fraud_flag"},
		{"v1 update_billing_info with validation status", []chargebee.Option{chargebee.WithAPIVersion(chargebee.APIv1)}, func(s *Service) error {
			_, err := s.UpdateBillingInfo(ctx, "c", NewUpdateBillingInfoRequest().SetBillingAddress(
				NewBillingAddressParams().SetLine1("l").SetValidationStatus(ValidationStatusValid)))
			return err
		}, "billing_address[validation_status]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, mt, _ := newMock(t, 200, customerBody, tt.opts...)
			err := tt.call(s)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want *chargebee.ValidationError", err)
			}
			if ve.Param != tt.param {
				t.Errorf("Param = %q, want %q (%v)", ve.Param, tt.param, err)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// TestV2OnlyActionsOnV1 checks that the actions missing from API v1 fail
// fast with chargebee.ErrAPIVersion.
func TestV2OnlyActionsOnV1(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	calls := map[string]func(s *Service) error{
		"customer.assign_payment_role": func(s *Service) error {
			_, err := s.AssignPaymentRole(ctx, "c", NewAssignPaymentRoleRequest().SetPaymentSourceID("p").SetRole(PaymentRolePrimary))
			return err
		},
		"customer.record_excess_payment": func(s *Service) error { _, err := s.RecordExcessPayment(ctx, "c", nil); return err },
		"customer.collect_payment":       func(s *Service) error { _, err := s.CollectPayment(ctx, "c", nil); return err },
		"customer.move": func(s *Service) error {
			_, err := s.Move(ctx, NewMoveRequest().SetIDAtFromSite("a").SetFromSite("b"))
			return err
		},
		"customer.change_billing_date": func(s *Service) error { _, err := s.ChangeBillingDate(ctx, "c", nil); return err },
		"customer.merge": func(s *Service) error {
			_, err := s.Merge(ctx, NewMergeRequest().SetFromCustomerID("a").SetToCustomerID("b"))
			return err
		},
		"customer.clear_personal_data": func(s *Service) error { _, err := s.ClearPersonalData(ctx, "c"); return err },
	}
	for action, call := range calls {
		t.Run(action, func(t *testing.T) {
			t.Parallel()
			s, mt, _ := newMock(t, 200, customerBody, chargebee.WithAPIVersion(chargebee.APIv1))
			err := call(s)
			if !errors.Is(err, chargebee.ErrAPIVersion) {
				t.Fatalf("err = %v, want ErrAPIVersion", err)
			}
			if !strings.Contains(err.Error(), action) {
				t.Errorf("error %q does not name the action", err)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

func TestBusinessEntityHeader(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name       string
		client     []chargebee.Option
		opts       []chargebee.RequestOption
		body       *string
		wantHeader string
	}{
		{"equal to client header", []chargebee.Option{chargebee.WithBusinessEntity("be_1")}, nil, chargebee.String("be_1"), "be_1"},
		{"equal to request header", nil, []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_2")}, chargebee.String("be_2"), "be_2"},
		{"request header overrides client", []chargebee.Option{chargebee.WithBusinessEntity("be_1")}, []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_2")}, chargebee.String("be_2"), "be_2"},
		{"header only", []chargebee.Option{chargebee.WithBusinessEntity("be_1")}, nil, nil, "be_1"},
		{"body only", nil, nil, chargebee.String("be_3"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _, rec := newMock(t, 200, customerBody, tt.client...)
			req := NewCreateRequest()
			req.BusinessEntityID = tt.body
			if _, err := s.Create(ctx, req, tt.opts...); err != nil {
				t.Fatal(err)
			}
			got := rec.Last()
			if h := got.Header.Get("chargebee-business-entity-id"); h != tt.wantHeader {
				t.Errorf("header = %q, want %q", h, tt.wantHeader)
			}
			want := ""
			if tt.body != nil {
				want = *tt.body
			}
			if b := got.Form.Get("business_entity_id"); b != want {
				t.Errorf("business_entity_id = %q, want %q", b, want)
			}
		})
	}
}

// TestWithoutValidation checks that the client option turns the request
// checks off (Chargebee then judges the request).
func TestWithoutValidation(t *testing.T) {
	t.Parallel()
	s, mt, rec := newMock(t, 200, customerBody, chargebee.WithoutValidation())
	if _, err := s.Create(context.Background(), NewCreateRequest().SetFirstName(strings.Repeat("x", 200))); err != nil {
		t.Fatal(err)
	}
	if mt.GetTotalCallCount() != 1 || len(rec.Last().Form.Get("first_name")) != 200 {
		t.Error("request not sent as given")
	}
}

func TestNilService(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var s *Service
	if _, err := s.Retrieve(ctx, "c"); err == nil {
		t.Error("nil service: Retrieve succeeded")
	}
	if _, err := NewService(nil).Create(ctx, nil); err == nil {
		t.Error("nil client: Create succeeded")
	}
	for _, err := range NewService(nil).List(ctx, nil) {
		if err == nil {
			t.Error("nil client: List yielded no error")
		}
	}
	if _, err := NewService(nil).Merge(ctx, nil); err == nil {
		t.Error("nil client: Merge succeeded")
	}
}

func TestRequestValidateDirectly(t *testing.T) {
	t.Parallel()
	// Validate works on nil requests too.
	var c *CreateRequest
	if err := c.Validate(); err != nil {
		t.Errorf("nil CreateRequest: %v", err)
	}
	var m *MergeRequest
	var ve *chargebee.ValidationError
	if err := m.Validate(); !errors.As(err, &ve) || ve.Param != "from_customer_id" {
		t.Errorf("nil MergeRequest: %v", err)
	}
	if err := fullCreateRequest().Validate(); err != nil {
		t.Errorf("full create request: %v", err)
	}
	if err := fullCollectPaymentRequest().Validate(); err != nil {
		t.Errorf("full collect_payment request: %v", err)
	}
	// Lengths count characters, not bytes.
	if err := NewCreateRequest().SetFirstName(strings.Repeat("é", 150)).Validate(); err != nil {
		t.Errorf("150 two-byte characters: %v", err)
	}
}

// TestV1CreateCard checks that on API v1 a card given as a tmp_token needs
// no number, and that a full card is accepted.
func TestV1CreateCard(t *testing.T) {
	t.Parallel()
	for _, card := range []*CardParams{
		NewCardParams().SetTmpToken("tok_visa"),
		NewCardParams().SetNumber("4111111111111111").SetExpiryMonth(12).SetExpiryYear(2030).SetCVV("100"),
	} {
		s, _, rec := newMock(t, 200, customerBody, chargebee.WithAPIVersion(chargebee.APIv1))
		if _, err := s.Create(context.Background(), NewCreateRequest().SetCard(card)); err != nil {
			t.Fatalf("card %+v: %v", card, err)
		}
		if got := rec.Last(); got.Path != "/api/v1/customers" {
			t.Errorf("path = %s", got.Path)
		}
	}
}

// TestMetadataLengthAsSent checks that the meta_data limit counts the
// characters of the JSON as it is sent, without HTML escaping: "<", ">" and
// "&" are one character each on the wire, so a document of exactly the
// limit is accepted and sent, and one character more is refused.
func TestMetadataLengthAsSent(t *testing.T) {
	t.Parallel()
	const wrap = len(`{"h":""}`)
	n := chargebee.MaxMetadataLength - wrap
	atLimit := strings.Repeat("<&>", n/3) + strings.Repeat("x", n%3)
	for _, tc := range []struct {
		name  string
		value string
		ok    bool
	}{
		{"at the limit", atLimit, true},
		{"over the limit", atLimit + ">", false},
		{"two-byte characters at the limit", strings.Repeat("é", chargebee.MaxMetadataLength-wrap), true},
	} {
		req := NewCreateRequest().SetMetaData(chargebee.Metadata{"h": tc.value})
		err := req.Validate()
		var ve *chargebee.ValidationError
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.ok && (!errors.As(err, &ve) || ve.Param != "meta_data"):
			t.Errorf("%s: err = %v, want a ValidationError for meta_data", tc.name, err)
		}
		b, err := req.AppendForm(nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := url.ParseQuery(string(b))
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(v.Get("meta_data")); (n <= chargebee.MaxMetadataLength) != tc.ok {
			t.Errorf("%s: %d characters sent, ok %v", tc.name, n, tc.ok)
		}
	}
}

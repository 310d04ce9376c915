package customer

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// wantFullCustomer is testdata/v2_retrieve_full.json's customer, written by
// hand.
var wantFullCustomer = Customer{
	ID:                     "cus_full",
	FirstName:              "Ada",
	LastName:               "Lovelace",
	Email:                  "ada@example.com",
	Phone:                  "+44 20 7946 0000",
	Company:                "Analytical Engines Ltd",
	VatNumber:              "GB123456789",
	AutoCollection:         AutoCollectionOn,
	OfflinePaymentMethod:   OfflinePaymentMethodSEPACredit,
	NetTermDays:            30,
	VatNumberValidatedTime: 1700000100,
	VatNumberStatus:        VatNumberStatusValid,
	AllowDirectDebit:       true,
	IsLocationValid:        true,
	CreatedAt:              1700000000,
	CreatedFromIP:          "203.0.113.7",
	ExemptionDetails:       json.RawMessage(`["federal", "state"]`),
	Taxability:             TaxabilityExempt,
	EntityCode:             EntityCodeMed1,
	ExemptNumber:           "EX-42",
	ResourceVersion:        1700000200123,
	UpdatedAt:              1700000200,
	Locale:                 "en-GB",
	BillingDate:            15,
	BillingMonth:           6,
	BillingDateMode:        BillingDateModeManuallySet,
	BillingDayOfWeek:       BillingDayOfWeekMonday,
	BillingDayOfWeekMode:   BillingDayOfWeekModeUsingDefaults,
	PiiCleared:             PiiClearedActive,
	AutoCloseInvoices:      true,
	Channel:                ChannelWeb,
	ActiveID:               "cus_active",
	CardStatus:             CardStatusValid,
	FraudFlag:              FraudFlagSafe,
	PrimaryPaymentSourceID: "pm_primary",
	BackupPaymentSourceID:  "pm_backup",
	BillingAddress: &BillingAddress{
		FirstName: "Ada", LastName: "Lovelace", Email: "billing@example.com",
		Company: "Analytical Engines Ltd", Phone: "+44 20 7946 0001",
		Line1: "12 St James's Square", Line2: "Floor 2", Line3: "Room 3",
		City: "London", StateCode: "LND", State: "London", Country: "GB", Zip: "SW1Y 4LB",
		ValidationStatus: ValidationStatusValid, Object: "billing_address",
	},
	ReferralURLs: []ReferralURL{{
		ExternalCustomerID: "ext_1", ReferralSharingURL: "https://refer.example.com/ada",
		CreatedAt: 1700000300, UpdatedAt: 1700000301, ReferralCampaignID: "camp_1",
		ReferralAccountID: "racc_1", ReferralExternalCampaignID: "xcamp_1",
		ReferralSystem: ReferralSystemFriendbuy, Object: "referral_url",
	}},
	Contacts: []Contact{
		{ID: "ct_1", FirstName: "Charles", LastName: "Babbage", Email: "charles@example.com",
			Phone: "+44 20 7946 0002", Label: "finance", Enabled: true, SendAccountEmail: false,
			SendBillingEmail: true, Object: "contact"},
		{ID: "ct_2", Email: "ops@example.com", Enabled: false, SendAccountEmail: true, Object: "contact"},
	},
	PaymentMethod: &PaymentMethod{
		Type: PaymentMethodTypeCard, Gateway: GatewayStripe, GatewayAccountID: "gw_stripe",
		Status: PaymentMethodStatusValid, ReferenceID: "cus_S/card_1", Object: "payment_method",
	},
	InvoiceNotes:          "Net 30",
	BusinessEntityID:      "be_uk",
	PreferredCurrencyCode: "GBP",
	PromotionalCredits:    1500,
	UnbilledCharges:       250,
	RefundableCredits:     100,
	ExcessPayments:        75,
	Balances: []Balance{{
		PromotionalCredits: 1500, ExcessPayments: 75, RefundableCredits: 100, UnbilledCharges: 250,
		CurrencyCode: "GBP", BalanceCurrencyCode: "GBP", BusinessEntityID: "be_uk", Object: "customer_balance",
	}},
	EntityIdentifiers: []EntityIdentifier{{
		ID: "ei_1", Value: "5790000435975", Scheme: "0088", Standard: "iso6523-actorid-upis", Object: "entity_identifier",
	}},
	TaxProvidersFields: []TaxProvidersField{{
		ProviderName: "avalara", FieldID: "usage_type", FieldValue: "G", Object: "tax_providers_field",
	}},
	IsEinvoiceEnabled:                true,
	EinvoicingMethod:                 EinvoicingMethodAutomatic,
	MetaData:                         chargebee.Metadata{"tier": "gold", "seats": float64(12), "flags": map[string]any{"beta": true}},
	Deleted:                          false,
	RegisteredForGst:                 true,
	ConsolidatedInvoicing:            true,
	CustomerType:                     CustomerTypeBusiness,
	BusinessCustomerWithoutVatNumber: false,
	ClientProfileID:                  "cp_1",
	Relationship: &Relationship{
		ParentID: "cus_parent", PaymentOwnerID: "cus_parent", InvoiceOwnerID: "cus_full", Object: "relationship",
	},
	UseDefaultHierarchySettings: false,
	ParentAccountAccess: &ParentAccountAccess{
		PortalEditChildSubscriptions: PortalAccessViewOnly, PortalDownloadChildInvoices: PortalAccessYes,
		SendSubscriptionEmails: true, SendInvoiceEmails: false, SendPaymentEmails: true, Object: "parent_account_access",
	},
	ChildAccountAccess: &ChildAccountAccess{
		PortalEditSubscriptions: PortalAccessYes, PortalDownloadInvoices: PortalAccessNo,
		SendSubscriptionEmails: false, SendInvoiceEmails: true, SendPaymentEmails: false, Object: "child_account_access",
	},
	VatNumberPrefix:          "XI",
	EntityIdentifierScheme:   "0088",
	EntityIdentifierStandard: "iso6523-actorid-upis",
	Object:                   "customer",
	CustomFields:             map[string]any{"cf_gender": "female", "cf_seats": float64(12), "cf_vip": true},
}

var wantFullCard = Card{
	PaymentSourceID: "pm_primary", Status: CardStatusExpiring, Gateway: GatewayStripe,
	GatewayAccountID: "gw_stripe", RefTxID: "tx_ref", FirstName: "Ada", LastName: "Lovelace",
	IIN: "411111", Last4: "1111", CardType: CardTypeVisa, FundingType: FundingTypeCredit,
	ExpiryMonth: 12, ExpiryYear: 2030, IssuingCountry: "GB",
	BillingAddr1: "12 St James's Square", BillingAddr2: "Floor 2", BillingCity: "London",
	BillingStateCode: "LND", BillingState: "London", BillingCountry: "GB", BillingZip: "SW1Y 4LB",
	CreatedAt: 1700000050, ResourceVersion: 1700000050999, UpdatedAt: 1700000060,
	IPAddress: "203.0.113.8", PoweredBy: PoweredByCard, CustomerID: "cus_full",
	MaskedNumber: "************1111", Object: "card",
}

// TestDecodeFullV2 decodes a v2 response carrying every model attribute,
// custom fields, nested lists and an unknown attribute.
func TestDecodeFullV2(t *testing.T) {
	t.Parallel()
	s, _, _ := newMock(t, 200, testutil.Fixture(t, "v2_retrieve_full.json"))
	res, err := s.Retrieve(context.Background(), "cus_full")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*res.Customer, wantFullCustomer) {
		g, _ := json.MarshalIndent(res.Customer, "", " ")
		t.Errorf("customer decoded as\n%s", g)
	}
	if !reflect.DeepEqual(*res.Card, wantFullCard) {
		t.Errorf("card = %+v\nwant %+v", *res.Card, wantFullCard)
	}
	if got := res.Customer.CreatedAt.Time().Year(); got != 2023 {
		t.Errorf("CreatedAt year = %d", got)
	}
}

// TestDecodeV1Samples calls the v1 actions on a v1 client and decodes the
// sample responses of the v1 reference (seed customer-resource-v1).
func TestDecodeV1Samples(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		file   string
		call   func(s *Service) (*Customer, *Card, error)
		method string
		path   string
		check  func(t *testing.T, c *Customer, card *Card)
	}{
		{"v1_create.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.Create(ctx, NewCreateRequest().SetFirstName("John").SetLastName("Doe").SetEmail("john@test.com").
				SetBillingAddress(NewBillingAddressParams().SetFirstName("John").SetLastName("Doe").SetLine1("PO Box 9999").
					SetCity("Walnut").SetState("California").SetZip("91789").SetCountry("US")))
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "POST", "/api/v1/customers", func(t *testing.T, c *Customer, card *Card) {
			if c.ID != "__test__5SK0bLNFRFuByp8Bu" || c.BillingAddress == nil || c.BillingAddress.City != "Walnut" ||
				c.BillingAddress.StateCode != "CA" || c.CardStatus != CardStatusNoCard || c.Taxability != TaxabilityTaxable ||
				c.CreatedAt != 1517506683 || c.Object != "customer" || card != nil {
				t.Errorf("customer = %+v", c)
			}
		}},
		{"v1_retrieve.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.Retrieve(ctx, "__test__5SK0bLNFRFuByp8Bu")
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "GET", "/api/v1/customers/__test__5SK0bLNFRFuByp8Bu", func(t *testing.T, c *Customer, _ *Card) {
			if c.ID == "" || c.AutoCollection != AutoCollectionOn {
				t.Errorf("customer = %+v", c)
			}
		}},
		{"v1_update.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.Update(ctx, "__test__5SK0bLNFRFuByp8Bu", NewUpdateRequest().SetFirstName("Denise").SetLastName("Barone"))
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "POST", "/api/v1/customers/__test__5SK0bLNFRFuByp8Bu", func(t *testing.T, c *Customer, _ *Card) {
			if c.ID == "" {
				t.Errorf("customer = %+v", c)
			}
		}},
		{"v1_update_payment_method.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.UpdatePaymentMethod(ctx, "__test__5SK0bLNFRFuBzXuCd", NewUpdatePaymentMethodRequest().
				SetPaymentMethod(NewPaymentMethodParams().SetType(PaymentMethodTypeCard).SetReferenceID("cus_EOFhU9kPO6xU5G/card_1DvTCMJv9j0DyntJmVTtsFci").SetGateway(GatewayStripe)))
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "POST", "/api/v1/customers/__test__5SK0bLNFRFuBzXuCd/update_payment_method", func(t *testing.T, c *Customer, card *Card) {
			pm := c.PaymentMethod
			if pm == nil || pm.Type != PaymentMethodTypeCard || pm.Gateway != GatewayStripe || pm.Status != PaymentMethodStatusValid ||
				pm.ReferenceID != "cus_EOFhU9kPO6xU5G/card_1DvTCMJv9j0DyntJmVTtsFci" || c.CardStatus != CardStatusValid {
				t.Errorf("payment method = %+v", pm)
			}
			if card == nil || card.Last4 != "1111" || card.CardType != CardTypeVisa || card.ExpiryYear != 2019 ||
				card.MaskedNumber != "************1111" || card.Status != CardStatusValid {
				t.Errorf("card = %+v", card)
			}
		}},
		{"v1_update_billing_info.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.UpdateBillingInfo(ctx, "cus_1", NewUpdateBillingInfoRequest().SetVatNumber("X").
				SetBillingAddress(NewBillingAddressParams().SetLine1("PO Box 9999")))
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "POST", "/api/v1/customers/cus_1/update_billing_info", func(t *testing.T, c *Customer, _ *Card) {
			if c.BillingAddress == nil || c.BillingAddress.Object != "billing_address" {
				t.Errorf("billing address = %+v", c.BillingAddress)
			}
		}},
		{"v1_delete.json", func(s *Service) (*Customer, *Card, error) {
			r, err := s.Delete(ctx, "cus_1", nil)
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, "POST", "/api/v1/customers/cus_1/delete", func(t *testing.T, c *Customer, _ *Card) {
			if c.ID == "" {
				t.Errorf("customer = %+v", c)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			s, _, rec := newMock(t, 200, testutil.Fixture(t, tt.file), chargebee.WithAPIVersion(chargebee.APIv1))
			c, card, err := tt.call(s)
			if err != nil {
				t.Fatal(err)
			}
			got := rec.Last()
			if got.Method != tt.method || got.Path != tt.path {
				t.Errorf("sent %s %s, want %s %s", got.Method, got.Path, tt.method, tt.path)
			}
			tt.check(t, c, card)
		})
	}

	// The remaining samples are responses of actions wrapped by other
	// packages (contacts, account credits); they still decode as a customer.
	for _, file := range []string{"v1_add_contact.json", "v1_update_contact.json", "v1_delete_contact.json",
		"v1_add_account_credits.json", "v1_deduct_account_credits.json", "v1_set_account_credits.json"} {
		var r RetrieveResult
		if err := json.Unmarshal([]byte(testutil.Fixture(t, file)), &r); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if r.Customer.ID == "" || r.Customer.AutoCollection != AutoCollectionOn {
			t.Errorf("%s: customer = %+v", file, r.Customer)
		}
		if strings.Contains(file, "add_contact") && (len(r.Customer.Contacts) != 1 || r.Customer.Contacts[0].Label != "dev" ||
			!r.Customer.Contacts[0].SendBillingEmail || r.Customer.Contacts[0].Email != "jane@test.com") {
			t.Errorf("%s: contacts = %+v", file, r.Customer.Contacts)
		}
	}
}

func TestDecodeV1List(t *testing.T) {
	t.Parallel()
	s, _, rec := newMock(t, 200, testutil.Fixture(t, "v1_list.json"), chargebee.WithAPIVersion(chargebee.APIv1))
	page, err := s.ListPage(context.Background(), NewListRequest().SetLimit(3))
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.Last(); got.Path != "/api/v1/customers" || got.Query.Encode() != "limit=3" {
		t.Errorf("sent %s ?%s", got.Path, got.Query.Encode())
	}
	if len(page.Items) != 1 || page.Items[0].Customer.ID != "__test__5SK0bLNFRFuBzHXC8" || page.Items[0].Card != nil {
		t.Errorf("items = %+v", page.Items)
	}
	if page.NextOffset != `["1517506680000","154000000144"]` {
		t.Errorf("next offset = %q", page.NextOffset)
	}
}

func TestDecodeUnknownValues(t *testing.T) {
	t.Parallel()
	body := `{"customer":{"id":"c","auto_collection":"sometimes","card_status":"frozen","taxability":"partial",
		"payment_method":{"type":"crypto_wallet","gateway":"new_gateway","status":"paused","reference_id":"r","extra":{"x":[1]}},
		"parent_account_access":{"portal_edit_child_subscriptions":"maybe"},
		"new_list":[{"a":1}],"new_number":1.5e3,"meta_data":null,"cf_note":null},
		"card":{"status":"stolen","gateway":"new_gateway","funding_type":"points","card_type":"space_card","powered_by":"magic"},
		"new_top_level":{"k":"v"}}`
	var r RetrieveResult
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	c := r.Customer
	if c.AutoCollection != "sometimes" || c.CardStatus != "frozen" || c.Taxability != "partial" ||
		c.PaymentMethod.Type != "crypto_wallet" || c.PaymentMethod.Gateway != "new_gateway" || c.PaymentMethod.Status != "paused" ||
		c.ParentAccountAccess.PortalEditChildSubscriptions != "maybe" {
		t.Errorf("customer = %+v", c)
	}
	if c.MetaData != nil {
		t.Errorf("meta_data = %v, want nil", c.MetaData)
	}
	if v, ok := c.CustomFields["cf_note"]; !ok || v != nil {
		t.Errorf("custom fields = %#v", c.CustomFields)
	}
	if r.Card.Status != "stolen" || r.Card.FundingType != "points" || r.Card.CardType != "space_card" || r.Card.PoweredBy != "magic" {
		t.Errorf("card = %+v", r.Card)
	}
}

func TestCustomFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want map[string]any
	}{
		{"none", `{"id":"c"}`, nil},
		{"only nested cf_ keys", `{"id":"c","meta_data":{"cf_x":1},"billing_address":{"cf_y":"z"}}`, nil},
		{"cf_ in a value", `{"id":"c","first_name":"\"cf_x"}`, nil},
		{"top level", `{"id":"c","cf_a":"x","cf_b":2,"cf_c":false,"cf_d":["l"],"cfx":"no"}`,
			map[string]any{"cf_a": "x", "cf_b": float64(2), "cf_c": false, "cf_d": []any{"l"}}},
		{"escaped c", `{"id":"c","\u0063f_plan":"gold"}`, map[string]any{"cf_plan": "gold"}},
		{"escaped f and _ in upper-case hex", `{"id":"c","c\u0066\u005Fplan":"gold","cf_seats":3}`,
			map[string]any{"cf_plan": "gold", "cf_seats": float64(3)}},
		{"fully escaped", `{"id":"c","\u0063\u0066\u005f\u0070":true}`, map[string]any{"cf_p": true}},
		{"escaped key that is no custom field", `{"id":"c","\u0063x_plan":"gold","n\u00e9":"x"}`, nil},
		{"escape only in a value", `{"id":"c","first_name":"Jos\u00e9"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Customer{CustomFields: map[string]any{"cf_stale": 1}}
			if err := json.Unmarshal([]byte(tt.body), &c); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.CustomFields, tt.want) {
				t.Errorf("CustomFields = %#v, want %#v", c.CustomFields, tt.want)
			}
			if c.ID != "c" {
				t.Errorf("ID = %q", c.ID)
			}
		})
	}
}

func TestCustomerMarshalRoundTrip(t *testing.T) {
	t.Parallel()
	in := wantFullCustomer
	in.CustomFields = map[string]any{"cf_gender": "female", "id": "must not replace the id"}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	if top["cf_gender"] != "female" || top["id"] != "cus_full" || top["deleted"] != false {
		t.Errorf("marshalled %s", b)
	}
	var out Customer
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	out.ExemptionDetails = in.ExemptionDetails // compacted by Marshal
	in.CustomFields = map[string]any{"cf_gender": "female"}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip changed the customer:\n%+v\n%+v", out, in)
	}
	// Without custom fields the output is plain.
	plain, _ := json.Marshal(Customer{ID: "x"})
	if strings.Contains(string(plain), "cf_") || !json.Valid(plain) {
		t.Errorf("plain = %s", plain)
	}
	// Custom fields without a cf_ key add nothing.
	if only, err := json.Marshal(Customer{ID: "x", CustomFields: map[string]any{"id": "y"}}); err != nil || string(only) != string(plain) {
		t.Errorf("non-cf fields only = %s, %v; want %s", only, err, plain)
	}
}

// TestMissingTopLevelKey checks that a 2xx response without the key an
// action always returns is a *chargebee.DecodeError, not a half-filled
// result.
func TestMissingTopLevelKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	calls := map[string]func(s *Service) (any, error){
		"customer.create":   func(s *Service) (any, error) { return s.Create(ctx, nil) },
		"customer.retrieve": func(s *Service) (any, error) { return s.Retrieve(ctx, "c") },
		"customer.update":   func(s *Service) (any, error) { return s.Update(ctx, "c", nil) },
		"customer.update_payment_method": func(s *Service) (any, error) {
			return s.UpdatePaymentMethod(ctx, "c", NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().SetType(PaymentMethodTypeCard)))
		},
		"customer.update_billing_info": func(s *Service) (any, error) { return s.UpdateBillingInfo(ctx, "c", nil) },
		"customer.assign_payment_role": func(s *Service) (any, error) {
			return s.AssignPaymentRole(ctx, "c", NewAssignPaymentRoleRequest().SetPaymentSourceID("p").SetRole(PaymentRolePrimary))
		},
		"customer.record_excess_payment": func(s *Service) (any, error) { return s.RecordExcessPayment(ctx, "c", nil) },
		"customer.collect_payment":       func(s *Service) (any, error) { return s.CollectPayment(ctx, "c", nil) },
		"customer.delete":                func(s *Service) (any, error) { return s.Delete(ctx, "c", nil) },
		"customer.move": func(s *Service) (any, error) {
			return s.Move(ctx, NewMoveRequest().SetIDAtFromSite("a").SetFromSite("b"))
		},
		"customer.change_billing_date": func(s *Service) (any, error) { return s.ChangeBillingDate(ctx, "c", nil) },
		"customer.merge": func(s *Service) (any, error) {
			return s.Merge(ctx, NewMergeRequest().SetFromCustomerID("a").SetToCustomerID("b"))
		},
		"customer.clear_personal_data": func(s *Service) (any, error) { return s.ClearPersonalData(ctx, "c") },
		"customer.list":                func(s *Service) (any, error) { return s.ListPage(ctx, nil) },
	}
	for action, call := range calls {
		for _, body := range []string{`{}`, `{"card":{"last4":"1"}}`, `{"customer":null,"transaction":null}`, ``, `<html>`} {
			t.Run(action+" "+body, func(t *testing.T) {
				t.Parallel()
				s, _, _ := newMock(t, 200, body)
				res, err := call(s)
				var de *chargebee.DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("err = %v, want *chargebee.DecodeError", err)
				}
				if !reflect.ValueOf(res).IsNil() {
					t.Errorf("result %+v returned with the error", res)
				}
				if de.StatusCode != 200 || !strings.HasPrefix(de.Path, "/api/v2/customers") {
					t.Errorf("decode error = %+v", de)
				}
				if body == `{}` && !strings.Contains(err.Error(), action) {
					t.Errorf("error %q does not name %s", err, action)
				}
			})
		}
	}
	// A list entry without its customer is rejected too.
	s, _, _ := newMock(t, 200, `{"list":[{"card":{}}]}`)
	if _, err := s.ListPage(ctx, nil); err == nil {
		t.Error("list entry without customer accepted")
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("404 resource_not_found", func(t *testing.T) {
		t.Parallel()
		s, _, _ := newMock(t, 404, `{"message":"Sorry, we couldn't find that resource","type":"invalid_request","api_error_code":"resource_not_found","http_status_code":404}`)
		_, err := s.Retrieve(ctx, "nope")
		if !errors.Is(err, chargebee.ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		var ce *chargebee.Error
		if !errors.As(err, &ce) || ce.HTTPStatusCode != http.StatusNotFound || ce.APIErrorCode != "resource_not_found" {
			t.Errorf("error = %+v", ce)
		}
	})
	t.Run("400 with param", func(t *testing.T) {
		t.Parallel()
		s, _, _ := newMock(t, 400, `{"message":"email : invalid email","type":"invalid_request","api_error_code":"param_wrong_value","param":"email","http_status_code":400}`)
		_, err := s.Create(ctx, NewCreateRequest().SetEmail("not-an-email"))
		if !errors.Is(err, chargebee.ErrInvalidRequest) || errors.Is(err, chargebee.ErrNotFound) {
			t.Fatalf("err = %v, want ErrInvalidRequest", err)
		}
		var ce *chargebee.Error
		if !errors.As(err, &ce) || ce.Param != "email" || ce.APIErrorCode != "param_wrong_value" || ce.HTTPStatusCode != 400 {
			t.Errorf("error = %+v", ce)
		}
		if strings.Contains(err.Error(), "not-an-email") {
			t.Errorf("error %q leaks the value", err)
		}
	})
	t.Run("402 payment on collect_payment", func(t *testing.T) {
		t.Parallel()
		s, _, _ := newMock(t, 402, `{"message":"card declined","type":"payment","api_error_code":"payment_processing_failed","http_status_code":402}`)
		_, err := s.CollectPayment(ctx, "c", NewCollectPaymentRequest().SetAmount(100))
		if !errors.Is(err, chargebee.ErrPayment) {
			t.Fatalf("err = %v, want ErrPayment", err)
		}
	})
}

package contact

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// seedSample reads a sample response copied verbatim from Chargebee's
// customer reference. The reference elides further array elements as
// "{..}", which is not JSON; the elision is dropped.
func seedSample(t *testing.T, name string) string {
	t.Helper()
	return regexp.MustCompile(`,\s*\{\.\.\}`).ReplaceAllString(testutil.Fixture(t, name), "")
}

const v2AddResponse = `{
  "customer": {
    "id": "cust 1", "first_name": "John", "auto_collection": "on", "net_term_days": 0,
    "allow_direct_debit": false, "created_at": 1700000000, "promotional_credits": 0,
    "refundable_credits": 0, "excess_payments": 0, "unbilled_charges": 0, "deleted": false,
    "object": "customer",
    "contacts": [
      {"id": "ct_1", "first_name": "Jane", "last_name": "Doe", "email": "jane@acme.com", "phone": "+1 555 0100",
       "label": "finance", "enabled": true, "send_account_email": false, "send_billing_email": true, "object": "contact"},
      {"id": "ct_2", "email": "ops@acme.com", "enabled": false, "send_account_email": true, "send_billing_email": false,
       "object": "contact", "some_new_attribute": 7}
    ]
  },
  "card": {"payment_source_id": "pm_1", "status": "valid", "gateway": "chargebee", "iin": "411111", "last4": "1111",
           "card_type": "visa", "funding_type": "credit", "expiry_month": 12, "expiry_year": 2030,
           "masked_number": "************1111", "customer_id": "cust 1", "object": "card"}
}`

func TestAddEveryParam(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	res, err := NewService(m.CB).Add(context.Background(), "cust 1", NewAddRequest().
		SetID("ct_1").
		SetFirstName("Jane").
		SetLastName("Doe").
		SetEmail("jane@acme.com").
		SetPhone("+1 555 0100").
		SetLabel("finance").
		SetEnabled(true).
		SetSendBillingEmail(true).
		SetSendAccountEmail(false))
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/cust%201/add_contact", url.Values{
		"contact[id]":                 {"ct_1"},
		"contact[first_name]":         {"Jane"},
		"contact[last_name]":          {"Doe"},
		"contact[email]":              {"jane@acme.com"},
		"contact[phone]":              {"+1 555 0100"},
		"contact[label]":              {"finance"},
		"contact[enabled]":            {"true"},
		"contact[send_billing_email]": {"true"},
		"contact[send_account_email]": {"false"},
	})
	want := []customer.Contact{
		{ID: "ct_1", FirstName: "Jane", LastName: "Doe", Email: "jane@acme.com", Phone: "+1 555 0100", Label: "finance",
			Enabled: true, SendBillingEmail: true, Object: "contact"},
		{ID: "ct_2", Email: "ops@acme.com", SendAccountEmail: true, Object: "contact"},
	}
	if res.Customer.ID != "cust 1" || !reflect.DeepEqual(res.Customer.Contacts, want) {
		t.Fatalf("customer %+v", res.Customer)
	}
	if res.Card == nil || res.Card.PaymentSourceID != "pm_1" {
		t.Fatalf("card %+v", res.Card)
	}
}

func TestAddEmailOnly(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	res, err := NewService(m.CB).Add(context.Background(), "c", NewAddRequest().SetEmail("a+b@acme.com"))
	if err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/add_contact", url.Values{"contact[email]": {"a+b@acme.com"}})
	if res.Card == nil {
		t.Fatal("card not decoded")
	}
}

func TestUpdateEveryParam(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	res, err := NewService(m.CB).Update(context.Background(), "c/1", NewUpdateRequest().
		SetID("ct_1").
		SetFirstName("Janet").
		SetLastName("").
		SetEmail("janet@acme.com").
		SetPhone("").
		SetLabel("ops").
		SetEnabled(false).
		SetSendBillingEmail(false).
		SetSendAccountEmail(true))
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c%2F1/update_contact", url.Values{
		"contact[id]":                 {"ct_1"},
		"contact[first_name]":         {"Janet"},
		"contact[last_name]":          {""},
		"contact[email]":              {"janet@acme.com"},
		"contact[phone]":              {""},
		"contact[label]":              {"ops"},
		"contact[enabled]":            {"false"},
		"contact[send_billing_email]": {"false"},
		"contact[send_account_email]": {"true"},
	})
	if len(res.Customer.Contacts) != 2 {
		t.Fatalf("contacts %+v", res.Customer.Contacts)
	}
}

func TestUpdateIDOnly(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	if _, err := NewService(m.CB).Update(context.Background(), "c", NewUpdateRequest().SetID("ct_9").SetLabel("x")); err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodPost, "/api/v2/customers/c/update_contact", url.Values{"contact[id]": {"ct_9"}, "contact[label]": {"x"}})
}

func TestDelete(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	res, err := NewService(m.CB).Delete(context.Background(), "c..", "ct/1", chargebee.WithIdempotencyKey("del-1"))
	if err != nil {
		t.Fatal(err)
	}
	got := m.Only()
	testutil.Expect(t, got, http.MethodPost, "/api/v2/customers/c../delete_contact", url.Values{"contact[id]": {"ct/1"}})
	if got.Header.Get("chargebee-idempotency-key") != "del-1" {
		t.Fatalf("headers %v", got.Header)
	}
	if res.Customer == nil || res.Card == nil {
		t.Fatalf("result %+v", res)
	}
}

// The samples of Chargebee's v1 customer reference, through a v1 client.
func TestV1SeedSamples(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type call func(*Service) (*customer.Customer, *customer.Card, error)
	tests := []struct {
		name, file, path string
		call             call
		form             url.Values
		id               string
		contacts         []customer.Contact
	}{
		{
			name: "add", file: "v1_add_contact.json", path: "/api/v1/customers/__test__5SK0bLNFRFuBy8HBN/add_contact",
			call: func(s *Service) (*customer.Customer, *customer.Card, error) {
				r, err := s.Add(ctx, "__test__5SK0bLNFRFuBy8HBN", NewAddRequest().SetFirstName("Jane").SetLastName("Doe").
					SetEmail("jane@test.com").SetLabel("dev").SetEnabled(true).SetSendBillingEmail(true).SetSendAccountEmail(true))
				if err != nil {
					return nil, nil, err
				}
				return r.Customer, r.Card, nil
			},
			form: url.Values{
				"contact[first_name]": {"Jane"}, "contact[last_name]": {"Doe"}, "contact[email]": {"jane@test.com"},
				"contact[label]": {"dev"}, "contact[enabled]": {"true"}, "contact[send_billing_email]": {"true"},
				"contact[send_account_email]": {"true"},
			},
			id: "__test__5SK0bLNFRFuBy8HBN",
			contacts: []customer.Contact{{ID: "contact___test__5SK0bLNFRFuBy8kBP", FirstName: "Jane", LastName: "Doe", Email: "jane@test.com",
				Label: "dev", Enabled: true, SendAccountEmail: true, SendBillingEmail: true, Object: "contact"}},
		},
		{
			name: "update", file: "v1_update_contact.json", path: "/api/v1/customers/__test__5SK0bLNFRFuBzV0CY/update_contact",
			call: func(s *Service) (*customer.Customer, *customer.Card, error) {
				r, err := s.Update(ctx, "__test__5SK0bLNFRFuBzV0CY", NewUpdateRequest().SetID("contact___test__5SK0bLNFRFuBzVVCa").
					SetFirstName("Jane").SetLastName("Doe").SetEmail("jane@test.com").SetLabel("dev").SetEnabled(true).
					SetSendBillingEmail(true).SetSendAccountEmail(true))
				if err != nil {
					return nil, nil, err
				}
				return r.Customer, r.Card, nil
			},
			form: url.Values{
				"contact[id]": {"contact___test__5SK0bLNFRFuBzVVCa"}, "contact[first_name]": {"Jane"}, "contact[last_name]": {"Doe"},
				"contact[email]": {"jane@test.com"}, "contact[label]": {"dev"}, "contact[enabled]": {"true"},
				"contact[send_billing_email]": {"true"}, "contact[send_account_email]": {"true"},
			},
			id: "__test__5SK0bLNFRFuBzV0CY",
			contacts: []customer.Contact{{ID: "contact___test__5SK0bLNFRFuBzVVCa", FirstName: "Jane", LastName: "Doe", Email: "jane@test.com",
				Label: "dev", Enabled: true, SendAccountEmail: true, SendBillingEmail: true, Object: "contact"}},
		},
		{
			name: "delete", file: "v1_delete_contact.json", path: "/api/v1/customers/__test__5SK0bLNFRFuBzFdC3/delete_contact",
			call: func(s *Service) (*customer.Customer, *customer.Card, error) {
				r, err := s.Delete(ctx, "__test__5SK0bLNFRFuBzFdC3", "contact___test__5SK0bLNFRFuBzG9C5")
				if err != nil {
					return nil, nil, err
				}
				return r.Customer, r.Card, nil
			},
			form: url.Values{"contact[id]": {"contact___test__5SK0bLNFRFuBzG9C5"}},
			id:   "__test__5SK0bLNFRFuBzFdC3",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(seedSample(t, tc.file)), chargebee.WithAPIVersion(chargebee.APIv1))
			c, card, err := tc.call(NewService(m.CB))
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			testutil.Expect(t, m.Only(), http.MethodPost, tc.path, tc.form)
			if c.ID != tc.id || c.FirstName != "John" || c.LastName != "Doe" || c.AutoCollection != customer.AutoCollection("on") ||
				c.Taxability != customer.Taxability("taxable") || c.Object != "customer" || c.CreatedAt == 0 {
				t.Fatalf("customer %+v", c)
			}
			if !reflect.DeepEqual(c.Contacts, tc.contacts) {
				t.Fatalf("contacts %+v", c.Contacts)
			}
			if card != nil {
				t.Fatalf("card %+v", card)
			}
		})
	}
}

const listPage1 = `{"list":[
 {"contact":{"id":"ct_1","first_name":"Jane","email":"jane@acme.com","enabled":true,"send_account_email":false,"send_billing_email":true,"object":"contact"}},
 {"contact":{"id":"ct_2","email":"ops@acme.com","enabled":false,"send_account_email":true,"send_billing_email":false,"object":"contact"}}
],"next_offset":"[\"ct_2\"]"}`

const listPage2 = `{"list":[{"contact":{"id":"ct_3","email":"cfo@acme.com","enabled":true,"send_account_email":true,"send_billing_email":true}}]}`

func TestListPages(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, []testutil.Reply{{Status: 200, Body: listPage1}, {Status: 200, Body: listPage2}})
	req := NewListRequest().SetLimit(2)
	seq := NewService(m.CB).List(context.Background(), "cust_1", req)
	m.NothingSent()

	var got []string
	for e, err := range seq {
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		got = append(got, e.Contact.ID+" "+e.Contact.Email)
	}
	if !reflect.DeepEqual(got, []string{"ct_1 jane@acme.com", "ct_2 ops@acme.com", "ct_3 cfo@acme.com"}) {
		t.Fatalf("contacts %v", got)
	}
	reqs := m.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	testutil.Expect(t, reqs[0], http.MethodGet, "/api/v2/customers/cust_1/contacts", url.Values{"limit": {"2"}})
	testutil.Expect(t, reqs[1], http.MethodGet, "/api/v2/customers/cust_1/contacts", url.Values{"limit": {"2"}, "offset": {`["ct_2"]`}})
	if req.Offset != nil {
		t.Fatal("List changed the caller's request")
	}
}

func TestListPageEveryParamAndNil(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(listPage1))
	svc := NewService(m.CB)
	page, err := svc.ListPage(context.Background(), "a b", NewListRequest().SetLimit(100).SetOffset("o1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 || page.NextOffset != `["ct_2"]` || page.Items[1].Contact.SendAccountEmail != true {
		t.Fatalf("page %+v", page)
	}
	if _, err := svc.ListPage(context.Background(), "a b", nil); err != nil {
		t.Fatal(err)
	}
	reqs := m.Requests()
	testutil.Expect(t, reqs[0], http.MethodGet, "/api/v2/customers/a%20b/contacts", url.Values{"limit": {"100"}, "offset": {"o1"}})
	testutil.Expect(t, reqs[1], http.MethodGet, "/api/v2/customers/a%20b/contacts", nil)
}

func TestListMissingKeys(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no list":               `{"next_offset":"x"}`,
		"entry without contact": `{"list":[{"customer":{"id":"x"}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(body))
			n := 0
			for e, err := range NewService(m.CB).List(context.Background(), "c", nil) {
				n++
				var de *chargebee.DecodeError
				if e != nil || !errors.As(err, &de) {
					t.Fatalf("yielded %v, %v", e, err)
				}
			}
			if n != 1 {
				t.Fatalf("yielded %d times", n)
			}
		})
	}
}

func TestMissingCustomer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, call := range map[string]func(*Service) error{
		"Add":    func(s *Service) error { _, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a@b.c")); return err },
		"Update": func(s *Service) error { _, err := s.Update(ctx, "c", NewUpdateRequest().SetID("x")); return err },
		"Delete": func(s *Service) error { _, err := s.Delete(ctx, "c", "x"); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{"card":{"payment_source_id":"pm"}}`))
			err := call(NewService(m.CB))
			var de *chargebee.DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), `"customer"`) {
				t.Fatalf("err %v", err)
			}
		})
	}
}

func TestValidationSendsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name  string
		call  func(*Service) error
		param string
	}{
		{"add nil", func(s *Service) error { _, err := s.Add(ctx, "c", nil); return err }, "contact[email]"},
		{"add without email", func(s *Service) error { _, err := s.Add(ctx, "c", NewAddRequest().SetFirstName("J")); return err }, "contact[email]"},
		{"add empty email", func(s *Service) error { _, err := s.Add(ctx, "c", NewAddRequest().SetEmail("")); return err }, "contact[email]"},
		{"add email too long", func(s *Service) error { _, err := s.Add(ctx, "c", NewAddRequest().SetEmail(long(71))); return err }, "contact[email]"},
		{"add id too long", func(s *Service) error {
			_, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a").SetID(long(151)))
			return err
		}, "contact[id]"},
		{"add first name too long", func(s *Service) error {
			_, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a").SetFirstName(long(151)))
			return err
		}, "contact[first_name]"},
		{"add last name too long", func(s *Service) error {
			_, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a").SetLastName(long(151)))
			return err
		}, "contact[last_name]"},
		{"add phone too long", func(s *Service) error {
			_, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a").SetPhone(long(51)))
			return err
		}, "contact[phone]"},
		{"add label too long", func(s *Service) error {
			_, err := s.Add(ctx, "c", NewAddRequest().SetEmail("a").SetLabel(long(51)))
			return err
		}, "contact[label]"},
		{"add empty customer", func(s *Service) error { _, err := s.Add(ctx, "", NewAddRequest().SetEmail("a")); return err }, "customer_id"},
		{"update nil", func(s *Service) error { _, err := s.Update(ctx, "c", nil); return err }, "contact[id]"},
		{"update without id", func(s *Service) error { _, err := s.Update(ctx, "c", NewUpdateRequest().SetEmail("a")); return err }, "contact[id]"},
		{"update empty id", func(s *Service) error { _, err := s.Update(ctx, "c", NewUpdateRequest().SetID("")); return err }, "contact[id]"},
		{"update id too long", func(s *Service) error { _, err := s.Update(ctx, "c", NewUpdateRequest().SetID(long(151))); return err }, "contact[id]"},
		{"update email too long", func(s *Service) error {
			_, err := s.Update(ctx, "c", NewUpdateRequest().SetID("i").SetEmail(long(71)))
			return err
		}, "contact[email]"},
		{"update label too long", func(s *Service) error {
			_, err := s.Update(ctx, "c", NewUpdateRequest().SetID("i").SetLabel(long(51)))
			return err
		}, "contact[label]"},
		{"update empty customer", func(s *Service) error { _, err := s.Update(ctx, "", NewUpdateRequest().SetID("i")); return err }, "customer_id"},
		{"delete empty contact", func(s *Service) error { _, err := s.Delete(ctx, "c", ""); return err }, "contact[id]"},
		{"delete contact id too long", func(s *Service) error { _, err := s.Delete(ctx, "c", long(151)); return err }, "contact[id]"},
		{"delete empty customer", func(s *Service) error { _, err := s.Delete(ctx, "", "ct"); return err }, "customer_id"},
		{"list limit 0", func(s *Service) error { _, err := s.ListPage(ctx, "c", NewListRequest().SetLimit(0)); return err }, "limit"},
		{"list limit 101", func(s *Service) error { _, err := s.ListPage(ctx, "c", NewListRequest().SetLimit(101)); return err }, "limit"},
		{"list offset too long", func(s *Service) error {
			_, err := s.ListPage(ctx, "c", NewListRequest().SetOffset(long(1001)))
			return err
		}, "offset"},
		{"list empty customer", func(s *Service) error { _, err := s.ListPage(ctx, "", nil); return err }, "customer_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(v2AddResponse))
			err := tc.call(NewService(m.CB))
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("err %v, want param %s", err, tc.param)
			}
			m.NothingSent()
		})
	}
}

func TestLimitsAtTheEdge(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	r := func(n int) string { return strings.Repeat("é", n) }
	_, err := NewService(m.CB).Add(context.Background(), "c", NewAddRequest().
		SetID(r(150)).SetFirstName(r(150)).SetLastName(r(150)).SetEmail(r(70)).SetPhone(r(50)).SetLabel(r(50)))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Only().Form.Get("contact[first_name]"); got != r(150) {
		t.Fatalf("first_name %q", got)
	}
}

func TestListNeedsV2(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(listPage1), chargebee.WithAPIVersion(chargebee.APIv1))
	svc := NewService(m.CB)
	if _, err := svc.ListPage(context.Background(), "c", nil); !errors.Is(err, chargebee.ErrAPIVersion) {
		t.Fatalf("ListPage err %v", err)
	}
	for _, err := range svc.List(context.Background(), "c", nil) {
		if !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Fatalf("List err %v", err)
		}
	}
	m.NothingSent()
}

func TestChargebeeErrorReachesCaller(t *testing.T) {
	t.Parallel()
	body := `{"message":"Maximum number of contacts reached","type":"invalid_request","api_error_code":"param_wrong_value","param":"contact[email]","http_status_code":400}`
	m := testutil.NewMock(t, []testutil.Reply{{Status: 400, Body: body}})
	_, err := NewService(m.CB).Add(context.Background(), "c", NewAddRequest().SetEmail("seventh@acme.com"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Param != "contact[email]" || ce.HTTPStatusCode != 400 || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Fatalf("err %T %v", err, err)
	}
	if strings.Contains(err.Error(), "seventh@acme.com") {
		t.Fatal("error repeats the request's e-mail")
	}
}

func TestRequestsNotChanged(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(v2AddResponse))
	add := NewAddRequest().SetEmail("a@b.c")
	upd := NewUpdateRequest().SetID("ct")
	svc := NewService(m.CB)
	if _, err := svc.Add(context.Background(), "c", add); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Update(context.Background(), "c", upd); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(add, NewAddRequest().SetEmail("a@b.c")) || !reflect.DeepEqual(upd, NewUpdateRequest().SetID("ct")) {
		t.Fatal("request changed")
	}
}

func TestNilRequestsValidate(t *testing.T) {
	t.Parallel()
	var add *AddRequest
	var upd *UpdateRequest
	var list *ListRequest
	var ve *chargebee.ValidationError
	if err := add.Validate(); !errors.As(err, &ve) || ve.Param != "contact[email]" {
		t.Fatalf("nil AddRequest: %v", err)
	}
	if err := upd.Validate(); !errors.As(err, &ve) || ve.Param != "contact[id]" {
		t.Fatalf("nil UpdateRequest: %v", err)
	}
	if err := list.Validate(); err != nil {
		t.Fatalf("nil ListRequest: %v", err)
	}
}

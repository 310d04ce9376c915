package chargebeetest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/relationship"
)

// The tests in this file drive the fake through the SDK's resource
// packages: requests the SDK builds must be accepted, and answers the fake
// gives must decode into the SDK's result types.

func TestSDKCustomerActions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t, chargebeetest.WithClock(newClock(1700000000).now))
	customers := customer.NewService(s.Client())

	res, err := customers.Create(ctx, customer.NewCreateRequest().
		SetID("john").SetFirstName("John").SetEmail("john@acme.com").SetNetTermDays(0).SetAllowDirectDebit(false).
		SetMetaData(chargebee.Metadata{"plan": "gold"}).SetCustomField("cf_tier", "gold").
		SetBillingAddress(customer.NewBillingAddressParams().SetLine1("PO Box 9999").SetCity("Walnut").SetCountry("US")).
		AddEntityIdentifier(customer.NewEntityIdentifierParams().SetScheme("iso6523-actorid-upis").SetValue("123")).
		SetCard(customer.NewCardParams().SetNumber("4111111111111111").SetExpiryMonth(12).SetExpiryYear(2030).
			SetAdditionalInformation(map[string]any{"k": "v"})))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Customer
	if c.ID != "john" || c.Email != "john@acme.com" || c.MetaData["plan"] != "gold" || c.CustomFields["cf_tier"] != "gold" ||
		c.BillingAddress == nil || c.BillingAddress.City != "Walnut" || c.CreatedAt != 1700000000 {
		t.Fatalf("created: %+v", c)
	}
	if res.Card == nil || res.Card.Last4 != "1111" || c.PaymentMethod == nil || c.PaymentMethod.Type != customer.PaymentMethodTypeCard {
		t.Fatalf("card: %+v / %+v", res.Card, c.PaymentMethod)
	}
	if len(c.EntityIdentifiers) != 1 || c.EntityIdentifiers[0].Value != "123" {
		t.Fatalf("entity identifiers: %+v", c.EntityIdentifiers)
	}
	for _, id := range []string{"ann", "bob"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id).SetEmail(id+"@bolt.io")); err != nil {
			t.Fatal(err)
		}
	}

	// List with a filter, paged by the iterator.
	var got []string
	for e, err := range customers.List(ctx, customer.NewListRequest().SetLimit(1).
		SetEmail(chargebee.StringFilter{StartsWith: "a"}).SetSortBy(chargebee.SortAsc("created_at"))) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Customer.ID)
	}
	if strings.Join(got, ",") != "ann" {
		t.Fatalf("filtered list: %v", got)
	}
	got = nil
	for e, err := range customers.List(ctx, customer.NewListRequest().SetLimit(2)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Customer.ID)
	}
	if len(got) != 3 {
		t.Fatalf("all customers over pages of 2: %v", got)
	}
	page, err := customers.ListPage(ctx, customer.NewListRequest().SetLimit(2).SetID(chargebee.StringFilter{In: []string{"john", "bob"}}))
	if err != nil || len(page.Items) != 2 || page.NextOffset != "" {
		t.Fatalf("ListPage: %+v %v", page, err)
	}

	up, err := customers.Update(ctx, "john", customer.NewUpdateRequest().SetLastName("Doe").SetFirstName(""))
	if err != nil || up.Customer.LastName != "Doe" || up.Customer.FirstName != "" {
		t.Fatalf("update: %+v %v", up, err)
	}
	bi, err := customers.UpdateBillingInfo(ctx, "john", customer.NewUpdateBillingInfoRequest().
		SetBillingAddress(customer.NewBillingAddressParams().SetLine1("New road 2")).SetVatNumber("123"))
	if err != nil || bi.Customer.BillingAddress.Line1 != "New road 2" || bi.Customer.BillingAddress.City != "" {
		t.Fatalf("billing info replaces the address: %+v %v", bi, err)
	}
	pm, err := customers.UpdatePaymentMethod(ctx, "ann", customer.NewUpdatePaymentMethodRequest().
		SetPaymentMethod(customer.NewPaymentMethodParams().SetType(customer.PaymentMethodTypeCard).SetReferenceID("tok_1")))
	if err != nil || pm.Customer.PaymentMethod == nil || pm.Customer.PaymentMethod.ReferenceID != "tok_1" {
		t.Fatalf("update payment method: %+v %v", pm, err)
	}
	role, err := customers.AssignPaymentRole(ctx, "ann", customer.NewAssignPaymentRoleRequest().
		SetPaymentSourceID(pm.Customer.PrimaryPaymentSourceID).SetRole(customer.PaymentRoleNone))
	if err != nil || role.PaymentSource == nil || role.Customer.PrimaryPaymentSourceID != "" {
		t.Fatalf("assign payment role: %+v %v", role, err)
	}
	ex, err := customers.RecordExcessPayment(ctx, "bob", customer.NewRecordExcessPaymentRequest().
		SetTransaction(customer.NewTransactionParams().SetAmount(500).SetDate(1700000000).SetPaymentMethod(customer.TransactionPaymentMethodCash)))
	if err != nil || ex.Customer.ExcessPayments != 500 || ex.Transaction.Amount != 500 {
		t.Fatalf("record excess payment: %+v %v", ex, err)
	}
	col, err := customers.CollectPayment(ctx, "john", customer.NewCollectPaymentRequest().SetAmount(300))
	if err != nil || col.Transaction.Amount != 300 || col.Transaction.PaymentSourceID == "" {
		t.Fatalf("collect payment: %+v %v", col, err)
	}
	cbd, err := customers.ChangeBillingDate(ctx, "john", customer.NewChangeBillingDateRequest().SetBillingDate(15))
	if err != nil || cbd.Customer.BillingDate != 15 {
		t.Fatalf("change billing date: %+v %v", cbd, err)
	}
	mv, err := customers.Move(ctx, customer.NewMoveRequest().SetIDAtFromSite("old-1").SetFromSite("acme-old"))
	if err != nil || mv.ResourceMigration.EntityID != "old-1" {
		t.Fatalf("move: %+v %v", mv, err)
	}
	mg, err := customers.Merge(ctx, customer.NewMergeRequest().SetFromCustomerID("bob").SetToCustomerID("ann"))
	if err != nil || mg.Customer.ID != "ann" || mg.Customer.ExcessPayments != 500 {
		t.Fatalf("merge: %+v %v", mg, err)
	}
	cl, err := customers.ClearPersonalData(ctx, "ann")
	if err != nil || cl.Customer.Email != "" {
		t.Fatalf("clear personal data: %+v %v", cl, err)
	}
	del, err := customers.Delete(ctx, "ann", nil)
	if err != nil || !del.Customer.Deleted {
		t.Fatalf("delete: %+v %v", del, err)
	}
	_, err = customers.Retrieve(ctx, "ann")
	var ce *chargebee.Error
	if !errors.Is(err, chargebee.ErrNotFound) || !errors.As(err, &ce) || ce.APIErrorCode != "resource_not_found" {
		t.Fatalf("retrieve deleted: %v", err)
	}
	r, err := customers.Retrieve(ctx, "john")
	if err != nil || r.Customer.LastName != "Doe" || r.Customer.BillingDate != 15 {
		t.Fatalf("retrieve: %+v %v", r, err)
	}
	// A server-side error names its param through the SDK.
	_, err = customers.Create(ctx, customer.NewCreateRequest().SetID("john"))
	if !errors.As(err, &ce) || ce.Param != "id" || ce.APIErrorCode != "duplicate_entry" || !errors.Is(err, chargebee.ErrInvalidRequest) {
		t.Fatalf("duplicate: %v", err)
	}
}

func TestSDKCustomerV1(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	v1 := customer.NewService(s.ClientV1())
	res, err := v1.Create(ctx, customer.NewCreateRequest().SetID("v1").SetFirstName("Old"))
	if err != nil || res.Customer.ID != "v1" {
		t.Fatalf("v1 create: %+v %v", res, err)
	}
	if _, err := v1.Update(ctx, "v1", customer.NewUpdateRequest().SetLastName("Timer")); err != nil {
		t.Fatal(err)
	}
	r, err := v1.Retrieve(ctx, "v1")
	if err != nil || r.Customer.LastName != "Timer" {
		t.Fatalf("v1 retrieve: %+v %v", r, err)
	}
	n := 0
	for _, err := range v1.List(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("v1 list: %d", n)
	}
	if reqs := s.RequestsFor("customer_v1.create"); len(reqs) != 1 || !strings.HasPrefix(reqs[0].Path, "/api/v1/") {
		t.Fatalf("v1 requests: %+v", reqs)
	}
}

func TestSDKContacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	cb := s.Client()
	if _, err := customer.NewService(cb).Create(ctx, customer.NewCreateRequest().SetID("c1")); err != nil {
		t.Fatal(err)
	}
	contacts := contact.NewService(cb)
	for i := 0; i < chargebeetest.MaxContacts; i++ {
		if _, err := contacts.Add(ctx, "c1", contact.NewAddRequest().SetEmail("p"+string(rune('a'+i))+"@acme.com").SetSendBillingEmail(true)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := contacts.Add(ctx, "c1", contact.NewAddRequest().SetEmail("seven@acme.com"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.APIErrorCode != "resource_limit_exceeded" {
		t.Fatalf("seventh contact: %v", err)
	}
	var ids []string
	for e, err := range contacts.List(ctx, "c1", contact.NewListRequest().SetLimit(4)) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.Contact.ID)
		if !e.Contact.SendBillingEmail || e.Contact.Enabled {
			t.Fatalf("contact flags: %+v", e.Contact)
		}
	}
	if len(ids) != chargebeetest.MaxContacts {
		t.Fatalf("listed %d contacts", len(ids))
	}
	up, err := contacts.Update(ctx, "c1", contact.NewUpdateRequest().SetID(ids[0]).SetLabel("billing").SetEnabled(true))
	if err != nil || up.Customer.Contacts[0].Label != "billing" || !up.Customer.Contacts[0].Enabled {
		t.Fatalf("update: %+v %v", up, err)
	}
	del, err := contacts.Delete(ctx, "c1", ids[0])
	if err != nil || len(del.Customer.Contacts) != chargebeetest.MaxContacts-1 {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if _, err := contacts.Delete(ctx, "c1", ids[0]); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
}

func TestSDKRelationships(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	cb := s.Client()
	customers := customer.NewService(cb)
	rel := relationship.NewService(cb)
	for _, id := range []string{"acme", "acme-eu", "acme-us"} {
		if _, err := customers.Create(ctx, customer.NewCreateRequest().SetID(id)); err != nil {
			t.Fatal(err)
		}
	}
	for _, child := range []string{"acme-eu", "acme-us"} {
		if _, err := rel.Link(ctx, child, relationship.NewLinkRequest().SetParentID("acme").SetPaymentOwnerID("acme").
			SetParentAccountAccess(relationship.NewParentAccountAccessParams().SetSendInvoiceEmails(true))); err != nil {
			t.Fatal(err)
		}
	}
	kid, err := rel.CreateChild(ctx, "acme-eu", customer.NewCreateRequest().SetID("acme-eu-paris"), nil)
	if err != nil || kid.Customer.Relationship == nil || kid.Customer.Relationship.ParentID != "acme-eu" {
		t.Fatalf("create child: %+v %v", kid, err)
	}
	tree, err := rel.Tree(ctx, "acme-eu-paris")
	if err != nil {
		t.Fatal(err)
	}
	if want := "acme\n  acme-eu\n    acme-eu-paris\n  acme-us\n"; tree.String() != want {
		t.Fatalf("tree:\n%s\nwant:\n%s", tree, want)
	}
	h, err := rel.Hierarchy(ctx, "acme-eu-paris", relationship.HierarchyPathToRoot)
	if err != nil || len(h.Hierarchies) != 3 || h.Hierarchies[2].CustomerID != "acme" {
		t.Fatalf("path to root: %+v %v", h, err)
	}
	n := 0
	for e, err := range rel.ListDetail(ctx, "acme", relationship.NewListDetailRequest().SetHierarchyOperationType(relationship.HierarchySubordinates).SetLimit(2)) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Hierarchy.CustomerID == "" {
			t.Fatal("empty entry")
		}
		n++
	}
	if n != 4 {
		t.Fatalf("list detail: %d entries", n)
	}
	// The fake refuses a cycle, and the SDK surfaces the param.
	_, err = rel.Link(ctx, "acme", relationship.NewLinkRequest().SetParentID("acme-eu-paris"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Param != "parent_id" || ce.HTTPStatusCode != 400 {
		t.Fatalf("cycle: %v", err)
	}
	st, err := rel.UpdateSettings(ctx, "acme-us", relationship.NewUpdateSettingsRequest().SetUseDefaultHierarchySettings(false).
		SetChildAccountAccess(relationship.NewChildAccountAccessParams().SetSendPaymentEmails(true)))
	if err != nil || st.Customer.ChildAccountAccess == nil || !st.Customer.ChildAccountAccess.SendPaymentEmails {
		t.Fatalf("update settings: %+v %v", st, err)
	}
	un, err := rel.Unlink(ctx, "acme-us")
	if err != nil || un.Customer.Relationship != nil {
		t.Fatalf("unlink: %+v %v", un, err)
	}
}

func TestSDKEntitlements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	s.SetEntitlements("c1", seedEntitlements...)
	ents := entitlement.NewService(s.Client())

	var features []string
	for e, err := range ents.List(ctx, "c1", entitlement.NewListRequest().SetLimit(2)) {
		if err != nil {
			t.Fatal(err)
		}
		features = append(features, e.CustomerEntitlement.FeatureID)
	}
	if strings.Join(features, ",") != "user-licenses,xero-integration,user-licenses,support-level,support-level" {
		t.Fatalf("iterated: %v", features)
	}
	if reqs := s.RequestsFor("customer_entitlement.entitlements_for_customer"); len(reqs) != 2 || reqs[1].Params.Get("offset") != "2" {
		t.Fatalf("pages requested: %+v", reqs)
	}
	set, err := ents.Load(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if !set.Enabled("xero-integration") || set.Enabled("sso") || len(set.Entries("user-licenses")) != 2 {
		t.Fatalf("set: %+v", set.All())
	}
	if v, ok := set.Value("support-level"); !ok || v != "Email" {
		t.Fatalf("support-level = %q %v", v, ok)
	}
	set, err = ents.Load(ctx, "c1", entitlement.Consolidated())
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := set.Value("user-licenses"); v != "10" || len(set.Entries("user-licenses")) != 1 {
		t.Fatalf("consolidated: %+v", set.All())
	}
	if _, err := ents.Load(ctx, "ghost"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("unknown customer: %v", err)
	}

	off := chargebeetest.NewServer(t, chargebeetest.WithEntitlementsDisabled())
	off.SetEntitlements("c1")
	_, err = entitlement.NewService(off.Client()).Load(ctx, "c1")
	if !errors.Is(err, entitlement.ErrNotEnabled) {
		t.Fatalf("disabled endpoint: %v", err)
	}
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Type != "invalid_request" || ce.APIErrorCode != "configuration_incompatible" || ce.HTTPStatusCode != 400 {
		t.Errorf("disabled endpoint error = %+v, want 400 invalid_request configuration_incompatible", ce)
	}
}

func TestSDKCredits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	if _, err := customer.NewService(s.Client()).Create(ctx, customer.NewCreateRequest().SetID("c1")); err != nil {
		t.Fatal(err)
	}
	cr := credits.NewService(s.Client())
	add, err := cr.Add(ctx, credits.NewAddRequest().SetCustomerID("c1").SetAmount(1000).SetDescription("welcome").SetCreditType(credits.CreditTypeReferralRewards))
	if err != nil || add.Customer.PromotionalCredits != 1000 || add.PromotionalCredit.Type != credits.TypeIncrement || add.PromotionalCredit.CreditType != credits.CreditTypeReferralRewards {
		t.Fatalf("add: %+v %v", add, err)
	}
	ded, err := cr.Deduct(ctx, credits.NewDeductRequest().SetCustomerID("c1").SetAmountInDecimal("2.5").SetDescription("used"))
	if err != nil || ded.Customer.PromotionalCredits != 750 || ded.PromotionalCredit.ClosingBalance != 750 {
		t.Fatalf("deduct: %+v %v", ded, err)
	}
	_, err = cr.Deduct(ctx, credits.NewDeductRequest().SetCustomerID("c1").SetAmount(10000).SetDescription("too much"))
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Param != "amount" {
		t.Fatalf("deduct beyond balance: %v", err)
	}
	set, err := cr.Set(ctx, credits.NewSetRequest().SetCustomerID("c1").SetAmount(100).SetDescription("reset"))
	if err != nil || set.Customer.PromotionalCredits != 100 {
		t.Fatalf("set: %+v %v", set, err)
	}
	var types []string
	for e, err := range cr.List(ctx, credits.NewListRequest().SetCustomerID(chargebee.StringFilter{Is: "c1"}).SetLimit(2)) {
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, string(e.PromotionalCredit.Type))
	}
	if strings.Join(types, ",") != "decrement,decrement,increment" {
		t.Fatalf("history: %v", types)
	}
	got, err := cr.Retrieve(ctx, add.PromotionalCredit.ID)
	if err != nil || got.PromotionalCredit.Amount != 1000 {
		t.Fatalf("retrieve: %+v %v", got, err)
	}
	//lint:ignore SA1019 the deprecated customer-level action must keep working against the fake
	old, err := cr.AddPromotionalCredits(ctx, "c1", credits.NewAddPromotionalCreditsRequest().SetAmount(5).SetDescription("old"))
	if err != nil || old.Customer.PromotionalCredits != 105 {
		t.Fatalf("deprecated add: %+v %v", old, err)
	}

	v1 := credits.NewService(s.ClientV1())
	acc, err := v1.AddAccountCredits(ctx, "c1", credits.NewAddAccountCreditsRequest().SetAmount(500).SetDescription("Loyalty credits"))
	if err != nil || acc.Customer.AccountCredits != 605 || acc.Customer.ID != "c1" {
		t.Fatalf("v1 add: %+v %v", acc, err)
	}
	acc, err = v1.DeductAccountCredits(ctx, "c1", credits.NewDeductAccountCreditsRequest().SetAmount(5).SetDescription("fix"))
	if err != nil || acc.Customer.AccountCredits != 600 {
		t.Fatalf("v1 deduct: %+v %v", acc, err)
	}
	acc, err = v1.SetAccountCredits(ctx, "c1", credits.NewSetAccountCreditsRequest().SetAmount(0).SetDescription("zero"))
	if err != nil || acc.Customer.AccountCredits != 0 {
		t.Fatalf("v1 set: %+v %v", acc, err)
	}
}

// TestSDKBusinessEntity checks the client and request options for the
// business-entity header against the fake's scoping.
func TestSDKBusinessEntity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := chargebeetest.NewServer(t)
	eu := customer.NewService(s.Client(chargebee.WithBusinessEntity("be_eu")))
	site := customer.NewService(s.Client())
	if _, err := eu.Create(ctx, customer.NewCreateRequest().SetID("e1")); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Create(ctx, customer.NewCreateRequest().SetID("s1")); err != nil {
		t.Fatal(err)
	}
	if _, err := eu.Retrieve(ctx, "s1"); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("other entity: %v", err)
	}
	if _, err := site.Retrieve(ctx, "e1", chargebee.WithBusinessEntityID("be_us")); !errors.Is(err, chargebee.ErrNotFound) {
		t.Fatalf("request option: %v", err)
	}
	r, err := site.Retrieve(ctx, "e1")
	if err != nil || r.Customer.BusinessEntityID != "be_eu" {
		t.Fatalf("site context: %+v %v", r, err)
	}
	n := 0
	for _, err := range eu.List(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Fatalf("entity list: %d", n)
	}
}

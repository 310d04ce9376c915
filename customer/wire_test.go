package customer

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// The expectations in this file are written by hand from the catalog
// (api/CATALOG.md, actions 1-21): every wire key of every customer action
// is set at least once. TestCatalogCoverage checks that together they cover
// the catalog.

// escapingID needs escaping in a path: "/", space, "?" and "%".
const escapingID = "cus/1 ?%"

// escapedID is escapingID as one path segment.
const escapedID = "cus%2F1%20%3F%25"

func fullCreateRequest() *CreateRequest {
	return NewCreateRequest().
		SetID("cus_1").
		SetFirstName("John").
		SetLastName("Doe").
		SetEmail("john@acme.com").
		SetPreferredCurrencyCode("USD").
		SetPhone("+1 555 0100").
		SetCompany("Acme").
		SetAutoCollection(AutoCollectionOff).
		SetNetTermDays(30).
		SetAllowDirectDebit(true).
		SetVatNumber("DE123").
		SetVatNumberPrefix("XI").
		SetEntityIdentifierScheme("0088").
		SetEntityIdentifierStandard("iso6523-actorid-upis").
		SetRegisteredForGst(false).
		SetIsEinvoiceEnabled(true).
		SetEinvoicingMethod(EinvoicingMethodManual).
		SetTaxability(TaxabilityExempt).
		SetExemptionDetails([]string{"x", "y"}).
		SetCustomerType(CustomerTypeBusiness).
		SetClientProfileID("cp_1").
		SetTaxjarExemptionCategory(TaxjarExemptionCategoryWholesale).
		SetBusinessCustomerWithoutVatNumber(true).
		SetLocale("fr-FR").
		SetEntityCode(EntityCodeMed1).
		SetExemptNumber("EX-9").
		SetMetaData(chargebee.Metadata{"plan": "gold", "seats": 5}).
		SetOfflinePaymentMethod(OfflinePaymentMethodBankTransfer).
		SetAutoCloseInvoices(false).
		SetConsolidatedInvoicing(true).
		SetTokenID("tok_1").
		SetBusinessEntityID("be_1").
		SetCreatedFromIP("10.0.0.1").
		SetInvoiceNotes("Thanks!").
		SetCard(NewCardParams().
			SetGateway(GatewayStripe).
			SetGatewayAccountID("gw_1").
			SetTmpToken("tmp_1").
			SetFirstName("Jo").
			SetLastName("Do").
			SetNumber("4111111111111111").
			SetExpiryMonth(12).
			SetExpiryYear(2030).
			SetCVV("123").
			SetPreferredScheme(CardPreferredSchemeVisa).
			SetBillingAddr1("1 Main St").
			SetBillingAddr2("Apt 2").
			SetBillingCity("Walnut").
			SetBillingStateCode("CA").
			SetBillingState("California").
			SetBillingZip("91789").
			SetBillingCountry("US").
			SetIPAddress("10.0.0.2").
			SetAdditionalInformation(map[string]any{"k": "v"})).
		SetBankAccount(NewBankAccountParams().
			SetGatewayAccountID("gw_2").
			SetIBAN("DE89370400440532013000").
			SetFirstName("Ann").
			SetLastName("Lee").
			SetCompany("Lee Ltd").
			SetEmail("ann@lee.com").
			SetPhone("555-0101").
			SetBankName("Bank").
			SetAccountNumber("000123456789").
			SetRoutingNumber("110000000").
			SetBankCode("37040044").
			SetAccountType(BankAccountTypeChecking).
			SetAccountHolderType(AccountHolderTypeCompany).
			SetEcheckType(EcheckTypeWeb).
			SetIssuingCountry("DE").
			SetSwedishIdentityNumber("1234567890").
			SetBillingAddress(map[string]any{"line1": "x"})).
		SetPaymentMethod(NewPaymentMethodParams().
			SetType(PaymentMethodTypeCard).
			SetGateway(GatewayAdyen).
			SetGatewayAccountID("gw_3").
			SetReferenceID("ref_1").
			SetTmpToken("tmp_2").
			SetIssuingCountry("US").
			SetAdditionalInformation(map[string]any{"a": 1})).
		SetPaymentIntent(NewPaymentIntentParams().
			SetID("pi_1").
			SetGatewayAccountID("gw_4").
			SetGwToken("gwt_1").
			SetPaymentMethodType(PaymentMethodTypeIdeal).
			SetReferenceID("ref_2").
			SetGwPaymentMethodID("pm_1").
			SetAdditionalInformation(map[string]any{"b": true})).
		SetBillingAddress(NewBillingAddressParams().
			SetFirstName("John").
			SetLastName("Doe").
			SetEmail("billing@acme.com").
			SetCompany("Acme Inc").
			SetPhone("555-0102").
			SetLine1("PO Box 9999").
			SetLine2("Suite 1").
			SetLine3("Floor 3").
			SetCity("Walnut").
			SetStateCode("CA").
			SetState("California").
			SetZip("91789").
			SetCountry("US").
			SetValidationStatus(ValidationStatusValid)).
		AddEntityIdentifier(NewEntityIdentifierParams().SetID("e1").SetScheme("s1").SetValue("v1").SetStandard("st1")).
		AddEntityIdentifier(NewEntityIdentifierParams().SetScheme("s2").SetValue("v2")).
		AddTaxProvidersField(NewTaxProvidersFieldParams().SetProviderName("avalara").SetFieldID("f1").SetFieldValue("fv1")).
		SetCustomField("cf_gender", "female")
}

// wantCreate holds the 105 catalog keys of customer.create plus a custom
// field.
var wantCreate = url.Values{
	"id":                                   {"cus_1"},
	"first_name":                           {"John"},
	"last_name":                            {"Doe"},
	"email":                                {"john@acme.com"},
	"preferred_currency_code":              {"USD"},
	"phone":                                {"+1 555 0100"},
	"company":                              {"Acme"},
	"auto_collection":                      {"off"},
	"net_term_days":                        {"30"},
	"allow_direct_debit":                   {"true"},
	"vat_number":                           {"DE123"},
	"vat_number_prefix":                    {"XI"},
	"entity_identifier_scheme":             {"0088"},
	"entity_identifier_standard":           {"iso6523-actorid-upis"},
	"registered_for_gst":                   {"false"},
	"is_einvoice_enabled":                  {"true"},
	"einvoicing_method":                    {"manual"},
	"taxability":                           {"exempt"},
	"exemption_details":                    {`["x","y"]`},
	"customer_type":                        {"business"},
	"client_profile_id":                    {"cp_1"},
	"taxjar_exemption_category":            {"wholesale"},
	"business_customer_without_vat_number": {"true"},
	"locale":                               {"fr-FR"},
	"entity_code":                          {"med1"},
	"exempt_number":                        {"EX-9"},
	"meta_data":                            {`{"plan":"gold","seats":5}`},
	"offline_payment_method":               {"bank_transfer"},
	"auto_close_invoices":                  {"false"},
	"consolidated_invoicing":               {"true"},
	"token_id":                             {"tok_1"},
	"business_entity_id":                   {"be_1"},
	"created_from_ip":                      {"10.0.0.1"},
	"invoice_notes":                        {"Thanks!"},

	"card[gateway]":                {"stripe"},
	"card[gateway_account_id]":     {"gw_1"},
	"card[tmp_token]":              {"tmp_1"},
	"card[first_name]":             {"Jo"},
	"card[last_name]":              {"Do"},
	"card[number]":                 {"4111111111111111"},
	"card[expiry_month]":           {"12"},
	"card[expiry_year]":            {"2030"},
	"card[cvv]":                    {"123"},
	"card[preferred_scheme]":       {"visa"},
	"card[billing_addr1]":          {"1 Main St"},
	"card[billing_addr2]":          {"Apt 2"},
	"card[billing_city]":           {"Walnut"},
	"card[billing_state_code]":     {"CA"},
	"card[billing_state]":          {"California"},
	"card[billing_zip]":            {"91789"},
	"card[billing_country]":        {"US"},
	"card[ip_address]":             {"10.0.0.2"},
	"card[additional_information]": {`{"k":"v"}`},

	"bank_account[gateway_account_id]":      {"gw_2"},
	"bank_account[iban]":                    {"DE89370400440532013000"},
	"bank_account[first_name]":              {"Ann"},
	"bank_account[last_name]":               {"Lee"},
	"bank_account[company]":                 {"Lee Ltd"},
	"bank_account[email]":                   {"ann@lee.com"},
	"bank_account[phone]":                   {"555-0101"},
	"bank_account[bank_name]":               {"Bank"},
	"bank_account[account_number]":          {"000123456789"},
	"bank_account[routing_number]":          {"110000000"},
	"bank_account[bank_code]":               {"37040044"},
	"bank_account[account_type]":            {"checking"},
	"bank_account[account_holder_type]":     {"company"},
	"bank_account[echeck_type]":             {"web"},
	"bank_account[issuing_country]":         {"DE"},
	"bank_account[swedish_identity_number]": {"1234567890"},
	"bank_account[billing_address]":         {`{"line1":"x"}`},

	"payment_method[type]":                   {"card"},
	"payment_method[gateway]":                {"adyen"},
	"payment_method[gateway_account_id]":     {"gw_3"},
	"payment_method[reference_id]":           {"ref_1"},
	"payment_method[tmp_token]":              {"tmp_2"},
	"payment_method[issuing_country]":        {"US"},
	"payment_method[additional_information]": {`{"a":1}`},

	"payment_intent[id]":                     {"pi_1"},
	"payment_intent[gateway_account_id]":     {"gw_4"},
	"payment_intent[gw_token]":               {"gwt_1"},
	"payment_intent[payment_method_type]":    {"ideal"},
	"payment_intent[reference_id]":           {"ref_2"},
	"payment_intent[gw_payment_method_id]":   {"pm_1"},
	"payment_intent[additional_information]": {`{"b":true}`},

	"billing_address[first_name]":        {"John"},
	"billing_address[last_name]":         {"Doe"},
	"billing_address[email]":             {"billing@acme.com"},
	"billing_address[company]":           {"Acme Inc"},
	"billing_address[phone]":             {"555-0102"},
	"billing_address[line1]":             {"PO Box 9999"},
	"billing_address[line2]":             {"Suite 1"},
	"billing_address[line3]":             {"Floor 3"},
	"billing_address[city]":              {"Walnut"},
	"billing_address[state_code]":        {"CA"},
	"billing_address[state]":             {"California"},
	"billing_address[zip]":               {"91789"},
	"billing_address[country]":           {"US"},
	"billing_address[validation_status]": {"valid"},

	"entity_identifiers[id][0]":       {"e1"},
	"entity_identifiers[scheme][0]":   {"s1"},
	"entity_identifiers[value][0]":    {"v1"},
	"entity_identifiers[standard][0]": {"st1"},
	"entity_identifiers[scheme][1]":   {"s2"},
	"entity_identifiers[value][1]":    {"v2"},

	"tax_providers_fields[provider_name][0]": {"avalara"},
	"tax_providers_fields[field_id][0]":      {"f1"},
	"tax_providers_fields[field_value][0]":   {"fv1"},

	"cf_gender": {"female"},
}

var wantUpdate = url.Values{
	"first_name":                             {"Jane"},
	"last_name":                              {""},
	"email":                                  {"jane@acme.com"},
	"preferred_currency_code":                {"EUR"},
	"phone":                                  {"555"},
	"company":                                {"Acme GmbH"},
	"auto_collection":                        {"on"},
	"allow_direct_debit":                     {"false"},
	"net_term_days":                          {"0"},
	"taxability":                             {"taxable"},
	"exemption_details":                      {`[]`},
	"customer_type":                          {"residential"},
	"client_profile_id":                      {"cp_2"},
	"taxjar_exemption_category":              {"government"},
	"locale":                                 {"de-DE"},
	"entity_code":                            {"a"},
	"exempt_number":                          {"EX-1"},
	"offline_payment_method":                 {"no_preference"},
	"invoice_notes":                          {"Net 0"},
	"auto_close_invoices":                    {"true"},
	"meta_data":                              {`{"nested":{"a":[1,2]},"note":"<b>&"}`},
	"fraud_flag":                             {"fraudulent"},
	"consolidated_invoicing":                 {"false"},
	"tax_providers_fields[provider_name][0]": {"avalara"},
	"tax_providers_fields[field_id][0]":      {"f1"},
	"tax_providers_fields[field_value][0]":   {"v1"},
	"tax_providers_fields[provider_name][1]": {"vertex"},
	"tax_providers_fields[field_id][1]":      {"f2"},
	"tax_providers_fields[field_value][1]":   {"v2"},
	"cf_tier":                                {"gold"},
}

func fullUpdateRequest() *UpdateRequest {
	return NewUpdateRequest().
		SetFirstName("Jane").
		SetLastName("").
		SetEmail("jane@acme.com").
		SetPreferredCurrencyCode("EUR").
		SetPhone("555").
		SetCompany("Acme GmbH").
		SetAutoCollection(AutoCollectionOn).
		SetAllowDirectDebit(false).
		SetNetTermDays(0).
		SetTaxability(TaxabilityTaxable).
		SetExemptionDetails([]string{}).
		SetCustomerType(CustomerTypeResidential).
		SetClientProfileID("cp_2").
		SetTaxjarExemptionCategory(TaxjarExemptionCategoryGovernment).
		SetLocale("de-DE").
		SetEntityCode(EntityCodeA).
		SetExemptNumber("EX-1").
		SetOfflinePaymentMethod(OfflinePaymentMethodNoPreference).
		SetInvoiceNotes("Net 0").
		SetAutoCloseInvoices(true).
		SetMetaData(chargebee.Metadata{"note": "<b>&", "nested": map[string]any{"a": []int{1, 2}}}).
		SetFraudFlag(FraudFlagFraudulent).
		SetConsolidatedInvoicing(false).
		SetTaxProvidersFields([]TaxProvidersFieldParams{
			*NewTaxProvidersFieldParams().SetProviderName("avalara").SetFieldID("f1").SetFieldValue("v1"),
			*NewTaxProvidersFieldParams().SetProviderName("vertex").SetFieldID("f2").SetFieldValue("v2"),
		}).
		SetCustomField("cf_tier", "gold")
}

var wantUpdatePaymentMethod = url.Values{
	"payment_method[type]":                   {"direct_debit"},
	"payment_method[gateway]":                {"gocardless"},
	"payment_method[gateway_account_id]":     {"gw_gc"},
	"payment_method[reference_id]":           {"MD0001"},
	"payment_method[tmp_token]":              {"tmp_x"},
	"payment_method[issuing_country]":        {"GB"},
	"payment_method[additional_information]": {`{"mandate":"m1"}`},
}

func fullUpdatePaymentMethodRequest() *UpdatePaymentMethodRequest {
	return NewUpdatePaymentMethodRequest().SetPaymentMethod(NewPaymentMethodParams().
		SetType(PaymentMethodTypeDirectDebit).
		SetGateway(GatewayGocardless).
		SetGatewayAccountID("gw_gc").
		SetReferenceID("MD0001").
		SetTmpToken("tmp_x").
		SetIssuingCountry("GB").
		SetAdditionalInformation(map[string]any{"mandate": "m1"}))
}

var wantUpdateBillingInfo = url.Values{
	"vat_number":                             {"FR123"},
	"vat_number_prefix":                      {"FR"},
	"entity_identifier_scheme":               {"0009"},
	"entity_identifier_standard":             {"iso6523"},
	"registered_for_gst":                     {"true"},
	"business_customer_without_vat_number":   {"false"},
	"is_einvoice_enabled":                    {"false"},
	"einvoicing_method":                      {"site_default"},
	"billing_address[first_name]":            {"Marie"},
	"billing_address[last_name]":             {"Curie"},
	"billing_address[email]":                 {"marie@example.fr"},
	"billing_address[company]":               {"Institut"},
	"billing_address[phone]":                 {"+33 1"},
	"billing_address[line1]":                 {"1 rue Pierre et Marie Curie"},
	"billing_address[line2]":                 {"Bat A"},
	"billing_address[line3]":                 {""},
	"billing_address[city]":                  {"Paris"},
	"billing_address[state_code]":            {"75"},
	"billing_address[state]":                 {"Paris"},
	"billing_address[zip]":                   {"75005"},
	"billing_address[country]":               {"FR"},
	"billing_address[validation_status]":     {"not_validated"},
	"entity_identifiers[id][0]":              {"ei_1"},
	"entity_identifiers[scheme][0]":          {"0009"},
	"entity_identifiers[value][0]":           {"123"},
	"entity_identifiers[operation][0]":       {"update"},
	"entity_identifiers[standard][0]":        {"iso6523"},
	"entity_identifiers[id][1]":              {"ei_2"},
	"entity_identifiers[operation][1]":       {"delete"},
	"tax_providers_fields[provider_name][0]": {"avalara"},
	"tax_providers_fields[field_id][0]":      {"f"},
	"tax_providers_fields[field_value][0]":   {"v"},
}

func fullUpdateBillingInfoRequest() *UpdateBillingInfoRequest {
	return NewUpdateBillingInfoRequest().
		SetVatNumber("FR123").
		SetVatNumberPrefix("FR").
		SetEntityIdentifierScheme("0009").
		SetEntityIdentifierStandard("iso6523").
		SetRegisteredForGst(true).
		SetBusinessCustomerWithoutVatNumber(false).
		SetIsEinvoiceEnabled(false).
		SetEinvoicingMethod(EinvoicingMethodSiteDefault).
		SetBillingAddress(NewBillingAddressParams().
			SetFirstName("Marie").
			SetLastName("Curie").
			SetEmail("marie@example.fr").
			SetCompany("Institut").
			SetPhone("+33 1").
			SetLine1("1 rue Pierre et Marie Curie").
			SetLine2("Bat A").
			SetLine3("").
			SetCity("Paris").
			SetStateCode("75").
			SetState("Paris").
			SetZip("75005").
			SetCountry("FR").
			SetValidationStatus(ValidationStatusNotValidated)).
		AddEntityIdentifier(NewBillingInfoEntityIdentifierParams().SetID("ei_1").SetScheme("0009").SetValue("123").SetOperation(EntityIdentifierOperationUpdate).SetStandard("iso6523")).
		AddEntityIdentifier(NewBillingInfoEntityIdentifierParams().SetID("ei_2").SetOperation(EntityIdentifierOperationDelete)).
		AddTaxProvidersField(NewTaxProvidersFieldParams().SetProviderName("avalara").SetFieldID("f").SetFieldValue("v"))
}

var wantAssignPaymentRole = url.Values{
	"payment_source_id": {"pm_2"},
	"role":              {"backup"},
}

var wantRecordExcessPayment = url.Values{
	"comment":                               {"cheque received"},
	"transaction[id]":                       {"txn_ext_1"},
	"transaction[amount]":                   {"5000"},
	"transaction[currency_code]":            {"USD"},
	"transaction[date]":                     {"1700000000"},
	"transaction[payment_method]":           {"check"},
	"transaction[reference_number]":         {"CHK-77"},
	"transaction[custom_payment_method_id]": {"cpm_1"},
}

func fullRecordExcessPaymentRequest() *RecordExcessPaymentRequest {
	return NewRecordExcessPaymentRequest().
		SetComment("cheque received").
		SetTransaction(NewTransactionParams().
			SetID("txn_ext_1").
			SetAmount(5000).
			SetCurrencyCode("USD").
			SetDate(chargebee.Timestamp(1700000000)).
			SetPaymentMethod(TransactionPaymentMethodCheck).
			SetReferenceNumber("CHK-77").
			SetCustomPaymentMethodID("cpm_1"))
}

var wantCollectPayment = url.Values{
	"amount":                                    {"12345"},
	"payment_source_id":                         {"pm_3"},
	"token_id":                                  {"tok_3"},
	"replace_primary_payment_source":            {"true"},
	"retain_payment_source":                     {"false"},
	"payment_initiator":                         {"merchant"},
	"payment_method[type]":                      {"paypal_express_checkout"},
	"payment_method[gateway_account_id]":        {"gw_pp"},
	"payment_method[reference_id]":              {"B-123"},
	"payment_method[tmp_token]":                 {"tmp_pp"},
	"payment_method[additional_information]":    {`{"x":"y"}`},
	"card[gateway_account_id]":                  {"gw_c"},
	"card[first_name]":                          {"Al"},
	"card[last_name]":                           {"Bo"},
	"card[number]":                              {"5555555555554444"},
	"card[expiry_month]":                        {"1"},
	"card[expiry_year]":                         {"2031"},
	"card[cvv]":                                 {"999"},
	"card[preferred_scheme]":                    {"cartes_bancaires"},
	"card[billing_addr1]":                       {"a1"},
	"card[billing_addr2]":                       {"a2"},
	"card[billing_city]":                        {"c"},
	"card[billing_state_code]":                  {"sc"},
	"card[billing_state]":                       {"s"},
	"card[billing_zip]":                         {"z"},
	"card[billing_country]":                     {"FR"},
	"card[additional_information]":              {`{"3ds":false}`},
	"payment_intent[id]":                        {"pi_9"},
	"payment_intent[gateway_account_id]":        {"gw_pi"},
	"payment_intent[gw_token]":                  {"gwt_9"},
	"payment_intent[payment_method_type]":       {"boleto"},
	"payment_intent[gw_payment_method_id]":      {"gwpm_9"},
	"payment_intent[reference_id]":              {"ref_9"},
	"payment_intent[additional_information]":    {`{"n":2}`},
	"invoice_allocations[invoice_id][0]":        {"inv_1"},
	"invoice_allocations[allocation_amount][0]": {"10000"},
	"invoice_allocations[invoice_id][1]":        {"inv_2"},
}

func fullCollectPaymentRequest() *CollectPaymentRequest {
	return NewCollectPaymentRequest().
		SetAmount(12345).
		SetPaymentSourceID("pm_3").
		SetTokenID("tok_3").
		SetReplacePrimaryPaymentSource(true).
		SetRetainPaymentSource(false).
		SetPaymentInitiator(PaymentInitiatorMerchant).
		SetPaymentMethod(NewCollectPaymentMethodParams().
			SetType(PaymentMethodTypePaypalExpressCheckout).
			SetGatewayAccountID("gw_pp").
			SetReferenceID("B-123").
			SetTmpToken("tmp_pp").
			SetAdditionalInformation(map[string]any{"x": "y"})).
		SetCard(NewCollectPaymentCardParams().
			SetGatewayAccountID("gw_c").
			SetFirstName("Al").
			SetLastName("Bo").
			SetNumber("5555555555554444").
			SetExpiryMonth(1).
			SetExpiryYear(2031).
			SetCVV("999").
			SetPreferredScheme(CardPreferredSchemeCartesBancaires).
			SetBillingAddr1("a1").
			SetBillingAddr2("a2").
			SetBillingCity("c").
			SetBillingStateCode("sc").
			SetBillingState("s").
			SetBillingZip("z").
			SetBillingCountry("FR").
			SetAdditionalInformation(map[string]any{"3ds": false})).
		SetPaymentIntent(NewPaymentIntentParams().
			SetID("pi_9").
			SetGatewayAccountID("gw_pi").
			SetGwToken("gwt_9").
			SetPaymentMethodType(PaymentMethodTypeBoleto).
			SetGwPaymentMethodID("gwpm_9").
			SetReferenceID("ref_9").
			SetAdditionalInformation(map[string]any{"n": 2})).
		AddInvoiceAllocation(NewInvoiceAllocationParams().SetInvoiceID("inv_1").SetAllocationAmount(10000)).
		AddInvoiceAllocation(NewInvoiceAllocationParams().SetInvoiceID("inv_2"))
}

var wantChangeBillingDate = url.Values{
	"billing_date":             {"31"},
	"billing_month":            {"2"},
	"billing_date_mode":        {"manually_set"},
	"billing_day_of_week":      {"friday"},
	"billing_day_of_week_mode": {"using_defaults"},
}

// wantList sets every list parameter and every filter operator key of
// catalog action 2.
var wantList = url.Values{
	"limit":           {"100"},
	"offset":          {"off_1"},
	"include_deleted": {"true"},

	"id[is]":          {"a"},
	"id[is_not]":      {"b"},
	"id[starts_with]": {"c"},
	"id[in]":          {`["a","b"]`},
	"id[not_in]":      {`["c"]`},

	"first_name[is]":          {"John"},
	"first_name[is_not]":      {"Jim"},
	"first_name[starts_with]": {"Jo"},
	"first_name[is_present]":  {"true"},
	"last_name[is]":           {"Doe"},
	"last_name[is_not]":       {"Roe"},
	"last_name[starts_with]":  {"D"},
	"last_name[is_present]":   {"false"},
	"email[is]":               {"john@acme.com"},
	"email[is_not]":           {"x@acme.com"},
	"email[starts_with]":      {"john"},
	"email[is_present]":       {"true"},
	"company[is]":             {"Acme"},
	"company[is_not]":         {"Other"},
	"company[starts_with]":    {"Ac"},
	"company[is_present]":     {"true"},
	"phone[is]":               {"555"},
	"phone[is_not]":           {"556"},
	"phone[starts_with]":      {"+1"},
	"phone[is_present]":       {"false"},

	"auto_collection[is]":     {"on"},
	"auto_collection[is_not]": {"off"},
	"auto_collection[in]":     {`["on"]`},
	"auto_collection[not_in]": {`["off"]`},
	"taxability[is]":          {"taxable"},
	"taxability[is_not]":      {"exempt"},
	"taxability[in]":          {`["taxable","exempt"]`},
	"taxability[not_in]":      {`[]`},

	"created_at[after]":   {"1600000000"},
	"created_at[before]":  {"1800000000"},
	"created_at[on]":      {"1700000000"},
	"created_at[between]": {"[1600000000,1700000000]"},
	"updated_at[after]":   {"1600000001"},
	"updated_at[before]":  {"1800000001"},
	"updated_at[on]":      {"1700000001"},
	"updated_at[between]": {"[1600000001,1700000001]"},

	"offline_payment_method[is]":     {"cash"},
	"offline_payment_method[is_not]": {"check"},
	"offline_payment_method[in]":     {`["cash","check"]`},
	"offline_payment_method[not_in]": {`["boleto"]`},
	"auto_close_invoices[is]":        {"false"},
	"channel[is]":                    {"web"},
	"channel[is_not]":                {"app_store"},
	"channel[in]":                    {`["web","play_store"]`},
	"channel[not_in]":                {`["app_store"]`},
	"business_entity_id[is]":         {"be_1"},
	"sort_by[asc]":                   {"created_at"},

	"relationship[parent_id][is]":                 {"p1"},
	"relationship[parent_id][is_not]":             {"p2"},
	"relationship[parent_id][starts_with]":        {"p"},
	"relationship[payment_owner_id][is]":          {"o1"},
	"relationship[payment_owner_id][is_not]":      {"o2"},
	"relationship[payment_owner_id][starts_with]": {"o"},
	"relationship[invoice_owner_id][is]":          {"i1"},
	"relationship[invoice_owner_id][is_not]":      {"i2"},
	"relationship[invoice_owner_id][starts_with]": {"i"},
}

var wantListDesc = url.Values{"sort_by[desc]": {"updated_at"}}

func fullListRequest() *ListRequest {
	yes, no := true, false
	return NewListRequest().
		SetLimit(100).
		SetOffset("off_1").
		SetIncludeDeleted(true).
		SetID(chargebee.StringFilter{Is: "a", IsNot: "b", StartsWith: "c", In: []string{"a", "b"}, NotIn: []string{"c"}}).
		SetFirstName(chargebee.StringFilter{Is: "John", IsNot: "Jim", StartsWith: "Jo", IsPresent: &yes}).
		SetLastName(chargebee.StringFilter{Is: "Doe", IsNot: "Roe", StartsWith: "D", IsPresent: &no}).
		SetEmail(chargebee.StringFilter{Is: "john@acme.com", IsNot: "x@acme.com", StartsWith: "john", IsPresent: &yes}).
		SetCompany(chargebee.StringFilter{Is: "Acme", IsNot: "Other", StartsWith: "Ac", IsPresent: &yes}).
		SetPhone(chargebee.StringFilter{Is: "555", IsNot: "556", StartsWith: "+1", IsPresent: &no}).
		SetAutoCollection(chargebee.EnumFilter{Is: "on", IsNot: "off", In: []string{"on"}, NotIn: []string{"off"}}).
		SetTaxability(chargebee.EnumFilter{Is: "taxable", IsNot: "exempt", In: []string{"taxable", "exempt"}, NotIn: []string{}}).
		SetCreatedAt(chargebee.TimestampFilter{After: 1600000000, Before: 1800000000, On: 1700000000, Between: [2]chargebee.Timestamp{1600000000, 1700000000}}).
		SetUpdatedAt(chargebee.TimestampFilter{After: 1600000001, Before: 1800000001, On: 1700000001, Between: [2]chargebee.Timestamp{1600000001, 1700000001}}).
		SetOfflinePaymentMethod(chargebee.EnumFilter{Is: "cash", IsNot: "check", In: []string{"cash", "check"}, NotIn: []string{"boleto"}}).
		SetAutoCloseInvoices(chargebee.BoolFilter{Is: &no}).
		SetChannel(chargebee.EnumFilter{Is: "web", IsNot: "app_store", In: []string{"web", "play_store"}, NotIn: []string{"app_store"}}).
		SetBusinessEntityID(chargebee.StringFilter{Is: "be_1"}).
		SetSortBy(chargebee.SortAsc("created_at")).
		SetRelationship(NewRelationshipFilter().
			SetParentID(chargebee.StringFilter{Is: "p1", IsNot: "p2", StartsWith: "p"}).
			SetPaymentOwnerID(chargebee.StringFilter{Is: "o1", IsNot: "o2", StartsWith: "o"}).
			SetInvoiceOwnerID(chargebee.StringFilter{Is: "i1", IsNot: "i2", StartsWith: "i"}))
}

// TestActionsWire calls every action with every parameter and checks the
// method, escaped path and the exact set of keys and values sent.
func TestActionsWire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	runWireCases(t, []wireCase{
		{"create", customerCardBody, func(s *Service) error {
			res, err := s.Create(ctx, fullCreateRequest())
			if err == nil && (res.Customer.ID != "cus_1" || res.Card.Last4 != "1111") {
				t.Errorf("create result = %+v", res)
			}
			return err
		}, http.MethodPost, "/api/v2/customers", wantCreate},
		{"list", `{"list":[{"customer":{"id":"cus_1"}}]}`, func(s *Service) error {
			_, err := s.ListPage(ctx, fullListRequest())
			return err
		}, http.MethodGet, "/api/v2/customers", wantList},
		{"list sorted descending", `{"list":[]}`, func(s *Service) error {
			_, err := s.ListPage(ctx, NewListRequest().SetSortBy(chargebee.SortDesc("updated_at")))
			return err
		}, http.MethodGet, "/api/v2/customers", wantListDesc},
		{"list without request", `{"list":[]}`, func(s *Service) error {
			_, err := s.ListPage(ctx, nil)
			return err
		}, http.MethodGet, "/api/v2/customers", url.Values{}},
		{"create without request", customerBody, func(s *Service) error {
			_, err := s.Create(ctx, nil)
			return err
		}, http.MethodPost, "/api/v2/customers", url.Values{}},
		{"retrieve", customerCardBody, func(s *Service) error {
			_, err := s.Retrieve(ctx, escapingID)
			return err
		}, http.MethodGet, "/api/v2/customers/" + escapedID, url.Values{}},
		{"update", customerBody, func(s *Service) error {
			_, err := s.Update(ctx, escapingID, fullUpdateRequest())
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID, wantUpdate},
		{"update_payment_method", customerCardBody, func(s *Service) error {
			_, err := s.UpdatePaymentMethod(ctx, escapingID, fullUpdatePaymentMethodRequest())
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/update_payment_method", wantUpdatePaymentMethod},
		{"update_billing_info", customerBody, func(s *Service) error {
			_, err := s.UpdateBillingInfo(ctx, escapingID, fullUpdateBillingInfoRequest())
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/update_billing_info", wantUpdateBillingInfo},
		{"assign_payment_role", paymentSourceBody, func(s *Service) error {
			res, err := s.AssignPaymentRole(ctx, escapingID, NewAssignPaymentRoleRequest().SetPaymentSourceID("pm_2").SetRole(PaymentRoleBackup))
			if err == nil && (res.PaymentSource.ID != "pm_1" || res.PaymentSource.Card.Last4 != "1111") {
				t.Errorf("assign_payment_role result = %+v", res.PaymentSource)
			}
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/assign_payment_role", wantAssignPaymentRole},
		{"record_excess_payment", transactionBody, func(s *Service) error {
			res, err := s.RecordExcessPayment(ctx, escapingID, fullRecordExcessPaymentRequest())
			if err == nil && (res.Transaction.Amount != 5000 || res.Transaction.Status != TransactionStatusSuccess || res.Customer.ExcessPayments != 5000) {
				t.Errorf("record_excess_payment result = %+v", res.Transaction)
			}
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/record_excess_payment", wantRecordExcessPayment},
		{"collect_payment", transactionBody, func(s *Service) error {
			res, err := s.CollectPayment(ctx, escapingID, fullCollectPaymentRequest())
			if err == nil && (res.Transaction.ID != "txn_1" || len(res.Transaction.LinkedInvoices) != 1) {
				t.Errorf("collect_payment result = %+v", res.Transaction)
			}
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/collect_payment", wantCollectPayment},
		{"delete", customerCardBody, func(s *Service) error {
			_, err := s.Delete(ctx, escapingID, NewDeleteRequest().SetDeletePaymentMethod(false))
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/delete", url.Values{"delete_payment_method": {"false"}}},
		{"move", migrationBody, func(s *Service) error {
			res, err := s.Move(ctx, NewMoveRequest().SetIDAtFromSite("cus_old").SetFromSite("acme-old"))
			if err == nil && (res.ResourceMigration.Status != ResourceMigrationStatusScheduled || res.ResourceMigration.EntityID != "cus_old") {
				t.Errorf("move result = %+v", res.ResourceMigration)
			}
			return err
		}, http.MethodPost, "/api/v2/customers/move", url.Values{"id_at_from_site": {"cus_old"}, "from_site": {"acme-old"}}},
		{"change_billing_date", customerBody, func(s *Service) error {
			_, err := s.ChangeBillingDate(ctx, escapingID, NewChangeBillingDateRequest().
				SetBillingDate(31).SetBillingMonth(2).SetBillingDateMode(BillingDateModeManuallySet).
				SetBillingDayOfWeek(BillingDayOfWeekFriday).SetBillingDayOfWeekMode(BillingDayOfWeekModeUsingDefaults))
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/change_billing_date", wantChangeBillingDate},
		{"merge", customerBody, func(s *Service) error {
			_, err := s.Merge(ctx, NewMergeRequest().SetFromCustomerID("cus_a").SetToCustomerID("cus_b"))
			return err
		}, http.MethodPost, "/api/v2/customers/merge", url.Values{"from_customer_id": {"cus_a"}, "to_customer_id": {"cus_b"}}},
		{"clear_personal_data", customerBody, func(s *Service) error {
			_, err := s.ClearPersonalData(ctx, escapingID)
			return err
		}, http.MethodPost, "/api/v2/customers/" + escapedID + "/clear_personal_data", url.Values{}},
	})
}

// wireCase is one call, the body the mock answers it with, and the
// request it must send.
type wireCase struct {
	name   string
	body   string
	call   func(s *Service) error
	method string
	path   string
	want   url.Values
}

// runWireCases makes each call against a mock answering 200 and checks it
// sent one request with the method, path and exact values of its case.
func runWireCases(t *testing.T, tests []wireCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, mt, rec := newMock(t, 200, tt.body)
			if err := tt.call(s); err != nil {
				t.Fatalf("call: %v", err)
			}
			if n := mt.GetTotalCallCount(); n != 1 {
				t.Fatalf("%d calls, want 1", n)
			}
			got := rec.Last()
			if got.Method != tt.method || got.Path != tt.path {
				t.Errorf("sent %s %s, want %s %s", got.Method, got.Path, tt.method, tt.path)
			}
			sent := got.Form
			if tt.method == http.MethodGet {
				sent = got.Query
				if len(got.Form) != 0 {
					t.Errorf("GET sent a body: %v", got.Form)
				}
			} else {
				if len(got.Query) != 0 {
					t.Errorf("POST sent a query: %v", got.Query)
				}
				if ct := got.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
			}
			assertValues(t, sent, tt.want)
		})
	}
}

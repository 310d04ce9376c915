package customer

// Benchmarks of the customer package against the floor: hand-written
// net/http + encoding/json code doing the same request, in the same run, on
// an httptest server on 127.0.0.1 with keep-alive. Every pair is named
// impl=baseline and impl=sdk so that
//
//	benchstat -col /impl bench.txt
//
// prints the SDK's cost as a ratio of the baseline. Run them with
//
//	go test -run='^$' -bench=. -benchmem -count=6 ./customer/ | tee bench.txt

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const (
	benchKey       = "test_bench_key"
	benchUserAgent = "bench-baseline/1.0"
)

var benchAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte(benchKey+":"))

// fullCustomerJSON is testdata/v2_retrieve_full.json compacted: a customer
// with every attribute of the model (and custom fields and an unknown
// attribute) plus its card with every attribute.
var fullCustomerJSON = sync.OnceValue(func() []byte {
	raw, err := os.ReadFile("testdata/v2_retrieve_full.json")
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// fullListEntry is one list entry with every attribute present, with its
// ids made unique by i.
func fullListEntry(i int) []byte {
	return bytes.ReplaceAll(fullCustomerJSON(), []byte(`"cus_full"`), []byte(fmt.Sprintf(`"cus_%05d"`, i)))
}

// typicalListEntry is one list entry shaped like the customers most sites
// have: names, e-mail, an address, one balance, meta data, two custom fields
// and a card.
func typicalListEntry(i int) []byte {
	return []byte(fmt.Sprintf(`{"customer":{"id":"cus_%05d","first_name":"John","last_name":"Doe","email":"john%d@acme.com",`+
		`"auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"updated_at":1700000100,`+
		`"resource_version":1700000100000,"taxability":"taxable","pii_cleared":"active","channel":"web","card_status":"valid",`+
		`"promotional_credits":0,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"preferred_currency_code":"USD",`+
		`"billing_address":{"first_name":"John","last_name":"Doe","line1":"PO Box 9999","city":"Walnut","state_code":"CA",`+
		`"state":"California","country":"US","zip":"91789","validation_status":"not_validated","object":"billing_address"},`+
		`"balances":[{"promotional_credits":0,"excess_payments":0,"refundable_credits":0,"unbilled_charges":0,`+
		`"currency_code":"USD","balance_currency_code":"USD","object":"customer_balance"}],`+
		`"meta_data":{"tier":"gold"},"deleted":false,"object":"customer","cf_plan":"gold","cf_seats":%d},`+
		`"card":{"payment_source_id":"pm_%05d","status":"valid","gateway":"stripe","iin":"411111","last4":"1111",`+
		`"card_type":"visa","funding_type":"credit","expiry_month":12,"expiry_year":2030,"created_at":1700000000,`+
		`"customer_id":"cus_%05d","masked_number":"************1111","object":"card"}}`, i, i, i, i, i))
}

// listItems returns `{"list":[` and n entries, without the closing `]`.
func listItems(n int, entry func(int) []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"list":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(entry(i))
	}
	return b.Bytes()
}

// listPage returns a complete list page of n entries with a next offset.
func listPage(n int, entry func(int) []byte) []byte {
	return append(listItems(n, entry), `],"next_offset":"[\"1700000000000\",\"294000000100\"]"}`...)
}

// benchListener is an httptest server on 127.0.0.1 that counts the TCP
// connections it accepts.
type benchServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newBenchServer(tb testing.TB, h http.HandlerFunc) *benchServer {
	tb.Helper()
	s := &benchServer{Server: httptest.NewUnstartedServer(h)}
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

// benchClient returns a client with the SDK's defaults (pooled transport,
// three retries, idempotency keys, validation) pointed at srv.
func benchClient(tb testing.TB, srv *benchServer) *Service {
	tb.Helper()
	cb, err := chargebee.NewClient("acme-test", benchKey, chargebee.WithBaseURL(srv.URL))
	if err != nil {
		tb.Fatal(err)
	}
	return NewService(cb)
}

// plainEntryType and plainPageType are what the hand-written baseline
// decodes a response into: ListEntry and a page of them as plain structs
// with the same fields, without any decode method (so custom fields are
// dropped). They are encoding/json's floor, not the SDK's own types.
var (
	plainEntryType = testutil.PlainType(reflect.TypeFor[ListEntry]())
	plainPageType  = testutil.PlainType(reflect.TypeFor[chargebee.Page[ListEntry]]())
)

// plainID returns the customer id of a plain entry (a struct of
// plainEntryType).
func plainID(entry reflect.Value) string { return entry.Field(0).Elem().Field(0).String() }

// plainItems returns the entries and the next offset of a plain page.
func plainItems(page reflect.Value) (reflect.Value, string) {
	return page.Elem().Field(0), page.Elem().Field(1).String()
}

// baselineHTTPClient is what a careful hand-written client uses: the
// default transport with enough idle connections per host for its
// goroutines.
func baselineHTTPClient(tb testing.TB) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	tb.Cleanup(t.CloseIdleConnections)
	return &http.Client{Transport: t, Timeout: time.Minute}
}

// baselineDo sends req and decodes a 200 JSON response into out.
func baselineDo(hc *http.Client, req *http.Request, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body) // so that the connection is reused
	return err
}

// ---------------------------------------------------------------------
// 1. Create with 30 parameters, full round trip.

// create30 builds the 30-parameter create request: 16 top-level scalars,
// meta_data, 11 billing address fields and two custom fields.
func create30() *CreateRequest {
	return NewCreateRequest().
		SetID("cus_bench_1").
		SetFirstName("John").
		SetLastName("Doe").
		SetEmail("john.doe@acme.com").
		SetPhone("+1 555 0100").
		SetCompany("Acme Inc").
		SetAutoCollection(AutoCollectionOn).
		SetNetTermDays(30).
		SetAllowDirectDebit(true).
		SetVatNumber("123456789").
		SetTaxability(TaxabilityTaxable).
		SetLocale("en-US").
		SetPreferredCurrencyCode("USD").
		SetInvoiceNotes("Thank you for your business").
		SetAutoCloseInvoices(false).
		SetConsolidatedInvoicing(true).
		SetMetaData(chargebee.Metadata{"plan": "gold", "seats": 5, "features": []any{"sso", "audit"}}).
		SetBillingAddress(NewBillingAddressParams().
			SetFirstName("John").
			SetLastName("Doe").
			SetEmail("billing@acme.com").
			SetCompany("Acme Inc").
			SetPhone("+1 555 0101").
			SetLine1("PO Box 9999").
			SetLine2("Suite 100").
			SetCity("Walnut").
			SetStateCode("CA").
			SetZip("91789").
			SetCountry("US")).
		SetCustomField("cf_gender", "female").
		SetCustomField("cf_segment", "enterprise")
}

// create30Values is create30 written by hand as form values.
func create30Values() (url.Values, error) {
	meta, err := json.Marshal(map[string]any{"plan": "gold", "seats": 5, "features": []any{"sso", "audit"}})
	if err != nil {
		return nil, err
	}
	v := make(url.Values, 30)
	v.Set("id", "cus_bench_1")
	v.Set("first_name", "John")
	v.Set("last_name", "Doe")
	v.Set("email", "john.doe@acme.com")
	v.Set("phone", "+1 555 0100")
	v.Set("company", "Acme Inc")
	v.Set("auto_collection", "on")
	v.Set("net_term_days", strconv.Itoa(30))
	v.Set("allow_direct_debit", strconv.FormatBool(true))
	v.Set("vat_number", "123456789")
	v.Set("taxability", "taxable")
	v.Set("locale", "en-US")
	v.Set("preferred_currency_code", "USD")
	v.Set("invoice_notes", "Thank you for your business")
	v.Set("auto_close_invoices", strconv.FormatBool(false))
	v.Set("consolidated_invoicing", strconv.FormatBool(true))
	v.Set("meta_data", string(meta))
	v.Set("billing_address[first_name]", "John")
	v.Set("billing_address[last_name]", "Doe")
	v.Set("billing_address[email]", "billing@acme.com")
	v.Set("billing_address[company]", "Acme Inc")
	v.Set("billing_address[phone]", "+1 555 0101")
	v.Set("billing_address[line1]", "PO Box 9999")
	v.Set("billing_address[line2]", "Suite 100")
	v.Set("billing_address[city]", "Walnut")
	v.Set("billing_address[state_code]", "CA")
	v.Set("billing_address[zip]", "91789")
	v.Set("billing_address[country]", "US")
	v.Set("cf_gender", "female")
	v.Set("cf_segment", "enterprise")
	return v, nil
}

// createServer answers POST /api/v2/customers with the full customer after
// parsing the form, and remembers how many keys the last form had.
func createServer(tb testing.TB) (*benchServer, *atomic.Int64) {
	body := fullCustomerJSON()
	var keys atomic.Int64
	srv := newBenchServer(tb, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v2/customers" || r.Header.Get("Authorization") != benchAuth {
			http.Error(w, `{"message":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, `{"message":"bad form"}`, http.StatusBadRequest)
			return
		}
		keys.Store(int64(len(r.PostForm)))
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		_, _ = w.Write(body)
	})
	return srv, &keys
}

// BenchmarkCreate is a full Create round trip with 30 parameters.
func BenchmarkCreate(b *testing.B) {
	srv, keys := createServer(b)
	ctx := context.Background()
	b.Run("impl=baseline", func(b *testing.B) {
		hc := baselineHTTPClient(b)
		endpoint := srv.URL + "/api/v2/customers"
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			v, err := create30Values()
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(v.Encode()))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", benchAuth)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", benchUserAgent)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			req.Header.Set("Chargebee-Idempotency-Key", benchUUID())
			out := reflect.New(plainEntryType)
			if err := baselineDo(hc, req, out.Interface()); err != nil {
				b.Fatal(err)
			}
			if id := plainID(out.Elem()); id != "cus_full" {
				b.Fatal(id)
			}
		}
		if keys.Load() != 30 {
			b.Fatalf("server saw %d form keys, want 30", keys.Load())
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		s := benchClient(b, srv)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			res, err := s.Create(ctx, create30())
			if err != nil {
				b.Fatal(err)
			}
			if res.Customer.ID != "cus_full" {
				b.Fatal(res.Customer.ID)
			}
		}
		if keys.Load() != 30 {
			b.Fatalf("server saw %d form keys, want 30", keys.Load())
		}
	})
}

// benchUUID is a hand-written UUID v4, as a baseline client would make one.
func benchUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	const hexdig = "0123456789abcdef"
	j := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hexdig[c>>4], hexdig[c&0x0f]
		j += 2
	}
	return string(s[:])
}

// ---------------------------------------------------------------------
// 2. ListPage of 100 customers, round trip and decode.

// BenchmarkListPage fetches and decodes one page of 100 customers: "full"
// has every attribute of the customer and its card (about 470 KB of JSON),
// "typical" the attributes most customers have (about 124 KB).
func BenchmarkListPage(b *testing.B) {
	ctx := context.Background()
	for _, pc := range []struct {
		name  string
		entry func(int) []byte
	}{{"full", fullListEntry}, {"typical", typicalListEntry}} {
		body := listPage(100, pc.entry)
		srv := newBenchServer(b, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/api/v2/customers" || r.URL.Query().Get("limit") != "100" || r.Header.Get("Authorization") != benchAuth {
				http.Error(w, `{"message":"unexpected request"}`, http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			_, _ = w.Write(body)
		})
		b.Run("page="+pc.name+"/impl=baseline", func(b *testing.B) {
			hc := baselineHTTPClient(b)
			endpoint := srv.URL + "/api/v2/customers?limit=100"
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
				if err != nil {
					b.Fatal(err)
				}
				req.Header.Set("Authorization", benchAuth)
				req.Header.Set("Accept", "application/json")
				req.Header.Set("User-Agent", benchUserAgent)
				page := reflect.New(plainPageType)
				if err := baselineDo(hc, req, page.Interface()); err != nil {
					b.Fatal(err)
				}
				if items, next := plainItems(page); items.Len() != 100 || next == "" {
					b.Fatal(items.Len())
				}
			}
		})
		b.Run("page="+pc.name+"/impl=sdk", func(b *testing.B) {
			s := benchClient(b, srv)
			req := NewListRequest().SetLimit(100)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				page, err := s.ListPage(ctx, req)
				if err != nil {
					b.Fatal(err)
				}
				if len(page.Items) != 100 || page.NextOffset == "" {
					b.Fatal(len(page.Items))
				}
			}
		})
	}
}

// BenchmarkDecodeListPage isolates decoding a page from the network: the
// SDK's decoding as Client.Do runs it, against json.Unmarshal into a plain
// struct with the same fields and no custom decoding (which drops custom
// fields).
func BenchmarkDecodeListPage(b *testing.B) {
	for _, pc := range []struct {
		name  string
		entry func(int) []byte
	}{{"full", fullListEntry}, {"typical", typicalListEntry}} {
		body := listPage(100, pc.entry)
		b.Run("page="+pc.name+"/impl=baseline", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p := reflect.New(plainPageType)
				if err := json.Unmarshal(body, p.Interface()); err != nil {
					b.Fatal(err)
				}
				if items, _ := plainItems(p); items.Len() != 100 {
					b.Fatal(items.Len())
				}
			}
		})
		b.Run("page="+pc.name+"/impl=sdk", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p, err := decodeListEntryPage(body)
				if err != nil || len(p.Items) != 100 {
					b.Fatal(err)
				}
				if err := api.CheckEntries("customer.list", p.Items, (*ListEntry).missing); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// modelFloorSink keeps BenchmarkListPageModelFloor's pages reachable, so
// that the compiler cannot drop or stack-allocate what it builds.
var modelFloorSink []ListEntry

// BenchmarkListPageModelFloor allocates only what a typical page must hold
// with today's public types, and nothing else: for each of 100 entries a
// Customer, its Card, its BillingAddress, its one Balance, and its two
// maps (one meta data key, two custom fields) holding constants. It copies
// no string, boxes no value and reads no response, so its bytes per call
// are a lower bound on what decoding a typical page can allocate.
func BenchmarkListPageModelFloor(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		page := make([]ListEntry, 100)
		for j := range page {
			page[j] = ListEntry{
				Customer: &Customer{
					BillingAddress: &BillingAddress{},
					Balances:       make([]Balance, 1),
					MetaData:       chargebee.Metadata{"tier": "gold"},
					CustomFields:   map[string]any{"cf_plan": "gold", "cf_seats": 1.0},
				},
				Card: &Card{},
			}
		}
		modelFloorSink = page
	}
	if len(modelFloorSink) != 100 || len(modelFloorSink[99].Customer.CustomFields) != 2 {
		b.Fatal("floor page not built")
	}
}

// ---------------------------------------------------------------------
// 3. Encoding the full create request.

// create105 sets every one of the 105 parameters of customer.create.
func create105() *CreateRequest {
	return &CreateRequest{
		ID:                               chargebee.String("cus_bench_1"),
		FirstName:                        chargebee.String("John"),
		LastName:                         chargebee.String("Doe"),
		Email:                            chargebee.String("john.doe@acme.com"),
		PreferredCurrencyCode:            chargebee.String("USD"),
		Phone:                            chargebee.String("+1 555 0100"),
		Company:                          chargebee.String("Acme Inc"),
		AutoCollection:                   chargebee.Ptr(AutoCollectionOn),
		NetTermDays:                      chargebee.Int32(30),
		AllowDirectDebit:                 chargebee.Bool(true),
		VatNumber:                        chargebee.String("123456789"),
		VatNumberPrefix:                  chargebee.String("XI"),
		EntityIdentifierScheme:           chargebee.String("0088"),
		EntityIdentifierStandard:         chargebee.String("iso6523-actorid-upis"),
		RegisteredForGst:                 chargebee.Bool(true),
		IsEinvoiceEnabled:                chargebee.Bool(true),
		EinvoicingMethod:                 chargebee.Ptr(EinvoicingMethodAutomatic),
		Taxability:                       chargebee.Ptr(TaxabilityExempt),
		ExemptionDetails:                 []string{"federal", "state"},
		CustomerType:                     chargebee.Ptr(CustomerTypeBusiness),
		ClientProfileID:                  chargebee.String("cp_1"),
		TaxjarExemptionCategory:          chargebee.Ptr(TaxjarExemptionCategoryWholesale),
		BusinessCustomerWithoutVatNumber: chargebee.Bool(false),
		Locale:                           chargebee.String("en-US"),
		EntityCode:                       chargebee.Ptr(EntityCodeA),
		ExemptNumber:                     chargebee.String("EX-42"),
		MetaData:                         chargebee.Metadata{"plan": "gold", "seats": 5},
		OfflinePaymentMethod:             chargebee.Ptr(OfflinePaymentMethodCash),
		AutoCloseInvoices:                chargebee.Bool(false),
		ConsolidatedInvoicing:            chargebee.Bool(true),
		TokenID:                          chargebee.String("tok_1"),
		BusinessEntityID:                 chargebee.String("be_us"),
		CreatedFromIP:                    chargebee.String("203.0.113.7"),
		InvoiceNotes:                     chargebee.String("Thank you"),
		Card: &CardParams{
			Gateway:               chargebee.Ptr(GatewayChargebee),
			GatewayAccountID:      chargebee.String("gw_1"),
			TmpToken:              chargebee.String("tmp_1"),
			FirstName:             chargebee.String("John"),
			LastName:              chargebee.String("Doe"),
			Number:                chargebee.String("4111111111111111"),
			ExpiryMonth:           chargebee.Int32(12),
			ExpiryYear:            chargebee.Int32(2030),
			CVV:                   chargebee.String("100"),
			PreferredScheme:       chargebee.Ptr(CardPreferredSchemeVisa),
			BillingAddr1:          chargebee.String("PO Box 9999"),
			BillingAddr2:          chargebee.String("Suite 100"),
			BillingCity:           chargebee.String("Walnut"),
			BillingStateCode:      chargebee.String("CA"),
			BillingState:          chargebee.String("California"),
			BillingZip:            chargebee.String("91789"),
			BillingCountry:        chargebee.String("US"),
			IPAddress:             chargebee.String("203.0.113.8"),
			AdditionalInformation: map[string]any{"source": "web"},
		},
		BankAccount: &BankAccountParams{
			GatewayAccountID:      chargebee.String("gw_2"),
			IBAN:                  chargebee.String("DE89370400440532013000"),
			FirstName:             chargebee.String("John"),
			LastName:              chargebee.String("Doe"),
			Company:               chargebee.String("Acme Inc"),
			Email:                 chargebee.String("bank@acme.com"),
			Phone:                 chargebee.String("+1 555 0102"),
			BankName:              chargebee.String("Acme Bank"),
			AccountNumber:         chargebee.String("0532013000"),
			RoutingNumber:         chargebee.String("110000000"),
			BankCode:              chargebee.String("37040044"),
			AccountType:           chargebee.Ptr(BankAccountTypeChecking),
			AccountHolderType:     chargebee.Ptr(AccountHolderTypeCompany),
			EcheckType:            chargebee.Ptr(EcheckTypeWeb),
			IssuingCountry:        chargebee.String("DE"),
			SwedishIdentityNumber: chargebee.String("8112189876"),
			BillingAddress:        map[string]any{"line1": "PO Box 9999", "country": "US"},
		},
		PaymentMethod: &PaymentMethodParams{
			Type:                  chargebee.Ptr(PaymentMethodTypeCard),
			Gateway:               chargebee.Ptr(GatewayChargebee),
			GatewayAccountID:      chargebee.String("gw_3"),
			ReferenceID:           chargebee.String("ref_1"),
			TmpToken:              chargebee.String("tmp_2"),
			IssuingCountry:        chargebee.String("US"),
			AdditionalInformation: map[string]any{"device": "d1"},
		},
		PaymentIntent: &PaymentIntentParams{
			ID:                    chargebee.String("pi_1"),
			GatewayAccountID:      chargebee.String("gw_4"),
			GwToken:               chargebee.String("gwt_1"),
			PaymentMethodType:     chargebee.Ptr(PaymentMethodTypeCard),
			ReferenceID:           chargebee.String("ref_2"),
			GwPaymentMethodID:     chargebee.String("gpm_1"),
			AdditionalInformation: map[string]any{"flow": "3ds"},
		},
		BillingAddress: &BillingAddressParams{
			FirstName:        chargebee.String("John"),
			LastName:         chargebee.String("Doe"),
			Email:            chargebee.String("billing@acme.com"),
			Company:          chargebee.String("Acme Inc"),
			Phone:            chargebee.String("+1 555 0101"),
			Line1:            chargebee.String("PO Box 9999"),
			Line2:            chargebee.String("Suite 100"),
			Line3:            chargebee.String("Door 3"),
			City:             chargebee.String("Walnut"),
			StateCode:        chargebee.String("CA"),
			State:            chargebee.String("California"),
			Zip:              chargebee.String("91789"),
			Country:          chargebee.String("US"),
			ValidationStatus: chargebee.Ptr(ValidationStatusValid),
		},
		EntityIdentifiers: []EntityIdentifierParams{{
			ID:       chargebee.String("ei_1"),
			Scheme:   chargebee.String("0088"),
			Value:    chargebee.String("5790000435975"),
			Standard: chargebee.String("iso6523-actorid-upis"),
		}},
		TaxProvidersFields: []TaxProvidersFieldParams{{
			ProviderName: chargebee.String("avalara"),
			FieldID:      chargebee.String("usage_type"),
			FieldValue:   chargebee.String("G"),
		}},
	}
}

// create105Values writes the same 105 parameters by hand.
func create105Values() (url.Values, error) {
	jsonText := func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	}
	v := make(url.Values, 105)
	v.Set("id", "cus_bench_1")
	v.Set("first_name", "John")
	v.Set("last_name", "Doe")
	v.Set("email", "john.doe@acme.com")
	v.Set("preferred_currency_code", "USD")
	v.Set("phone", "+1 555 0100")
	v.Set("company", "Acme Inc")
	v.Set("auto_collection", "on")
	v.Set("net_term_days", strconv.Itoa(30))
	v.Set("allow_direct_debit", strconv.FormatBool(true))
	v.Set("vat_number", "123456789")
	v.Set("vat_number_prefix", "XI")
	v.Set("entity_identifier_scheme", "0088")
	v.Set("entity_identifier_standard", "iso6523-actorid-upis")
	v.Set("registered_for_gst", strconv.FormatBool(true))
	v.Set("is_einvoice_enabled", strconv.FormatBool(true))
	v.Set("einvoicing_method", "automatic")
	v.Set("taxability", "exempt")
	exemption, err := jsonText([]string{"federal", "state"})
	if err != nil {
		return nil, err
	}
	v.Set("exemption_details", exemption)
	v.Set("customer_type", "business")
	v.Set("client_profile_id", "cp_1")
	v.Set("taxjar_exemption_category", "wholesale")
	v.Set("business_customer_without_vat_number", strconv.FormatBool(false))
	v.Set("locale", "en-US")
	v.Set("entity_code", "a")
	v.Set("exempt_number", "EX-42")
	meta, err := jsonText(map[string]any{"plan": "gold", "seats": 5})
	if err != nil {
		return nil, err
	}
	v.Set("meta_data", meta)
	v.Set("offline_payment_method", "cash")
	v.Set("auto_close_invoices", strconv.FormatBool(false))
	v.Set("consolidated_invoicing", strconv.FormatBool(true))
	v.Set("token_id", "tok_1")
	v.Set("business_entity_id", "be_us")
	v.Set("created_from_ip", "203.0.113.7")
	v.Set("invoice_notes", "Thank you")

	v.Set("card[gateway]", "chargebee")
	v.Set("card[gateway_account_id]", "gw_1")
	v.Set("card[tmp_token]", "tmp_1")
	v.Set("card[first_name]", "John")
	v.Set("card[last_name]", "Doe")
	v.Set("card[number]", "4111111111111111")
	v.Set("card[expiry_month]", strconv.Itoa(12))
	v.Set("card[expiry_year]", strconv.Itoa(2030))
	v.Set("card[cvv]", "100")
	v.Set("card[preferred_scheme]", "visa")
	v.Set("card[billing_addr1]", "PO Box 9999")
	v.Set("card[billing_addr2]", "Suite 100")
	v.Set("card[billing_city]", "Walnut")
	v.Set("card[billing_state_code]", "CA")
	v.Set("card[billing_state]", "California")
	v.Set("card[billing_zip]", "91789")
	v.Set("card[billing_country]", "US")
	v.Set("card[ip_address]", "203.0.113.8")
	cardInfo, err := jsonText(map[string]any{"source": "web"})
	if err != nil {
		return nil, err
	}
	v.Set("card[additional_information]", cardInfo)

	v.Set("bank_account[gateway_account_id]", "gw_2")
	v.Set("bank_account[iban]", "DE89370400440532013000")
	v.Set("bank_account[first_name]", "John")
	v.Set("bank_account[last_name]", "Doe")
	v.Set("bank_account[company]", "Acme Inc")
	v.Set("bank_account[email]", "bank@acme.com")
	v.Set("bank_account[phone]", "+1 555 0102")
	v.Set("bank_account[bank_name]", "Acme Bank")
	v.Set("bank_account[account_number]", "0532013000")
	v.Set("bank_account[routing_number]", "110000000")
	v.Set("bank_account[bank_code]", "37040044")
	v.Set("bank_account[account_type]", "checking")
	v.Set("bank_account[account_holder_type]", "company")
	v.Set("bank_account[echeck_type]", "web")
	v.Set("bank_account[issuing_country]", "DE")
	v.Set("bank_account[swedish_identity_number]", "8112189876")
	bankAddress, err := jsonText(map[string]any{"line1": "PO Box 9999", "country": "US"})
	if err != nil {
		return nil, err
	}
	v.Set("bank_account[billing_address]", bankAddress)

	v.Set("payment_method[type]", "card")
	v.Set("payment_method[gateway]", "chargebee")
	v.Set("payment_method[gateway_account_id]", "gw_3")
	v.Set("payment_method[reference_id]", "ref_1")
	v.Set("payment_method[tmp_token]", "tmp_2")
	v.Set("payment_method[issuing_country]", "US")
	pmInfo, err := jsonText(map[string]any{"device": "d1"})
	if err != nil {
		return nil, err
	}
	v.Set("payment_method[additional_information]", pmInfo)

	v.Set("payment_intent[id]", "pi_1")
	v.Set("payment_intent[gateway_account_id]", "gw_4")
	v.Set("payment_intent[gw_token]", "gwt_1")
	v.Set("payment_intent[payment_method_type]", "card")
	v.Set("payment_intent[reference_id]", "ref_2")
	v.Set("payment_intent[gw_payment_method_id]", "gpm_1")
	piInfo, err := jsonText(map[string]any{"flow": "3ds"})
	if err != nil {
		return nil, err
	}
	v.Set("payment_intent[additional_information]", piInfo)

	v.Set("billing_address[first_name]", "John")
	v.Set("billing_address[last_name]", "Doe")
	v.Set("billing_address[email]", "billing@acme.com")
	v.Set("billing_address[company]", "Acme Inc")
	v.Set("billing_address[phone]", "+1 555 0101")
	v.Set("billing_address[line1]", "PO Box 9999")
	v.Set("billing_address[line2]", "Suite 100")
	v.Set("billing_address[line3]", "Door 3")
	v.Set("billing_address[city]", "Walnut")
	v.Set("billing_address[state_code]", "CA")
	v.Set("billing_address[state]", "California")
	v.Set("billing_address[zip]", "91789")
	v.Set("billing_address[country]", "US")
	v.Set("billing_address[validation_status]", "valid")

	v.Set("entity_identifiers[id][0]", "ei_1")
	v.Set("entity_identifiers[scheme][0]", "0088")
	v.Set("entity_identifiers[value][0]", "5790000435975")
	v.Set("entity_identifiers[standard][0]", "iso6523-actorid-upis")

	v.Set("tax_providers_fields[provider_name][0]", "avalara")
	v.Set("tax_providers_fields[field_id][0]", "usage_type")
	v.Set("tax_providers_fields[field_value][0]", "G")
	return v, nil
}

// BenchmarkEncodeCreateRequest encodes the full create request into the
// form body sent on the wire, as Client.Do does, against building the same
// form by hand with url.Values.
func BenchmarkEncodeCreateRequest(b *testing.B) {
	b.Run("impl=baseline", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			v, err := create105Values()
			if err != nil {
				b.Fatal(err)
			}
			if body := v.Encode(); len(body) == 0 {
				b.Fatal("empty body")
			}
		}
	})
	b.Run("impl=sdk", func(b *testing.B) {
		req := create105()
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			body, err := form.Bytes(req)
			if err != nil {
				b.Fatal(err)
			}
			if len(body) == 0 {
				b.Fatal("empty body")
			}
		}
	})
}

// ---------------------------------------------------------------------
// 4. Iterating 100,000 customers through List.

// pagingServer serves total customers in pages of 100 with Chargebee-style
// offsets, the last page without one.
func pagingServer(tb testing.TB, total int) *benchServer {
	items := listItems(100, typicalListEntry)
	pages := total / 100
	return newBenchServer(tb, func(w http.ResponseWriter, r *http.Request) {
		page := 0
		if off := r.URL.Query().Get("offset"); off != "" {
			// offsets look like ["1700000000000","294000000300"]
			_, num, _ := strings.Cut(off, `","`)
			n, err := strconv.Atoi(strings.TrimSuffix(num, `"]`))
			if err != nil || n%100 != 0 {
				http.Error(w, `{"message":"bad offset"}`, http.StatusBadRequest)
				return
			}
			page = (n - 294000000000) / 100
		}
		if page < 0 || page >= pages {
			http.Error(w, `{"message":"bad offset"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		_, _ = w.Write(items)
		if page == pages-1 {
			_, _ = io.WriteString(w, `]}`)
			return
		}
		_, _ = fmt.Fprintf(w, `],"next_offset":"[\"%d\",\"%d\"]"}`, 1700000000000+page, 294000000000+(page+1)*100)
	})
}

// heapSampler records the peak heap while a loop runs. Every page it reads
// the heap in use, garbage included, without disturbing the collector; every
// tenth page it stops the clock, collects garbage and reads the heap that is
// still live, which is what the loop retains.
type heapSampler struct {
	b         *testing.B
	samples   []metrics.Sample
	start     uint64 // live heap before the loop
	peakLive  uint64
	peakTotal uint64
}

func newHeapSampler(b *testing.B) *heapSampler {
	h := &heapSampler{b: b, samples: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	runtime.GC()
	metrics.Read(h.samples)
	h.start = h.samples[0].Value.Uint64()
	return h
}

// report adds the peaks to the benchmark's results.
func (h *heapSampler) report() {
	h.b.ReportMetric(float64(h.peakLive), "peak-heap-bytes")
	h.b.ReportMetric(float64(h.peakLive)-float64(h.start), "held-heap-bytes")
	h.b.ReportMetric(float64(h.peakTotal), "peak-heap-total-bytes")
}

func (h *heapSampler) sample(page int) {
	metrics.Read(h.samples)
	h.peakTotal = max(h.peakTotal, h.samples[0].Value.Uint64())
	if page%10 != 0 {
		return
	}
	h.b.StopTimer()
	runtime.GC()
	metrics.Read(h.samples)
	h.peakLive = max(h.peakLive, h.samples[0].Value.Uint64())
	h.b.StartTimer()
}

// BenchmarkListIterate ranges over List for 10,000 and 100,000 customers
// (pages of 100, about 124 KB each); the baseline follows next_offset by
// hand with net/http and json.Decoder. The heap must not grow with the
// number of pages: peak-heap-bytes (live heap after a collection, sampled
// mid-page every ten pages) at 100k stays within 10% of the figure at 10k.
// held-heap-bytes is that peak less the live heap before the loop: what
// the iteration holds, about one page. peak-heap-total-bytes adds garbage
// not yet collected, as the program sees it without forced collections.
func BenchmarkListIterate(b *testing.B) {
	ctx := context.Background()
	// iterate runs each iteration of a benchmark: it calls list with a
	// function to call for every entry and checks the count.
	iterate := func(b *testing.B, total int, list func(visit func(id string)) error) {
		h := newHeapSampler(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			n := 0
			err := list(func(id string) {
				if id == "" {
					b.Fatal("entry without id")
				}
				if n%100 == 50 {
					h.sample(n / 100)
				}
				n++
			})
			if err != nil {
				b.Fatal(err)
			}
			if n != total {
				b.Fatalf("iterated %d customers, want %d", n, total)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*total), "ns/customer")
		h.report()
	}
	for _, total := range []int{10_000, 100_000} {
		// Each run has a server and client of its own, closed when it
		// ends, so that one run's connections and buffers do not count in
		// another's heap.
		b.Run(fmt.Sprintf("customers=%dk/impl=baseline", total/1000), func(b *testing.B) {
			srv := pagingServer(b, total)
			hc := baselineHTTPClient(b)
			iterate(b, total, func(visit func(id string)) error {
				offset := ""
				for {
					endpoint := srv.URL + "/api/v2/customers?limit=100"
					if offset != "" {
						endpoint += "&offset=" + url.QueryEscape(offset)
					}
					req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
					if err != nil {
						return err
					}
					req.Header.Set("Authorization", benchAuth)
					req.Header.Set("Accept", "application/json")
					req.Header.Set("User-Agent", benchUserAgent)
					page := reflect.New(plainPageType)
					if err := baselineDo(hc, req, page.Interface()); err != nil {
						return err
					}
					items, next := plainItems(page)
					for i := 0; i < items.Len(); i++ {
						visit(plainID(items.Index(i)))
					}
					if next == "" {
						return nil
					}
					offset = next
				}
			})
		})
		b.Run(fmt.Sprintf("customers=%dk/impl=sdk", total/1000), func(b *testing.B) {
			s := benchClient(b, pagingServer(b, total))
			iterate(b, total, func(visit func(id string)) error {
				for entry, err := range s.List(ctx, NewListRequest().SetLimit(100)) {
					if err != nil {
						return err
					}
					visit(entry.Customer.ID)
				}
				return nil
			})
		})
	}
}

// ---------------------------------------------------------------------
// 5. Concurrency: one client shared by 1, 8 and 64 goroutines.

// retrieveJSON is the response of BenchmarkConcurrentRetrieve: a customer
// with the attributes most customers have, and a card.
var retrieveJSON = sync.OnceValue(func() []byte { return typicalListEntry(1) })

// runConcurrent makes b.N calls from g goroutines sharing one client,
// against a fresh server and client so that every connection the run needs
// is counted, and reports the throughput.
//
// It also reports the TCP connections opened per 10,000 calls. When b.N is
// below 10,000 (but not a mere smoke run of under 100 calls), it makes the
// remaining calls with the clock stopped, so that the figure counts the
// connections 10,000 calls really open rather than scaling up a shorter run.
func runConcurrent(b *testing.B, g int, newCall func(srv *benchServer) func() error) {
	body := retrieveJSON()
	srv := newBenchServer(b, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v2/customers/cus_00001" || r.Header.Get("Authorization") != benchAuth {
			http.Error(w, `{"message":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		_, _ = w.Write(body)
	})
	call := newCall(srv)
	// calls makes n calls from g goroutines.
	calls := func(n int) {
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make(chan error, g)
		for w := 0; w < g; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(n) {
					if err := call(); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	calls(b.N)
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "calls/s")
	const per = 10000
	if b.N < 100 {
		return
	}
	if b.N < per {
		calls(per - b.N)
	}
	b.ReportMetric(float64(srv.conns.Load())*per/float64(max(b.N, per)), "conns/10k-calls")
}

// BenchmarkConcurrentRetrieve shares one client between 1, 8 and 64
// goroutines retrieving a customer. conns/10k-calls shows whether
// connections are reused (at most one per goroutine, opened once) or
// churned.
func BenchmarkConcurrentRetrieve(b *testing.B) {
	ctx := context.Background()
	for _, g := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("goroutines=%d/impl=baseline", g), func(b *testing.B) {
			runConcurrent(b, g, func(srv *benchServer) func() error {
				hc := baselineHTTPClient(b)
				endpoint := srv.URL + "/api/v2/customers/cus_00001"
				return func() error {
					req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
					if err != nil {
						return err
					}
					req.Header.Set("Authorization", benchAuth)
					req.Header.Set("Accept", "application/json")
					req.Header.Set("User-Agent", benchUserAgent)
					out := reflect.New(plainEntryType)
					if err := baselineDo(hc, req, out.Interface()); err != nil {
						return err
					}
					if id := plainID(out.Elem()); id != "cus_00001" {
						return fmt.Errorf("id %q", id)
					}
					return nil
				}
			})
		})
		b.Run(fmt.Sprintf("goroutines=%d/impl=sdk", g), func(b *testing.B) {
			runConcurrent(b, g, func(srv *benchServer) func() error {
				s := benchClient(b, srv)
				return func() error {
					res, err := s.Retrieve(ctx, "cus_00001")
					if err != nil {
						return err
					}
					if res.Customer.ID != "cus_00001" {
						return fmt.Errorf("id %q", res.Customer.ID)
					}
					return nil
				}
			})
		})
	}
}

// ---------------------------------------------------------------------
// The fixtures above are checked so that the benchmarks measure what they
// claim.

// TestBenchRequests checks that each benchmarked request and its
// hand-written baseline send the same form, and that create105 sets every
// parameter the catalog lists for customer.create.
func TestBenchRequests(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		req      *CreateRequest
		baseline func() (url.Values, error)
		keys     int
	}{
		{"create30", create30(), create30Values, 30},
		{"create105", create105(), create105Values, 105},
	} {
		if err := tc.req.Validate(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		got, err := testutil.FormValues(tc.req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := tc.baseline()
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != tc.keys || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sdk form (%d keys) != baseline form (%d keys):\n%v\n%v", tc.name, len(got), len(want), got, want)
		}
		body, err := form.Bytes(tc.req)
		if err != nil || string(body) != want.Encode() {
			t.Errorf("%s: sdk body %q (%v), want %q", tc.name, body, err, want.Encode())
		}
	}
	var params []string
	for _, a := range loadCatalog(t).Actions {
		if a.ID == "customer.create" {
			for _, p := range a.Params {
				params = append(params, strings.ReplaceAll(p.Wire, "[N]", "[0]"))
			}
		}
	}
	all, _ := create105Values()
	if len(params) != 105 {
		t.Fatalf("catalog lists %d create parameters, want 105", len(params))
	}
	for _, p := range params {
		if _, ok := all[p]; !ok {
			t.Errorf("create105 does not set %s", p)
		}
	}
}

// TestBenchFullEntry checks that the "full" list entry carries every
// attribute of the customer, its nested objects and its card (those API v1
// alone sends aside), and that
// the typical entry decodes.
func TestBenchFullEntry(t *testing.T) {
	t.Parallel()
	var raw map[string]any
	if err := json.Unmarshal(fullListEntry(3), &raw); err != nil {
		t.Fatal(err)
	}
	v1Only := v1OnlyAttributes(t)
	var missing []string
	for _, name := range missingAttributes(reflect.TypeOf(ListEntry{}), raw, "") {
		if !v1Only[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("full entry lacks %v", missing)
	}
	for _, entry := range [][]byte{fullListEntry(3), typicalListEntry(3)} {
		var e ListEntry
		if err := json.Unmarshal(entry, &e); err != nil || e.Customer.ID != "cus_00003" || e.Card == nil || len(e.Customer.CustomFields) < 2 {
			t.Errorf("entry decoded to %+v, %v", e.Customer, err)
		}
	}
	if p, err := decodeListEntryPage(listPage(100, fullListEntry)); err != nil || len(p.Items) != 100 || p.NextOffset == "" {
		t.Errorf("full page: %v", err)
	}
	// The baseline's plain types have the fields of the SDK's and no
	// decode methods: the entry decodes as the SDK's does, less the custom
	// fields.
	plainEntry := reflect.New(plainEntryType)
	if err := json.Unmarshal(fullListEntry(3), plainEntry.Interface()); err != nil || plainID(plainEntry.Elem()) != "cus_00003" {
		t.Errorf("plain entry: %v", err)
	}
	for _, typ := range []reflect.Type{plainEntryType, plainEntryType.Field(0).Type.Elem(), plainEntryType.Field(1).Type.Elem()} {
		if _, ok := reflect.PointerTo(typ).MethodByName("UnmarshalJSON"); ok {
			t.Errorf("plain type %v has an UnmarshalJSON method", typ)
		}
	}
}

// missingAttributes lists the json attributes of struct type t (and of the
// structs inside it) that the object m does not have.
func missingAttributes(t reflect.Type, m map[string]any, prefix string) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		v, ok := m[name]
		if !ok {
			out = append(out, prefix+name)
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
			if arr, ok := v.([]any); ok && len(arr) > 0 {
				v = arr[0]
			}
		}
		if sub, ok := v.(map[string]any); ok && ft.Kind() == reflect.Struct {
			out = append(out, missingAttributes(ft, sub, prefix+name+".")...)
		}
	}
	return out
}

// TestPagingServer checks that the paging server of BenchmarkListIterate
// serves every customer once and ends the list.
func TestPagingServer(t *testing.T) {
	t.Parallel()
	srv := pagingServer(t, 1000)
	s := benchClient(t, srv)
	n := 0
	for entry, err := range s.List(context.Background(), NewListRequest().SetLimit(100)) {
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("cus_%05d", n%100); entry.Customer.ID != want {
			t.Fatalf("entry %d is %s, want %s", n, entry.Customer.ID, want)
		}
		n++
	}
	if n != 1000 {
		t.Errorf("iterated %d customers, want 1000", n)
	}
}

package customer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// listPage100 returns a list page of 100 customers shaped like Chargebee's,
// with or without custom fields.
func listPage100(withCF bool) []byte {
	var b strings.Builder
	b.WriteString(`{"list":[`)
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		cf := ""
		if withCF {
			cf = fmt.Sprintf(`,"cf_plan":"gold","cf_seats":%d`, i)
		}
		fmt.Fprintf(&b, `{"customer":{"id":"cus_%03d","first_name":"John","last_name":"Doe","email":"john%d@acme.com",`+
			`"auto_collection":"on","net_term_days":0,"allow_direct_debit":false,"created_at":1700000000,"updated_at":1700000100,`+
			`"resource_version":1700000100000,"taxability":"taxable","pii_cleared":"active","channel":"web","card_status":"valid",`+
			`"promotional_credits":0,"refundable_credits":0,"excess_payments":0,"unbilled_charges":0,"preferred_currency_code":"USD",`+
			`"billing_address":{"first_name":"John","last_name":"Doe","line1":"PO Box 9999","city":"Walnut","state_code":"CA",`+
			`"state":"California","country":"US","zip":"91789","validation_status":"not_validated","object":"billing_address"},`+
			`"balances":[{"promotional_credits":0,"excess_payments":0,"refundable_credits":0,"unbilled_charges":0,`+
			`"currency_code":"USD","balance_currency_code":"USD","object":"customer_balance"}],`+
			`"meta_data":{"tier":"gold"},"deleted":false,"object":"customer"%s},`+
			`"card":{"payment_source_id":"pm_%03d","status":"valid","gateway":"stripe","iin":"411111","last4":"1111",`+
			`"card_type":"visa","funding_type":"credit","expiry_month":12,"expiry_year":2030,"created_at":1700000000,`+
			`"customer_id":"cus_%03d","masked_number":"************1111","object":"card"}}`, i, i, cf, i, i)
	}
	b.WriteString(`],"next_offset":"[\"1700000000000\",\"100\"]"}`)
	return []byte(b.String())
}

// baselineCustomer is a plain struct without custom decoding, the cost
// floor of decoding the same page.
type baselineCustomer struct {
	ID        string `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
	CreatedAt int64  `json:"created_at"`
	Billing   *struct {
		Line1   string `json:"line1"`
		Country string `json:"country"`
	} `json:"billing_address"`
	MetaData map[string]any `json:"meta_data"`
}

type baselinePage struct {
	List []struct {
		Customer *baselineCustomer `json:"customer"`
		Card     *struct {
			Last4 string `json:"last4"`
		} `json:"card"`
	} `json:"list"`
	NextOffset string `json:"next_offset"`
}

func BenchmarkDecodeListPage(b *testing.B) {
	for _, withCF := range []bool{false, true} {
		body := listPage100(withCF)
		b.Run(fmt.Sprintf("sdk/cf=%v", withCF), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var r listResponse
				if err := json.Unmarshal(body, &r); err != nil || len(*r.List) != 100 {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("same-fields/cf=%v", withCF), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var r struct {
					List []struct {
						Customer *customerFields `json:"customer"`
						Card     *Card           `json:"card"`
					} `json:"list"`
				}
				if err := json.Unmarshal(body, &r); err != nil || len(r.List) != 100 {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("baseline/cf=%v", withCF), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var r baselinePage
				if err := json.Unmarshal(body, &r); err != nil || len(r.List) != 100 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListPage compares a ListPage call with a hand-written net/http
// request against the same loopback server.
func BenchmarkListPage(b *testing.B) {
	body := listPage100(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	cb, err := chargebee.NewClient("acme-test", "k", chargebee.WithBaseURL(srv.URL), chargebee.WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	s := NewService(cb)
	ctx := context.Background()
	req := NewListRequest().SetLimit(100).SetEmail(chargebee.StringFilter{StartsWith: "john"})
	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p, err := s.ListPage(ctx, req)
			if err != nil || len(p.Items) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("net/http", func(b *testing.B) {
		b.ReportAllocs()
		hc := srv.Client()
		for i := 0; i < b.N; i++ {
			r, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v2/customers?limit=100&email%5Bstarts_with%5D=john", nil)
			if err != nil {
				b.Fatal(err)
			}
			r.SetBasicAuth("k", "")
			resp, err := hc.Do(r)
			if err != nil {
				b.Fatal(err)
			}
			var p baselinePage
			err = json.NewDecoder(resp.Body).Decode(&p)
			resp.Body.Close()
			if err != nil || len(p.List) != 100 {
				b.Fatal(err)
			}
		}
	})
}

package chargebeetest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzServe sends arbitrary paths, queries and form bodies to the fake.
// Whatever arrives, it must answer with Chargebee JSON and a status below
// 500: bad input is the client's error, never a crash of the fake.
func FuzzServe(f *testing.F) {
	f.Add("POST", "/api/v2/customers", "", "id=c1&first_name=Ann&meta_data=%7B%22a%22%3A1%7D&entity_identifiers%5Bid%5D%5B0%5D=e")
	f.Add("GET", "/api/v2/customers", "limit=2&email%5Bis%5D=a%40b.c&created_at%5Bbetween%5D=%5B1%2C2%5D", "")
	f.Add("POST", "/api/v2/customers/c1/relationships", "", "parent_id=c1")
	f.Add("GET", "/api/v2/customers/c1/customer_entitlements", "limit=1&offset=1", "")
	f.Add("POST", "/api/v2/promotional_credits/deduct", "", "customer_id=c1&amount_in_decimal=1.5&description=x")
	f.Add("POST", "/api/v1/customers/c1/add_account_credits", "", "amount=1&description=x")
	f.Add("GET", "/api/v2/customers/%2E%2E/hierarchy", "hierarchy_operation_type=complete_hierarchy", "")
	f.Add("GET", "/api/v2/events", "limit=2&occurred_at%5Bbetween%5D=%5B1%2C2%5D&offset=%5B%221%22%2C%222%22%5D", "")
	f.Add("GET", "/api/v1/events/ev_1", "", "")
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		if method != "GET" && method != "POST" {
			method = "POST"
		}
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t\r\n?#") {
			return
		}
		s := &Server{key: "k", site: DefaultSite, currency: DefaultCurrency, clock: fixedNow, done: make(chan struct{}), st: newState()}
		// Some state to act on.
		for _, b := range []string{"id=c1", "id=c2&business_entity_id=be"} {
			serve(s, "POST", "/api/v2/customers", "", b)
		}
		s.SetEntitlements("c1", Entitlement{FeatureID: "f", Value: "1", IsEnabled: true})
		rec := serve(s, method, path, query, body)
		if rec == nil {
			return // not a URL
		}
		if rec.Code >= 500 {
			t.Fatalf("%s %s?%s [%s]: status %d: %s", method, path, query, body, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("answer is not JSON: %q", rec.Body)
		}
	})
}

func serve(s *Server, method, path, query, body string) *httptest.ResponseRecorder {
	target := "http://127.0.0.1" + path
	if query != "" {
		target += "?" + query
	}
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		return nil
	}
	req.SetBasicAuth("k", "")
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func fixedNow() time.Time { return time.Unix(1700000000, 0) }

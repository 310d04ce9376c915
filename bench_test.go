package chargebee_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// benchServer answers every POST /api/v2/customers with a customer, reading
// the whole form first, over keep-alive connections on loopback.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("first_name") != "John" {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, customerJSON)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchParams() *params {
	return &params{
		FirstName: chargebee.String("John"),
		Email:     chargebee.String("john+bench@example.com"),
		Amount:    chargebee.Int64(150000),
		BillingAddress: &struct {
			Line1 *string `url:"line1,omitempty"`
		}{Line1: chargebee.String("PO Box 9999")},
		MetaData: chargebee.Metadata{"plan": "gold", "seats": 5},
	}
}

// BenchmarkDo compares one POST round trip through Client.Do (validation,
// form encoding, idempotency key, retrying transport, JSON decoding) with
// a hand-written net/http call doing the same encode + request + decode.
func BenchmarkDo(b *testing.B) {
	srv := benchServer(b)
	ctx := context.Background()

	b.Run("chargebee", func(b *testing.B) {
		cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var out customerResult
			if err := cb.Do(ctx, http.MethodPost, "/customers", benchParams(), &out); err != nil {
				b.Fatal(err)
			}
			if out.Customer.ID != "cust_1" {
				b.Fatal(out)
			}
		}
	})

	b.Run("net/http", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), Timeout: time.Minute}
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))
		endpoint := srv.URL + "/api/v2/customers"
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			p := benchParams()
			form := url.Values{}
			form.Set("first_name", *p.FirstName)
			form.Set("email", *p.Email)
			form.Set("amount", strconv.FormatInt(*p.Amount, 10))
			form.Set("billing_address[line1]", *p.BillingAddress.Line1)
			meta, err := json.Marshal(p.MetaData)
			if err != nil {
				b.Fatal(err)
			}
			form.Set("meta_data", string(meta))
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", auth)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "baseline")
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			req.Header.Set("chargebee-idempotency-key", uuid4())
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(resp.StatusCode, err)
			}
			var out customerResult
			if err := json.Unmarshal(body, &out); err != nil {
				b.Fatal(err)
			}
			if out.Customer.ID != "cust_1" {
				b.Fatal(out)
			}
		}
	})
}

func uuid4() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// plainAPIError is the baseline's error: the Chargebee error fields decoded
// into a plain struct.
type plainAPIError struct {
	Status       int    `json:"-"`
	Message      string `json:"message"`
	Type         string `json:"type"`
	APIErrorCode string `json:"api_error_code"`
	Param        string `json:"param"`
	ErrorCode    string `json:"error_code"`
}

func (e *plainAPIError) Error() string { return e.APIErrorCode + ": " + e.Message }

// BenchmarkNotFound compares a GET answered 404 through Client.Do (not
// retried) with a hand-written net/http call that decodes the error body
// into a plain struct.
func BenchmarkNotFound(b *testing.B) {
	body := notFoundJSON()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, body)
	}))
	b.Cleanup(srv.Close)
	ctx := context.Background()

	b.Run("chargebee", func(b *testing.B) {
		cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var out customerResult
			err := cb.Do(ctx, http.MethodGet, "/customers/cust_missing", nil, &out)
			var ce *chargebee.Error
			if !errors.As(err, &ce) || ce.APIErrorCode != "resource_not_found" || ce.Param != "customer_id" {
				b.Fatal(err)
			}
		}
	})

	b.Run("net/http", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), Timeout: time.Minute}
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))
		endpoint := srv.URL + "/api/v2/customers/cust_missing"
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", auth)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "baseline")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusNotFound {
				b.Fatal(resp.StatusCode, err)
			}
			e := &plainAPIError{Status: resp.StatusCode}
			if err := json.Unmarshal(body, e); err != nil {
				b.Fatal(err)
			}
			var got error = e
			if e.APIErrorCode != "resource_not_found" || e.Param != "customer_id" || got.Error() == "" {
				b.Fatal(e)
			}
		}
	})
}

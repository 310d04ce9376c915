package customer

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// v1CardBody is a customer and card as API v1 returns them; the card
// carries reference_id, which only the v1 Card schema has.
const v1CardBody = `{"customer":{"id":"cus_v1","auto_collection":"on","allow_direct_debit":false,"created_at":1517506686,
	"account_credits":250,"refundable_credits":0,"excess_payments":0,"object":"customer"},
	"card":{"status":"valid","gateway":"stripe","reference_id":"cus_S/card_1","first_name":"Ann","iin":"411111","last4":"1111",
	"card_type":"visa","expiry_month":12,"expiry_year":2030,"customer_id":"cus_v1","masked_number":"************1111","object":"card"}}`

// TestDecodeV1OnlyAttributes checks that the attributes only API v1 sends
// (account_credits on the customer, reference_id on the card) reach the
// models on every decoding path and survive encoding.
func TestDecodeV1OnlyAttributes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name        string
		body        string
		call        func(s *Service) (*Customer, *Card, error)
		wantCredits int64
		wantRef     string
	}{
		{"retrieve with card", v1CardBody, func(s *Service) (*Customer, *Card, error) {
			r, err := s.Retrieve(ctx, "cus_v1")
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, 250, "cus_S/card_1"},
		{"v1 reference sample", testutil.Fixture(t, "v1_add_account_credits.json"), func(s *Service) (*Customer, *Card, error) {
			r, err := s.Retrieve(ctx, "__test__3Nl9RLTRcPq8ZI3q")
			if err != nil {
				return nil, nil, err
			}
			return r.Customer, r.Card, nil
		}, 500, ""},
		{"list", `{"list":[` + v1CardBody + `]}`, func(s *Service) (*Customer, *Card, error) {
			p, err := s.ListPage(ctx, nil)
			if err != nil {
				return nil, nil, err
			}
			if len(p.Items) != 1 {
				t.Fatalf("items = %d", len(p.Items))
			}
			return p.Items[0].Customer, p.Items[0].Card, nil
		}, 250, "cus_S/card_1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _, _ := newMock(t, 200, tt.body, chargebee.WithAPIVersion(chargebee.APIv1))
			c, card, err := tt.call(s)
			if err != nil {
				t.Fatal(err)
			}
			if c.AccountCredits != tt.wantCredits {
				t.Errorf("AccountCredits = %d, want %d", c.AccountCredits, tt.wantCredits)
			}
			if tt.wantRef != "" && (card == nil || card.ReferenceID != tt.wantRef || card.Last4 != "1111") {
				t.Errorf("card = %+v, want reference_id %q", card, tt.wantRef)
			}
		})
	}

	t.Run("general path and encoding", func(t *testing.T) {
		t.Parallel()
		var r RetrieveResult
		type plain RetrieveResult // decodes the customer through Customer.UnmarshalJSON
		if err := json.Unmarshal([]byte(v1CardBody), (*plain)(&r)); err != nil {
			t.Fatal(err)
		}
		if r.Customer.AccountCredits != 250 || r.Card.ReferenceID != "cus_S/card_1" {
			t.Fatalf("customer %+v, card %+v", r.Customer, r.Card)
		}
		for _, enc := range []struct {
			v    any
			want string
		}{{r.Customer, `"account_credits":250`}, {r.Card, `"reference_id":"cus_S/card_1"`}} {
			b, err := json.Marshal(enc.v)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), enc.want) {
				t.Errorf("encoded %s lacks %s", b, enc.want)
			}
		}
	})
}

// TestDecodeTransactionSpecFields decodes transactions carrying every
// attribute of the Transaction schema the model holds, in the shapes API v1
// (linked_invoices[].invoice_amount) and API v2 (invoice_total) send.
func TestDecodeTransactionSpecFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		txn  string
		want Transaction
	}{
		{"v1 shape",
			`{"id":"txn_1","customer_id":"cus_1","type":"payment","payment_method":"card","gateway":"stripe","currency_code":"USD",
			"amount":1500,"status":"success","initiator_type":"customer","three_d_secure":true,"reversal_transaction_id":"txn_rev",
			"payment_method_details":"{\"card\":{\"last4\":\"1111\"}}",
			"linked_invoices":[{"invoice_id":"inv_1","applied_amount":1000,"applied_at":1700000001,"invoice_date":1700000000,"invoice_amount":1200}],
			"linked_refunds":[{"txn_id":"txn_r1","txn_status":"in_progress","txn_date":1700000500,"txn_amount":300}],
			"object":"transaction"}`,
			Transaction{ID: "txn_1", CustomerID: "cus_1", Type: TransactionTypePayment, PaymentMethod: "card", Gateway: GatewayStripe,
				CurrencyCode: "USD", Amount: 1500, Status: TransactionStatusSuccess, InitiatorType: PaymentInitiatorCustomer,
				ThreeDSecure: true, ReversalTransactionID: "txn_rev", PaymentMethodDetails: `{"card":{"last4":"1111"}}`,
				LinkedInvoices: []LinkedInvoice{{InvoiceID: "inv_1", AppliedAmount: 1000, AppliedAt: 1700000001, InvoiceDate: 1700000000, InvoiceAmount: 1200}},
				LinkedRefunds:  []LinkedRefund{{TxnID: "txn_r1", TxnStatus: TransactionStatusInProgress, TxnDate: 1700000500, TxnAmount: 300}},
				Object:         "transaction"}},
		{"v2 shape",
			`{"id":"txn_2","type":"payment","payment_method":"bank_transfer","gateway":"not_applicable","currency_code":"EUR",
			"initiator_type":"merchant","three_d_secure":false,
			"linked_invoices":[{"invoice_id":"inv_2","applied_amount":50,"applied_at":1700000002,"invoice_total":80,"invoice_status":"paid"}],
			"linked_refunds":[{"txn_id":"txn_r2","txn_status":"success","txn_date":1700000600,"txn_amount":20,"object":"linked_refund"}]}`,
			Transaction{ID: "txn_2", Type: TransactionTypePayment, PaymentMethod: "bank_transfer", Gateway: "not_applicable",
				CurrencyCode: "EUR", InitiatorType: PaymentInitiatorMerchant,
				LinkedInvoices: []LinkedInvoice{{InvoiceID: "inv_2", AppliedAmount: 50, AppliedAt: 1700000002, InvoiceTotal: 80, InvoiceStatus: "paid"}},
				LinkedRefunds:  []LinkedRefund{{TxnID: "txn_r2", TxnStatus: TransactionStatusSuccess, TxnDate: 1700000600, TxnAmount: 20, Object: "linked_refund"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _, _ := newMock(t, 200, `{"customer":{"id":"cus_1"},"transaction":`+tt.txn+`}`)
			res, err := s.CollectPayment(context.Background(), "cus_1", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*res.Transaction, tt.want) {
				t.Errorf("transaction =\n%+v\nwant\n%+v", *res.Transaction, tt.want)
			}
		})
	}
}

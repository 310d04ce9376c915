package contact

import (
	"testing"

	"github.com/billingkit/chargebee-go/customer"
)

// listEntryJSON is an entry of the contacts list, its contact with every
// attribute set.
const listEntryJSON = `{"contact":{"id":"contact_test_1","first_name":"Jane","last_name":"Doe","email":"fake_address","phone":"0000","label":"dev","enabled":true,"send_account_email":true,"send_billing_email":false,"object":"contact"}}`

// contactJSON is the contact of listEntryJSON alone.
var contactJSON = listEntryJSON[len(`{"contact":`) : len(listEntryJSON)-1]

// TestListEntryUsesContactDecoder checks that ListEntry reads its contact
// with customer.Contact's generated decoder directly, not through
// encoding/json: decoding the entry allocates no more than decoding the
// contact alone plus the *Contact itself (through encoding/json it costs
// three more). Not parallel: allocation counts are process-wide.
func TestListEntryUsesContactDecoder(t *testing.T) {
	entry, contact := []byte(listEntryJSON), []byte(contactJSON)
	var e ListEntry
	if err := e.UnmarshalJSON(entry); err != nil {
		t.Fatal(err)
	}
	if e.Contact == nil || e.Contact.ID != "contact_test_1" || e.Contact.Label != "dev" || !e.Contact.SendAccountEmail {
		t.Fatalf("decoded %+v", e.Contact)
	}
	alone := testing.AllocsPerRun(100, func() {
		var c customer.Contact
		if err := c.UnmarshalJSON(contact); err != nil {
			t.Fatal(err)
		}
	})
	inEntry := testing.AllocsPerRun(100, func() {
		var e ListEntry
		if err := e.UnmarshalJSON(entry); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("allocations: contact alone %.0f, in a list entry %.0f", alone, inEntry)
	if inEntry > alone+1 {
		t.Errorf("decoding a ListEntry allocates %.0f times, the contact alone %.0f: the contact is not read by its generated decoder", inEntry, alone)
	}
}

// BenchmarkListEntryDecode decodes a contacts list entry.
func BenchmarkListEntryDecode(b *testing.B) {
	entry := []byte(listEntryJSON)
	b.ReportAllocs()
	for range b.N {
		var e ListEntry
		if err := e.UnmarshalJSON(entry); err != nil {
			b.Fatal(err)
		}
	}
}

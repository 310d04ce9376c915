package event

import (
	"testing"

	"github.com/billingkit/chargebee-go/internal/testutil"
)

// TestDecodeSameAsJSON checks the package's generated decoders against
// encoding/json on its fixtures and on edge cases.
func TestDecodeSameAsJSON(t *testing.T) {
	t.Parallel()
	for _, b := range testutil.JSONSamples(t, "testdata/*.json") {
		testutil.SameAsJSON[ListEntry](t, b)
		testutil.SameAsJSON[RetrieveResult](t, b)
		testutil.SameAsJSON[listEntryPage](t, b)
	}
}

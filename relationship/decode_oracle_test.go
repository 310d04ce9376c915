package relationship

import (
	"testing"

	"github.com/billingkit/chargebee-go/internal/testutil"
)

// TestDecodeSameAsJSON checks the package's generated decoders against
// encoding/json on its fixtures and on edge cases.
func TestDecodeSameAsJSON(t *testing.T) {
	t.Parallel()
	for _, b := range testutil.JSONSamples(t, "testdata/*.json") {
		testutil.SameAsJSON[Hierarchy](t, b)
		testutil.SameAsJSON[LinkResult](t, b)
		testutil.SameAsJSON[HierarchyResult](t, b)
		testutil.SameAsJSON[ListDetailEntry](t, b)
		testutil.SameAsJSON[listDetailEntryPage](t, b)
	}
}

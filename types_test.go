package chargebee_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
)

// TestTimestampErrorStaysValidUTF8 decodes a long non-number whose excerpt
// would end inside a multi-byte character: the error must stay valid UTF-8.
func TestTimestampErrorStaysValidUTF8(t *testing.T) {
	t.Parallel()
	raw := `"` + strings.Repeat("a", 30) + "é and more text" + `"`
	var ts chargebee.Timestamp
	err := json.Unmarshal([]byte(raw), &ts)
	if err == nil {
		t.Fatal("decoded a string as a timestamp")
	}
	if !utf8.ValidString(err.Error()) {
		t.Errorf("error is not valid UTF-8: %q", err.Error())
	}
}

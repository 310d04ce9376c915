package chargebee_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// A Client value printed by fmt, directly or inside another struct, shows
// neither the key nor the Authorization header value.
func TestClientValueHidesKey(t *testing.T) {
	t.Parallel()
	cb, err := chargebee.NewClient(testSite, testKey)
	if err != nil {
		t.Fatal(err)
	}
	holder := struct {
		Exported   chargebee.Client
		unexported chargebee.Client
	}{*cb, *cb}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{*cb, cb, holder, &holder} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{testKey, testAuth, strings.TrimPrefix(testAuth, "Basic ")} {
				if strings.Contains(out, secret) {
					t.Errorf("%s of %T shows %q: %s", verb, v, secret, out)
				}
			}
		}
	}
}

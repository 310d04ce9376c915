package api_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// countingRequest is a request that counts how often it is encoded and
// validated.
type countingRequest struct {
	body              string
	invalid           bool
	encoded, validate int
}

func (r *countingRequest) AppendForm(b []byte) ([]byte, error) {
	r.encoded++
	return append(b, r.body...), nil
}

func (r *countingRequest) Validate() error {
	r.validate++
	if r.invalid {
		return api.Invalid("name", "is wrong")
	}
	return nil
}

// On an API v1 client an action with v1 keys checks the keys of the
// encoded form and sends that same encoding: the request is encoded once
// and validated once. A key v1 does not take (cf_* aside) fails before
// anything is sent, as does a failed validation.
func TestCallEncodesV1ParamsOnce(t *testing.T) {
	t.Parallel()
	a := &api.Action{Name: "thing.create", Method: "POST", Path: "/things", V1Keys: map[string]bool{"name": true, "items[id][N]": true}}
	tests := []struct {
		name, body string
		invalid    bool
		wantErr    string // "" when sent
	}{
		{"v1 keys", "cf_x=1&items%5Bid%5D%5B12%5D=a&name=n", false, ""},
		{"a v2-only key", "name=n&zip=1", false, `zip: is not available in API v1 (thing.create)`},
		{"invalid", "name=n", true, "name: is wrong"},
	}
	for _, tt := range tests {
		m := testutil.NewMock(t, testutil.OK(`{}`), chargebee.WithAPIVersion(chargebee.APIv1))
		req := &countingRequest{body: tt.body, invalid: tt.invalid}
		_, err := api.Call[struct{}](context.Background(), m.CB, a, "", req, nil, nil)
		var ve *chargebee.ValidationError
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantErr != "" && (!errors.As(err, &ve) || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: err = %v, want a *ValidationError saying %q", tt.name, err, tt.wantErr)
		}
		if tt.wantErr != "" {
			m.NothingSent()
		} else if got := m.Only().Body; got != tt.body {
			t.Errorf("%s: body %q, want %q", tt.name, got, tt.body)
		}
		if req.encoded != 1 {
			t.Errorf("%s: encoded %d times, want once", tt.name, req.encoded)
		}
		if wantValidate := btoi(!strings.Contains(tt.wantErr, "v1")); req.validate != wantValidate {
			t.Errorf("%s: validated %d times, want %d", tt.name, req.validate, wantValidate)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

package testutil

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// ActionCase is one catalog action as the generated tests of a resource
// package exercise it: the facts the catalog states (method, path, required
// parameters and response keys) and a call of the service method.
type ActionCase struct {
	Name    string
	Version chargebee.APIVersion
	// Method and Path are what the call must send (the path with the id
	// "id_1" and the API prefix); Values its query or form.
	Method, Path string
	Values       url.Values
	// Body is a response holding every required key; MissingBody lacks
	// MissingKey, the first of them ("" when the response has none).
	Body, MissingBody, MissingKey string
	// Call calls the method with an empty request through cb.
	Call func(cb *chargebee.Client) error
	// Validate validates an empty request; Required is the parameter it
	// must name ("" when the action has no required parameter). Validate
	// is nil when the action takes no request.
	Validate func() error
	Required string
}

// RunActions checks every case: the call sends the catalog's method and
// path and decodes a response with the required keys; a response without
// one is a *chargebee.DecodeError naming it; an empty request fails
// validation naming the first required parameter.
func RunActions(t *testing.T, cases []ActionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			// Validation is off so that the empty request is sent.
			cb, _, m := NewClient(t, Respond(200, tc.Body), chargebee.WithAPIVersion(tc.Version), chargebee.WithoutValidation())
			if err := tc.Call(cb); err != nil {
				t.Fatalf("call: %v", err)
			}
			Expect(t, m.Only(), tc.Method, tc.Path, tc.Values)

			if tc.MissingKey != "" {
				cb, _, _ := NewClient(t, Respond(200, tc.MissingBody), chargebee.WithAPIVersion(tc.Version), chargebee.WithoutValidation())
				err := tc.Call(cb)
				var de *chargebee.DecodeError
				if !errors.As(err, &de) || !strings.Contains(err.Error(), `"`+tc.MissingKey+`"`) {
					t.Errorf("response without %q: err = %v, want a DecodeError naming it", tc.MissingKey, err)
				}
			}

			if tc.Validate != nil {
				err := tc.Validate()
				var ve *chargebee.ValidationError
				switch {
				case tc.Required == "" && err != nil:
					t.Errorf("empty request: %v", err)
				case tc.Required != "" && (!errors.As(err, &ve) || ve.Param != tc.Required):
					t.Errorf("empty request: err = %v, want a ValidationError for %s", err, tc.Required)
				}
			}
		})
	}
}

package chargebeetest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/billingkit/chargebee-go/chargebeetest"
)

// TestStatusErrorFollowsSpec checks StatusError against the error schemas of
// Chargebee's API specification: every body has a type, and the type and
// api_error_code are among those the specification lists for the status.
func TestStatusErrorFollowsSpec(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status   int
		typ      string
		code     string
		injected bool // also answered through FailNext
	}{
		{http.StatusBadRequest, "invalid_request", "invalid_request", true},
		{http.StatusUnauthorized, "untyped", "api_authentication_failed", true},
		{http.StatusForbidden, "untyped", "api_authorization_failed", true},
		{http.StatusNotFound, "invalid_request", "resource_not_found", false},
		{http.StatusMethodNotAllowed, "invalid_request", "http_method_not_supported", false},
		{http.StatusConflict, "invalid_request", "invalid_state_for_request", true},
		{http.StatusUnprocessableEntity, "invalid_request", "unable_to_process_request", true},
		{http.StatusTooManyRequests, "operation_failed", "api_request_limit_exceeded", false},
		{http.StatusInternalServerError, "operation_failed", "internal_error", false},
		{http.StatusServiceUnavailable, "operation_failed", "internal_temporary_error", false},
	}
	s := chargebeetest.NewServer(t)
	for _, tt := range tests {
		e := chargebeetest.StatusError(tt.status)
		if e.Status != tt.status || e.Type != tt.typ || e.APIErrorCode != tt.code || e.Message == "" {
			t.Errorf("StatusError(%d) = %+v, want type %s, code %s", tt.status, e, tt.typ, tt.code)
		}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		if body["type"] != tt.typ || body["api_error_code"] != tt.code || body["http_status_code"] != float64(tt.status) {
			t.Errorf("StatusError(%d) body = %s", tt.status, b)
		}
		if !tt.injected {
			continue
		}
		s.FailNext(1, tt.status, "")
		a := send(t, s, "GET", "/customers", nil)
		if a.status != tt.status || a.str("type") != tt.typ || a.str("api_error_code") != tt.code {
			t.Errorf("FailNext(1, %d) answered %d %s", tt.status, a.status, a.raw)
		}
	}
}

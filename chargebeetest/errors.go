package chargebeetest

import (
	"encoding/json"
	"net/http"
)

// APIError is a Chargebee error response: the HTTP status and the JSON body
// Chargebee sends with it. The fake answers with it, FailNextWith injects
// one, and ErrorResponder turns one into an httpmock responder.
//
// See https://apidocs.chargebee.com/docs/api/error-handling for the fields.
type APIError struct {
	// Status is the HTTP status code, for example 400 or 404.
	Status int
	// Message is the human-readable description.
	Message string
	// Type groups errors: "invalid_request", "payment",
	// "operation_failed", or "untyped" for authentication and authorization
	// errors (401, 403).
	Type string
	// APIErrorCode is the specific code, for example "resource_not_found"
	// or "param_wrong_value".
	APIErrorCode string
	// Param names the request parameter at fault, when there is one.
	Param string
	// ErrorCauseID identifies the cause of a payment failure, when known.
	ErrorCauseID string
}

// Error formats the status, code and message.
func (e APIError) Error() string {
	s := "chargebeetest: " + http.StatusText(e.Status)
	if e.APIErrorCode != "" {
		s += " " + e.APIErrorCode
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// MarshalJSON writes the body Chargebee sends: message, type, api_error_code,
// param and error_cause_id when set, http_status_code, and the legacy
// error_msg / error_param fields older clients read.
func (e APIError) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"message":          e.Message,
		"http_status_code": e.Status,
		"error_msg":        e.Message,
	}
	if e.Type != "" {
		m["type"] = e.Type
	}
	if e.APIErrorCode != "" {
		m["api_error_code"] = e.APIErrorCode
	}
	if e.Param != "" {
		m["param"] = e.Param
		m["error_param"] = e.Param
	}
	if e.ErrorCauseID != "" {
		m["error_cause_id"] = e.ErrorCauseID
	}
	return json.Marshal(m)
}

// body returns the JSON body of the error.
func (e *APIError) body() []byte {
	b, _ := e.MarshalJSON()
	return b
}

// StatusError returns the error Chargebee sends for an HTTP status with no
// more specific cause: 401 api_authentication_failed, 404
// resource_not_found, 409 invalid_state_for_request, 422
// unable_to_process_request, 429 api_request_limit_exceeded, 500
// internal_error, 503 internal_temporary_error, and so on. Its Type is the
// one Chargebee's API specification gives for the status.
func StatusError(status int) APIError {
	e := APIError{Status: status}
	switch {
	case status == http.StatusUnauthorized:
		e.Type, e.APIErrorCode, e.Message = "untyped", "api_authentication_failed", "Sorry, authentication failed. Invalid api key"
	case status == http.StatusForbidden:
		e.Type, e.APIErrorCode, e.Message = "untyped", "api_authorization_failed", "Sorry, the api key does not have the permission for this operation"
	case status == http.StatusNotFound:
		e.Type, e.APIErrorCode, e.Message = "invalid_request", "resource_not_found", "Sorry, we couldn't find that resource"
	case status == http.StatusMethodNotAllowed:
		e.Type, e.APIErrorCode, e.Message = "invalid_request", "http_method_not_supported", "Sorry, the http method is not supported for this resource"
	case status == http.StatusConflict:
		e.Type, e.APIErrorCode, e.Message = "invalid_request", "invalid_state_for_request", "The operation is not allowed in the current state of the resource"
	case status == http.StatusUnprocessableEntity:
		e.Type, e.APIErrorCode, e.Message = "invalid_request", "unable_to_process_request", "The request is well-formed but cannot be processed"
	case status == http.StatusTooManyRequests:
		e.Type, e.APIErrorCode, e.Message = "operation_failed", "api_request_limit_exceeded", "Sorry, access has been blocked temporarily due to request count exceeding acceptable limits. Please try after some time."
	case status == http.StatusPaymentRequired:
		e.Type, e.APIErrorCode, e.Message = "payment", "payment_processing_failed", "The payment could not be processed"
	case status == http.StatusServiceUnavailable:
		e.Type, e.APIErrorCode, e.Message = "operation_failed", "internal_temporary_error", "Sorry, something went wrong when trying to process the request. Please try again."
	case status >= 500:
		e.Type, e.APIErrorCode, e.Message = "operation_failed", "internal_error", "Sorry, something went wrong when trying to process the request."
	default:
		e.Type, e.APIErrorCode, e.Message = "invalid_request", "invalid_request", http.StatusText(status)
	}
	return e
}

// statusError is StatusError as a pointer, for the fake's handlers.
func statusError(status int) *APIError {
	e := StatusError(status)
	return &e
}

// paramError is a 400 param_wrong_value about one key, with Chargebee's
// "key : reason" message.
func paramError(param, reason string) *APIError {
	return &APIError{Status: http.StatusBadRequest, Type: "invalid_request", APIErrorCode: "param_wrong_value", Param: param, Message: param + " : " + reason}
}

func blank(param string) *APIError { return paramError(param, "cannot be blank") }

// notFound is a 404 resource_not_found naming what was looked up.
func notFound(param, what string) *APIError {
	return &APIError{Status: http.StatusNotFound, Type: "invalid_request", APIErrorCode: "resource_not_found", Param: param, Message: what + " not found"}
}

// stateError is a 409 invalid_state_for_request, the status Chargebee's
// API specification lists the code under.
func stateError(param, msg string) *APIError {
	return &APIError{Status: http.StatusConflict, Type: "invalid_request", APIErrorCode: "invalid_state_for_request", Param: param, Message: msg}
}

package chargebee

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors for errors.Is. A *Error matches the sentinels that fit its
// HTTP status and Chargebee error type.
var (
	// ErrNotFound matches 404 responses and the resource_not_found error code.
	ErrNotFound = errors.New("chargebee: resource not found")
	// ErrUnauthorized matches 401 and 403 responses (authentication or
	// authorization failed).
	ErrUnauthorized = errors.New("chargebee: unauthorized")
	// ErrRateLimited matches 429 responses.
	ErrRateLimited = errors.New("chargebee: rate limited")
	// ErrInvalidRequest matches errors of type invalid_request, and 400
	// responses that carry no other type.
	ErrInvalidRequest = errors.New("chargebee: invalid request")
	// ErrPayment matches errors of type payment and 402 responses.
	ErrPayment = errors.New("chargebee: payment error")
	// ErrOperationFailed matches errors of type operation_failed.
	ErrOperationFailed = errors.New("chargebee: operation failed")
	// ErrAPIVersion is returned, before anything is sent, when an action is
	// called on a client configured for an API version that lacks it.
	ErrAPIVersion = errors.New("chargebee: action not available in this API version")
)

// Error is an error response from Chargebee. It is returned after the last
// attempt, with the status, headers and the decoded Chargebee error JSON of the
// final response; nothing is swallowed by retries.
type Error struct {
	// HTTPStatusCode is the HTTP status of the final response.
	HTTPStatusCode int `json:"http_status_code"`
	// Message is Chargebee's human-readable message. For a response whose
	// body is not Chargebee error JSON it holds a bounded snippet of the body.
	Message string `json:"message"`
	// Type is the error type: invalid_request, payment or operation_failed.
	Type string `json:"type"`
	// APIErrorCode is the stable error code, for example resource_not_found.
	APIErrorCode string `json:"api_error_code"`
	// Param names the request parameter the error is about, when known.
	Param string `json:"param"`
	// ErrorCode is the legacy error code.
	ErrorCode string `json:"error_code"`
	// ErrorCauseID identifies the cause of a payment failure, when given.
	ErrorCauseID string `json:"error_cause_id"`
	// Header holds the headers of the final response.
	Header http.Header `json:"-"`
	// RetryAfter is the wait the final response asked for in its Retry-After
	// header, or zero.
	RetryAfter time.Duration `json:"-"`
	// Attempts is the number of HTTP attempts made for the call.
	Attempts int `json:"-"`
}

// Error formats the status, code, message and parameter. It never includes
// request values, headers or credentials.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("chargebee: ")
	b.WriteString(strconv.Itoa(e.HTTPStatusCode))
	if e.APIErrorCode != "" {
		b.WriteString(" ")
		b.WriteString(e.APIErrorCode)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Param != "" {
		b.WriteString(" (param ")
		b.WriteString(e.Param)
		b.WriteString(")")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// Is reports whether the error matches one of the package's sentinel errors.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.HTTPStatusCode == http.StatusNotFound || e.APIErrorCode == "resource_not_found"
	case ErrUnauthorized:
		return e.HTTPStatusCode == http.StatusUnauthorized || e.HTTPStatusCode == http.StatusForbidden
	case ErrRateLimited:
		return e.HTTPStatusCode == http.StatusTooManyRequests
	case ErrInvalidRequest:
		return e.Type == "invalid_request" || (e.Type == "" && e.HTTPStatusCode == http.StatusBadRequest)
	case ErrPayment:
		return e.Type == "payment" || e.HTTPStatusCode == http.StatusPaymentRequired
	case ErrOperationFailed:
		return e.Type == "operation_failed"
	}
	return false
}

// maxSnippet bounds how much of a non-JSON error body is kept in Message.
const maxSnippet = 256

// newError builds the *Error for a non-2xx response.
func newError(status int, header http.Header, body []byte, attempts int, retryAfter time.Duration) *Error {
	e := &Error{}
	trimmed := strings.TrimSpace(string(body))
	if len(trimmed) > 0 && trimmed[0] == '{' {
		// Legacy fields are read too, in case only they are present.
		var legacy struct {
			ErrorMsg   string `json:"error_msg"`
			ErrorParam string `json:"error_param"`
		}
		if json.Unmarshal(body, e) == nil {
			_ = json.Unmarshal(body, &legacy)
			if e.Message == "" {
				e.Message = legacy.ErrorMsg
			}
			if e.Param == "" {
				e.Param = legacy.ErrorParam
			}
		} else {
			*e = Error{Message: snippet(trimmed)}
		}
	} else if trimmed != "" {
		e.Message = snippet(trimmed)
	} else {
		e.Message = http.StatusText(status)
	}
	e.HTTPStatusCode = status
	e.Header = header
	e.Attempts = attempts
	e.RetryAfter = retryAfter
	return e
}

// snippet returns a bounded, single-line, printable excerpt of a body.
func snippet(s string) string {
	if len(s) > maxSnippet {
		s = s[:maxSnippet]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// ValidationError reports a request that failed client-side validation. It is
// returned before anything is sent. Param is the wire name of the offending
// parameter, for example "billing_address[line1]" or "payment_method[type]".
type ValidationError struct {
	// Param is the wire key of the parameter, as Chargebee would name it.
	Param string
	// Reason says what is wrong, for example "is required" or
	// "must be at most 150 characters".
	Reason string
}

// Error formats the parameter and reason. The parameter's value is never
// included, so no personal data ends up in logs.
func (e *ValidationError) Error() string {
	return "chargebee: invalid parameter " + e.Param + ": " + e.Reason
}

// DecodeError reports a successful HTTP status whose body could not be read
// as the expected response: empty, truncated, HTML or otherwise not the JSON
// the action returns. No partially decoded result is returned with it.
type DecodeError struct {
	// Method and Path identify the action (the path carries no query).
	Method, Path string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Err is the underlying decoding error.
	Err error
}

// Error names the action, status and decoding problem.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("chargebee: decoding response of %s %s (status %d): %v", e.Method, e.Path, e.StatusCode, e.Err)
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

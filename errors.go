package chargebee

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
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
	// called on a client configured for an API version that lacks it. It
	// comes inside a *ValidationError.
	ErrAPIVersion = errors.New("chargebee: action not available in this API version")
)

// Sentinels of the caller's own mistakes. Each comes inside a
// *ValidationError, returned before anything is sent, so both
// errors.Is(err, chargebee.ErrNilClient) and errors.As(err, &ve) work.
var (
	// ErrNilClient reports a call through a nil *Client, or through a
	// Client that NewClient did not make (the zero value), directly or via a
	// resource service. Create clients with NewClient.
	ErrNilClient = errors.New("chargebee: no client")
	// ErrNilService reports a call through a nil resource service (for
	// example a nil *customer.Service) or one made by NewService(nil).
	// Create services with NewService and a client from NewClient.
	ErrNilService = errors.New("chargebee: no service")
	// ErrNilContext reports a nil context.Context passed to a call.
	ErrNilContext = errors.New("chargebee: nil context")
	// ErrParams reports request parameters that cannot be encoded: a value
	// that is not a struct, url.Values or nil, or a field of an
	// unsupported type.
	ErrParams = errors.New("chargebee: parameters cannot be encoded")
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
	if e.Param != "" {
		b.WriteString(" (param ")
		b.WriteString(e.Param)
		b.WriteString(")")
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
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

// newError builds the *Error for a non-2xx response. Chargebee error JSON is
// read leniently: a field of an unexpected type is skipped rather than
// losing the others. A body that is not a JSON object leaves a bounded
// snippet of itself in Message; an empty body leaves the status text.
func newError(status int, header http.Header, body []byte, attempts int, retryAfter time.Duration) *Error {
	e := &Error{HTTPStatusCode: status, Header: header, Attempts: attempts, RetryAfter: retryAfter}
	trimmed := bytes.TrimSpace(body)
	var fields map[string]json.RawMessage
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &fields) == nil {
		str := func(keys ...string) string {
			for _, k := range keys {
				var s string
				if raw, ok := fields[k]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
					return s
				}
			}
			return ""
		}
		// The legacy error_msg and error_param are read when the current
		// names are absent.
		e.Message = str("message", "error_msg")
		e.Type = str("type")
		e.APIErrorCode = str("api_error_code")
		e.Param = str("param", "error_param")
		e.ErrorCode = str("error_code")
		e.ErrorCauseID = str("error_cause_id")
	} else if len(trimmed) > 0 {
		e.Message = snippet(string(trimmed))
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// snippet returns a bounded, single-line, printable excerpt of a body.
func snippet(s string) string {
	cut := len(s) > maxSnippet
	if cut {
		s = s[:maxSnippet]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if cut {
		s += "…"
	}
	return s
}

// ValidationError reports a caller's mistake found before anything is sent:
// a request that failed client-side validation, a bad option or argument, a
// nil or zero client, service or context, an action the client's API
// version lacks. Every error the SDK returns without contacting Chargebee is
// one, so errors.As(err, &ve) tells such errors from Chargebee's answers.
//
// Param is the wire name of the offending parameter, for example
// "billing_address[line1]" or "payment_method[type]", when there is one.
// Err, when set, is the sentinel the error belongs to (ErrNilClient,
// ErrNilService, ErrNilContext, ErrAPIVersion, ErrParams), for errors.Is.
type ValidationError struct {
	// Param is the wire key of the parameter, as Chargebee would name it,
	// or the name of the argument or option at fault. It may be empty.
	Param string
	// Reason says what is wrong, for example "is required" or
	// "must be at most 150 characters".
	Reason string
	// Err is the sentinel error this one belongs to, or nil.
	Err error
}

// Error formats the parameter and reason, or the sentinel and reason. The
// parameter's value is never included, so no personal data ends up in logs.
func (e *ValidationError) Error() string {
	switch {
	case e.Param != "":
		return "chargebee: invalid parameter " + e.Param + ": " + e.Reason
	case e.Err != nil && e.Reason != "":
		return e.Err.Error() + ": " + e.Reason
	case e.Err != nil:
		return e.Err.Error()
	}
	return "chargebee: invalid request: " + e.Reason
}

// Unwrap returns the sentinel the error belongs to, or nil.
func (e *ValidationError) Unwrap() error { return e.Err }

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

// ConnectionError reports a call that got no HTTP response on its last
// attempt: the connection failed or was dropped, an attempt timed out, or the
// context ended. It names the method and path only, never the query (which
// may carry personal data) nor any header. Err is the cause, so
// errors.Is(err, context.Canceled) and errors.As with a net.Error work.
type ConnectionError struct {
	// Method and Path identify the call; Path has no query.
	Method, Path string
	// Attempts is the number of HTTP attempts made.
	Attempts int
	// Err is the cause of the last attempt's failure.
	Err error
}

// Error names the call, the attempts and the cause.
func (e *ConnectionError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("chargebee: %s %s failed after %d attempts: %v", e.Method, e.Path, e.Attempts, e.Err)
	}
	return fmt.Sprintf("chargebee: %s %s failed: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *ConnectionError) Unwrap() error { return e.Err }

package chargebee

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go/internal/form"
	"github.com/billingkit/chargebee-go/internal/transport"
)

// Sentinel errors for errors.Is. A *Error matches those from ErrNotFound to
// ErrOperationFailed that fit its HTTP status and Chargebee error type.
var (
	// ErrNotFound matches 404 responses and the resource_not_found error code.
	ErrNotFound error = &sentinel{"chargebee: resource not found", func(e *Error) bool {
		return e.HTTPStatusCode == http.StatusNotFound || e.APIErrorCode == "resource_not_found"
	}}
	// ErrUnauthorized matches 401 and 403 responses (authentication or
	// authorization failed).
	ErrUnauthorized error = &sentinel{"chargebee: unauthorized", func(e *Error) bool {
		return e.HTTPStatusCode == http.StatusUnauthorized || e.HTTPStatusCode == http.StatusForbidden
	}}
	// ErrRateLimited matches 429 responses.
	ErrRateLimited error = &sentinel{"chargebee: rate limited", func(e *Error) bool { return e.HTTPStatusCode == http.StatusTooManyRequests }}
	// ErrInvalidRequest matches errors of type invalid_request, and 400
	// responses that carry no other type.
	ErrInvalidRequest error = &sentinel{"chargebee: invalid request", func(e *Error) bool {
		return e.Type == "invalid_request" || (e.Type == "" && e.HTTPStatusCode == http.StatusBadRequest)
	}}
	// ErrPayment matches errors of type payment and 402 responses.
	ErrPayment error = &sentinel{"chargebee: payment error", func(e *Error) bool {
		return e.Type == "payment" || e.HTTPStatusCode == http.StatusPaymentRequired
	}}
	// ErrOperationFailed matches errors of type operation_failed.
	ErrOperationFailed error = &sentinel{"chargebee: operation failed", func(e *Error) bool { return e.Type == "operation_failed" }}
	// ErrAPIVersion is returned, inside a *ValidationError and before
	// anything is sent, when an action is called on a client configured for
	// an API version that lacks it.
	ErrAPIVersion = errors.New("chargebee: action not available in this API version")
)

// sentinel is an error a *Error matches when match says it fits.
type sentinel struct {
	msg   string
	match func(*Error) bool
}

func (s *sentinel) Error() string { return s.msg }

// MaxParamDepth bounds how deeply the params of Client.Do may nest
// (structs, slices and maps inside one another). Chargebee's keys never
// nest more than three levels; a deeper value, such as one that refers to
// itself, fails with ErrParams before anything is sent.
const MaxParamDepth = form.MaxDepth

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
	// ErrParams reports request parameters that cannot be encoded: not a
	// struct, url.Values or nil, an unsupported field, or too deep a nesting.
	ErrParams = errors.New("chargebee: parameters cannot be encoded")
)

// Error is an error response from Chargebee: the status, headers and decoded
// error JSON of the final response, after the last attempt.
type Error struct {
	// HTTPStatusCode is the HTTP status of the final response.
	HTTPStatusCode int `json:"http_status_code"`
	// Message is Chargebee's message in full, or a bounded one-line excerpt
	// of a body that is not error JSON. Here and in every other field and
	// header the client's credentials are replaced by "[redacted]".
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

// Error formats the status, code, parameter and message (cut at 256 bytes)
// as one printable line, without headers or credentials. The message is
// the server's: a proxy that echoes the request can put its values there.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("chargebee: ")
	b.WriteString(strconv.Itoa(e.HTTPStatusCode))
	if e.APIErrorCode != "" {
		b.WriteString(" ")
		b.WriteString(snippet(e.APIErrorCode, maxShortText, false))
	}
	if e.Param != "" {
		b.WriteString(" (param ")
		b.WriteString(snippet(e.Param, maxShortText, false))
		b.WriteString(")")
	}
	b.WriteString(afterAttempts(e.Attempts))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(snippet(e.Message, maxSnippet, false))
	}
	return b.String()
}

// Is reports whether the error matches one of the package's sentinel errors.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	return ok && s.match(e)
}

// Bounds, in bytes, of the texts built from a response: messages and body
// excerpts, then error codes and parameter names.
const maxSnippet, maxShortText = 256, 100

// newError builds the *Error for a non-2xx response. Error JSON is read
// leniently (a field of an unexpected type is skipped); another body leaves
// an excerpt in Message, an empty one the status text. red removes the
// client's credentials from every field and header value.
func newError(red *redactor, res *transport.Result) *Error {
	// The legacy error_msg and error_param stand in for absent current names.
	body := &struct {
		Error
		ErrorMsg   string `json:"error_msg"`
		ErrorParam string `json:"error_param"`
	}{}
	e := &body.Error
	trimmed := bytes.TrimSpace(res.Body)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if err := json.Unmarshal(trimmed, body); err == nil || isTypeError(err) {
			trimmed = nil
		} else {
			*e = Error{} // not an object after all: quoted below
		}
	}
	e.Message, e.Type, e.APIErrorCode = red.text(e.Message), red.text(e.Type), red.text(e.APIErrorCode)
	e.Param, e.ErrorCode, e.ErrorCauseID = red.text(e.Param), red.text(e.ErrorCode), red.text(e.ErrorCauseID)
	e.Message = cmp.Or(e.Message, red.text(body.ErrorMsg))
	e.Param = cmp.Or(e.Param, red.text(body.ErrorParam))
	if len(trimmed) > 0 {
		// Only the start of the body is read, with room past the cut so
		// that a credential straddling it is still found whole.
		n := min(len(trimmed), maxSnippet+excerptSlack)
		e.Message = snippet(red.text(string(trimmed[:n])), maxSnippet, n < len(trimmed))
	}
	e.HTTPStatusCode, e.Header, e.Attempts, e.RetryAfter = res.StatusCode, red.header(res.Header), res.Attempts, res.RetryAfter
	e.Message = cmp.Or(e.Message, http.StatusText(res.StatusCode))
	return e
}

// isTypeError reports a JSON field of an unexpected type, which
// encoding/json skips while decoding the others.
func isTypeError(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// excerptSlack is how many bytes past an excerpt's end redaction reads.
const excerptSlack = 1024

// snippet returns s as one printable line of at most max bytes, cut at a
// character boundary: invalid UTF-8 becomes U+FFFD, control, format and
// separator characters become spaces, and a text cut here or before (cut)
// ends in "…". Every text the SDK builds from a response goes through it.
func snippet(s string, max int, cut bool) string {
	for i, r := range s {
		if i+utf8.RuneLen(r) > max {
			s, cut = s[:i], true
			break
		}
	}
	// Both return s itself, without copying it, when they change nothing.
	s = strings.Map(func(r rune) rune {
		if r != ' ' && r != utf8.RuneError && !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if cut {
		s += "…"
	}
	return s
}

// redactor removes one client's credentials (the Base64 credentials with or
// without padding, and the raw API key) from texts built from responses. A
// nil redactor changes nothing.
type redactor struct {
	r *strings.Replacer
	// secrets are the patterns of r, to pass texts without one untouched;
	// behind a pointer, so that fmt prints an address rather than them.
	secrets *[]string
}

// newRedactor returns the redactor of a client authenticated with apiKey,
// whose Basic auth credentials are token.
func newRedactor(token, apiKey string) *redactor {
	var pairs, secrets []string
	// The longer form comes first, as the Replacer tries patterns in order.
	// Secrets under 6 bytes are test keys, not worth garbling messages for.
	for _, secret := range []string{token, strings.TrimRight(token, "="), apiKey} {
		if len(secret) >= 6 {
			pairs = append(pairs, secret, "[redacted]")
			secrets = append(secrets, secret)
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	return &redactor{r: strings.NewReplacer(pairs...), secrets: &secrets}
}

// text returns s without the credentials; s itself, without copying it,
// when it holds none (the Replacer would copy every text).
func (r *redactor) text(s string) string {
	if r == nil || s == "" || !slices.ContainsFunc(*r.secrets, func(secret string) bool { return strings.Contains(s, secret) }) {
		return s
	}
	return r.r.Replace(s)
}

// header returns h, or a copy of it with the credentials removed from the
// values when any holds one (a proxy may echo the request's headers).
func (r *redactor) header(h http.Header) http.Header {
	out, copied := h, false
	for k, vs := range h {
		for i, v := range vs {
			if red := r.text(v); red != v {
				if !copied {
					out, copied = h.Clone(), true
				}
				out[k][i] = red
			}
		}
	}
	return out
}

// err returns err, or, when its text holds a credential, an error with the
// text redacted that still unwraps to err for errors.Is and errors.As.
func (r *redactor) err(err error) error {
	if err != nil {
		if s := err.Error(); r.text(s) != s {
			return &redactedError{text: r.text(s), err: err}
		}
	}
	return err
}

// redactedError is an error whose text had a credential removed.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// ValidationError reports a caller's mistake found before anything is sent
// (a failed validation, a bad option or argument, a nil client, service or
// context, an action of another API version), so that errors.As(err, &ve)
// tells such errors from Chargebee's answers.
type ValidationError struct {
	// Param is the wire key ("billing_address[line1]"), or the argument or
	// option at fault, or empty.
	Param string
	// Reason says what is wrong, for example "is required" or
	// "must be at most 150 characters".
	Reason string
	// Err is the sentinel the error belongs to (ErrNilClient,
	// ErrNilService, ErrNilContext, ErrAPIVersion, ErrParams), or nil.
	Err error
}

// Error formats the parameter and reason, or the sentinel and reason. The
// parameter's value is never included, so no personal data ends up in logs.
func (e *ValidationError) Error() string {
	switch {
	case e.Param != "":
		// A parameter may be named after a caller's map key.
		return "chargebee: invalid parameter " + snippet(e.Param, maxShortText, false) + ": " + e.Reason
	case e.Err != nil && e.Reason != "":
		return e.Err.Error() + ": " + e.Reason
	case e.Err != nil:
		return e.Err.Error()
	}
	return "chargebee: invalid request: " + e.Reason
}

// Unwrap returns the sentinel the error belongs to, or nil.
func (e *ValidationError) Unwrap() error { return e.Err }

// DecodeError reports a 2xx response whose body is not the JSON the action
// returns (empty, truncated, HTML...). No partial result comes with it.
type DecodeError struct {
	// Method and Path identify the action (the path carries no query).
	Method, Path string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Err is the underlying decoding error.
	Err error
}

// ConnectionError reports a call that got no HTTP response on its last
// attempt: the connection failed, an attempt timed out, or the context
// ended. It names no query nor header. Err is the cause, for errors.Is(err,
// context.Canceled) and errors.As with a net.Error.
type ConnectionError struct {
	// Method and Path identify the call; Path has no query.
	Method, Path string
	// Attempts is the number of HTTP attempts made: 0 when nothing was
	// sent (a Limiter refused the call, or the context ended first).
	Attempts int
	// Err is the cause of the last attempt's failure.
	Err error
}

// Error names the action, status and decoding problem on one bounded line.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("chargebee: decoding response of %s %s (status %d): %s", e.Method, e.Path, e.StatusCode, causeText(e.Err))
}

// Error names the call, the attempts and the cause.
func (e *ConnectionError) Error() string {
	return fmt.Sprintf("chargebee: %s %s failed%s: %s", e.Method, e.Path, afterAttempts(e.Attempts), causeText(e.Err))
}

// afterAttempts is " after N attempts" for several attempts, else "".
func afterAttempts(n int) string {
	if n > 1 {
		return fmt.Sprintf(" after %d attempts", n)
	}
	return ""
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// Unwrap returns the cause.
func (e *ConnectionError) Unwrap() error { return e.Err }

// causeText is a cause's message, "" for nil, bounded and made printable:
// it may quote what the server sent.
func causeText(err error) string {
	if err == nil {
		return ""
	}
	return snippet(err.Error(), maxSnippet, false)
}

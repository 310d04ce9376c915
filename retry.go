package chargebee

import (
	"context"
	"errors"
	"fmt"

	"github.com/billingkit/chargebee-go/internal/transport"
)

// ErrResponseTooLarge is wrapped by the *DecodeError of a 2xx response
// whose body exceeds the SDK's read cap of 64 MiB. Nothing of such a body is
// decoded, and the call is not retried. Another status over the cap gives
// its *Error, with the status text as Message, retried as that status is.
var ErrResponseTooLarge = errors.New("chargebee: " + transport.ErrBodyTooLarge.Error())

// tooLarge is the cause in the *DecodeError of a body over the read cap.
type tooLarge struct{}

func (tooLarge) Error() string        { return transport.ErrBodyTooLarge.Error() }
func (tooLarge) Is(target error) bool { return target == ErrResponseTooLarge }

// IsRetryable reports whether err is a failure of the kind the SDK retries,
// also once its retries ran out: a transient connection failure, or a
// response with status 429 or a 5xx other than 501. It is false for other
// errors and for a call ended by its context. It describes the failure, not
// the call: a POST without an idempotency key is never retried.
func IsRetryable(err error) bool {
	var ce *ConnectionError
	var e *Error
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return false
	case errors.As(err, &ce):
		return transport.Transient(ce.Err)
	case errors.As(err, &e) && !errors.Is(err, context.DeadlineExceeded):
		return transport.RetryableStatus(e.HTTPStatusCode)
	}
	return false
}

// interruptedError reports a call whose context ended after it had got a
// response, for example while waiting to retry a 503. It matches both the
// context's error (errors.Is) and the last response's *Error (errors.As).
type interruptedError struct {
	method, path string
	attempts     int
	err          error  // matches the context's error
	last         *Error // the last response received
}

func (e *interruptedError) Error() string {
	return fmt.Sprintf("chargebee: %s %s stopped%s: %v; last response: %v", e.method, e.path, afterAttempts(e.attempts), e.err, e.last)
}

// Unwrap returns the context's error and the last response's *Error.
func (e *interruptedError) Unwrap() []error { return []error{e.err, e.last} }

package redis

import "errors"

// ErrUnavailable matches, with errors.Is, every error of this package that
// comes from Redis being unreachable or failing.
var ErrUnavailable = errors.New("redis unavailable")

// UnavailableError reports that Redis could not answer an operation. The
// call or webhook delivery that needed it was not carried out.
type UnavailableError struct {
	// Op names what needed Redis: "rate limit", "webhook claim",
	// "webhook complete" or "webhook release".
	Op string
	// Err is go-redis's error.
	Err error
}

// Error names the operation and the cause.
func (e *UnavailableError) Error() string {
	return "chargebee redis: " + e.Op + ": redis unavailable: " + e.Err.Error()
}

// Unwrap returns go-redis's error.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnavailable.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

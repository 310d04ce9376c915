package chargebee_test

import (
	"context"
	"errors"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// A nil context is a caller's mistake like any other bad input: the
// iterator yields an error, fetches nothing and does not panic.
func TestPaginateNilContext(t *testing.T) {
	t.Parallel()
	var nilCtx context.Context
	fetched := 0
	n := 0
	for e, err := range chargebee.Paginate(nilCtx, func(context.Context, string) (*chargebee.Page[int], error) {
		fetched++
		return &chargebee.Page[int]{Items: []int{1}}, nil
	}) {
		n++
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, chargebee.ErrNilContext) || e != nil || err.Error() != "chargebee: nil context" {
			t.Errorf("yielded %v, %v; want nil and a nil-context error", e, err)
		}
	}
	if n != 1 || fetched != 0 {
		t.Errorf("%d yields and %d fetches, want 1 and 0", n, fetched)
	}
}

// A nil fetch function is a caller's mistake too: the iterator yields one
// *ValidationError instead of panicking.
func TestPaginateNilFetch(t *testing.T) {
	t.Parallel()
	n := 0
	for e, err := range chargebee.Paginate[int](context.Background(), nil) {
		n++
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || e != nil || err.Error() != "chargebee: invalid request: nil fetch function" {
			t.Errorf("yielded %v, %v; want nil and a *ValidationError", e, err)
		}
	}
	if n != 1 {
		t.Errorf("%d yields, want 1", n)
	}
}

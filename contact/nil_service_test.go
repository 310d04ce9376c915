package contact

import (
	"context"
	"testing"
)

// A nil *Service is a caller's mistake: every method returns an error
// instead of panicking.
func TestNilServiceFailsWithoutPanic(t *testing.T) {
	t.Parallel()
	var s *Service
	ctx := context.Background()
	var errs []error
	_, err := s.ListPage(ctx, "c1", nil)
	errs = append(errs, err)
	for _, err := range s.List(ctx, "c1", nil) {
		errs = append(errs, err)
	}
	_, err = s.Add(ctx, "c1", NewAddRequest().SetEmail("a@acme.com"))
	errs = append(errs, err)
	_, err = s.Update(ctx, "c1", NewUpdateRequest().SetID("ct1"))
	errs = append(errs, err)
	_, err = s.Delete(ctx, "c1", "ct1")
	errs = append(errs, err)
	if len(errs) != 5 {
		t.Fatalf("%d results, want 5", len(errs))
	}
	for i, err := range errs {
		if err == nil {
			t.Errorf("call %d: no error", i)
		}
	}
}

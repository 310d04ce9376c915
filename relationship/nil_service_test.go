package relationship

import (
	"context"
	"errors"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// A nil *Service is a caller's mistake: every method returns an error
// instead of panicking.
func TestNilServiceFailsWithoutPanic(t *testing.T) {
	t.Parallel()
	var s *Service
	ctx := context.Background()
	var errs []error
	_, err := s.Link(ctx, "c1", NewLinkRequest().SetParentID("p1"))
	errs = append(errs, err)
	_, err = s.Unlink(ctx, "c1")
	errs = append(errs, err)
	_, err = s.UpdateSettings(ctx, "c1", nil)
	errs = append(errs, err)
	_, err = s.Hierarchy(ctx, "c1", HierarchyComplete)
	errs = append(errs, err)
	_, err = s.Tree(ctx, "c1")
	errs = append(errs, err)
	_, err = s.ListDetailPage(ctx, "c1", NewListDetailRequest().SetHierarchyOperationType(HierarchySubordinates))
	errs = append(errs, err)
	for _, err := range s.ListDetail(ctx, "c1", NewListDetailRequest().SetHierarchyOperationType(HierarchySubordinates)) {
		errs = append(errs, err)
	}
	_, err = s.CreateChild(ctx, "p1", nil, nil)
	errs = append(errs, err)
	if len(errs) != 8 {
		t.Fatalf("%d results, want 8", len(errs))
	}
	for i, err := range errs {
		if !errors.Is(err, chargebee.ErrNilService) {
			t.Errorf("call %d: err = %v, want the nil-service error", i, err)
		}
	}
}

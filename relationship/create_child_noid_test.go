package relationship

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go/internal/testutil"
)

// A create answer whose customer has no id leaves nothing to link:
// CreateChild sends no link call and returns a *LinkError that says so,
// rather than a validation error about the link's empty customer id.
func TestCreateChildAnswerWithoutID(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(`{"customer":{"first_name":"Kid"}}`))
	res, err := NewService(m.CB).CreateChild(context.Background(), "parent_1", nil, nil)
	var le *LinkError
	if res != nil || !errors.As(err, &le) || !errors.Is(err, errNoCreatedID) {
		t.Fatalf("CreateChild = %+v, %v; want a *LinkError for the missing id", res, err)
	}
	if le.CustomerID != "" || le.ParentID != "parent_1" || le.Customer == nil || le.Customer.FirstName != "Kid" {
		t.Errorf("LinkError = %+v", le)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "relationship: a customer was created but not linked to parent parent_1: ") {
		t.Errorf("err = %q", msg)
	}
	if n := len(m.Requests()); n != 1 {
		t.Errorf("%d requests, want only the create", n)
	}
}

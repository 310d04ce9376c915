package contact

import (
	"net/url"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// The shared httpmock harness, under the short names this package's tests
// use.
type (
	sent  = testutil.Sent
	reply = testutil.Reply
	mock  = testutil.Mock
)

func newMock(t *testing.T, replies []reply, opts ...chargebee.Option) *mock {
	t.Helper()
	return testutil.NewMock(t, replies, opts...)
}

func ok(body string) []reply { return testutil.OK(body) }

func expect(t *testing.T, got sent, method, path string, values url.Values) {
	t.Helper()
	testutil.Expect(t, got, method, path, values)
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	return testutil.Fixture(t, name)
}

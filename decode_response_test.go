package chargebee_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// selfDecoding decodes a response body itself through DecodeResponse.
type selfDecoding struct {
	body string
	err  error
}

func (s *selfDecoding) DecodeResponse(body []byte) error {
	s.body = string(body)
	return s.err
}

// TestDoDecodeResponse checks that Do hands the whole body to an out with
// a DecodeResponse method, reports its error as a *DecodeError, and still
// refuses an empty body before calling it.
func TestDoDecodeResponse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const body = " {\"customer\":{\"id\":\"c\"}} \n"
	cb, _, _ := newMockClient(t, []reply{{status: 200, body: body}})
	var out selfDecoding
	if err := cb.Do(ctx, http.MethodGet, "/customers/c", nil, &out); err != nil || out.body != body {
		t.Errorf("Do = %v, body %q; want the body as sent", err, out.body)
	}

	errBad := errors.New("no customer")
	bad := selfDecoding{err: errBad}
	err := cb.Do(ctx, http.MethodGet, "/customers/c", nil, &bad)
	var de *chargebee.DecodeError
	if !errors.As(err, &de) || !errors.Is(err, errBad) || de.StatusCode != 200 || de.Path != "/api/v2/customers/c" || de.Method != "GET" {
		t.Errorf("Do = %v, want a *DecodeError wrapping the method's error", err)
	}

	empty, _, _ := newMockClient(t, []reply{{status: 200, body: "  "}})
	called := selfDecoding{body: "untouched"}
	if err := empty.Do(ctx, http.MethodGet, "/customers/c", nil, &called); !errors.As(err, &de) || called.body != "untouched" {
		t.Errorf("empty body: Do = %v, DecodeResponse saw %q", err, called.body)
	}
}

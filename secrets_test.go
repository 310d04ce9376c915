package chargebee_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

// The e-mail is personal data: it goes in the query of a list call and in
// the body of a create call, and must show up in no log line or error.
const privateEmail = "private.person+vip@example.org"

// secrets are strings that must never be logged or put in an error.
var secrets = []string{
	testKey,
	testAuth,
	strings.TrimPrefix(testAuth, "Basic "),
	"private.person",
	"private.person%2Bvip",
	"vip@example",
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func debugLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

func assertNoSecrets(t *testing.T, where, s string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains %q:\n%s", where, secret, s)
		}
	}
}

func listParams() *params {
	return &params{EmailFilter: &chargebee.StringFilter{Is: privateEmail}}
}

func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	t.Parallel()
	logger, logs := debugLogger()
	cb, mt, rec := newMockClient(t, []reply{{status: 500, body: `{"message":"internal error","api_error_code":"internal_error"}`}},
		chargebee.WithLogger(logger), chargebee.WithMaxRetries(1))
	ctx := context.Background()

	err := cb.Do(ctx, "GET", "/customers", listParams(), &customerResult{})
	var ce *chargebee.Error
	if !errors.As(err, &ce) || ce.Attempts != 2 {
		t.Fatalf("err = %v", err)
	}
	if got := rec.all()[0].Query.Get("email_filter[is]"); got != privateEmail {
		t.Fatalf("query value not sent: %q", got) // the secret did go on the wire
	}
	err2 := cb.Do(ctx, "POST", "/customers", &params{Email: chargebee.String(privateEmail)}, nil)
	if err2 == nil {
		t.Fatal("POST succeeded")
	}
	if mt.GetTotalCallCount() != 4 {
		t.Errorf("calls = %d", mt.GetTotalCallCount())
	}

	out := logs.String()
	assertNoSecrets(t, "log", out)
	assertNoSecrets(t, "err.Error()", err.Error()+err2.Error())
	assertNoSecrets(t, "formatted err", fmtAll(err)+fmtAll(err2))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one log line per attempt (4), got %d:\n%s", len(lines), out)
	}
	for i, want := range []string{"method=GET", "method=GET", "method=POST", "method=POST"} {
		attempt := fmt.Sprintf("attempt=%d", i%2+1)
		for _, w := range []string{want, "path=/api/v2/customers ", "status=500", attempt, "duration="} {
			if !strings.Contains(lines[i], w) {
				t.Errorf("log line %d lacks %q: %s", i+1, w, lines[i])
			}
		}
	}
}

func TestSecretsStayOutOfConnectionErrors(t *testing.T) {
	t.Parallel()
	// A loopback server that drops every connection: every attempt fails,
	// and the *url.Error of net/http would carry the full URL with its query.
	base := testutil.DroppingServerURL(t)

	logger, logs := debugLogger()
	cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL(base), chargebee.WithLogger(logger),
		chargebee.WithMaxRetries(1), chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	err = cb.Do(context.Background(), "GET", "/customers", listParams(), nil)
	if err == nil {
		t.Fatal("call to a closed port succeeded")
	}
	if !strings.Contains(err.Error(), "GET /api/v2/customers") || !strings.Contains(err.Error(), "2 attempt") {
		t.Errorf("err = %q, want it to name the call and attempts", err)
	}
	assertNoSecrets(t, "err.Error()", err.Error())
	assertNoSecrets(t, "formatted err", fmtAll(err))
	for e := err; e != nil; e = errors.Unwrap(e) {
		assertNoSecrets(t, fmt.Sprintf("wrapped %T", e), e.Error())
	}
	assertNoSecrets(t, "log", logs.String())
	// The server closes each connection at once: the client sees either
	// an EOF or a reset, depending on timing.
	if !strings.Contains(logs.String(), "error=\"connection closed\"") && !strings.Contains(logs.String(), "error=\"connection error\"") {
		t.Errorf("log does not classify the failure:\n%s", logs.String())
	}

	// The same through a mock transport, and through a paging iterator.
	cb2, _, _ := newMockClient(t, []reply{{err: syscall.ECONNRESET}},
		chargebee.WithLogger(logger), chargebee.WithMaxRetries(0))
	for _, err := range chargebee.Paginate(context.Background(), func(ctx context.Context, offset string) (*chargebee.Page[customerResult], error) {
		var p chargebee.Page[customerResult]
		return &p, cb2.Do(ctx, "GET", "/customers", listParams(), &p)
	}) {
		if err == nil {
			t.Fatal("no error")
		}
		assertNoSecrets(t, "iterator error", fmtAll(err))
	}
	assertNoSecrets(t, "log", logs.String())
}

func TestLoggerQuietWhenLevelDisabled(t *testing.T) {
	t.Parallel()
	buf := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cb, _, _ := newMockClient(t, []reply{{status: 200, body: "{}"}}, chargebee.WithLogger(logger))
	if err := cb.Do(context.Background(), "GET", "/customers", nil, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "" {
		t.Errorf("a success was logged at warn level: %s", buf.String())
	}
}

// An error quotes what the server sent with only the client's credentials
// redacted: a proxy that echoes the request into a non-JSON body puts its
// query values in Error.Message. The README must not promise otherwise.
func TestEchoedRequestValuesAreQuoted(t *testing.T) {
	t.Parallel()
	echo := fmt.Sprintf("bad gateway for GET /customers?email=%s with %s", privateEmail, testAuth)
	cb, _, _ := newMockClient(t, []reply{{status: 502, body: echo}}, chargebee.WithMaxRetries(0))
	err := cb.Do(context.Background(), "GET", "/customers", url.Values{"email": {privateEmail}}, nil)
	var e *chargebee.Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, privateEmail) || strings.Contains(e.Message, testAuth) || !strings.Contains(e.Message, "[redacted]") {
		t.Fatalf("err = %v, want the echoed query value quoted and the credentials redacted", err)
	}
	readme, rerr := os.ReadFile("README.md")
	if rerr != nil {
		t.Fatal(rerr)
	}
	promise := regexp.MustCompile(`query values(?: and|,)?\s+(?:request\s+)?bodies\s+never\s+appear|No error string or log line contains[^.]*query values`)
	if m := promise.Find(readme); m != nil {
		t.Errorf("README.md promises what an echoing proxy breaks: %q", m)
	}
}

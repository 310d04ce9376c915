package chargebee_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
)

// maxErrorText bounds Error() of a *chargebee.Error: the prefix, status,
// attempts, code and parameter (100 bytes each) and the message (256
// bytes), with room to spare.
const maxErrorText = 600

// assertOneLine fails unless s is valid UTF-8, at most max bytes, and holds
// only printable characters (no CR, LF, ESC, line separators or
// bidirectional overrides).
func assertOneLine(t *testing.T, where, s string, max int) {
	t.Helper()
	if len(s) > max {
		t.Errorf("%s is %d bytes, want at most %d", where, len(s), max)
	}
	if !utf8.ValidString(s) {
		t.Errorf("%s is not valid UTF-8: %q", where, s)
	}
	for _, r := range s {
		if r != ' ' && !unicode.IsPrint(r) {
			t.Errorf("%s holds %U: %q", where, r, s)
			return
		}
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Error() of an error built from Chargebee error JSON is one printable line
// of bounded length, whatever the message, code and parameter hold; the
// fields keep the full text.
func TestErrorTextFromJSONIsOneBoundedLine(t *testing.T) {
	t.Parallel()
	hostile := "line one\r\nline two\x1b[31m red \x1b[0m\u2028sep\u202eevil\u0085next\x00nul\x7f"
	huge := strings.Repeat("x", 1<<20)
	tests := []struct {
		name                 string
		message, code, param string
		wantPrefix           string // Error() starts with this
	}{
		{"control characters", hostile, "code\r\nX-Injected: 1", "param\x1b[2J", "chargebee: 400 code  X-Injected: 1 (param param [2J): line one  line two [31m red  [0m sep evil next nul "},
		{"1 MB message", huge, "param_wrong_value", "email", "chargebee: 400 param_wrong_value (param email): xxxx"},
		{"1 MB code and parameter", "m", huge, huge, "chargebee: 400 xxxx"},
		{"multi-byte message", strings.Repeat("é", 1000), "c", "p", "chargebee: 400 c (param p): éé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := fmt.Sprintf(`{"message":%s,"type":"invalid_request","api_error_code":%s,"param":%s}`,
				jsonString(tt.message), jsonString(tt.code), jsonString(tt.param))
			cb, _, _ := newMockClient(t, []reply{{status: 400, body: body}}, chargebee.WithMaxRetries(0))
			err := cb.Do(context.Background(), "GET", "/customers/x", nil, &customerResult{})
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *chargebee.Error", err)
			}
			if ce.Message != tt.message || ce.APIErrorCode != tt.code || ce.Param != tt.param {
				t.Errorf("fields lost text: Message %d bytes (want %d), APIErrorCode %d (want %d), Param %d (want %d)",
					len(ce.Message), len(tt.message), len(ce.APIErrorCode), len(tt.code), len(ce.Param), len(tt.param))
			}
			text := err.Error()
			assertOneLine(t, "Error()", text, maxErrorText)
			if !strings.HasPrefix(text, tt.wantPrefix) {
				t.Errorf("Error() = %q, want it to start with %q", text, tt.wantPrefix)
			}
			if len(tt.message) > 256 && !strings.HasSuffix(text, "…") {
				t.Errorf("Error() = %q does not mark the cut message", text)
			}
			for _, verb := range []string{"%v", "%+v", "%s"} {
				if got := fmt.Sprintf(verb, err); got != text {
					t.Errorf("%s gives %q, want Error()", verb, got)
				}
			}
		})
	}
}

// A non-JSON body goes through the same mechanism: its excerpt is one
// printable line, cut at 256 bytes on a character boundary.
func TestErrorTextFromNonJSONBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, prefix, suffix string
	}{
		{"HTML with control characters",
			"<html>\r\n<title>502\x1b[0m Bad Gateway</title>\u2028" + strings.Repeat("é", 1<<19) + "</html>",
			"<html>  <title>502 [0m Bad Gateway</title> éé", "é…"},
		{"invalid UTF-8", "bad " + strings.Repeat("\xff\xfe", 1<<10) + " end", "bad \uFFFD", "…"},
		{"short body", "upstream timed out\n", "upstream timed out", "out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cb, _, _ := newMockClient(t, []reply{{status: 502, body: tt.body}}, chargebee.WithMaxRetries(0))
			err := cb.Do(context.Background(), "GET", "/customers", nil, nil)
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v", err)
			}
			assertOneLine(t, "Message", ce.Message, 256+len("…"))
			assertOneLine(t, "Error()", err.Error(), maxErrorText)
			if !strings.HasPrefix(ce.Message, tt.prefix) || !strings.HasSuffix(ce.Message, tt.suffix) {
				t.Errorf("Message = %q, want %q...%q", ce.Message, tt.prefix, tt.suffix)
			}
		})
	}
}

// quotingDecoder fails with an error that quotes the whole body, as a
// careless decoder might.
type quotingDecoder struct{}

func (quotingDecoder) DecodeResponse(body []byte) error {
	return errors.New("cannot read " + string(body))
}

// A DecodeError's text is one bounded printable line too, even when the
// decoder quotes the response.
func TestDecodeErrorTextIsOneBoundedLine(t *testing.T) {
	t.Parallel()
	body := "{\"a\":\"1\r\n2\x1b[31m\u2028" + strings.Repeat("z", 1<<20) + "\"}"
	cb, _, _ := newMockClient(t, []reply{{status: 200, body: body}}, chargebee.WithMaxRetries(0))
	err := cb.Do(context.Background(), "GET", "/customers/c", nil, quotingDecoder{})
	var de *chargebee.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want *DecodeError", err)
	}
	assertOneLine(t, "Error()", err.Error(), 400)
	if want := `(status 200): cannot read {"a":"1  2 [31m zzz`; !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), "z…") {
		t.Errorf("Error() = %q, want it to hold %q and end with z…", err, want)
	}
	if len(de.Err.Error()) != len(body)+len("cannot read ") {
		t.Errorf("the wrapped error lost text: %d bytes", len(de.Err.Error()))
	}
}

// The key and the Authorization value the client sends must not come back
// in anything the SDK builds from a response, when a proxy or a server
// echoes them: not in Error(), nor in %v, %+v, %#v of the error, nor in its
// fields or headers, nor in a DecodeError.
func TestEchoedCredentialsAreRedacted(t *testing.T) {
	t.Parallel()
	token := strings.TrimPrefix(testAuth, "Basic ")
	echo := "GET /api/v2/customers HTTP/1.1\r\nAuthorization: " + testAuth + "\r\nX-Key: " + testKey + "\r\nX-Bare: " + strings.TrimRight(token, "=") + "\r\n"
	tests := []struct {
		name   string
		status int
		body   string
		header map[string]string
		out    any
		quiet  bool // Error() does not show the echo
		check  func(t *testing.T, err error)
	}{
		{
			name: "proxy error page", status: 502,
			body: "<html><h1>502 Bad Gateway</h1><pre>" + echo + "</pre></html>",
		},
		{
			name: "credential across the excerpt's cut", status: 502,
			// The Authorization value starts just before byte 256.
			body: strings.Repeat("a", 220) + "Authorization: " + testAuth + strings.Repeat("b", 300),
			check: func(t *testing.T, err error) {
				var ce *chargebee.Error
				if errors.As(err, &ce) && !strings.HasPrefix(ce.Message, strings.Repeat("a", 220)+"Authorization: Basic [redacted]") {
					t.Errorf("Message = %q, want the credential redacted before the cut", ce.Message)
				}
			},
		},
		{
			name: "Chargebee JSON quoting the request", status: 401,
			body: `{"message":` + jsonString("authentication failed for "+echo) + `,"api_error_code":` + jsonString(testKey) +
				`,"param":` + jsonString(token) + `,"error_code":"api_authentication_failed","type":"invalid_request"}`,
			check: func(t *testing.T, err error) {
				var ce *chargebee.Error
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v", err)
				}
				want := "authentication failed for GET /api/v2/customers HTTP/1.1\r\nAuthorization: Basic [redacted]\r\nX-Key: [redacted]\r\nX-Bare: [redacted]\r\n"
				if ce.Message != want || ce.APIErrorCode != "[redacted]" || ce.Param != "[redacted]" || ce.ErrorCode != "api_authentication_failed" {
					t.Errorf("fields %q, %q, %q, %q", ce.Message, ce.APIErrorCode, ce.Param, ce.ErrorCode)
				}
			},
		},
		{
			name: "headers echoing the request", status: 500, body: `{"message":"boom"}`, quiet: true,
			header: map[string]string{"X-Echo-Authorization": testAuth, "X-Echo-Key": testKey, "X-Request-Id": "req-1"},
			check: func(t *testing.T, err error) {
				var ce *chargebee.Error
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v", err)
				}
				if got := ce.Header.Get("X-Echo-Authorization"); got != "Basic [redacted]" {
					t.Errorf("X-Echo-Authorization = %q", got)
				}
				if ce.Header.Get("X-Echo-Key") != "[redacted]" || ce.Header.Get("X-Request-Id") != "req-1" {
					t.Errorf("Header = %v", ce.Header)
				}
			},
		},
		{
			name: "decoder quoting the response", status: 200,
			body: `{"customer":{"id":"c","created_at":` + jsonString(testKey) + `}}`, out: &customerResult{},
			check: func(t *testing.T, err error) {
				var de *chargebee.DecodeError
				var te *json.UnmarshalTypeError
				if !errors.As(err, &de) || !errors.As(err, &te) {
					t.Fatalf("err = %v (%T), want a *DecodeError wrapping the *json.UnmarshalTypeError", err, err)
				}
				if !strings.Contains(err.Error(), `timestamp "[redacted]"`) {
					t.Errorf("Error() = %q", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			logger, logs := debugLogger()
			cb, _, _ := newMockClient(t, []reply{{status: tt.status, body: tt.body, header: tt.header}},
				chargebee.WithMaxRetries(0), chargebee.WithLogger(logger))
			err := cb.Do(context.Background(), "GET", "/customers/c", nil, tt.out)
			if err == nil {
				t.Fatal("no error")
			}
			if !tt.quiet && !strings.Contains(err.Error(), "[redacted]") {
				t.Errorf("Error() = %q, want [redacted] in place of the credential", err)
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				text := fmt.Sprintf(verb, err)
				for _, secret := range []string{testKey, token, strings.TrimRight(token, "="), token[:12]} {
					if strings.Contains(text, secret) {
						t.Errorf("%s holds %q: %s", verb, secret, text)
					}
				}
			}
			var ce *chargebee.Error
			if errors.As(err, &ce) {
				fields := fmt.Sprintf("%#v", *ce)
				assertNoSecrets(t, "fields of *chargebee.Error", fields)
				if strings.Contains(fields, token[:12]) {
					t.Errorf("fields hold part of the credentials: %s", fields)
				}
			}
			assertNoSecrets(t, "logs", logs.String())
			if tt.check != nil {
				tt.check(t, err)
			}
		})
	}
}

// A server that answers with the request's credentials in its status line
// makes net/http quote them in its error: they must not reach the
// *ConnectionError's text either, and the text stays one bounded printable
// line.
func TestMalformedResponseEchoIsRedacted(t *testing.T) {
	t.Parallel()
	token := strings.TrimPrefix(testAuth, "Basic ")
	tests := []struct {
		name, statusLine, want string
	}{
		{"credentials as the status code", "HTTP/1.1 " + token + " OK", `malformed HTTP status code "[redacted]"`},
		{"key and junk as the whole line", testKey + "\x1b[2J" + strings.Repeat("z", 2000), `malformed HTTP response "[redacted]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = ln.Close() })
			go func() {
				for {
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						defer conn.Close()
						_, _ = bufio.NewReader(conn).ReadString('\n')
						_, _ = io.WriteString(conn, tt.statusLine+"\r\n\r\n")
					}()
				}
			}()
			cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithBaseURL("http://"+ln.Addr().String()), chargebee.WithMaxRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			err = cb.Do(context.Background(), "GET", "/customers", nil, nil)
			var ce *chargebee.ConnectionError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want *ConnectionError", err, err)
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				if text := fmt.Sprintf(verb, err); strings.Contains(text, token[:12]) || strings.Contains(text, testKey) {
					t.Errorf("%s holds the credential: %s", verb, text)
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Error() = %q, want it to hold %q", err, tt.want)
			}
			assertOneLine(t, "Error()", err.Error(), 400)
		})
	}
}

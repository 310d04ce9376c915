package chargebee_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

// FuzzErrorBody feeds arbitrary statuses and bodies through Do: every
// non-2xx status gives a *chargebee.Error with that status and a bounded,
// printable message, and nothing panics.
func FuzzErrorBody(f *testing.F) {
	f.Add(404, notFoundJSON())
	f.Add(500, "")
	f.Add(502, "<html>bad gateway</html>")
	f.Add(400, `{"message":7,"type":["x"],"param":{}}`)
	f.Add(200, `{"customer":{"id":1}}`)
	f.Add(429, "\xff\xfe{")
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 200 || status > 599 {
			return
		}
		mt := httpmock.NewMockTransport()
		mt.RegisterNoResponder(httpmock.NewStringResponder(status, body))
		cb, err := chargebee.NewClient(testSite, testKey, chargebee.WithHTTPClient(&http.Client{Transport: mt}), chargebee.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		var out customerResult
		err = cb.Do(context.Background(), "GET", "/customers/x", nil, &out)
		if status >= 300 {
			var ce *chargebee.Error
			if !errors.As(err, &ce) {
				t.Fatalf("status %d: err %v, want *chargebee.Error", status, err)
			}
			if ce.HTTPStatusCode != status || ce.Attempts != 1 {
				t.Fatalf("Error = %+v", ce)
			}
			msg := err.Error()
			if !utf8.ValidString(ce.Message) || strings.ContainsAny(ce.Message, "\r\n") && !json.Valid([]byte(body)) {
				t.Fatalf("message %q", ce.Message)
			}
			if len(ce.Message) > len(body)+300 {
				t.Fatalf("message longer than expected: %d bytes", len(ce.Message))
			}
			// Error() is one printable line of bounded length, whatever
			// the body holds.
			if len(msg) > maxErrorText || !utf8.ValidString(msg) || strings.IndexFunc(msg, func(r rune) bool { return r != ' ' && !unicode.IsPrint(r) }) >= 0 {
				t.Fatalf("Error() is not one bounded printable line: %q", msg)
			}
			return
		}
		var de *chargebee.DecodeError
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("status %d: err %v, want nil or *DecodeError", status, err)
		}
	})
}

// FuzzTimestamp checks that any JSON value decodes into a Timestamp or
// fails with an error, never a panic, and that integers round-trip.
func FuzzTimestamp(f *testing.F) {
	for _, s := range []string{"1700000000", "null", "1.7e9", `"x"`, "-1", "9223372036854775807", "1e400", "{}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var ts chargebee.Timestamp
		err := json.Unmarshal([]byte(s), &ts)
		if err != nil {
			return
		}
		var n int64
		if json.Unmarshal([]byte(s), &n) == nil && int64(ts) != n {
			t.Fatalf("%s decoded to %d, want %d", s, ts, n)
		}
	})
}

func TestTimestampJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    chargebee.Timestamp
		wantErr bool
	}{
		{"1700000000", 1700000000, false},
		{"null", 0, false},
		{"1.7e9", 1700000000, false},
		{"1700000000.9", 1700000000, false},
		{"-5", -5, false},
		{"1e300", 0, true},
		{`"1700000000"`, 0, true},
		{"true", 0, true},
	}
	for _, tt := range tests {
		var ts chargebee.Timestamp
		err := json.Unmarshal([]byte(tt.in), &ts)
		if (err != nil) != tt.wantErr || ts != tt.want {
			t.Errorf("Unmarshal(%s) = %d, %v", tt.in, ts, err)
		}
	}
	ts := chargebee.NewTimestamp(time.Date(2023, 11, 14, 22, 13, 20, 5, time.UTC))
	b, _ := json.Marshal(ts)
	if ts != 1700000000 || string(b) != "1700000000" || ts.String() != "2023-11-14T22:13:20Z" || ts.IsZero() ||
		!ts.Time().Equal(time.Unix(1700000000, 0)) || ts.Time().Location() != time.UTC {
		t.Errorf("Timestamp %d marshals to %s, String %s", ts, b, ts)
	}
	var zero chargebee.Timestamp
	if !zero.IsZero() {
		t.Error("zero Timestamp not IsZero")
	}
	if *chargebee.Ptr(3) != 3 || *chargebee.String("s") != "s" || !*chargebee.Bool(true) || *chargebee.Int32(-1) != -1 || *chargebee.Int64(1 << 40) != 1<<40 {
		t.Error("pointer helpers")
	}
}

package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
)

// pager is a RoundTripper serving a list of pages pages of size entries
// each, page n at offset "o<n>" (page 1 at no offset), with one fault.
type pager struct {
	l     lister
	pages int
	size  int
	// fault changes one page: "repeat" makes page at name the offset of
	// page repeatTo as its next offset; "empty" serves page at with no
	// entries (but a next offset); "error" answers page at with a 500.
	fault    string
	at       int
	repeatTo int

	mu      sync.Mutex
	offsets []string // the offset of every request, in order
}

func (p *pager) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	offset := req.URL.Query().Get("offset")
	p.mu.Lock()
	p.offsets = append(p.offsets, offset)
	p.mu.Unlock()
	n := 1
	if offset != "" {
		var err error
		if n, err = strconv.Atoi(strings.TrimPrefix(offset, "o")); err != nil || n < 1 || n > p.pages {
			return jsonResponse(req, 400, `{"message":"bad offset","type":"invalid_request","api_error_code":"param_wrong_value","param":"offset"}`), nil
		}
	}
	if p.fault == "error" && n == p.at {
		return jsonResponse(req, 500, `{"message":"Sorry, something went wrong","type":"operation_failed","api_error_code":"internal_error","http_status_code":500}`), nil
	}
	var entries []string
	if !(p.fault == "empty" && n == p.at) {
		for i := (n-1)*p.size + 1; i <= n*p.size; i++ {
			entries = append(entries, p.l.entryJSON(i))
		}
	}
	next := ""
	if n < p.pages {
		next = "o" + strconv.Itoa(n+1)
	}
	if p.fault == "repeat" && n == p.at {
		next = "o" + strconv.Itoa(p.repeatTo)
	}
	body := `{"list":[` + strings.Join(entries, ",") + `]`
	if next != "" {
		body += `,"next_offset":"` + next + `"`
	}
	return jsonResponse(req, 200, body+"}"), nil
}

func (p *pager) requested() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.offsets...)
}

// TestPagingFaultsOnEveryList covers scenario 12 for every List of every
// package (and entitlement.Load, which reads all pages), against a server
// of five pages of two entries with one fault. What must hold:
//   - a page that names an offset already used as its next offset (page 3
//     naming page 2, or page 2 naming itself) ends the iteration with
//     chargebee.ErrRepeatedOffset after the entries of the pages served;
//   - an empty page that still names a next page ends it with
//     chargebee.ErrEmptyPage;
//   - a 500 on page 3 of 5 (after the client's retries) ends it with the
//     *chargebee.Error, after the four entries of pages 1 and 2;
//   - in every case the error is yielded exactly once, with a nil entry,
//     nothing is yielded after it, and no later page is requested.
func TestPagingFaultsOnEveryList(t *testing.T) {
	t.Parallel()
	faults := []struct {
		name          string
		fault         string
		at, repeatTo  int
		entries       int
		lastOffset    string // the last page requested
		wantErr       error
		wantAPIStatus int
	}{
		{"page 3 repeats the offset of page 2", "repeat", 3, 2, 6, "o3", chargebee.ErrRepeatedOffset, 0},
		{"page 2 repeats its own offset", "repeat", 2, 2, 4, "o2", chargebee.ErrRepeatedOffset, 0},
		{"page 2 is empty but names page 3", "empty", 2, 0, 2, "o2", chargebee.ErrEmptyPage, 0},
		{"page 3 of 5 fails", "error", 3, 0, 4, "o3", nil, 500},
	}
	for _, l := range listers() {
		for _, fc := range faults {
			t.Run(l.name+"/"+fc.name, func(t *testing.T) {
				t.Parallel()
				p := &pager{l: l, pages: 5, size: 2, fault: fc.fault, at: fc.at, repeatTo: fc.repeatTo}
				cb := offlineClient(t, l.action(), p, chargebee.WithRetryWait(time.Millisecond, 2*time.Millisecond))
				var err error
				entries := 0
				if l.seq == nil {
					var res any
					res, err = l.all(context.Background(), cb)
					if !isNil(res) {
						t.Errorf("result %+v returned with the error", res)
					}
				} else {
					errs, afterErr := 0, 0
					for e, yerr := range l.seq(context.Background(), cb, 2) {
						switch {
						case yerr != nil:
							errs++
							err = yerr
							if e != nil {
								t.Errorf("error yielded with entry %+v", e)
							}
						case errs > 0:
							afterErr++
						default:
							if e == nil {
								t.Error("nil entry without an error")
							}
							entries++
						}
					}
					if errs != 1 || afterErr != 0 {
						t.Errorf("%d errors and %d entries after the error, want exactly one error, last", errs, afterErr)
					}
					if entries != fc.entries {
						t.Errorf("%d entries before the error, want %d", entries, fc.entries)
					}
				}
				if fc.wantErr != nil && !errors.Is(err, fc.wantErr) {
					t.Errorf("err = %v, want %v", err, fc.wantErr)
				}
				var ce *chargebee.Error
				if fc.wantAPIStatus != 0 && (!errors.As(err, &ce) || ce.HTTPStatusCode != fc.wantAPIStatus) {
					t.Errorf("err = %v, want the %d *chargebee.Error", err, fc.wantAPIStatus)
				}
				offsets := p.requested()
				if len(offsets) == 0 || offsets[len(offsets)-1] != fc.lastOffset {
					t.Errorf("pages requested at offsets %q, want the last at %q", offsets, fc.lastOffset)
				}
				for _, o := range offsets {
					if n, _ := strconv.Atoi(strings.TrimPrefix(o, "o")); o != "" && n > fc.at {
						t.Errorf("page %s requested after the fault at page %d", o, fc.at)
					}
				}
				if fc.fault == "error" {
					// The failing page was retried (default 3 retries), the
					// others fetched once.
					if want := fmt.Sprint([]string{"", "o2", "o3", "o3", "o3", "o3"}); fmt.Sprint(offsets) != want {
						t.Errorf("offsets %q, want %s", offsets, want)
					}
				}
			})
		}
	}
}

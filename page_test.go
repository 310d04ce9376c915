package chargebee_test

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/billingkit/chargebee-go"
)

type item struct {
	ID string `json:"id"`
}

// pager serves pages from a table keyed by offset and records the offsets
// it was asked for.
type pager struct {
	pages map[string]*chargebee.Page[item]
	errs  map[string]error
	asked []string
}

func (p *pager) fetch(_ context.Context, offset string) (*chargebee.Page[item], error) {
	p.asked = append(p.asked, offset)
	if err := p.errs[offset]; err != nil {
		return nil, err
	}
	pg, ok := p.pages[offset]
	if !ok {
		return nil, errors.New("no such page " + offset)
	}
	return pg, nil
}

func page(next string, ids ...string) *chargebee.Page[item] {
	p := &chargebee.Page[item]{NextOffset: next}
	for _, id := range ids {
		p.Items = append(p.Items, item{ID: id})
	}
	return p
}

type step struct {
	id  string
	err error
}

func collect(seq func(func(*item, error) bool), stopAfter int) []step {
	var got []step
	for it, err := range seq {
		s := step{err: err}
		if it != nil {
			s.id = it.ID
		}
		got = append(got, s)
		if len(got) == stopAfter {
			break
		}
	}
	return got
}

func ids(steps []step) string {
	var b []string
	for _, s := range steps {
		if s.err != nil {
			b = append(b, "error")
		} else {
			b = append(b, s.id)
		}
	}
	return strings.Join(b, ",")
}

func TestPaginate(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	tests := []struct {
		name      string
		pages     map[string]*chargebee.Page[item]
		errs      map[string]error
		stopAfter int
		want      string
		wantAsked []string
		wantErr   error
	}{
		{
			name:  "all pages",
			pages: map[string]*chargebee.Page[item]{"": page("o1", "a", "b"), "o1": page("o2", "c"), "o2": page("", "d")},
			want:  "a,b,c,d", wantAsked: []string{"", "o1", "o2"},
		},
		{
			name:  "single empty page",
			pages: map[string]*chargebee.Page[item]{"": page("")},
			want:  "", wantAsked: []string{""},
		},
		{
			name:      "early break fetches no further page",
			pages:     map[string]*chargebee.Page[item]{"": page("o1", "a", "b"), "o1": page("", "c")},
			stopAfter: 2,
			want:      "a,b", wantAsked: []string{""},
		},
		{
			name:      "break in the middle of a page",
			pages:     map[string]*chargebee.Page[item]{"": page("o1", "a", "b"), "o1": page("", "c")},
			stopAfter: 1,
			want:      "a", wantAsked: []string{""},
		},
		{
			name:  "error mid-way is yielded once, then stop",
			pages: map[string]*chargebee.Page[item]{"": page("o1", "a"), "o2": page("", "z")},
			errs:  map[string]error{"o1": errBoom},
			want:  "a,error", wantAsked: []string{"", "o1"}, wantErr: errBoom,
		},
		{
			name: "error on the first page",
			errs: map[string]error{"": errBoom},
			want: "error", wantAsked: []string{""}, wantErr: errBoom,
		},
		{
			name:  "offset repeated right away",
			pages: map[string]*chargebee.Page[item]{"": page("o1", "a"), "o1": page("o1", "b")},
			want:  "a,b,error", wantAsked: []string{"", "o1"}, wantErr: chargebee.ErrRepeatedOffset,
		},
		{
			name:  "offset repeated later",
			pages: map[string]*chargebee.Page[item]{"": page("o1", "a"), "o1": page("o2", "b"), "o2": page("o1", "c")},
			want:  "a,b,c,error", wantAsked: []string{"", "o1", "o2"}, wantErr: chargebee.ErrRepeatedOffset,
		},
		{
			name:  "empty page with a next offset",
			pages: map[string]*chargebee.Page[item]{"": page("o1", "a"), "o1": page("o2")},
			want:  "a,error", wantAsked: []string{"", "o1"}, wantErr: chargebee.ErrEmptyPage,
		},
		{
			name:  "nil page",
			pages: map[string]*chargebee.Page[item]{"": nil},
			want:  "error", wantAsked: []string{""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &pager{pages: tt.pages, errs: tt.errs}
			seq := chargebee.Paginate(context.Background(), p.fetch)
			if len(p.asked) != 0 {
				t.Fatal("Paginate fetched before being ranged over")
			}
			got := collect(seq, tt.stopAfter)
			if ids(got) != tt.want {
				t.Errorf("yielded %s, want %s", ids(got), tt.want)
			}
			if !reflect.DeepEqual(p.asked, tt.wantAsked) {
				t.Errorf("offsets asked %q, want %q", p.asked, tt.wantAsked)
			}
			if tt.wantErr != nil && !errors.Is(got[len(got)-1].err, tt.wantErr) {
				t.Errorf("last error %v, want %v", got[len(got)-1].err, tt.wantErr)
			}
			for i, s := range got {
				if s.err != nil && s.id != "" {
					t.Errorf("step %d yields an entry with its error", i)
				}
			}
		})
	}
}

func TestPaginateContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &pager{pages: map[string]*chargebee.Page[item]{"": page("o1", "a"), "o1": page("", "b")}}
	var got []step
	for it, err := range chargebee.Paginate(ctx, p.fetch) {
		if err != nil {
			got = append(got, step{err: err})
			continue
		}
		got = append(got, step{id: it.ID})
		cancel() // the caller gives up after the first entry
	}
	if ids(got) != "a,error" || !errors.Is(got[1].err, context.Canceled) || len(p.asked) != 1 {
		t.Errorf("got %s (%v), asked %q", ids(got), got, p.asked)
	}
}

// TestPaginateThroughDo pages through a list action over httpmock the way
// the resource packages do: nothing is sent before ranging, each next_offset
// goes back as the offset query parameter, and the caller's request is not
// modified.
func TestPaginateThroughDo(t *testing.T) {
	t.Parallel()
	cb, mt, _ := newMockClient(t, nil)
	var queries []url.Values
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.Query())
		n := len(queries)
		body := `{"list":[{"customer":{"id":"c` + strconv.Itoa(n) + `"}}]`
		if n < 3 {
			body += `,"next_offset":"[\"170000000` + strconv.Itoa(n) + `\",\"x\"]"`
		}
		return httpmock.NewStringResponse(200, body+"}"), nil
	})
	type entry struct {
		Customer struct {
			ID string `json:"id"`
		} `json:"customer"`
	}
	list := func(ctx context.Context, req *params) iter.Seq2[*entry, error] {
		return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[entry], error) {
			p := *req
			if offset != "" {
				p.Offset = &offset
			}
			var pg chargebee.Page[entry]
			if err := cb.Do(ctx, "GET", "/customers", &p, &pg); err != nil {
				return nil, err
			}
			return &pg, nil
		})
	}
	req := &params{EmailFilter: &chargebee.StringFilter{Is: "a@b.com"}}
	seq := list(context.Background(), req)
	if mt.GetTotalCallCount() != 0 {
		t.Fatal("sent before ranging")
	}
	var got []string
	for e, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Customer.ID)
	}
	if strings.Join(got, ",") != "c1,c2,c3" {
		t.Errorf("entries %v", got)
	}
	want := []url.Values{
		{"email_filter[is]": {"a@b.com"}},
		{"email_filter[is]": {"a@b.com"}, "offset": {`["1700000001","x"]`}},
		{"email_filter[is]": {"a@b.com"}, "offset": {`["1700000002","x"]`}},
	}
	if !reflect.DeepEqual(queries, want) {
		t.Errorf("queries\n got %v\nwant %v", queries, want)
	}
	if req.Offset != nil {
		t.Error("the caller's request was modified")
	}

	// An error response in the middle ends the iteration with the *Error.
	mt.RegisterResponder("GET", "https://acme-test.chargebee.com/api/v2/customers", func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("offset") == "" {
			return httpmock.NewStringResponse(200, `{"list":[{"customer":{"id":"c1"}}],"next_offset":"o1"}`), nil
		}
		return httpmock.NewStringResponse(404, notFoundJSON()), nil
	})
	var errs int
	for _, err := range list(context.Background(), &params{}) {
		if err != nil {
			errs++
			var ce *chargebee.Error
			if !errors.As(err, &ce) || !errors.Is(err, chargebee.ErrNotFound) {
				t.Errorf("err = %v", err)
			}
		}
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}

package chargebee_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/billingkit/chargebee-go"
)

// cyclePager serves pages 0, 1, ... whose next offsets run through tail
// unique pages and then repeat a cycle of cycle pages forever (cycle 0:
// never, the last page ends the list after total pages).
func cyclePager(tail, cycle, total int) (fetch func(context.Context, string) (*chargebee.Page[item], error), fetched *int) {
	n := 0
	offsetOf := func(i int) string {
		if cycle > 0 && i >= tail {
			i = tail + (i-tail)%cycle
		}
		return fmt.Sprintf(`["1700000000000","%d"]`, i)
	}
	return func(_ context.Context, offset string) (*chargebee.Page[item], error) {
		i := n
		n++
		if cycle == 0 && i == total-1 {
			return page("", fmt.Sprint(i)), nil
		}
		return page(offsetOf(i+1), fmt.Sprint(i)), nil
	}, &n
}

// TestPaginateCycles checks that a repeated offset is caught at once when
// it was seen within the last 64 pages, and that a longer cycle still ends
// the listing, within two passes over the cycle.
func TestPaginateCycles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ tail, cycle int }{
		{0, 1}, {0, 2}, {5, 3}, {10, 63}, {10, 64}, {3, 65}, {100, 200}, {0, 1000}, {1234, 777},
	} {
		fetch, fetched := cyclePager(tc.tail, tc.cycle, 0)
		var err error
		entries := 0
		for _, e := range chargebee.Paginate(context.Background(), fetch) {
			if e != nil {
				err = e
				break
			}
			entries++
			if entries > 10*(tc.tail+tc.cycle)+10 {
				break
			}
		}
		if !errors.Is(err, chargebee.ErrRepeatedOffset) {
			t.Fatalf("tail %d, cycle %d: ended after %d pages with %v", tc.tail, tc.cycle, *fetched, err)
		}
		// Remembering every offset would stop at the first repeat; a cycle
		// too long to be remembered may take two more passes.
		first := firstRepeat(tc.tail, tc.cycle)
		want := first
		if tc.cycle > 64 {
			want = first + 2*tc.cycle
		}
		if (tc.cycle <= 64 && *fetched != first) || *fetched > want {
			t.Errorf("tail %d, cycle %d: fetched %d pages; the first repeat is on page %d", tc.tail, tc.cycle, *fetched, first)
		}
	}
}

// firstRepeat returns how many pages of cyclePager are fetched until one
// names an offset already named.
func firstRepeat(tail, cycle int) int {
	fetch, fetched := cyclePager(tail, cycle, 0)
	seen := map[string]bool{}
	for offset := ""; ; {
		p, _ := fetch(context.Background(), offset)
		if seen[p.NextOffset] || p.NextOffset == offset {
			return *fetched
		}
		seen[p.NextOffset] = true
		offset = p.NextOffset
	}
}

// TestPaginateLongListing checks that a long listing without repeats, far
// longer than the offsets remembered, is read to the end.
func TestPaginateLongListing(t *testing.T) {
	t.Parallel()
	const total = 20000
	fetch, fetched := cyclePager(0, 0, total)
	n := 0
	for it, err := range chargebee.Paginate(context.Background(), fetch) {
		if err != nil {
			t.Fatal(err)
		}
		if it.ID != fmt.Sprint(n) {
			t.Fatalf("entry %d is %s", n, it.ID)
		}
		n++
	}
	if n != total || *fetched != total {
		t.Errorf("read %d entries from %d pages, want %d", n, *fetched, total)
	}
}

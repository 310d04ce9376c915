package chargebee

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// Page is one page of a list action: its entries and the offset of the next
// page. NextOffset is empty on the last page.
type Page[T any] struct {
	// Items are the entries of the page, in server order.
	Items []T `json:"list"`
	// NextOffset is passed back as the offset of the next request; empty
	// when there are no more pages.
	NextOffset string `json:"next_offset,omitempty"`
}

// ErrRepeatedOffset is returned by list iterators when the server hands back
// an offset it already returned, which would otherwise loop forever.
var ErrRepeatedOffset = errors.New("chargebee: list paging returned an offset it already returned")

// ErrEmptyPage is returned by list iterators when the server returns a page
// with no entries but still names a next page, which would otherwise loop.
var ErrEmptyPage = errors.New("chargebee: list paging returned an empty page with a next offset")

// Paginate turns a page fetcher into a lazy iterator over all entries.
//
// Nothing is fetched until the iterator is ranged over. Pages are fetched one
// at a time, starting at offset "" (the first page) and following NextOffset.
// The iterator stops after the last page (no NextOffset), when the loop body
// breaks, or after yielding the first error (once, with a nil entry). A
// server that repeats an offset, or returns an empty page that names a next
// page, ends the iteration with ErrRepeatedOffset or ErrEmptyPage rather than
// looping. If ctx is done between pages, ctx.Err() is yielded; a nil ctx
// is yielded as an error, before anything is fetched.
//
// Every list action of the SDK uses Paginate; it is exported for callers of
// Client.Do who page through actions the SDK does not wrap.
func Paginate[T any](ctx context.Context, fetch func(ctx context.Context, offset string) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, errors.New("chargebee: nil context"))
			return
		}
		seen := map[string]struct{}{}
		offset := ""
		for page := 1; ; page++ {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			p, err := fetch(ctx, offset)
			if err != nil {
				yield(nil, fmt.Errorf("chargebee: list page %d: %w", page, err))
				return
			}
			if p == nil {
				yield(nil, fmt.Errorf("chargebee: list page %d: no page returned", page))
				return
			}
			for i := range p.Items {
				if !yield(&p.Items[i], nil) {
					return
				}
			}
			next := p.NextOffset
			if next == "" {
				return
			}
			if _, dup := seen[next]; dup || next == offset {
				yield(nil, ErrRepeatedOffset)
				return
			}
			if len(p.Items) == 0 {
				yield(nil, ErrEmptyPage)
				return
			}
			seen[next] = struct{}{}
			offset = next
		}
	}
}

package chargebee

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
)

// Page is one page of a list action.
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

// Paginate turns a page fetcher into a lazy iterator over all entries, as
// every List of the SDK does. Pages are fetched one at a time, from offset
// "" and following NextOffset. The iterator stops after the last page, when
// the loop breaks, or after yielding the first error once with a nil entry:
// the fetch's error, ctx.Err() between pages, ErrRepeatedOffset (an offset
// of the last 64 pages at once, a longer cycle within two passes),
// ErrEmptyPage, or a *ValidationError for a nil ctx or fetch or a fetch
// returning neither a page nor an error.
func Paginate[T any](ctx context.Context, fetch func(ctx context.Context, offset string) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if err := paginate(ctx, fetch, yield); err != nil {
			yield(nil, err)
		}
	}
}

// paginate yields the entries of every page and returns the error that
// ends the iteration, or nil when the last page or the caller's loop did.
func paginate[T any](ctx context.Context, fetch func(ctx context.Context, offset string) (*Page[T], error), yield func(*T, error) bool) error {
	if ctx == nil {
		return &ValidationError{Err: ErrNilContext}
	}
	if fetch == nil {
		return &ValidationError{Reason: "nil fetch function"}
	}
	var seen offsetRing
	// mark, for cycles too long for seen, moves to the latest offset after
	// 1, 2, 4, ... pages: once inside a cycle it is met again in one pass.
	offset, mark, span, steps := "", "", 1, 0
	for page := 1; ; page++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := fetch(ctx, offset)
		switch {
		case err != nil:
			return fmt.Errorf("chargebee: list page %d: %w", page, err)
		case p == nil:
			return &ValidationError{Reason: fmt.Sprintf("list page %d: the fetch function returned neither a page nor an error", page)}
		}
		for i := range p.Items {
			if !yield(&p.Items[i], nil) {
				return nil
			}
		}
		next := p.NextOffset
		switch {
		case next == "":
			return nil
		case next == offset || next == mark || seen.has(next):
			return ErrRepeatedOffset
		case len(p.Items) == 0:
			return ErrEmptyPage
		}
		seen.add(next)
		if steps++; steps == span {
			mark, span, steps = next, span*2, 0
		}
		offset = next
	}
}

// offsetRing remembers the last offsets a list returned.
type offsetRing struct {
	offsets [64]string
	n       int
}

func (r *offsetRing) add(offset string) {
	r.offsets[r.n%len(r.offsets)] = offset
	r.n++
}

func (r *offsetRing) has(offset string) bool {
	return slices.Contains(r.offsets[:min(r.n, len(r.offsets))], offset)
}

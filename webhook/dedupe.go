package webhook

import (
	"container/list"
	"context"
	"errors"
	"sync"
	"time"
)

// DefaultWindow is how long a processed event id is remembered when no
// window is given: 3 days and 7 hours, the time of Chargebee's last retry
// of a webhook call.
const DefaultWindow = 3*24*time.Hour + 7*time.Hour

// DefaultClaimTTL is how long a claim of a MemoryDeduper lasts without
// WithClaimTTL; it should exceed the longest run of your handler function.
const DefaultClaimTTL = 5 * time.Minute

// State is what a Deduper knows about an event id.
type State int

// Values of State returned by Deduper.Claim; the zero value is invalid.
const (
	// Claimed: the id was unknown and the caller now holds a claim on it,
	// to settle with Complete, or Release when processing failed.
	Claimed State = iota + 1
	// Processing: another delivery holds an unexpired claim on the id.
	Processing
	// Processed: the event was processed within the window.
	Processed
)

// String returns the name of the state.
func (s State) String() string {
	if s < Claimed || s > Processed {
		return "invalid"
	}
	return [...]string{"claimed", "processing", "processed"}[s-Claimed]
}

// Deduper remembers which event ids are being processed (a claim that
// expires, so that a crashed process does not block the id for ever) and
// which were processed (for a window, by default DefaultWindow), so that
// each event is processed once however often Chargebee delivers it.
//
// Implementations must be safe for concurrent use, and Claim atomic: of
// concurrent Claims of an unknown id, exactly one returns Claimed. Any store
// with an atomic set-if-absent with expiry can implement it; the redis module
// (github.com/billingkit/chargebee-go/redis) does. When it returns an error,
// the handler answers 503 without processing the event.
type Deduper interface {
	// Claim reports the state of id and, when it was unknown (or its
	// claim expired), claims it for the caller and returns Claimed.
	Claim(ctx context.Context, id string) (State, error)
	// Complete marks id processed, to be remembered for the window.
	Complete(ctx context.Context, id string) error
	// Release drops the caller's claim on id, after processing failed, so
	// that the next delivery processes the event; a processed id stays so.
	// A claim taken again after the caller's expired is not the caller's:
	// it stays while its holder runs. The handler settles each Claimed
	// answer with exactly one Complete or Release.
	Release(ctx context.Context, id string) error
}

// ErrDeduperFull is returned by the Claim of a MemoryDeduper holding its
// maximum number of ids, all of them claims in progress.
var ErrDeduperFull = errors.New("webhook: deduper is full of claims in progress")

// DefaultMaxEntries is the number of ids a MemoryDeduper holds when
// WithMaxEntries is not given. A Chargebee event id takes about 150 bytes
// with its bookkeeping, so the default bounds the deduper at about 15 MB;
// the handler refuses ids over 512 bytes, which bounds it at about 65 MB.
const DefaultMaxEntries = 100_000

// MemoryDeduper is a Deduper in the memory of one process, neither kept
// across restarts nor shared between replicas. It holds at most
// DefaultMaxEntries ids (or WithMaxEntries), drops expired ones as it goes,
// and when full forgets the processed id that expires first.
type MemoryDeduper struct {
	mu       sync.Mutex
	window   time.Duration
	claimTTL time.Duration
	max      int
	now      func() time.Time
	ids      map[string]*list.Element
	held     map[string]int // id -> Claimed answers not yet settled
	claims   list.List      // of *memEntry, in order of expiry
	done     list.List      // of *memEntry, in order of expiry
}

type memEntry struct {
	id      string
	expires time.Time
	done    bool
}

// MemoryOption configures a MemoryDeduper.
type MemoryOption func(*MemoryDeduper)

// WithClaimTTL sets how long a claim lasts (default DefaultClaimTTL). Values
// of zero or less keep the default.
func WithClaimTTL(d time.Duration) MemoryOption { return func(m *MemoryDeduper) { m.claimTTL = d } }

// WithMaxEntries sets the most ids the deduper holds (default
// DefaultMaxEntries). Values of zero or less keep the default.
func WithMaxEntries(n int) MemoryOption { return func(m *MemoryDeduper) { m.max = n } }

// WithClock sets the clock the deduper reads (default time.Now), for tests.
func WithClock(now func() time.Time) MemoryOption { return func(m *MemoryDeduper) { m.now = now } }

// NewMemoryDeduper returns a MemoryDeduper that remembers processed ids for
// window; a window of zero or less means DefaultWindow (3 days 7 hours).
func NewMemoryDeduper(window time.Duration, opts ...MemoryOption) *MemoryDeduper {
	m := &MemoryDeduper{window: window, ids: make(map[string]*list.Element), held: make(map[string]int)}
	for _, o := range opts {
		if o != nil {
			o(m)
		}
	}
	m.window = positiveOr(m.window, DefaultWindow)
	m.claimTTL = positiveOr(m.claimTTL, DefaultClaimTTL)
	m.max = positiveOr(m.max, DefaultMaxEntries)
	if m.now == nil {
		m.now = time.Now
	}
	return m
}

func positiveOr[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Claim implements Deduper.
func (m *MemoryDeduper) Claim(ctx context.Context, id string) (State, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.sweep(now)
	if el, ok := m.ids[id]; ok {
		e := el.Value.(*memEntry)
		if now.Before(e.expires) {
			if e.done {
				return Processed, nil
			}
			return Processing, nil
		}
		m.remove(el)
	}
	if !m.makeRoom() {
		return 0, ErrDeduperFull
	}
	m.ids[id] = m.claims.PushBack(&memEntry{id: id, expires: now.Add(m.claimTTL)})
	m.held[id]++
	return Claimed, nil
}

// Complete implements Deduper. An id whose claim already expired is
// recorded as processed all the same.
func (m *MemoryDeduper) Complete(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.held, id)
	now := m.now()
	if el, ok := m.ids[id]; ok {
		m.remove(el)
	} else if !m.makeRoom() {
		return ErrDeduperFull
	}
	m.ids[id] = m.done.PushBack(&memEntry{id: id, expires: now.Add(m.window), done: true})
	return nil
}

// Release implements Deduper: of two deliveries holding a re-taken claim,
// the last to settle drops it.
func (m *MemoryDeduper) Release(ctx context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n := m.held[id]; n > 1 {
		m.held[id] = n - 1
		return nil
	}
	delete(m.held, id)
	if el, ok := m.ids[id]; ok && !el.Value.(*memEntry).done {
		m.remove(el)
	}
	return nil
}

// Len returns the number of ids held, expired ones not yet dropped included.
func (m *MemoryDeduper) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.ids)
}

// sweep drops the expired entries at the front of both lists, which are in
// order of expiry while the clock moves forward; Claim checks expiry anyway.
func (m *MemoryDeduper) sweep(now time.Time) {
	for _, l := range []*list.List{&m.claims, &m.done} {
		for el := l.Front(); el != nil && !now.Before(el.Value.(*memEntry).expires); el = l.Front() {
			m.remove(el)
		}
	}
}

// makeRoom makes space for one more id, forgetting the processed id that
// expires first, or reports false when every id held is a claim.
func (m *MemoryDeduper) makeRoom() bool {
	if el := m.done.Front(); el != nil && len(m.ids) >= m.max {
		m.remove(el)
	}
	return len(m.ids) < m.max
}

// remove forgets the entry of el, which is in one of the lists (Remove
// leaves the other alone).
func (m *MemoryDeduper) remove(el *list.Element) {
	m.claims.Remove(el)
	m.done.Remove(el)
	delete(m.ids, el.Value.(*memEntry).id)
}

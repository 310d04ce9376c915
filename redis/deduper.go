package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/billingkit/chargebee-go/webhook"
)

// Deduper is a webhook.Deduper whose event ids live in Redis, shared by
// every Deduper (in any process) built with the same key prefix. An id's
// key holds a claim while a replica processes the event ("claim:" and a
// random token, expiring after the claim TTL, so that a crashed replica
// does not block the id for ever), then "done" for the window. Claim is one
// atomic SET NX PX: of several replicas receiving the same event at once,
// exactly one processes it. It is safe for concurrent use.
//
// When Redis cannot be reached, Claim returns an *UnavailableError and the
// webhook handler answers 503: the event is not processed without its
// check, and Chargebee delivers it again later.
type Deduper struct {
	rdb      goredis.UniversalClient
	prefix   string
	window   time.Duration
	claimTTL time.Duration

	mu     sync.Mutex
	claims map[string]claim // id -> the claim this Deduper holds
}

// claim is this Deduper's claim on an id: the token of the newest, and how
// many Claimed answers for the id are not settled yet (more than one when a
// delivery outlived its claim and the id was claimed again meanwhile).
type claim struct {
	token   string
	holders int
}

var _ webhook.Deduper = (*Deduper)(nil)

// DefaultKeyPrefix is the prefix of the Redis keys of a Deduper when
// WithKeyPrefix is not given.
const DefaultKeyPrefix = "chargebee:webhook:"

// DeduperOption configures NewDeduper.
type DeduperOption func(*Deduper)

// WithKeyPrefix sets the prefix of the Redis keys, one per event id. Replicas
// that share de-duplication use the same prefix. Default: DefaultKeyPrefix.
func WithKeyPrefix(p string) DeduperOption { return func(d *Deduper) { d.prefix = p } }

// WithWindow sets how long a processed id is remembered. Default:
// webhook.DefaultWindow (3 days 7 hours, Chargebee's last retry).
func WithWindow(w time.Duration) DeduperOption { return func(d *Deduper) { d.window = w } }

// WithClaimTTL sets how long a claim lasts: longer than the handler function
// ever takes. Default: webhook.DefaultClaimTTL.
func WithClaimTTL(ttl time.Duration) DeduperOption { return func(d *Deduper) { d.claimTTL = ttl } }

// NewDeduper returns a Deduper storing event ids in rdb (a *goredis.Client,
// *goredis.ClusterClient or other UniversalClient).
func NewDeduper(rdb goredis.UniversalClient, opts ...DeduperOption) (*Deduper, error) {
	if rdb == nil {
		return nil, errors.New("chargebee redis: NewDeduper needs a Redis client")
	}
	d := &Deduper{
		rdb:      rdb,
		prefix:   DefaultKeyPrefix,
		window:   webhook.DefaultWindow,
		claimTTL: webhook.DefaultClaimTTL,
		claims:   make(map[string]claim),
	}
	for _, o := range opts {
		if o != nil {
			o(d)
		}
	}
	if d.window < time.Millisecond || d.claimTTL < time.Millisecond {
		return nil, fmt.Errorf("chargebee redis: the window (%v) and the claim TTL (%v) must be at least 1ms", d.window, d.claimTTL)
	}
	return d, nil
}

const doneValue = "done"

// claimScript takes the claim when the id is unknown (or its claim
// expired) and otherwise says what the key holds, in one atomic step.
var claimScript = goredis.NewScript(`
if redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
	return "claimed"
end
if redis.call("GET", KEYS[1]) == "done" then
	return "done"
end
return "processing"
`)

// releaseScript drops a claim only while it is still the caller's: a claim
// that expired and was taken by another replica is left alone, and so is an
// id marked done.
var releaseScript = goredis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0
`)

// Claim implements webhook.Deduper.
func (d *Deduper) Claim(ctx context.Context, id string) (webhook.State, error) {
	token, err := newToken()
	if err != nil {
		return 0, err
	}
	res, err := claimScript.Run(ctx, d.rdb, []string{d.prefix + id}, token, d.claimTTL.Milliseconds()).Text()
	if err != nil {
		return 0, d.fail(ctx, "webhook claim", err)
	}
	switch res {
	case "claimed":
		d.mu.Lock()
		d.claims[id] = claim{token: token, holders: d.claims[id].holders + 1}
		d.mu.Unlock()
		return webhook.Claimed, nil
	case doneValue:
		return webhook.Processed, nil
	default:
		return webhook.Processing, nil
	}
}

// Complete implements webhook.Deduper: the id is remembered as processed
// for the window, whoever holds its claim.
func (d *Deduper) Complete(ctx context.Context, id string) error {
	d.mu.Lock()
	delete(d.claims, id)
	d.mu.Unlock()
	if err := d.rdb.Set(ctx, d.prefix+id, doneValue, d.window).Err(); err != nil {
		return d.fail(ctx, "webhook complete", err)
	}
	return nil
}

// Release implements webhook.Deduper: it drops this Deduper's claim on id,
// if it still holds it, so that the next delivery processes the event.
// When a delivery outlived its claim and this Deduper claimed the id again,
// the claim is dropped by the last of the two Releases, never while one of
// the deliveries may still be running.
func (d *Deduper) Release(ctx context.Context, id string) error {
	token, ok := d.release(id)
	if !ok {
		return nil
	}
	if err := releaseScript.Run(ctx, d.rdb, []string{d.prefix + id}, token).Err(); err != nil {
		return d.fail(ctx, "webhook release", err)
	}
	return nil
}

// release counts one holder of this Deduper's claim on id out and, when it
// was the last, forgets the claim and returns its token.
func (d *Deduper) release(id string) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	c, ok := d.claims[id]
	if ok && c.holders > 1 {
		c.holders--
		d.claims[id] = c
		return "", false
	}
	delete(d.claims, id)
	return c.token, ok
}

func (d *Deduper) fail(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return &UnavailableError{Op: op, Err: err}
}

// newToken returns a random claim value; its prefix keeps it apart from
// doneValue.
func newToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("chargebee redis: making a claim token: %w", err)
	}
	return "claim:" + hex.EncodeToString(b[:]), nil
}

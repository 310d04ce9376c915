// Package redis shares a rate budget and webhook de-duplication between the
// replicas of a service, on Redis. It is a module of its own
// (github.com/billingkit/chargebee-go/redis), so that the SDK itself does
// not depend on a Redis client.
//
// NewLimiter returns a chargebee.Limiter for chargebee.WithRateLimiter: every
// client, in every process, that uses the same Redis key draws on one budget
// (GCRA, through github.com/go-redis/redis_rate). NewDeduper returns a
// webhook.Deduper for webhook.WithDeduper: an event delivered to several
// replicas, or several times, is processed once.
//
// When Redis cannot be reached, each component does what its doc says: the
// limiter fails the call with an *UnavailableError, or waits on a local
// fallback limiter when WithFallback was given; the deduper returns an
// *UnavailableError, so that the webhook handler answers 503 and Chargebee
// delivers the event again later, and the event is never processed without
// its check.
//
// The package name is redis, like go-redis's own; import one of them under
// another name, for example:
//
//	import (
//		goredis "github.com/redis/go-redis/v9"
//		cbredis "github.com/billingkit/chargebee-go/redis"
//	)
package redis

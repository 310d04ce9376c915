package transport

import (
	"context"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// WaitHook sees each wait between the attempts of a call: it gets the wait
// the retry policy chose (backoff, or a capped Retry-After) and returns the
// wait to sleep instead. Tests use it to check the exact waits without
// sleeping through them, or to learn when a call has begun a wait.
type WaitHook func(wait time.Duration) time.Duration

type waitHookKey struct{}

// WithWaitHook returns a copy of ctx whose calls send every wait between
// attempts through hook. The context still ends a wait at once.
func WithWaitHook(ctx context.Context, hook WaitHook) context.Context {
	return context.WithValue(ctx, waitHookKey{}, hook)
}

// retryClient returns the retrying client for a call made with ctx: the
// shared one, or, when ctx carries a WaitHook, a copy whose backoff goes
// through the hook.
func (t *Transport) retryClient(ctx context.Context) *retryablehttp.Client {
	hook, _ := ctx.Value(waitHookKey{}).(WaitHook)
	if hook == nil {
		return t.rc
	}
	rc := t.rc
	return newRetryClient(rc.HTTPClient, rc.RetryWaitMin, rc.RetryWaitMax, rc.RetryMax,
		func(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
			return max(hook(rc.Backoff(minWait, maxWait, attemptNum, resp)), 0)
		})
}

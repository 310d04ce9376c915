// Package reliability holds no code: its tests are the SDK's adversarial
// suite. They drive every action of every resource package (customer,
// contact, relationship, entitlement, credits) through the real transport,
// against the chargebeetest fake or a lower-level test server, and prove
// what callers rely on when the network, the server or the input
// misbehaves:
//
//   - Retries: a POST retried after 429, 503 or a dropped connection sends
//     the same idempotency key and a byte-identical body on every attempt,
//     and the fake ends up with exactly one effect (one customer, one
//     contact, one credit, one relationship); a POST without a key is sent
//     once. Retry-After is honoured but every wait is capped by the
//     client's maximum, whatever the header says.
//   - Errors: when retries run out the caller gets *chargebee.Error with the
//     last status, Chargebee's JSON fields, Attempts and RetryAfter; no
//     response body is left open. A 2xx body that is empty, truncated, HTML
//     or not the action's JSON gives *chargebee.DecodeError naming the path
//     and status, and never a half-filled result.
//   - Bounded waits: cancelling the context during a request, a backoff
//     sleep or between list pages returns promptly with context.Canceled
//     and sends nothing more; per-attempt timeouts bound a hanging or
//     stalling server.
//   - Load: many goroutines sharing one client through injected faults
//     finish with typed errors or success, no duplicate effect and a
//     bounded number of TCP connections.
//   - Secrets: the API key, the Authorization value, e-mails in filters and
//     bodies, and form bodies never reach log output, error strings or
//     formatted errors.
//   - Hostile input: bad sites, ids, headers, JSON, amounts, limits and nil
//     requests fail before anything is sent, never panic and never reach
//     another host or path.
//   - Paging: a server that repeats an offset, returns an empty page with a
//     next offset or fails mid-way ends every List with exactly one error
//     after the pages it did return.
//
// The fuzz targets of this package feed arbitrary response bodies to the
// decoder of every action and round-trip request values through the form
// encoder and the fake's parser.
package reliability

// Package reliability holds no code: its tests are the SDK's adversarial
// suite. They drive every action of every resource package through the real
// transport, against the chargebeetest fake or a lower-level test server,
// and check what callers rely on when the network, the server or the input
// misbehaves: retried POSTs keep one idempotency key and body and have one
// effect, Retry-After waits are capped, exhausted retries and broken 2xx
// bodies give typed errors and never half-filled results, cancellation and
// timeouts return promptly, many goroutines sharing a client end with no
// duplicate effect, secrets never reach logs or errors, hostile input fails
// before anything is sent, and a misbehaving pager ends every List with one
// error. Its fuzz targets feed arbitrary bodies to every action's decoder
// and round-trip request values through the form encoder and the fake.
package reliability

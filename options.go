package chargebee

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/billingkit/chargebee-go/internal/transport"
)

// APIVersion selects the Chargebee API version a client speaks.
type APIVersion string

// Supported API versions.
const (
	// APIv2 is the current API (base path /api/v2) and the default.
	APIv2 APIVersion = "v2"
	// APIv1 is the legacy API (base path /api/v1), needed for account credits.
	APIv1 APIVersion = "v1"
)

// Option configures a Client in NewClient.
type Option func(*config)

type config struct {
	transport.Config // the transport settings, as the options set them
	baseURL          string
	version          APIVersion
	userAgent        string
	businessEntity   string
	rateRPS          float64
	rateBurst        int
	noValidation     bool
}

// WithHTTPClient sends requests through hc, reading its Transport (or
// http.DefaultTransport when nil), Timeout (when WithTimeout is 0),
// CheckRedirect and Jar at every attempt, so that
// httpmock.ActivateNonDefault(hc) works before or after NewClient. Default:
// http.DefaultTransport at each attempt, or, while that is Go's own, a pool
// of the SDK's sized for concurrent use and shared by all clients.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithBaseURL replaces https://{site}.chargebee.com, for tests and proxies;
// a path in it prefixes the API path (/api/v2 or /api/v1).
func WithBaseURL(baseURL string) Option { return func(c *config) { c.baseURL = baseURL } }

// WithAPIVersion selects the API version. Default: APIv2.
func WithAPIVersion(v APIVersion) Option { return func(c *config) { c.version = v } }

// WithMaxRetries sets how many times a failed attempt is retried (0 disables
// retries). Default: 3. Connection errors, 429 and 5xx other than 501 are
// retried; a POST only when it carries an idempotency key.
func WithMaxRetries(n int) Option { return func(c *config) { c.MaxRetries = n } }

// WithRetryWait sets the bounds of the exponential backoff between attempts
// (0 <= min <= max). A Retry-After sent by Chargebee is honoured but never
// waits longer than max. Default: 500ms and 10s.
func WithRetryWait(min, max time.Duration) Option {
	return func(c *config) { c.RetryWaitMin, c.RetryWaitMax = min, max }
}

// WithTimeout bounds each attempt, reading the body included; an attempt
// that runs out of time is retried like a connection error. 0 uses the
// Timeout of WithHTTPClient's client. Default: 60s. The context bounds the
// whole call.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.Timeout = d } }

// WithLogger logs one structured line per attempt: method, path without
// query, status, attempt and duration. Keys, headers, query values and bodies
// are never logged. Default: silent.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithUserAgent appends ua to the SDK's User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.userAgent = ua } }

// WithBusinessEntity sends the chargebee-business-entity-id header on every
// request of the client, scoping calls to one business entity. A request's
// WithBusinessEntityID wins over it.
func WithBusinessEntity(id string) Option { return func(c *config) { c.businessEntity = id } }

// WithoutValidation turns off client-side validation of request parameters
// (required keys, lengths, ranges, formats), leaving it to Chargebee. Path
// ids, API versions, required requests and headers are still checked.
func WithoutValidation() Option { return func(c *config) { c.noValidation = true } }

package chargebee

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// RequestOption adjusts one call.
type RequestOption func(*requestConfig)

type requestConfig struct {
	idempotencyKey string
	header         http.Header
	params         [][2]string
	businessEntity string
	response       *Response
	err            error
}

// withHeader sets header k to v, a value checked like WithHeader's.
func withHeader(k, v string) RequestOption {
	return func(rc *requestConfig) {
		if rc.validValue("header "+k, v) {
			if rc.header == nil {
				rc.header = http.Header{}
			}
			rc.header.Set(k, v)
		}
	}
}

// fail records the first error of the options; Do returns it before sending.
func (rc *requestConfig) fail(err error) { rc.err = cmp.Or(rc.err, err) }

// validValue reports whether v may be sent as a header value, recording
// the error that names param when it holds control characters (CR, LF...).
func (rc *requestConfig) validValue(param, v string) bool {
	if !validHeaderValue(v) {
		rc.fail(&ValidationError{Param: param, Reason: "must not contain control characters such as CR or LF"})
		return false
	}
	return true
}

// MaxIdempotencyKeyLength is the longest idempotency key, in bytes, the
// client sends.
const MaxIdempotencyKeyLength = 100

// WithIdempotencyKey sends key as chargebee-idempotency-key on a POST, so
// that a call repeated with it (by retries or after a crash) takes effect
// once. Without it, a POST gets a UUID v4 while retries are on. GET calls
// send no key.
func WithIdempotencyKey(key string) RequestOption {
	return func(rc *requestConfig) {
		switch {
		case key == "":
			rc.fail(&ValidationError{Param: "chargebee-idempotency-key", Reason: "must not be empty"})
		case len(key) > MaxIdempotencyKeyLength:
			rc.fail(&ValidationError{Param: "chargebee-idempotency-key", Reason: "must be at most 100 bytes"})
		case rc.validValue("chargebee-idempotency-key", key):
			rc.idempotencyKey = key
		}
	}
}

// WithHeader sets a request header, replacing one of the same name. Values
// with control characters and the headers the client sets itself
// (Authorization, Accept, User-Agent, Content-Type, Content-Length, Host,
// Transfer-Encoding) are refused; chargebee-idempotency-key and
// chargebee-business-entity-id act like WithIdempotencyKey and
// WithBusinessEntityID.
func WithHeader(key, value string) RequestOption {
	return func(rc *requestConfig) {
		if key == "" || strings.IndexFunc(key, func(r rune) bool {
			return r <= 0x20 || r >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r)
		}) >= 0 {
			rc.fail(&ValidationError{Param: "header", Reason: "invalid header name"})
			return
		}
		switch http.CanonicalHeaderKey(key) {
		case "Authorization", "Accept", "User-Agent", "Content-Type", "Content-Length", "Host", "Transfer-Encoding":
			rc.fail(&ValidationError{Param: "header " + key, Reason: "is set by the client"})
		case "Chargebee-Idempotency-Key":
			WithIdempotencyKey(value)(rc)
		case "Chargebee-Business-Entity-Id":
			WithBusinessEntityID(value)(rc)
		default:
			withHeader(key, value)(rc)
		}
	}
}

// WithOriginIP sends chargebee-request-origin-ip: the end user's IP address,
// used by Chargebee for fraud checks.
func WithOriginIP(ip string) RequestOption { return withHeader("chargebee-request-origin-ip", ip) }

// WithOriginUser sends the end user's e-mail as chargebee-request-origin-user,
// or Base64-encoded as chargebee-request-origin-user-encoded when it is not
// ASCII.
func WithOriginUser(email string) RequestOption {
	if strings.IndexFunc(email, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 {
		return withHeader("chargebee-request-origin-user", email)
	}
	return withHeader("chargebee-request-origin-user-encoded", base64.StdEncoding.EncodeToString([]byte(email)))
}

// WithOriginDevice sends chargebee-request-origin-device (for example "iOS").
func WithOriginDevice(device string) RequestOption {
	return withHeader("chargebee-request-origin-device", device)
}

// WithBusinessEntityID scopes this call to a business entity with the
// chargebee-business-entity-id header, overriding the client's
// WithBusinessEntity.
func WithBusinessEntityID(id string) RequestOption {
	return func(rc *requestConfig) {
		if rc.validValue("chargebee-business-entity-id", id) {
			rc.businessEntity = id
		}
	}
}

// WithEventActionsDisabled sends chargebee-event-actions: all-disabled, so the
// events this call creates trigger neither e-mails nor webhooks.
func WithEventActionsDisabled() RequestOption {
	return withHeader("chargebee-event-actions", "all-disabled")
}

// WithEventEmailsDisabled sends chargebee-event-email: all-disabled, skipping
// e-mails for the events this call creates.
func WithEventEmailsDisabled() RequestOption {
	return withHeader("chargebee-event-email", "all-disabled")
}

// WithEventWebhooksDisabled sends chargebee-event-webhook: all-disabled,
// skipping webhooks for the events this call creates.
func WithEventWebhooksDisabled() RequestOption {
	return withHeader("chargebee-event-webhook", "all-disabled")
}

// WithParam adds a form (POST) or query (GET) parameter the request type
// does not model, replacing one of the same key. The key is sent as written,
// for example "billing_address[line3]".
func WithParam(key, value string) RequestOption {
	return func(rc *requestConfig) {
		if key == "" {
			rc.fail(&ValidationError{Param: "param", Reason: "key must not be empty"})
			return
		}
		rc.params = append(rc.params, [2]string{key, value})
	}
}

// WithResponse fills r with what the final response of the call carried,
// success or Chargebee error.
func WithResponse(r *Response) RequestOption { return func(rc *requestConfig) { rc.response = r } }

// Response describes the final HTTP response of a call. When the last
// attempt got none (the call returns a *ConnectionError), it describes the
// last response an earlier attempt got, or none (StatusCode 0); Attempts
// counts them all.
type Response struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Header holds the response headers as received. Unlike those of
	// *Error they are not redacted: a proxy that echoes the request's
	// headers could put the client's credentials here.
	Header http.Header
	// Attempts is the number of HTTP attempts made: 0 when nothing was
	// sent (a Limiter refused the call, or the context ended first).
	Attempts int
	// IdempotencyKey is the key sent with the call, or empty.
	IdempotencyKey string
	// IdempotencyReplayed is true when Chargebee answered from its
	// idempotency store (chargebee-idempotency-replayed: true).
	IdempotencyReplayed bool
	// Duration is the time the call took, retries and waits included.
	Duration time.Duration
	// Body is the raw body of the final response, the caller's to keep.
	// Like Header, and unlike the texts of *Error, it is not redacted: a
	// proxy that echoes the request could put the client's credentials in
	// it, so check it before logging it.
	Body []byte
}

// validHeaderValue reports whether v holds no control characters but tabs.
func validHeaderValue(v string) bool {
	return strings.IndexFunc(v, func(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }) < 0
}

// BusinessEntity returns the business entity id a call made with opts would
// send: the request's WithBusinessEntityID, else the client's
// WithBusinessEntity, else "".
func (c *Client) BusinessEntity(opts ...RequestOption) string {
	rc, _ := applyOptions(opts)
	if rc.businessEntity != "" || c == nil {
		return rc.businessEntity
	}
	return c.businessEntity
}

// IdempotencyKey returns the key given with WithIdempotencyKey in opts, or
// "", so that an operation of several calls can derive a key for each.
func IdempotencyKey(opts ...RequestOption) string {
	rc, _ := applyOptions(opts)
	return rc.idempotencyKey
}

// applyOptions applies opts and returns the first error one recorded.
func applyOptions(opts []RequestOption) (*requestConfig, error) {
	rc := &requestConfig{}
	for _, o := range opts {
		if o != nil {
			o(rc)
		}
	}
	return rc, rc.err
}

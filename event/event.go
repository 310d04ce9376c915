// Package event reads Chargebee events: the typed Event document of the
// customer-domain events, Parse for the body of a webhook call, and a
// Service for the events API (list and retrieve).
//
// An event records a change on the site. The same JSON document is an entry
// of the events API and the body of a webhook call, so both decode into
// Event:
//
//	ev, err := event.Parse(body)
//	if err != nil { ... } // not an event: *event.ParseError
//	switch ev.EventType {
//	case event.CustomerChanged:
//		fmt.Println(ev.Content.Customer.ID)
//	}
//
// Event types and sources this package has no constant for decode as sent,
// so a new kind of event never breaks a receiver; compare EventType with the
// constants and ignore the rest.
//
// To receive webhooks, see the webhook package, which authenticates,
// de-duplicates and parses the calls before handing each Event to your code.
//
// See https://apidocs.chargebee.com/docs/api/events.
package event

import (
	"encoding/json"
	"errors"
	"fmt"
)

// The models (Event, Content, ...) and the Type, Source and WebhookStatus
// constants are generated into models_gen.go and enums_gen.go from
// internal/gen/events.json.

// ParseError reports a document that is not an event: empty, not a JSON
// object (null, an array, a string, ...), malformed JSON, or an object
// without id or event_type. Its text never quotes the document.
type ParseError struct {
	// Reason says what is wrong, for example "no id".
	Reason string
	// Err is the JSON decoding error, when there was one.
	Err error
}

// Error returns "event: not an event: " and the reason.
func (e *ParseError) Error() string { return "event: not an event: " + e.Reason }

// Unwrap returns the JSON decoding error, if any.
func (e *ParseError) Unwrap() error { return e.Err }

// Parse decodes one event document, such as the body of a webhook call. It
// fails with a *ParseError unless body is a JSON object with a non-empty id
// and event_type. Unknown event types, sources and attributes are accepted:
// types and sources are kept as sent, other attributes ignored.
func Parse(body []byte) (*Event, error) {
	i := 0
	for i < len(body) && isSpace(body[i]) {
		i++
	}
	if i == len(body) {
		return nil, &ParseError{Reason: "empty document"}
	}
	if body[i] != '{' {
		return nil, &ParseError{Reason: "not a JSON object"}
	}
	ev := new(Event)
	if err := ev.UnmarshalJSON(body); err != nil { // one pass, as json.Unmarshal would decode it
		return nil, &ParseError{Reason: jsonReason(err), Err: err}
	}
	switch {
	case ev.ID == "":
		return nil, &ParseError{Reason: "no id"}
	case ev.EventType == "":
		return nil, &ParseError{Reason: "no event_type"}
	}
	return ev, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// jsonReason describes a decoding error without quoting the document.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return typ.Field + " has the wrong JSON type"
	case errors.As(err, &typ):
		return "a value has the wrong JSON type"
	}
	return "invalid JSON"
}

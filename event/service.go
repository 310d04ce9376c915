package event

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// ListEntry is one entry of Service.List.
type ListEntry struct {
	// Event is the event; never nil in entries returned by this package.
	Event *Event `json:"event"`
}

// RetrieveResult is the response of Service.Retrieve.
type RetrieveResult struct {
	// Event is the event; never nil in results returned by this package.
	Event *Event `json:"event"`
}

// UnmarshalJSON decodes the response and fails when "event" is missing.
func (r *RetrieveResult) UnmarshalJSON(b []byte) error {
	var raw struct {
		Event *Event `json:"event"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.Event == nil {
		return api.MissingKey("event.Retrieve", "event")
	}
	r.Event = raw.Event
	return nil
}

// Service calls the events API of one client. Create it with NewService; it
// is safe for concurrent use. Both actions exist in API v2 and v1.
//
// See https://apidocs.chargebee.com/docs/api/events.
type Service struct {
	cb *chargebee.Client
}

// NewService returns a Service that calls Chargebee through cb.
func NewService(cb *chargebee.Client) *Service { return &Service{cb: cb} }

var errNilService = errors.New("event: nil *Service or *chargebee.Client; create it with event.NewService(cb)")

// List pages lazily through the events matching req (GET /events), newest
// first unless req sorts otherwise. Nothing is sent until the iterator is
// ranged over; pages are fetched one at a time, following next_offset, and
// the first error is yielded once, with a nil entry. It starts at
// req.Offset when that is set; req itself is never modified.
//
//	req := event.NewListRequest().
//		SetEventType(chargebee.EnumFilter{Is: string(event.CustomerChanged)}).
//		SetOccurredAt(chargebee.TimestampFilter{After: since})
//	for e, err := range events.List(ctx, req) { ... }
//
// See https://apidocs.chargebee.com/docs/api/events#list_events.
func (s *Service) List(ctx context.Context, req *ListRequest, opts ...chargebee.RequestOption) iter.Seq2[*ListEntry, error] {
	var base ListRequest
	if req != nil {
		base = *req
	}
	return chargebee.Paginate(ctx, func(ctx context.Context, offset string) (*chargebee.Page[ListEntry], error) {
		page := base
		if offset != "" {
			page.Offset = &offset
		}
		return s.ListPage(ctx, &page, opts...)
	})
}

// ListPage fetches one page of events (GET /events), starting at
// req.Offset. Pass the returned NextOffset back as the offset of the next
// call; it is empty on the last page. req may be nil. A filter the client's
// API version does not take (see ListRequest) fails before anything is
// sent.
//
// See https://apidocs.chargebee.com/docs/api/events#list_events.
func (s *Service) ListPage(ctx context.Context, req *ListRequest, opts ...chargebee.RequestOption) (*chargebee.Page[ListEntry], error) {
	if s == nil || s.cb == nil {
		return nil, errNilService
	}
	if err := req.validateVersion(s.cb.APIVersion()); err != nil {
		return nil, err
	}
	out := &api.ListPage[ListEntry]{Action: "event.List", Entry: func(e *ListEntry) string {
		if e.Event == nil {
			return "event"
		}
		return ""
	}}
	if err := s.cb.Do(ctx, http.MethodGet, "/events", req, out, opts...); err != nil {
		return nil, err
	}
	return &out.Page, nil
}

// Retrieve returns one event by its id (GET /events/{event-id}). An id the
// site does not know fails with a *chargebee.Error matching
// chargebee.ErrNotFound.
//
// See https://apidocs.chargebee.com/docs/api/events#retrieve_an_event.
func (s *Service) Retrieve(ctx context.Context, id string, opts ...chargebee.RequestOption) (*RetrieveResult, error) {
	if s == nil || s.cb == nil {
		return nil, errNilService
	}
	eid, err := api.PathID("event_id", id)
	if err != nil {
		return nil, err
	}
	out := new(RetrieveResult)
	if err := s.cb.Do(ctx, http.MethodGet, "/events/"+eid, nil, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

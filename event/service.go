package event

import (
	"context"
	"iter"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
)

// ListEntry is one entry of Service.List.
type ListEntry struct {
	// Event is the event; never nil in entries returned by this package.
	Event *Event `json:"event"`
}

// missing returns the first required key e lacks, or "".
func (e *ListEntry) missing() string {
	if e.Event == nil {
		return "event"
	}
	return ""
}

// RetrieveResult is the response of Service.Retrieve.
type RetrieveResult struct {
	// Event is the event; never nil in results returned by this package.
	Event *Event `json:"event"`
}

// missing returns the first required key r lacks, or "".
func (r *RetrieveResult) missing() string {
	if r.Event == nil {
		return "event"
	}
	return ""
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

// client returns the service's client; nil for a nil service.
func (s *Service) client() *chargebee.Client {
	if s == nil {
		return nil
	}
	return s.cb
}

// errNilService is returned by every method of a nil Service or of one
// made without a client.
var errNilService = api.NilService("event")

// actList is event.list (GET /events). API v1 takes paging, the time
// range and the plain webhook_status and event_type filters only.
var actList = api.Action{
	Name:       "event.List",
	Method:     "GET",
	Path:       "/events",
	NilService: errNilService,
	V1Keys: map[string]bool{
		"limit": true, "offset": true, "start_time": true, "end_time": true,
		"webhook_status": true, "event_type": true,
	},
}

// actRetrieve is event.retrieve (GET /events/{event-id}).
var actRetrieve = api.Action{
	Name:       "event.Retrieve",
	Method:     "GET",
	Path:       "/events/{id}",
	PathParam:  "event_id",
	NilService: errNilService,
}

// List pages lazily through the events matching req (GET /events). Nothing is sent until the iterator is
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
	if cb := s.client(); cb != nil && cb.APIVersion() == chargebee.APIv2 {
		if err := req.validateV2(); err != nil {
			return nil, err
		}
	}
	return api.Page(ctx, s.client(), &actList, "", req, (*ListEntry).missing, opts)
}

// Retrieve returns one event by its id (GET /events/{event-id}). An id the
// site does not know fails with a *chargebee.Error matching
// chargebee.ErrNotFound.
//
// See https://apidocs.chargebee.com/docs/api/events#retrieve_an_event.
func (s *Service) Retrieve(ctx context.Context, id string, opts ...chargebee.RequestOption) (*RetrieveResult, error) {
	return api.Call(ctx, s.client(), &actRetrieve, id, nil, (*RetrieveResult).missing, opts)
}

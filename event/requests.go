package event

import (
	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/api"
	"github.com/billingkit/chargebee-go/internal/form"
)

// ListRequest holds the paging and filters of Service.List and
// Service.ListPage (GET /events). Every field is optional; filters are
// combined with AND.
//
// The two API versions filter differently. API v2 takes bracketed
// operators, field[operator]=value (ID, WebhookStatus, EventType, Source,
// OccurredAt, SortBy). API v1 takes plain values instead, webhook_status=x
// and event_type=x (WebhookStatusV1, EventTypeV1). Both take Limit, Offset,
// StartTime and EndTime. Setting a field the client's API version does not
// take fails before anything is sent, with a *chargebee.ValidationError.
//
// See https://apidocs.chargebee.com/docs/api/events#list_events.
type ListRequest struct {
	// Limit is limit: the page size, 1 to 100 (Chargebee's default: 10).
	Limit *int32 `url:"limit,omitempty"`
	// Offset is offset: where the page starts, the NextOffset of the
	// previous page (at most 1000 characters). List starts here when set.
	Offset *string `url:"offset,omitempty"`
	// StartTime is start_time: only events that occurred at or after it.
	StartTime *chargebee.Timestamp `url:"start_time,omitempty"`
	// EndTime is end_time: only events that occurred before it.
	EndTime *chargebee.Timestamp `url:"end_time,omitempty"`

	// ID filters on id (API v2): is, is_not, starts_with, in, not_in.
	ID *chargebee.StringFilter `url:"id,omitempty"`
	// WebhookStatus filters on webhook_status (API v2; WebhookStatus
	// values): is, is_not, in, not_in.
	WebhookStatus *chargebee.EnumFilter `url:"webhook_status,omitempty"`
	// EventType filters on event_type (API v2; Type values): is, is_not,
	// in, not_in.
	EventType *chargebee.EnumFilter `url:"event_type,omitempty"`
	// Source filters on source (API v2; Source values): is, is_not, in,
	// not_in.
	Source *chargebee.EnumFilter `url:"source,omitempty"`
	// OccurredAt filters on occurred_at (API v2): after, before, on,
	// between.
	OccurredAt *chargebee.TimestampFilter `url:"occurred_at,omitempty"`
	// SortBy orders the list by occurred_at (API v2): sort_by[asc] or
	// sort_by[desc].
	SortBy *chargebee.SortBy `url:"sort_by,omitempty"`

	// WebhookStatusV1 is the API v1 filter webhook_status=value.
	WebhookStatusV1 *WebhookStatus `url:"webhook_status,omitempty"`
	// EventTypeV1 is the API v1 filter event_type=value.
	EventTypeV1 *Type `url:"event_type,omitempty"`
}

// NewListRequest returns an empty ListRequest: the first page of all
// events.
func NewListRequest() *ListRequest { return &ListRequest{} }

// SetLimit sets Limit.
func (r *ListRequest) SetLimit(v int32) *ListRequest { r.Limit = &v; return r }

// SetOffset sets Offset.
func (r *ListRequest) SetOffset(v string) *ListRequest { r.Offset = &v; return r }

// SetStartTime sets StartTime.
func (r *ListRequest) SetStartTime(v chargebee.Timestamp) *ListRequest { r.StartTime = &v; return r }

// SetEndTime sets EndTime.
func (r *ListRequest) SetEndTime(v chargebee.Timestamp) *ListRequest { r.EndTime = &v; return r }

// SetID sets the ID filter (API v2).
func (r *ListRequest) SetID(v chargebee.StringFilter) *ListRequest { r.ID = &v; return r }

// SetWebhookStatus sets the WebhookStatus filter (API v2), for example
// chargebee.EnumFilter{Is: string(event.WebhookStatusFailed)}.
func (r *ListRequest) SetWebhookStatus(v chargebee.EnumFilter) *ListRequest {
	r.WebhookStatus = &v
	return r
}

// SetEventType sets the EventType filter (API v2), for example
// chargebee.EnumFilter{In: []string{string(event.CustomerCreated)}}.
func (r *ListRequest) SetEventType(v chargebee.EnumFilter) *ListRequest { r.EventType = &v; return r }

// SetSource sets the Source filter (API v2).
func (r *ListRequest) SetSource(v chargebee.EnumFilter) *ListRequest { r.Source = &v; return r }

// SetOccurredAt sets the OccurredAt filter (API v2).
func (r *ListRequest) SetOccurredAt(v chargebee.TimestampFilter) *ListRequest {
	r.OccurredAt = &v
	return r
}

// SetSortBy sets SortBy (API v2), for example chargebee.SortAsc("occurred_at").
func (r *ListRequest) SetSortBy(v chargebee.SortBy) *ListRequest { r.SortBy = &v; return r }

// SetWebhookStatusV1 sets WebhookStatusV1 (API v1).
func (r *ListRequest) SetWebhookStatusV1(v WebhookStatus) *ListRequest {
	r.WebhookStatusV1 = &v
	return r
}

// SetEventTypeV1 sets EventTypeV1 (API v1).
func (r *ListRequest) SetEventTypeV1(v Type) *ListRequest { r.EventTypeV1 = &v; return r }

// Validate checks the paging parameters, the operators of the id filter
// (is_present is not taken) and the sort order (occurred_at only, asc or
// desc). The error is a *chargebee.ValidationError naming the wire key.
// Which API version the fields belong to is checked by Service.ListPage,
// which knows the client's version.
func (r *ListRequest) Validate() error {
	if r == nil {
		return nil
	}
	if err := api.First(
		api.Limit(r.Limit),
		api.Offset(r.Offset),
		api.Min("start_time", (*int64)(r.StartTime), 0),
		api.Min("end_time", (*int64)(r.EndTime), 0),
	); err != nil {
		return err
	}
	if r.ID != nil && r.ID.IsPresent != nil {
		return api.Invalid("id[is_present]", "is not a supported operator of id")
	}
	if s := r.SortBy; s != nil {
		switch {
		case s.Asc != "" && s.Desc != "":
			return api.Invalid("sort_by", "set either asc or desc, not both")
		case s.Asc != "" && s.Asc != "occurred_at":
			return api.Invalid("sort_by[asc]", `must be "occurred_at"`)
		case s.Desc != "" && s.Desc != "occurred_at":
			return api.Invalid("sort_by[desc]", `must be "occurred_at"`)
		}
	}
	return nil
}

// validateV2 fails when r sets a plain filter of API v1 on an API v2
// client. The other direction, operators on a v1 client, is refused by the
// action's list of v1 keys.
func (r *ListRequest) validateV2() error {
	if r == nil {
		return nil
	}
	switch {
	case r.WebhookStatusV1 != nil && r.WebhookStatus != nil:
		return api.Invalid("webhook_status", "set either WebhookStatus or WebhookStatusV1")
	case r.WebhookStatusV1 != nil:
		return api.Invalid("webhook_status", "a plain value is API v1 only (event.List); use WebhookStatus with an operator")
	case r.EventTypeV1 != nil && r.EventType != nil:
		return api.Invalid("event_type", "set either EventType or EventTypeV1")
	case r.EventTypeV1 != nil:
		return api.Invalid("event_type", "a plain value is API v1 only (event.List); use EventType with an operator")
	}
	return nil
}

// AppendForm appends the URL-encoded form of r to b, keys sorted, as
// Client.Do sends it.
func (r *ListRequest) AppendForm(b []byte) ([]byte, error) {
	if r == nil {
		return b, nil
	}
	w := form.NewWriter(b, nil)
	if r.EndTime != nil {
		w.Int("end_time", int64(*r.EndTime))
	}
	if r.EventTypeV1 != nil {
		w.String("event_type", string(*r.EventTypeV1))
	}
	if r.EventType != nil {
		w.Filter("event_type", r.EventType)
	}
	if r.ID != nil {
		w.Filter("id", r.ID)
	}
	if r.Limit != nil {
		w.Int("limit", int64(*r.Limit))
	}
	if r.OccurredAt != nil {
		w.Filter("occurred_at", r.OccurredAt)
	}
	if r.Offset != nil {
		w.String("offset", *r.Offset)
	}
	if r.SortBy != nil {
		w.Filter("sort_by", r.SortBy)
	}
	if r.Source != nil {
		w.Filter("source", r.Source)
	}
	if r.StartTime != nil {
		w.Int("start_time", int64(*r.StartTime))
	}
	if r.WebhookStatusV1 != nil {
		w.String("webhook_status", string(*r.WebhookStatusV1))
	}
	if r.WebhookStatus != nil {
		w.Filter("webhook_status", r.WebhookStatus)
	}
	return w.Finish()
}

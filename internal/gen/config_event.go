package main

// The events API: List, ListPage and Retrieve are generated; ListRequest,
// whose filters differ between API v1 and v2, and the Event model are
// written by hand in package event.
var eventPackage = &pkgSpec{
	Name:    "event",
	DocsURL: "https://apidocs.chargebee.com/docs/api/events",
	Fields: map[string]fieldSpec{
		"event": {"*Event", "the event"},
	},
	Actions: []actionSpec{
		{
			Action: "event.list", Method: "List", Request: "ListRequest", Result: "ListEntry", Anchor: "list_events", Pre: "checkVersion",
			Doc: "the events matching req; a filter the client's API version does not take (see ListRequest) fails before anything is sent",
		},
		{
			Action: "event.retrieve", Method: "Retrieve", IDArg: "id", Result: "RetrieveResult", Anchor: "retrieve_an_event",
			Doc: "Retrieve returns one event by its id. An id the site does not know fails with a *chargebee.Error matching chargebee.ErrNotFound.",
		},
	},
}

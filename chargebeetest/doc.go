// Package chargebeetest helps you test code that uses this SDK without a
// Chargebee site: an in-memory fake of the Chargebee customer APIs served
// over HTTP on 127.0.0.1, and helpers for unit tests that mock the transport
// with github.com/jarcoal/httpmock.
//
// # The fake server
//
// NewServer starts a fake for one test and closes it when the test ends;
// Client returns an API v2 client pointed at it, ClientV1 an API v1 one:
//
//	func TestSignup(t *testing.T) {
//		srv := chargebeetest.NewServer(t)
//		customers := customer.NewService(srv.Client())
//
//		id, err := Signup(ctx, customers, "ann@acme.com") // your code
//		if err != nil {
//			t.Fatal(err)
//		}
//		got, err := customers.Retrieve(ctx, id)
//		...
//	}
//
// Outside tests (an example program, a local demo) use Start and Close.
//
// The fake serves every action the SDK wraps, API v2 and the v1 actions
// (account credits, and the customer actions v1 shares with v2), and keeps
// state between calls. It is meant to make tests mean something:
//
//   - It checks Basic auth against its key (APIKey; WithAPIKey to choose
//     it) and answers 401 api_authentication_failed (type untyped)
//     otherwise.
//   - It reads the form and query format the SDK sends (bracketed keys,
//     indexed arrays such as entity_identifiers[id][0], JSON fields, list
//     filters such as email[is], id[in]=["a","b"],
//     created_at[between]=[a,b], relationship[parent_id][is], sort_by[asc])
//     and checks every key against a table of the catalogued parameters of
//     the action: an unknown, repeated or malformed key, a value of the wrong
//     type, length or enum, a missing required parameter, parameters in the
//     query string of a POST, all get a Chargebee-shaped 400 whose param
//     names the key. A wire mistake shows up as a failing test. Custom
//     fields (cf_*) are accepted where Chargebee accepts them.
//   - Errors are Chargebee's JSON (message, type, api_error_code, param);
//     unknown ids give 404 resource_not_found, and an action the state of
//     a resource does not allow gives 409 invalid_state_for_request.
//   - It generates ids ("cust_1", "pc_1", "contact_1", …) unless one is
//     given, and sets created_at, updated_at and resource_version from its
//     clock (WithClock).
//   - Lists page with limit (default 10) and offset; next_offset is present
//     only when more items follow. Customers are listed newest first unless
//     sort_by asks otherwise; every customer list filter of the catalog
//     works, plus cf_*[is|is_not|starts_with|is_present|in|not_in].
//     created_at[on] matches the same UTC day.
//   - update_billing_info replaces the billing address as a whole (fields
//     not sent are cleared); entity identifiers follow their operation.
//   - A customer has at most MaxContacts contacts.
//   - Hierarchies: linking a customer to itself or below one of its own
//     descendants, across business entities, beyond MaxChildren children or
//     MaxHierarchyLevels levels is refused; payment and invoice owners must be
//     the child or its parent and default to the child. The hierarchy views:
//     complete_hierarchy (the whole tree, root first), subordinates (the
//     customer and every customer below), path_to_root (the customer up to
//     the root), immediate_children, and
//     subordinates_with_unbilled_charges_payable_by_parent (the descendants
//     whose payment owner is their parent).
//   - Promotional credits keep a balance per currency (the customer's
//     preferred_currency_code, else WithCurrency, default USD) and a history
//     of promotional_credit entries; a deduct beyond the balance is refused
//     with param amount. The v1 account credit actions share that balance
//     and answer with the v1 customer (account_credits).
//   - Entitlements are what the test seeds with SetEntitlements, paged by
//     feature as Chargebee pages them; WithEntitlementsDisabled makes the
//     endpoint answer as on a site where it is off.
//   - Delete marks a customer deleted: it then answers 404 and shows in
//     lists only with include_deleted=true. Merge moves contacts, payment
//     sources, balances, credit history and child customers to the target
//     and deletes the source. Move creates the customer and answers with a
//     scheduled resource_migration. Collect and excess payments add to
//     excess_payments; payment sources can be assigned primary and backup
//     roles. clear_personal_data removes names, e-mail, phone, company,
//     billing address and contacts.
//   - Idempotency: a POST repeating a chargebee-idempotency-key with the
//     same body gets the stored answer again, with the header
//     chargebee-idempotency-replayed: true; with another body, 422
//     unable_to_process_request.
//   - Business entities: a customer created with the
//     chargebee-business-entity-id header (or business_entity_id, which
//     must then match) belongs to that entity (WithDefaultBusinessEntity sets
//     the entity of the others). With the header, calls on a customer of
//     another entity answer 404 and lists hold only the entity's customers
//     and credits; without it, the whole site is visible.
//
// Faults are injected per request, in the order they are queued:
// FailNext answers the next requests with a status (429, 503, …) and its
// Chargebee error, FailNextWith with an error of your own, and
// DropConnectionNext processes a request and then closes the connection
// without answering. Delay slows every answer down. SetRateLimit enforces a
// site-wide budget of requests a minute, answering 429
// api_request_limit_exceeded once it is spent. Requests returns what the
// fake received (method, path, action, decoded parameters, the raw body,
// headers with the Authorization value masked, status) for assertions;
// Reset empties it all.
// A Server is safe for concurrent use.
//
// # Events and webhooks
//
// The fake records an event for each change Chargebee records one for,
// with the content keys Chargebee sends (the customer, its card when it
// has one, the promotional_credit, the impacted_customer), rendered at the
// moment of the change:
//
//   - customer_created (and card_added when created with a card);
//   - customer_changed for update, update_billing_info,
//     update_payment_method (with card_added, or card_updated when a card
//     is replaced), change_billing_date, the contact actions,
//     assign_payment_role, clear_personal_data,
//     update_hierarchy_settings, and relinking to the same parent;
//   - customer_deleted for delete (with the card it had) and for the
//     source of a merge (the target gets customer_changed);
//   - customer_moved_in for move; MoveOut records customer_moved_out, the
//     event of the site a customer leaves;
//   - hierarchy_created and hierarchy_deleted for link and unlink (content:
//     the child customer);
//   - promotional_credits_added and promotional_credits_deducted for every
//     credit action (add, deduct, set, the customer-level and v1 account
//     credit actions) that changes a balance;
//   - customer_entitlements_updated (source "system") when SetEntitlements
//     changes a customer's entitlements; its impacted_customer download_url
//     points at the fake, which serves the customer ids as CSV.
//
// Events of API calls have source "api" and the origin_user the call sent.
// A call that fails records nothing, nor does a replayed one. Event ids
// are "ev_1", "ev_2", … and are never reused, not even after Reset.
// GET /events and GET /events/{id} serve them: API v2 with every filter of
// the events API (id, webhook_status, event_type, source, occurred_at,
// sort_by, start_time, end_time), newest first by default, paged with
// next_offset cursors that stay valid while events are added; API v1 with
// its plain webhook_status and event_type filters and only the event types
// v1 has, in the v1 shape. Events returns the documents for assertions.
//
// SetWebhook (or WithWebhook) makes the fake deliver events to an endpoint
// of the test: a POST of the event's JSON, with Basic auth when
// configured, retried on non-2XX answers on a short schedule
// (Webhook.RetryWaits). The event's webhook_status follows. Deliveries run
// in the background, one at a time; WaitWebhooks waits until all are done,
// Deliveries lists each call (event, copy, attempt, status), and Close
// stops them at once. DeliverDuplicates delivers every event twice,
// DeliverOutOfOrder holds events back and delivers them newest first, and
// ResendEvent delivers one again: the ways Chargebee's deliveries can
// surprise a handler, on demand.
//
// # httpmock
//
// For unit tests that mock the transport, build the client on an
// *httpmock.MockTransport:
//
//	mt := httpmock.NewMockTransport()
//	cb, err := chargebee.NewClient("acme-test", "test_key",
//		chargebee.WithHTTPClient(&http.Client{Transport: mt}))
//
// (NewMockClient does the same in one line) and register answers:
// RegisterCustomer, RegisterCustomerCreate, RegisterCustomerUpdate,
// RegisterCustomerDelete, RegisterCustomerList, RegisterContactList,
// RegisterHierarchy, RegisterEntitlements, RegisterPromotionalCredit and
// RegisterPromotionalCreditList answer with the SDK's own types encoded as
// Chargebee does (lists are paged by limit and offset); RegisterError and
// ErrorResponder answer with Chargebee's error JSON; RegisterJSON and PathV2
// cover any other action. Responders match the path only, so any site name
// works.
//
// This package imports the resource packages (customer, relationship,
// entitlement, credits) for the httpmock helpers, so tests inside those
// packages can use it only from an external test package (package
// customer_test, not package customer).
package chargebeetest

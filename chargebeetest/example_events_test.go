package chargebeetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
)

// The fake delivers the events it records to a webhook endpoint, here
// every event twice, as Chargebee may: the endpoint must process each
// event once. WaitWebhooks waits until every delivery is done.
func ExampleServer_SetWebhook() {
	var mu sync.Mutex
	seen := map[string]bool{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ev struct {
			ID        string `json:"id"`
			EventType string `json:"event_type"`
		}
		if err := json.Unmarshal(body, &ev); err != nil {
			http.Error(w, "not an event", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if seen[ev.ID] {
			return // a duplicate: already processed
		}
		seen[ev.ID] = true
		fmt.Println("processing", ev.ID, ev.EventType)
	}))
	defer hook.Close()

	srv, err := chargebeetest.Start(chargebeetest.WithWebhook(chargebeetest.Webhook{
		URL: hook.URL, Username: "hook_user", Password: "hook_password",
	}))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	srv.DeliverDuplicates(true)

	ctx := context.Background()
	customers := customer.NewService(srv.Client())
	res, err := customers.Create(ctx, customer.NewCreateRequest().SetFirstName("Ann"))
	if err != nil {
		panic(err)
	}
	if _, err := customers.Update(ctx, res.Customer.ID, customer.NewUpdateRequest().SetLastName("Lee")); err != nil {
		panic(err)
	}
	if err := srv.WaitWebhooks(ctx); err != nil {
		panic(err)
	}
	for _, d := range srv.Deliveries() {
		fmt.Printf("delivered %s copy %d: %d\n", d.EventID, d.Copy, d.Status)
	}
	// Output:
	// processing ev_1 customer_created
	// processing ev_2 customer_changed
	// delivered ev_1 copy 1: 200
	// delivered ev_1 copy 2: 200
	// delivered ev_2 copy 1: 200
	// delivered ev_2 copy 2: 200
}

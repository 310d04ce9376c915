package relationship

import (
	"encoding/json"

	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/api"
)

// decodeCustomer decodes a {"customer": ...} response into *dst and fails
// when the customer is missing.
func decodeCustomer(b []byte, action string, dst **customer.Customer) error {
	var raw struct {
		Customer *customer.Customer `json:"customer"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw.Customer == nil {
		return api.MissingKey(action, "customer")
	}
	*dst = raw.Customer
	return nil
}

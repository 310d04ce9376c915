package chargebee_test

import (
	"fmt"
	"net/url"

	"github.com/billingkit/chargebee-go"
)

// A Metadata value encodes itself as one compact JSON object, also inside a
// struct of the caller's that github.com/google/go-querystring encodes.
func ExampleMetadata_EncodeValues() {
	values := url.Values{}
	if err := (chargebee.Metadata{"plan": "gold", "seats": 5}).EncodeValues("meta_data", &values); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(values.Encode())
	// Output: meta_data=%7B%22plan%22%3A%22gold%22%2C%22seats%22%3A5%7D
}

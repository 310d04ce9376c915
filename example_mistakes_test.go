package chargebee_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/billingkit/chargebee-go"
)

// A caller's own mistake is a *ValidationError, found before anything is
// sent; its Err, when set, says what kind of mistake it is.
func ExampleValidationError() {
	var zero chargebee.Client // not made by NewClient
	err := zero.Do(context.Background(), http.MethodGet, "/customers", nil, nil)

	var ve *chargebee.ValidationError
	fmt.Println(errors.As(err, &ve), errors.Is(err, chargebee.ErrNilClient))
	fmt.Println(err)

	// A value that refers to itself cannot be sent.
	type node struct {
		Next *node `url:"next"`
	}
	loop := &node{}
	loop.Next = loop
	cb, _ := chargebee.NewClient("acme-test", "test_key")
	err = cb.Do(context.Background(), http.MethodPost, "/customers", loop, nil)
	fmt.Println(errors.As(err, &ve), errors.Is(err, chargebee.ErrParams), ve.Param)

	// Output:
	// true true
	// chargebee: no client: zero chargebee.Client; create it with chargebee.NewClient
	// true true next[next][next][next][next][next][next][next]
}

// The API key is the user name of Basic auth, which cannot hold a colon.
func ExampleNewClient_keyWithColon() {
	_, err := chargebee.NewClient("acme-test", "test_key:extra")
	var ve *chargebee.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Param)
	// Output:
	// true api key
}

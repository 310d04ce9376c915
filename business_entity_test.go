package chargebee_test

import (
	"testing"

	"github.com/billingkit/chargebee-go"
)

func TestClientBusinessEntity(t *testing.T) {
	t.Parallel()
	plain, err := chargebee.NewClient("acme", "k")
	if err != nil {
		t.Fatal(err)
	}
	scoped, err := chargebee.NewClient("acme", "k", chargebee.WithBusinessEntity("be_client"))
	if err != nil {
		t.Fatal(err)
	}
	var nilClient *chargebee.Client
	tests := []struct {
		name string
		c    *chargebee.Client
		opts []chargebee.RequestOption
		want string
	}{
		{"none", plain, nil, ""},
		{"client option", scoped, nil, "be_client"},
		{"request option", plain, []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_call")}, "be_call"},
		{"request option wins", scoped, []chargebee.RequestOption{chargebee.WithIdempotencyKey("k"), nil, chargebee.WithBusinessEntityID("be_call")}, "be_call"},
		{"nil client", nilClient, []chargebee.RequestOption{chargebee.WithBusinessEntityID("be_call")}, "be_call"},
		{"nil client without option", nilClient, nil, ""},
	}
	for _, tt := range tests {
		if got := tt.c.BusinessEntity(tt.opts...); got != tt.want {
			t.Errorf("%s: BusinessEntity() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Command entitlements gates features of an application on what a
// customer's subscriptions entitle it to, with entitlement.Load.
//
//	go run ./examples/entitlements
//
// Without configuration it runs against the built-in fake, seeded with the
// entitlements a plan would grant. Entitlements come from subscriptions,
// which this SDK does not create, so on a real site (CHARGEBEE_SITE and
// CHARGEBEE_API_KEY) set CHARGEBEE_CUSTOMER_ID to a customer with an active
// subscription. The customer entitlements endpoint is off on Chargebee sites
// until Chargebee Support enables it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"text/tabwriter"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
)

// customerVar names the customer to check on a real site.
const customerVar = "CHARGEBEE_CUSTOMER_ID"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "entitlements:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	defer env.Close(w, &err)

	id := os.Getenv(customerVar)
	if env.Fake != nil {
		// On the fake, create a customer and seed what its subscriptions
		// would grant: a Pro plan and an add-on whose SSO entitlement is
		// switched off.
		res, err := customer.NewService(env.Client).Create(ctx, customer.NewCreateRequest().SetID("acme_corp").SetCompany("Acme Corp"))
		if err != nil {
			return fmt.Errorf("creating a customer: %w", err)
		}
		id = res.Customer.ID
		env.Created(id)
		env.Fake.SetEntitlements(id,
			chargebeetest.Entitlement{SubscriptionID: "sub_starter", FeatureID: "user-licenses", Value: "3", Name: "3 licences", IsEnabled: true},
			chargebeetest.Entitlement{SubscriptionID: "sub_pro", FeatureID: "user-licenses", Value: "10", Name: "10 licences", IsEnabled: true},
			chargebeetest.Entitlement{SubscriptionID: "sub_pro", FeatureID: "xero-integration", Value: "true", Name: "Available", IsEnabled: true},
			chargebeetest.Entitlement{SubscriptionID: "sub_pro", FeatureID: "support-level", Value: "Chat", Name: "Chat support", IsEnabled: true},
			chargebeetest.Entitlement{SubscriptionID: "sub_addon", FeatureID: "sso", Value: "true", Name: "Available", IsEnabled: false},
		)
		fmt.Fprintf(w, "Seeded the fake with the entitlements of %s's subscriptions sub_starter, sub_pro and sub_addon\n", id)
	} else if id == "" {
		return errors.New("on a real site, set " + customerVar + " to a customer with an active subscription: entitlements come from subscriptions")
	}

	// Load reads every page of the customer's entitlements into a Set, a
	// snapshot to check features against. Each subscription gives its own
	// entries: list them.
	entitlements := entitlement.NewService(env.Client)
	bySub, err := load(ctx, entitlements, id)
	if err != nil {
		return err
	}
	n := len(bySub.Features())
	fmt.Fprintf(w, "Entitlements of %s (%d %s):\n", bySub.CustomerID(), n, map[bool]string{true: "feature", false: "features"}[n == 1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range bySub.Features() {
		for _, e := range bySub.Entries(f) {
			state := "enabled"
			if !e.IsEnabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "  %s\t%s (%s)\t%s, from %s\n", f, e.Value, e.Name, state, e.SubscriptionID)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Gate on what all the subscriptions grant together: with
	// Consolidated(), Chargebee merges them into one entry per feature. The
	// Set above would answer with the first subscription's level, such as
	// 3 seats where another subscription grants 10.
	set, err := load(ctx, entitlements, id, entitlement.Consolidated())
	if err != nil {
		return err
	}

	// Gate features. A feature the customer has no entitlement to is
	// absent from the Set, so every check fails closed.
	fmt.Fprintln(w, "Feature checks:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range []string{"xero-integration", "sso", "audit-log"} {
		fmt.Fprintf(tw, "  %s\t%s\n", f, featureCheck(set, f))
	}
	const usedSeats = 3
	fmt.Fprintf(tw, "  add a user\t%s\n", seatCheck(set, usedSeats))
	if level, ok := set.Value("support-level"); ok {
		fmt.Fprintf(tw, "  support level\t%s\n", level)
	}
	return tw.Flush()
}

// load reads the customer's entitlements, saying why a site refused them.
func load(ctx context.Context, s *entitlement.Service, id string, opts ...chargebee.RequestOption) (*entitlement.Set, error) {
	set, err := s.Load(ctx, id, opts...)
	if errors.Is(err, entitlement.ErrNotEnabled) {
		return nil, fmt.Errorf("the site does not serve customer entitlements yet; Chargebee Support enables them: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("loading the entitlements of %s: %w", id, err)
	}
	return set, nil
}

// featureCheck decides whether the customer may use a switch feature.
func featureCheck(set *entitlement.Set, feature string) string {
	switch {
	case set.Enabled(feature):
		return "allowed"
	case len(set.Entries(feature)) > 0:
		return "refused: the entitlement is disabled"
	default:
		return "refused: not in the customer's plan"
	}
}

// seatCheck decides whether a customer using used seats may add a user,
// from the quantity entitlement user-licenses.
func seatCheck(set *entitlement.Set, used int) string {
	v, ok := set.Value("user-licenses")
	switch {
	case !ok:
		return "not in the customer's plan"
	case v == "Unlimited":
		return "allowed (unlimited seats)"
	}
	seats, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Sprintf("refused: user-licenses has the value %q, not a number", v)
	}
	if used >= seats {
		return fmt.Sprintf("refused: all %d seats are used", seats)
	}
	return fmt.Sprintf("allowed (%d of %d seats used)", used, seats)
}

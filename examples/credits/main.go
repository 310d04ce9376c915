// Command credits gives a customer promotional credits, uses some, tries to
// use more than it has, and prints the credit history. On the fake it also
// adds API v1 account credits, the older name of the same balance.
//
//	go run ./examples/credits
//
// Without configuration it runs against the built-in fake. With
// CHARGEBEE_SITE and CHARGEBEE_API_KEY set it uses that site and deletes the
// customer it created at the end.
//
// Amounts are integers in the currency's minor unit (cents); the program
// prints them as money (3.00 USD, or 300 JPY for a zero-decimal currency).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/examples/internal/exampleenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "credits:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) (err error) {
	env, err := exampleenv.Open(w)
	if err != nil {
		return err
	}
	defer env.Close(w, &err)
	svc := credits.NewService(env.Client)

	created, err := customer.NewService(env.Client).Create(ctx, customer.NewCreateRequest().
		SetFirstName("Grace").SetLastName("Hopper").SetEmail(env.Email("grace")))
	if err != nil {
		return fmt.Errorf("creating a customer: %w", err)
	}
	id := created.Customer.ID
	env.Created(id)
	if pc := created.Customer.PromotionalCredits; pc == 0 {
		fmt.Fprintf(w, "Created customer %s, no promotional credits yet\n", id)
	} else {
		fmt.Fprintf(w, "Created customer %s, promotional credits %s\n", id, chargebeetest.FormatAmount(pc, created.Customer.PreferredCurrencyCode))
	}

	// Add and Deduct return the customer with its new balance and the
	// history entry recorded for the change. Without currency_code the
	// customer's currency is used.
	add, err := svc.Add(ctx, credits.NewAddRequest().
		SetCustomerID(id).
		SetAmount(500).
		SetDescription("Referral bonus").
		SetCreditType(credits.CreditTypeReferralRewards))
	if err != nil {
		return fmt.Errorf("adding credits: %w", err)
	}
	pc := add.PromotionalCredit
	fmt.Fprintf(w, "Added %s (%s): balance %s\n", chargebeetest.FormatAmount(pc.Amount, pc.CurrencyCode), pc.Description, chargebeetest.FormatAmount(add.Customer.PromotionalCredits, pc.CurrencyCode))

	ded, err := svc.Deduct(ctx, credits.NewDeductRequest().
		SetCustomerID(id).
		SetAmount(200).
		SetDescription("Applied to the first invoice"))
	if err != nil {
		return fmt.Errorf("deducting credits: %w", err)
	}
	pc = ded.PromotionalCredit
	fmt.Fprintf(w, "Deducted %s (%s): balance %s\n", chargebeetest.FormatAmount(pc.Amount, pc.CurrencyCode), pc.Description, chargebeetest.FormatAmount(ded.Customer.PromotionalCredits, pc.CurrencyCode))

	// Chargebee refuses to deduct more than the balance.
	_, err = svc.Deduct(ctx, credits.NewDeductRequest().
		SetCustomerID(id).
		SetAmount(1000).
		SetDescription("Too much"))
	var ce *chargebee.Error
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(w, "Deducting %s is refused (%d, param %s): %s\n", chargebeetest.FormatAmount(1000, pc.CurrencyCode), ce.HTTPStatusCode, ce.Param, ce.Message)
	case err != nil:
		return fmt.Errorf("deducting more than the balance: %w", err)
	default:
		return errors.New("deducting more than the balance was accepted")
	}

	// List reads the history page by page; customer_id[is] keeps it to
	// this customer.
	fmt.Fprintf(w, "Credit history of %s:\n", id)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for entry, err := range svc.List(ctx, credits.NewListRequest().SetCustomerID(chargebee.StringFilter{Is: id})) {
		if err != nil {
			return fmt.Errorf("listing credits: %w", err)
		}
		e := entry.PromotionalCredit
		sign := "+"
		if e.Type == credits.TypeDecrement {
			sign = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s%s\t%s\t%s\tbalance %s\n", e.ID, sign, chargebeetest.FormatAmount(e.Amount, e.CurrencyCode), e.CreditType, e.Description, chargebeetest.FormatAmount(e.ClosingBalance, e.CurrencyCode))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// API v1 calls the balance account credits, with actions on the
	// customer that need an API v1 client. Not every site accepts API v1
	// calls, so the example makes this one on the fake only.
	if env.Fake == nil {
		fmt.Fprintln(w, "Skipping API v1 account credits on a real site: not every site accepts API v1 calls")
		return nil
	}
	v1, err := env.ClientV1()
	if err != nil {
		return err
	}
	acc, err := credits.NewService(v1).AddAccountCredits(ctx, id, credits.NewAddAccountCreditsRequest().
		SetAmount(100).
		SetDescription("Goodwill credit"))
	if err != nil {
		return fmt.Errorf("adding account credits (API v1): %w", err)
	}
	fmt.Fprintf(w, "Added %s of account credits with API v1: account_credits %s\n", chargebeetest.FormatAmount(100, pc.CurrencyCode), chargebeetest.FormatAmount(acc.Customer.AccountCredits, pc.CurrencyCode))
	return nil
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesAreCurrent fails when the committed files of package
// customer differ from what the generator produces from catalog.json. Run
// go generate ./customer to update them.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	raw, err := os.ReadFile("../catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("generator produced no files")
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "..", "customer", name))
		if err != nil {
			t.Fatalf("%s: %v (run go generate ./customer)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("customer/%s is stale: run go generate ./customer", name)
		}
	}
}

func TestCamel(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"paypal_express_checkout":    "PaypalExpressCheckout",
		"us_automated_bank_transfer": "USAutomatedBankTransfer",
		"med1":                       "Med1",
		"a":                          "A",
		"alipay_hk":                  "AlipayHK",
	} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}

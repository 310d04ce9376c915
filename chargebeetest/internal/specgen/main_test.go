package main

import (
	"bytes"
	"os"
	"testing"
)

// TestWireSpecIsCurrent fails when chargebeetest/wirespec.json differs from
// what the generator makes of internal/gen/catalog.json. Run
// go generate ./chargebeetest to update it.
func TestWireSpecIsCurrent(t *testing.T) {
	raw, err := os.ReadFile("../../../internal/gen/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../wirespec.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("chargebeetest/wirespec.json is stale: run go generate ./chargebeetest")
	}
}

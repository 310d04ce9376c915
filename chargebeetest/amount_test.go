package chargebeetest

import (
	"math"
	"testing"
)

func TestFormatAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{300, "USD", "3.00 USD"},
		{0, "USD", "0.00 USD"},
		{5, "EUR", "0.05 EUR"},
		{-5, "EUR", "-0.05 EUR"},
		{-250, "GBP", "-2.50 GBP"},
		{123456789, "USD", "1234567.89 USD"},
		{300, "JPY", "300 JPY"},
		{-7, "krw", "-7 krw"},
		{0, "JPY", "0 JPY"},
		{300, "", "3.00"},
		{math.MaxInt64, "USD", "92233720368547758.07 USD"},
		{math.MinInt64, "USD", "-92233720368547758.08 USD"},
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.minor, tt.currency); got != tt.want {
			t.Errorf("FormatAmount(%d, %q) = %q, want %q", tt.minor, tt.currency, got, tt.want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dec, currency string
		want          int64
		ok            bool
	}{
		{"12.50", "USD", 1250, true},
		{"12.5", "USD", 1250, true},
		{"12", "USD", 1200, true},
		{"0.01", "EUR", 1, true},
		{"12.500", "USD", 1250, true},
		{"12.505", "USD", 0, false},
		{"15", "JPY", 15, true},
		{"15.0", "jpy", 15, true},
		{"15.5", "JPY", 0, false},
		{"-1", "USD", 0, false},
		{"1.", "USD", 0, false},
		{".5", "USD", 0, false},
		{"1e3", "USD", 0, false},
		{"", "USD", 0, false},
		{"99999999999999999999", "USD", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseAmount(tt.dec, tt.currency)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseAmount(%q, %q) = %d, %t; want %d, %t", tt.dec, tt.currency, got, ok, tt.want, tt.ok)
		}
	}
	// parseAmount reads what FormatAmount writes.
	for _, c := range []string{"USD", "JPY"} {
		for _, n := range []int64{0, 1, 99, 100, 12345} {
			s := FormatAmount(n, c)
			got, ok := parseAmount(s[:len(s)-len(c)-1], c)
			if !ok || got != n {
				t.Errorf("parseAmount(FormatAmount(%d, %s)) = %d, %t", n, c, got, ok)
			}
		}
	}
}

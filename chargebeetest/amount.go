package chargebeetest

import (
	"strconv"
	"strings"
)

// zeroDecimal lists the currencies without minor units, whose amounts
// Chargebee gives in the major unit; every other currency has two decimals
// in the API.
var zeroDecimal = map[string]bool{"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true, "KMF": true, "KRW": true,
	"PYG": true, "RWF": true, "UGX": true, "VND": true, "VUV": true, "XAF": true, "XOF": true, "XPF": true}

// decimals returns the number of decimals of currency in the API: 0 for a
// zero-decimal currency such as JPY, else 2, matching the code in any case.
func decimals(currency string) int {
	if zeroDecimal[strings.ToUpper(currency)] {
		return 0
	}
	return 2
}

// FormatAmount writes minor, an amount in the minor unit of currency (the
// integer unit Chargebee's API uses for money), as the fake quotes amounts
// in its error messages: FormatAmount(300, "USD") is "3.00 USD",
// FormatAmount(-5, "EUR") is "-0.05 EUR" and FormatAmount(300, "JPY") is
// "300 JPY". Without a currency it formats two decimals and no code.
func FormatAmount(minor int64, currency string) string {
	sign := ""
	// Work on the magnitude as unsigned so that the most negative int64
	// formats too.
	mag := uint64(minor)
	if minor < 0 {
		sign, mag = "-", -mag
	}
	s := strconv.FormatUint(mag, 10)
	if d := decimals(currency); d > 0 {
		if len(s) <= d {
			s = strings.Repeat("0", d-len(s)+1) + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if currency == "" {
		return sign + s
	}
	return sign + s + " " + currency
}

// parseAmount converts amount_in_decimal, an amount in the major unit
// ("12.50"), to minor units of currency (1250). It accepts digits with at
// most the currency's decimals (trailing zeros aside) and reports false for
// anything else, including a sign or a value beyond int64.
func parseAmount(dec, currency string) (int64, bool) {
	digits := decimals(currency)
	whole, frac, hasFrac := strings.Cut(dec, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || (hasFrac && frac == "") {
		return 0, false
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > digits {
		return 0, false
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

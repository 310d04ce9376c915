package form

import "net/url"

// Oracle returns the form values of v by the independent map-based encoder
// of oracle_test.go, for comparison with EncodeBytes.
func Oracle(v any) (url.Values, error) {
	if err := CheckDepth(v); err != nil {
		return nil, err
	}
	return oracleEncode(v)
}

package form

import "net/url"

// ReflectBytes and ReflectValues are the reflection-driven encoder of
// reflect_test.go: the oracle the generated AppendForm methods must match.
var (
	ReflectBytes  = reflectBytes
	ReflectValues = reflectValues
)

// Oracle returns the form values of v by the independent map-based encoder
// of oracle_test.go, for comparison with ReflectBytes.
func Oracle(v any) (url.Values, error) {
	if err := CheckDepth(v); err != nil {
		return nil, err
	}
	return oracleEncode(v)
}

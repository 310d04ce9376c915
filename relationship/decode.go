package relationship

import (
	"context"
	"fmt"
	"net/http"

	"github.com/billingkit/chargebee-go"
)

// missingKey is the error for a 2xx response that lacks a top-level key the
// action always returns. No partial result is returned with it.
func missingKey(method, path, key string) error {
	return &chargebee.DecodeError{
		Method:     method,
		Path:       path,
		StatusCode: http.StatusOK,
		Err:        fmt.Errorf("response has no %q", key),
	}
}

// getPage fetches one page of a list action at path.
func getPage[T any](ctx context.Context, cb *chargebee.Client, path string, params any, opts []chargebee.RequestOption) (*chargebee.Page[T], error) {
	var out struct {
		List       *[]T   `json:"list"`
		NextOffset string `json:"next_offset"`
	}
	if err := cb.Do(ctx, http.MethodGet, path, params, &out, opts...); err != nil {
		return nil, err
	}
	if out.List == nil {
		return nil, missingKey(http.MethodGet, path, "list")
	}
	return &chargebee.Page[T]{Items: *out.List, NextOffset: out.NextOffset}, nil
}

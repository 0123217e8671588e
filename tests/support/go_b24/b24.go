// Package b24 is a compile-only stand-in for the Bitrix24 Go SDK (github.com/bitrix24/b24gosdk).
//
// It declares just the names and signatures that generated Go examples use, so the checker in
// tests/support/go_checker.py can run `go vet` offline. Calls never reach a portal.
package b24

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
)

// Params are the parameters of one REST call.
type Params map[string]any

// Response is a REST reply; Result holds the raw "result" member. List methods also set Total
// (the "total" member) and Next (the "next" offset), as the docs' Go tabs of list methods read.
type Response struct {
	Result json.RawMessage
	Total  *int
	Next   *int
}

// CallOption tunes a single call.
type CallOption func(*callOptions)

type callOptions struct {
	idempotent bool
}

// WithIdempotent marks a call as safe to retry.
func WithIdempotent() CallOption {
	return func(o *callOptions) { o.idempotent = true }
}

// Client talks to one portal.
type Client struct {
	core Core
}

// Core gives access to raw REST calls.
func (c *Client) Core() *Core {
	return &c.core
}

// Core performs raw REST calls.
type Core struct{}

// ErrStandIn is returned by every call: the stand-in has no transport.
var ErrStandIn = errors.New("b24 stand-in: no transport")

// Call invokes a REST method.
func (c *Core) Call(ctx context.Context, method string, params Params, opts ...CallOption) (*Response, error) {
	return nil, ErrStandIn
}

// ID is an identifier that the REST API sends either as a number or as a numeric string.
type ID int64

// UnmarshalJSON accepts 42 and "42".
func (id *ID) UnmarshalJSON(data []byte) error {
	text := string(bytes.Trim(data, `"`))
	value, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return err
	}
	*id = ID(value)
	return nil
}

// Unwrap follows keys into nested objects; ok is false when a key is missing.
func Unwrap(raw json.RawMessage, keys ...string) (json.RawMessage, bool) {
	for _, key := range keys {
		var object map[string]json.RawMessage
		if err := json.Unmarshal(raw, &object); err != nil {
			return nil, false
		}
		next, found := object[key]
		if !found {
			return nil, false
		}
		raw = next
	}
	return raw, true
}

// Keys lists the member names of a JSON object, sorted; ok is false for other values.
func Keys(raw json.RawMessage) ([]string, bool) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(raw, &object); err != nil || object == nil {
		return nil, false
	}
	keys := make([]string, 0, len(object))
	for key := range object {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys, true
}

package chargebee

import (
	"encoding/json"
	"net/url"
	"strconv"
)

// The filter types below implement EncodeValues, the encoder interface of
// github.com/google/go-querystring, so that a filter at wire prefix p is sent as
// p[operator]=value. Operators left at their zero value are not sent.

// StringFilter filters a list on a string attribute.
type StringFilter struct {
	Is         string   // field[is]
	IsNot      string   // field[is_not]
	StartsWith string   // field[starts_with]
	IsPresent  *bool    // field[is_present]=true|false
	In         []string // field[in]=["a","b"]
	NotIn      []string // field[not_in]=["a","b"]
}

// EncodeValues adds the filter's operators under key.
func (f StringFilter) EncodeValues(key string, v *url.Values) error {
	addString(v, key, "starts_with", f.StartsWith)
	if f.IsPresent != nil {
		v.Set(key+"[is_present]", strconv.FormatBool(*f.IsPresent))
	}
	// The operators a string shares with an enum are sent the same way.
	return EnumFilter{Is: f.Is, IsNot: f.IsNot, In: f.In, NotIn: f.NotIn}.EncodeValues(key, v)
}

// EnumFilter filters a list on an enumerated attribute. Values are the wire
// strings of the attribute's enum (for example "on" or "off").
type EnumFilter struct {
	Is    string   // field[is]
	IsNot string   // field[is_not]
	In    []string // field[in]=["a","b"]
	NotIn []string // field[not_in]=["a","b"]
}

// EncodeValues adds the filter's operators under key.
func (f EnumFilter) EncodeValues(key string, v *url.Values) error {
	addString(v, key, "is", f.Is)
	addString(v, key, "is_not", f.IsNot)
	addJSON(v, key, "in", f.In)
	addJSON(v, key, "not_in", f.NotIn)
	return nil
}

// TimestampFilter filters a list on a timestamp attribute. Chargebee takes
// Unix seconds of 10 digits (September 2001 to 2286); another value set,
// such as milliseconds, is refused before sending.
type TimestampFilter struct {
	After   Timestamp    // field[after]
	Before  Timestamp    // field[before]
	On      Timestamp    // field[on]
	Between [2]Timestamp // field[between]=[from,to]; sent when either end is set, and then both must be
}

// EncodeValues adds the filter's operators under key, or returns the
// *ValidationError of the first value Chargebee would refuse.
func (f TimestampFilter) EncodeValues(key string, v *url.Values) error {
	for _, o := range [...]struct {
		op       string
		from, to Timestamp
	}{{"after", f.After, f.After}, {"before", f.Before, f.Before}, {"on", f.On, f.On}, {"between", f.Between[0], f.Between[1]}} {
		switch {
		case o.from == 0 && o.to == 0:
		case min(o.from, o.to) < 1e9 || max(o.from, o.to) >= 1e10:
			return &ValidationError{Param: key + "[" + o.op + "]", Reason: "must be Unix time in whole seconds, 10 digits (chargebee.NewTimestamp makes one)"}
		case o.op == "between":
			v.Set(key+"[between]", "["+strconv.FormatInt(int64(o.from), 10)+","+strconv.FormatInt(int64(o.to), 10)+"]")
		default:
			v.Set(key+"["+o.op+"]", strconv.FormatInt(int64(o.from), 10))
		}
	}
	return nil
}

// BoolFilter filters a list on a boolean attribute.
type BoolFilter struct {
	Is *bool // field[is]=true|false
}

// EncodeValues adds the filter's operators under key.
func (f BoolFilter) EncodeValues(key string, v *url.Values) error {
	if f.Is != nil {
		v.Set(key+"[is]", strconv.FormatBool(*f.Is))
	}
	return nil
}

// NumberFilter filters a list on an integer attribute.
type NumberFilter struct {
	Is      *int64    // field[is]
	IsNot   *int64    // field[is_not]
	Lt      *int64    // field[lt]
	Lte     *int64    // field[lte]
	Gt      *int64    // field[gt]
	Gte     *int64    // field[gte]
	Between *[2]int64 // field[between]=[a,b]
}

// EncodeValues adds the filter's operators under key.
func (f NumberFilter) EncodeValues(key string, v *url.Values) error {
	for _, o := range []struct {
		op string
		n  *int64
	}{{"is", f.Is}, {"is_not", f.IsNot}, {"lt", f.Lt}, {"lte", f.Lte}, {"gt", f.Gt}, {"gte", f.Gte}} {
		if o.n != nil {
			v.Set(key+"["+o.op+"]", strconv.FormatInt(*o.n, 10))
		}
	}
	if f.Between != nil {
		v.Set(key+"[between]", "["+strconv.FormatInt(f.Between[0], 10)+","+strconv.FormatInt(f.Between[1], 10)+"]")
	}
	return nil
}

// SortBy orders a list by an attribute; set exactly one of Asc or Desc.
type SortBy struct {
	Asc  string // sort_by[asc]=attribute
	Desc string // sort_by[desc]=attribute
}

// EncodeValues adds the sort order under key.
func (s SortBy) EncodeValues(key string, v *url.Values) error {
	addString(v, key, "asc", s.Asc)
	addString(v, key, "desc", s.Desc)
	return nil
}

// SortAsc sorts ascending by attribute.
func SortAsc(attribute string) SortBy { return SortBy{Asc: attribute} }

// SortDesc sorts descending by attribute.
func SortDesc(attribute string) SortBy { return SortBy{Desc: attribute} }

func addString(v *url.Values, key, op, s string) {
	if s != "" {
		v.Set(key+"["+op+"]", s)
	}
}

func addJSON(v *url.Values, key, op string, list []string) {
	if list != nil {
		b, _ := json.Marshal(list) // a []string always marshals
		v.Set(key+"["+op+"]", string(b))
	}
}

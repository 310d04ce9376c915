package form_test

import (
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/internal/form"
)

// The request types below mirror the shapes of the customer actions in the
// catalog (create and list), written the way the resource packages write them.

type billingAddress struct {
	FirstName *string `url:"first_name,omitempty"`
	Line1     *string `url:"line1,omitempty"`
	Country   *string `url:"country,omitempty"`
}

type card struct {
	ExpiryMonth           *int32         `url:"expiry_month,omitempty"`
	AdditionalInformation map[string]any `url:"additional_information,omitempty,json"`
}

type bankAccount struct {
	BillingAddress map[string]any `url:"billing_address,omitempty,json"`
}

type entityIdentifier struct {
	ID       *string `url:"id,omitempty"`
	Scheme   *string `url:"scheme,omitempty"`
	Value    *string `url:"value,omitempty"`
	Standard *string `url:"standard,omitempty"`
}

type taxProviderField struct {
	ProviderName *string `url:"provider_name,omitempty"`
	FieldID      *string `url:"field_id,omitempty"`
	FieldValue   *string `url:"field_value,omitempty"`
}

type createRequest struct {
	Email              *string              `url:"email,omitempty"`
	FirstName          *string              `url:"first_name,omitempty"`
	LastName           *string              `url:"last_name,omitempty"`
	AllowDirectDebit   *bool                `url:"allow_direct_debit,omitempty"`
	NetTermDays        *int32               `url:"net_term_days,omitempty"`
	Amount             *int64               `url:"amount,omitempty"`
	CreatedAt          *chargebee.Timestamp `url:"created_at,omitempty"`
	MetaData           chargebee.Metadata   `url:"meta_data,omitempty,json"`
	ExemptionDetails   []string             `url:"exemption_details,omitempty,json"`
	CustomFields       map[string]string    `url:",inline"`
	BillingAddress     *billingAddress      `url:"billing_address,omitempty"`
	Card               *card                `url:"card,omitempty"`
	BankAccount        *bankAccount         `url:"bank_account,omitempty"`
	EntityIdentifiers  []entityIdentifier   `url:"entity_identifiers,omitempty"`
	TaxProvidersFields []taxProviderField   `url:"tax_providers_fields,omitempty"`
}

type relationshipFilter struct {
	ParentID       *chargebee.StringFilter `url:"parent_id,omitempty"`
	PaymentOwnerID *chargebee.StringFilter `url:"payment_owner_id,omitempty"`
}

type listRequest struct {
	Limit             *int32                     `url:"limit,omitempty"`
	Offset            *string                    `url:"offset,omitempty"`
	IncludeDeleted    *bool                      `url:"include_deleted,omitempty"`
	ID                *chargebee.StringFilter    `url:"id,omitempty"`
	Email             *chargebee.StringFilter    `url:"email,omitempty"`
	FirstName         *chargebee.StringFilter    `url:"first_name,omitempty"`
	AutoCollection    *chargebee.EnumFilter      `url:"auto_collection,omitempty"`
	CreatedAt         *chargebee.TimestampFilter `url:"created_at,omitempty"`
	UpdatedAt         *chargebee.TimestampFilter `url:"updated_at,omitempty"`
	AutoCloseInvoices *chargebee.BoolFilter      `url:"auto_close_invoices,omitempty"`
	Amount            *chargebee.NumberFilter    `url:"amount,omitempty"`
	SortBy            *chargebee.SortBy          `url:"sort_by,omitempty"`
	Relationship      *relationshipFilter        `url:"relationship,omitempty"`
	CustomFields      map[string]string          `url:",inline"`
}

func TestEncodeGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   any
		want url.Values
	}{
		{
			name: "nil request",
			in:   nil,
			want: nil,
		},
		{
			name: "nil pointer request",
			in:   (*createRequest)(nil),
			want: nil,
		},
		{
			name: "empty request sends nothing",
			in:   &createRequest{},
			want: url.Values{},
		},
		{
			name: "create: every shape of the catalog example",
			in: &createRequest{
				Email:            chargebee.String("john@example.com"),
				AllowDirectDebit: chargebee.Bool(true),
				NetTermDays:      chargebee.Int32(30),
				MetaData:         chargebee.Metadata{"plan": "gold", "seats": 5},
				ExemptionDetails: []string{"x", "y"},
				CustomFields:     map[string]string{"cf_gender": "female"},
				BillingAddress: &billingAddress{
					FirstName: chargebee.String("John"),
					Line1:     chargebee.String("PO Box 9999"),
				},
				Card:        &card{ExpiryMonth: chargebee.Int32(12), AdditionalInformation: map[string]any{"k": "v"}},
				BankAccount: &bankAccount{BillingAddress: map[string]any{"line1": "x"}},
				EntityIdentifiers: []entityIdentifier{
					{ID: chargebee.String("e1"), Scheme: chargebee.String("s1")},
					{Scheme: chargebee.String("s2"), Value: chargebee.String("v2")},
				},
				TaxProvidersFields: []taxProviderField{{ProviderName: chargebee.String("p")}},
			},
			want: url.Values{
				"email":                                  {"john@example.com"},
				"allow_direct_debit":                     {"true"},
				"net_term_days":                          {"30"},
				"meta_data":                              {`{"plan":"gold","seats":5}`},
				"exemption_details":                      {`["x","y"]`},
				"cf_gender":                              {"female"},
				"billing_address[first_name]":            {"John"},
				"billing_address[line1]":                 {"PO Box 9999"},
				"card[expiry_month]":                     {"12"},
				"card[additional_information]":           {`{"k":"v"}`},
				"bank_account[billing_address]":          {`{"line1":"x"}`},
				"entity_identifiers[id][0]":              {"e1"},
				"entity_identifiers[scheme][0]":          {"s1"},
				"entity_identifiers[scheme][1]":          {"s2"},
				"entity_identifiers[value][1]":           {"v2"},
				"tax_providers_fields[provider_name][0]": {"p"},
			},
		},
		{
			name: "pointers to zero values are sent, nil pointers are absent",
			in: &createRequest{
				FirstName:        chargebee.String(""),
				AllowDirectDebit: chargebee.Bool(false),
				NetTermDays:      chargebee.Int32(0),
				BillingAddress:   &billingAddress{Line1: chargebee.String("")},
			},
			want: url.Values{
				"first_name":             {""},
				"allow_direct_debit":     {"false"},
				"net_term_days":          {"0"},
				"billing_address[line1]": {""},
			},
		},
		{
			name: "empty nested object and empty array send nothing",
			in:   &createRequest{BillingAddress: &billingAddress{}, EntityIdentifiers: []entityIdentifier{}, Card: &card{}},
			want: url.Values{},
		},
		{
			name: "large int64 amounts and timestamps stay decimal",
			in: &createRequest{
				Amount:    chargebee.Int64(math.MaxInt64),
				CreatedAt: chargebee.Ptr(chargebee.Timestamp(1700000000)),
			},
			want: url.Values{"amount": {"9223372036854775807"}, "created_at": {"1700000000"}},
		},
		{
			name: "negative int64",
			in:   &createRequest{Amount: chargebee.Int64(math.MinInt64)},
			want: url.Values{"amount": {"-9223372036854775808"}},
		},
		{
			name: "JSON fields are compact, unescaped and never flattened",
			in: &createRequest{
				MetaData: chargebee.Metadata{"a": map[string]any{"b": []any{1, 2}}, "html": "<b>&</b>", "big": int64(math.MaxInt64)},
				Card:     &card{AdditionalInformation: map[string]any{"nested": map[string]any{"x": true}}},
			},
			want: url.Values{
				"meta_data":                    {`{"a":{"b":[1,2]},"big":9223372036854775807,"html":"<b>&</b>"}`},
				"card[additional_information]": {`{"nested":{"x":true}}`},
			},
		},
		{
			name: "empty JSON object is sent as {}",
			in:   &createRequest{MetaData: chargebee.Metadata{}},
			want: url.Values{"meta_data": {`{}`}},
		},
		{
			name: "custom fields are top-level keys",
			in:   &createRequest{CustomFields: map[string]string{"cf_a": "1", "cf_b": "", "cf_c": "x y"}},
			want: url.Values{"cf_a": {"1"}, "cf_b": {""}, "cf_c": {"x y"}},
		},
		{
			name: "list: every filter operator",
			in: &listRequest{
				Limit:             chargebee.Int32(5),
				IncludeDeleted:    chargebee.Bool(true),
				Email:             &chargebee.StringFilter{Is: "a@b.com"},
				ID:                &chargebee.StringFilter{In: []string{"a", "b"}, NotIn: []string{"c"}},
				FirstName:         &chargebee.StringFilter{IsNot: "x", StartsWith: "J", IsPresent: chargebee.Bool(false)},
				AutoCollection:    &chargebee.EnumFilter{Is: "on", IsNot: "off", In: []string{"on"}, NotIn: []string{"off"}},
				SortBy:            &chargebee.SortBy{Asc: "created_at"},
				CreatedAt:         &chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{1600000000, 1700000000}},
				UpdatedAt:         &chargebee.TimestampFilter{After: 1000000001, Before: 1000000002, On: 1000000003},
				AutoCloseInvoices: &chargebee.BoolFilter{Is: chargebee.Bool(false)},
				Amount: &chargebee.NumberFilter{
					Is: chargebee.Int64(0), IsNot: chargebee.Int64(1), Lt: chargebee.Int64(2), Lte: chargebee.Int64(3),
					Gt: chargebee.Int64(4), Gte: chargebee.Int64(math.MaxInt64), Between: &[2]int64{5, 6},
				},
				Relationship: &relationshipFilter{
					ParentID:       &chargebee.StringFilter{Is: "p1"},
					PaymentOwnerID: &chargebee.StringFilter{StartsWith: "q"},
				},
				CustomFields: map[string]string{"cf_tier": "gold"},
			},
			want: url.Values{
				"limit":                       {"5"},
				"include_deleted":             {"true"},
				"email[is]":                   {"a@b.com"},
				"id[in]":                      {`["a","b"]`},
				"id[not_in]":                  {`["c"]`},
				"first_name[is_not]":          {"x"},
				"first_name[starts_with]":     {"J"},
				"first_name[is_present]":      {"false"},
				"auto_collection[is]":         {"on"},
				"auto_collection[is_not]":     {"off"},
				"auto_collection[in]":         {`["on"]`},
				"auto_collection[not_in]":     {`["off"]`},
				"sort_by[asc]":                {"created_at"},
				"created_at[between]":         {"[1600000000,1700000000]"},
				"updated_at[after]":           {"1000000001"},
				"updated_at[before]":          {"1000000002"},
				"updated_at[on]":              {"1000000003"},
				"auto_close_invoices[is]":     {"false"},
				"amount[is]":                  {"0"},
				"amount[is_not]":              {"1"},
				"amount[lt]":                  {"2"},
				"amount[lte]":                 {"3"},
				"amount[gt]":                  {"4"},
				"amount[gte]":                 {"9223372036854775807"},
				"amount[between]":             {"[5,6]"},
				"relationship[parent_id][is]": {"p1"},
				"relationship[payment_owner_id][starts_with]": {"q"},
				"cf_tier": {"gold"},
			},
		},
		{
			name: "smallest between and JSON escaping inside in",
			in: &listRequest{
				CreatedAt: &chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{1000000000, 1000000001}},
				ID:        &chargebee.StringFilter{In: []string{`a"b`, "ü"}},
			},
			want: url.Values{"created_at[between]": {"[1000000000,1000000001]"}, "id[in]": {`["a\"b","ü"]`}},
		},
		{
			name: "empty filters and sort send nothing",
			in: &listRequest{
				Email: &chargebee.StringFilter{}, AutoCollection: &chargebee.EnumFilter{},
				CreatedAt: &chargebee.TimestampFilter{}, AutoCloseInvoices: &chargebee.BoolFilter{},
				Amount: &chargebee.NumberFilter{}, SortBy: &chargebee.SortBy{}, Relationship: &relationshipFilter{},
			},
			want: url.Values{},
		},
		{
			name: "sort descending",
			in:   &listRequest{SortBy: chargebee.Ptr(chargebee.SortDesc("updated_at"))},
			want: url.Values{"sort_by[desc]": {"updated_at"}},
		},
		{
			name: "url.Values pass through",
			in:   url.Values{"a": {"1"}, "b[c]": {""}},
			want: url.Values{"a": {"1"}, "b[c]": {""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := form.ReflectValues(tt.in)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Encode mismatch\n got: %v\nwant: %v", got, tt.want)
			}
			for k, vs := range got {
				if len(vs) != 1 {
					t.Errorf("key %s has %d values, want 1", k, len(vs))
				}
				if strings.HasSuffix(vs[0], "\n") {
					t.Errorf("key %s ends with a newline: %q", k, vs[0])
				}
			}
		})
	}
}

// TestEncodedString checks the exact bytes sent: percent-escaping of keys and
// values (non-ASCII, space, +, &, =, brackets, quotes) and a key order that
// does not depend on map iteration.
func TestEncodedString(t *testing.T) {
	t.Parallel()
	req := &listRequest{
		Limit:        chargebee.Int32(5),
		Email:        &chargebee.StringFilter{Is: "jöhn+1&x=y@b.com"},
		ID:           &chargebee.StringFilter{In: []string{"a", "b"}},
		SortBy:       &chargebee.SortBy{Asc: "created_at"},
		Relationship: &relationshipFilter{ParentID: &chargebee.StringFilter{Is: "p 1"}},
		CustomFields: map[string]string{"cf_z": "1", "cf_a": "Ünïcödé", "cf_m": "a;b/c?d#e%f"},
	}
	const want = "cf_a=%C3%9Cn%C3%AFc%C3%B6d%C3%A9" +
		"&cf_m=a%3Bb%2Fc%3Fd%23e%25f" +
		"&cf_z=1" +
		"&email%5Bis%5D=j%C3%B6hn%2B1%26x%3Dy%40b.com" +
		"&id%5Bin%5D=%5B%22a%22%2C%22b%22%5D" +
		"&limit=5" +
		"&relationship%5Bparent_id%5D%5Bis%5D=p+1" +
		"&sort_by%5Basc%5D=created_at"
	for i := 0; i < 50; i++ {
		v, err := form.ReflectValues(req)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Encode(); got != want {
			t.Fatalf("encoded string (run %d)\n got: %s\nwant: %s", i, got, want)
		}
	}
}

func TestEncodeFloats(t *testing.T) {
	t.Parallel()
	type req struct {
		F64 *float64 `url:"f64,omitempty"`
		F32 *float32 `url:"f32,omitempty"`
	}
	tests := []struct {
		in   req
		want url.Values
	}{
		{req{F64: chargebee.Ptr(1e21)}, url.Values{"f64": {"1000000000000000000000"}}},
		{req{F64: chargebee.Ptr(0.000001)}, url.Values{"f64": {"0.000001"}}},
		{req{F64: chargebee.Ptr(12.5)}, url.Values{"f64": {"12.5"}}},
		{req{F32: chargebee.Ptr(float32(0.1))}, url.Values{"f32": {"0.1"}}},
		{req{F64: chargebee.Ptr(0.0)}, url.Values{"f64": {"0"}}},
	}
	for _, tt := range tests {
		got, err := form.ReflectValues(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("got %v, want %v", got, tt.want)
		}
	}
}

type embeddedCommon struct {
	Limit  *int32  `url:"limit,omitempty"`
	Offset *string `url:"offset,omitempty"`
}

type withEmbedded struct {
	embeddedCommon
	*listFilters
	Name *string `url:"name,omitempty"`
}

type listFilters struct {
	Email *chargebee.StringFilter `url:"email,omitempty"`
}

type node struct {
	ID    *string `url:"id,omitempty"`
	Child *node   `url:"child,omitempty"`
}

type misc struct {
	At      time.Time                 `url:"at,omitempty"`
	Tags    []string                  `url:"tags,omitempty"`
	Filters []*chargebee.StringFilter `url:"f,omitempty"`
	Items   []*entityIdentifier       `url:"items,omitempty"`
	Uint    *uint64                   `url:"uint,omitempty"`
	Plain   string                    `url:"plain"`
	Skipped *string                   `url:"-"`
	NoTag   *string
	Iface   any               `url:"iface,omitempty"`
	Map     map[string]string `url:"m,omitempty"`
	Nested  *node             `url:"node,omitempty"`
	private *string           // unexported: ignored
}

func TestEncodeOtherShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      any
		want    url.Values
		wantErr string
	}{
		{
			name: "embedded structs are refused",
			in: withEmbedded{
				embeddedCommon: embeddedCommon{Limit: chargebee.Int32(10), Offset: chargebee.String("o")},
				listFilters:    &listFilters{Email: &chargebee.StringFilter{Is: "e"}},
				Name:           chargebee.String("n"),
			},
			wantErr: "form: unsupported field type form_test.embeddedCommon",
		},
		{
			name:    "slices of filters are refused",
			in:      misc{Filters: []*chargebee.StringFilter{nil, {Is: "x"}}},
			wantErr: "form: f: unsupported field type []*chargebee.StringFilter",
		},
		{
			name:    "maps without the json option are refused",
			in:      misc{Map: map[string]string{"k": "v"}},
			wantErr: "form: m: unsupported field type map[string]string",
		},
		{
			name: "recursive type",
			in:   &node{ID: chargebee.String("a"), Child: &node{ID: chargebee.String("b"), Child: &node{ID: chargebee.String("c")}}},
			want: url.Values{"id": {"a"}, "child[id]": {"b"}, "child[child][id]": {"c"}},
		},
		{
			name: "misc kinds",
			in: misc{
				At:      time.Unix(1700000000, 999).In(time.FixedZone("X", 3600)),
				Tags:    []string{"a", "b"},
				Items:   []*entityIdentifier{nil, {ID: chargebee.String("i")}},
				Uint:    chargebee.Ptr(uint64(math.MaxUint64)),
				Skipped: chargebee.String("s"),
				NoTag:   chargebee.String("t"),
				Nested:  &node{ID: chargebee.String("n")},
				private: chargebee.String("p"),
			},
			want: url.Values{
				"at": {"1700000000"}, "tags[0]": {"a"}, "tags[1]": {"b"},
				"items[id][1]": {"i"}, "uint": {"18446744073709551615"}, "plain": {""}, "NoTag": {"t"},
				"node[id]": {"n"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := form.ReflectValues(tt.in)
			if tt.wantErr != "" {
				var fe *form.Error
				if !errors.As(err, &fe) || err.Error() != tt.wantErr || got != nil {
					t.Fatalf("got %v, %v; want *form.Error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	t.Parallel()
	type badFloat struct {
		F *float64 `url:"amount,omitempty"`
	}
	type badJSON struct {
		Meta map[string]any `url:"meta_data,omitempty,json"`
	}
	type badNested struct {
		Card *badJSON `url:"card,omitempty"`
	}
	type badInline struct {
		CF map[string]int `url:",inline"`
	}
	type badChan struct {
		C chan int `url:"c,omitempty"`
	}
	tests := []struct {
		name    string
		in      any
		wantKey string
	}{
		{"NaN", badFloat{F: chargebee.Ptr(math.NaN())}, "amount"},
		{"infinity", badFloat{F: chargebee.Ptr(math.Inf(1))}, "amount"},
		{"NaN inside JSON", badJSON{Meta: map[string]any{"x": math.NaN()}}, "meta_data"},
		{"nested JSON key", badNested{Card: &badJSON{Meta: map[string]any{"f": func() {}}}}, "card[meta_data]"},
		{"inline needs strings", badInline{CF: map[string]int{"cf_a": 1}}, ""},
		{"inline empty key", createRequest{CustomFields: map[string]string{"": "x"}}, "custom field"},
		{"unsupported type", badChan{C: make(chan int)}, "c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := form.ReflectValues(tt.in)
			var fe *form.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Encode = %v, %v; want *form.Error", v, err)
			}
			if fe.Key != tt.wantKey {
				t.Errorf("Key = %q, want %q", fe.Key, tt.wantKey)
			}
			if !strings.HasPrefix(err.Error(), "form: "+tt.wantKey) {
				t.Errorf("Error() = %q, want it to name the key", err)
			}
		})
	}
	if _, err := form.ReflectValues(42); err == nil {
		t.Error("Encode(42) succeeded, want an error for a non-struct")
	}
	if _, err := form.ReflectValues(map[string]string{"a": "b"}); err == nil {
		t.Error("Encode(map) succeeded, want an error")
	}
}

func TestEncodeCopiesValues(t *testing.T) {
	t.Parallel()
	in := url.Values{"a": {"1"}}
	out, err := form.ReflectValues(in)
	if err != nil {
		t.Fatal(err)
	}
	out.Set("a", "2")
	out.Set("b", "3")
	if in.Get("a") != "1" || in.Has("b") {
		t.Errorf("Encode shares storage with its input: %v", in)
	}
}

// FuzzEncode checks, for arbitrary strings and numbers, that encoding never
// panics, that the encoded string parses back to the same values, that the
// JSON field stays one valid compact document equal to the input, that
// integers round-trip, and that the output is deterministic.
func FuzzEncode(f *testing.F) {
	f.Add("john@example.com", "cf_gender", int64(0), false)
	f.Add("jöhn+1&x=y", "cf_ü", int64(math.MaxInt64), true)
	f.Add("", "", int64(math.MinInt64), false)
	f.Add("\x00\n\r\"\\<>&", "cf_a[b]", int64(-1), true)
	f.Fuzz(func(t *testing.T, s, key string, n int64, b bool) {
		req := &createRequest{
			Email:             &s,
			AllowDirectDebit:  &b,
			Amount:            &n,
			MetaData:          chargebee.Metadata{key: s, "n": n},
			CustomFields:      map[string]string{"cf_x": s},
			BillingAddress:    &billingAddress{Line1: &s},
			EntityIdentifiers: []entityIdentifier{{ID: &s}},
		}
		if strings.HasPrefix(key, "cf_") {
			req.CustomFields[key] = s
		}
		v, err := form.ReflectValues(req)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		enc := v.Encode()
		back, err := url.ParseQuery(enc)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", enc, err)
		}
		if !reflect.DeepEqual(back, v) {
			t.Fatalf("round trip: got %v, want %v", back, v)
		}
		if v.Get("amount") != strconv.FormatInt(n, 10) {
			t.Fatalf("amount = %q, want %d", v.Get("amount"), n)
		}
		if strings.ContainsAny(v.Get("amount"), "eE.") {
			t.Fatalf("amount in exponent notation: %q", v.Get("amount"))
		}
		meta := v.Get("meta_data")
		if strings.HasSuffix(meta, "\n") || !json.Valid([]byte(meta)) {
			t.Fatalf("meta_data not one JSON document: %q", meta)
		}
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(meta))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		if key != "n" && utf8.ValidString(s) && utf8.ValidString(key) && m[key] != s {
			t.Fatalf("meta_data[%q] = %v, want %q", key, m[key], s)
		}
		for _, k := range []string{"email", "billing_address[line1]", "entity_identifiers[id][0]", "cf_x"} {
			if got := v.Get(k); got != s {
				t.Fatalf("%s = %q, want %q", k, got, s)
			}
		}
		v2, err := form.ReflectValues(req)
		if err != nil || v2.Encode() != enc {
			t.Fatalf("not deterministic: %q vs %q (%v)", v2.Encode(), enc, err)
		}
	})
}

// BenchmarkEncode encodes a customer.CreateRequest with every field set
// (two elements in each list) with its generated AppendForm, as Client.Do
// does, and with the reflection-driven encoder it replaced, in one run.
func BenchmarkEncode(b *testing.B) {
	v := reflect.New(reflect.TypeOf(customer.CreateRequest{}))
	fill(v.Elem(), 2, 0)
	req := v.Interface().(*customer.CreateRequest)
	want, err := form.ReflectBytes(req)
	if err != nil {
		b.Fatal(err)
	}
	for _, impl := range []struct {
		name   string
		encode func() ([]byte, error)
	}{
		{"generated", func() ([]byte, error) { return form.Bytes(req) }},
		{"reflection", func() ([]byte, error) { return form.ReflectBytes(req) }},
	} {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				body, err := impl.encode()
				if err != nil || len(body) != len(want) {
					b.Fatalf("%d bytes, %v; want %d", len(body), err, len(want))
				}
			}
		})
	}
}

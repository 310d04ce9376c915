package api

import (
	"errors"
	"testing"

	"github.com/billingkit/chargebee-go"
)

func TestRules(t *testing.T) {
	t.Parallel()
	yes := true
	n := int64(3)
	dec, bad := "10.50", "1e3"
	type kind string
	typed, accented := kind("card_added"), "éé"
	cases := []struct {
		name      string
		err       error
		wantParam string // "" when the rule passes
	}{
		{"one of: none", OneOf([]string{"amount", "amount_in_decimal"}, false, false), "amount"},
		{"one of: both", OneOf([]string{"amount", "amount_in_decimal"}, true, true), "amount_in_decimal"},
		{"one of: first", OneOf([]string{"amount", "amount_in_decimal"}, true, false), ""},
		{"one of: second", OneOf([]string{"amount", "amount_in_decimal"}, false, true), ""},
		{"match: unset", Match("amount_in_decimal", nil, `^[0-9]+$`, "digits"), ""},
		{"match: good", Match("amount_in_decimal", &dec, `^[0-9]+(\.[0-9]+)?$`, "decimal"), ""},
		{"match: bad", Match("amount_in_decimal", &bad, `^[0-9]+(\.[0-9]+)?$`, "decimal"), "amount_in_decimal"},
		{"string filter allowed", FilterOps("id", &chargebee.StringFilter{Is: "a", StartsWith: "b"}, "is", "is_not", "starts_with"), ""},
		{"string filter in refused", FilterOps("id", &chargebee.StringFilter{In: []string{"a"}}, "is", "is_not", "starts_with"), "id[in]"},
		{"string filter is_present refused", FilterOps("id", &chargebee.StringFilter{IsPresent: &yes}, "is"), "id[is_present]"},
		{"nil filter", FilterOps("id", (*chargebee.StringFilter)(nil), "is"), ""},
		{"enum filter not_in refused", FilterOps("type", &chargebee.EnumFilter{NotIn: []string{"x"}}, "is", "in"), "type[not_in]"},
		{"timestamp between allowed", FilterOps("created_at", &chargebee.TimestampFilter{Between: [2]chargebee.Timestamp{1000000000, 9999999999}}, "after", "between"), ""},
		{"timestamp in milliseconds refused", FilterOps("created_at", &chargebee.TimestampFilter{After: 1700000000000}, "after"), "created_at[after]"},
		{"timestamp on refused", FilterOps("created_at", &chargebee.TimestampFilter{On: 1700000000}, "after"), "created_at[on]"},
		{"bool filter", FilterOps("auto_close_invoices", &chargebee.BoolFilter{Is: &yes}, "is"), ""},
		{"number filter gt refused", FilterOps("n", &chargebee.NumberFilter{Gt: &n}, "is"), "n[gt]"},
		{"sort both refused", FilterOps("sort_by", &chargebee.SortBy{Asc: "a", Desc: "b"}, "asc", "desc"), "sort_by"},
		{"sort asc", FilterOps("sort_by", &chargebee.SortBy{Asc: "created_at"}, "asc", "desc"), ""},
		{"sort field allowed", SortFields("sort_by", &chargebee.SortBy{Desc: "updated_at"}, "created_at", "updated_at"), ""},
		{"sort asc field refused", SortFields("sort_by", &chargebee.SortBy{Asc: "email"}, "created_at"), "sort_by[asc]"},
		{"sort desc field refused", SortFields("sort_by", &chargebee.SortBy{Desc: "email"}, "created_at"), "sort_by[desc]"},
		{"sort nil", SortFields("sort_by", nil, "created_at"), ""},
		{"min length unset", MinLen[string]("event_type", nil, 1), ""},
		{"min length empty", MinLen("event_type", new(string), 1), "event_type"},
		{"min length typed", MinLen("event_type", &typed, 1), ""},
		{"min length counts characters", MinLen("name", &accented, 3), "name"},
	}
	for _, tc := range cases {
		var ve *chargebee.ValidationError
		switch {
		case tc.wantParam == "" && tc.err != nil:
			t.Errorf("%s: %v", tc.name, tc.err)
		case tc.wantParam != "" && (!errors.As(tc.err, &ve) || ve.Param != tc.wantParam):
			t.Errorf("%s: %v, want a ValidationError for %s", tc.name, tc.err, tc.wantParam)
		}
	}
}

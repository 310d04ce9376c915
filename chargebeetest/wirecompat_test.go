package chargebeetest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/internal/testutil"
	"github.com/billingkit/chargebee-go/relationship"
)

// TestSDKRequestsMatchTheWireTable fills every field of every request type
// of the resource packages with a value the catalog allows, encodes it as
// the SDK does, and checks that the fake's wire table accepts every key and
// that every catalogued key of the action was produced. A field the SDK
// names differently from Chargebee, or a parameter it lacks, fails here.
func TestSDKRequestsMatchTheWireTable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action string
		req    any
	}{
		{"customer.create", customer.NewCreateRequest()},
		{"customer.list", customer.NewListRequest()},
		{"customer.update", customer.NewUpdateRequest()},
		{"customer.update_payment_method", customer.NewUpdatePaymentMethodRequest()},
		{"customer.update_billing_info", customer.NewUpdateBillingInfoRequest()},
		{"customer.assign_payment_role", customer.NewAssignPaymentRoleRequest()},
		{"customer.record_excess_payment", customer.NewRecordExcessPaymentRequest()},
		{"customer.collect_payment", customer.NewCollectPaymentRequest()},
		{"customer.delete", customer.NewDeleteRequest()},
		{"customer.move", customer.NewMoveRequest()},
		{"customer.change_billing_date", customer.NewChangeBillingDateRequest()},
		{"customer.merge", customer.NewMergeRequest()},
		{"customer.contacts_for_customer", contact.NewListRequest()},
		{"customer.add_contact", contact.NewAddRequest()},
		{"customer.update_contact", contact.NewUpdateRequest()},
		{"customer.relationships", relationship.NewLinkRequest()},
		{"customer.update_hierarchy_settings", relationship.NewUpdateSettingsRequest()},
		{"customer.list_hierarchy_detail", relationship.NewListDetailRequest()},
		{"customer_entitlement.entitlements_for_customer", entitlement.NewListRequest()},
		{"promotional_credit.add", credits.NewAddRequest()},
		{"promotional_credit.deduct", credits.NewDeductRequest()},
		{"promotional_credit.set", credits.NewSetRequest()},
		{"promotional_credit.list", credits.NewListRequest()},
		//lint:ignore SA1019 the deprecated action is part of the wire table
		{"customer.add_promotional_credits", credits.NewAddPromotionalCreditsRequest()},
		//lint:ignore SA1019 the deprecated action is part of the wire table
		{"customer.deduct_promotional_credits", credits.NewDeductPromotionalCreditsRequest()},
		//lint:ignore SA1019 the deprecated action is part of the wire table
		{"customer.set_promotional_credits", credits.NewSetPromotionalCreditsRequest()},
		{"customer_v1.add_account_credits", credits.NewAddAccountCreditsRequest()},
		{"customer_v1.deduct_account_credits", credits.NewDeductAccountCreditsRequest()},
		{"customer_v1.set_account_credits", credits.NewSetAccountCreditsRequest()},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			a := findAction(tt.action)
			if a == nil {
				t.Fatalf("no action %s in the wire table", tt.action)
			}
			f := filler{a: a, t: t}
			f.fillStruct(reflect.ValueOf(tt.req).Elem(), "", "")
			values, err := testutil.FormValues(tt.req)
			if err != nil {
				t.Fatalf("encoding: %v", err)
			}
			// A list sorts one way: the filler sets both, so each is sent alone.
			for _, drop := range []string{"sort_by[desc]", "sort_by[asc]"} {
				one := url.Values{}
				for k, v := range values {
					if k != drop {
						one[k] = v
					}
				}
				if _, e := parseParams(a, one); e != nil {
					t.Fatalf("the fake rejects the SDK's request: %s (param %s)", e.Message, e.Param)
				}
			}
			var missing []string
			for _, p := range a.Params {
				if _, ok := values[strings.Replace(p.Wire, "[N]", "[0]", 1)]; !ok {
					missing = append(missing, p.Wire)
				}
			}
			for _, fs := range a.Filters {
				if _, ok := values[fs.Wire]; !ok {
					missing = append(missing, fs.Wire)
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("catalogued keys the request type cannot send: %s", strings.Join(missing, ", "))
			}
		})
	}
}

func findAction(id string) *actionSpec {
	for _, a := range loadSpec().Actions {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// filler sets every field of a request struct to a value the action's
// wire table allows, following the url tags the way the encoder does.
type filler struct {
	a *actionSpec
	t *testing.T
}

var (
	timestampType = reflect.TypeOf(chargebee.Timestamp(0))
	rawJSONType   = reflect.TypeOf(json.RawMessage(nil))
)

func (f *filler) fillStruct(v reflect.Value, prefix, suffix string) {
	st := v.Type()
	for i := 0; i < st.NumField(); i++ {
		sf := st.Field(i)
		tag := sf.Tag.Get("url")
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if strings.Contains(opts, "inline") {
			if fv.Kind() == reflect.Map {
				fv.Set(reflect.MakeMap(fv.Type()))
				fv.SetMapIndex(reflect.ValueOf("cf_test"), reflect.ValueOf("x").Convert(fv.Type().Elem()))
			}
			continue
		}
		key := name
		if prefix != "" {
			key = prefix + "[" + name + "]"
		}
		f.fillField(fv, key, suffix, strings.Contains(opts, "json"))
	}
}

func (f *filler) fillField(fv reflect.Value, key, suffix string, isJSON bool) {
	t := fv.Type()
	if t.Kind() == reflect.Pointer {
		elem := reflect.New(t.Elem())
		if f.fillField(elem.Elem(), key, suffix, isJSON); true {
			fv.Set(elem)
		}
		return
	}
	if f.fillFilter(fv, key) {
		return
	}
	if t.Kind() == reflect.Struct && t != timestampType {
		f.fillStruct(fv, key, suffix)
		return
	}
	if t.Kind() == reflect.Slice && !isJSON && t.Elem().Kind() != reflect.Uint8 {
		et := t.Elem()
		base := et
		if base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		if base.Kind() == reflect.Struct {
			s := reflect.MakeSlice(t, 1, 1)
			el := s.Index(0)
			if et.Kind() == reflect.Pointer {
				el.Set(reflect.New(base))
				el = el.Elem()
			}
			f.fillStruct(el, key, "[0]")
			fv.Set(s)
			return
		}
	}
	wire := key + suffix
	ps := f.a.byWire[wire]
	if ps == nil && suffix != "" {
		ps = f.a.byWire[key+"[N]"]
	}
	if ps == nil {
		f.t.Errorf("field encodes key %q, which %s does not take", wire, f.a.ID)
		return
	}
	f.setScalar(fv, ps)
}

// setScalar stores a value valid for ps in fv.
func (f *filler) setScalar(fv reflect.Value, ps *paramSpec) {
	t := fv.Type()
	switch ps.Type {
	case "jsonobject", "jsonarray":
		doc := `{"k":"v"}`
		if ps.Type == "jsonarray" {
			doc = `["a"]`
		}
		switch {
		case t == rawJSONType:
			fv.SetBytes([]byte(doc))
		default:
			p := reflect.New(t)
			if err := json.Unmarshal([]byte(doc), p.Interface()); err != nil {
				f.t.Errorf("%s: cannot hold %s: %v", ps.Wire, doc, err)
				return
			}
			fv.Set(p.Elem())
		}
		return
	}
	var s string
	switch ps.Type {
	case "enum":
		s = ps.Enum[0]
	case "boolean":
		s = "true"
	case "integer", "timestamp":
		n := int64(1)
		if ps.Min != nil {
			n = max(n, *ps.Min)
		}
		if ps.Max != nil {
			n = min(n, *ps.Max)
		}
		if ps.Type == "timestamp" {
			n = 1700000000
		}
		s = fmt.Sprint(n)
	default:
		s = "x"
		if ps.Format == "email" {
			s = "a@b.co"
		}
		if ps.MinLength > 1 {
			s = strings.Repeat("1", ps.MinLength)
		}
	}
	switch t.Kind() {
	case reflect.String:
		fv.SetString(s)
	case reflect.Bool:
		fv.SetBool(s == "true")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var n int64
		fmt.Sscan(s, &n)
		fv.SetInt(n)
	default:
		f.t.Errorf("%s: unexpected field type %s", ps.Wire, t)
	}
}

// fillFilter sets every operator the action offers for the filter at key.
func (f *filler) fillFilter(fv reflect.Value, key string) bool {
	ops := map[string]*filterSpec{}
	for i := range f.a.Filters {
		fs := &f.a.Filters[i]
		if op, ok := strings.CutPrefix(fs.Wire, key+"["); ok && !strings.Contains(op, "[") {
			ops[strings.TrimSuffix(op, "]")] = fs
		}
	}
	val := func(op string) string {
		if fs := ops[op]; fs != nil && len(fs.Enum) > 0 {
			return fs.Enum[0]
		}
		return "x"
	}
	b := true
	switch x := fv.Addr().Interface().(type) {
	case *chargebee.StringFilter:
		for op := range ops {
			switch op {
			case "is":
				x.Is = val(op)
			case "is_not":
				x.IsNot = val(op)
			case "starts_with":
				x.StartsWith = val(op)
			case "is_present":
				x.IsPresent = &b
			case "in":
				x.In = []string{val(op)}
			case "not_in":
				x.NotIn = []string{val(op)}
			}
		}
	case *chargebee.EnumFilter:
		for op := range ops {
			switch op {
			case "is":
				x.Is = val(op)
			case "is_not":
				x.IsNot = val(op)
			case "in":
				x.In = []string{val(op)}
			case "not_in":
				x.NotIn = []string{val(op)}
			}
		}
	case *chargebee.TimestampFilter:
		x.After, x.Before, x.On, x.Between = 1700000000, 1700000001, 1700000002, [2]chargebee.Timestamp{1600000000, 1700000000}
	case *chargebee.BoolFilter:
		x.Is = &b
	case *chargebee.SortBy:
		x.Asc, x.Desc = val("asc"), val("desc")
	default:
		return false
	}
	if len(ops) == 0 {
		f.t.Errorf("filter field encodes prefix %q, which %s does not filter on", key, f.a.ID)
	}
	return true
}

package relationship

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/internal/testutil"
)

const hierarchyJSON = `{"hierarchies":[
 {"customer_id":"root","payment_owner_id":"root","invoice_owner_id":"root","has_children":true,"children_ids":["b","a"],"object":"hierarchy"},
 {"customer_id":"a","parent_id":"root","payment_owner_id":"root","invoice_owner_id":"a","has_children":true,"children_ids":["a1"],"object":"hierarchy"},
 {"customer_id":"b","parent_id":"root","payment_owner_id":"b","invoice_owner_id":"b","has_children":false,"object":"hierarchy","unknown_field":{"x":1}},
 {"customer_id":"a1","parent_id":"a","payment_owner_id":"root","invoice_owner_id":"root"}
]}`

func TestHierarchyEveryType(t *testing.T) {
	t.Parallel()
	for _, typ := range []struct {
		c    HierarchyType
		wire string
	}{
		{HierarchyComplete, "complete_hierarchy"},
		{HierarchySubordinates, "subordinates"},
		{HierarchyPathToRoot, "path_to_root"},
		{HierarchySubordinatesWithUnbilledChargesPayableByParent, "subordinates_with_unbilled_charges_payable_by_parent"},
		{HierarchyImmediateChildren, "immediate_children"},
	} {
		t.Run(typ.wire, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(hierarchyJSON))
			res, err := NewService(m.CB).Hierarchy(context.Background(), "acme/eu?x y%", typ.c)
			if err != nil {
				t.Fatalf("Hierarchy: %v", err)
			}
			testutil.Expect(t, m.Only(), http.MethodGet, "/api/v2/customers/acme%2Feu%3Fx%20y%25/hierarchy",
				url.Values{"hierarchy_operation_type": {typ.wire}})
			if len(res.Hierarchies) != 4 {
				t.Fatalf("%d entries", len(res.Hierarchies))
			}
		})
	}
}

func TestHierarchyDecoding(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(hierarchyJSON))
	res, err := NewService(m.CB).Hierarchy(context.Background(), "a", HierarchyComplete)
	if err != nil {
		t.Fatal(err)
	}
	want := []Hierarchy{
		{CustomerID: "root", PaymentOwnerID: "root", InvoiceOwnerID: "root", HasChildren: true, ChildrenIDs: []string{"b", "a"}, Object: "hierarchy"},
		{CustomerID: "a", ParentID: "root", PaymentOwnerID: "root", InvoiceOwnerID: "a", HasChildren: true, ChildrenIDs: []string{"a1"}, Object: "hierarchy"},
		{CustomerID: "b", ParentID: "root", PaymentOwnerID: "b", InvoiceOwnerID: "b", Object: "hierarchy"},
		{CustomerID: "a1", ParentID: "a", PaymentOwnerID: "root", InvoiceOwnerID: "root"},
	}
	if !reflect.DeepEqual(res.Hierarchies, want) {
		t.Fatalf("got %+v", res.Hierarchies)
	}
}

func TestHierarchyFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("missing type sends nothing", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(hierarchyJSON))
		_, err := NewService(m.CB).Hierarchy(ctx, "a", "")
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != "hierarchy_operation_type" {
			t.Fatalf("err = %v", err)
		}
		m.NothingSent()
	})
	t.Run("empty id sends nothing", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(hierarchyJSON))
		_, err := NewService(m.CB).Hierarchy(ctx, "", HierarchyComplete)
		var ve *chargebee.ValidationError
		if !errors.As(err, &ve) || ve.Param != "customer_id" {
			t.Fatalf("err = %v", err)
		}
		m.NothingSent()
	})
	t.Run("v1 client sends nothing", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(hierarchyJSON), chargebee.WithAPIVersion(chargebee.APIv1))
		svc := NewService(m.CB)
		if _, err := svc.Hierarchy(ctx, "a", HierarchyComplete); !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Fatalf("Hierarchy err = %v", err)
		}
		if _, err := svc.Tree(ctx, "a"); !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Fatalf("Tree err = %v", err)
		}
		if _, err := svc.ListDetailPage(ctx, "a", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete)); !errors.Is(err, chargebee.ErrAPIVersion) {
			t.Fatalf("ListDetailPage err = %v", err)
		}
		for _, err := range svc.ListDetail(ctx, "a", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete)) {
			if !errors.Is(err, chargebee.ErrAPIVersion) {
				t.Fatalf("ListDetail err = %v", err)
			}
		}
		m.NothingSent()
	})
	t.Run("missing hierarchies key", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, testutil.OK(`{"list":[]}`))
		res, err := NewService(m.CB).Hierarchy(ctx, "a", HierarchyComplete)
		var de *chargebee.DecodeError
		if res != nil || !errors.As(err, &de) || de.Path != "/api/v2/customers/a/hierarchy" {
			t.Fatalf("res %v err = %v", res, err)
		}
	})
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		m := testutil.NewMock(t, []testutil.Reply{{Status: 404, Body: `{"message":"Sorry, we couldn't find that resource","type":"invalid_request","api_error_code":"resource_not_found","error_code":"resource_not_found","http_status_code":404}`}})
		_, err := NewService(m.CB).Hierarchy(ctx, "nobody", HierarchyComplete)
		if !errors.Is(err, chargebee.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestTreeFetchesOnce(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(hierarchyJSON))
	tr, err := NewService(m.CB).Tree(context.Background(), "a1")
	if err != nil {
		t.Fatalf("Tree: %v", err)
	}
	testutil.Expect(t, m.Only(), http.MethodGet, "/api/v2/customers/a1/hierarchy", url.Values{"hierarchy_operation_type": {"complete_hierarchy"}})
	if got := tr.String(); got != "root\n  a\n    a1\n  b\n" {
		t.Fatalf("tree:\n%s", got)
	}
	n, _ := tr.Node("a1")
	if got := ids(n.PathToRoot()); !reflect.DeepEqual(got, []string{"a1", "a", "root"}) {
		t.Fatalf("path = %v", got)
	}
	if n.Hierarchy.PaymentOwnerID != "root" || n.Depth() != 2 {
		t.Fatalf("node = %+v depth %d", n.Hierarchy, n.Depth())
	}
}

func TestTreeBadData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, id, body string
		want           error
	}{
		{"customer absent", "zzz", hierarchyJSON, ErrNotInHierarchy},
		{"empty list", "a", `{"hierarchies":[]}`, ErrEmptyHierarchy},
		{"cycle", "a", `{"hierarchies":[{"customer_id":"a","parent_id":"b"},{"customer_id":"b","parent_id":"a"}]}`, ErrCycle},
		{"missing parent", "a", `{"hierarchies":[{"customer_id":"r"},{"customer_id":"a","parent_id":"gone"}]}`, ErrMissingParent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(tc.body))
			tr, err := NewService(m.CB).Tree(context.Background(), tc.id)
			var te *TreeError
			if tr != nil || !errors.Is(err, tc.want) || !errors.As(err, &te) {
				t.Fatalf("tree %v err = %v", tr, err)
			}
			if n := len(m.Requests()); n != 1 {
				t.Fatalf("%d requests", n)
			}
		})
	}
}

func TestListDetailPages(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, []testutil.Reply{
		{Status: 200, Body: `{"list":[{"hierarchy":{"customer_id":"root","payment_owner_id":"root","invoice_owner_id":"root","has_children":true,"children_ids":["a"]}},{"hierarchy":{"customer_id":"a","parent_id":"root","payment_owner_id":"a","invoice_owner_id":"a"}}],"next_offset":"[\"a\",\"17\"]"}`},
		{Status: 200, Body: `{"list":[{"hierarchy":{"customer_id":"b","parent_id":"root","payment_owner_id":"b","invoice_owner_id":"b"}}]}`},
	})
	req := NewListDetailRequest().SetHierarchyOperationType(HierarchySubordinates).SetLimit(2)
	seq := NewService(m.CB).ListDetail(context.Background(), "root", req)
	m.NothingSent() // lazy until ranged over

	var got []string
	for e, err := range seq {
		if err != nil {
			t.Fatalf("ListDetail: %v", err)
		}
		got = append(got, e.Hierarchy.CustomerID+"<"+e.Hierarchy.ParentID)
	}
	if !reflect.DeepEqual(got, []string{"root<", "a<root", "b<root"}) {
		t.Fatalf("entries %v", got)
	}
	reqs := m.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	testutil.Expect(t, reqs[0], http.MethodGet, "/api/v2/customers/root/hierarchy_detail",
		url.Values{"limit": {"2"}, "hierarchy_operation_type": {"subordinates"}})
	testutil.Expect(t, reqs[1], http.MethodGet, "/api/v2/customers/root/hierarchy_detail",
		url.Values{"limit": {"2"}, "hierarchy_operation_type": {"subordinates"}, "offset": {`["a","17"]`}})
	if req.Offset != nil {
		t.Fatal("ListDetail changed the caller's request")
	}
}

func TestListDetailPageEveryParam(t *testing.T) {
	t.Parallel()
	m := testutil.NewMock(t, testutil.OK(`{"list":[{"hierarchy":{"customer_id":"x y","payment_owner_id":"x y","invoice_owner_id":"x y"}}],"next_offset":"n2"}`))
	page, err := NewService(m.CB).ListDetailPage(context.Background(), "x y",
		NewListDetailRequest().SetLimit(100).SetOffset("n1").SetHierarchyOperationType(HierarchyImmediateChildren))
	if err != nil {
		t.Fatal(err)
	}
	testutil.Expect(t, m.Only(), http.MethodGet, "/api/v2/customers/x%20y/hierarchy_detail",
		url.Values{"limit": {"100"}, "offset": {"n1"}, "hierarchy_operation_type": {"immediate_children"}})
	if len(page.Items) != 1 || page.Items[0].Hierarchy.CustomerID != "x y" || page.NextOffset != "n2" {
		t.Fatalf("page %+v", page)
	}
}

func TestListDetailValidation(t *testing.T) {
	t.Parallel()
	long := string(make([]byte, 1001))
	tests := []struct {
		name  string
		req   *ListDetailRequest
		param string
	}{
		{"nil request", nil, "hierarchy_operation_type"},
		{"no type", &ListDetailRequest{}, "hierarchy_operation_type"},
		{"empty type", NewListDetailRequest().SetHierarchyOperationType(""), "hierarchy_operation_type"},
		{"limit 0", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete).SetLimit(0), "limit"},
		{"limit 101", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete).SetLimit(101), "limit"},
		{"offset too long", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete).SetOffset(long), "offset"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(`{"list":[]}`))
			svc := NewService(m.CB)
			_, err := svc.ListDetailPage(context.Background(), "c", tc.req)
			var ve *chargebee.ValidationError
			if !errors.As(err, &ve) || ve.Param != tc.param {
				t.Fatalf("ListDetailPage err = %v, want param %s", err, tc.param)
			}
			n := 0
			for e, err := range svc.ListDetail(context.Background(), "c", tc.req) {
				n++
				if e != nil || !errors.As(err, &ve) || ve.Param != tc.param {
					t.Fatalf("ListDetail yielded %v, %v", e, err)
				}
			}
			if n != 1 {
				t.Fatalf("ListDetail yielded %d times", n)
			}
			m.NothingSent()
		})
	}
}

func TestListDetailMissingKeys(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"no list":                 `{"next_offset":"x"}`,
		"entry without hierarchy": `{"list":[{"hierarchy":{"customer_id":"a"}},{"customer":{"id":"b"}}]}`,
		"not json":                `<html>`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := testutil.NewMock(t, testutil.OK(body))
			page, err := NewService(m.CB).ListDetailPage(context.Background(), "c", NewListDetailRequest().SetHierarchyOperationType(HierarchyComplete))
			var de *chargebee.DecodeError
			if page != nil || !errors.As(err, &de) || de.Path != "/api/v2/customers/c/hierarchy_detail" {
				t.Fatalf("page %v err = %v", page, err)
			}
		})
	}
}

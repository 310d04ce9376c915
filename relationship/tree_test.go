package relationship

import (
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// h is a hierarchy entry of customer id under parent (empty for a root).
func h(id, parent string) Hierarchy {
	return Hierarchy{CustomerID: id, ParentID: parent, PaymentOwnerID: id, InvoiceOwnerID: id}
}

func ids(nodes []*Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID()
	}
	return out
}

func walkOrder(t *testing.T, tr *Tree) []string {
	t.Helper()
	var out []string
	if err := tr.Walk(func(n *Node) error {
		out = append(out, fmt.Sprintf("%s@%d", n.ID(), n.Depth()))
		return nil
	}); err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return out
}

func TestBuildTreeSingleNode(t *testing.T) {
	t.Parallel()
	tr, err := BuildTree([]Hierarchy{h("solo", "")})
	if err != nil {
		t.Fatalf("BuildTree: %v", err)
	}
	root := tr.Root()
	if root.ID() != "solo" || root.Parent() != nil || root.Depth() != 0 || len(root.Children()) != 0 {
		t.Fatalf("root = %+v", root)
	}
	if tr.Len() != 1 {
		t.Fatalf("Len = %d", tr.Len())
	}
	if n, ok := tr.Node("solo"); !ok || n != root {
		t.Fatalf("Node(solo) = %v, %v", n, ok)
	}
	if _, ok := tr.Node("other"); ok {
		t.Fatal("Node(other) found")
	}
	if got := ids(root.PathToRoot()); !reflect.DeepEqual(got, []string{"solo"}) {
		t.Fatalf("PathToRoot = %v", got)
	}
	if got := tr.String(); got != "solo\n" {
		t.Fatalf("String = %q", got)
	}
}

func TestBuildTreeDeepChain(t *testing.T) {
	t.Parallel()
	const depth = 5000
	entries := make([]Hierarchy, depth)
	for i := range entries {
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("c%05d", i-1)
		}
		entries[i] = h(fmt.Sprintf("c%05d", i), parent)
	}
	// Leaf first, root last: the order of the input must not matter.
	slices.Reverse(entries)
	tr, err := BuildTree(entries)
	if err != nil {
		t.Fatalf("BuildTree: %v", err)
	}
	if tr.Root().ID() != "c00000" || tr.Len() != depth {
		t.Fatalf("root %s, len %d", tr.Root().ID(), tr.Len())
	}
	leaf, ok := tr.Node(fmt.Sprintf("c%05d", depth-1))
	if !ok {
		t.Fatal("leaf not found")
	}
	if leaf.Depth() != depth-1 {
		t.Fatalf("leaf depth = %d", leaf.Depth())
	}
	path := leaf.PathToRoot()
	if len(path) != depth || path[0] != leaf || path[len(path)-1] != tr.Root() {
		t.Fatalf("path length %d, first %s, last %s", len(path), path[0].ID(), path[len(path)-1].ID())
	}
	for i, n := range path {
		if want := fmt.Sprintf("c%05d", depth-1-i); n.ID() != want {
			t.Fatalf("path[%d] = %s, want %s", i, n.ID(), want)
		}
	}
	order := walkOrder(t, tr)
	for i, s := range order {
		if want := fmt.Sprintf("c%05d@%d", i, i); s != want {
			t.Fatalf("walk[%d] = %s, want %s", i, s, want)
		}
	}
}

func TestBuildTreeWideFanOut(t *testing.T) {
	t.Parallel()
	const width = 300
	entries := []Hierarchy{h("root", "")}
	for i := 0; i < width; i++ {
		entries = append(entries, h(fmt.Sprintf("kid%03d", i), "root"))
	}
	// Two grandchildren under one child.
	entries = append(entries, h("g2", "kid007"), h("g1", "kid007"))
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })

	tr, err := BuildTree(entries)
	if err != nil {
		t.Fatalf("BuildTree: %v", err)
	}
	kids := tr.Root().Children()
	if len(kids) != width {
		t.Fatalf("%d children", len(kids))
	}
	for i, k := range kids {
		if want := fmt.Sprintf("kid%03d", i); k.ID() != want || k.Parent() != tr.Root() || k.Depth() != 1 {
			t.Fatalf("child %d = %s (parent %v, depth %d), want %s", i, k.ID(), k.Parent(), k.Depth(), want)
		}
	}
	k7, _ := tr.Node("kid007")
	if got := ids(k7.Children()); !reflect.DeepEqual(got, []string{"g1", "g2"}) {
		t.Fatalf("kid007 children = %v", got)
	}
	g2, _ := tr.Node("g2")
	if got := ids(g2.PathToRoot()); !reflect.DeepEqual(got, []string{"g2", "kid007", "root"}) {
		t.Fatalf("g2 path = %v", got)
	}
	order := walkOrder(t, tr)
	if len(order) != width+3 {
		t.Fatalf("walked %d nodes", len(order))
	}
	wantHead := []string{"root@0", "kid000@1", "kid001@1", "kid002@1", "kid003@1", "kid004@1", "kid005@1", "kid006@1", "kid007@1", "g1@2", "g2@2", "kid008@1"}
	if !reflect.DeepEqual(order[:len(wantHead)], wantHead) {
		t.Fatalf("walk starts %v", order[:len(wantHead)])
	}

	// The same hierarchy in another order gives the same tree.
	rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	tr2, err := BuildTree(entries)
	if err != nil {
		t.Fatalf("BuildTree again: %v", err)
	}
	if tr.String() != tr2.String() {
		t.Fatal("tree depends on input order")
	}
}

func TestBuildTreeSubtree(t *testing.T) {
	t.Parallel()
	// What HierarchySubordinates returns for "mid": its parent "top" is
	// not in the list.
	tr, err := BuildTree([]Hierarchy{h("leaf", "mid"), h("mid", "top")})
	if err != nil {
		t.Fatalf("BuildTree: %v", err)
	}
	root := tr.Root()
	if root.ID() != "mid" || root.Parent() != nil || root.Depth() != 0 || root.Hierarchy.ParentID != "top" {
		t.Fatalf("root = %s parent %v depth %d parent_id %q", root.ID(), root.Parent(), root.Depth(), root.Hierarchy.ParentID)
	}
	if got := tr.String(); got != "mid\n  leaf\n" {
		t.Fatalf("String = %q", got)
	}
}

func TestBuildTreeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		entries []Hierarchy
		want    error
		ids     []string
		parent  string
		msg     string
	}{
		{name: "empty", entries: nil, want: ErrEmptyHierarchy},
		{name: "no customer id", entries: []Hierarchy{h("a", ""), h("", "a")}, want: ErrMissingCustomerID},
		{name: "duplicate", entries: []Hierarchy{h("a", ""), h("b", "a"), h("b", "a")}, want: ErrDuplicateCustomer, ids: []string{"b"}},
		{name: "two roots", entries: []Hierarchy{h("r2", ""), h("r1", ""), h("x", "r1")}, want: ErrMultipleRoots, ids: []string{"r1", "r2"}},
		{
			name:    "orphan beside a root",
			entries: []Hierarchy{h("root", ""), h("a", "root"), h("orphan", "gone")},
			want:    ErrMissingParent, ids: []string{"orphan"}, parent: "gone",
			msg: "customer orphan has parent gone",
		},
		{
			name:    "two orphans without a root",
			entries: []Hierarchy{h("o2", "x"), h("o1", "y")},
			want:    ErrMissingParent, ids: []string{"o1", "o2"}, parent: "y",
			msg: "(and 1 more customers with a missing parent)",
		},
		{
			name:    "cycle without a root",
			entries: []Hierarchy{h("c", "b"), h("a", "c"), h("b", "a")},
			want:    ErrCycle, ids: []string{"a", "c", "b"},
			msg: "a -> c -> b -> a",
		},
		{
			name:    "cycle beside a root",
			entries: []Hierarchy{h("root", ""), h("ok", "root"), h("y", "x"), h("x", "y"), h("tail", "x")},
			want:    ErrCycle, ids: []string{"x", "y"},
		},
		{
			name:    "self parent beside a root",
			entries: []Hierarchy{h("root", ""), h("me", "me")},
			want:    ErrCycle, ids: []string{"me"},
			msg: "me -> me",
		},
		{
			name:    "tail leading into a cycle, no root",
			entries: []Hierarchy{h("a", "m"), h("m", "n"), h("n", "m")},
			want:    ErrCycle, ids: []string{"m", "n"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr, err := BuildTree(tc.entries)
			if tr != nil {
				t.Fatalf("got a tree: %s", tr)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var te *TreeError
			if !errors.As(err, &te) {
				t.Fatalf("err %T is not a *TreeError", err)
			}
			if !reflect.DeepEqual(te.CustomerIDs, tc.ids) || te.ParentID != tc.parent {
				t.Fatalf("ids %v parent %q, want %v %q", te.CustomerIDs, te.ParentID, tc.ids, tc.parent)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("message %q lacks %q", err, tc.msg)
			}
		})
	}
}

func TestTreeWalkControl(t *testing.T) {
	t.Parallel()
	tr, err := BuildTree([]Hierarchy{h("r", ""), h("a", "r"), h("b", "r"), h("a1", "a"), h("a2", "a"), h("b1", "b")})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	err = tr.Walk(func(n *Node) error {
		seen = append(seen, n.ID())
		if n.ID() == "a" {
			return SkipChildren
		}
		return nil
	})
	if err != nil || !reflect.DeepEqual(seen, []string{"r", "a", "b", "b1"}) {
		t.Fatalf("skip: %v, %v", seen, err)
	}

	stop := errors.New("stop")
	seen = nil
	err = tr.Walk(func(n *Node) error {
		seen = append(seen, n.ID())
		if n.ID() == "a1" {
			return stop
		}
		return nil
	})
	if err != stop || !reflect.DeepEqual(seen, []string{"r", "a", "a1"}) {
		t.Fatalf("stop: %v, %v", seen, err)
	}

	var nilTree *Tree
	if err := nilTree.Walk(func(*Node) error { t.Fatal("called"); return nil }); err != nil {
		t.Fatal(err)
	}
}

func TestBuildTreeDoesNotShareInput(t *testing.T) {
	t.Parallel()
	entries := []Hierarchy{
		{CustomerID: "r", PaymentOwnerID: "r", InvoiceOwnerID: "r", HasChildren: true, ChildrenIDs: []string{"a"}},
		h("a", "r"),
	}
	before := fmt.Sprintf("%+v", entries)
	tr, err := BuildTree(entries)
	if err != nil {
		t.Fatal(err)
	}
	if after := fmt.Sprintf("%+v", entries); after != before {
		t.Fatalf("input changed: %s", after)
	}
	entries[0].ChildrenIDs[0] = "changed"
	if got := tr.Root().Hierarchy.ChildrenIDs; !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("tree shares the input slice: %v", got)
	}
	kids := tr.Root().Children()
	kids[0] = nil
	if tr.Root().Children()[0] == nil {
		t.Fatal("Children exposes the internal slice")
	}
}

// TestNilTree checks that the accessors of a nil *Tree, as returned with an
// error, answer empty instead of panicking.
func TestNilTree(t *testing.T) {
	t.Parallel()
	var tr *Tree
	if tr.Root() != nil || tr.Len() != 0 {
		t.Errorf("Root %v, Len %d; want nil and 0", tr.Root(), tr.Len())
	}
	if n, ok := tr.Node("a"); n != nil || ok {
		t.Errorf("Node = %v, %v; want nil, false", n, ok)
	}
}

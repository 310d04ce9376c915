package relationship

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// FuzzBuildTree feeds BuildTree arbitrary parent links and checks that it
// either fails with a *TreeError or returns a consistent tree, never looping
// or panicking.
func FuzzBuildTree(f *testing.F) {
	f.Add("a:,b:a,c:a,d:c")
	f.Add("a:b,b:a")
	f.Add("a:a")
	f.Add("a:,b:x")
	f.Add("a:,a:")
	f.Add("m:top,n:m")
	f.Fuzz(func(t *testing.T, spec string) {
		var entries []Hierarchy
		for _, pair := range strings.Split(spec, ",") {
			id, parent, _ := strings.Cut(pair, ":")
			entries = append(entries, Hierarchy{CustomerID: id, ParentID: parent})
		}
		tr, err := BuildTree(entries)
		if err != nil {
			var te *TreeError
			if tr != nil || !errors.As(err, &te) {
				t.Fatalf("tree %v, err %T %v", tr, err, err)
			}
			return
		}
		if tr.Len() != len(entries) {
			t.Fatalf("Len %d, %d entries", tr.Len(), len(entries))
		}
		seen := 0
		if err := tr.Walk(func(n *Node) error {
			seen++
			if n.Parent() == nil {
				if n != tr.Root() || n.Depth() != 0 {
					return fmt.Errorf("parentless node %s is not the root", n.ID())
				}
			} else if n.Depth() != n.Parent().Depth()+1 || n.Hierarchy.ParentID != n.Parent().ID() {
				return fmt.Errorf("node %s: depth %d under %s", n.ID(), n.Depth(), n.Parent().ID())
			}
			if p := n.PathToRoot(); len(p) != n.Depth()+1 || p[len(p)-1] != tr.Root() {
				return fmt.Errorf("node %s: path of %d", n.ID(), len(p))
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if seen != len(entries) {
			t.Fatalf("walked %d of %d", seen, len(entries))
		}
	})
}

func BenchmarkBuildTree(b *testing.B) {
	// A full hierarchy at Chargebee's limits would be far smaller; this one
	// has 5 levels of fan-out 6 (9331 customers).
	var entries []Hierarchy
	var add func(id string, depth int)
	add = func(id string, depth int) {
		if depth == 5 {
			return
		}
		for i := 0; i < 6; i++ {
			c := fmt.Sprintf("%s.%d", id, i)
			entries = append(entries, Hierarchy{CustomerID: c, ParentID: id})
			add(c, depth+1)
		}
	}
	entries = append(entries, Hierarchy{CustomerID: "r"})
	add("r", 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := BuildTree(entries); err != nil {
			b.Fatal(err)
		}
	}
}

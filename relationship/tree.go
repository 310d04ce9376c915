package relationship

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Errors a hierarchy can fail to form a tree with. They are wrapped in a
// *TreeError that names the customers concerned; match them with errors.Is.
var (
	// ErrEmptyHierarchy means the hierarchy had no entries.
	ErrEmptyHierarchy = errors.New("relationship: hierarchy has no entries")
	// ErrMissingCustomerID means an entry had an empty customer_id.
	ErrMissingCustomerID = errors.New("relationship: hierarchy entry without a customer id")
	// ErrDuplicateCustomer means a customer appeared in more than one entry.
	ErrDuplicateCustomer = errors.New("relationship: customer appears more than once in the hierarchy")
	// ErrMissingParent means an entry names a parent not in the hierarchy
	// and cannot be taken as the root (see BuildTree).
	ErrMissingParent = errors.New("relationship: parent is not in the hierarchy")
	// ErrMultipleRoots means more than one entry has no parent.
	ErrMultipleRoots = errors.New("relationship: hierarchy has more than one root")
	// ErrCycle means following parent ids leads back to where it started.
	ErrCycle = errors.New("relationship: hierarchy contains a cycle")
	// ErrNotInHierarchy means a customer is missing from its own hierarchy.
	ErrNotInHierarchy = errors.New("relationship: customer is not in its hierarchy")
)

// SkipChildren is returned by a Tree.Walk callback to skip the children of
// its node, like fs.SkipDir.
//
//lint:ignore ST1012 named like fs.SkipDir, as a control value for Walk
var SkipChildren = errors.New("relationship: skip children")

// TreeError reports why a list of hierarchy entries does not form a tree.
type TreeError struct {
	// Err is the sentinel above that names the problem.
	Err error
	// CustomerIDs are the customers concerned: the duplicate, those whose
	// parent is missing or the roots (sorted), or the cycle in parent order
	// from the smallest id.
	CustomerIDs []string
	// ParentID is, for ErrMissingParent, the missing parent of the first
	// customer in CustomerIDs.
	ParentID string
}

// Error describes the problem with the customer ids involved.
func (e *TreeError) Error() string {
	msg := e.Err.Error()
	switch {
	case errors.Is(e.Err, ErrCycle):
		msg += ": " + strings.Join(e.CustomerIDs, " -> ")
		if len(e.CustomerIDs) > 0 {
			msg += " -> " + e.CustomerIDs[0]
		}
	case errors.Is(e.Err, ErrMissingParent) && len(e.CustomerIDs) > 0:
		msg += fmt.Sprintf(": customer %s has parent %s", e.CustomerIDs[0], e.ParentID)
		if n := len(e.CustomerIDs) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more customers with a missing parent)", n)
		}
	case len(e.CustomerIDs) > 0:
		msg += ": " + strings.Join(e.CustomerIDs, ", ")
	}
	return msg
}

// Unwrap returns Err.
func (e *TreeError) Unwrap() error { return e.Err }

// Tree is a customer hierarchy linked as a tree, built by BuildTree or
// Service.Tree; it is read-only and safe for concurrent reads.
type Tree struct {
	root  *Node
	nodes map[string]*Node
}

// Node is one customer of a Tree.
type Node struct {
	// Hierarchy is the entry Chargebee returned for the customer.
	Hierarchy Hierarchy

	parent   *Node
	children []*Node
	depth    int
}

// ID returns the customer id of the node.
func (n *Node) ID() string { return n.Hierarchy.CustomerID }

// Parent returns the node's parent, or nil for the root.
func (n *Node) Parent() *Node { return n.parent }

// Children returns a copy of the node's children, by customer id.
func (n *Node) Children() []*Node { return slices.Clone(n.children) }

// Depth returns the number of links between the node and the root.
func (n *Node) Depth() int { return n.depth }

// PathToRoot returns the node and its ancestors, up to the root.
func (n *Node) PathToRoot() []*Node {
	path := make([]*Node, 0, n.depth+1)
	for p := n; p != nil; p = p.parent {
		path = append(path, p)
	}
	return path
}

// Root returns the root of the tree.
func (t *Tree) Root() *Node { return t.or().root }

// Len returns the number of customers in the tree.
func (t *Tree) Len() int { return len(t.or().nodes) }

// Node returns the node of the customer with the given id.
func (t *Tree) Node(customerID string) (*Node, bool) {
	n, ok := t.or().nodes[customerID]
	return n, ok
}

// or returns t, or an empty Tree for a nil t.
func (t *Tree) or() *Tree {
	if t == nil {
		return &Tree{}
	}
	return t
}

// Walk calls fn for every node, depth first, parents before children and
// children by id. SkipChildren skips the node's subtree; another error stops
// the walk and is returned.
func (t *Tree) Walk(fn func(n *Node) error) error {
	if t.Root() == nil {
		return nil
	}
	stack := []*Node{t.root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if err := fn(n); err != nil {
			if errors.Is(err, SkipChildren) {
				continue
			}
			return err
		}
		for i := len(n.children) - 1; i >= 0; i-- {
			stack = append(stack, n.children[i])
		}
	}
	return nil
}

// String draws the tree as indented customer ids, one per line, two spaces
// per level, in Walk order.
func (t *Tree) String() string {
	var b strings.Builder
	_ = t.Walk(func(n *Node) error {
		_, err := fmt.Fprintf(&b, "%s%s\n", strings.Repeat("  ", n.depth), n.ID())
		return err
	})
	return b.String()
}

// BuildTree links flat hierarchy entries, such as a HierarchyResult's, into
// a tree by their ParentID (ChildrenIDs is kept but not used), children by
// customer id whatever the input order. The root is the one entry without a
// parent or, when every entry has one, the one entry whose parent is
// outside the list (a subtree, as HierarchySubordinates returns; its Parent()
// is nil). Bad data gives a *TreeError, never a loop; the input is not
// modified.
func BuildTree(entries []Hierarchy) (*Tree, error) {
	nodes, ids, err := indexEntries(entries)
	if err != nil {
		return nil, err
	}
	root, err := findRoot(nodes, ids)
	if err != nil {
		return nil, err
	}
	// ids is sorted, so appending in its order sorts every child list.
	for _, id := range ids {
		if n := nodes[id]; n != root {
			if p, ok := nodes[n.Hierarchy.ParentID]; ok {
				p.children = append(p.children, n)
			}
		}
	}
	if err := linkDown(root, nodes, ids); err != nil {
		return nil, err
	}
	return &Tree{root: root, nodes: nodes}, nil
}

// indexEntries returns a node per entry, copied, by id, and the ids sorted.
func indexEntries(entries []Hierarchy) (map[string]*Node, []string, error) {
	if len(entries) == 0 {
		return nil, nil, &TreeError{Err: ErrEmptyHierarchy}
	}
	nodes := make(map[string]*Node, len(entries))
	ids := make([]string, 0, len(entries))
	for i := range entries {
		id := entries[i].CustomerID
		if id == "" {
			return nil, nil, &TreeError{Err: ErrMissingCustomerID}
		}
		if _, dup := nodes[id]; dup {
			return nil, nil, &TreeError{Err: ErrDuplicateCustomer, CustomerIDs: []string{id}}
		}
		h := entries[i]
		h.ChildrenIDs = slices.Clone(h.ChildrenIDs)
		nodes[id] = &Node{Hierarchy: h}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return nodes, ids, nil
}

// findRoot classifies every entry by its parent (none: a root; one in the
// list; one outside it) and returns the one root the tree can have.
func findRoot(nodes map[string]*Node, ids []string) (*Node, error) {
	var roots, outside []string
	for _, id := range ids {
		p := nodes[id].Hierarchy.ParentID
		switch _, in := nodes[p]; {
		case p == "":
			roots = append(roots, id)
		case !in:
			outside = append(outside, id)
		}
	}
	switch {
	case len(roots) > 1:
		return nil, &TreeError{Err: ErrMultipleRoots, CustomerIDs: roots}
	case len(roots) == 1 && len(outside) == 0:
		return nodes[roots[0]], nil
	case len(roots) == 0 && len(outside) == 1:
		return nodes[outside[0]], nil
	case len(outside) > 0:
		return nil, &TreeError{Err: ErrMissingParent, CustomerIDs: outside, ParentID: nodes[outside[0]].Hierarchy.ParentID}
	}
	// Every parent is inside the list: there is a cycle.
	return nil, &TreeError{Err: ErrCycle, CustomerIDs: findCycle(nodes, ids[0])}
}

// linkDown sets parents and depths from the root down; nodes not reached
// hang off a cycle.
func linkDown(root *Node, nodes map[string]*Node, ids []string) error {
	for queue := []*Node{root}; len(queue) > 0; queue = queue[1:] {
		for _, c := range queue[0].children {
			c.parent, c.depth = queue[0], queue[0].depth+1
			queue = append(queue, c)
		}
	}
	for _, id := range ids {
		if n := nodes[id]; n != root && n.parent == nil {
			return &TreeError{Err: ErrCycle, CustomerIDs: findCycle(nodes, id)}
		}
	}
	return nil
}

// findCycle returns the cycle that parent links from start lead into, in
// parent order from the smallest id.
func findCycle(nodes map[string]*Node, start string) []string {
	seen := map[string]int{}
	var path []string
	id := start
	for {
		if i, ok := seen[id]; ok {
			cycle := path[i:]
			m := slices.Index(cycle, slices.Min(cycle))
			return append(slices.Clone(cycle[m:]), cycle[:m]...)
		}
		seen[id] = len(path)
		path = append(path, id)
		n, ok := nodes[id]
		if !ok {
			return path // not reached when start leads into a cycle
		}
		id = n.Hierarchy.ParentID
	}
}

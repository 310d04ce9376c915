package main

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLeafChecksBounds checks the checks emitted for an integer parameter
// with only a minimum, only a maximum and both, and that the emitted code
// type-checks against internal/api for each integer width requests use.
func TestLeafChecksBounds(t *testing.T) {
	t.Parallel()
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name     string
		min, max *int64
		want     string
	}{
		{"min only", n(1), nil, `api.Min("limit", r.Limit, 1)`},
		{"max only", nil, n(100), `api.Max("limit", r.Limit, 100)`},
		{"both", n(1), n(100), `api.Range("limit", r.Limit, 1, 100)`},
		{"negative max", nil, n(-1), `api.Max("limit", r.Limit, -1)`},
		{"neither", nil, nil, ``},
	}
	var src strings.Builder
	src.WriteString("package p\n\nimport \"github.com/billingkit/chargebee-go/internal/api\"\n\n")
	for i, tt := range tests {
		p := &param{Type: "integer", Wire: "limit", Min: tt.min, Max: tt.max}
		got := strings.Join(leafChecks(p, "r.Limit", "int32", ""), "; ")
		if got != tt.want {
			t.Errorf("%s: leafChecks = %q, want %q", tt.name, got, tt.want)
		}
		if got == "" {
			continue
		}
		for _, typ := range []string{"int32", "int64"} {
			fmt.Fprintf(&src, "func check%d%s(r struct{ Limit *%s }) error { return api.First(%s) }\n\n", i, typ, typ, got)
		}
	}
	typeCheck(t, src.String())
}

// typeCheck fails t unless src, a file of a package in this directory,
// type-checks with its imports read from source.
func typeCheck(t *testing.T, src string) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "emitted.go"), src, 0)
	if err != nil {
		t.Fatalf("emitted code does not parse: %v\n%s", err, src)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, nil); err != nil {
		t.Fatalf("emitted code does not compile: %v\n%s", err, src)
	}
}

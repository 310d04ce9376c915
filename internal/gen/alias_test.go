package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestModelAliasesAreConfigured checks that every hand-written alias of
// another package's generated model is listed in its package's
// ModelAliases, and every listed alias is declared, so that no field of an
// alias type is left to encoding/json by the decoders.
func TestModelAliasesAreConfigured(t *testing.T) {
	t.Parallel()
	n := 0
	for _, pkg := range packages {
		paths, err := filepath.Glob(filepath.Join("..", "..", pkg.Name, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		declared := map[string]string{}
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_gen.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(node ast.Node) bool {
				ts, ok := node.(*ast.TypeSpec)
				if !ok || !ts.Assign.IsValid() {
					return true
				}
				if sel, ok := ts.Type.(*ast.SelectorExpr); ok && generatedModel(sel) {
					declared[ts.Name.Name] = typeString(sel)
				}
				return true
			})
		}
		for name, target := range declared {
			n++
			if got := pkg.ModelAliases[name]; got != target {
				t.Errorf("%s.%s aliases %s but ModelAliases has %q", pkg.Name, name, target, got)
			}
		}
		for name, target := range pkg.ModelAliases {
			if declared[name] != target {
				t.Errorf("%s: ModelAliases lists %s = %s, which the package does not declare", pkg.Name, name, target)
			}
			if !(&gen{pkg: pkg}).aliasesModel(name) {
				t.Errorf("%s: ModelAliases %s = %s is not a generated model", pkg.Name, name, target)
			}
		}
	}
	if n == 0 {
		t.Error("found no alias of a generated model; contact.Contact should be one")
	}
}

package redis_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeSnippetsCompile type-checks the README's Go blocks about this
// module (fenced "```go redis"; the root module's test checks the others),
// each a file of its own after a package clause.
func TestReadmeSnippetsCompile(t *testing.T) {
	t.Parallel() // it waits on "go list": let the other tests run meanwhile
	if testing.Short() {
		t.Skip("type-checks from source")
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```go redis\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("no ```go redis block in README.md")
	}
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	}
	for i, b := range blocks {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "readme.go", "package readme\n\n"+b[1], 0)
		if err != nil {
			t.Errorf("block %d: %v\n%s", i+1, err, b[1])
			continue
		}
		conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
		if _, err := conf.Check("readme", fset, []*ast.File{f}, nil); err != nil {
			t.Errorf("block %d: %v\n%s", i+1, err, b[1])
		}
	}
}

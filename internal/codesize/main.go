// Command codesize measures the library code of the module: hand-written
// and generated non-blank lines of Go, per package, and the hand-written
// functions whose cyclomatic complexity is above a bound.
//
// The library is every non-test Go file except those of chargebeetest,
// examples, the generators (internal/gen, chargebeetest/internal/specgen),
// the shared test helpers (internal/testutil) and this command. A file is generated when its first line is a
// "// Code generated ... DO NOT EDIT." comment.
//
//	go run ./internal/codesize            # totals, per package, complexity
//	go run ./internal/codesize -list      # the hand-written files, one a line
//
// Complexity is counted as gocyclo does: 1, plus one for each if, for,
// case, && and ||.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// excluded are the directories that are not library code.
var excluded = []string{"chargebeetest", "examples", "internal/gen", "internal/codesize", "internal/testutil", ".git"}

func main() {
	root := flag.String("root", ".", "module root")
	list := flag.Bool("list", false, "print the hand-written library files and nothing else")
	bound := flag.Int("complexity", 15, "report hand-written functions above this cyclomatic complexity")
	flag.Parse()
	files, err := libraryFiles(*root)
	if err != nil {
		log.Fatal(err)
	}
	hand, gen := map[string]int{}, map[string]int{}
	var handFiles []string
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(*root, f))
		if err != nil {
			log.Fatal(err)
		}
		n := nonBlank(src)
		pkg := filepath.ToSlash(filepath.Dir(f))
		if isGenerated(src) {
			gen[pkg] += n
			continue
		}
		hand[pkg] += n
		handFiles = append(handFiles, f)
	}
	if *list {
		for _, f := range handFiles {
			fmt.Println(f)
		}
		return
	}
	var pkgs []string
	seen := map[string]bool{}
	for p := range hand {
		pkgs, seen[p] = append(pkgs, p), true
	}
	for p := range gen {
		if !seen[p] {
			pkgs = append(pkgs, p)
		}
	}
	sort.Strings(pkgs)
	th, tg := 0, 0
	fmt.Printf("%-28s %8s %8s\n", "package", "hand", "gen")
	for _, p := range pkgs {
		fmt.Printf("%-28s %8d %8d\n", p, hand[p], gen[p])
		th, tg = th+hand[p], tg+gen[p]
	}
	fmt.Printf("%-28s %8d %8d\n", "total", th, tg)
	over, err := complexFuncs(*root, handFiles, *bound)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\nhand-written functions above complexity %d: %d\n", *bound, len(over))
	for _, o := range over {
		fmt.Println("  " + o)
	}
}

// libraryFiles returns the library's Go files, relative to root.
func libraryFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			for _, x := range excluded {
				if rel == x {
					return filepath.SkipDir
				}
			}
			// Another module (its own go.mod) is measured on its own.
			if rel != "." {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			if strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

func nonBlank(src []byte) int {
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	return n
}

func isGenerated(src []byte) bool {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	return bytes.HasPrefix(line, []byte("// Code generated ")) && bytes.HasSuffix(bytes.TrimSpace(line), []byte("DO NOT EDIT."))
}

// complexFuncs returns the functions of files above bound, most complex
// first, as "complexity file:line name".
func complexFuncs(root string, files []string, bound int) ([]string, error) {
	type fn struct {
		c    int
		desc string
	}
	var out []fn
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, filepath.Join(root, f), nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if c := complexity(fd); c > bound {
				out = append(out, fn{c, fmt.Sprintf("%d %s:%d %s", c, f, fset.Position(fd.Pos()).Line, fd.Name.Name)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].c > out[j].c })
	var s []string
	for _, o := range out {
		s = append(s, o.desc)
	}
	return s, nil
}

func complexity(fd *ast.FuncDecl) int {
	c := 1
	ast.Inspect(fd, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			c++
		case *ast.CaseClause:
			if n.List != nil {
				c++
			}
		case *ast.CommClause:
			if n.Comm != nil {
				c++
			}
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				c++
			}
		}
		return true
	})
	return c
}

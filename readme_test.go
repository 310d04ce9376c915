package chargebee_test

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

// readmePrelude declares what the README's snippets take for granted: a
// context, a client, a service, a request and the caller's own helpers.
const readmeImports = `import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/billingkit/chargebee-go"
	"github.com/billingkit/chargebee-go/chargebeetest"
	"github.com/billingkit/chargebee-go/contact"
	"github.com/billingkit/chargebee-go/credits"
	"github.com/billingkit/chargebee-go/customer"
	"github.com/billingkit/chargebee-go/entitlement"
	"github.com/billingkit/chargebee-go/event"
	"github.com/billingkit/chargebee-go/relationship"
	"github.com/billingkit/chargebee-go/webhook"
	"github.com/jarcoal/httpmock"
)
`

const readmePrelude = `package readme

` + readmeImports + `

var (
	_ = errors.Is
	_ = fmt.Println
	_ = slog.Default
	_ = http.MethodGet
	_ = httptest.NewServer
	_ = os.Getenv
	_ = strings.Repeat
	_ = time.Second
	_ testing.TB
	_ = chargebeetest.PathV2
	_ = contact.NewService
	_ = credits.NewService
	_ = entitlement.NewService
	_ = relationship.NewService
	_ = event.Parse
	_ = webhook.NewHandler
	_ = httpmock.NewMockTransport
)

var (
	ctx                context.Context
	cb                 *chargebee.Client
	customers          *customer.Service
	req                *customer.CreateRequest
	errUpgradeRequired error
)

func Signup(ctx context.Context, customers *customer.Service, email string) (string, error) { return "", nil }

func handleEvent(ctx context.Context, ev *event.Event) error { return nil }

func handled(eventID string) bool { return false }
`

// TestReadmeSnippetsCompile type-checks every Go block of README.md, so the
// README cannot drift from the API. Blocks that start with "func " are
// top-level declarations; others become the body of a function returning
// error. Unused variables are allowed, as snippets are fragments.
func TestReadmeSnippetsCompile(t *testing.T) {
	t.Parallel() // it waits on "go list": let the other tests run meanwhile
	if testing.Short() {
		t.Skip("type-checks from source")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 10 {
		t.Fatalf("found %d Go blocks in README.md", len(blocks))
	}
	wd, _ := os.Getwd()
	fset := token.NewFileSet()
	files := []*ast.File{}
	parse := func(name, src string) {
		f, err := parser.ParseFile(fset, filepath.Join(wd, name), src, 0)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, src)
		}
		files = append(files, f)
	}
	parse("readme_prelude.go", readmePrelude)
	for i, b := range blocks {
		code := b[1]
		src := "package readme\n\n" + readmeImports + "\n"
		if strings.HasPrefix(code, "func ") {
			src += code
		} else {
			src += "func _() error {\n" + code + "\nreturn nil\n}\n"
		}
		parse("readme_block_"+string(rune('a'+i))+".go", src)
	}
	var problems []string
	conf := types.Config{
		Importer: importer.ForCompiler(fset, "gc", exportLookup(t)),
		Error: func(err error) {
			msg := err.Error()
			if strings.Contains(msg, "and not used") {
				return
			}
			problems = append(problems, msg)
		},
	}
	_, _ = conf.Check("readme", fset, files, nil)
	for _, p := range problems {
		t.Error(p)
	}
}

// exportLookup finds compiled export data for the packages the snippets
// import, with one "go list -export" over their dependencies.
func exportLookup(t *testing.T) func(path string) (io.ReadCloser, error) {
	t.Helper()
	pkgs := []string{"./...", "context", "errors", "fmt", "log/slog", "net/http", "os", "strings", "testing", "time", "github.com/jarcoal/httpmock"}
	out, err := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	return func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	}
}

// Package examples_test checks that every example program is run by the
// test suite: each command under examples/ has a run function that its
// main_test.go calls on the built-in fake and checks the output of.
package examples_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// programs are the example commands; mocking is a package with tests.
var programs = []string{"contacts", "credits", "entitlements", "hierarchy", "quickstart", "resilience", "webhooks"}

func TestEveryExampleIsTested(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "internal" || e.Name() == "testdata" {
			continue
		}
		dir := e.Name()
		mainSrc, err := os.ReadFile(filepath.Join(dir, "main.go"))
		if os.IsNotExist(err) {
			tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
			if len(tests) == 0 {
				t.Errorf("%s: neither a program nor tested", dir)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, dir)
		src := string(mainSrc)
		for _, want := range []string{
			"package main",
			"func run(ctx context.Context, w io.Writer) (err error)",
			"err := run(ctx, os.Stdout)",
			"exampleenv.Open(",
			"defer env.Close(w, &err)",
		} {
			if !strings.Contains(src, want) {
				t.Errorf("%s/main.go lacks %q", dir, want)
			}
		}
		testSrc, err := os.ReadFile(filepath.Join(dir, "main_test.go"))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		for _, want := range []string{"exampletest.Run(t, run)", "exampletest.Equal(t, out,", "exampleenv.FakeNotice,"} {
			if !strings.Contains(string(testSrc), want) {
				t.Errorf("%s/main_test.go lacks %q", dir, want)
			}
		}
	}
	if !slices.Equal(found, programs) {
		t.Errorf("example programs = %v, want %v", found, programs)
	}
	if _, err := os.Stat(filepath.Join("mocking", "onboard_test.go")); err != nil {
		t.Errorf("the mocking example has no tests: %v", err)
	}
}

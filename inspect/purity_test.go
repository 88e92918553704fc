package inspect

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// inspect must stay pure: no browser, no UI framework, no network, no
// files or processes, and no clock (the caller passes now). This test reads
// the imports and the calls of every non-test file of the package.
func TestPackageIsPure(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, bad := range impurities(fset, f) {
			t.Error(bad)
		}
	}
	if checked == 0 {
		t.Fatal("no source file found")
	}
}

// TestImpurities shows that the check above finds what it looks for,
// however the import is named.
func TestImpurities(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{`package p; import "time"; func f() time.Duration { return time.Second }`, 0},
		{`package p; import "time"; func f(now time.Time) bool { return now.After(now) }`, 0},
		{`package p; import "time"; var t = time.Now()`, 1},
		{`package p; import "time"; func f(t time.Time) time.Duration { return time.Since(t) }`, 1},
		{`package p; import clock "time"; func f(t clock.Time) clock.Duration { return clock.Until(t) }`, 1},
		{`package p; import "time"; var now = time.Now`, 1},
		{`package p; import . "time"; var d = Second`, 1},
		{`package p; import "os"`, 1},
		{`package p; import "os/exec"`, 1},
		{`package p; import "net"`, 1},
		{`package p; import "net/http"`, 1},
		{`package p; import "net/url"`, 0},
		{`package p; import "syscall/js"`, 1},
		{`package p; import app "github.com/maxence-charriere/go-app/v10/pkg/app"`, 1},
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", tc.src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if got := impurities(fset, f); len(got) != tc.want {
			t.Errorf("%s: %d findings %q, want %d", tc.src, len(got), got, tc.want)
		}
	}
}

// impurities lists what in f breaks the rule: a forbidden import, or a use
// of a function of package time that reads the clock or waits.
func impurities(fset *token.FileSet, f *ast.File) []string {
	forbidden := func(path string) bool {
		for _, bad := range []string{"os", "net", "syscall", "github.com/maxence-charriere/go-app"} {
			if path == bad || strings.HasPrefix(path, bad+"/") {
				return path != "net/url" && path != "net/netip" && path != "net/mail" && path != "net/textproto"
			}
		}
		return false
	}
	clock := map[string]bool{"Now": true, "Since": true, "Until": true, "Sleep": true, "After": true, "AfterFunc": true, "Tick": true, "NewTimer": true, "NewTicker": true}
	var bad []string
	timeName := ""
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		pos := fset.Position(imp.Pos())
		if forbidden(path) {
			bad = append(bad, fmt.Sprintf("%s: imports %s", pos, path))
		}
		if path != "time" {
			continue
		}
		timeName = "time"
		if imp.Name != nil {
			timeName = imp.Name.Name
		}
		if timeName == "." {
			bad = append(bad, fmt.Sprintf("%s: imports time with a dot: its clock could not be told apart", pos))
		}
	}
	if timeName == "" || timeName == "." || timeName == "_" {
		return bad
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == timeName && clock[sel.Sel.Name] {
			bad = append(bad, fmt.Sprintf("%s: reads the clock (time.%s); take now from the caller", fset.Position(sel.Pos()), sel.Sel.Name))
		}
		return true
	})
	return bad
}

// The same holds for everything inspect depends on, transitively.
func TestDependenciesArePure(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no processes under WebAssembly; the native run checks the dependencies")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "syscall/js" || dep == "net/http" || strings.HasPrefix(dep, "github.com/maxence-charriere/go-app") {
			t.Errorf("inspect depends on %s", dep)
		}
	}
}

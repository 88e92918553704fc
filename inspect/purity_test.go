package inspect

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// inspect must stay pure: no browser, no UI framework, no network client, and
// no clock (the caller passes now). This test reads the imports and calls of
// every non-test file.
func TestPackageIsPure(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	forbidden := []string{"syscall/js", "github.com/maxence-charriere/go-app", "net/http", "os/exec"}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") || path == "net" {
					t.Errorf("%s imports %s", f, path)
				}
			}
		}
		if strings.Contains(string(src), "time.Now()") {
			t.Errorf("%s reads the clock (time.Now()); take now from the caller", f)
		}
	}
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

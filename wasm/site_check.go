//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var (
	startTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="(?:[^"\\]|\\.)*")?)*)\s*>`)
	attribute = regexp.MustCompile(`\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="((?:[^"\\]|\\.)*)")?`)
)

// dropMeta are meta tags go-app always writes whose content would be an
// absolute https:// URL built from an empty domain, or empty.
var dropMeta = []string{`property="og:url"`, `property="og:image"`, `name="author"`}

// fixPage removes go-app's meta tags that point at "https://" with no host
// (og:url, og:image: a tool that runs locally has no canonical URL) and
// sorts every tag's attributes, which go-app writes in map order, so that
// the same page always gives the same bytes (and the same version).
func fixPage(b []byte) ([]byte, error) {
	var out bytes.Buffer
	var err error
	last := 0
	for _, m := range startTag.FindAllSubmatchIndex(b, -1) {
		out.Write(b[last:m[0]])
		last = m[1]
		tag, attrs := string(b[m[2]:m[3]]), attribute.FindAllString(string(b[m[4]:m[5]]), -1)
		for i := range attrs {
			attrs[i] = strings.TrimSpace(attrs[i])
		}
		sort.Strings(attrs)
		if tag == "meta" && drop(attrs) {
			// Also drop the indentation and newline around the tag.
			trimmed := bytes.TrimRight(out.Bytes(), " ")
			out.Truncate(len(trimmed))
			if last < len(b) && b[last] == '\n' {
				last++
			}
			continue
		}
		out.WriteString("<" + tag)
		for _, a := range attrs {
			out.WriteString(" " + a)
		}
		out.WriteString(">")
	}
	out.Write(b[last:])
	return out.Bytes(), err
}

func drop(attrs []string) bool {
	for _, a := range attrs {
		for _, d := range dropMeta {
			if a == d {
				return true
			}
		}
	}
	return false
}

// urlAttrs are the HTML attributes whose values are fetched or navigated to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "action": true, "formaction": true,
	"data": true, "poster": true, "cite": true, "manifest": true, "background": true,
}

// local reports why u is not a path relative to the page, if it is not.
func local(u string) error {
	switch {
	case u == "":
		return fmt.Errorf("empty URL")
	case strings.HasPrefix(u, "//"), strings.Contains(u, "://"):
		return fmt.Errorf("off-origin URL %q", u)
	case strings.HasPrefix(u, "/"):
		return fmt.Errorf("absolute path %q breaks hosting under a sub-path", u)
	case strings.Contains(u, ":"):
		return fmt.Errorf("URL with a scheme %q", u)
	}
	return nil
}

var (
	jsWasm     = regexp.MustCompile(`fetchWithProgress\("([^"]*)"`)
	jsWorker   = regexp.MustCompile(`serviceWorker\.register\(\s*"([^"]*)"`)
	jsEnv      = regexp.MustCompile(`const goappEnv = (\{.*\});`)
	workerList = regexp.MustCompile(`const resourcesToCache = (\[.*\]);`)
	anyURL     = regexp.MustCompile(`https?://[^\s"'<>)]*`)
)

// check fails when a generated file holds an absolute path or an off-origin
// URL where a browser would fetch it. It knows where go-app writes paths and
// fails too when it cannot find them (a new go-app that moved them).
func check(files map[string][]byte) error {
	var errs []string
	bad := func(file string, err error) {
		if err != nil {
			errs = append(errs, file+": "+err.Error())
		}
	}

	page := files["index.html"]
	if bytes.Contains(page, []byte("<base")) {
		bad("index.html", fmt.Errorf("a <base> element changes how every relative URL resolves"))
	}
	for _, m := range startTag.FindAllSubmatch(page, -1) {
		for _, a := range attribute.FindAllSubmatch(m[2], -1) {
			name, value := strings.ToLower(string(a[1])), string(a[2])
			if urlAttrs[name] {
				bad("index.html", local(value))
			}
			if name == "content" && (strings.HasPrefix(value, "/") || anyURL.MatchString(value)) {
				bad("index.html", fmt.Errorf("meta content %q is a URL", value))
			}
		}
	}

	js := files["app.js"]
	for _, re := range []*regexp.Regexp{jsWasm, jsWorker} {
		m := re.FindSubmatch(js)
		if m == nil {
			bad("app.js", fmt.Errorf("cannot find %s", re))
			continue
		}
		bad("app.js", local(string(m[1])))
	}
	if m := jsEnv.FindSubmatch(js); m == nil {
		bad("app.js", fmt.Errorf("cannot find goappEnv"))
	} else {
		var env map[string]string
		if err := json.Unmarshal(m[1], &env); err != nil {
			bad("app.js", fmt.Errorf("goappEnv: %w", err))
		}
		for _, k := range []string{"GOAPP_ROOT_PREFIX", "GOAPP_STATIC_RESOURCES_URL"} {
			bad("app.js", local(env[k]))
		}
	}

	if m := workerList.FindSubmatch(files["app-worker.js"]); m == nil {
		bad("app-worker.js", fmt.Errorf("cannot find resourcesToCache"))
	} else {
		var list []string
		if err := json.Unmarshal(m[1], &list); err != nil {
			bad("app-worker.js", fmt.Errorf("resourcesToCache: %w", err))
		}
		for _, u := range list {
			bad("app-worker.js", local(u))
		}
	}

	var manifest struct {
		StartURL string `json:"start_url"`
		Scope    string `json:"scope"`
		Icons    []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	if err := json.Unmarshal(files["manifest.webmanifest"], &manifest); err != nil {
		bad("manifest.webmanifest", err)
	}
	bad("manifest.webmanifest", local(manifest.StartURL))
	bad("manifest.webmanifest", local(manifest.Scope))
	for _, ic := range manifest.Icons {
		bad("manifest.webmanifest", local(ic.Src))
	}

	// No URL with a host anywhere in the scripts or the manifest, whatever
	// the context: none of them has a reason to name another origin.
	// (wasm_exec.js is Go's own file, compared byte for byte with it by a
	// test; it cites an issue URL in a comment.)
	for _, f := range []string{"app.js", "app-worker.js", "manifest.webmanifest", "app.css"} {
		if u := anyURL.Find(files[f]); u != nil {
			bad(f, fmt.Errorf("off-origin URL %q", u))
		}
	}

	if len(errs) > 0 {
		return fmt.Errorf("the site would not work under a sub-path or would reach another origin:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

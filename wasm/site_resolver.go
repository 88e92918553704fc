//go:build !js

package main

import "strings"

// relative is a go-app ResourceResolver that makes every local path
// relative to the page: "/" → "./", "/app.js" → "app.js", "/web/x.css" →
// "web/x.css". go-app passes every href and src it renders through it, as
// well as the paths written into app.js, the service worker and the
// manifest. Remote URLs are left alone; the build check rejects them.
type relative struct{}

func (relative) Resolve(location string) string {
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if location == "" || location == "/" {
		return "./"
	}
	return strings.TrimLeft(location, "/")
}

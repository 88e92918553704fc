//go:build !js

package main

// workerJS is the service worker, in place of go-app's default template.
// It keeps go-app's contract (the cache is named after the version, the
// resources to precache are filled in, skipWaiting and clients.claim let
// the page's OnAppUpdate fire) and changes three things:
//
//   - precaching asks the server, not the HTTP cache (cache: "reload"), so a
//     new version is never assembled from stale copies of the old one's
//     files;
//   - it answers GET requests of its own scope only, from the cache of its own
//     version, and never stores anything at run time: nothing the page does
//     can put pasted data into Cache Storage;
//   - a navigation that is not in the cache (a sub-path with a query, say)
//     gets the cached page, so the tool opens offline however it is linked.
//
// go-app's push-notification handlers are left out: the page sends none.
const workerJS = `// whydenied service worker, version {{.Version}}
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key !== cacheName).map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) {
      return cached;
    }
    try {
      return await fetch(request);
    } catch (err) {
      if (request.mode === "navigate") {
        const page = await cache.match(self.registration.scope);
        if (page) {
          return page;
        }
      }
      throw err;
    }
  })());
});
`

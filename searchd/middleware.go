package main

import (
	"net/http"
	"runtime/debug"
)

// maxURLBytes bounds the request target; a query is at most a few hundred
// characters, so anything longer is refused before any work is done.
const maxURLBytes = 8 << 10

// limitURL answers 413 for overlong request URLs.
func limitURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery)+len(r.URL.Path) > maxURLBytes {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large", "the request URL is too long")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler panic into a logged 500 instead of a dropped
// connection; a panic is always our bug, never the caller's.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "url", r.URL.String(), "panic", p, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal", "internal error; it has been logged")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

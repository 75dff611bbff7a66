package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// maxProfileSeconds bounds how long one CPU profile or trace may run.
const maxProfileSeconds = 300

// servePprof serves pprofHandler at addr, on a listener of its own: the
// profiles describe the program's internals and a CPU profile costs CPU
// while it runs, so they never share the public address. It returns once
// the listener is open; Close stops it.
func servePprof(addr string) (*http.Server, error) {
	srv := &http.Server{
		Handler:           pprofHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		// pprof refuses a profile longer than the write timeout.
		WriteTimeout: (maxProfileSeconds + 10) * time.Second,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for profiles on %s: %w", addr, err)
	}
	go func() { _ = srv.Serve(ln) }()
	return srv, nil
}

// pprofHandler serves Go's runtime profiles under /debug/pprof/, as
// net/http/pprof does on http.DefaultServeMux, which searchd does not use.
func pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // heap, goroutine, allocs… by name
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// Command searchd answers full-text queries over a policy index via HTTP.
//
//	searchd -index DIR -addr 127.0.0.1:8080
//	searchd            # no index given: builds and serves the built-in sample corpus
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"policysearch/corpus/sample"
	"policysearch/engine"
)

func main() {
	indexDir := flag.String("index", "", "index directory built by indexer (default: build the built-in sample corpus)")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	cache := flag.Int("cache", engine.DefaultResultCache, "search results to keep in memory for repeated queries (0: none)")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*indexDir, *addr, *cache, log); err != nil {
		fmt.Fprintln(os.Stderr, "searchd:", err)
		os.Exit(1)
	}
}

// run listens at once, so /healthz can report 503 while the index opens, and
// serves until SIGTERM or SIGINT, then drains in-flight requests.
func run(indexDir, addr string, cacheEntries int, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	srv := newServer(log)
	httpServer := &http.Server{
		Addr:              addr,
		Handler:           srv.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpServer.ListenAndServe() }()
	log.Info("listening", "addr", addr)

	ix, cleanup, err := openIndex(ctx, indexDir, log)
	if err != nil {
		_ = httpServer.Close()
		return err
	}
	defer cleanup()
	ix.SetResultCache(cacheEntries)
	srv.setIndex(ix)
	log.Info("ready")

	select {
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("listen on %s: %w", addr, err)
		}
		return nil
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// openIndex opens the index in dir, or, when dir is empty, builds the
// built-in sample corpus into a temporary directory first.
func openIndex(ctx context.Context, dir string, log *slog.Logger) (*engine.Index, func(), error) {
	cleanup := func() {}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "policysearch-sample-")
		if err != nil {
			return nil, nil, fmt.Errorf("create sample index directory: %w", err)
		}
		cleanup = func() { _ = os.RemoveAll(tmp) }
		sum, err := engine.Build(ctx, engine.BuildOptions{Corpus: sample.FS(), IndexDir: tmp})
		if err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("build sample index: %w", err)
		}
		log.Info("built the sample corpus", "summary", sum.String())
		dir = tmp
	}
	ix, err := engine.Open(dir, nil)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return ix, func() { _ = ix.Close(); cleanup() }, nil
}

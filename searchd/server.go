package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/gorilla/mux"

	"policysearch/engine"
)

// server holds what the handlers share. The index pointer is nil until the
// index has been opened; until then every query answers 503.
type server struct {
	index atomic.Pointer[engine.Index]
	log   *slog.Logger
}

func newServer(log *slog.Logger) *server { return &server{log: log} }

func (s *server) setIndex(ix *engine.Index) { s.index.Store(ix) }

// routes wires the HTTP API.
func (s *server) routes() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/search", s.handleSearch).Methods(http.MethodGet)
	r.HandleFunc("/api/suggest", s.handleSuggest).Methods(http.MethodGet)
	r.HandleFunc("/api/documents/{id}", s.handleDocument).Methods(http.MethodGet)
	r.HandleFunc("/api/documents/{id}/similar", s.handleSimilar).Methods(http.MethodGet)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed on "+r.URL.Path)
	})
	return s.recoverPanics(limitURL(r))
}

func (s *server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if s.index.Load() == nil {
		writeError(w, http.StatusServiceUnavailable, "not_ready", "the index is still opening")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) handleSearch(w http.ResponseWriter, r *http.Request) {
	ix := s.index.Load()
	if ix == nil {
		writeError(w, http.StatusServiceUnavailable, "not_ready", "the index is still opening")
		return
	}
	req, err := searchRequest(r)
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	res, err := ix.Search(r.Context(), req)
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// searchRequest reads the /api/search parameters.
func searchRequest(r *http.Request) (engine.Request, error) {
	q := r.URL.Query()
	req := engine.Request{
		Query: q.Get("q"),
		Sort:  q.Get("sort"),
		Filters: engine.Filters{
			Agency: q["agency"], Category: q["category"], Status: q["status"],
			DocType: q["doc_type"], Region: q["region"],
			From: q.Get("from"), To: q.Get("to"),
		},
	}
	var err error
	if req.Page, err = intParam(q.Get("page"), "page"); err != nil {
		return req, err
	}
	if req.Size, err = intParam(q.Get("size"), "size"); err != nil {
		return req, err
	}
	return req, nil
}

// intParam parses an optional positive whole-number parameter. Absent means
// 0, which the engine reads as "its default"; a given value must be at least
// 1 (the engine checks the upper limits).
func intParam(v, name string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, &engine.QueryError{Code: "bad_parameter", Message: name + " must be a whole number from 1, not " + strconv.Quote(v)}
	}
	return n, nil
}

// writeEngineError answers 400 for a bad request, 503 for a request whose
// client left or whose time ran out (while it waited for its turn, say),
// and 500 (logged) otherwise.
func (s *server) writeEngineError(w http.ResponseWriter, err error) {
	var qe *engine.QueryError
	switch {
	case errors.As(err, &qe):
		writeError(w, http.StatusBadRequest, qe.Code, qe.Message)
	case errors.Is(err, engine.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "cancelled", "the request was cancelled before its answer was ready")
	default:
		s.log.Error("request failed", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "the search failed; it has been logged")
	}
}

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var body errorBody
	body.Error.Code, body.Error.Message = code, msg
	writeJSON(w, status, body)
}

// writeJSON answers v as JSON. It encodes before it writes, so that the
// answer carries its length (not chunked: a page of hits went out in three
// writes, now two) and a value that fails to encode is a 500, not a
// 200 cut short.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf, _ := jsonBuffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		// A rare huge answer should not pin its buffer.
		if buf.Cap() <= maxPooledJSON {
			buf.Reset()
			jsonBuffers.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // snippets carry <mark>; they are escaped already
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		status = http.StatusInternalServerError
		buf.WriteString(`{"error":{"code":"internal","message":"the answer could not be encoded"}}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// jsonBuffers keeps writeJSON's buffers for reuse; maxPooledJSON bounds
// the ones kept (a page of 10 hits is about 30 KB, of 100 about 300 KB).
var jsonBuffers sync.Pool

const maxPooledJSON = 1 << 20

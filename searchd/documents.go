package main

import (
	"net/http"

	"github.com/gorilla/mux"

	"policysearch/engine"
)

// handleDocument answers GET /api/documents/{id}: one document in full.
func (s *server) handleDocument(w http.ResponseWriter, r *http.Request) {
	ix := s.ready(w)
	if ix == nil {
		return
	}
	doc, err := ix.Document(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// handleSimilar answers GET /api/documents/{id}/similar in the search shape.
func (s *server) handleSimilar(w http.ResponseWriter, r *http.Request) {
	ix := s.ready(w)
	if ix == nil {
		return
	}
	req := engine.SimilarRequest{ID: mux.Vars(r)["id"]}
	var err error
	if req.Page, err = intParam(r.URL.Query().Get("page"), "page"); err != nil {
		s.writeEngineError(w, err)
		return
	}
	if req.Size, err = intParam(r.URL.Query().Get("size"), "size"); err != nil {
		s.writeEngineError(w, err)
		return
	}
	res, err := ix.Similar(r.Context(), req)
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// suggestResponse is the JSON shape of /api/suggest.
type suggestResponse struct {
	Suggestions []engine.Suggestion `json:"suggestions"`
}

// handleSuggest answers GET /api/suggest?q=: title completions as one types.
func (s *server) handleSuggest(w http.ResponseWriter, r *http.Request) {
	ix := s.ready(w)
	if ix == nil {
		return
	}
	size, err := intParam(r.URL.Query().Get("size"), "size")
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	sugs, err := ix.Suggest(r.URL.Query().Get("q"), size)
	if err != nil {
		s.writeEngineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, suggestResponse{Suggestions: sugs})
}

// ready returns the open index, or answers 503 and returns nil while the
// index is still opening.
func (s *server) ready(w http.ResponseWriter) *engine.Index {
	ix := s.index.Load()
	if ix == nil {
		writeError(w, http.StatusServiceUnavailable, "not_ready", "the index is still opening")
	}
	return ix
}

package engine

import "errors"

// QueryError is a problem with the caller's request (query text or a
// parameter), as opposed to a failure of the engine. HTTP maps it to 400.
type QueryError struct {
	Code    string // machine-readable: bad_query, query_too_long, bad_parameter …
	Message string // for people
}

func (e *QueryError) Error() string { return e.Message }

func badQuery(code, msg string) error { return &QueryError{Code: code, Message: msg} }

// ErrNotFound is returned for an unknown document id.
var ErrNotFound = errors.New("document not found")

package analysis

import "sync/atomic"

// Reloadable holds a Synonyms set that can be replaced while it is in use,
// e.g. when an operator edits the synonyms file. Readers never block and
// always see one complete set.
type Reloadable struct {
	current atomic.Pointer[Synonyms]
}

// NewReloadable returns a Reloadable holding initial, e.g. DefaultSynonyms().
func NewReloadable(initial *Synonyms) *Reloadable {
	r := &Reloadable{}
	r.current.Store(initial)
	return r
}

// Current returns the synonyms in use now.
func (r *Reloadable) Current() *Synonyms {
	return r.current.Load()
}

// Expand expands term with the synonyms in use now (see Synonyms.Expand).
func (r *Reloadable) Expand(term string) []string {
	return r.Current().Expand(term)
}

// Reload replaces the synonyms with those in the file at path. If the file
// cannot be read or parsed, the current set stays in use and the error says
// why (with the line number for a parse error).
func (r *Reloadable) Reload(path string) error {
	s, err := LoadSynonyms(path)
	if err != nil {
		return err
	}
	r.current.Store(s)
	return nil
}

package corpus

// DefaultMaxFileSize is the size limit used when Options.MaxFileSize is 0.
// The largest real document is a few MiB; anything far bigger is more likely
// a dump or a mistake than a policy text.
const DefaultMaxFileSize int64 = 16 << 20

// Options tune reading.
type Options struct {
	// MaxFileSize is the largest file ReadFile accepts, in bytes;
	// 0 means DefaultMaxFileSize.
	MaxFileSize int64
}

// maxFileSize returns the effective size limit.
func (o Options) maxFileSize() int64 {
	if o.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return o.MaxFileSize
}

// Skip records a file that was not indexed, and why.
type Skip struct {
	Path   string
	Reason string
}

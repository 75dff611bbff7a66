package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"policysearch/engine"
)

// progress shows build progress: a bar on a terminal, a line every few
// seconds otherwise (logs, CI), so that long runs are never silent.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	bar      *progressbar.ProgressBar
	phase    string
	lastLine time.Time
}

func newProgress(w *os.File) *progress {
	return &progress{w: w, terminal: term.IsTerminal(int(w.Fd()))}
}

func (p *progress) update(pr engine.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pr.Phase != p.phase {
		p.finishBar()
		p.phase = pr.Phase
		if p.terminal {
			p.bar = progressbar.NewOptions(pr.Total,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription(pr.Phase),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
	}
	if p.bar != nil {
		_ = p.bar.Set(pr.Done)
		return
	}
	if time.Since(p.lastLine) >= 2*time.Second || pr.Done == pr.Total {
		p.lastLine = time.Now()
		fmt.Fprintf(p.w, "%s: %d/%d\n", pr.Phase, pr.Done, pr.Total)
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finishBar()
}

func (p *progress) finishBar() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}

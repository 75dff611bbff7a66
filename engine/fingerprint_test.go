package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestUnchangedCorpusReusesTheCurrentGeneration(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"a.md": {Data: []byte("# 人才公寓管理办法\n\n<!-- INFO END -->\n\n第一条 为了规范人才公寓管理，制定本办法。\n"), ModTime: when},
		"b.md": {Data: []byte("# 住房补贴通知\n\n<!-- INFO END -->\n\n发放住房补贴。\n"), ModTime: when},
	}
	build := func(force bool) *Summary {
		t.Helper()
		sum, err := Build(context.Background(), BuildOptions{Corpus: fsys, IndexDir: dir, Force: force})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}

	first := build(false)
	if first.Reused {
		t.Fatal("the first build reused nothing, yet says it did")
	}
	again := build(false)
	if !again.Reused || again.Generation != first.Generation {
		t.Errorf("an unchanged corpus built a new generation: %+v", again)
	}
	if !strings.HasSuffix(again.String(), "unchanged: current index kept") {
		t.Errorf("the summary line does not say the index was kept: %q", again)
	}
	if again.Documents != first.Documents || again.Bytes != first.Bytes || again.Files != first.Files {
		t.Errorf("reused summary %v differs from the build's %v", again, first)
	}

	fsys["b.md"] = &fstest.MapFile{Data: fsys["b.md"].Data, ModTime: when.Add(time.Hour)}
	if changed := build(false); changed.Reused || changed.Generation == first.Generation {
		t.Errorf("a touched file did not rebuild: %+v", changed)
	}
	if forced := build(true); forced.Reused {
		t.Error("Force did not rebuild")
	}
}

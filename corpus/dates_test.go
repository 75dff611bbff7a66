package corpus

import (
	"reflect"
	"testing"
)

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2001年6月15日", "2001-06-15", true},
		{"２００１年６月１５日", "2001-06-15", true},
		{"2019- 04- 18 08: 17", "2019-04-18", true},
		{"2019-04-18", "2019-04-18", true},
		{"2019/4/8", "2019-04-08", true},
		{"二〇一九年四月十八日", "2019-04-18", true},
		{"一九九五年十二月三十一日", "1995-12-31", true},
		{"2024年3月", "2024-03", true},
		{"2024", "2024", true},
		{"2019年13月1日", "", false},
		{"无", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestHeaderDates(t *testing.T) {
	tests := []struct {
		name, path, header, body string
		published, effective     string
		events                   []string // event dates, oldest first
	}{
		{
			name: "revised regulation: newest revision is published",
			header: "2001年6月15日 中华人民共和国国务院令第306号公布\n\n" +
				"2010年1月9日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第二次修订\n\n" +
				"2002年12月28日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第一次修订　",
			published: "2010-01-09",
			events:    []string{"2001-06-15", "2002-12-28", "2010-01-09"},
		},
		{
			name:      "施行 line gives effective date",
			header:    "2019年12月2日 最高人民检察院第十三届检察委员会第二十八次会议通过\n2019年12月30日 施行",
			published: "2019-12-02", effective: "2019-12-30",
			events: []string{"2019-12-02", "2019-12-30"},
		},
		{
			name:      "wrapped line continues the event above",
			header:    "2016年5月27日 浙江省第十二届人民代表大会常务委员会第二十九次会议《关于修改〈浙江省县、\n乡两级人民代表大会代表选举实施细则〉的决定》修正",
			published: "2016-05-27", events: []string{"2016-05-27"},
		},
		{
			name:      "file-name suffix",
			path:      "lawrefbook-laws/行政法规/快递暂行条例(2019-03-02).md",
			published: "2019-03-02",
		},
		{
			name:      "scraped date label with spaces",
			body:      "梅式苗在市委人才工作领导小组会议上强调\n  • 日期: 2019- 04- 18 08: 17\n  • 来源: 临海新闻传媒集团\n正文。",
			published: "2019-04-18",
		},
		{
			name:      "resolution's passing line",
			body:      "第十四届全国人民代表大会第一次会议关于政府工作报告的决议\n\n（2023年3月13日第十四届全国人民代表大会第一次会议通过）\n\n第十四届……",
			published: "2023-03-13",
		},
		{
			name:      "own effective clause in the body",
			body:      "第一条 为了……\n第三十条 本办法自2019年5月1日起施行。1995年的办法同时废止。",
			effective: "2019-05-01",
		},
		{
			name: "no dates",
			body: "第一条 为了……",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &Document{Path: tt.path, Title: "t", Header: tt.header, Body: tt.body}
			enrich(doc)
			if doc.Published != tt.published || doc.Effective != tt.effective {
				t.Errorf("published, effective = %q, %q; want %q, %q", doc.Published, doc.Effective, tt.published, tt.effective)
			}
			var dates []string
			for _, e := range doc.Events {
				dates = append(dates, e.Date)
			}
			if !reflect.DeepEqual(dates, tt.events) {
				t.Errorf("event dates = %q, want %q", dates, tt.events)
			}
		})
	}
}

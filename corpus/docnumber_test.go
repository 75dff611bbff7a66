package corpus

import (
	"reflect"
	"testing"
)

func TestNormalizeDocNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"国发〔2019〕5号", "国发〔2019〕5号"},
		{"国发[2019]5号", "国发〔2019〕5号"},
		{"国发［2019］5号", "国发〔2019〕5号"},
		{"国发(2019)5号", "国发〔2019〕5号"},
		{"国发（2019）5号", "国发〔2019〕5号"},
		{"国发【2019】5号", "国发〔2019〕5号"},
		{"国发〔２０１９〕５号", "国发〔2019〕5号"},
		{" 沪建标定〔2025〕50 号", "沪建标定〔2025〕50号"},
		{"沪交道运 〔2022〕178号", "沪交道运〔2022〕178号"},
		{"劳社部发[2008]3号", "劳社部发〔2008〕3号"},
		{"国务院令第697号", "国务院令第697号"},
		{"中华人民共和国国务院令第697号", "国务院令第697号"},
		{"国务院第697号令", "国务院令第697号"},
		{"京政发〔2019〕第5号", "京政发〔2019〕5号"},
		{"某某字（２０１９）第Ａ号", "某某字〔2019〕第Ａ号"}, // unparsable: cleaned, not dropped
	}
	for _, tt := range tests {
		if got := NormalizeDocNumber(tt.in); got != tt.want {
			t.Errorf("NormalizeDocNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDocNumberKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"国发〔2019〕5号", []string{"国发2019-5"}},
		{"国发[2019]5号", []string{"国发2019-5"}},
		{"国发2019 5号", []string{"国发2019-5"}},
		{"国发(2019)5号", []string{"国发2019-5"}},
		{"国发2019年5号", []string{"国发2019-5"}},
		{"国发〔2019〕05号", []string{"国发2019-5"}},
		{"国务院令第697号", []string{"国务院令697", "令697"}},
		{"697号令", []string{"令697"}},
		{"第697号令", []string{"令697"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := DocNumberKeys(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DocNumberKeys(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDocNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"国发〔2019〕5号", "国发〔2019〕5号", true},
		{"国发[2019]5号", "国发〔2019〕5号", true},
		{"国发2019 5号", "国发〔2019〕5号", true},
		{"  国发（2019）5号 ", "国发〔2019〕5号", true},
		{"沪府办规〔2023〕5号", "沪府办规〔2023〕5号", true},
		{"国务院令第697号", "国务院令第697号", true},
		{"国务院令697号", "国务院令第697号", true},
		{"697号令", "令第697号", true},
		{"2019年5号", "", false}, // a date, not a number
		{"人才住房补贴", "", false},
		{"国发〔2019〕5号 住房", "", false}, // not the whole query
	}
	for _, tt := range tests {
		got, ok := ParseDocNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDocNumber(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDocNumberFromHeaderAndBody(t *testing.T) {
	tests := []struct {
		name, header, body, want string
	}{
		{"order in promulgation line", "2018年3月2日 中华人民共和国国务院令第697号公布", "", "国务院令第697号"},
		{"president's order in Chinese numerals", "1993年3月31日 中华人民共和国主席令第三号公布", "", "主席令第3号"},
		{"joint order", "2019年3月2日 中华人民共和国国务院、中华人民共和国中央军事委员会令第711号公布", "", "国务院、中央军事委员会令第711号"},
		{"bracketed number line", "劳社部发[2008]3号", "", "劳社部发〔2008〕3号"},
		{"number inside a line", "1993年8月7日 最高人民法院以法发〔1993〕15号通知印发）", "", "法发〔1993〕15号"},
		{"full-width digits", "２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，", "", "公安部令第125号"},
		{"first body line", "", "沪府办规〔2023〕5号\n\n各区人民政府：", "沪府办规〔2023〕5号"},
		{"labelled body line", "", "文号：京科发〔2026〕10号\n正文", "京科发〔2026〕10号"},
		{"cited in a sentence", "", "根据《全国年节及纪念日放假办法》（国务院令第513号）的规定，……", ""},
		{"no number", "1990年9月7日第七届全国人民代表大会常务委员会第十五次会议通过", "第一条 为了……", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := docNumberOf(&Document{Header: tt.header, Body: tt.body})
			if got != tt.want {
				t.Errorf("doc number = %q, want %q", got, tt.want)
			}
		})
	}
}

package engine

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in       string
		groups   [][]queryTerm
		excluded []queryTerm
	}{
		{"博士 落户", [][]queryTerm{{{text: "博士"}}, {{text: "落户"}}}, nil},
		{"博士\u3000落户", [][]queryTerm{{{text: "博士"}}, {{text: "落户"}}}, nil},
		{`"人才 引进" 补贴`, [][]queryTerm{{{text: "人才 引进", phrase: true}}, {{text: "补贴"}}}, nil},
		{"“住房公积金”", [][]queryTerm{{{text: "住房公积金", phrase: true}}}, nil},
		{"落户 -深圳", [][]queryTerm{{{text: "落户"}}}, []queryTerm{{text: "深圳"}}},
		{`补贴 -"公共租赁"`, [][]queryTerm{{{text: "补贴"}}}, []queryTerm{{text: "公共租赁", phrase: true}}},
		{"户口 OR 户籍 迁移", [][]queryTerm{{{text: "户口"}, {text: "户籍"}}, {{text: "迁移"}}}, nil},
		{"title:条例 快递", [][]queryTerm{{{text: "条例", titleOnly: true}}, {{text: "快递"}}}, nil},
		{`title:"暂行条例"`, [][]queryTerm{{{text: "暂行条例", phrase: true, titleOnly: true}}}, nil},
		{"OR 税", [][]queryTerm{{{text: "税"}}}, nil},
		{`"未闭合的 引号`, [][]queryTerm{{{text: "未闭合的 引号", phrase: true}}}, nil},
		{"- 社保", [][]queryTerm{{{text: "社保"}}}, nil},
		// Characters spaced apart, as text copied from a PDF often is.
		{"住 房 公 积 金 提 取", [][]queryTerm{{{text: "住房公积金提取"}}}, nil},
		{"住 房 公积金", [][]queryTerm{{{text: "住房"}}, {{text: "公积金"}}}, nil},
		{"税 优惠", [][]queryTerm{{{text: "税"}}, {{text: "优惠"}}}, nil},
		{"人 才 OR 干 部", [][]queryTerm{{{text: "人才"}, {text: "干部"}}}, nil},
		{`"人 才 引 进" 补 贴`, [][]queryTerm{{{text: "人才引进", phrase: true}}, {{text: "补贴"}}}, nil},
		{`"人 才 引进"`, [][]queryTerm{{{text: "人才 引进", phrase: true}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseQuery(tt.in)
			if err != nil {
				t.Fatalf("parseQuery(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got.groups, tt.groups) || !reflect.DeepEqual(got.excluded, tt.excluded) {
				t.Errorf("parseQuery(%q) = %+v / %+v, want %+v / %+v", tt.in, got.groups, got.excluded, tt.groups, tt.excluded)
			}
		})
	}
}

func TestParseQueryRejects(t *testing.T) {
	for _, in := range []string{"", "   ", "-落户", `-"深圳"`, "，。", strings.Repeat("人", MaxQueryLength+1)} {
		_, err := parseQuery(in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("parseQuery(%q) error = %v, want a QueryError", in, err)
		}
	}
}

func TestCheckPaging(t *testing.T) {
	tests := []struct {
		page, size         int
		wantPage, wantSize int
		bad                bool
	}{
		{0, 0, 1, DefaultPageSize, false},
		{3, 20, 3, 20, false},
		{-1, 10, 0, 0, true},
		{1, MaxPageSize + 1, 0, 0, true},
		{1, -5, 0, 0, true},
		{MaxResultWindow/10 + 1, 10, 0, 0, true},
	}
	for _, tt := range tests {
		p, s, err := checkPaging(tt.page, tt.size)
		if (err != nil) != tt.bad || (!tt.bad && (p != tt.wantPage || s != tt.wantSize)) {
			t.Errorf("checkPaging(%d, %d) = %d, %d, %v", tt.page, tt.size, p, s, err)
		}
	}
}

package corpus

import "testing"

func TestDocType(t *testing.T) {
	tests := []struct{ title, want string }{
		{"中华人民共和国专利法实施细则", "细则"},
		{"中华人民共和国专利法", "法"},
		{"中华人民共和国民法典", "法"},
		{"快递暂行条例", "条例"},
		{"市场监督管理投诉举报处理暂行办法", "办法"},
		{"医疗机构制剂配制质量管理规范（试行）", "规范"},
		{"处方药与非处方药分类管理办法（试行）", "办法"},
		{"人民检察院刑事诉讼规则(试行)", "规则"},
		{"关于职工全年月平均工作时间和工资折算问题的通知", "通知"},
		{"关于印发《上海市城市体检促进城市更新的工作指引》的函", "函"},
		{"国务院关于修改〈中华人民共和国专利法实施细则〉的决定", "决定"},
		{"2025年中华人民共和国国务院政府工作报告", "报告"},
		{"1964年中华人民共和国国务院政府工作报告（摘要）", "报告"},
		{"第十四届全国人民代表大会第三次会议关于政府工作报告的决议", "决议"},
		{"上海市服务业发展引导资金项目申报指南（2026-2027年度）", "指南"},
		{"北京市“十四五”时期住房保障规划2021-2025年", "规划"},
		{"人体损伤程度鉴定标准", "标准"},
		{"最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", "解释"},
		{"加班费的仲裁时效应当如何认定", ""},
	}
	for _, tt := range tests {
		if got := DocType(tt.title); got != tt.want {
			t.Errorf("DocType(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name   string
		doc    Document
		status string
	}{
		{"stated status kept", Document{Status: "现行有效", Title: "x办法（试行）"}, "现行有效"},
		{"china-law-db spelling", Document{Status: "废止或失效"}, "已废止"},
		{"trial title", Document{Title: "人民检察院刑事诉讼规则（试行）"}, "试行"},
		{"repeal stated in the body", Document{Title: "x规定", Body: "本规定已废止。\n第一条 ……"}, "已废止"},
		{"nothing stated", Document{Title: "x规定", Body: "第一条 本规定自2019年1月1日起施行。"}, ""},
	}
	for _, tt := range tests {
		if got := statusOf(&tt.doc); got != tt.status {
			t.Errorf("%s: status = %q, want %q", tt.name, got, tt.status)
		}
	}
}

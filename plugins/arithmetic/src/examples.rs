//! The report text of the rules' passing and failing examples: a small,
//! complete 2019-format report (pipe tables as scraped from a web page)
//! whose numbers balance; each example changes what its rule is about.

use nblint_plugin_api::prelude::schema::applications as app;

/// The labels of the 三 table's rows, as a real pipe table writes them.
const APP_LABELS: &[(u16, &str)] = &[
    (app::ROW_NEW, "一、本年新收政府信息公开申请数量"),
    (app::ROW_CARRIED, "二、上年结转政府信息公开申请数量"),
    (app::ROW_PUBLIC, "三、本年度办理结果 | (一)予以公开"),
    (
        app::ROW_PARTIAL,
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    ),
    (app::ROW_DENY_BASE + 1, "(三)不予公开 | 1.属于国家秘密"),
    (app::ROW_DENY_BASE + 2, "2.其他法律行政法规禁止公开"),
    (app::ROW_DENY_BASE + 3, "3.危及“三安全一稳定”"),
    (app::ROW_DENY_BASE + 4, "4.保护第三方合法权益"),
    (app::ROW_DENY_BASE + 5, "5.属于三类内部事务信息"),
    (app::ROW_DENY_BASE + 6, "6.属于四类过程性信息"),
    (app::ROW_DENY_BASE + 7, "7.属于行政执法案卷"),
    (app::ROW_DENY_BASE + 8, "8.属于行政查询事项"),
    (
        app::ROW_UNABLE_BASE + 1,
        "(四)无法提供 | 1.本机关不掌握相关政府信息",
    ),
    (app::ROW_UNABLE_BASE + 2, "2.没有现成信息需要另行制作"),
    (app::ROW_UNABLE_BASE + 3, "3.补正后申请内容仍不明确"),
    (
        app::ROW_NOT_PROCESSED_BASE + 1,
        "(五)不予处理 | 1.信访举报投诉类申请",
    ),
    (app::ROW_NOT_PROCESSED_BASE + 2, "2.重复申请"),
    (app::ROW_NOT_PROCESSED_BASE + 3, "3.要求提供公开出版物"),
    (app::ROW_NOT_PROCESSED_BASE + 4, "4.无正当理由大量反复申请"),
    (
        app::ROW_NOT_PROCESSED_BASE + 5,
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    (app::ROW_OTHER, "(六)其他处理"),
    (app::ROW_TOTAL, "(七)总计"),
    (app::ROW_CARRY_FORWARD, "四、结转下年度继续办理"),
];

/// An example report; change it with the builder methods, then `text()`.
#[derive(Clone, Debug)]
pub struct ExampleReport {
    pub agency: String,
    pub year: u16,
    pub overview: String,
    /// 规章: 本年新制作 / 本年新公开 / 对外公开总数量.
    pub rules_row: [String; 3],
    /// 三: row key → the 7 cells.
    pub apps: Vec<(u16, [String; 7])>,
    pub review: [String; 15],
    /// Text appended after the report (a second report, for cross-year
    /// examples).
    pub after: String,
}

fn cells<const N: usize>(v: [&str; N]) -> [String; N] {
    v.map(str::to_string)
}

impl Default for ExampleReport {
    fn default() -> Self {
        let zero = ["0"; 7];
        let apps = APP_LABELS
            .iter()
            .map(|(key, _)| {
                let v = match *key {
                    app::ROW_NEW => ["13", "1", "0", "0", "0", "0", "14"],
                    app::ROW_CARRIED => ["1", "0", "0", "0", "0", "0", "1"],
                    app::ROW_PUBLIC => ["3", "0", "0", "0", "0", "0", "3"],
                    app::ROW_PARTIAL => ["1", "0", "0", "0", "0", "0", "1"],
                    k if k == app::ROW_DENY_BASE + 4 => ["1", "0", "0", "0", "0", "0", "1"],
                    k if k == app::ROW_UNABLE_BASE + 1 => ["7", "1", "0", "0", "0", "0", "8"],
                    app::ROW_TOTAL => ["12", "1", "0", "0", "0", "0", "13"],
                    app::ROW_CARRY_FORWARD => ["2", "0", "0", "0", "0", "0", "2"],
                    _ => zero,
                };
                (*key, cells(v))
            })
            .collect();
        ExampleReport {
            agency: "某市人民政府办公室".into(),
            year: 2020,
            overview: "本年度共收到政府信息公开申请14件，均已按时答复。".into(),
            rules_row: cells(["0", "0", "0"]),
            apps,
            review: cells([
                "0", "1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
            ]),
            after: String::new(),
        }
    }
}

impl ExampleReport {
    /// Sets one cell of the 三 table (`col` is the column key, 1–7).
    pub fn app(mut self, row: u16, col: u16, value: &str) -> Self {
        if let Some((_, v)) = self.apps.iter_mut().find(|(k, _)| *k == row) {
            v[col as usize - 1] = value.to_string();
        }
        self
    }
    /// Sets one cell of the 四 table (`col` is the column key, 1–15).
    pub fn review(mut self, col: u16, value: &str) -> Self {
        self.review[col as usize - 1] = value.to_string();
        self
    }
    pub fn rules(mut self, made: &str, published: &str, total: &str) -> Self {
        self.rules_row = cells([made, published, total]);
        self
    }
    pub fn overview(mut self, text: &str) -> Self {
        self.overview = text.to_string();
        self
    }
    pub fn agency(mut self, agency: &str) -> Self {
        self.agency = agency.to_string();
        self
    }
    pub fn year(mut self, year: u16) -> Self {
        self.year = year;
        self
    }
    pub fn then(mut self, other: &ExampleReport) -> Self {
        self.after = other.text();
        self
    }

    pub fn text(&self) -> String {
        let y = self.year;
        let mut s = String::new();
        s += &format!("{}{y}年政府信息公开工作年度报告\n", self.agency);
        s += &format!("本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\n");
        s += &format!("一、总体情况\n{}\n", self.overview);
        s += "二、主动公开政府信息情况\n";
        s += "第二十条第(一)项 | ||||\n";
        s += "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |\n";
        let [a, b, c] = &self.rules_row;
        s += &format!("规章 | {a} | {b} | {c} | |\n");
        s += "规范性文件 | 5 | 5 | 40 | |\n";
        s += "第二十条第(五)项 | ||||\n";
        s += "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n";
        s += "行政许可 | 185 | +43 | 6756 | |\n";
        s += "其他对外管理服务事项 | 77 | -8 | 360 | |\n";
        s += "第二十条第(六)项 | ||||\n";
        s += "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n";
        s += "行政处罚 | 210 | +30 | 162 | |\n";
        s += "行政强制 | 51 | -13 | 10 | |\n";
        s += "第二十条第(八)项 | ||||\n";
        s += "信息内容 | 上一年项目数量 | 本年增/减 | ||\n";
        s += "行政事业性收费 | 11 | 0 | ||\n";
        s += "第二十条第(九)项 | ||||\n";
        s += "信息内容 | 采购项目数量 | 采购总金额 | ||\n";
        s += "政府集中采购 | 41 | 123.5218 | ||\n";
        s += "三、收到和处理政府信息公开申请情况\n";
        s += "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n";
        s += "自然人 | 法人或其他组织 | 总计 | |||||||\n";
        s += "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n";
        for (key, label) in APP_LABELS {
            let v = &self.apps.iter().find(|(k, _)| k == key).expect("row").1;
            s += &format!("{label} | {} |\n", v.join(" | "));
        }
        s += "四、政府信息公开行政复议、行政诉讼情况\n";
        s += "行政复议 | 行政诉讼 | |||||||||||||\n";
        s += "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n";
        s += "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n";
        s += &format!("{} |\n", self.review.join(" | "));
        s += "五、存在的主要问题及改进情况\n";
        s += "公开内容的规范性有待提高，下一步将加强培训。\n";
        s += "六、其他需要报告的事项\n无。\n";
        s += &self.after;
        s
    }
}

/// A pre-2019 example report (the 平潭 2012 outline, shortened) with its
/// 统计表: `prose` is the text of 三, `rows` the table's rows as
/// (label, 本年度, 历年累计).
pub fn pre2019_report(prose: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "某县人民政府2012年政府信息公开工作年度报告\n本报告所列数据的统计期限自2012年1月1日起至2012年12月31日止。\n一、概述\n本县持续推进政府信息公开工作。\n二、主动公开政府信息情况\n2012年主动公开政府信息20条。\n",
    );
    s += &format!("三、政府信息依申请公开工作情况\n{prose}\n");
    s += "四、政府信息公开工作存在的主要问题及改进情况\n公开内容有待深化。\n附件：政府信息公开情况统计表\n指标名称\t计量单位\t2012年度\t历年累计\n";
    for (label, this_year, cumulative) in rows {
        s += &format!("{label}\t条\t{this_year}\t{cumulative}\n");
    }
    s
}

/// The rows of a consistent pre-2019 statistics table.
pub const PRE2019_ROWS: [(&str, &str, &str); 10] = [
    ("主动公开信息数", "20", "90"),
    ("受理依申请公开信息总数", "7", "9"),
    ("其中：1.当面申请数", "0", "1"),
    ("2.网上申请数", "4", "5"),
    ("3.信函申请数", "3", "3"),
    ("4.其它形式申请数", "0", "0"),
    ("对申请的答复数", "7", "9"),
    ("其中：1.同意公开答复数", "6", "8"),
    ("2.否决公开答复数", "1", "1"),
    ("行政复议数", "0", "0"),
];

/// [`PRE2019_ROWS`] with one cell changed.
pub fn pre2019_rows_with(
    label: &str,
    this_year: &'static str,
    cumulative: &'static str,
) -> Vec<(&'static str, &'static str, &'static str)> {
    PRE2019_ROWS
        .iter()
        .map(|&(l, t, c)| {
            if l == label {
                (l, this_year, cumulative)
            } else {
                (l, t, c)
            }
        })
        .collect()
}

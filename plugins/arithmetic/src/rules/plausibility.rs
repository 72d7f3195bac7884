//! `arithmetic/plausibility`: numbers in the 第二十条（一）table that
//! cannot be true.
//! - 2019 format: 本年新公开数量 ≤ 对外公开总数量 (what was published this
//!   year is part of everything published);
//! - a township (乡、镇、街道) has no power to make 规章, so its 规章 counts
//!   are 0;
//! - pre-2019 statistics table: 历年累计 ≥ 本年度 on every row (the
//!   cumulative count includes this year's).

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::{art20, stats};
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/plausibility", Severity::Warning, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "第二十条（一）项的数字不合常理（新公开数超过公开总数；乡镇、街道报告规章）",
            "Implausible article 20 item (1) numbers (more newly published than published in all; a township reporting 规章)",
        )
        .rationale(
            "本年新公开的文件包含在对外公开总数量之中，不可能多于总数；乡镇人民政府和街道办事处无权制定规章，其规章数应为 0。出现这些数字通常是列填错了位置。",
            "Documents published this year are part of all published documents, so they cannot outnumber them; townships and sub-districts cannot make 规章 (rules), so their 规章 counts are 0. Such numbers usually sit in the wrong column.",
        )
        .source(
            "国办公开办函〔2019〕60号 年度报告格式 第二部分；《立法法》第八十二条（规章制定主体）",
            "format 国办公开办函〔2019〕60号, section 二; Legislation Law art. 82 (who makes 规章)",
        )
        .passing(ExampleReport::default().rules("0", "0", "2").text())
        .failing(mark(
            &ExampleReport::default().rules("3", "3", "0").text(),
            8,
            "3",
            2,
            "第二十条第（一）项 规章：本年新公开数量 3 大于对外公开总数量 0",
        ))
        .passing(crate::examples::pre2019_report(
            "2012年全县共收到政府信息公开申请7条。",
            &crate::examples::PRE2019_ROWS,
        ))
        .failing(mark(
            &crate::examples::pre2019_report(
                "2012年全县共收到政府信息公开申请7条。",
                &crate::examples::pre2019_rows_with("主动公开信息数", "20", "9"),
            ),
            13,
            "20",
            1,
            "统计表 主动公开信息数：本年度 20 大于历年累计 9",
        ))
        .failing(mark(
            &ExampleReport::default()
                .agency("某县某某镇人民政府")
                .rules("1", "1", "1")
                .text(),
            8,
            "1",
            1,
            "某县某某镇人民政府无权制定规章，但第二十条第（一）项 规章 填有数字：本年新制作数量 = 1、本年新公开数量 = 1、对外公开总数量 = 1",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    cumulative_within_year(ctx, report, out);
    let view = &ctx.doc;
    let Some(t) = view
        .find_table(report, TableKind::ART20_1)
        .filter(|t| t.confidence != Confidence::NONE)
    else {
        return;
    };
    for row in [art20::ROW_RULES, art20::ROW_NORMATIVE] {
        published_within_total(ctx, t, row, out);
    }
    if is_township(ctx.agency(report)) {
        township_rules(ctx, t, report, out);
    }
}

fn published_within_total(ctx: &LintContext<'_>, t: &Table, row: u16, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let (Some(new), Some(total)) = (
        num(view, t, row, art20::COL_NEW_PUBLISHED),
        num(view, t, row, art20::COL_TOTAL_PUBLISHED),
    ) else {
        return;
    };
    if new.value <= total.value + EPS {
        return;
    }
    let label = art20::row_label(row);
    let (n, tv) = (fmt_num(new.value), fmt_num(total.value));
    let message = ctx.msg(
        format!("第二十条第（一）项 {label}：本年新公开数量 {n} 大于对外公开总数量 {tv}"),
        format!("article 20 item (1), {label}: newly published this year ({n}) exceeds published in all ({tv})"),
    );
    DiagnosticBuilder::for_rule(&RULE, new.span, message)
        .help(ctx.msg(
            "对外公开总数量包含本年新公开的数量；核对各列是否填错位置",
            "the total published includes this year's; check whether the columns are shifted",
        ))
        .related(
            total.span,
            format!("{} = {tv}", schema::cell_label(t.kind, row, total.col)),
        )
        .emit(out);
}

fn township_rules(ctx: &LintContext<'_>, t: &Table, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(row) = view.find_row(t, art20::ROW_RULES) else {
        return;
    };
    let nonzero: Vec<&Cell> = view
        .row_cells(row)
        .iter()
        .filter(|c| c.number().is_some_and(|v| v > EPS))
        .collect();
    let Some(first) = nonzero.first() else {
        return;
    };
    let agency = ctx.agency(report);
    let cells: Vec<String> = nonzero
        .iter()
        .map(|c| format!("{} = {}", art20::col_label(c.col_key), fmt_num(c.value)))
        .collect();
    let message = ctx.msg(
        format!(
            "{agency}无权制定规章，但第二十条第（一）项 规章 填有数字：{}",
            cells.join("、")
        ),
        format!(
            "{agency} cannot make 规章, yet article 20 item (1) reports 规章: {}",
            cells.join(", ")
        ),
    );
    let mut d = DiagnosticBuilder::for_rule(&RULE, first.span, message).help(ctx.msg(
        "乡镇、街道的规章数应填 0；本机关制发的文件应计入规范性文件一行",
        "a township's 规章 counts are 0; its own documents belong in the 规范性文件 row",
    ));
    for c in &nonzero[1..] {
        d = d.related(
            c.span,
            schema::cell_label(t.kind, art20::ROW_RULES, c.col_key),
        );
    }
    d.emit(out);
}

/// Pre-2019 statistics table: a row whose 本年度 exceeds its 历年累计.
fn cumulative_within_year(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = view
        .find_table(report, TableKind::STATS_PRE2019)
        .filter(|t| t.confidence != Confidence::NONE)
    else {
        return;
    };
    for row in view.table_rows(t) {
        let (Some(year), Some(cumulative)) = (
            row_num(view, row, stats::COL_THIS_YEAR),
            row_num(view, row, stats::COL_CUMULATIVE),
        ) else {
            continue;
        };
        if year.value <= cumulative.value + EPS {
            continue;
        }
        let label = stats::row_label(row.key);
        let (y, c) = (fmt_num(year.value), fmt_num(cumulative.value));
        let message = ctx.msg(
            format!("统计表 {label}：本年度 {y} 大于历年累计 {c}"),
            format!(
                "statistics table, {label}: this year ({y}) exceeds the cumulative count ({c})"
            ),
        );
        DiagnosticBuilder::for_rule(&RULE, year.span, message)
            .help(ctx.msg(
                "历年累计包含本年度的数字，不可能更小；核对两列是否填反或累计是否漏加本年",
                "the cumulative count includes this year's, so it cannot be smaller; check whether the columns are swapped or this year was left out of it",
            ))
            .related(cumulative.span, format!("{label}·历年累计 = {c}"))
            .emit(out);
    }
}

/// A township or sub-district agency (乡/镇人民政府, 街道办事处), not a
/// county, city or district government or one of its departments (whose
/// names may contain 乡, as in 城乡建设局).
pub fn is_township(agency: &str) -> bool {
    let mut name = agency.trim();
    for suffix in ["人民政府", "政府", "办事处", "党政办公室", "办公室"] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    (name.ends_with('乡') && !name.ends_with("城乡"))
        || name.ends_with('镇')
        || name.ends_with("街道")
}

#[cfg(test)]
mod tests {
    use super::is_township;

    #[test]
    fn townships() {
        assert!(is_township("某县某某镇人民政府"));
        assert!(is_township("历下区解放路街道办事处"));
        assert!(is_township("某县某乡人民政府"));
        assert!(!is_township("某市住房和城乡建设局"));
        assert!(!is_township("海东市民和县"));
        assert!(!is_township("济南市历下区人民政府"));
        assert!(!is_township(""));
    }
}

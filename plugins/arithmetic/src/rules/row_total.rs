//! `arithmetic/row-total`: in the 三 table, for each row, 总计 = 自然人 +
//! the five 法人或其他组织 columns.
//!
//! A row is checked when all seven cells are numbers. This is the one
//! identity also checked in a partially read table: it involves one row
//! only, and the parser marks a row unreadable as a whole when its cells
//! cannot be placed. The fix is unsafe: a part may be the wrong cell.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/row-total", Severity::Error, docs, check);

/// The columns the row's 总计 sums (the schema's identity).
const PARTS: [u16; 6] = app::APPLICANT_COLUMNS;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "三表每行：总计 = 自然人 + 法人或其他组织各列",
            "Section 三 table, per row: total = natural persons + the five organisation columns",
        )
        .rationale(
            "总计列是各类申请人之和；不等说明某一申请人列漏填、错填或总计算错。",
            "The total column is the sum of the applicant columns; a difference means an applicant cell is missing or wrong, or the total is miscounted.",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第三部分“申请人情况”",
            "the report formats (国办公开办函〔2019〕60号, 〔2021〕30号), section 三, applicants",
        )
        .passing(ExampleReport::default().text())
        .failing(mark(
            &ExampleReport::default()
                .app(app::ROW_PARTIAL, app::COL_COMMERCIAL, "1")
                .text(),
            31,
            "1",
            3,
            "三、（二）部分公开 行：总计为 1，但各申请人列之和为 1+1+0+0+0+0 = 2，相差 1",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = view
        .find_table(report, TableKind::APPLICATIONS)
        .filter(|t| t.confidence != Confidence::NONE)
    else {
        return;
    };
    for row in view.table_rows(t) {
        // The first row with this key, as `num` reads it, found once.
        let Some(found) = view.find_row(t, row.key) else {
            continue;
        };
        let Some(total) = row_num(view, found, app::COL_TOTAL) else {
            continue;
        };
        let Some(sum) = Sum::of(PARTS.iter().map(|c| row_num(view, found, *c))) else {
            continue;
        };
        if same(sum.value, total.value) {
            continue;
        }
        let label = app::row_label(row.key);
        let (tv, sv) = (fmt_num(total.value), fmt_num(sum.value));
        // Every column, zeros too: six terms stay readable.
        let expr = sum
            .values()
            .iter()
            .map(|v| fmt_num(*v))
            .collect::<Vec<_>>()
            .join("+");
        let diff = diff_text(ctx, total.value, sum.value);
        let message = ctx.msg(
            format!("三、{label} 行：总计为 {tv}，但各申请人列之和为 {expr} = {sv}，{diff}"),
            format!("row {label}: the total is {tv}, but the applicant columns add up to {expr} = {sv}, {diff}"),
        );
        DiagnosticBuilder::for_rule(&RULE, total.span, message)
            .help(ctx.msg(
                "核对该行各申请人列与总计，使总计等于自然人与法人或其他组织各列之和",
                "check this row's applicant cells and total so that the total is their sum",
            ))
            .change_to(ctx, total.span, &sv, false)
            .sum_cells(ctx, TableKind::APPLICATIONS, &sum)
            .emit(out);
    }
}

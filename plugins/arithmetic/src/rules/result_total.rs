//! `arithmetic/result-total`: in the 三 table, for each column,
//! （七）总计 = the sum of the result rows （一）…（六）.
//!
//! A column is checked only when every result cell in it is a number: a
//! blank cell means "not filled in", not 0 (some reports fill only the 总计
//! column; then only that column is checked). The fix "改为 N" is safe
//! when the corrected total also satisfies the column's balance identity
//! (one edit then explains both), unsafe otherwise.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/result-total", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "三表每列：（七）总计 = 各项办理结果之和",
            "Section 三 table, per column: (7) total = the sum of the results",
        )
        .rationale(
            "（七）总计是（一）予以公开至（六）其他处理各项之和；不等说明某项漏填、错填或总计算错。",
            "(7) total is the sum of results (1) to (6); a difference means a result is missing or wrong, or the total is miscounted.",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第三部分“本年度办理结果”",
            "the report formats (国办公开办函〔2019〕60号, 〔2021〕30号), section 三, results",
        )
        .passing(ExampleReport::default().text())
        .failing(mark(
            &mark(
                &ExampleReport::default()
                    .app(app::ROW_PUBLIC, app::COL_NATURAL, "4")
                    .app(app::ROW_PUBLIC, app::COL_TOTAL, "4")
                    .text(),
                49,
                "13",
                1,
                "三、（七）总计·总计 为 13，但各项办理结果之和为 4+1+1+8 = 14，相差 1",
            ),
            49,
            "12",
            1,
            "三、（七）总计·自然人 为 12，但各项办理结果之和为 4+1+1+7 = 13，相差 1",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = checkable_table(view, report, TableKind::APPLICATIONS) else {
        return;
    };
    let Some(rows) = result_rows(view, t) else {
        return;
    };
    // The rows, found once for all the columns.
    let found: Vec<Option<&Row>> = rows.iter().map(|r| view.find_row(t, *r)).collect();
    for col in app::COLUMNS {
        let Some(total) = num(view, t, app::ROW_TOTAL, col) else {
            continue;
        };
        let Some(sum) = Sum::of(found.iter().map(|r| r.and_then(|r| row_num(view, r, col)))) else {
            continue;
        };
        if !same(sum.value, total.value) {
            emit(ctx, t, total, &sum, out);
        }
    }
}

fn emit(ctx: &LintContext<'_>, t: &Table, total: Num, sum: &Sum, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let col = total.col;
    let label = cell_name(ctx, TableKind::APPLICATIONS, app::ROW_TOTAL, col);
    let (tv, sv, expr) = (fmt_num(total.value), fmt_num(sum.value), sum.terms());
    let diff = diff_text(ctx, total.value, sum.value);
    let message = ctx.msg(
        format!("三、{label} 为 {tv}，但各项办理结果之和为 {expr} = {sv}，{diff}"),
        format!("{label} is {tv}, but the results add up to {expr} = {sv}, {diff}"),
    );
    // Safe when the corrected total also balances the column: then this
    // one cell explains both identities.
    let balances = match (
        num(view, t, app::ROW_NEW, col),
        num(view, t, app::ROW_CARRIED, col),
        num(view, t, app::ROW_CARRY_FORWARD, col),
    ) {
        (Some(n), Some(c), Some(f)) => same(n.value + c.value, sum.value + f.value),
        _ => false,
    };
    DiagnosticBuilder::for_rule(&RULE, total.span, message)
        .help(ctx.msg(
            "核对各项办理结果与（七）总计，使总计等于各项之和",
            "check the results and (7) total so that the total is their sum",
        ))
        .change_to(ctx, total.span, &sv, balances)
        .sum_cells(ctx, TableKind::APPLICATIONS, sum)
        .emit(out);
}

//! `arithmetic/review-total`: in the 四 table, for each of the three
//! groups (行政复议, 未经复议直接起诉, 复议后起诉), 总计 = 结果维持 +
//! 结果纠正 + 其他结果 + 尚未审结. The fix is unsafe: a part may be wrong.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::review;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/review-total", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "四表每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            "Section 四 table, per group: total = upheld + corrected + other + pending",
        )
        .rationale(
            "行政复议、行政诉讼各组的总计是四种结果之和；不等说明某项漏填或总计算错。",
            "Each group's total (review, litigation without and after review) is the sum of its four outcomes; a difference means an outcome is missing or the total is miscounted.",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第四部分",
            "the report formats (国办公开办函〔2019〕60号, 〔2021〕30号), section 四",
        )
        .passing(ExampleReport::default().text())
        .failing(mark(
            &ExampleReport::default().review(3, "1").text(),
            55,
            "1",
            3,
            "四、行政复议·总计 为 1，但 结果维持+结果纠正+其他结果+尚未审结 = 0+1+1+0 = 2，相差 1",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = checkable_table(view, report, TableKind::REVIEW) else {
        return;
    };
    for (g, identity) in review::identities().iter().enumerate() {
        let (row, col) = identity.total;
        let Some(total) = num(view, t, row, col) else {
            continue;
        };
        let Some(sum) = Sum::of(identity.parts.iter().map(|&(r, c)| num(view, t, r, c))) else {
            continue;
        };
        if same(sum.value, total.value) {
            continue;
        }
        let (tv, sv, expr) = (fmt_num(total.value), fmt_num(sum.value), sum.terms());
        let diff = diff_text(ctx, total.value, sum.value);
        let message = ctx.msg(
            format!(
                "四、{}·总计 为 {tv}，但 结果维持+结果纠正+其他结果+尚未审结 = {expr} = {sv}，{diff}",
                review::GROUPS[g]
            ),
            format!(
                "{} total is {tv}, but upheld + corrected + other + pending = {expr} = {sv}, {diff}",
                review::GROUPS_EN[g]
            ),
        );
        DiagnosticBuilder::for_rule(&RULE, total.span, message)
            .help(ctx.msg(
                "核对该组四种结果与总计，使总计等于四项之和",
                "check the group's four outcomes and its total so that the total is their sum",
            ))
            .change_to(ctx, total.span, &sv, false)
            .sum_cells(ctx, TableKind::REVIEW, &sum)
            .emit(out);
    }
}

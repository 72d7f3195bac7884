//! `arithmetic/stats-total`: in the pre-2019 statistics table, a total
//! and the rows that divide it, where the table lists them: 申请总数 =
//! 当面 + 传真 + 电子邮件 + 网上 + 信函 + 其他形式, 对申请的答复数 = 同意公开 +
//! 同意部分公开 + 否决 + … (see `schema::stats::PARTITIONS`).
//!
//! The parts may never exceed the total. They may fall short of it only
//! when the list is open: without its 其他 row, a channel or kind of reply
//! the table does not list may hold the rest.

use crate::common::*;
use crate::examples::{pre2019_report, pre2019_rows_with, PRE2019_ROWS};
use nblint_plugin_api::prelude::schema::stats;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef {
    id: "arithmetic/stats-total",
    severity: Severity::Error,
    docs,
    check,
};

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "2019 年以前的统计表中，申请总数、答复数与其分项之和不符",
            "In the pre-2019 statistics table, applications or replies differ from the sum of their parts",
        )
        .rationale(
            "2019 年以前格式的“政府信息公开情况统计表”按申请方式（当面、传真、网上、信函等）分列申请数，按答复结果（同意公开、同意部分公开、否决公开等）分列答复数。分项之和多于总数必有一处填错；分项列到“其他”为止时，少于总数也是错的。",
            "The statistics table of the pre-2019 format splits applications by channel (in person, fax, online, letter …) and replies by outcome (disclosed, partly disclosed, refused …). Parts adding to more than their total mean a wrong cell; when the list closes with 其他, so do parts adding to less.",
        )
        .source(
            "国办发〔2008〕36号 等：2019 年以前的政府信息公开情况统计表",
            "the pre-2019 statistics table (国办发〔2008〕36号 and provincial templates)",
        )
        .passing(pre2019_report("2012年全县共收到政府信息公开申请7条。", &PRE2019_ROWS))
        .failing(mark(
            &mark(
                &pre2019_report(
                    "2012年全县共收到政府信息公开申请7条。",
                    &pre2019_rows_with("2.网上申请数", "5", "6"),
                ),
                14,
                "7",
                1,
                "统计表 申请总数·本年度 为 7，但其分项（网上申请数 5、信函申请数 3，其余 2 项为 0）之和为 8，相差 1",
            ),
            14,
            "9",
            1,
            "统计表 申请总数·历年累计 为 9，但其分项（当面申请数 1、网上申请数 6、信函申请数 3，其余 1 项为 0）之和为 10，相差 1",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = view
        .find_table(report, TableKind::STATS_PRE2019)
        .filter(|t| t.confidence != Confidence::NONE)
    else {
        return;
    };
    for &(total_row, parts, closing) in stats::PARTITIONS {
        let listed: Vec<u16> = parts
            .iter()
            .copied()
            .filter(|&p| view.find_row(t, p).is_some())
            .collect();
        if listed.len() < 2 {
            continue;
        }
        let closed = listed.contains(&closing);
        for col in [stats::COL_THIS_YEAR, stats::COL_CUMULATIVE] {
            let Some(total) = num(view, t, total_row, col) else {
                continue;
            };
            let Some(sum) = Sum::of(listed.iter().map(|&p| num(view, t, p, col))) else {
                continue;
            };
            let over = sum.value > total.value + EPS;
            let short = closed && sum.value + EPS < total.value;
            if over || short {
                emit(ctx, t, total, &sum, closed, out);
            }
        }
    }
}

fn emit(
    ctx: &LintContext<'_>,
    t: &Table,
    total: Num,
    sum: &Sum,
    closed: bool,
    out: &mut Vec<Diagnostic>,
) {
    let name = cell_name(ctx, t.kind, total.row, total.col);
    let (tv, sv) = (fmt_num(total.value), fmt_num(sum.value));
    let diff = diff_text(ctx, total.value, sum.value);
    let nonzero: Vec<String> = sum
        .parts
        .iter()
        .filter(|p| p.value.abs() > EPS)
        .map(|p| format!("{} {}", stats::row_label(p.row), fmt_num(p.value)))
        .collect();
    let zeros = sum.parts.len() - nonzero.len();
    let (rest_zh, rest_en) = match zeros {
        0 => (String::new(), String::new()),
        n => (
            format!("，其余 {n} 项为 0"),
            format!(", the other {n} are 0"),
        ),
    };
    let message = ctx.msg(
        format!(
            "统计表 {name} 为 {tv}，但其分项（{}{rest_zh}）之和为 {sv}，{diff}",
            nonzero.join("、")
        ),
        format!(
            "the statistics table's {name} is {tv}, but its parts ({}{rest_en}) add to {sv}, {diff}",
            nonzero.join(", ")
        ),
    );
    let help = if closed {
        ctx.msg(
            "分项已列到“其他”，其和应等于总数；核对各分项与总数",
            "the parts end with 其他, so they must add up to the total; check them and the total",
        )
    } else {
        ctx.msg(
            "分项之和不能多于总数；核对各分项与总数",
            "the parts cannot add to more than the total; check them and the total",
        )
    };
    // Which cell is wrong is unknown: the fix (the total as the sum) is
    // offered, never applied without asking.
    DiagnosticBuilder::for_rule(&RULE, total.span, message)
        .help(help)
        .change_to(ctx, total.span, &sv, false)
        .sum_cells(ctx, t.kind, sum)
        .emit(out);
}

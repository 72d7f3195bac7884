//! `arithmetic/carry-over`: this year's 二、上年结转 (per column) equals
//! last year's 四、结转下年度继续办理.
//!
//! Last year's report is looked for among the other reports of this file
//! (same agency, or one of the two agencies unknown: a scraped page holds
//! one agency's reports) and among the related documents (same, known
//! agency). A file may hold several versions of last year's report; the
//! rule reports only when none of them agrees, against the one that
//! agrees best. The fix is unsafe: last year's report may be the wrong one.
//! When no report of last year is found (or the year or agency is
//! unknown), one info says so, for this rule and the 同比 part of
//! `percent`.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/carry-over", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "本年“上年结转”= 上年报告的“结转下年度继续办理”",
            "This year's carried-over applications = last year's carried forward",
        )
        .rationale(
            "上年度报告结转下年度继续办理的申请，就是本年度报告的上年结转申请；两者不等说明其中一份报告填错。",
            "The applications last year's report carried forward are the ones this year's report carries over; if the numbers differ, one of the two reports is wrong.",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第三部分 第二项、第四项",
            "the report formats, section 三, rows 二 and 四",
        )
        .passing(
            ExampleReport::default()
                .year(2021)
                .app(app::ROW_NEW, app::COL_NATURAL, "12")
                .app(app::ROW_NEW, app::COL_TOTAL, "13")
                .app(app::ROW_CARRIED, app::COL_NATURAL, "2")
                .app(app::ROW_CARRIED, app::COL_TOTAL, "2")
                .then(&ExampleReport::default().year(2020))
                .text(),
        )
        .failing(mark(
            &mark(
                &ExampleReport::default()
                    .year(2021)
                    .then(&ExampleReport::default().year(2020))
                    .text(),
                29,
                "1",
                1,
                "二、上年结转政府信息公开申请数量·自然人 为 1，但 2020 年度报告的 四、结转下年度继续办理·自然人 为 2，相差 1",
            ),
            29,
            "1",
            2,
            "二、上年结转政府信息公开申请数量·总计 为 1，但 2020 年度报告的 四、结转下年度继续办理·总计 为 2，相差 1",
        ))
}

/// (column, this year's 上年结转, last year's 结转下年度) of the columns
/// that differ, and how many columns could be compared.
fn compare(ctx: &LintContext<'_>, t: &Table, prev: &Previous<'_>) -> (Vec<(Num, Num)>, usize) {
    let mut differ = Vec::new();
    let mut compared = 0;
    for col in app::COLUMNS {
        let (Some(now), Some(then)) = (
            num(&ctx.doc, t, app::ROW_CARRIED, col),
            num(&prev.view, prev.table, app::ROW_CARRY_FORWARD, col),
        ) else {
            continue;
        };
        compared += 1;
        if !same(now.value, then.value) {
            differ.push((now, then));
        }
    }
    (differ, compared)
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(t) = checkable_table(&ctx.doc, report, TableKind::APPLICATIONS) else {
        return;
    };
    let candidates = previous_reports(ctx, report);
    // Reports before 2020 have no report of the 2019 formats to compare
    // with: nothing is skipped there.
    if candidates.is_empty() && ctx.year(report).is_none_or(|y| y > 2019) {
        // Said once per report, for this rule and the 同比 part of
        // `percent`, which look for the same report.
        let missing = ctx.last_year_missing(report, ctx.year(report), AgencyMatch::Trimmed);
        out.push(ctx.cross_year_skipped(
            report,
            RULE.id,
            (
                "上年结转 arithmetic/carry-over、同比变化 arithmetic/percent",
                "arithmetic/carry-over, the year-on-year part of arithmetic/percent",
            ),
            &missing,
        ));
    }
    if candidates.is_empty() {
        return;
    }
    let results: Vec<(Vec<(Num, Num)>, &Previous<'_>)> = candidates
        .iter()
        .map(|p| (compare(ctx, t, p), p))
        .filter(|((_, compared), _)| *compared > 0)
        .map(|((differ, _), p)| (differ, p))
        .collect();
    if results.is_empty() || results.iter().any(|(d, _)| d.is_empty()) {
        return;
    }
    let Some((differ, prev)) = results.iter().min_by_key(|(d, p)| (d.len(), !p.same_file)) else {
        return;
    };
    let last_year = ctx.year(report).unwrap_or(1) - 1;
    for (now, then) in differ {
        emit(ctx, last_year, *now, *then, prev.same_file, out);
    }
}

fn emit(
    ctx: &LintContext<'_>,
    last_year: u16,
    now: Num,
    then: Num,
    same_file: bool,
    out: &mut Vec<Diagnostic>,
) {
    let kind = TableKind::APPLICATIONS;
    let here = cell_name(ctx, kind, app::ROW_CARRIED, now.col);
    let there = cell_name(ctx, kind, app::ROW_CARRY_FORWARD, then.col);
    let (nv, tv) = (fmt_num(now.value), fmt_num(then.value));
    let diff = diff_text(ctx, now.value, then.value);
    let message = ctx.msg(
        format!("{here} 为 {nv}，但 {last_year} 年度报告的 {there} 为 {tv}，{diff}"),
        format!("{here} is {nv}, but the {last_year} report's {there} is {tv}, {diff}"),
    );
    let mut d = DiagnosticBuilder::for_rule(&RULE, now.span, message)
        .help(ctx.msg(
            format!("核对本年“上年结转”与 {last_year} 年度报告“结转下年度继续办理”，两者应一致"),
            format!("check this year's carried-over count against the {last_year} report's carried-forward count; they must agree"),
        ))
        .change_to(ctx, now.span, &tv, false);
    if same_file {
        d = d.related(then.span, format!("{last_year}：{there} = {tv}"));
    }
    d.emit(out);
}

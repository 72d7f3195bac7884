//! `duplicates/previous-year`: most of a report's prose reused from last
//! year's report of the same agency.
//!
//! Last year's report is looked up by agency and year only (see
//! [`crate::prints::last_year`]); only those candidates are fingerprinted,
//! so a run over many reports is not quadratic in their text.

use crate::index::report_print;
use crate::prints::{
    last_year, last_year_name, passage_print, report_name, report_year, whereabouts, Lines,
    ReportPrint,
};
use crate::prose::{prose_paragraphs, trimmed};
use crate::Analysis;
use nblint_plugin_api::prelude::*;
use std::borrow::Cow;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("duplicates/previous-year", Severity::Warning, docs, check);
/// Default share of reused prose from which the rule reports (option
/// `threshold`, as a fraction 0.5 or a percentage 50).
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// Reports with fewer fingerprints are too short to judge.
pub const MIN_FINGERPRINTS: usize = 30;
/// A paragraph counts as reused when this share of its fingerprints is in
/// last year's report.
const PASSAGE_REUSED: f64 = 0.5;
/// Paragraphs shorter than this are not shown as reused passages.
const PASSAGE_MIN_CHARS: usize = 30;
/// Reused passages shown as related spans (the longest).
const MAX_PASSAGES: usize = 5;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "年度报告不应大量沿用上一年度报告的文字",
            "A report does not reuse most of last year's prose",
        )
        .rationale(
            "年度报告应总结本年度的工作。评议中，与上年报告重复超过50%的要扣分；有的机关连续几年发布几乎相同的报告，只改了年份。按正文（不含套话、标题和表格）字符5-gram的winnowing指纹，计算本报告中出现在同一机关上一年度报告里的比例；阈值可用选项 threshold 设置（默认50%）。",
            "An annual report sums up the year's work. Evaluators deduct points when more than 50 % repeats last year's report; some agencies published the same report several years running with only the year changed. The share of this report's prose (without boilerplate, headings and tables) whose winnowed character 5-gram fingerprints occur in the same agency's report of the previous year is compared with option `threshold` (default 50 %).",
        )
        .source(
            "《中华人民共和国政府信息公开条例》第五十条；各地年度报告评议指标（如宿迁：与上年重复超过50%扣分）",
            "Regulations on the Disclosure of Government Information, art. 50; provincial evaluation criteria (e.g. Suqian: points deducted above 50 % overlap with last year)",
        )
        .passing(format!("{REPORT_2020}{REPORT_2021_NEW}"))
        .failing(mark(
            &format!("{REPORT_2020}{REPORT_2021_COPIED}"),
            7,
            "某县人民政府2021年政府信息公开工作年度报告",
            1,
            "2021 年度报告约 92% 的正文与同一机关的2020 年度报告（本文件第 1 行起）相同，超过 50% 的限度；沿用上年的段落 2 处",
        ))
}

const REPORT_2020: &str = "某县人民政府2020年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n2020年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，围绕优化营商环境、乡村振兴等重点领域加大信息公开力度，政务公开工作取得新成效。\n五、存在的主要问题及改进情况\n政务公开工作仍存在公开内容不够全面、政策解读形式单一等问题。下一步，本县将进一步加强业务培训，丰富解读形式，提升公开质量。\n";
const REPORT_2021_COPIED: &str = "某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，围绕优化营商环境、乡村振兴等重点领域加大信息公开力度，政务公开工作取得新成效。\n五、存在的主要问题及改进情况\n政务公开工作仍存在公开内容不够全面、政策解读形式单一等问题。下一步，本县将进一步加强业务培训，丰富解读形式，提升公开质量。\n";
const REPORT_2021_NEW: &str = "某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n2021年，本县以贯彻落实新修订的条例为主线，重点做好疫情防控常态化信息发布，全年召开新闻发布会18场，办理依申请公开事项较上年明显增加。\n五、存在的主要问题及改进情况\n依申请公开答复文书仍有格式不统一的情况，基层公开专区建设进度不一。2022年将制定答复文书范本，年底前完成全部乡镇公开专区建设。\n";

/// The configured threshold as a fraction.
fn threshold(ctx: &LintContext<'_>) -> f64 {
    match ctx.option::<f64>("threshold") {
        Some(t) if t > 1.0 && t <= 100.0 => t / 100.0,
        Some(t) if t > 0.0 && t <= 1.0 => t,
        _ => DEFAULT_THRESHOLD,
    }
}

pub fn check(
    ctx: &LintContext<'_>,
    analysis: &Analysis,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let threshold = threshold(ctx);
    let mut buf = Vec::new();
    for (index, report) in ctx.doc.reports.iter().enumerate() {
        let print = &analysis.prints[index];
        if analysis.is_later_copy(index) || print.set.len() < MIN_FINGERPRINTS {
            continue;
        }
        let candidates = last_year(ctx, index, |j| analysis.is_later_copy(j));
        if candidates.is_empty() {
            // Said once per report, for this rule and table-copy, which
            // look for the same report.
            let year = report_year(ctx, report);
            let missing = ctx.last_year_missing(report, year, AgencyMatch::Folded);
            out.push(ctx.cross_year_skipped(
                report,
                RULE.id,
                (
                    "与上年报告的重复 duplicates/previous-year、duplicates/table-copy",
                    "duplicates/previous-year, duplicates/table-copy",
                ),
                &missing,
            ));
            continue;
        }
        let best = candidates
            .into_iter()
            .map(|c| {
                let last = match c.local {
                    Some(j) => Cow::Borrowed(&analysis.prints[j]),
                    None => Cow::Owned(report_print(&c.view, c.report)),
                };
                let share = print.share_in(&last);
                (c, last, share)
            })
            .fold(
                None,
                |best: Option<(ReportRef<'_>, Cow<'_, ReportPrint>, f64)>, next| match best {
                    Some(b) if b.2 >= next.2 => Some(b),
                    _ => Some(next),
                },
            );
        let Some((last, last_print, share)) = best else {
            continue;
        };
        if share >= threshold {
            let reused = Reuse {
                last,
                last_print: &last_print,
                share,
                threshold,
            };
            emit(ctx, report, &reused, &mut buf, lines, out);
        }
    }
}

/// Last year's report and how much of this one it holds.
struct Reuse<'a, 'p> {
    last: ReportRef<'a>,
    last_print: &'p ReportPrint,
    share: f64,
    threshold: f64,
}

/// The number of the report's paragraphs mostly found in last year's
/// report, and the longest of them (at most [`MAX_PASSAGES`]) in text order.
fn reused_passages(
    ctx: &LintContext<'_>,
    report: &Report,
    last: &ReportPrint,
    buf: &mut Vec<char>,
) -> (usize, Vec<Span>) {
    let mut passages: Vec<(usize, Span)> = Vec::new();
    let mut prints = Vec::new();
    for para in prose_paragraphs(&ctx.doc, report) {
        prints.clear();
        let (chars, _) = passage_print(&ctx.doc, para, buf, &mut prints);
        if chars < PASSAGE_MIN_CHARS || prints.is_empty() {
            continue;
        }
        let found = prints.iter().filter(|h| last.set.contains(h)).count();
        if found as f64 >= PASSAGE_REUSED * prints.len() as f64 {
            passages.push((chars, trimmed(&ctx.doc, para.span)));
        }
    }
    let total = passages.len();
    passages.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
    passages.truncate(MAX_PASSAGES);
    let mut spans: Vec<Span> = passages.into_iter().map(|(_, s)| s).collect();
    spans.sort_by_key(|s| s.start);
    (total, spans)
}

fn emit(
    ctx: &LintContext<'_>,
    report: &Report,
    reuse: &Reuse<'_, '_>,
    buf: &mut Vec<char>,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (last, share, threshold) = (&reuse.last, reuse.share, reuse.threshold);
    let (reused, passages) = reused_passages(ctx, report, reuse.last_print, buf);
    let name = report_name(ctx, report_year(ctx, report));
    let last_name = last_year_name(ctx, last);
    let pct = (share * 100.0).floor() as u32;
    let limit = (threshold * 100.0).round() as u32;
    let (where_zh, where_en) = whereabouts(ctx, lines, last);
    let mut d = DiagnosticBuilder::for_rule(&RULE, ctx.first_line(report),
        ctx.msg(
            format!("{name}约 {pct}% 的正文与同一机关的{last_name}{where_zh}相同，超过 {limit}% 的限度；沿用上年的段落 {reused} 处"),
            format!("about {pct}% of the prose of {name} repeats {last_name} of the same agency{where_en}, above the {limit}% limit; {reused} paragraph(s) reused"),
        ),
    )
    .help(ctx.msg(
        "按本年度的实际工作重新撰写总体情况、存在的问题及改进情况等部分，不要沿用上年报告的文字",
        "write the overview, the problems and improvements etc. about this year's work instead of reusing last year's text",
    ));
    if last.local.is_some() {
        d = d.related(ctx.first_line(last.report), last_name.clone());
    }
    for span in passages {
        d = d.related(
            span,
            ctx.msg(
                "沿用上年报告的段落",
                "paragraph reused from last year's report",
            ),
        );
    }
    d.emit(out);
}

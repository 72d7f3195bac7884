//! `duplicates/report`: a whole report occurs twice in one file (a scraped
//! page that lists the same report twice, merged drafts).
//!
//! Reports are compared by the winnowed fingerprints of their prose
//! ([`crate::prints::ReportPrint`]); only reports of the same year are
//! compared, and only with earlier reports that are not copies themselves.

use crate::prints::{first_line, report_name, report_year, Lines, ReportPrint};
use crate::Analysis;
use nblint_plugin_api::prelude::*;

pub const RULE: &str = "duplicates/report";
/// Share of the later report's prose fingerprints found in the earlier one
/// from which it is a copy.
pub const SHARED: f64 = 0.8;
/// Reports with fewer fingerprints (about 4 characters each) are too short
/// to be compared as reports.
pub const MIN_FINGERPRINTS: usize = 30;

pub fn rule() -> RuleInfo {
    RuleInfo::new(RULE, Severity::Warning)
        .summary(
            "同一文件中不应重复出现同一份报告",
            "A report does not occur twice in one file",
        )
        .rationale(
            "网页、合并稿中同一份年度报告出现两次（有时数字略有不同），读者无法判断哪一份是正式发布的版本。按正文（不含套话、标题和表格）字符5-gram的winnowing指纹比较，后一份报告80%以上的指纹出现在前一份同年度报告中即视为重复；数字有出入时提示“几乎相同”。",
            "When a page or a merged draft holds the same annual report twice (sometimes with slightly different numbers), readers cannot tell which one was published. Reports are compared by winnowed character 5-gram fingerprints of their prose (without boilerplate, headings and tables); a later report of the same year with 80 % or more of its fingerprints in an earlier one is a copy, “nearly the same” when they differ.",
        )
        .source(
            "《中华人民共和国政府信息公开条例》第五十条（年度报告的公布）",
            "Regulations on the Disclosure of Government Information, art. 50 (publishing the annual report)",
        )
        .passing(format!("{REPORT_2021}{REPORT_2020}"))
        .failing(format!("{REPORT_2021}{REPORT_2021}"))
}

const REPORT_2021: &str = "某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，围绕优化营商环境、乡村振兴等重点领域加大信息公开力度，政务公开工作取得新成效。\n二、主动公开政府信息情况\n全年通过政府网站主动公开政府信息1520条，其中政策文件86件，政策解读32篇，回应社会关切问题45个，均在规定时限内办结。\n";
const REPORT_2020: &str = "某县人民政府2020年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n2020年，面对新冠肺炎疫情防控的严峻形势，本县及时发布疫情通报和防控措施，保障群众知情权，同时做好复工复产政策的解读和宣传。\n二、主动公开政府信息情况\n全年在县政府门户网站发布各类信息1236条，召开新闻发布会12场，编印政府公报4期，发放便民手册3000余份。\n";

/// A report of the file that repeats an earlier one.
#[derive(Clone, Copy, Debug)]
pub struct ReportCopy {
    pub later: usize,
    pub earlier: usize,
    /// Share of the later report's prose found in the earlier one.
    pub share: f64,
    /// Prose and tables the same to the character.
    pub identical: bool,
}

/// Each report that repeats an earlier report of the same year, with the
/// first report it repeats.
pub fn find_copies(ctx: &LintContext<'_>, prints: &[ReportPrint]) -> Vec<ReportCopy> {
    let mut copies = Vec::new();
    let mut originals: Vec<usize> = Vec::new();
    for (later, report) in ctx.doc.reports.iter().enumerate() {
        let print = &prints[later];
        if print.set.len() < MIN_FINGERPRINTS {
            continue;
        }
        let year = report_year(ctx, report);
        let copy = originals
            .iter()
            .filter(|&&e| report_year(ctx, &ctx.doc.reports[e]) == year)
            .map(|&e| (e, print.share_in(&prints[e])))
            .find(|&(_, share)| share >= SHARED);
        match copy {
            Some((earlier, share)) => copies.push(ReportCopy {
                later,
                earlier,
                share,
                identical: print.exact == prints[earlier].exact
                    && print.tables == prints[earlier].tables,
            }),
            None => originals.push(later),
        }
    }
    copies
}

pub fn check(ctx: &LintContext<'_>, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let mut lines = Lines::new(ctx.doc.text);
    for copy in &analysis.copies {
        let later = &ctx.doc.reports[copy.later];
        let earlier = &ctx.doc.reports[copy.earlier];
        let span = first_line(&ctx.doc, later);
        let first = first_line(&ctx.doc, earlier);
        let line = lines.line(first.start);
        let name = report_name(ctx, report_year(ctx, later));
        let pct = (copy.share * 100.0).floor() as u32;
        let message = if copy.identical {
            ctx.msg(
                format!("{name}在本文件中重复出现：与第 {line} 行起的报告完全相同"),
                format!("{name} occurs twice in this file: it is the same as the report from line {line}"),
            )
        } else {
            ctx.msg(
                format!("{name}在本文件中重复出现：与第 {line} 行起的报告几乎相同（{pct}% 的正文相同，个别文字或数字不同）"),
                format!("{name} occurs twice in this file: it is nearly the same as the report from line {line} ({pct}% of the prose shared, some words or numbers differ)"),
            )
        };
        let mut d = DiagnosticBuilder::new(RULE, Severity::Warning, span, message)
            .related(first, ctx.msg("前一份相同的报告", "the earlier copy"))
            .help(if copy.identical {
                ctx.msg("删除重复的一份", "delete one of the copies")
            } else {
                ctx.msg(
                    "确认哪一份是正式发布的版本，删除另一份，并核对两份不同的数字",
                    "find out which copy was published, delete the other and check the numbers that differ",
                )
            });
        if copy.identical {
            d = d.replace(
                ctx.msg("删除重复的报告", "delete the repeated report"),
                later.span,
                "",
                false,
            );
        }
        d.emit(out);
    }
}

//! `duplicates/report`: a whole report occurs twice in one file (a scraped
//! page that lists the same report twice, merged drafts), or a section
//! twice in one report.
//!
//! Reports are compared by the winnowed fingerprints of their prose
//! ([`crate::prints::ReportPrint`]); only reports of the same year are
//! compared, and only with earlier reports that are not copies themselves.

use crate::prints::{cells_by_key, report_name, report_year, Lines, ReportPrint};
use crate::prose::trimmed;
use crate::rules::paragraph::SectionCopy;
use crate::Analysis;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("duplicates/report", Severity::Warning, docs, check);
/// Share of the later report's prose fingerprints found in the earlier one
/// from which it is a copy.
pub const SHARED: f64 = 0.8;
/// Below this share of the earlier report's prose found in the later
/// one, the later copy is only part of it (cut off, a section missing).
pub const COMPLETE: f64 = 0.9;
/// Reports with fewer fingerprints (about 4 characters each) are too short
/// to be compared as reports.
pub const MIN_FINGERPRINTS: usize = 30;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "同一文件中不应重复出现同一份报告或同一节",
            "A report, or a section of one, does not occur twice in one file",
        )
        .rationale(
            "网页、合并稿中同一份年度报告出现两次（有时数字略有不同），读者无法判断哪一份是正式发布的版本。按正文（不含套话、标题和表格）字符5-gram的winnowing指纹比较，后一份报告80%以上的指纹出现在前一份同年度报告中即视为重复；数字有出入时提示“几乎相同”。报告中某一节的各段（至少两段）全部与另一节相同时，作为重复的一节报告一次，而不逐段报告。",
            "When a page or a merged draft holds the same annual report twice (sometimes with slightly different numbers), readers cannot tell which one was published. Reports are compared by winnowed character 5-gram fingerprints of their prose (without boilerplate, headings and tables); a later report of the same year with 80 % or more of its fingerprints in an earlier one is a copy, “nearly the same” when they differ. A section of a report whose paragraphs (two or more) all repeat another section's is reported once, as a repeated section, not paragraph by paragraph.",
        )
        .source(
            "《中华人民共和国政府信息公开条例》第五十条（年度报告的公布）",
            "Regulations on the Disclosure of Government Information, art. 50 (publishing the annual report)",
        )
        .passing(format!("{REPORT_2021}{REPORT_2020}"))
        .failing(mark(
            &format!("{REPORT_2021}{REPORT_2021}"),
            7,
            "某县人民政府2021年政府信息公开工作年度报告",
            1,
            "2021 年度报告在本文件中重复出现：与第 1 行起的报告完全相同",
        ))
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
    /// Share of the earlier report's prose found in the later one (low
    /// when the later copy is incomplete).
    pub coverage: f64,
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
                coverage: prints[earlier].share_in(print),
                identical: print.exact == prints[earlier].exact
                    && print.tables == prints[earlier].tables,
            }),
            None => originals.push(later),
        }
    }
    copies
}

pub fn check(
    ctx: &LintContext<'_>,
    analysis: &Analysis,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for copy in &analysis.copies {
        let later = &ctx.doc.reports[copy.later];
        let earlier = &ctx.doc.reports[copy.earlier];
        let first = ctx.first_line(earlier);
        let line = lines.line(first.start);
        let name = report_name(ctx, report_year(ctx, later));
        let pct = (copy.share * 100.0).floor() as u32;
        let cov = (copy.coverage * 100.0).floor() as u32;
        let diffs = differing_cells(&ctx.doc, later, earlier);
        let (zh, en) = if copy.identical {
            (
                format!("与第 {line} 行起的报告完全相同"),
                format!("it is the same as the report from line {line}"),
            )
        } else if copy.coverage < COMPLETE {
            (
                format!("重复了第 {line} 行起的报告的一部分：本份 {pct}% 的正文与之相同，但只有前一份正文的 {cov}%（本份可能不完整）"),
                format!("it repeats part of the report from line {line}: {pct}% of its prose is shared, but it holds only {cov}% of the earlier one's (this copy may be incomplete)"),
            )
        } else {
            (
                format!("与第 {line} 行起的报告几乎相同（{pct}% 的正文相同，个别文字或数字不同）"),
                format!("it is nearly the same as the report from line {line} ({pct}% of the prose shared, some words or numbers differ)"),
            )
        };
        let (diff_zh, diff_en) = describe_diffs(&diffs);
        let message = ctx.msg(
            format!("{name}在本文件中重复出现：{zh}{diff_zh}"),
            format!("{name} occurs twice in this file: {en}{diff_en}"),
        );
        let mut d = DiagnosticBuilder::for_rule(&RULE, ctx.first_line(later), message)
            .related(first, ctx.msg("前一份相同的报告", "the earlier copy"))
            .help(if copy.identical {
                ctx.msg("删除重复的一份", "delete one of the copies")
            } else {
                ctx.msg(
                    "确认哪一份是正式发布的版本，删除另一份，并核对两份不同的数字",
                    "find out which copy was published, delete the other and check the numbers that differ",
                )
            });
        for diff in diffs.iter().take(MAX_SHOWN_DIFFS) {
            d = d.related(
                diff.later.span,
                ctx.msg(
                    format!(
                        "{}：本份 {}，前一份 {}",
                        diff.label,
                        number(diff.later.value),
                        number(diff.earlier.value)
                    ),
                    format!(
                        "{}: {} here, {} in the earlier copy",
                        diff.label,
                        number(diff.later.value),
                        number(diff.earlier.value)
                    ),
                ),
            );
        }
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
    for copy in &analysis.section_copies {
        emit_section_copy(ctx, copy, lines, out);
    }
}

/// A top-level section whose paragraphs all repeat an earlier section of
/// the same report.
fn emit_section_copy(
    ctx: &LintContext<'_>,
    copy: &SectionCopy,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(later), Some(earlier)) = (
        ctx.doc.sections.get(copy.later as usize),
        ctx.doc.sections.get(copy.earlier as usize),
    ) else {
        return;
    };
    let heading = trimmed(&ctx.doc, later.heading);
    let first = trimmed(&ctx.doc, earlier.heading);
    let line = lines.line(first.start);
    let (title, first_title) = (ctx.text(heading), ctx.text(first));
    let n = copy.paragraphs;
    DiagnosticBuilder::for_rule(&RULE, heading,
        ctx.msg(
            format!("“{title}”一节的 {n} 段文字全部与第 {line} 行“{first_title}”一节的相同，同一节内容在报告中出现了两次"),
            format!("all {n} paragraphs of section “{title}” repeat those of section “{first_title}” on line {line}: the same section occurs twice in the report"),
        ),
    )
    .related(first, ctx.msg("前一节", "the earlier section"))
    .help(ctx.msg(
        "删除重复的一节，或写入本节应有的内容",
        "delete the repeated section, or write what belongs in it",
    ))
    .emit(out);
}

/// Table cells shown at most in a message.
const MAX_SHOWN_DIFFS: usize = 3;

/// A table number that differs between two copies.
struct CellDiff {
    label: String,
    later: Cell,
    earlier: Cell,
}

/// The table numbers of `later` that differ from the same cells of `earlier`.
fn differing_cells(view: &DocumentView<'_>, later: &Report, earlier: &Report) -> Vec<CellDiff> {
    let theirs = cells_by_key(view, earlier);
    cells_by_key(view, later)
        .into_iter()
        .filter_map(|(key, cell)| {
            let i = theirs.binary_search_by_key(&key, |(k, _)| *k).ok()?;
            let other = theirs[i].1;
            let (a, b) = (cell.number()?, other.number()?);
            (a != b).then(|| CellDiff {
                label: schema::cell_label(TableKind(key.0), key.1, key.2),
                later: cell,
                earlier: other,
            })
        })
        .collect()
}

/// "；表格中 3 处数字不同：…" for the message.
fn describe_diffs(diffs: &[CellDiff]) -> (String, String) {
    if diffs.is_empty() {
        return (String::new(), String::new());
    }
    let shown = &diffs[..diffs.len().min(MAX_SHOWN_DIFFS)];
    let more = if diffs.len() > shown.len() {
        "……"
    } else {
        ""
    };
    // "（七）总计·自然人 5（前一份 4）" / "… 5 (earlier 4)", listed.
    let list = |earlier: &str, close: &str, separator: &str| {
        shown
            .iter()
            .map(|d| {
                let (later, before) = (number(d.later.value), number(d.earlier.value));
                format!("{} {later}{earlier}{before}{close}", d.label)
            })
            .collect::<Vec<_>>()
            .join(separator)
    };
    let (zh, en) = (list("（前一份 ", "）", "、"), list(" (earlier ", ")", ", "));
    let n = diffs.len();
    (
        format!("；表格中 {n} 处数字不同：{zh}{more}"),
        format!("; {n} table number(s) differ: {en}{more}"),
    )
}

/// A number as written in a table: no ".0" for whole numbers.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

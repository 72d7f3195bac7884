//! `format-version/stale-year`: last year's year left in a sentence that
//! reports this year's figures — the trace of a sentence copied from last
//! year's report whose numbers were updated and whose year was not
//! ("2023年，在主动公开的61条政府信息中……" in a 2024 report whose 2024
//! figure is 61).
//!
//! A year Y − 1 ("2023年", not a month date "2023年12月") in the prose of a
//! report of year Y is reported when its sentence holds a count (≥ 10, so
//! that small numbers do not match by chance) that this report states for
//! year Y: in a sentence that names Y and not Y − 1, or in one of its
//! tables. The rule is silent on
//! - comparisons: the sentence names Y as well, or says 较/同比/上年/去年/
//!   同期/上一年/相比/比上/比去/环比/对比;
//! - history and periods: "2023年以来/起/底/末/初", "自/从/截至/截止/至2023年",
//!   last year's 决算/预算/报告/计划/要点 ("公开了2023年政府决算").
//!
//! Nor does it speak when the prose names last year as often as this
//! one: then the report's year itself is in doubt.
//!
//! The fix (unsafe: a person confirms the sentence is about this year)
//! writes Y.

use nblint_plugin_api::prelude::*;

pub const ID: &str = "format-version/stale-year";

/// Counts smaller than this match too easily to tell a year.
const MIN_EVIDENCE: f64 = 10.0;

/// Words that make a sentence a comparison with last year.
const COMPARISONS: &[&str] = &[
    "较",
    "同比",
    "同期",
    "上年",
    "去年",
    "上一年",
    "相比",
    "比上",
    "比去",
    "环比",
    "对比",
];

/// What may follow "Y−1年" right away when the text speaks of a period
/// around last year, not of this year's work ("2023年以来", "2023年底").
const PERIOD_ENDS: &[&str] = &[
    "以来", "起", "底", "末", "初", "以前", "前", "同期", "至", "—", "-", "～", "~",
];

/// Last year's own documents, named within a few characters after "Y−1年"
/// ("2023年政府决算", "2023年度政府信息公开工作年度报告").
const LAST_YEARS_DOCUMENTS: &[&str] = &[
    "决算", "预算", "报告", "年报", "要点", "计划", "方案", "考核", "规划", "总结",
];

/// Characters after "Y−1年" searched for [`LAST_YEARS_DOCUMENTS`].
const DOCUMENT_WINDOW: usize = 12;

/// What may stand right before "Y−1年" in a period or a reference point.
const PERIOD_OPENERS: &[&str] = &["自", "从", "截至", "截止", "至", "到", "〔", "[", "（", "("];

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef {
    id: ID,
    severity: Severity::Warning,
    docs,
    check,
};

fn docs(rule: RuleInfo) -> RuleInfo {
    rule.summary(
            "正文沿用了上一年的年份，而所述数字是本年度的",
            "Last year's year left in a sentence that reports this year's figures",
        )
        .rationale(
            "套用上年报告时常只更新数字、忘改年份：2024 年度报告写“2023年，在主动公开的61条政府信息中”，而 61 条正是本年（2024 年）的主动公开数。读者会把本年的数据当成上一年的。本规则只在该句的数字与本报告写明属于本年的数字（正文中标明本年的句子或表格）一致时报告；比较（较2023年、同比、上年）和对上一年本身的叙述（2023年以来、2023年决算）不报告。",
            "Copying last year's report, drafters update the figures and forget the year: a 2024 report says \"2023年，在主动公开的61条政府信息中\", and 61 is this year's (2024) count. Readers take this year's data for last year's. The rule reports only when a figure of the sentence is one the report states for this year (in a sentence naming this year, or in a table); comparisons (较2023年, 同比, 上年) and statements about last year itself (2023年以来, 2023年决算) are left alone.",
        )
        .source(
            "年度报告格式（报告内容为本年度情况）；复制上年报告是评议扣分项",
            "the report formats (the report covers its own year); copying last year's report costs points in evaluations",
        )
        .passing(
            "某局2024年度政府信息公开工作年度报告\n本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n一、总体情况\n2024年主动公开政府信息61条。\n二、主动公开政府信息情况\n2024年，在主动公开的61条政府信息中，政策文件12条。较2023年的107条有所减少。\n",
        )
        .failing(mark(
            "某局2024年度政府信息公开工作年度报告\n本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n一、总体情况\n2024年主动公开政府信息61条。\n二、主动公开政府信息情况\n2023年，在主动公开的61条政府信息中，政策文件12条。\n",
            6,
            "2023",
            1,
            "本报告为 2024 年度，此句却写“2023年”；句中的 61条 是本年度的数字（与本报告中 2024 年的 61 一致），疑为沿用上年报告时未改年份",
        ))
}

/// A figure that is a year: "2023年" (a DATE figure whose unit is 年 and
/// that is no month date).
fn is_year(ctx: &LintContext<'_>, f: &Figure) -> bool {
    f.cues.has(Cues::DATE)
        && f.decimals == 0
        && (1900.0..2100.0).contains(&f.value)
        && ctx.text(f.unit).starts_with('年')
}

/// A count that can be evidence: not a date, ordinal or percentage.
fn is_count(f: &Figure) -> bool {
    f.cues.0 & (Cues::DATE | Cues::ORDINAL | Cues::PERCENT) == 0 && f.value >= MIN_EVIDENCE
}

/// Where a figure this year's report states for this year stands.
#[derive(Clone, Copy)]
struct Stated {
    value: f64,
    span: Span,
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let Some(year) = ctx.year(report) else {
            continue;
        };
        check_report(ctx, report, year, out);
    }
}

fn check_report(ctx: &LintContext<'_>, report: &Report, year: u16, out: &mut Vec<Diagnostic>) {
    let figs = ctx.doc.report_figures(report);
    let this = f64::from(year);
    let last = this - 1.0;
    // The sentences that name a year, by which years they name.
    let names = |sentence: Span, y: f64| {
        figs.iter()
            .any(|f| f.sentence == sentence && is_year(ctx, f) && f.value == y)
    };
    // A leftover is the exception: when the prose names last year as
    // often as this one, the report's own year is in doubt (year-mismatch
    // speaks to that), not a sentence.
    let count = |y: f64| {
        figs.iter()
            .filter(|f| is_year(ctx, f) && f.value == y && !report.title.contains(f.span.start))
            .count()
    };
    if count(this) <= count(last) {
        return;
    }
    let this_years = this_years_figures(ctx, report, figs, &|s| names(s, this) && !names(s, last));
    let mut reported: Vec<Span> = Vec::new();
    for f in figs {
        if !is_year(ctx, f) || f.value != last || reported.contains(&f.sentence) {
            continue;
        }
        if names(f.sentence, this) || !speaks_of_this_year(ctx, f) {
            continue;
        }
        let evidence = figs
            .iter()
            .filter(|g| g.sentence == f.sentence && g.span.start > f.span.start && is_count(g))
            .find_map(|g| {
                this_years
                    .iter()
                    .find(|s| s.value == g.value && s.span != g.span)
                    .map(|s| (g, *s))
            });
        if let Some((figure, stated)) = evidence {
            reported.push(f.sentence);
            emit(ctx, f, year, figure, stated, out);
        }
    }
}

/// The counts the report states for this year: those of the sentences
/// `is_this_years` accepts, and the number cells of its tables.
fn this_years_figures(
    ctx: &LintContext<'_>,
    report: &Report,
    figs: &[Figure],
    is_this_years: &dyn Fn(Span) -> bool,
) -> Vec<Stated> {
    let mut out: Vec<Stated> = figs
        .iter()
        .filter(|f| is_count(f) && is_this_years(f.sentence))
        .map(|f| Stated {
            value: f.value,
            span: f.span,
        })
        .collect();
    for table in ctx.doc.report_tables(report) {
        for row in ctx.doc.table_rows(table) {
            for cell in ctx.doc.row_cells(row) {
                if let Some(value) = cell.number().filter(|v| *v >= MIN_EVIDENCE) {
                    out.push(Stated {
                        value,
                        span: cell.span,
                    });
                }
            }
        }
    }
    out
}

/// Whether the words around the year `f` let it stand for the year whose
/// work the sentence describes: no comparison in the sentence, no period
/// or last year's own documents around the year.
fn speaks_of_this_year(ctx: &LintContext<'_>, f: &Figure) -> bool {
    let sentence = ctx.text(f.sentence);
    if COMPARISONS.iter().any(|w| sentence.contains(w)) {
        return false;
    }
    let after_unit = ctx.text(Span {
        start: f.unit.end,
        end: f.sentence.end.max(f.unit.end),
    });
    let after: String = after_unit
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(DOCUMENT_WINDOW + 1)
        .collect();
    // "2023年度" is the year too; what follows it decides.
    let after = after.strip_prefix('度').unwrap_or(&after);
    // "2023年12月": a date in last year, not a year of work.
    if after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return false;
    }
    if PERIOD_ENDS.iter().any(|w| after.starts_with(w)) {
        return false;
    }
    let named: String = after.chars().take(DOCUMENT_WINDOW).collect();
    if LAST_YEARS_DOCUMENTS.iter().any(|w| named.contains(w)) {
        return false;
    }
    let before = ctx.text(Span {
        start: f.sentence.start.min(f.span.start),
        end: f.span.start,
    });
    let before = before.trim_end();
    !PERIOD_OPENERS.iter().any(|w| before.ends_with(w))
}

fn emit(
    ctx: &LintContext<'_>,
    f: &Figure,
    year: u16,
    figure: &Figure,
    stated: Stated,
    out: &mut Vec<Diagnostic>,
) {
    let last = year - 1;
    let value = ctx.text(figure.span);
    let unit = ctx.text(figure.unit);
    let message = ctx.msg(
        format!(
            "本报告为 {year} 年度，此句却写“{last}年”；句中的 {value}{unit} 是本年度的数字（与本报告中 {year} 年的 {value} 一致），疑为沿用上年报告时未改年份"
        ),
        format!(
            "this is the {year} report, but the sentence says {last}; its {value} is this year's figure (the report gives {value} for {year}): probably copied from last year's report without updating the year"
        ),
    );
    DiagnosticBuilder::for_rule(&RULE, f.span, message)
        .help(ctx.msg(
            format!("将“{last}年”改为“{year}年”；若确指上一年，请写明比较关系（如“较{last}年”）"),
            format!("change {last} to {year}; if last year is meant, say so (e.g. “较{last}年”, compared with {last})"),
        ))
        .related(figure.span, format!("{value}{unit}"))
        .related(
            stated.span,
            ctx.msg(
                format!("本年（{year} 年）的 {value}"),
                format!("this year's ({year}) {value}"),
            ),
        )
        .replace(
            ctx.msg(format!("改为 {year}"), format!("change to {year}")),
            f.span,
            year.to_string(),
            false,
        )
        .emit(out);
}

#[cfg(test)]
mod tests {
    use nblint_plugin_api::prelude::*;
    use nblint_test_support::{self as support, parse_text};

    fn stale(text: &str) -> Vec<Diagnostic> {
        let doc = parse_text(text);
        support::lint_alone(crate::declaration(), &doc)
            .into_iter()
            .filter(|d| d.rule == super::ID)
            .collect()
    }

    const HEAD: &str = "某局2024年度政府信息公开工作年度报告\n本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n一、总体情况\n2024年主动公开政府信息61条。\n二、主动公开政府信息情况\n";

    #[test]
    fn comparisons_periods_and_last_years_documents_are_silent() {
        for sentence in [
            "较2023年，在主动公开的61条政府信息中，政策文件12条。",
            "2023年同期主动公开61条。",
            "与2023年相比，主动公开61条。",
            "2023年以来累计公开61条。",
            "截至2023年底，累计公开61条。",
            "公开2023年政府决算61条。",
            "2023年、2024年分别公开61条。",
            "2023年12月公开61条。",
        ] {
            let diags = stale(&format!("{HEAD}{sentence}\n"));
            assert!(diags.is_empty(), "{sentence}: {diags:#?}");
        }
    }

    #[test]
    fn a_year_without_this_years_figures_is_silent() {
        let diags = stale(&format!(
            "{HEAD}2023年，在主动公开的107条政府信息中，政策文件12条。\n"
        ));
        assert!(diags.is_empty(), "{diags:#?}");
    }
}

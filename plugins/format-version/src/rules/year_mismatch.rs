//! `format-version/year-mismatch`: the title year, the statistics period
//! and the configured year disagree; or no year can be found at all.

use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef::new(
    "format-version/year-mismatch",
    Severity::Warning,
    docs,
    check,
);

/// A year in a title ("2020年", OCR "2020 年", full-width digits).
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年").expect("valid regex"));

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "标题年份与统计期限一致",
            "The title year and the statistics period agree",
        )
        .rationale(
            "报告年度即统计年度。标题写 2021 年而统计期限写 2020 年 1 月 1 日至 2020 年 12 月 31 日，多是套用上年报告时漏改，读者无从判断数据属于哪一年。找不到任何年份时，依赖年份的检查（格式版本、跨年核对）无法进行。",
            "The report year is the statistics year. A title saying 2021 over a statistics period of 2020 is usually last year's report copied without updating; readers cannot tell which year the figures belong to. Without any year, checks that need it (format version, cross-year) cannot run.",
        )
        .source(
            "国办公开办函〔2021〕30号 年度报告格式（报告开头说明统计期限）",
            "the report format 国办公开办函〔2021〕30号 (the introduction states the statistics period)",
        )
        .passing("某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n")
        .failing("某县人民政府2021年政府信息公开工作年度报告\n//^ 「2021」 标题年份 2021 与统计期限的年份 2020 不一致\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n")
}

/// A year as written and where.
#[derive(Clone, Copy)]
struct YearAt {
    year: u16,
    span: Span,
}

/// Digits (ASCII or full-width) as a number.
fn digits(s: &str) -> Option<u16> {
    s.chars().try_fold(0u16, |acc, c| {
        let d = c.to_digit(10)?;
        acc.checked_mul(10)?.checked_add(d as u16)
    })
}

fn year_in(m: regex::Match<'_>, base: u32) -> Option<YearAt> {
    Some(YearAt {
        year: digits(m.as_str())?,
        span: Span::new(base as usize + m.start(), base as usize + m.end()),
    })
}

fn title_year(ctx: &LintContext<'_>, report: &Report) -> Option<YearAt> {
    if report.title.is_empty() {
        return None;
    }
    let caps = TITLE_YEAR.captures(ctx.text(report.title))?;
    year_in(caps.get(1)?, report.title.start).filter(|y| (1990..2100).contains(&y.year))
}

/// The statistics period as the parser read it (the model's
/// `Report::period*`): its start and end years, and the statement.
fn period(report: &Report) -> Option<(YearAt, YearAt, Span)> {
    report.period_year()?;
    let start = YearAt {
        year: report.period_start_year,
        span: report.period_start,
    };
    let end = YearAt {
        year: report.period_year,
        span: report.period_end,
    };
    Some((start, end, report.period))
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let title = title_year(ctx, report);
        let period = period(report);
        if let Some((start, end, sentence)) = period {
            if start.year != end.year {
                report_split_period(ctx, start, end, sentence, out);
            }
            if let Some(title) = title.filter(|t| t.year != start.year) {
                report_title_vs_period(ctx, title, start, sentence, out);
            }
        }
        if let Some(configured) = ctx.config.year {
            check_configured(ctx, configured, title, period.map(|p| p.0), out);
        }
        if title.is_none() && period.is_none() && ctx.year(report).is_none() {
            report_no_year(ctx, report, out);
        }
    }
}

fn report_split_period(
    ctx: &LintContext<'_>,
    start: YearAt,
    end: YearAt,
    sentence: Span,
    out: &mut Vec<Diagnostic>,
) {
    DiagnosticBuilder::for_rule(
        &RULE,
        end.span,
        ctx.msg(
            format!(
                "统计期限起于 {} 年、止于 {} 年，不是一个完整的年度",
                start.year, end.year
            ),
            format!(
                "the statistics period starts in {} and ends in {}: not one calendar year",
                start.year, end.year
            ),
        ),
    )
    .related(
        start.span,
        ctx.msg("统计期限起始年份", "start of the period"),
    )
    .related(sentence, ctx.msg("统计期限", "the statistics period"))
    .help(ctx.msg(
        "统计期限应为报告年度的 1 月 1 日至 12 月 31 日",
        "the statistics period is 1 January to 31 December of the report year",
    ))
    .emit(out);
}

fn report_title_vs_period(
    ctx: &LintContext<'_>,
    title: YearAt,
    start: YearAt,
    sentence: Span,
    out: &mut Vec<Diagnostic>,
) {
    DiagnosticBuilder::for_rule(
        &RULE,
        title.span,
        ctx.msg(
            format!(
                "标题年份 {} 与统计期限的年份 {} 不一致",
                title.year, start.year
            ),
            format!(
                "the title year {} disagrees with the statistics period's year {}",
                title.year, start.year
            ),
        ),
    )
    .related(sentence, ctx.msg("统计期限", "the statistics period"))
    .help(ctx.msg(
        "核对报告年度，统一标题和统计期限中的年份",
        "check the report year and make the title and the statistics period agree",
    ))
    .replace(
        ctx.msg(
            format!("标题年份改为 {}", start.year),
            format!("set the title year to {}", start.year),
        ),
        title.span,
        start.year.to_string(),
        false,
    )
    .emit(out);
}

fn check_configured(
    ctx: &LintContext<'_>,
    configured: u16,
    title: Option<YearAt>,
    period_start: Option<YearAt>,
    out: &mut Vec<Diagnostic>,
) {
    let found = [
        (title, ("标题年份", "the title year")),
        (
            period_start,
            ("统计期限的年份", "the statistics period's year"),
        ),
    ];
    for (at, (what_zh, what_en)) in found {
        let Some(at) = at.filter(|a| a.year != configured) else {
            continue;
        };
        DiagnosticBuilder::for_rule(
            &RULE,
            at.span,
            ctx.msg(
                format!("{what_zh} {} 与配置的报告年度 {configured} 不一致", at.year),
                format!(
                    "{what_en} {} disagrees with the configured report year {configured}",
                    at.year
                ),
            ),
        )
        .help(ctx.msg(
            "核对配置文件中的 year 或报告中的年份",
            "check `year` in the configuration or the year in the report",
        ))
        .emit(out);
        // One disagreement with the configuration is enough.
        return;
    }
}

fn report_no_year(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let span = if report.title.is_empty() {
        let text = ctx.text(report.span);
        let first = text.find('\n').unwrap_or(text.len());
        Span::new(
            report.span.start as usize,
            report.span.start as usize + first,
        )
    } else {
        report.title
    };
    DiagnosticBuilder::new(
        RULE.id,
        Severity::Info,
        span,
        ctx.msg(
            "未能确定报告年度：标题和统计期限中都没有年份；依赖年份的检查（格式版本等）未进行",
            "no report year found: neither the title nor a statistics period gives one; checks that need the year (format version …) were skipped",
        ),
    )
    .help(ctx.msg(
        "在标题中写明年度，并写明统计期限（如“统计期限自2021年1月1日起至2021年12月31日止”），或在 nblint.toml 中设置 year",
        "state the year in the title and the statistics period (e.g. “统计期限自2021年1月1日起至2021年12月31日止”), or set `year` in nblint.toml",
    ))
    .emit(out);
}

#[cfg(test)]
mod tests {
    use nblint_plugin_api::prelude::*;
    use nblint_test_support::{self as support, parse_text};

    fn year_mismatch(text: &str) -> (Document, Vec<Diagnostic>) {
        let doc = parse_text(text);
        let diags = support::lint_alone(crate::declaration(), &doc)
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .collect();
        (doc, diags)
    }

    #[test]
    fn the_period_is_read_in_each_wording_with_ocr_spaces_and_full_width_digits() {
        for period in [
            "所列数据统计时限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。",
            "本报告统计期间为2020年1月1日至2020年12月31日。",
            "统计时间：２０２０年１月１日至２０２０年１２月３１日。",
            "统 计 期 限 自 20 20 年 1 月 1 日 起 至\n2020 年 12 月 31 日止。",
        ] {
            let text = format!("某县人民政府 2019 年政府信息公开工作年度报告\n{period}\n一、总体情况\n本县全面推进政务公开。\n");
            let (doc, diags) = year_mismatch(&text);
            assert_eq!(diags.len(), 1, "{period}: {diags:#?}");
            assert_eq!(doc.view().slice(diags[0].span), "2019", "{period}");
            assert!(diags[0].message.contains("2020"), "{period}");
        }
    }

    #[test]
    fn a_split_period_points_at_the_end_year_in_the_original_text() {
        let text = "某县人民政府2020年政府信息公开工作年度报告\n所列数据统计时限为 2020 年 1 月 1 日至 ２０２１ 年 12 月 31 日。\n一、总体情况\n本县全面推进政务公开。\n";
        let (doc, diags) = year_mismatch(text);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let view = doc.view();
        assert_eq!(view.slice(diags[0].span), "２０２１");
        let sentence = diags[0]
            .related
            .iter()
            .map(|r| view.slice(r.span))
            .collect::<Vec<_>>();
        assert!(
            sentence.contains(&"统计时限为 2020 年 1 月 1 日至 ２０２１ 年 12 月 31 日"),
            "{sentence:?}"
        );
    }

    #[test]
    fn an_agreeing_period_in_another_wording_is_fine() {
        let (_, diags) = year_mismatch("某县人民政府 2020 年政府信息公开工作年度报告\n所列数据统计时限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。\n一、总体情况\n本县全面推进政务公开。\n");
        assert!(diags.is_empty(), "{diags:#?}");
    }
}

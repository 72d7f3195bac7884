//! `format-version/reference`: a superseded basis cited as current
//! (国务院令第492号 in a report for 2019 or later; the 2019 format in a
//! report for 2021 or later) or a misspelled format document number.

use nblint_plugin_api::prelude::*;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("format-version/reference", Severity::Warning, docs, check);

/// The 2008 regulations: 国务院令第492号 (OCR: "国务院令 第 492 号").
static DECREE_492: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"国务院令\s*第?\s*492\s*号").expect("valid regex"));

/// A format document number of the 国办公开办函 series, with any brackets
/// (〔〕 [] ［］ （） () 【】) or none, and the issuer possibly misspelled as
/// 国办政务公开办函.
static FORMAT_DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"国办(政务)?公开办函\s*([〔\[［（(【]?)\s*(\d{4})\s*([〕\]］）)】]?)\s*(\d{1,3})\s*号",
    )
    .expect("valid regex")
});

/// The format documents' numbers under another office's code: 国办发 or
/// 国办函〔2021〕30号 (〔2019〕60号), a slip for 国办公开办函.
static MISCODED_FORMAT_DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"国办(发|函)\s*[〔\[［（(【]\s*(2021|2019)\s*[〕\]］）)】]\s*(30|60)\s*号")
        .expect("valid regex")
});

/// Words of a sentence that cites the format document (as opposed to
/// another document that happens to share a number).
const FORMAT_CONTEXT: [&str; 3] = ["格式", "年度报告", "编制"];

/// Words that make a citation of the old regulations historical
/// (“国务院令第492号公布，国务院令第711号修订”, “原《条例》”).
const HISTORICAL: [&str; 4] = ["711", "修订", "原《", "原条例"];

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "引用的依据应现行有效、文号书写正确",
            "The basis cited is current and its document number is written correctly",
        )
        .rationale(
            "条例已于 2019 年修订（国务院令第711号），2019 年及以后的报告以原条例（国务院令第492号）为依据属于引用失效文件；2021 年及以后的报告格式依据为国办公开办函〔2021〕30号。格式文件的文号常被写错（“国办政务公开办函”、缺少六角括号），评估时视为不规范。",
            "The regulations were revised in 2019 (State Council Decree 711); a report for 2019 or later citing the 2008 regulations (Decree 492) cites a superseded basis, and from 2021 the format is 国办公开办函〔2021〕30号. The format documents' numbers are often misspelled (国办政务公开办函, missing brackets).",
        )
        .source(
            "《中华人民共和国政府信息公开条例》（国务院令第711号）；国办公开办函〔2021〕30号",
            "Regulations on Open Government Information (Decree 711); 国办公开办函〔2021〕30号",
        )
        .passing("某县人民政府2021年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n")
        .failing("某县人民政府2021年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》（国务院令第492号）和国办政务公开办函〔2021〕30号要求，编制本报告。\n//^ 「国办政务公开办函〔2021〕30号」 文号“国办政务公开办函〔2021〕30号”书写有误：发文机关代字应为“国办公开办函”，应为“国办公开办函〔2021〕30号”\n//^ 「国务院令第492号」 引用了已被修订的原条例“国务院令第492号”作为依据；条例已于 2019 年修订（国务院令第711号）\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let text = ctx.text(report.span);
        let base = report.span.start as usize;
        let year = ctx.year(report);
        if year.is_some_and(|y| y >= 2019) {
            for m in DECREE_492.find_iter(text) {
                if !is_historical(text, m.start(), m.end()) {
                    report_old_decree(ctx, Span::new(base + m.start(), base + m.end()), out);
                }
            }
        }
        for caps in FORMAT_DOC.captures_iter(text) {
            check_format_doc(ctx, &caps, base, year, text, out);
        }
        for caps in MISCODED_FORMAT_DOC.captures_iter(text) {
            check_miscoded(ctx, &caps, base, text, out);
        }
    }
}

/// 国办发〔2021〕30号 in a sentence about the report's format: the issuer
/// code is 国办公开办函.
fn check_miscoded(
    ctx: &LintContext<'_>,
    caps: &Captures<'_>,
    base: usize,
    text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let whole = caps.get(0).expect("match");
    let (doc_year, number) = (&caps[2], &caps[3]);
    if !matches!((doc_year, number), ("2019", "60") | ("2021", "30")) {
        return;
    }
    let s = sentence(text, whole.start(), whole.end());
    if !FORMAT_CONTEXT.iter().any(|w| s.contains(w)) {
        return;
    }
    let span = Span::new(base + whole.start(), base + whole.end());
    let found = whole.as_str();
    let correct = format!("国办公开办函〔{doc_year}〕{number}号");
    DiagnosticBuilder::for_rule(
        &RULE,
        span,
        ctx.msg(
            format!("文号“{found}”书写有误：年度报告格式文件的发文机关代字为“国办公开办函”，应为“{correct}”"),
            format!("document number “{found}” is misspelled: the format document's issuer code is 国办公开办函; it is “{correct}”"),
        ),
    )
    .help(ctx.msg(format!("改为“{correct}”"), format!("write “{correct}”")))
    .replace(
        ctx.msg(format!("改为“{correct}”"), format!("replace with “{correct}”")),
        span,
        correct.clone(),
        false,
    )
    .emit(out);
}

/// The sentence around a match: from the previous 。 or line break to the
/// next.
fn sentence(text: &str, start: usize, end: usize) -> &str {
    // Past the 。 (three bytes) or line break found, not into it.
    let from = text[..start]
        .char_indices()
        .rfind(|(_, c)| matches!(c, '。' | '\n'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .find(['。', '\n'])
        .map_or(text.len(), |i| end + i);
    &text[from..to]
}

fn is_historical(text: &str, start: usize, end: usize) -> bool {
    let s = sentence(text, start, end);
    HISTORICAL.iter().any(|w| s.contains(w))
}

fn report_old_decree(ctx: &LintContext<'_>, span: Span, out: &mut Vec<Diagnostic>) {
    let found = ctx.text(span);
    DiagnosticBuilder::for_rule(&RULE, span,
        ctx.msg(
            format!("引用了已被修订的原条例“{found}”作为依据；条例已于 2019 年修订（国务院令第711号）"),
            format!("cites the superseded 2008 regulations “{found}” as the basis; they were revised in 2019 (Decree 711)"),
        ),
    )
    .help(ctx.msg(
        "改为引用现行条例（国务院令第711号）",
        "cite the current regulations (国务院令第711号)",
    ))
    .replace(
        ctx.msg("改为“国务院令第711号”", "replace with “国务院令第711号”"),
        span,
        "国务院令第711号",
        false,
    )
    .emit(out);
}

fn check_format_doc(
    ctx: &LintContext<'_>,
    caps: &Captures<'_>,
    base: usize,
    year: Option<u16>,
    text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let whole = caps.get(0).expect("match");
    let span = Span::new(base + whole.start(), base + whole.end());
    let found = whole.as_str();
    let doc_year = &caps[3];
    let number = &caps[5];
    let correct = format!("国办公开办函〔{doc_year}〕{number}号");
    let is_format_doc = matches!((doc_year, number), ("2019", "60") | ("2021", "30"));
    let misspelled_issuer = caps.get(1).is_some();
    let no_brackets = caps[2].is_empty() || caps[4].is_empty();
    if misspelled_issuer || no_brackets {
        let what = match (misspelled_issuer, no_brackets) {
            (true, true) => ctx.msg(
                "发文机关代字应为“国办公开办函”，且年份应加六角括号〔〕",
                "the issuer code is 国办公开办函 and the year goes in 〔〕",
            ),
            (true, false) => ctx.msg(
                "发文机关代字应为“国办公开办函”",
                "the issuer code is 国办公开办函",
            ),
            _ => ctx.msg("年份应加六角括号〔〕", "the year goes in 〔〕"),
        };
        DiagnosticBuilder::for_rule(
            &RULE,
            span,
            ctx.msg(
                format!("文号“{found}”书写有误：{what}，应为“{correct}”"),
                format!("document number “{found}” is misspelled: {what}; it is “{correct}”"),
            ),
        )
        .help(ctx.msg(format!("改为“{correct}”"), format!("write “{correct}”")))
        .replace(
            ctx.msg(
                format!("改为“{correct}”"),
                format!("replace with “{correct}”"),
            ),
            span,
            correct.clone(),
            is_format_doc,
        )
        .emit(out);
        return;
    }
    // The 2019 format cited as the basis of a report for 2021 or later.
    if (doc_year, number) == ("2019", "60")
        && year.is_some_and(|y| y >= 2021)
        && !is_historical(text, whole.start(), whole.end())
    {
        DiagnosticBuilder::for_rule(&RULE, span,
            ctx.msg(
                format!("{} 年度报告引用了已被取代的 2019 年格式“{found}”；2021 年起格式依据为国办公开办函〔2021〕30号", year.unwrap_or_default()),
                format!("a {} report cites the superseded 2019 format “{found}”; from 2021 the format is 国办公开办函〔2021〕30号", year.unwrap_or_default()),
            ),
        )
        .help(ctx.msg("改为引用国办公开办函〔2021〕30号", "cite 国办公开办函〔2021〕30号"))
        .replace(
            ctx.msg("改为“国办公开办函〔2021〕30号”", "replace with “国办公开办函〔2021〕30号”"),
            span,
            "国办公开办函〔2021〕30号",
            false,
        )
        .emit(out);
    }
}

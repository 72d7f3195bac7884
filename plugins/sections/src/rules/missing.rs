//! `sections/missing`: each of the six standard sections is present.

use crate::outline::{self, Standard};
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/missing", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "报告应包含全部六个部分",
            "The report has all six standard sections",
        )
        .rationale(
            "2019 年和 2021 年格式的年度报告由六个部分组成：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。缺少任何一部分，报告内容即不完整，评估时会被扣分。2019 年以前的报告采用旧提纲，不受此约束。",
            "Reports in the 2019 and 2021 formats consist of six sections: overview, proactive disclosure, applications, administrative review and litigation, problems and improvements, other matters. A missing section makes the report incomplete and costs points in evaluations. Reports before 2019 follow the old outline and are not held to the six.",
        )
        .source(
            "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式",
            "Regulations on Open Government Information, art. 50; the report formats 国办公开办函〔2019〕60号 and 〔2021〕30号",
        )
        .passing(
            "某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n六、其他需要报告的事项\n无。\n",
        )
        .failing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n//^ 「公开质量有待提高。」 缺少“六、其他需要报告的事项”（报告至此结束）\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        if !outline::holds_six(ctx, report) {
            continue;
        }
        let tops = ctx.top_sections(report);
        for std in outline::standards() {
            if outline::find_top(&tops, std.kind).is_none() {
                report_missing(ctx, report, &tops, &std, out);
            }
        }
    }
}

/// Where a missing section belongs and what to insert there.
struct Place {
    /// What the diagnostic points at.
    primary: Span,
    /// Where the heading goes.
    insert_at: u32,
    /// Whether the insertion goes after the text at `insert_at` (the
    /// report's end) rather than before it.
    after: bool,
    why_zh: String,
    why_en: String,
}

fn report_missing(
    ctx: &LintContext<'_>,
    report: &Report,
    tops: &[&Section],
    std: &Standard,
    out: &mut Vec<Diagnostic>,
) {
    let place = place_for(ctx, report, tops, std);
    let heading = format!(
        "{}、{}",
        outline::numeral(number_for(tops, std)),
        std.title_zh
    );
    let body = if std.kind == SectionKind::OTHER {
        format!("{heading}\n无")
    } else {
        heading
    };
    let replacement = if place.after {
        format!("\n{body}")
    } else {
        format!("{body}\n")
    };
    let standard = outline::standard_heading(std);
    let truncated = ends_in_table(ctx, report) && place.after;
    let (note_zh, note_en) = if truncated {
        (
            "；报告正文在表格中间结束，可能不完整",
            "; the report's text ends inside a table and may be truncated",
        )
    } else {
        ("", "")
    };
    DiagnosticBuilder::for_rule(
        &RULE,
        place.primary,
        ctx.msg(
            format!("缺少“{standard}”（{}）{note_zh}", place.why_zh),
            format!(
                "section {} “{}” ({}) is missing ({}){note_en}",
                std.number, std.title_zh, std.title_en, place.why_en
            ),
        ),
    )
    .help(ctx.msg(
        format!("按标准格式补上“{standard}”一部分及其内容"),
        format!("add the section with its standard title “{standard}” and its content"),
    ))
    .replace(
        ctx.msg(
            format!("插入“{}”", body.replace('\n', " ")),
            format!("insert “{}”", body.replace('\n', " ")),
        ),
        Span {
            start: place.insert_at,
            end: place.insert_at,
        },
        replacement,
        false,
    )
    .emit(out);
}

/// The number the inserted heading gets: the standard offset from the
/// closest present section before it (keeps a shifted numbering intact).
fn number_for(tops: &[&Section], std: &Standard) -> u16 {
    tops.iter()
        .filter_map(|s| Some((s, outline::standard(s.kind)?)))
        .rfind(|(_, o)| o.number < std.number)
        .map_or(std.number, |(s, o)| s.number + (std.number - o.number))
}

fn place_for(ctx: &LintContext<'_>, report: &Report, tops: &[&Section], std: &Standard) -> Place {
    let before = tops
        .iter()
        .copied()
        .rfind(|s| outline::standard(s.kind).is_some_and(|o| o.number < std.number));
    let next = tops
        .iter()
        .copied()
        .find(|s| outline::standard(s.kind).is_some_and(|o| o.number > std.number));
    let window = Span {
        start: before.map_or(report.span.start, |s| s.heading.start),
        end: next.map_or(report.span.end, |s| s.heading.start),
    };
    if let Some(place) = at_own_table(ctx, report, std, window) {
        return place;
    }
    if let Some(place) = before.and_then(|b| after_previous_table(ctx, report, b, std)) {
        return place;
    }
    if let Some(next) = next {
        return Place {
            primary: next.heading,
            insert_at: next.heading.start,
            after: false,
            why_zh: format!("应在“{}”之前", outline::heading_text(ctx, next)),
            why_en: format!("it belongs before “{}”", outline::heading_text(ctx, next)),
        };
    }
    let last = last_content(ctx, report);
    Place {
        primary: last,
        insert_at: last.end,
        after: true,
        why_zh: "报告至此结束".into(),
        why_en: "the report ends here".into(),
    }
}

/// A section with tables whose heading is missing but whose table is
/// there: the heading belongs right before the table.
fn at_own_table(
    ctx: &LintContext<'_>,
    report: &Report,
    std: &Standard,
    window: Span,
) -> Option<Place> {
    let kinds = outline::table_kinds(std.kind);
    let table = ctx
        .doc
        .report_tables(report)
        .iter()
        .find(|t| kinds.contains(&t.kind) && outline::within(t.span, window))?;
    let start = outline::line_start(ctx.doc.text, table.span.start);
    let primary = if table.label.is_empty() {
        table.span
    } else {
        table.label
    };
    Some(Place {
        primary,
        insert_at: start,
        after: false,
        why_zh: "其表格在此，但没有该部分的标题".into(),
        why_en: "its table is here, without the section's heading".into(),
    })
}

/// A prose section (五, 六) whose heading is missing while its text
/// follows the previous section's table: the heading belongs between, at
/// the first line after the table (prose, or a subheading).
fn after_previous_table(
    ctx: &LintContext<'_>,
    report: &Report,
    before: &Section,
    std: &Standard,
) -> Option<Place> {
    if !outline::table_kinds(std.kind).is_empty() || outline::table_kinds(before.kind).is_empty() {
        return None;
    }
    let last_table = ctx
        .doc
        .report_tables(report)
        .iter()
        .rfind(|t| outline::within(t.span, before.span))?;
    // The first line after the table's content, prose or a subheading
    // that opens the section (“（一）存在问题”): the heading goes before
    // either. The table's span may run on over lines it could not read as
    // rows (a one-cell line after a blank line), so it ends with its last
    // row here.
    let text = ctx.doc.text;
    let content_end = table_content_end(ctx, last_table) as usize;
    let after = if text[..content_end].ends_with('\n') {
        content_end
    } else {
        text[content_end..]
            .find('\n')
            .map_or(text.len(), |i| content_end + i + 1)
    } as u32;
    let anchor = ctx
        .doc
        .report_paragraphs(report)
        .iter()
        .filter(|p| {
            p.kind != ParagraphKind::JUNK
                && p.span.end > after
                && outline::within(p.span, before.span)
        })
        .find_map(|p| {
            let from = p.span.start.max(after);
            let rest = ctx.text(Span {
                start: from,
                end: p.span.end,
            });
            // The first line of text: not blank, and not what is left of
            // the table's drawing (a Markdown rule line "|---|---|").
            let mut offset = 0;
            for line in rest.split_inclusive('\n') {
                let t = line.trim();
                if !t.is_empty() && !is_table_rule(t) {
                    let skip = line.len() - line.trim_start().len();
                    return Some(Span {
                        start: outline::line_start(text, from + (offset + skip) as u32),
                        end: p.span.end,
                    });
                }
                offset += line.len();
            }
            None
        })?;
    Some(Place {
        primary: first_line(ctx, anchor),
        insert_at: anchor.start,
        after: false,
        why_zh: format!(
            "“{}”表格之后的文字没有标题",
            outline::heading_text(ctx, before)
        ),
        why_en: format!(
            "the text after the table of “{}” has no heading",
            outline::heading_text(ctx, before)
        ),
    })
}

/// A line that only draws a table: "|---|:---:|", "+----+", "───".
fn is_table_rule(line: &str) -> bool {
    line.chars().all(|c| {
        matches!(
            c,
            '|' | '-' | ':' | '+' | '=' | '─' | '━' | '｜' | ' ' | '\t'
        )
    })
}

/// Where a table's content ends: its last row, header or label.
fn table_content_end(ctx: &LintContext<'_>, table: &Table) -> u32 {
    ctx.doc
        .table_rows(table)
        .iter()
        .map(|r| r.span.end)
        .chain([table.header.end, table.label.end])
        .max()
        .filter(|end| *end > table.span.start)
        .unwrap_or(table.span.end)
}

/// The first line of a span.
fn first_line(ctx: &LintContext<'_>, span: Span) -> Span {
    let text = ctx.text(span);
    let len = text.find('\n').unwrap_or(text.len());
    Span {
        start: span.start,
        end: span.start + len as u32,
    }
}

/// The last paragraph of the report that is not navigation junk.
fn last_content(ctx: &LintContext<'_>, report: &Report) -> Span {
    ctx.doc
        .report_paragraphs(report)
        .iter()
        .rfind(|p| p.kind != ParagraphKind::JUNK)
        .map_or(report.span, |p| last_line(ctx, p.span))
}

/// The last line of a span.
fn last_line(ctx: &LintContext<'_>, span: Span) -> Span {
    let text = ctx.text(span).trim_end();
    let start = text.rfind('\n').map_or(0, |i| i + 1);
    Span {
        start: span.start + start as u32,
        end: span.start + text.len() as u32,
    }
}

/// Whether the report's text stops inside a table (a truncated page).
fn ends_in_table(ctx: &LintContext<'_>, report: &Report) -> bool {
    ctx.doc
        .report_paragraphs(report)
        .iter()
        .rfind(|p| p.kind != ParagraphKind::JUNK)
        .is_some_and(|p| p.kind == ParagraphKind::TABLE)
}

#[cfg(test)]
mod tests {
    use nblint_plugin_api::prelude::*;
    use nblint_test_support::{self as support, parse_text};

    /// A report whose 五 heading is missing: its text, opened by a
    /// subheading after a blank line, follows the 四 table.
    const NO_FIVE: &str = "某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 | |||||||||||||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |||||||||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n1 | 0 | 0 | 2 | 3 | 0 | 0 | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 1 |\n\n(一)存在问题\n公开质量有待提高。\n(二)改进情况\n加强培训。\n六、其他需要报告的事项\n无。\n";

    #[test]
    fn after_a_table_the_heading_goes_before_the_subheading_that_opens_the_text() {
        let doc = parse_text(NO_FIVE);
        let diags = support::lint_alone(crate::declaration(), &doc);
        let missing: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == super::RULE.id).collect();
        assert_eq!(missing.len(), 1, "{diags:#?}");
        let view = doc.view();
        assert_eq!(view.slice(missing[0].span), "(一)存在问题");
        let fix = missing[0].fix.as_ref().unwrap();
        let at = NO_FIVE.find("(一)存在问题").unwrap() as u32;
        assert_eq!(fix.edits[0].span, Span { start: at, end: at });
        assert_eq!(fix.edits[0].replacement, "五、存在的主要问题及改进情况\n");
    }

    #[test]
    fn after_a_table_prose_right_below_it_is_the_anchor() {
        let text = NO_FIVE.replace("\n\n(一)存在问题\n", "\n");
        let doc = parse_text(&text);
        let diags = support::lint_alone(crate::declaration(), &doc);
        let missing: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == super::RULE.id).collect();
        assert_eq!(missing.len(), 1, "{diags:#?}");
        assert_eq!(doc.view().slice(missing[0].span), "公开质量有待提高。");
    }
}

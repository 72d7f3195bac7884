//! `sections/order`: the six sections appear in the standard order and the
//! 一、二、三 numbering of level-1 headings has no gap or repeat.

use crate::outline;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/order", Severity::Warning, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "六个部分按标准顺序排列，一级标题编号连续",
            "The six sections are in the standard order and level-1 numbering has no gap or repeat",
        )
        .rationale(
            "年度报告格式规定了六个部分的顺序。顺序颠倒、编号跳号或重号，读者和评估人员难以找到对应内容。标准部分之间插入的其他部分会使标准部分的序号后移，这不是错误，但偏离了格式，以提示（info）级别报告。",
            "The report format fixes the order of the six sections. Sections out of order, or numbering with gaps or repeats, make the report hard to read and to evaluate. An extra section between the standard ones shifts their numbers: not an error, but a deviation from the format, reported as info.",
        )
        .source(
            "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式",
            "the report formats 国办公开办函〔2019〕60号 and 〔2021〕30号",
        )
        .passing(
            "某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n六、其他需要报告的事项\n无。\n",
        )
        .failing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n五、政府信息公开行政复议、行政诉讼情况\n//^ 「五、政府信息公开行政复议、行政诉讼情况」 一级标题编号不连续：“三、收到和处理政府信息公开申请情况”之后是“五、政府信息公开行政复议、行政诉讼情况”，应为“四”\n无。\n六、存在的主要问题及改进情况\n公开质量有待提高。\n七、其他需要报告的事项\n无。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        if !outline::holds_six(ctx, report) {
            continue;
        }
        let tops = ctx.top_sections(report);
        let numbering_ok = check_numbering(ctx, &tops, out);
        let order_ok = check_standard_order(ctx, &tops, out);
        if numbering_ok && order_ok {
            check_shifted_positions(ctx, &tops, out);
        }
    }
}

/// 一、二、三 … without gaps or repeats. A gap that exactly matches
/// standard sections reported missing (一 then 四 with 二 and 三 absent) is
/// `sections/missing`'s finding, not reported again here.
fn check_numbering(ctx: &LintContext<'_>, tops: &[&Section], out: &mut Vec<Diagnostic>) -> bool {
    let mut ok = true;
    let mut previous: Option<&Section> = None;
    for &section in tops {
        let expected = previous.map_or(1, |p| p.number + 1);
        let number = section.number;
        if number != expected && !gap_explained_by_missing(tops, expected, number) {
            ok = false;
            report_numbering(ctx, section, previous, expected, out);
        }
        previous = Some(section);
    }
    ok
}

/// Whether every standard section numbered `expected..number` is absent and
/// `number` itself is where the standard puts the section.
fn gap_explained_by_missing(tops: &[&Section], expected: u16, number: u16) -> bool {
    if number <= expected {
        return false;
    }
    let skipped_missing = (expected..number).all(|n| {
        outline::standards()
            .find(|s| s.number == n)
            .is_some_and(|s| outline::find_top(tops, s.kind).is_none())
    });
    let in_place = tops
        .iter()
        .find(|s| s.number == number)
        .and_then(|s| outline::standard(s.kind))
        .is_some_and(|s| s.number == number);
    skipped_missing && in_place
}

fn report_numbering(
    ctx: &LintContext<'_>,
    section: &Section,
    previous: Option<&Section>,
    expected: u16,
    out: &mut Vec<Diagnostic>,
) {
    let heading = outline::heading_text(ctx, section);
    let got = outline::numeral(section.number);
    let want = outline::numeral(expected);
    let (zh, en) = match previous {
        Some(p) if p.number == section.number => (
            format!("一级标题编号重复：“{heading}”与上一部分“{}”同为“{got}”，应为“{want}”", outline::heading_text(ctx, p)),
            format!("level-1 numbering repeats: “{heading}” has the same number {} as the previous “{}”; it should be {}", section.number, outline::heading_text(ctx, p), expected),
        ),
        Some(p) => (
            format!("一级标题编号不连续：“{}”之后是“{heading}”，应为“{want}”", outline::heading_text(ctx, p)),
            format!("level-1 numbering is not consecutive: “{heading}” follows “{}”; it should be numbered {}", outline::heading_text(ctx, p), expected),
        ),
        None => (
            format!("第一个一级标题“{heading}”编号为“{got}”，应为“一”"),
            format!("the first level-1 heading “{heading}” is numbered {}, not 1", section.number),
        ),
    };
    let mut diag =
        DiagnosticBuilder::for_rule(&RULE, section.heading, ctx.msg(zh, en)).help(ctx.msg(
            "按 一、二、三…… 的顺序连续编号一级标题",
            "number the level-1 headings consecutively 一、二、三…",
        ));
    if let Some(p) = previous {
        diag = diag.related(p.heading, ctx.msg("上一部分", "the previous section"));
    }
    if let Some(span) = numeral_span(ctx, section) {
        diag = diag.replace(
            ctx.msg(format!("改为“{want}”"), format!("renumber as {want}")),
            span,
            want.clone(),
            false,
        );
    }
    diag.emit(out);
}

/// The span of the Chinese numeral at the start of a heading.
fn numeral_span(ctx: &LintContext<'_>, section: &Section) -> Option<Span> {
    let text = ctx.text(section.heading);
    let lead = text.len() - text.trim_start().len();
    let digits: usize = text[lead..]
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    (digits > 0).then(|| Span {
        start: section.heading.start + lead as u32,
        end: section.heading.start + (lead + digits) as u32,
    })
}

/// The standard sections must come in the standard order.
fn check_standard_order(
    ctx: &LintContext<'_>,
    tops: &[&Section],
    out: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    let mut latest: Option<(&Section, u16)> = None;
    for &section in tops {
        let Some(std) = outline::standard(section.kind) else {
            continue;
        };
        match latest {
            Some((before, n)) if std.number < n => {
                ok = false;
                let heading = outline::heading_text(ctx, section);
                let other = outline::heading_text(ctx, before);
                DiagnosticBuilder::for_rule(&RULE, section.heading,
                    ctx.msg(
                        format!("“{heading}”（标准第{}部分）排在“{other}”（标准第{}部分）之后，顺序与标准格式不符", outline::numeral(std.number), outline::numeral(n)),
                        format!("“{heading}” (standard section {}) comes after “{other}” (standard section {}), against the standard order", std.number, n),
                    ),
                )
                .related(before.heading, ctx.msg("排在前面的部分", "the section before it"))
                .help(ctx.msg(
                    "按 总体情况、主动公开、申请办理、复议诉讼、存在问题、其他事项 的顺序排列六个部分",
                    "arrange the six sections in the standard order",
                ))
                .emit(out);
            }
            _ => latest = Some((section, std.number)),
        }
    }
    ok
}

/// Extra sections between the standard ones shift their numbers (民和:
/// “二、政务信息公开工作开展情况” makes 主动公开 三). In order and
/// consecutively numbered, that is a deviation worth an info, once per
/// report.
fn check_shifted_positions(ctx: &LintContext<'_>, tops: &[&Section], out: &mut Vec<Diagnostic>) {
    let shifted: Vec<(&Section, u16)> = tops
        .iter()
        .filter_map(|s| Some((*s, outline::standard(s.kind)?.number)))
        .filter(|(s, n)| s.number != *n)
        .collect();
    let Some(&(last_shifted, _)) = shifted.last() else {
        return;
    };
    let extras: Vec<&Section> = tops
        .iter()
        .copied()
        .filter(|s| outline::standard(s.kind).is_none() && s.span.start < last_shifted.span.start)
        .collect();
    let Some(first_extra) = extras.first() else {
        return;
    };
    let extra_zh = extras
        .iter()
        .map(|s| format!("“{}”", outline::heading_text(ctx, s)))
        .collect::<Vec<_>>()
        .join("、");
    let shifted_zh = shifted
        .iter()
        .map(|(s, n)| {
            format!(
                "“{}”标准为第{}部分",
                outline::heading_text(ctx, s),
                outline::numeral(*n)
            )
        })
        .collect::<Vec<_>>()
        .join("，");
    let shifted_en = shifted
        .iter()
        .map(|(s, n)| {
            format!(
                "“{}” is standard section {}",
                outline::heading_text(ctx, s),
                n
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut diag = DiagnosticBuilder::new(
        RULE.id,
        Severity::Info,
        first_extra.heading,
        ctx.msg(
            format!("标准六部分之外的一级标题{extra_zh}使标准部分的序号后移：{shifted_zh}"),
            format!("level-1 sections outside the standard six ({extra_zh}) shift the standard sections' numbers: {shifted_en}"),
        ),
    )
    .help(ctx.msg(
        "将额外内容并入“一、总体情况”的小标题下，使六个部分各居其标准序号",
        "move the extra content under “一、总体情况” as subsections so the six sections keep their standard numbers",
    ));
    for s in extras.iter().skip(1) {
        diag = diag.related(s.heading, ctx.msg("标准之外的部分", "an extra section"));
    }
    for (s, _) in &shifted {
        diag = diag.related(
            s.heading,
            ctx.msg("序号后移的标准部分", "a shifted standard section"),
        );
    }
    diag.emit(out);
}

//! `sections/empty`: a standard section has no content.

use crate::outline;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/empty", Severity::Warning, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "各部分应有内容（第六部分可写“无”）",
            "Every section has content (section 六 may say 无)",
        )
        .rationale(
            "只有标题、没有正文或表格的部分等于没有报告。没有其他需要报告的事项时，第六部分应写明“无”。",
            "A section with a heading and nothing under it reports nothing. When there is nothing else to report, section 六 should say 无.",
        )
        .source(
            "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式",
            "the report formats 国办公开办函〔2019〕60号 and 〔2021〕30号",
        )
        .passing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n六、其他需要报告的事项\n无。\n")
        .failing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n五、存在的主要问题及改进情况\n//^ 「五、存在的主要问题及改进情况」 “五、存在的主要问题及改进情况”下没有任何内容\n六、其他需要报告的事项\n无。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (report, section, std) in outline::standard_sections(ctx) {
        let has_table = ctx
            .doc
            .report_tables(report)
            .iter()
            .any(|t| outline::within(t.span, section.span));
        if has_table
            || outline::content_paragraphs(ctx, report, section.span)
                .next()
                .is_some()
        {
            continue;
        }
        let heading = outline::heading_text(ctx, section);
        let mut diag = DiagnosticBuilder::for_rule(
            &RULE,
            section.heading,
            ctx.msg(
                format!("“{heading}”下没有任何内容"),
                format!("section “{heading}” has no content"),
            ),
        );
        if std.kind == SectionKind::OTHER {
            diag = diag
                .help(ctx.msg(
                    "写明需要报告的事项；没有时写“无”",
                    "state the matters to report, or 无 when there are none",
                ))
                .replace(
                    ctx.msg("写“无”", "write 无"),
                    Span {
                        start: section.heading.end,
                        end: section.heading.end,
                    },
                    "\n无",
                    false,
                );
        } else {
            diag = diag.help(ctx.msg(
                format!("补写“{}”的内容", std.title_zh),
                format!("write the content of “{}”", std.title_zh),
            ));
        }
        diag.emit(out);
    }
}

//! `sections/fee-disclosure`: in the 2021 format, section 六 reports the
//! 信息处理费 collected (or that none was).

use crate::outline;
use crate::rules::template_text::TEMPLATE;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/fee-disclosure", Severity::Warning, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "2021 年格式：第六部分应报告信息处理费收取情况",
            "2021 format: section 六 reports the information processing fees collected",
        )
        .rationale(
            "2021 年格式的第六部分注明“收取信息处理费情况在此处报告”。即使没有收取，也应写明“未收取信息处理费”，仅写“无”不能说明收费情况。",
            "The 2021 format's section 六 says “收取信息处理费情况在此处报告”. Even when nothing was collected the report should say so; a bare 无 does not.",
        )
        .source(
            "国办公开办函〔2021〕30号 年度报告格式 第六部分；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            "the 2021 report format (国办公开办函〔2021〕30号), section 六; 国办函〔2020〕109号 on information processing fees",
        )
        .passing("某县2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")
        .failing("某县2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n六、其他需要报告的事项\n//^ 「六、其他需要报告的事项」 2021 年格式要求在“六、其他需要报告的事项”中报告信息处理费收取情况，但该部分未提及信息处理费\n无。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        if !outline::is_2021_format(ctx, report) {
            continue;
        }
        let tops = ctx.top_sections(report);
        let Some(other) = outline::find_top(&tops, SectionKind::OTHER) else {
            continue;
        };
        let body = Span {
            start: other.heading.end,
            end: other.span.end,
        };
        // The template's own note “（文字描述，收取信息处理费情况在此处报告）”
        // mentions the fee without reporting it.
        // Every match holds 文字描述 or 填写说明: without them there is
        // nothing to remove (and the regex need not be built).
        let text = ctx.text(body);
        let written = if text.contains("文字描述") || text.contains("填写说明") {
            TEMPLATE.replace_all(text, "")
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        if written.contains("处理费") {
            continue;
        }
        let heading = outline::heading_text(ctx, other);
        DiagnosticBuilder::for_rule(&RULE, other.heading,
            ctx.msg(
                format!("2021 年格式要求在“{heading}”中报告信息处理费收取情况，但该部分未提及信息处理费"),
                format!("the 2021 format asks for the information processing fees in “{heading}”, but the section does not mention them"),
            ),
        )
        .help(ctx.msg(
            "写明本年收取信息处理费的情况，例如“本年度未收取信息处理费”或收取的件数和金额",
            "state the fees collected this year, e.g. “本年度未收取信息处理费”, or the cases and amount",
        ))
        .emit(out);
    }
}

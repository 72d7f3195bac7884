//! `sections/title`: a standard section's title deviates from the standard
//! wording.

use crate::outline;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef::new("sections/title", Severity::Info, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "部分标题应采用标准表述",
            "Section titles use the standard wording",
        )
        .rationale(
            "年度报告格式规定了六个部分的标题。“其他”“存在的问题及下一步打算”等变体表达的是同一部分，不算缺失，但偏离了标准表述，评估时可能被认为格式不规范。",
            "The report format fixes the six section titles. Variants such as “其他” or “存在的问题及下一步打算” mean the same section and are not missing sections, but deviate from the standard wording.",
        )
        .source(
            "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式",
            "the report formats 国办公开办函〔2019〕60号 and 〔2021〕30号",
        )
        .passing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n六、其他需要报告的事项\n无。\n")
        .failing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n六、其他\n//^ 「其他」 “六、其他”是标准第六部分，标题“其他”与标准表述“其他需要报告的事项”不一致\n无。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (_, section, std) in outline::standard_sections(ctx) {
        if section.title_match == TitleMatch::EXACT || section.title.is_empty() {
            continue;
        }
        let title = ctx.text(section.title).trim();
        if title == std.title_zh {
            continue;
        }
        DiagnosticBuilder::for_rule(&RULE, section.title,
            ctx.msg(
                format!("“{}”是标准第{}部分，标题“{title}”与标准表述“{}”不一致", outline::heading_text(ctx, section), outline::numeral(std.number), std.title_zh),
                format!("“{}” is standard section {} ({}); its title “{title}” deviates from the standard “{}”", outline::heading_text(ctx, section), std.number, std.title_en, std.title_zh),
            ),
        )
        .help(ctx.msg(
            format!("将标题改为“{}”", std.title_zh),
            format!("retitle it “{}”", std.title_zh),
        ))
        .replace(
            ctx.msg(format!("改为“{}”", std.title_zh), format!("replace with “{}”", std.title_zh)),
            section.title,
            std.title_zh,
            true,
        )
        .emit(out);
    }
}

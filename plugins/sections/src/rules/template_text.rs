//! `sections/template-text`: template instructions left in the report.

use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/template-text", Severity::Warning, docs, check);

/// The placeholders and notes of the official templates: （文字描述）,
/// “文字描述，收取信息处理费情况在此处报告”, 填写说明.
pub static TEMPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*文字描述[^）)\n]{0,40}[）)]?|文字描述[，,]\s*收取信息处理费情况在此处报告|填写说明")
        .expect("valid regex")
});

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "报告中不应留有模板说明文字",
            "No template instructions are left in the report",
        )
        .rationale(
            "官方模板在各部分留有“（文字描述）”等说明，提示填写者在此写正文。发布的报告中留有这些文字，说明该部分未按要求填写。",
            "The official template has placeholders such as “（文字描述）” telling the author what to write. Left in a published report, they show the section was not filled in.",
        )
        .source(
            "国办公开办函〔2021〕30号 年度报告格式（模板）",
            "the 2021 report format template (国办公开办函〔2021〕30号)",
        )
        .passing("某县2021年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n")
        .failing("某县2021年政府信息公开工作年度报告\n一、总体情况\n（文字描述）\n//^ 「（文字描述）」 报告中留有模板说明文字“（文字描述）”\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let text = ctx.doc.text;
    // Every match of [`TEMPLATE`] holds 文字描述 or 填写说明: a text with
    // neither (nearly every report) needs no regex search.
    if !text.contains("文字描述") && !text.contains("填写说明") {
        return;
    }
    for m in TEMPLATE.find_iter(text) {
        let span = Span::new(m.start(), m.end());
        let found = m.as_str();
        DiagnosticBuilder::for_rule(
            &RULE,
            span,
            ctx.msg(
                format!("报告中留有模板说明文字“{found}”"),
                format!("template instruction “{found}” left in the report"),
            ),
        )
        .help(ctx.msg(
            "用实际内容替换模板说明文字",
            "replace the template instruction with the actual content",
        ))
        .emit(out);
    }
}

//! An example third-party nblint plugin with one rule,
//! `example/contact-phone`: a report gives a contact phone number for
//! questions about it. See README.md for building and loading it.
//!
//! Written only against `nblint_plugin_api`, exactly as a plugin outside
//! this repository would be.

use nblint_plugin_api::prelude::*;
use regex::Regex;

/// What a rule of this plugin checks: the document, with the plugin's
/// compiled patterns.
type Check = fn(&ExamplePlugin, &LintContext<'_>, &mut Vec<Diagnostic>);

/// The plugin's rules: the one list that gives both `rules()` and `lint()`.
const RULES: &[RuleDef<Check>] = &[RULE];

/// `example/contact-phone`, declared once: id, default severity, docs and
/// check.
pub const RULE: RuleDef<Check> = RuleDef::new(
    "example/contact-phone",
    Severity::Info,
    contact_phone_docs,
    contact_phone,
);

/// A phone number near a word that introduces one: 电话 / 热线 / 联系方式 /
/// Tel, then an optional area code and a number of 5 to 11 digits (12345
/// hotlines, landlines, mobiles).
const PHONE: &str =
    r"(?i)(?:电话|热线|联系方式|tel)[^\d\n]{0,15}(?:[（(]?\d{2,5}[)）]?[-－—–‐ ]?)?\d{5,11}";
const EMAIL: &str = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}";

pub struct ExamplePlugin {
    phone: Regex,
    email: Regex,
}

impl Default for ExamplePlugin {
    fn default() -> Self {
        ExamplePlugin {
            phone: Regex::new(PHONE).expect("valid regex"),
            email: Regex::new(EMAIL).expect("valid regex"),
        }
    }
}

impl Plugin for ExamplePlugin {
    const NAME: &'static str = "example";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        rule_infos(RULES)
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for rule in RULES {
            (rule.check)(self, ctx, out);
        }
    }
}

fn contact_phone_docs(rule: RuleInfo) -> RuleInfo {
    rule
            .summary(
                "报告应写明咨询联系电话",
                "The report gives a contact phone number",
            )
            .rationale(
                "公众阅读年度报告后如有疑问，需要知道向谁咨询。多数报告在开头说明“如对本报告有疑问，请与……联系（联系电话：……）”。",
                "Readers with questions about an annual report need to know whom to ask. Most reports say at the start \"for questions about this report, contact … (phone: …)\".",
            )
            .source(
                "示例规则（非法定要求）：常见的报告引言写法",
                "Example rule (not a statutory requirement): the usual introduction of a report",
            )
            .passing(
                "某市人民政府办公室2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。如对本报告有疑问，请与市政府办公室联系（联系电话：0391-6633061）。\n一、总体情况\n……",
            )
            .failing(
                // The annotation line below the title marks the finding: its text
            // between 「」 and its message (see `Example`).
            "某市人民政府办公室2021年政府信息公开工作年度报告\n//^ 「某市人民政府办公室2021年政府信息公开工作年度报告」 本报告未写明咨询联系电话\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n……",
            )
}

/// `example/contact-phone`: a report without a phone number (or an e-mail
/// address, with `allow_email`).
fn contact_phone(plugin: &ExamplePlugin, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Option `allow_email = true` in `[options.example]`: an e-mail
    // address is enough.
    let allow_email: bool = ctx.option("allow_email").unwrap_or(false);
    for report in ctx.doc.reports {
        let text = ctx.text(report.span);
        if plugin.phone.is_match(text) || (allow_email && plugin.email.is_match(text)) {
            continue;
        }
        let span = headline(ctx, report);
        let name = match (ctx.agency(report), ctx.year(report)) {
            ("", None) => ctx.msg("本报告", "this report"),
            ("", Some(y)) => ctx.msg(format!("{y} 年度报告"), format!("the {y} report")),
            (a, None) => ctx.msg(format!("{a}的报告"), format!("the report of {a}")),
            (a, Some(y)) => ctx.msg(
                format!("{a} {y} 年度报告"),
                format!("the {y} report of {a}"),
            ),
        };
        DiagnosticBuilder::for_rule(
                &RULE,
                span,
                ctx.msg(
                    format!("{name}未写明咨询联系电话"),
                    format!("{name} gives no contact phone number"),
                ),
            )
            .help(ctx.msg(
                "在报告开头的说明中写明联系方式，例如“如对本报告有疑问，请与本机关联系（联系电话：0391-6633061）”",
                "state a contact in the report's introduction, e.g. \"如对本报告有疑问，请与本机关联系（联系电话：0391-6633061）\"",
            ))
            .emit(out);
    }
}

/// The report's title, or its first non-blank line.
fn headline(ctx: &LintContext<'_>, report: &Report) -> Span {
    if !report.title.is_empty() {
        return report.title;
    }
    ctx.first_line(report)
}

nblint_plugin_api::export_plugin!(ExamplePlugin);

//! nblint plugin `arithmetic`: the 勾稽关系 of the 三 and 四 tables and the
//! numeric consistency of a report (prose against itself, against the
//! tables, against last year's report).
//!
//! One rule per file under `rules/`; this file is the one place that
//! lists them.

mod common;
pub mod examples;
mod prose;
mod rules;

use nblint_plugin_api::prelude::*;

/// A rule's check of one report.
/// What an arithmetic rule checks: one report of the document.
pub type Check = fn(&LintContext<'_>, &Report, &mut Vec<Diagnostic>);

/// Every rule of the plugin, in the order they run: the one list that
/// gives both `rules()` and `lint()`.
const RULES: &[RuleDef<Check>] = &[
    rules::balance::RULE,
    rules::result_total::RULE,
    rules::row_total::RULE,
    rules::review_total::RULE,
    rules::stats_total::RULE,
    rules::cell_value::RULE,
    rules::plausibility::RULE,
    rules::text_sum::RULE,
    rules::percent::RULE,
    rules::text_table::RULE,
    rules::carry_over::RULE,
];

#[derive(Default)]
pub struct ArithmeticPlugin;

impl Plugin for ArithmeticPlugin {
    const NAME: &'static str = "arithmetic";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        rule_infos(RULES)
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for report in ctx.doc.reports {
            for rule in RULES {
                (rule.check)(ctx, report, out);
            }
        }
    }
}

nblint_plugin_api::export_plugin!(ArithmeticPlugin);

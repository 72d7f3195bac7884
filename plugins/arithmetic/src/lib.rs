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
type Check = fn(&LintContext<'_>, &Report, &mut Vec<Diagnostic>);
/// A rule's documentation.
type Info = fn() -> RuleInfo;

/// Every rule: its documentation and its check, in priority order.
const RULES: &[(Info, Check)] = &[
    (rules::balance::info, rules::balance::check),
    (rules::result_total::info, rules::result_total::check),
    (rules::row_total::info, rules::row_total::check),
    (rules::review_total::info, rules::review_total::check),
    (rules::stats_total::info, rules::stats_total::check),
    (rules::cell_value::info, rules::cell_value::check),
    (rules::plausibility::info, rules::plausibility::check),
    (rules::text_sum::info, rules::text_sum::check),
    (rules::percent::info, rules::percent::check),
    (rules::text_table::info, rules::text_table::check),
    (rules::carry_over::info, rules::carry_over::check),
];

#[derive(Default)]
pub struct ArithmeticPlugin;

impl Plugin for ArithmeticPlugin {
    const NAME: &'static str = "arithmetic";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        RULES.iter().map(|(info, _)| info()).collect()
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for report in ctx.doc.reports {
            for (_, check) in RULES {
                check(ctx, report, out);
            }
        }
    }
}

nblint_plugin_api::export_plugin!(ArithmeticPlugin);

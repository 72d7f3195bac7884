//! nblint plugin `format-version`: a report written in an older format
//! than its year requires (tables, outline), a report that mixes formats,
//! superseded or misspelled references, year mismatches between the
//! title and the statistics period, and last year's year left in prose
//! that reports this year's figures.

use nblint_plugin_api::prelude::*;

mod common;
mod rules;

use rules::{mixed, outdated_structure, outdated_table, reference, stale_year, year_mismatch};

/// What a rule of this plugin checks: the whole document.
pub type Check = DocumentCheck;

/// Every rule of the plugin, in the order they run: the one list that
/// gives both `rules()` and `lint()`.
const RULES: &[RuleDef<Check>] = &[
    outdated_table::RULE,
    outdated_structure::RULE,
    mixed::RULE,
    reference::RULE,
    year_mismatch::RULE,
    stale_year::RULE,
];

#[derive(Default)]
pub struct FormatVersionPlugin;

impl Plugin for FormatVersionPlugin {
    const NAME: &'static str = "format-version";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        rule_infos(RULES)
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        run_rules(RULES, ctx, out);
    }
}

nblint_plugin_api::export_plugin!(FormatVersionPlugin);

//! nblint plugin `sections`: the six required sections of a 2019/2021
//! format report — present, in order, with their standard titles, their
//! tables and some content — and template text left in.

use nblint_plugin_api::prelude::*;

mod outline;
mod rules;

use rules::{empty, fee_disclosure, missing, order, table_missing, template_text, title};

/// What a rule of this plugin checks: the whole document.
pub type Check = DocumentCheck;

/// Every rule of the plugin, in the order they run: the one list that
/// gives both `rules()` and `lint()`.
const RULES: &[RuleDef<Check>] = &[
    missing::RULE,
    order::RULE,
    title::RULE,
    empty::RULE,
    table_missing::RULE,
    fee_disclosure::RULE,
    template_text::RULE,
];

#[derive(Default)]
pub struct SectionsPlugin;

impl Plugin for SectionsPlugin {
    const NAME: &'static str = "sections";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        rule_infos(RULES)
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        run_rules(RULES, ctx, out);
    }
}

nblint_plugin_api::export_plugin!(SectionsPlugin);

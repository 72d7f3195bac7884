//! nblint plugin `format-version`: a report written in an older format
//! than its year requires (tables, outline), a report that mixes formats,
//! superseded or misspelled references, year mismatches between the
//! title and the statistics period, and last year's year left in prose
//! that reports this year's figures.

use nblint_plugin_api::prelude::*;

mod common;
mod rules;

use rules::{mixed, outdated_structure, outdated_table, reference, stale_year, year_mismatch};

#[derive(Default)]
pub struct FormatVersionPlugin;

impl Plugin for FormatVersionPlugin {
    const NAME: &'static str = "format-version";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        vec![
            outdated_table::info(),
            outdated_structure::info(),
            mixed::info(),
            reference::info(),
            year_mismatch::info(),
            stale_year::info(),
        ]
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        outdated_table::check(ctx, out);
        outdated_structure::check(ctx, out);
        mixed::check(ctx, out);
        reference::check(ctx, out);
        year_mismatch::check(ctx, out);
        stale_year::check(ctx, out);
    }
}

nblint_plugin_api::export_plugin!(FormatVersionPlugin);

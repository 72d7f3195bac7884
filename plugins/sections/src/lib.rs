//! nblint plugin `sections`: the six required sections of a 2019/2021
//! format report — present, in order, with their standard titles, their
//! tables and some content — and template text left in.

use nblint_plugin_api::prelude::*;

mod outline;
mod rules;

use rules::{empty, fee_disclosure, missing, order, table_missing, template_text, title};

#[derive(Default)]
pub struct SectionsPlugin;

impl Plugin for SectionsPlugin {
    const NAME: &'static str = "sections";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        vec![
            missing::info(),
            order::info(),
            title::info(),
            empty::info(),
            table_missing::info(),
            fee_disclosure::info(),
            template_text::info(),
        ]
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        missing::check(ctx, out);
        order::check(ctx, out);
        title::check(ctx, out);
        empty::check(ctx, out);
        table_missing::check(ctx, out);
        fee_disclosure::check(ctx, out);
        template_text::check(ctx, out);
    }
}

nblint_plugin_api::export_plugin!(SectionsPlugin);

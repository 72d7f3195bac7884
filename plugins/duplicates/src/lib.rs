//! nblint plugin `duplicates`: duplicated content.
//!
//! - `duplicates/paragraph`: a paragraph or long sentence repeated within a report;
//! - `duplicates/report`: a whole report occurs twice in one file;
//! - `duplicates/previous-year`: most of the prose reused from last year's report;
//! - `duplicates/table-copy`: every table number the same as last year's.
//!
//! Passages are compared by fingerprints of character 5-grams (see
//! [`fingerprint`]), never by pairwise full-text diffs, so a run stays
//! linear in the size of the text. Statutory boilerplate is left out of
//! every comparison (see [`prose::BOILERPLATE`]).

pub mod fingerprint;
pub mod prints;
pub mod prose;
pub mod rules;

use nblint_plugin_api::prelude::*;
use prints::{report_print, ReportPrint};
use rules::report::ReportCopy;

#[derive(Default)]
pub struct DuplicatesPlugin;

/// What several rules need about the linted document, computed once.
pub struct Analysis {
    /// Fingerprints of each report of the document, by index.
    pub prints: Vec<ReportPrint>,
    /// Reports that repeat an earlier report of the same file.
    pub copies: Vec<ReportCopy>,
}

impl Analysis {
    pub fn new(ctx: &LintContext<'_>) -> Analysis {
        let mut buf = String::new();
        let prints: Vec<ReportPrint> = ctx
            .doc
            .reports
            .iter()
            .map(|r| report_print(&ctx.doc, r, &mut buf))
            .collect();
        let copies = rules::report::find_copies(ctx, &prints);
        Analysis { prints, copies }
    }

    /// Whether report `index` is a later copy of another report of the file
    /// (already reported by `duplicates/report`; other rules skip it).
    pub fn is_later_copy(&self, index: usize) -> bool {
        self.copies.iter().any(|c| c.later == index)
    }
}

impl Plugin for DuplicatesPlugin {
    const NAME: &'static str = "duplicates";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        vec![
            rules::paragraph::rule(),
            rules::report::rule(),
            rules::previous_year::rule(),
            rules::table_copy::rule(),
        ]
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let analysis = Analysis::new(ctx);
        rules::paragraph::check(ctx, out);
        rules::report::check(ctx, &analysis, out);
        rules::previous_year::check(ctx, &analysis, out);
        rules::table_copy::check(ctx, &analysis, out);
    }
}

nblint_plugin_api::export_plugin!(DuplicatesPlugin);

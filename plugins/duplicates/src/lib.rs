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
pub mod index;
pub mod prints;
pub mod prose;
pub mod rules;

use index::ProseIndex;
use nblint_plugin_api::prelude::*;
use prints::ReportPrint;
use rules::report::ReportCopy;

/// What a rule of this plugin checks: the document, with its prose
/// analysed once for all the rules, and a line counter for messages.
pub type Check = fn(&LintContext<'_>, &Analysis, &mut prints::Lines<'_>, &mut Vec<Diagnostic>);

/// Every rule of the plugin, in the order they run: the one list that
/// gives both `rules()` and `lint()`.
const RULES: &[RuleDef<Check>] = &[
    rules::paragraph::RULE,
    rules::report::RULE,
    rules::previous_year::RULE,
    rules::table_copy::RULE,
];

#[derive(Default)]
pub struct DuplicatesPlugin;

/// What the rules need about the linted document, computed in one pass
/// over its prose.
pub struct Analysis {
    /// Fingerprints of each report of the document, by index.
    pub prints: Vec<ReportPrint>,
    /// Reports that repeat an earlier report of the same file.
    pub copies: Vec<ReportCopy>,
    /// Whether each report is a later copy (index → bool).
    later_copy: Vec<bool>,
    /// Paragraphs and sentences repeated within a report.
    pub repeats: Vec<rules::paragraph::Repeat>,
    /// Sections repeated within a report.
    pub section_copies: Vec<rules::paragraph::SectionCopy>,
}

impl Analysis {
    pub fn new(ctx: &LintContext<'_>) -> Analysis {
        let mut index = ProseIndex::default();
        let mut scanner = rules::paragraph::Scanner::default();
        let mut prints = Vec::with_capacity(ctx.doc.reports.len());
        let mut repeats = Vec::new();
        let mut section_copies = Vec::new();
        for report in ctx.doc.reports {
            prints.push(index.build(&ctx.doc, report, rules::paragraph::MIN_SENTENCE_CHARS));
            scanner.find(&mut index, &mut repeats, &mut section_copies);
        }
        let copies = rules::report::find_copies(ctx, &prints);
        let mut later_copy = vec![false; prints.len()];
        for c in &copies {
            later_copy[c.later] = true;
        }
        Analysis {
            prints,
            copies,
            later_copy,
            repeats,
            section_copies,
        }
    }

    /// Whether report `index` is a later copy of another report of the file
    /// (already reported by `duplicates/report`; other rules skip it).
    pub fn is_later_copy(&self, index: usize) -> bool {
        self.later_copy.get(index).copied().unwrap_or(false)
    }
}

impl Plugin for DuplicatesPlugin {
    const NAME: &'static str = "duplicates";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    fn rules(&self) -> Vec<RuleInfo> {
        rule_infos(RULES)
    }

    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let analysis = Analysis::new(ctx);
        let mut lines = prints::Lines::new(ctx.doc.text);
        for rule in RULES {
            (rule.check)(ctx, &analysis, &mut lines, out);
        }
    }
}

nblint_plugin_api::export_plugin!(DuplicatesPlugin);

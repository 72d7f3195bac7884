//! A document through a plugin's declaration, across the ABI and validated
//! as the host does (`nblint_plugin_api::testing::lint`).

use crate::corpus::{parse_text, seed_names, seed_text};
use crate::render::{findings, render, sorted_by_line_and_rule, Finding, Layout};
use nblint_plugin_api::abi::PluginDeclaration;
use nblint_plugin_api::model::{Diagnostic, Document};
use nblint_plugin_api::{testing, PluginConfig};

/// The plugin's diagnostics on `doc`, with `related` as the other documents
/// of the run (the cross-document context) and `config` as its
/// configuration.
pub fn lint(
    decl: &'static PluginDeclaration,
    doc: &Document,
    related: &[&Document],
    config: &PluginConfig,
) -> Vec<Diagnostic> {
    let related: Vec<_> = related.iter().map(|d| d.view()).collect();
    testing::lint(decl, doc.view(), &related, config).expect("the plugin runs through the ABI")
}

/// The plugin's diagnostics on `doc` alone, with the default configuration.
pub fn lint_alone(decl: &'static PluginDeclaration, doc: &Document) -> Vec<Diagnostic> {
    lint(decl, doc, &[], &PluginConfig::default())
}

/// The findings on one seed report, its text parsed as is (no file name)
/// and linted alone with the default configuration, by line then rule.
pub fn seed_findings(decl: &'static PluginDeclaration, name: &str) -> Vec<Finding> {
    let doc = parse_text(&seed_text(name));
    sorted_by_line_and_rule(findings(&doc, &lint_alone(decl, &doc)))
}

/// Every seed report's findings ([`seed_findings`]) rendered in `layout`:
/// (file stem, rendering), for a plugin's snapshot test.
pub fn seed_renderings(decl: &'static PluginDeclaration, layout: Layout) -> Vec<(String, String)> {
    seed_names()
        .into_iter()
        .map(|name| {
            let text = render(&seed_findings(decl, &name), layout);
            (name.trim_end_matches(".txt").to_string(), text)
        })
        .collect()
}

/// Asserts that the plugin finds nothing on these seed reports, showing
/// the findings of any that is not clean.
pub fn assert_seeds_clean(decl: &'static PluginDeclaration, names: &[&str]) {
    for name in names {
        let f = seed_findings(decl, name);
        assert!(f.is_empty(), "{name}: {}", render(&f, Layout::RuleSeverity));
    }
}

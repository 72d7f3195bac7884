//! Helpers for testing a plugin in-process **through the ABI**: every call
//! goes through the declaration's function pointers and the same
//! validation nblint's host applies, so a test that passes here exercises
//! the code path the host takes.
//!
//! ```ignore
//! use nblint_plugin_api::{prelude::*, testing};
//! let doc = testing::text_document("……联系电话：0531-88150105……");
//! let diags = testing::lint(declaration(), doc.view(), &[], &PluginConfig::default()).unwrap();
//! ```

use crate::abi::PluginDeclaration;
use crate::call::{self, CallError, DeclInfo};
use crate::sdk::{PluginConfig, RuleInfo};
use nblint_model::{Diagnostic, Document, DocumentView, Paragraph, ParagraphKind, Report, Span};

/// Validates a declaration as the host does; panics with the host's
/// message when it would be refused.
pub fn declaration_info(decl: &'static PluginDeclaration) -> DeclInfo {
    // SAFETY: a `&'static` declaration is valid and lives for the process.
    match unsafe { call::read_declaration(decl) } {
        Ok((_, info)) => info,
        Err(e) => panic!("{}", e.message(crate::Lang::En)),
    }
}

/// The rules a declaration declares, read back through the ABI.
pub fn rules(decl: &'static PluginDeclaration) -> Vec<RuleInfo> {
    declaration_info(decl).rules
}

/// Lints `doc` through the declaration's `lint` and `free`, validating the
/// output as the host does.
pub fn lint(
    decl: &'static PluginDeclaration,
    doc: DocumentView<'_>,
    related: &[DocumentView<'_>],
    config: &PluginConfig,
) -> Result<Vec<Diagnostic>, CallError> {
    let info = declaration_info(decl);
    // SAFETY: `info` was read from this `'static` declaration just above.
    unsafe { call::call(decl, &info, &doc, related, &config.to_json()) }
}

/// A document of plain text for tests that need no parser: one report
/// covering the whole text and one prose paragraph per non-blank line.
pub fn text_document(text: &str) -> Document {
    let mut doc = Document {
        text: text.to_string(),
        ..Default::default()
    };
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if !trimmed.trim().is_empty() {
            doc.paragraphs.push(Paragraph {
                span: Span::new(offset, offset + trimmed.len()),
                kind: ParagraphKind::PROSE,
                _pad: [0; 3],
                section: u32::MAX,
            });
        }
        offset += line.len();
    }
    doc.reports.push(Report {
        span: Span::new(0, text.len()),
        paragraphs: nblint_model::IdxRange {
            start: 0,
            len: doc.paragraphs.len() as u32,
        },
        ..Default::default()
    });
    doc
}

/// Runs every rule's examples through the ABI, reading each example's
/// report text with `parse`: a passing example must produce no diagnostic
/// of its rule; a failing one exactly the findings its annotations mark
/// (span and message, see [`Example`](crate::Example)), and it must mark at
/// least one. Infos of a rule whose default is higher (what could not be
/// checked, e.g. no report of last year for the first report of an
/// example) are not the rule's findings and do not count. Panics listing
/// every example that does not behave.
pub fn assert_examples(decl: &'static PluginDeclaration, parse: impl Fn(&str) -> Document) {
    let info = declaration_info(decl);
    let mut problems = Vec::new();
    for rule in &info.rules {
        if !rule.docs.examples.iter().any(|e| e.passes)
            || !rule.docs.examples.iter().any(|e| !e.passes)
        {
            problems.push(format!(
                "{}: needs at least one passing and one failing example",
                rule.id
            ));
        }
        for (i, ex) in rule.docs.examples.iter().enumerate() {
            let text = ex.report_text();
            let doc = parse(&text);
            let config = PluginConfig::default();
            // SAFETY: `info` was read from this `'static` declaration.
            let diags =
                match unsafe { call::call(decl, &info, &doc.view(), &[], &config.to_json()) } {
                    Ok(diags) => diags,
                    Err(e) => {
                        problems.push(format!(
                            "{} example {i}: {}",
                            rule.id,
                            e.message(crate::Lang::En)
                        ));
                        continue;
                    }
                };
            let mut found: Vec<(String, String)> = diags
                .iter()
                .filter(|d| d.rule == rule.id)
                .filter(|d| {
                    d.severity != nblint_model::Severity::Info
                        || rule.default_severity == nblint_model::Severity::Info
                })
                .map(|d| (quote(&text, d.span), d.message.clone()))
                .collect();
            let mut expected = match ex.expected() {
                Ok(e) => e
                    .iter()
                    .map(|e| (quote(&text, e.span), e.message.clone()))
                    .collect::<Vec<_>>(),
                Err(e) => {
                    problems.push(format!("{} example {i}: {e}", rule.id));
                    continue;
                }
            };
            found.sort();
            expected.sort();
            let show = |v: &[(String, String)]| {
                v.iter()
                    .map(|(at, m)| format!("\n      {}「{at}」 {m}", crate::sdk::ANNOTATION))
                    .collect::<String>()
            };
            if ex.passes && !found.is_empty() {
                problems.push(format!(
                    "{} example {i} should pass but got:{}",
                    rule.id,
                    show(&found)
                ));
            } else if !ex.passes && expected.is_empty() {
                problems.push(format!(
                    "{} example {i} fails but marks nothing; it reports:{}",
                    rule.id,
                    show(&found)
                ));
            } else if !ex.passes && found != expected {
                problems.push(format!(
                    "{} example {i} marks:{}\n    but the rule reports:{}",
                    rule.id,
                    show(&expected),
                    show(&found)
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "rule examples misbehave:\n  {}",
        problems.join("\n  ")
    );
}

/// A span as an annotation quotes it: its position (line:column, 1-based)
/// and its text, so that two findings on the same words are told apart.
fn quote(text: &str, span: nblint_model::Span) -> String {
    let start = (span.start as usize).min(text.len());
    let end = (span.end as usize).clamp(start, text.len());
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{column} {}", text.get(start..end).unwrap_or("?"))
}

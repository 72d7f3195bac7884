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
use nblint_model::{
    Diagnostic, Document, DocumentView, Paragraph, ParagraphKind, Report, Severity, Span,
};

/// Validates a declaration as the host does; panics with the host's
/// message when it would be refused.
pub fn declaration_info(decl: &'static PluginDeclaration) -> DeclInfo {
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

/// Runs every rule's examples through the ABI, reading each with `parse`:
/// a passing example must produce no diagnostic of its rule, a failing one
/// at least one. Infos of a rule whose default is higher (what could not be
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
            let doc = parse(&ex.text);
            let config = PluginConfig::default();
            match unsafe { call::call(decl, &info, &doc.view(), &[], &config.to_json()) } {
                Err(e) => problems.push(format!(
                    "{} example {i}: {}",
                    rule.id,
                    e.message(crate::Lang::En)
                )),
                Ok(diags) => {
                    let counts = |d: &&Diagnostic| {
                        d.severity != Severity::Info || rule.default_severity == Severity::Info
                    };
                    let hits: Vec<&Diagnostic> = diags
                        .iter()
                        .filter(|d| d.rule == rule.id)
                        .filter(counts)
                        .collect();
                    if ex.passes && !hits.is_empty() {
                        problems.push(format!(
                            "{} example {i} should pass but got: {}",
                            rule.id,
                            hits.iter()
                                .map(|d| d.message.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        ));
                    } else if !ex.passes && hits.is_empty() {
                        problems.push(format!(
                            "{} example {i} should fail but the rule stayed silent",
                            rule.id
                        ));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "rule examples misbehave:\n  {}",
        problems.join("\n  ")
    );
}

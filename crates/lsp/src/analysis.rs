//! One lint of one editor document through the engine's pipeline
//! ([`Engine::lint_source`]), and where its offsets stand in the editor's
//! text. What the server derives from it is in [`crate::diagnostics`],
//! [`crate::code_action`] and [`crate::hover`].

use crate::text::{Encoding, Text};
use nblint_engine::{
    Config, Engine, FileSettings, Lang, ParsedFile, PositionMap, RuleSetting, Source,
};
use nblint_model::{Diagnostic, Document, Span};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

/// What the editor's settings (`workspace/didChangeConfiguration`,
/// section `nblint`) change on top of `nblint.toml`:
///
/// ```json
/// { "nblint": { "lang": "en", "rules": { "arithmetic/percent": "off", "duplicates": "info" } } }
/// ```
///
/// `lang` replaces the configuration's language; each `rules` entry (a
/// rule id or a plugin name → `off`/`info`/`warning`/`error`) replaces the
/// configuration's setting for it. Unknown keys are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSettings {
    pub lang: Option<Lang>,
    pub rules: BTreeMap<String, RuleSetting>,
}

impl ClientSettings {
    /// Reads the settings object (with or without the `nblint` wrapper).
    /// Invalid values are skipped.
    pub fn from_json(v: &serde_json::Value) -> ClientSettings {
        #[derive(Deserialize, Default)]
        struct Raw {
            #[serde(default)]
            lang: Option<String>,
            #[serde(default)]
            rules: BTreeMap<String, serde_json::Value>,
        }
        let inner = v.get("nblint").unwrap_or(v);
        let raw: Raw = serde_json::from_value(inner.clone()).unwrap_or_default();
        ClientSettings {
            lang: raw.lang.as_deref().and_then(Lang::parse),
            rules: raw
                .rules
                .into_iter()
                .filter_map(|(k, v)| {
                    let s = match &v {
                        serde_json::Value::String(s) => RuleSetting::parse(s)?,
                        serde_json::Value::Bool(false) => RuleSetting::Off,
                        _ => return None,
                    };
                    Some((k, s))
                })
                .collect(),
        }
    }

    fn apply(&self, s: &mut FileSettings) {
        if let Some(l) = self.lang {
            s.lang = l;
        }
        for (k, v) in &self.rules {
            s.settings.rules.insert(k.clone(), *v);
        }
    }
}

/// The result of linting one version of a document.
#[derive(Debug)]
pub struct Analysis {
    /// The document generation (one per change) this is for.
    pub generation: u64,
    pub version: i32,
    /// The editor's text that was linted.
    pub text: Text,
    /// Length of a UTF-8 BOM at the start of the text (the parser drops it).
    pub(crate) bom: u32,
    pub parsed: Option<ParsedFile>,
    positions: Option<PositionMap>,
    pub diagnostics: Vec<Diagnostic>,
    pub lang: Lang,
    /// The configuration in force (for rule explanations).
    pub config: Option<Arc<Config>>,
    /// Why the document could not be linted (configuration, decoding).
    pub error: Option<String>,
    /// Plugin failures, to log.
    pub warnings: Vec<String>,
}

/// Lints `text` as `nblint check` would lint the file at `path`;
/// `related` gives the other reports of the same agency.
pub fn analyze(
    engine: &Engine,
    path: Option<&Path>,
    text: Text,
    version: i32,
    generation: u64,
    client: &ClientSettings,
    related: &mut dyn FnMut(&Document) -> Vec<Arc<ParsedFile>>,
) -> Analysis {
    let bom = if text.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let source = Source {
        path,
        bytes: &text.text.as_bytes()[bom as usize..],
    };
    let (outcome, warnings) = engine.lint_source(source, &|s| client.apply(s), related);
    let lang = match outcome.config {
        Some(_) => outcome.lang,
        None => client.lang.unwrap_or(outcome.lang),
    };
    Analysis {
        generation,
        version,
        text,
        bom,
        parsed: outcome.parsed,
        positions: outcome.positions,
        diagnostics: outcome.diagnostics,
        lang,
        config: outcome.config,
        error: outcome.error.map(|e| e.to_string()),
        warnings: warnings.iter().map(ToString::to_string).collect(),
    }
}

impl Analysis {
    /// The offset in the editor's text of an offset of the document's text.
    pub fn editor_offset(&self, offset: u32) -> u32 {
        let o = match &self.positions {
            Some(p) => p.source_offset(offset),
            None => offset,
        };
        (o + self.bom).min(self.text.text.len() as u32)
    }

    pub fn range(&self, span: Span, enc: Encoding) -> lsp::Range {
        let a = self.editor_offset(span.start);
        let b = self.editor_offset(span.end.max(span.start));
        self.text.range(a, b.max(a), enc)
    }

    pub(crate) fn is_markup(&self) -> bool {
        self.positions.as_ref().is_some_and(PositionMap::is_mapped)
    }

    /// The engine diagnostics whose range meets `range`.
    pub(crate) fn diagnostics_at(
        &self,
        range: lsp::Range,
        enc: Encoding,
    ) -> Vec<(&Diagnostic, lsp::Range)> {
        let (a, b) = self.text.offsets(range, enc);
        self.diagnostics
            .iter()
            .filter_map(|d| {
                let s = self.editor_offset(d.span.start);
                let e = self.editor_offset(d.span.end.max(d.span.start));
                (s <= b && a <= e).then(|| (d, self.range(d.span, enc)))
            })
            .collect()
    }

    /// The editor span of the table holding a document offset.
    pub(crate) fn table_around(&self, offset: u32) -> Option<(u32, u32)> {
        let parsed = self.parsed.as_ref()?;
        let t = parsed
            .doc
            .tables
            .iter()
            .find(|t| t.span.start <= offset && offset < t.span.end)?;
        Some((
            self.editor_offset(t.span.start),
            self.editor_offset(t.span.end),
        ))
    }
}

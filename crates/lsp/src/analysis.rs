//! One lint of one editor document, through the engine's own path
//! (`config_for` → `settings_for` → `parse_bytes` → `lint_document`), and
//! what the server derives from it: LSP diagnostics, code actions, hovers.

use crate::text::{Encoding, Text};
use nblint_engine::{
    lint_document, Config, Engine, FileSettings, Lang, PositionMap, RuleSetting, RunError,
};
use nblint_model::schema::{self, applications as app, review};
use nblint_model::{Diagnostic, DocumentView, Severity, Span, TableKind};
use nblint_parse::{ParseOptions, ParsedFile};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
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
    bom: u32,
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

/// Parses and lints `text` as the file at `path` would be by `nblint
/// check`; `related` gives the other reports of the same agency.
pub fn analyze(
    engine: &Engine,
    path: Option<&Path>,
    text: Text,
    version: i32,
    generation: u64,
    client: &ClientSettings,
    related: &dyn Fn(&nblint_model::Document) -> Vec<Arc<ParsedFile>>,
) -> Analysis {
    let bom = if text.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let mut out = Analysis {
        generation,
        version,
        text,
        bom,
        parsed: None,
        positions: None,
        diagnostics: Vec::new(),
        lang: client.lang.unwrap_or_default(),
        config: None,
        error: None,
        warnings: Vec::new(),
    };
    let config = match engine.config_for(path) {
        Ok(c) => c,
        Err(e) => {
            out.error = Some(RunError::from(e).to_string());
            return out;
        }
    };
    let (plugins, errors) = engine.plugins_for(&config);
    out.warnings.extend(
        errors
            .iter()
            .chain(engine.setup_errors())
            .map(|e| e.to_string()),
    );
    let mut settings = engine.settings_for(&config, path);
    client.apply(&mut settings);
    out.lang = settings.lang;
    out.config = Some(config.clone());
    let opts = ParseOptions {
        file_name: None,
        year: settings.year,
        agency: settings.agency.clone(),
    };
    let source = &out.text.text[bom as usize..];
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        nblint_parse::parse_bytes(path, source.as_bytes(), &opts)
    }));
    let parsed = match parsed {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            out.error = Some(e.to_string());
            return out;
        }
        Err(_) => {
            out.error = Some("internal error: the parser panicked on this document".into());
            return out;
        }
    };
    let positions = PositionMap::for_source(&parsed, parsed.source.as_deref().unwrap_or(source));
    let related = related(&parsed.doc);
    let views: Vec<DocumentView> = related.iter().map(|p| p.doc.view()).collect();
    let diags = catch_unwind(AssertUnwindSafe(|| {
        lint_document(
            &parsed.doc,
            &views,
            &settings,
            &plugins,
            &config.declarative,
        )
    }));
    match diags {
        Ok(d) => out.diagnostics = d,
        Err(_) => out.error = Some("internal error: linting panicked on this document".into()),
    }
    out.positions = Some(positions);
    out.parsed = Some(parsed);
    out
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// `nblint.explain`: the command of the "explain rule" code action.
pub const EXPLAIN_COMMAND: &str = "nblint.explain";

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

    fn is_markup(&self) -> bool {
        self.positions.as_ref().is_some_and(PositionMap::is_mapped)
    }

    /// The diagnostics to publish.
    pub fn lsp_diagnostics(&self, uri: &lsp::Uri, enc: Encoding) -> Vec<lsp::Diagnostic> {
        if let Some(e) = &self.error {
            return vec![lsp::Diagnostic {
                range: lsp::Range::default(),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String("nblint/error".into())),
                source: Some("nblint".into()),
                message: e.clone(),
                ..Default::default()
            }];
        }
        self.diagnostics
            .iter()
            .map(|d| self.lsp_diagnostic(uri, d, enc))
            .collect()
    }

    fn lsp_diagnostic(&self, uri: &lsp::Uri, d: &Diagnostic, enc: Encoding) -> lsp::Diagnostic {
        let mut message = d.message.clone();
        if !d.help.is_empty() {
            message.push_str(match self.lang {
                Lang::Zh => "\n建议：",
                Lang::En => "\nhelp: ",
            });
            message.push_str(&d.help);
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .related
            .iter()
            .map(|r| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), self.range(r.span, enc)),
                message: r.message.clone(),
            })
            .collect();
        lsp::Diagnostic {
            range: self.range(d.span, enc),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.rule.clone())),
            code_description: None,
            source: Some("nblint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: Some(serde_json::json!({
                "rule": d.rule,
                "message": d.message,
                "help": d.help,
                "hasFix": d.fix.is_some(),
            })),
        }
    }

    /// The engine diagnostics whose range meets `range`.
    fn diagnostics_at(&self, range: lsp::Range, enc: Encoding) -> Vec<(&Diagnostic, lsp::Range)> {
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

    /// Code actions for the diagnostics in `range`: the rule's fix, disable
    /// for this line, disable for this file, explain.
    pub fn code_actions(
        &self,
        uri: &lsp::Uri,
        range: lsp::Range,
        enc: Encoding,
        only: Option<&[lsp::CodeActionKind]>,
    ) -> Vec<lsp::CodeActionOrCommand> {
        let wants = |k: &lsp::CodeActionKind| {
            only.is_none_or(|o| {
                o.iter().any(|w| {
                    k.as_str() == w.as_str() || k.as_str().starts_with(&format!("{}.", w.as_str()))
                })
            })
        };
        let zh = self.lang == Lang::Zh;
        let mut out = Vec::new();
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..Default::default()
        };
        let mut seen_rules: Vec<&str> = Vec::new();
        for (d, drange) in self.diagnostics_at(range, enc) {
            let lsp_diag = self.lsp_diagnostic(uri, d, enc);
            if let Some(fix) = &d.fix {
                if wants(&lsp::CodeActionKind::QUICKFIX) && !fix.edits.is_empty() {
                    let edits = fix
                        .edits
                        .iter()
                        .map(|e| lsp::TextEdit::new(self.range(e.span, enc), e.replacement.clone()))
                        .collect();
                    out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: fix.message.clone(),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        edit: Some(edit(edits)),
                        is_preferred: Some(fix.safe),
                        ..Default::default()
                    }));
                }
            }
            if d.rule.starts_with("nblint/") || seen_rules.contains(&d.rule.as_str()) {
                continue;
            }
            seen_rules.push(&d.rule);
            if !wants(&lsp::CodeActionKind::QUICKFIX) {
                continue;
            }
            let eol = self.text.eol();
            let marker = |kind: &str| {
                if self.is_markup() {
                    format!("<!-- nblint-{kind} {} -->{eol}", d.rule)
                } else {
                    format!("nblint-{kind} {}{eol}", d.rule)
                }
            };
            // Above the line of the diagnostic; in a table, around the
            // table (a marker line between its rows would split it).
            let (title, edits) = match self.table_around(d.span.start) {
                None => {
                    let line_start = self.text.line_start_of(self.editor_offset(d.span.start));
                    let at = self.text.position(line_start, enc);
                    let title = if zh {
                        format!("在这一行停用 {}", d.rule)
                    } else {
                        format!("Disable {} for this line", d.rule)
                    };
                    let edits = vec![lsp::TextEdit::new(
                        lsp::Range::new(at, at),
                        marker("disable-next-line"),
                    )];
                    (title, edits)
                }
                Some((start, end)) => {
                    let at = self.text.position(self.text.line_start_of(start), enc);
                    let after = match self.text.next_line_start(end.saturating_sub(1).max(start)) {
                        Some(o) => (self.text.position(o, enc), marker("enable")),
                        None => (
                            self.text.position(self.text.text.len() as u32, enc),
                            format!("{eol}{}", marker("enable").trim_end()),
                        ),
                    };
                    let title = if zh {
                        format!("在这张表中停用 {}", d.rule)
                    } else {
                        format!("Disable {} for this table", d.rule)
                    };
                    let edits = vec![
                        lsp::TextEdit::new(lsp::Range::new(at, at), marker("disable")),
                        lsp::TextEdit::new(lsp::Range::new(after.0, after.0), after.1),
                    ];
                    (title, edits)
                }
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(edit(edits)),
                ..Default::default()
            }));
            let top = self.text.position(self.bom, enc);
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: if zh {
                    format!("在整个文件中停用 {}", d.rule)
                } else {
                    format!("Disable {} for this file", d.rule)
                },
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(edit(vec![lsp::TextEdit::new(
                    lsp::Range::new(top, top),
                    marker("disable"),
                )])),
                ..Default::default()
            }));
            let title = if zh {
                format!("解释规则 {}", d.rule)
            } else {
                format!("Explain rule {}", d.rule)
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: title.clone(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag]),
                command: Some(lsp::Command::new(
                    title,
                    EXPLAIN_COMMAND.into(),
                    Some(vec![serde_json::Value::String(d.rule.clone())]),
                )),
                ..Default::default()
            }));
            let _ = drange;
        }
        out
    }

    /// The editor span of the table holding a document offset.
    fn table_around(&self, offset: u32) -> Option<(u32, u32)> {
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

    /// Hover: the explanation of the rules reported at the position and, on
    /// a total cell, its computation.
    pub fn hover(&self, engine: &Engine, pos: lsp::Position, enc: Encoding) -> Option<lsp::Hover> {
        let at = self.text.offset(pos, enc);
        let mut parts: Vec<String> = Vec::new();
        let mut range: Option<lsp::Range> = None;
        if let Some((text, r)) = self.total_at(at, enc) {
            parts.push(text);
            range = Some(r);
        }
        let mut rules: Vec<&str> = Vec::new();
        for (d, r) in self.diagnostics_at(lsp::Range::new(pos, pos), enc) {
            if !rules.contains(&d.rule.as_str()) {
                rules.push(&d.rule);
                range.get_or_insert(r);
            }
        }
        for rule in rules {
            if let Some(e) = explain(engine, self.config.as_deref(), rule, self.lang) {
                parts.push(e);
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    /// The computation of the total cell at an editor offset.
    fn total_at(&self, at: u32, enc: Encoding) -> Option<(String, lsp::Range)> {
        let parsed = self.parsed.as_ref()?;
        let view = parsed.doc.view();
        for t in view.tables {
            if t.kind != TableKind::APPLICATIONS && t.kind != TableKind::REVIEW {
                continue;
            }
            let (ts, te) = (
                self.editor_offset(t.span.start),
                self.editor_offset(t.span.end),
            );
            if at < ts || at > te {
                continue;
            }
            for row in view.table_rows(t) {
                for cell in view.row_cells(row) {
                    let s = self.editor_offset(cell.span.start);
                    let e = self.editor_offset(cell.span.end);
                    if at < s || at > e {
                        continue;
                    }
                    let sums = total_sums(&view, t, cell.row_key, cell.col_key, self.lang);
                    if sums.is_empty() {
                        return None;
                    }
                    return Some((sums.join("\n\n"), self.range(cell.span, enc)));
                }
            }
        }
        None
    }
}

fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The sums a total cell is: `3 + 1 + 1 + 8 = 13` with the labels of the
/// parts, one per identity the cell closes (row and column).
fn total_sums(
    view: &DocumentView<'_>,
    t: &nblint_model::Table,
    row: u16,
    col: u16,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut sum = |label: String, parts: Vec<(String, Option<f64>)>, total: Option<f64>| {
        if parts.is_empty() {
            return;
        }
        let shown: Vec<&(String, Option<f64>)> = if parts.len() > 6 {
            parts.iter().filter(|(_, v)| *v != Some(0.0)).collect()
        } else {
            parts.iter().collect()
        };
        let expr: Vec<String> = shown
            .iter()
            .map(|(_, v)| v.map_or("?".to_string(), fmt_num))
            .collect();
        let expr = if expr.is_empty() {
            "0".to_string()
        } else {
            expr.join(" + ")
        };
        let values: Option<Vec<f64>> = parts.iter().map(|(_, v)| *v).collect();
        let mut s = format!("**{label}**\n\n`");
        match &values {
            Some(v) => {
                let total_sum: f64 = v.iter().sum();
                s.push_str(&format!("{expr} = {}`", fmt_num(total_sum)));
                if let Some(tv) = total {
                    if (tv - total_sum).abs() > 1e-6 {
                        s.push_str(&match lang {
                            Lang::Zh => format!("（表中为 {}）", fmt_num(tv)),
                            Lang::En => format!(" (the table says {})", fmt_num(tv)),
                        });
                    }
                }
            }
            None => {
                s.push_str(&format!("{expr}`"));
                s.push_str(match lang {
                    Lang::Zh => "（有的单元格不是数字，无法计算）",
                    Lang::En => " (some cells are not numbers; cannot compute)",
                });
            }
        }
        s.push('\n');
        for (l, v) in &shown {
            s.push_str(&format!("\n- {l}: {}", v.map_or("?".to_string(), fmt_num)));
        }
        out.push(s);
    };
    let value = |r: u16, c: u16| view.find_cell(t, r, c).and_then(|c| c.number());
    let total = value(row, col);
    let label = |r: u16, c: u16| schema::cell_label(t.kind, r, c);
    if t.kind == TableKind::APPLICATIONS {
        if row == app::ROW_TOTAL {
            let present: Vec<u16> = view
                .table_rows(t)
                .iter()
                .map(|r| r.key)
                .filter(|k| app::is_result_row(*k))
                .collect();
            let split = (1..=3).all(|n| present.contains(&(app::ROW_OTHER_BASE + n)));
            let rows: Vec<u16> = present
                .into_iter()
                .filter(|k| {
                    if split {
                        *k != app::ROW_OTHER
                    } else {
                        !(app::ROW_OTHER_BASE + 1..=app::ROW_OTHER_BASE + 3).contains(k)
                    }
                })
                .collect();
            let parts = rows
                .iter()
                .map(|r| (label(*r, col), value(*r, col)))
                .collect();
            sum(label(row, col), parts, total);
        }
        if col == app::COL_TOTAL {
            let parts = app::COLUMNS
                .iter()
                .filter(|c| **c != app::COL_TOTAL)
                .filter(|c| view.find_cell(t, row, **c).is_some())
                .map(|c| (label(row, *c), value(row, *c)))
                .collect();
            sum(label(row, col), parts, total);
        }
    } else if t.kind == TableKind::REVIEW && (1..=15).contains(&col) {
        let group = (col - 1) / 5;
        if (col - 1) % 5 == review::PART_TOTAL {
            let parts = (0..review::PART_TOTAL)
                .map(|p| review::col(group, p))
                .filter(|c| view.find_cell(t, row, *c).is_some())
                .map(|c| (label(row, c), value(row, c)))
                .collect();
            sum(label(row, col), parts, total);
        }
    }
    out
}

/// A rule's explanation in Markdown: summary, rationale, source.
pub fn explain(engine: &Engine, config: Option<&Config>, rule: &str, lang: Lang) -> Option<String> {
    let default = Config::default();
    let (rules, _) = engine.rules(config.unwrap_or(&default));
    let entry = rules.iter().find(|e| e.rule.id == rule)?;
    let docs = &entry.rule.docs;
    let (l_why, l_source) = match lang {
        Lang::Zh => ("原因", "依据"),
        Lang::En => ("Rationale", "Source"),
    };
    let mut s = format!("**{}** — {}", entry.rule.id, docs.summary(lang));
    if !docs.rationale(lang).is_empty() {
        s.push_str(&format!("\n\n*{l_why}*: {}", docs.rationale(lang)));
    }
    if !docs.source(lang).is_empty() {
        s.push_str(&format!("\n\n*{l_source}*: {}", docs.source(lang)));
    }
    Some(s)
}

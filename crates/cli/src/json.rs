//! `--format json`, version 1 (documented in docs/json-schema.md).

use nblint_engine::{FileOutcome, PositionMap, RunError, RunOutput};
use nblint_model::{Diagnostic, Document, Severity, Span};
use serde::Serialize;
use std::io::Write;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonOutput {
    pub version: u32,
    pub files: Vec<JsonFile>,
    pub summary: JsonSummary,
    /// Failures not tied to one file (configuration, plugins).
    pub errors: Vec<JsonError>,
}

#[derive(Serialize)]
pub struct JsonFile {
    pub path: String,
    pub reports: Vec<JsonReport>,
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Why the file could not be checked; `null` when it was.
    pub error: Option<JsonError>,
}

#[derive(Serialize)]
pub struct JsonReport {
    pub year: Option<u16>,
    pub format: &'static str,
    pub agency: Option<String>,
    pub line: u32,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub byte_start: u32,
    pub byte_end: u32,
    /// For a PDF: the page and the position on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<JsonPage>,
    pub related: Vec<JsonRelated>,
    pub fix: Option<JsonFix>,
    pub help: String,
    /// Where the diagnostic stands in the document (headings, table, row,
    /// a short quote), given when its line in the file is too long for the
    /// line and column to guide a reader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

#[derive(Serialize)]
pub struct JsonRelated {
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub byte_start: u32,
    pub byte_end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<JsonPage>,
}

/// Where a span starts on a page of a PDF: the page number from 1, and
/// points from the page's top-left corner (y is the text's baseline).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonPage {
    pub page: u32,
    pub x: u32,
    pub y: u32,
}

impl From<nblint_engine::PageLocation> for JsonPage {
    fn from(p: nblint_engine::PageLocation) -> JsonPage {
        JsonPage {
            page: p.page,
            x: p.x,
            y: p.y,
        }
    }
}

#[derive(Serialize)]
pub struct JsonFix {
    pub message: String,
    pub safe: bool,
    pub edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
pub struct JsonEdit {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub byte_start: u32,
    pub byte_end: u32,
    pub replacement: String,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be checked plus other failures.
    pub failures: usize,
}

#[derive(Serialize, PartialEq)]
pub struct JsonError {
    pub path: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&RunError> for JsonError {
    fn from(e: &RunError) -> JsonError {
        JsonError {
            path: e.path().map(|p| p.display().to_string()),
            message: e.message(),
            hint: e.hint(),
        }
    }
}

/// Positions of spans in one file.
pub struct Locator<'a> {
    text: &'a str,
    doc: &'a Document,
    positions: PositionMap,
    pages: Option<&'a nblint_engine::PageMap>,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a FileOutcome, doc: &'a Document) -> Locator<'a> {
        let positions = file
            .positions
            .clone()
            .unwrap_or_else(|| PositionMap::for_text(&doc.text));
        Locator {
            text: &doc.text,
            doc,
            positions,
            pages: file
                .parsed
                .as_ref()
                .and_then(|p| p.source_map.pages.as_deref()),
        }
    }

    /// The document context of an offset on a line too long to read by
    /// its column; `None` otherwise.
    pub fn context(&self, offset: u32) -> Option<String> {
        self.positions
            .on_long_line(offset)
            .then(|| self.doc.view().context(offset))
    }

    /// The page of a span's start, for a PDF.
    pub fn page(&self, s: Span) -> Option<JsonPage> {
        self.pages?.locate(s.start).map(JsonPage::from)
    }

    /// (line, column, end_line, end_column, byte_start, byte_end); bytes
    /// are offsets in the decoded file (the HTML source for HTML).
    pub fn span(&self, s: Span) -> (u32, u32, u32, u32, u32, u32) {
        let a = self.positions.position(self.text, s.start);
        let b = self.positions.position(self.text, s.end.max(s.start));
        let bs = self.positions.source_offset(s.start);
        let be = self.positions.source_offset(s.end.max(s.start));
        (a.line, a.column, b.line, b.column, bs, be)
    }
}

pub fn diagnostic(loc: &Locator, d: &Diagnostic) -> JsonDiagnostic {
    let (line, column, end_line, end_column, byte_start, byte_end) = loc.span(d.span);
    JsonDiagnostic {
        context: loc.context(d.span.start),
        rule: d.rule.clone(),
        severity: d.severity,
        message: d.message.clone(),
        line,
        column,
        end_line,
        end_column,
        byte_start,
        byte_end,
        page: loc.page(d.span),
        related: d
            .related
            .iter()
            .map(|r| {
                let (line, column, end_line, end_column, byte_start, byte_end) = loc.span(r.span);
                JsonRelated {
                    message: r.message.clone(),
                    line,
                    column,
                    end_line,
                    end_column,
                    byte_start,
                    byte_end,
                    page: loc.page(r.span),
                }
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: f.message.clone(),
            safe: f.safe,
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let (line, column, end_line, end_column, byte_start, byte_end) =
                        loc.span(e.span);
                    JsonEdit {
                        line,
                        column,
                        end_line,
                        end_column,
                        byte_start,
                        byte_end,
                        replacement: e.replacement.clone(),
                    }
                })
                .collect(),
        }),
        help: d.help.clone(),
    }
}

pub fn build(output: &RunOutput) -> JsonOutput {
    let mut files = Vec::new();
    for f in &output.files {
        let mut jf = JsonFile {
            path: f.name.clone(),
            reports: Vec::new(),
            diagnostics: Vec::new(),
            error: f.error.as_ref().map(JsonError::from),
        };
        if let Some(parsed) = &f.parsed {
            let doc = &parsed.doc;
            let loc = Locator::new(f, doc);
            let view = doc.view();
            for r in &doc.reports {
                let agency = view.agency(r);
                jf.reports.push(JsonReport {
                    year: (r.year != 0).then_some(r.year),
                    format: r.format.name(),
                    agency: (!agency.is_empty()).then(|| agency.to_string()),
                    line: loc.span(r.span).0,
                });
            }
            jf.diagnostics = f.diagnostics.iter().map(|d| diagnostic(&loc, d)).collect();
        }
        files.push(jf);
    }
    let errors: Vec<JsonError> = output.errors.iter().map(JsonError::from).collect();
    let failures = errors.len() + files.iter().filter(|f| f.error.is_some()).count();
    JsonOutput {
        version: VERSION,
        summary: JsonSummary {
            files: files.len(),
            errors: output.count(Severity::Error),
            warnings: output.count(Severity::Warning),
            infos: output.count(Severity::Info),
            failures,
        },
        files,
        errors,
    }
}

/// The JSON report and a line break.
pub fn write(out: &mut dyn Write, output: &RunOutput) {
    if serde_json::to_writer(&mut *out, &build(output)).is_ok() {
        let _ = writeln!(out);
    }
}

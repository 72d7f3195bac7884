//! `nblint parse FILE`: what the parser reads, for users and tests.

use crate::{print_error, ParseArgs, ParseFormat, EXIT_CLEAN, EXIT_FAILURE};
use nblint_engine::{Engine, EngineOptions, InputKind, ParsedFile, PositionMap, RunError, Source};
use nblint_model::{schema, Document, DocumentView, Span};
use serde::Serialize;
use std::io::{Read, Write};

pub fn run(args: ParseArgs) -> u8 {
    let stdin = args.file.as_os_str() == "-";
    let path = (!stdin).then_some(args.file.as_path());
    let engine = Engine::with_plugins(
        EngineOptions {
            config: args.config.clone(),
            ..Default::default()
        },
        Vec::new(),
    );
    if let Some(e) = engine.setup_errors().first() {
        print_error(e);
        return EXIT_FAILURE;
    }
    let bytes = if stdin {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            print_error(&RunError::new(
                None,
                format!("cannot read standard input: {e}"),
                None,
            ));
            return EXIT_FAILURE;
        }
        b
    } else {
        match std::fs::read(&args.file) {
            Ok(b) => b,
            Err(e) => {
                let msg = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file".to_string()
                } else {
                    format!("cannot read the file: {e}")
                };
                print_error(&RunError::new(
                    Some(&args.file),
                    msg,
                    Some("give the path of a report (.txt, .md, .html, .docx, .pdf)".into()),
                ));
                return EXIT_FAILURE;
            }
        }
    };
    let source = Source {
        path,
        bytes: &bytes,
    };
    let parsed = match engine.parse_source(source) {
        Ok(p) => p,
        Err(e) => {
            print_error(&e);
            return EXIT_FAILURE;
        }
    };
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let positions = PositionMap::for_file(&parsed);
    let model = ParseOutput::build(&name, &parsed, &positions);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = match args.format {
        ParseFormat::Json => serde_json::to_writer_pretty(&mut out, &model)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        ParseFormat::Text => out.write_all(model.text().as_bytes()),
    };
    EXIT_CLEAN
}

pub fn kind_name(k: InputKind) -> &'static str {
    match k {
        InputKind::Text => "text",
        InputKind::Markdown => "markdown",
        InputKind::Html => "html",
        InputKind::Docx => "docx",
        InputKind::Pdf => "pdf",
    }
}

/// What `nblint parse` prints. Positions are 1-based line:column in the
/// document's text (for HTML and DOCX: the extracted text; `file_line` is
/// the line in the file when it differs).
#[derive(Serialize)]
pub struct ParseOutput {
    pub path: String,
    pub encoding: &'static str,
    pub kind: &'static str,
    pub text_bytes: usize,
    pub lines: usize,
    pub reports: Vec<PReport>,
    /// Sections, tables and figures the parser found outside any report.
    pub outside_reports: POutside,
    pub regions: Vec<PRegion>,
    pub issues: Vec<PIssue>,
}

#[derive(Serialize, Default)]
pub struct POutside {
    pub sections: Vec<PSection>,
    pub tables: Vec<PTable>,
    pub figures: Vec<PFigure>,
}

#[derive(Serialize)]
pub struct PPos {
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_line: Option<u32>,
    /// For a PDF: the page (from 1) where this starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Serialize)]
pub struct PReport {
    pub at: PPos,
    pub end_line: u32,
    pub title: String,
    pub year: Option<u16>,
    pub year_source: &'static str,
    pub format: &'static str,
    pub format_source: &'static str,
    pub agency: String,
    pub agency_source: &'static str,
    pub paragraphs: u32,
    pub sections: Vec<PSection>,
    pub tables: Vec<PTable>,
    pub figures: Vec<PFigure>,
}

#[derive(Serialize)]
pub struct PSection {
    pub at: PPos,
    pub level: u8,
    pub number: u16,
    pub kind: &'static str,
    pub title_match: &'static str,
    pub heading: String,
    pub title: String,
    /// Index of the enclosing section in the document, `null` at top level.
    pub parent: Option<u32>,
}

#[derive(Serialize)]
pub struct PTable {
    pub at: PPos,
    pub kind: &'static str,
    pub format: &'static str,
    pub confidence: &'static str,
    pub label: String,
    pub rows: Vec<PRow>,
}

#[derive(Serialize)]
pub struct PRow {
    pub at: PPos,
    pub key: u16,
    pub label: String,
    pub cells: Vec<PCell>,
}

#[derive(Serialize)]
pub struct PCell {
    pub at: PPos,
    /// "（七）总计·自然人".
    pub label: String,
    pub row_key: u16,
    pub col_key: u16,
    pub state: &'static str,
    pub value: Option<f64>,
    pub text: String,
}

#[derive(Serialize)]
pub struct PFigure {
    pub at: PPos,
    pub value: f64,
    pub text: String,
    pub unit: String,
    pub cues: Vec<&'static str>,
    pub decimals: u8,
}

#[derive(Serialize)]
pub struct PRegion {
    pub at: PPos,
    pub end_line: u32,
    pub description: String,
}

#[derive(Serialize)]
pub struct PIssue {
    pub at: PPos,
    pub message: String,
    pub message_en: String,
    pub text: String,
}

struct Ctx<'a> {
    view: DocumentView<'a>,
    positions: &'a PositionMap,
    pages: Option<&'a nblint_engine::PageMap>,
}

impl Ctx<'_> {
    fn pos(&self, offset: u32) -> PPos {
        let p = self.positions.text_position(self.view.text, offset);
        let file_line = self
            .positions
            .is_mapped()
            .then(|| self.positions.position(self.view.text, offset).line);
        PPos {
            line: p.line,
            column: p.column,
            file_line,
            page: self.pages.and_then(|m| m.locate(offset)).map(|l| l.page),
        }
    }
    fn end_line(&self, span: Span) -> u32 {
        let end = if span.end > span.start {
            span.end - 1
        } else {
            span.end
        };
        self.positions.text_position(self.view.text, end).line
    }
    fn s(&self, span: Span) -> String {
        self.view.slice(span).to_string()
    }
    fn section(&self, doc: &Document, i: usize) -> PSection {
        let s = &doc.sections[i];
        PSection {
            at: self.pos(s.heading.start),
            level: s.level,
            number: s.number,
            kind: s.kind.name(),
            title_match: s.title_match.name(),
            heading: self.s(s.heading),
            title: self.s(s.title),
            parent: (s.parent != u32::MAX).then_some(s.parent),
        }
    }
    fn table(&self, doc: &Document, i: usize) -> PTable {
        let t = &doc.tables[i];
        let rows = self
            .view
            .table_rows(t)
            .iter()
            .map(|r| PRow {
                at: self.pos(r.span.start),
                key: r.key,
                label: self.s(r.label),
                cells: self
                    .view
                    .row_cells(r)
                    .iter()
                    .map(|c| PCell {
                        at: self.pos(c.span.start),
                        label: schema::cell_label(t.kind, c.row_key, c.col_key),
                        row_key: c.row_key,
                        col_key: c.col_key,
                        state: c.state.name(),
                        value: c.number(),
                        text: self.s(c.span),
                    })
                    .collect(),
            })
            .collect();
        PTable {
            at: self.pos(t.span.start),
            kind: t.kind.name(),
            format: t.format.name(),
            confidence: t.confidence.name(),
            label: self.s(t.label),
            rows,
        }
    }
    fn figure(&self, doc: &Document, i: usize) -> PFigure {
        let f = &doc.figures[i];
        PFigure {
            at: self.pos(f.span.start),
            value: f.value,
            text: self.s(f.span),
            unit: self.s(f.unit),
            cues: f.cues.names(),
            decimals: f.decimals,
        }
    }
}

impl ParseOutput {
    pub fn build(name: &str, parsed: &ParsedFile, positions: &PositionMap) -> ParseOutput {
        let doc = &parsed.doc;
        let ctx = Ctx {
            view: doc.view(),
            positions,
            pages: parsed.source_map.pages.as_deref(),
        };
        let mut in_report = (
            vec![false; doc.sections.len()],
            vec![false; doc.tables.len()],
            vec![false; doc.figures.len()],
        );
        let mut reports = Vec::new();
        for r in &doc.reports {
            let secs: Vec<usize> = r
                .sections
                .range()
                .filter(|&i| i < doc.sections.len())
                .collect();
            let tabs: Vec<usize> = r.tables.range().filter(|&i| i < doc.tables.len()).collect();
            let figs: Vec<usize> = r
                .figures
                .range()
                .filter(|&i| i < doc.figures.len())
                .collect();
            secs.iter().for_each(|&i| in_report.0[i] = true);
            tabs.iter().for_each(|&i| in_report.1[i] = true);
            figs.iter().for_each(|&i| in_report.2[i] = true);
            reports.push(PReport {
                at: ctx.pos(r.span.start),
                end_line: ctx.end_line(r.span),
                title: ctx.s(r.title),
                year: (r.year != 0).then_some(r.year),
                year_source: r.year_source.name(),
                format: r.format.name(),
                format_source: r.format_source.name(),
                agency: ctx.view.agency(r).to_string(),
                agency_source: r.agency_source.name(),
                paragraphs: r.paragraphs.len,
                sections: secs.iter().map(|&i| ctx.section(doc, i)).collect(),
                tables: tabs.iter().map(|&i| ctx.table(doc, i)).collect(),
                figures: figs.iter().map(|&i| ctx.figure(doc, i)).collect(),
            });
        }
        let outside_reports = POutside {
            sections: (0..doc.sections.len())
                .filter(|&i| !in_report.0[i])
                .map(|i| ctx.section(doc, i))
                .collect(),
            tables: (0..doc.tables.len())
                .filter(|&i| !in_report.1[i])
                .map(|i| ctx.table(doc, i))
                .collect(),
            figures: (0..doc.figures.len())
                .filter(|&i| !in_report.2[i])
                .map(|i| ctx.figure(doc, i))
                .collect(),
        };
        ParseOutput {
            path: name.to_string(),
            encoding: parsed.encoding,
            kind: kind_name(parsed.kind),
            text_bytes: doc.text.len(),
            lines: nblint_model::LineIndex::new(&doc.text).line_count(),
            reports,
            outside_reports,
            regions: doc
                .regions
                .iter()
                .map(|g| PRegion {
                    at: ctx.pos(g.span.start),
                    end_line: ctx.end_line(g.span),
                    description: g.description.clone(),
                })
                .collect(),
            issues: doc
                .issues
                .iter()
                .map(|i| PIssue {
                    at: ctx.pos(i.span.start),
                    message: i.message_zh.clone(),
                    message_en: i.message_en.clone(),
                    text: clip(ctx.view.slice(i.span), 80),
                })
                .collect(),
        }
    }

    /// The plain-text rendering.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let w = &mut s;
        use std::fmt::Write as _;
        let _ = writeln!(
            w,
            "{}: {} {}, {} bytes, {} lines, {} report(s)",
            self.path,
            self.encoding,
            self.kind,
            self.text_bytes,
            self.lines,
            self.reports.len()
        );
        for (n, r) in self.reports.iter().enumerate() {
            let _ = writeln!(
                w,
                "\nreport {} at {} (to line {}): {}",
                n + 1,
                pos(&r.at),
                r.end_line,
                if r.title.is_empty() {
                    "(no title)"
                } else {
                    &r.title
                }
            );
            let year = r.year.map_or("unknown".to_string(), |y| y.to_string());
            let agency = if r.agency.is_empty() {
                "unknown"
            } else {
                &r.agency
            };
            let _ = writeln!(w, "  year    {year} (from {})", r.year_source);
            let _ = writeln!(w, "  format  {} (from {})", r.format, r.format_source);
            let _ = writeln!(w, "  agency  {agency} (from {})", r.agency_source);
            write_parts(w, &r.sections, &r.tables, &r.figures);
        }
        let o = &self.outside_reports;
        if !o.sections.is_empty() || !o.tables.is_empty() || !o.figures.is_empty() {
            let _ = writeln!(w, "\noutside any report:");
            write_parts(w, &o.sections, &o.tables, &o.figures);
        }
        if !self.regions.is_empty() {
            let _ = writeln!(w, "\nregions that are not reports:");
            for g in &self.regions {
                let _ = writeln!(w, "  {}–{}  {}", pos(&g.at), g.end_line, g.description);
            }
        }
        if !self.issues.is_empty() {
            let _ = writeln!(w, "\nparse issues:");
            for i in &self.issues {
                let _ = writeln!(w, "  {}  {}", pos(&i.at), i.message);
            }
        }
        s
    }
}

fn pos(p: &PPos) -> String {
    match (p.file_line, p.page) {
        (_, Some(page)) => format!("{}:{} (page {page})", p.line, p.column),
        (Some(f), None) => format!("{}:{} (file line {f})", p.line, p.column),
        (None, None) => format!("{}:{}", p.line, p.column),
    }
}

fn write_parts(w: &mut String, sections: &[PSection], tables: &[PTable], figures: &[PFigure]) {
    use std::fmt::Write as _;
    if !sections.is_empty() {
        let _ = writeln!(w, "  sections:");
        for s in sections {
            let indent = "  ".repeat(s.level.saturating_sub(1) as usize);
            let _ = writeln!(
                w,
                "    {:<8} {indent}{}  [level {}, no. {}, {}, title {}]",
                pos(&s.at),
                s.heading,
                s.level,
                s.number,
                s.kind,
                s.title_match
            );
        }
    }
    if !tables.is_empty() {
        let _ = writeln!(w, "  tables:");
        for t in tables {
            let _ = writeln!(
                w,
                "    {:<8} {} (format {}, confidence {}) {}",
                pos(&t.at),
                t.kind,
                t.format,
                t.confidence,
                clip(t.label.trim(), 40)
            );
            for r in &t.rows {
                for c in &r.cells {
                    let value = match c.value {
                        Some(v) => format_number(v),
                        None => format!("{} {:?}", c.state, c.text),
                    };
                    let _ = writeln!(w, "      {} = {value}  ({})", c.label, pos(&c.at));
                }
                if r.cells.is_empty() {
                    let _ = writeln!(
                        w,
                        "      row {} {:?}: no cells  ({})",
                        r.key,
                        r.label,
                        pos(&r.at)
                    );
                }
            }
        }
    }
    if !figures.is_empty() {
        let _ = writeln!(w, "  figures:");
        for f in figures {
            let cues = if f.cues.is_empty() {
                String::new()
            } else {
                format!("  [{}]", f.cues.join(", "))
            };
            let _ = writeln!(w, "    {:<8} {}{}{cues}", pos(&f.at), f.text, f.unit);
        }
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

//! The output formats for CI: SARIF 2.1.0 (code scanning), GitHub workflow
//! commands (annotations), JUnit XML and Checkstyle XML
//! (docs/output-formats.md). Each renders the engine's [`RunOutput`] into
//! bytes; `check` writes them to standard output or `-o FILE` and computes
//! the exit code the same way for every format.

pub mod checkstyle;
pub mod github;
pub mod junit;
pub mod sarif;

use nblint_engine::{Engine, FileOutcome, Lang, PositionMap, RunOutput};
use nblint_model::{LineIndex, Severity, Span};
use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// What the CI formats need besides the run's output.
pub struct Context<'a> {
    pub engine: &'a Engine,
    /// The language of the tool's own text (rule descriptions).
    pub lang: Lang,
    /// `--fail-on`: diagnostics at or above it fail the run (exit code 1).
    pub fail_on: Severity,
    /// Paths are written relative to this directory.
    pub cwd: PathBuf,
}

impl<'a> Context<'a> {
    pub fn new(engine: &'a Engine, lang: Lang, fail_on: Severity) -> Context<'a> {
        Context {
            engine,
            lang,
            fail_on,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        }
    }

    /// The exit code `check` returns for this output (before writing it).
    pub fn exit_code(&self, output: &RunOutput) -> u8 {
        if output.failed() {
            crate::EXIT_FAILURE
        } else if output.max_severity().is_some_and(|s| s >= self.fail_on) {
            crate::EXIT_DIAGNOSTICS
        } else {
            crate::EXIT_CLEAN
        }
    }

    /// A file's path as the formats show it: relative to the working
    /// directory when it is inside it, with `/` separators; `<stdin>` for
    /// standard input.
    pub fn display_path(&self, file: &FileOutcome) -> String {
        match &file.path {
            Some(p) => self.path(p),
            None => file.name.clone(),
        }
    }

    /// A path relative to the working directory when it is inside it, with
    /// `/` separators.
    pub fn path(&self, p: &Path) -> String {
        match relative_to(p, &self.cwd) {
            Some(rel) => slash_path(&rel),
            None => slash_path(p),
        }
    }
}

/// `path` relative to `base` when it lies inside it (lexically, or after
/// resolving both), without `.` components.
pub fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let lexical = |p: &Path| -> Option<PathBuf> {
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::Normal(n) => out.push(n),
                // `..`, a root or a prefix: not lexically inside.
                _ => return None,
            }
        }
        Some(out)
    };
    if path.is_relative() {
        if let Some(p) = lexical(path) {
            return Some(p);
        }
    } else if let Ok(rest) = path.strip_prefix(base) {
        return lexical(rest);
    }
    let full = path.canonicalize().ok()?;
    let base = base.canonicalize().ok()?;
    full.strip_prefix(&base).ok().and_then(lexical)
}

fn slash_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// A 1-based range; end columns point just past the last character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// One parsed file: its text and how offsets map to positions in the file
/// the user edits (the HTML source for HTML).
pub struct FileView<'a> {
    /// The document's text (what rules see; spans index it).
    pub text: &'a str,
    positions: Cow<'a, PositionMap>,
    /// The text positions point into: the decoded HTML source, or `text`.
    located: &'a str,
    located_index: LineIndex,
    text_index: LineIndex,
    /// For a PDF: pages and positions of text offsets.
    pub pages: Option<&'a nblint_engine::PageMap>,
}

impl<'a> FileView<'a> {
    /// `None` for a file that could not be read.
    pub fn new(file: &'a FileOutcome) -> Option<FileView<'a>> {
        let parsed = file.parsed.as_ref()?;
        let text = parsed.doc.text.as_str();
        let positions = match &file.positions {
            Some(p) => Cow::Borrowed(p),
            None => Cow::Owned(PositionMap::for_text(text)),
        };
        let located = match (&parsed.source, positions.is_mapped()) {
            (Some(source), true) => source.as_str(),
            _ => text,
        };
        Some(FileView {
            text,
            located_index: LineIndex::new(located),
            text_index: LineIndex::new(text),
            positions,
            located,
            pages: parsed.source_map.pages.as_deref(),
        })
    }

    /// The page and position of a span's start, for a PDF.
    pub fn page(&self, s: Span) -> Option<nblint_engine::PageLocation> {
        self.pages?.locate(self.clamp(s).0)
    }

    fn clamp(&self, s: Span) -> (u32, u32) {
        let len = self.text.len() as u32;
        let start = s.start.min(len);
        (start, s.end.clamp(start, len))
    }

    /// The range of a span, columns in Unicode scalar values (what the
    /// human and JSON formats show).
    pub fn range(&self, s: Span) -> Range {
        let (start, end) = self.clamp(s);
        let a = self.positions.position(self.text, start);
        let b = self.positions.position(self.text, end);
        Range {
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }

    /// The range of a span, columns in UTF-16 code units (SARIF's default
    /// `columnKind`).
    pub fn range_utf16(&self, s: Span) -> Range {
        let (start, end) = self.clamp(s);
        let at = |off: u32| {
            let off = self.positions.source_offset(off);
            self.located_index.line_col_utf16(self.located, off)
        };
        let (a, b) = (at(start), at(end));
        Range {
            line: a.line + 1,
            column: a.col + 1,
            end_line: b.line + 1,
            end_column: b.col + 1,
        }
    }

    /// The text a span covers in the file the user edits (the HTML markup
    /// included for HTML).
    pub fn located_text(&self, s: Span) -> &'a str {
        let (start, end) = self.clamp(s);
        let a = self.positions.source_offset(start) as usize;
        let b = (self.positions.source_offset(end) as usize).max(a);
        let a = floor_boundary(self.located, a);
        let b = floor_boundary(self.located, b);
        &self.located[a..b]
    }

    /// The line of the document's text that holds an offset (without its
    /// line break).
    pub fn text_line(&self, offset: u32) -> &'a str {
        let line = self.text_index.line_of(offset.min(self.text.len() as u32));
        let a = self.text_index.line_start(line) as usize;
        let b = self.text_index.line_end(self.text, line) as usize;
        &self.text[a..b.max(a)]
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Text for XML character data and attribute values: the five markup
/// characters as entities, line breaks and tabs as character references
/// (so attributes keep them), and the characters XML 1.0 forbids even as
/// references (other C0 controls, U+FFFE, U+FFFF) as U+FFFD.
pub fn xml_escape(s: &str) -> Cow<'_, str> {
    let special = |c: char| {
        matches!(
            c,
            '&' | '<' | '>' | '"' | '\'' | '\n' | '\r' | '\t' | '\u{fffe}' | '\u{ffff}'
        ) || (c as u32) < 0x20
    };
    if !s.chars().any(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_covers_markup_breaks_and_forbidden_controls() {
        assert_eq!(xml_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(xml_escape("x\ny\r\tz"), "x&#10;y&#13;&#9;z");
        assert_eq!(xml_escape("\u{1}\u{ffff}"), "\u{fffd}\u{fffd}");
        assert!(matches!(xml_escape("纯文本"), Cow::Borrowed(_)));
    }

    #[test]
    fn relative_paths() {
        let base = Path::new("/work/repo");
        assert_eq!(
            relative_to(Path::new("/work/repo/a/b.txt"), base),
            Some(PathBuf::from("a/b.txt"))
        );
        assert_eq!(
            relative_to(Path::new("./a/./b.txt"), base),
            Some(PathBuf::from("a/b.txt"))
        );
        assert_eq!(relative_to(Path::new("/elsewhere/x.txt"), base), None);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "一、总体情况𠀀x\n第二行";
        let parsed =
            nblint_parse::parse_bytes(None, text.as_bytes(), &Default::default()).expect("parses");
        let file = FileOutcome {
            name: "t.txt".into(),
            path: None,
            lang: Lang::Zh,
            positions: Some(PositionMap::for_file(&parsed)),
            parsed: Some(parsed),
            diagnostics: Vec::new(),
            error: None,
            config: None,
        };
        let view = FileView::new(&file).unwrap();
        let x = text.find('x').unwrap();
        let s = Span::new(x, x + 1);
        // 6 BMP characters, then one outside it (2 UTF-16 units).
        assert_eq!(view.range(s).column, 8);
        let r = view.range_utf16(s);
        assert_eq!((r.line, r.column, r.end_line, r.end_column), (1, 9, 1, 10));
        assert_eq!(view.located_text(s), "x");
        assert_eq!(view.text_line(x as u32), "一、总体情况𠀀x");
    }
}

//! File bytes → text, exactly and without loss.
//!
//! [`read`] turns the bytes of a report file into the text the parser sees:
//!
//! * **Plain text / Markdown**: the encoding is detected, not assumed — a
//!   BOM (UTF-8, UTF-16 LE/BE) wins; then valid UTF-8; then BOM-less UTF-16
//!   (NUL pattern); then GB18030/GBK (and other legacy encodings through
//!   `chardetng`). The text is kept exactly as decoded (CRLF stays CRLF);
//!   only a BOM is removed. Invalid bytes never fail: they become U+FFFD
//!   and are counted in [`Input::replacements`].
//! * **Markdown** with HTML `<table>`s in it (pandoc's CommonMark): each
//!   table becomes tab-separated rows as in HTML, the rest stays as it is;
//!   [`Input::source`] is then the file and the map leads back into it.
//! * **HTML** (`.html`/`.htm`, or sniffed): the visible text, with block
//!   elements and `<br>` as line breaks, entities decoded, and every table
//!   row as one line of tab-separated cells (colspan → empty cells after
//!   the cell, rowspan → an empty cell at that column in the following
//!   rows). `<!-- nblint-… -->` comments are kept as lines of their own so
//!   that suppression markers work in HTML files.
//! * **PDF** (`.pdf`, or `%PDF-`): the text layer laid out again from the
//!   glyph positions (`pdf`): paragraphs as lines, tables from their rules
//!   as tab-separated rows like DOCX tables, running headers, footers and
//!   page numbers dropped. [`SourceMap::pages`] gives the page and the
//!   position on the page of every text offset.
//! * **DOCX**: `word/document.xml`; one line per paragraph and one line per
//!   table row (cells separated by tabs, `w:gridSpan` → extra empty cells,
//!   `w:vMerge` continuation → empty cell).
//!
//! # Positions
//!
//! All offsets in the extracted text are byte offsets into that UTF-8 text.
//! [`SourceMap::to_source`] maps them to byte offsets in the **decoded
//! source text** ([`Input::source_text`]): the file's text as an editor shows
//! it — decoded to UTF-8, BOM removed. For plain text and Markdown that is
//! the extracted text itself (identity); for HTML it is the HTML markup, so
//! a diagnostic can point into the user's own `.html` file (line and column
//! computed on the source text are what the user sees). For the raw byte
//! offset in the file (BOM and legacy encodings accounted for) use
//! [`Input::file_offset`].
//!
//! For DOCX the source text is the extracted text (identity map): the line
//! number of a diagnostic is the number of the paragraph or table row in
//! reading order (a manual line break `w:br` inside a paragraph starts an
//! extra line; a layout table — one that contains another table — gives
//! one line per paragraph of its cells).

mod decode;
mod docx;
mod html;
mod numbering;
mod out;
mod pdf;

use std::fmt;
use std::path::Path;

pub use decode::Decoded;
pub use html::PageMeta;
pub use pdf::{PageLocation, PageMap};

/// What container the text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputKind {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl InputKind {
    /// A short lowercase name: `text`, `markdown`, `html`, `docx`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Markdown => "markdown",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Pdf => "pdf",
        }
    }
}

/// Maps byte offsets in the extracted text back to byte offsets in the
/// decoded source text (identity for plain text; see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// (text offset, source offset) pairs, sorted by text offset; between
    /// two points the mapping progresses one to one. Empty means identity.
    pub points: Vec<(u32, u32)>,
    /// For a PDF: the page and position of text offsets (the text is
    /// the source text, so `points` is empty).
    pub pages: Option<std::sync::Arc<PageMap>>,
}

impl SourceMap {
    /// The source offset of the character at `text_offset`.
    pub fn to_source(&self, text_offset: u32) -> u32 {
        if self.points.is_empty() {
            return text_offset;
        }
        let i = self.points.partition_point(|&(t, _)| t <= text_offset);
        if i == 0 {
            return self.points[0].1;
        }
        let (t, s) = self.points[i - 1];
        s.saturating_add(text_offset - t)
    }

    /// True when text offsets are source offsets.
    pub fn is_identity(&self) -> bool {
        self.points.is_empty()
    }
}

/// What kind of failure an [`InputError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The bytes are not text (NUL bytes, an image, an archive…).
    Binary,
    /// A format nblint cannot read (PDF, legacy .doc/.wps).
    Unsupported,
    /// A container (.docx) that is damaged or not what its name says.
    Corrupt,
    /// Larger than nblint can address (4 GiB of text).
    TooLarge,
}

/// A file that cannot be read as a report. The messages do not name the
/// file: the caller prefixes the path.
#[derive(Clone, Debug)]
pub struct InputError {
    pub kind: InputErrorKind,
    /// The Chinese message (same as `message_zh`; Display shows it).
    pub message: String,
    pub message_zh: String,
    pub message_en: String,
}

impl InputError {
    pub(crate) fn new(kind: InputErrorKind, zh: String, en: String) -> Self {
        InputError {
            kind,
            message: zh.clone(),
            message_zh: zh,
            message_en: en,
        }
    }

    /// The message in `lang` (`en…` → English, anything else → Chinese).
    pub fn message_in(&self, lang: &str) -> &str {
        if lang.to_ascii_lowercase().starts_with("en") {
            &self.message_en
        } else {
            &self.message_zh
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh)
    }
}

impl std::error::Error for InputError {}

/// A file read into text.
#[derive(Clone, Debug)]
pub struct Input {
    /// The text the parser sees (UTF-8, BOM removed).
    pub text: String,
    /// The encoding the file was decoded with (WHATWG name: `UTF-8`,
    /// `UTF-16LE`, `UTF-16BE`, `gb18030`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    pub kind: InputKind,
    /// Text offsets → offsets in [`Input::source_text`].
    pub source_map: SourceMap,
    /// The decoded file when it differs from `text` (HTML markup); `None`
    /// when the source text is `text` itself.
    pub source: Option<String>,
    /// Length of the byte order mark removed from the start of the file.
    pub bom_len: usize,
    /// How many malformed byte sequences were replaced by U+FFFD.
    pub replacements: usize,
    /// File byte offset of the first malformed sequence, if any.
    pub first_invalid_byte: Option<usize>,
    /// A web page's title and publisher from its `<head>` (empty for
    /// other inputs): the report's title when the article has none.
    pub page: PageMeta,
}

impl Input {
    /// The decoded file text that [`SourceMap::to_source`] offsets index.
    pub fn source_text(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// True when some bytes could not be decoded and were replaced.
    pub fn had_errors(&self) -> bool {
        self.replacements > 0
    }

    /// The byte offset in the original file of the character at
    /// `text_offset` of the extracted text: the BOM is counted, and for a
    /// legacy or UTF-16 encoding the source text before it is re-encoded
    /// (exact unless that part held undecodable bytes). For DOCX this is
    /// the offset in the extracted text. Costs O(offset) for legacy
    /// encodings: for many offsets use [`Input::file_offsets`].
    pub fn file_offset(&self, text_offset: u32) -> usize {
        self.file_offsets(&[text_offset])[0]
    }

    /// [`Input::file_offset`] for many offsets at once, in one pass over
    /// the source text.
    pub fn file_offsets(&self, text_offsets: &[u32]) -> Vec<usize> {
        let source = self.source_text();
        let mut order: Vec<(usize, usize)> = text_offsets
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let s = self.source_map.to_source(t) as usize;
                (floor_char_boundary(source, s.min(source.len())), i)
            })
            .collect();
        let mut out = vec![0; text_offsets.len()];
        if matches!(self.kind, InputKind::Docx | InputKind::Pdf) {
            for (s, i) in order {
                out[i] = s;
            }
            return out;
        }
        order.sort_unstable();
        let legacy = match self.encoding {
            "UTF-8" | "UTF-16LE" | "UTF-16BE" => None,
            name => encoding_rs::Encoding::for_label(name.as_bytes()),
        };
        let (mut done_src, mut done_file) = (0usize, 0usize);
        for (s, i) in order {
            let piece = &source[done_src..s];
            done_file += match (self.encoding, legacy) {
                ("UTF-16LE" | "UTF-16BE", _) => piece.encode_utf16().count() * 2,
                (_, Some(enc)) => enc.encode(piece).0.len(),
                _ => piece.len(),
            };
            done_src = s;
            out[i] = self.bom_len + done_file;
        }
        out
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Largest input accepted: offsets are `u32`, and decoding a legacy
/// encoding can grow the text by half.
const MAX_INPUT: usize = (u32::MAX / 2) as usize;

/// Reads a file's bytes. `path` (only its extension is used) selects the
/// container; without it, or for other extensions, the bytes are sniffed
/// (ZIP → DOCX, `<!DOCTYPE html`/`<html`… → HTML, else text).
pub fn read(path: Option<&Path>, bytes: &[u8]) -> Result<Input, InputError> {
    if bytes.len() > MAX_INPUT {
        return Err(InputError::new(
            InputErrorKind::TooLarge,
            format!(
                "文件太大（{} 字节），nblint 只能读取 2 GiB 以内的文件",
                bytes.len()
            ),
            format!(
                "the file is too large ({} bytes); nblint reads files up to 2 GiB",
                bytes.len()
            ),
        ));
    }
    let ext = path
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();

    if ext == "pdf" || pdf::sniff(bytes) {
        return pdf::read(bytes);
    }
    if let Some(err) = decode::known_binary(bytes, &ext) {
        return Err(err);
    }
    let kind = match ext.as_str() {
        // Web systems often serve HTML under a Word name.
        "docx" | "docm" | "dotx" | "dotm" | "doc" | "wps"
            if !bytes.starts_with(b"PK") && html::sniff(bytes) =>
        {
            InputKind::Html
        }
        "docx" | "docm" | "dotx" | "dotm" => InputKind::Docx,
        "html" | "htm" | "xhtml" | "shtml" => InputKind::Html,
        "md" | "markdown" | "mdown" | "mkd" => InputKind::Markdown,
        _ if bytes.starts_with(b"PK\x03\x04") => InputKind::Docx,
        _ if html::sniff(bytes) => InputKind::Html,
        _ => InputKind::Text,
    };
    match kind {
        InputKind::Pdf => pdf::read(bytes),
        InputKind::Docx => docx::read(bytes),
        InputKind::Html => {
            let hint = html::declared_charset(bytes);
            let d = decode::decode(bytes, hint)?;
            let (text, map) = html::extract(&d.text);
            Ok(Input {
                text,
                encoding: d.encoding,
                kind,
                source_map: map,
                page: html::page_meta(&d.text),
                source: Some(d.text),
                bom_len: d.bom_len,
                replacements: d.replacements,
                first_invalid_byte: d.first_invalid_byte,
            })
        }
        InputKind::Text | InputKind::Markdown => {
            let d = decode::decode(bytes, None)?;
            // Text in a file named .txt may still be an HTML page.
            if kind == InputKind::Text && html::sniff_text(&d.text) {
                let (text, map) = html::extract(&d.text);
                return Ok(Input {
                    text,
                    encoding: d.encoding,
                    kind: InputKind::Html,
                    source_map: map,
                    page: html::page_meta(&d.text),
                    source: Some(d.text),
                    bom_len: d.bom_len,
                    replacements: d.replacements,
                    first_invalid_byte: d.first_invalid_byte,
                });
            }
            // Markdown from converters holds tables with merged cells as
            // HTML: they are read as an HTML page's tables, the rest of the
            // file as it is, and the source map leads back into the file.
            if kind == InputKind::Markdown {
                if let Some((text, map)) = html::extract_embedded_tables(&d.text) {
                    return Ok(Input {
                        text,
                        encoding: d.encoding,
                        kind,
                        source_map: map,
                        page: PageMeta::default(),
                        source: Some(d.text),
                        bom_len: d.bom_len,
                        replacements: d.replacements,
                        first_invalid_byte: d.first_invalid_byte,
                    });
                }
            }
            Ok(Input {
                text: d.text,
                encoding: d.encoding,
                kind,
                source_map: SourceMap::default(),
                page: PageMeta::default(),
                source: None,
                bom_len: d.bom_len,
                replacements: d.replacements,
                first_invalid_byte: d.first_invalid_byte,
            })
        }
    }
}

/// Decodes bytes that are text (any supported encoding) without looking
/// at containers: for stdin and other callers that know the bytes are a
/// plain text report.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, InputError> {
    decode::decode(bytes, None)
}

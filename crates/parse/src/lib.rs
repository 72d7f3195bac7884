//! The one parser: bytes → decoded text → [`nblint_model::Document`].
//!
//! `input` turns a file's bytes (any supported encoding and container)
//! into text plus a map back to the file; `text` finds reports, sections,
//! tables and prose figures in that text. Every rule sees the result of
//! this crate and nothing else.

pub mod input;
mod text;

pub use input::{InputError, InputKind, PageMeta, SourceMap};
use nblint_model::Document;
use std::path::Path;

/// Settings that override what the parser would detect.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// The file name, used as the last source of the report year.
    pub file_name: Option<String>,
    /// `year = …` from configuration.
    pub year: Option<u16>,
    /// `agency = …` from configuration.
    pub agency: Option<String>,
}

/// A parsed file: the document and how its text relates to the file.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    pub doc: Document,
    pub encoding: &'static str,
    pub kind: InputKind,
    pub source_map: SourceMap,
    /// The decoded file when it differs from the document's text (HTML
    /// markup): what `source_map` maps into.
    pub source: Option<String>,
}

/// Parses text that is already decoded (stdin, the language server).
pub fn parse_text(text: String, opts: &ParseOptions) -> Document {
    text::parse(text, opts, &PageMeta::default())
}

/// Decodes and parses a file's bytes. `path` selects the container by its
/// extension (`.html`, `.docx`, anything else is text).
pub fn parse_bytes(
    path: Option<&Path>,
    bytes: &[u8],
    opts: &ParseOptions,
) -> Result<ParsedFile, InputError> {
    let input = input::read(path, bytes)?;
    let mut opts = opts.clone();
    if opts.file_name.is_none() {
        opts.file_name = path
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
    }
    Ok(ParsedFile {
        doc: text::parse(input.text, &opts, &input.page),
        encoding: input.encoding,
        kind: input.kind,
        source_map: input.source_map,
        source: input.source,
    })
}

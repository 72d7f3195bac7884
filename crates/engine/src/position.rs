//! Byte offsets in a document's text → 1-based line and column in the
//! user's file. For plain text the two are the same; for HTML the offset
//! goes through the parser's [`SourceMap`] into the decoded HTML source
//! first, so positions point into the HTML the user edits.

use nblint_model::LineIndex;
use nblint_parse::{ParsedFile, SourceMap};
use serde::Serialize;

use std::sync::Arc;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A line longer than this (about 300 characters of Chinese text) is not
/// one a reader finds by its number and column.
const LONG_LINE_BYTES: usize = 900;

/// Converts offsets of one document.
#[derive(Clone, Debug)]
pub struct PositionMap {
    text_index: LineIndex,
    mapped: Option<Mapped>,
}

#[derive(Clone, Debug)]
struct Mapped {
    map: SourceMap,
    /// The decoded file (the HTML source) that the map's offsets index.
    source: Arc<str>,
    index: LineIndex,
}

impl PositionMap {
    /// For text that is what the user sees (plain text, stdin).
    pub fn for_text(text: &str) -> PositionMap {
        PositionMap {
            text_index: LineIndex::new(text),
            mapped: None,
        }
    }

    /// For a parsed file. For HTML the parser kept the decoded source its
    /// [`SourceMap`] maps into.
    pub fn for_file(parsed: &ParsedFile) -> PositionMap {
        match &parsed.source {
            Some(source) if !parsed.source_map.is_identity() => {
                PositionMap::for_source(parsed, source)
            }
            _ => PositionMap::for_text(&parsed.doc.text),
        }
    }

    /// For a parsed file whose decoded source the caller has (the
    /// language server).
    pub fn for_source(parsed: &ParsedFile, source: &str) -> PositionMap {
        let text_index = LineIndex::new(&parsed.doc.text);
        let mapped = (!parsed.source_map.is_identity()).then(|| Mapped {
            map: parsed.source_map.clone(),
            index: LineIndex::new(source),
            source: Arc::from(source),
        });
        PositionMap { text_index, mapped }
    }

    /// The position of a byte offset of the document's text in the file
    /// the user edits.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        match &self.mapped {
            None => self.text_position(text, offset),
            Some(m) => {
                let lc = m.index.line_col(&m.source, m.map.to_source(offset));
                Position {
                    line: lc.line + 1,
                    column: lc.col + 1,
                }
            }
        }
    }

    /// The byte offset in the decoded file (the HTML source; the text
    /// itself otherwise).
    pub fn source_offset(&self, offset: u32) -> u32 {
        match &self.mapped {
            None => offset,
            Some(m) => m.map.to_source(offset).min(m.source.len() as u32),
        }
    }

    /// The position in the document's own text (what `nblint parse` and
    /// snippets show), whatever the file's container.
    pub fn text_position(&self, text: &str, offset: u32) -> Position {
        let lc = self.text_index.line_col(text, offset);
        Position {
            line: lc.line + 1,
            column: lc.col + 1,
        }
    }

    /// Whether the offset stands on a line of the file too long for its
    /// line and column to guide a reader (a web page whose article is one
    /// physical line): front ends then show the document's context
    /// (`DocumentView::context`) beside the position.
    pub fn on_long_line(&self, offset: u32) -> bool {
        let Some(m) = &self.mapped else {
            return false;
        };
        let at = m.map.to_source(offset).min(m.source.len() as u32) as usize;
        let bytes = m.source.as_bytes();
        let start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| at + i);
        end - start > LONG_LINE_BYTES
    }

    /// Whether positions point into a file other than the text (HTML).
    pub fn is_mapped(&self) -> bool {
        self.mapped.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn plain_text_columns_count_scalars() {
        let text = "标题\n一、总体情况𠀀x";
        let m = PositionMap::for_text(text);
        let off = text.find('x').unwrap() as u32;
        assert_eq!(m.position(text, off), Position { line: 2, column: 8 });
        assert_eq!(m.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn html_offsets_go_through_the_source_map() {
        let html = "<html>\n<p>一、总体</p>\n<p>情况</p>";
        let parsed = nblint_parse::parse_bytes(
            Some(Path::new("r.html")),
            html.as_bytes(),
            &Default::default(),
        )
        .unwrap();
        let text = parsed.doc.text.clone();
        let m = PositionMap::for_file(&parsed);
        assert!(m.is_mapped());
        let off = text.find('况').unwrap() as u32;
        assert_eq!(m.position(&text, off), Position { line: 3, column: 5 });
        assert_eq!(m.source_offset(off) as usize, html.find('况').unwrap());
    }

    #[test]
    fn a_bom_is_not_a_column() {
        let bytes = "\u{feff}<p>一、总体情况</p>".as_bytes();
        let parsed =
            nblint_parse::parse_bytes(Some(Path::new("r.htm")), bytes, &Default::default())
                .unwrap();
        let text = parsed.doc.text.clone();
        let m = PositionMap::for_file(&parsed);
        let off = text.find('总').unwrap() as u32;
        assert_eq!(m.position(&text, off), Position { line: 1, column: 6 });
    }
}

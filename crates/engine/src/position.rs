//! Byte offsets in a document's text → 1-based line and column in the
//! user's file. For plain text the two are the same; for HTML the offset
//! goes through the parser's [`SourceMap`] into the file's bytes first, so
//! positions point into the HTML the user edits.

use nblint_model::LineIndex;
use nblint_parse::{InputKind, ParsedFile, SourceMap};
use serde::Serialize;
use std::sync::Arc;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Converts offsets of one document.
#[derive(Clone, Debug)]
pub struct PositionMap {
    text_index: LineIndex,
    mapped: Option<Mapped>,
}

#[derive(Clone, Debug)]
struct Mapped {
    map: SourceMap,
    bytes: Arc<[u8]>,
    encoding: &'static encoding_rs::Encoding,
    /// Byte offsets where lines start in `bytes` (ASCII-compatible
    /// encodings only; UTF-16 is decoded per query).
    line_starts: Vec<u32>,
}

impl PositionMap {
    /// For text that is what the user sees (plain text, stdin).
    pub fn for_text(text: &str) -> PositionMap {
        PositionMap {
            text_index: LineIndex::new(text),
            mapped: None,
        }
    }

    /// For a parsed file and the bytes it was read from.
    pub fn for_file(parsed: &ParsedFile, bytes: Arc<[u8]>) -> PositionMap {
        let text_index = LineIndex::new(&parsed.doc.text);
        if parsed.kind != InputKind::Html || parsed.source_map.points.is_empty() {
            return PositionMap {
                text_index,
                mapped: None,
            };
        }
        let encoding = encoding_rs::Encoding::for_label(parsed.encoding.as_bytes())
            .unwrap_or(encoding_rs::UTF_8);
        let mut line_starts = vec![0u32];
        if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'\n' => line_starts.push(i as u32 + 1),
                    b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i as u32 + 1),
                    _ => {}
                }
            }
        }
        PositionMap {
            text_index,
            mapped: Some(Mapped {
                map: parsed.source_map.clone(),
                bytes,
                encoding,
                line_starts,
            }),
        }
    }

    /// The position of a byte offset of the document's text.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        match &self.mapped {
            None => {
                let lc = self.text_index.line_col(text, offset);
                Position {
                    line: lc.line + 1,
                    column: lc.col + 1,
                }
            }
            Some(m) => m.position(m.map.to_source(offset)),
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

    /// Whether positions point into a file other than the text (HTML).
    pub fn is_mapped(&self) -> bool {
        self.mapped.is_some()
    }
}

impl Mapped {
    fn position(&self, file_offset: u32) -> Position {
        let off = (file_offset as usize).min(self.bytes.len());
        if self.encoding == encoding_rs::UTF_16LE || self.encoding == encoding_rs::UTF_16BE {
            let (text, _) = self
                .encoding
                .decode_without_bom_handling(&self.bytes[..off]);
            let idx = LineIndex::new(&text);
            let lc = idx.line_col(&text, text.len() as u32);
            return Position {
                line: lc.line + 1,
                column: lc.col + 1,
            };
        }
        let line = self.line_starts.partition_point(|&s| s as usize <= off) - 1;
        let start = self.line_starts[line] as usize;
        let (prefix, _) = self
            .encoding
            .decode_without_bom_handling(&self.bytes[start..off]);
        // A leading BOM is not a column.
        let cols = prefix.chars().filter(|&c| c != '\u{feff}').count();
        Position {
            line: line as u32 + 1,
            column: cols as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = "一、总体\n情况";
        let parsed = ParsedFile {
            doc: nblint_model::Document {
                text: text.into(),
                ..Default::default()
            },
            encoding: "UTF-8",
            kind: InputKind::Html,
            source_map: SourceMap {
                points: vec![
                    (0, html.find('一').unwrap() as u32),
                    (
                        text.find('情').unwrap() as u32,
                        html.find('情').unwrap() as u32,
                    ),
                ],
            },
        };
        let m = PositionMap::for_file(&parsed, Arc::from(html.as_bytes()));
        let off = text.find('况').unwrap() as u32;
        assert_eq!(m.position(text, off), Position { line: 3, column: 5 });
        assert_eq!(m.text_position(text, off), Position { line: 2, column: 2 });
    }
}

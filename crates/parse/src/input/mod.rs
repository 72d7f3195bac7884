//! File bytes → text. STUB: to be implemented (encodings, HTML, DOCX).

use std::fmt;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Markdown,
    Html,
    Docx,
}

/// Maps byte offsets in the extracted text back to byte offsets in the
/// file (identity for plain text).
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    /// (text offset, file offset) pairs, sorted by text offset; empty
    /// means identity.
    pub points: Vec<(u32, u32)>,
}

impl SourceMap {
    pub fn to_source(&self, text_offset: u32) -> u32 {
        if self.points.is_empty() {
            return text_offset;
        }
        let i = self.points.partition_point(|&(t, _)| t <= text_offset);
        if i == 0 {
            return self.points[0].1;
        }
        let (t, s) = self.points[i - 1];
        s + (text_offset - t)
    }
}

#[derive(Debug)]
pub struct InputError {
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

pub struct Input {
    pub text: String,
    pub encoding: &'static str,
    pub kind: InputKind,
    pub source_map: SourceMap,
}

pub fn read(_path: Option<&Path>, bytes: &[u8]) -> Result<Input, InputError> {
    Ok(Input {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        kind: InputKind::Text,
        source_map: SourceMap::default(),
    })
}

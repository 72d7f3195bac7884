//! Positions in the editor's text: the negotiated encoding (UTF-8 or
//! UTF-16 columns), line ends `\n`, `\r\n` and a lone `\r`, clamping of
//! positions past a line's or the text's end, and incremental edits.

use nblint_model::{LineCol, LineIndex};
use tower_lsp_server::ls_types::{Position, Range};

/// How the client counts columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    fn width(self) -> fn(char) -> u32 {
        match self {
            Encoding::Utf8 => |c| c.len_utf8() as u32,
            Encoding::Utf16 => |c| c.len_utf16() as u32,
        }
    }
}

/// The editor's text with its line index.
#[derive(Clone, Debug)]
pub struct Text {
    pub text: String,
    pub index: LineIndex,
}

impl Text {
    pub fn new(text: String) -> Text {
        let index = LineIndex::new(&text);
        Text { text, index }
    }

    /// The position of a byte offset (clamped to the text and moved back to
    /// a character boundary).
    pub fn position(&self, offset: u32, enc: Encoding) -> Position {
        let lc = match enc {
            Encoding::Utf16 => self.index.line_col_utf16(&self.text, offset),
            Encoding::Utf8 => {
                let mut o = (offset as usize).min(self.text.len());
                while o > 0 && !self.text.is_char_boundary(o) {
                    o -= 1;
                }
                let line = self.index.line_of(o as u32);
                LineCol {
                    line,
                    col: o as u32 - self.index.line_start(line),
                }
            }
        };
        Position::new(lc.line, lc.col)
    }

    pub fn range(&self, start: u32, end: u32, enc: Encoding) -> Range {
        Range::new(
            self.position(start, enc),
            self.position(end.max(start), enc),
        )
    }

    /// The byte offset of a position. A column past the line's end is the
    /// line's end (before its line break); a line past the end is the end
    /// of the text; a column inside a character moves past it.
    pub fn offset(&self, pos: Position, enc: Encoding) -> u32 {
        let lc = LineCol {
            line: pos.line,
            col: pos.character,
        };
        self.index.offset(&self.text, lc, enc.width())
    }

    /// Byte offsets of a range, ordered.
    pub fn offsets(&self, range: Range, enc: Encoding) -> (u32, u32) {
        let a = self.offset(range.start, enc);
        let b = self.offset(range.end, enc);
        (a.min(b), a.max(b))
    }

    /// Replaces a range (or everything) with `new`.
    pub fn apply(&mut self, range: Option<Range>, new: &str, enc: Encoding) {
        match range {
            None => *self = Text::new(new.to_string()),
            Some(r) => {
                let (a, b) = self.offsets(r, enc);
                let mut text = std::mem::take(&mut self.text);
                text.replace_range(a as usize..b as usize, new);
                *self = Text::new(text);
            }
        }
    }

    /// The start offset of the line holding `offset`.
    pub fn line_start_of(&self, offset: u32) -> u32 {
        self.index.line_start(self.index.line_of(offset))
    }

    /// The start of the line after the one holding `offset`; `None` when
    /// that is the last line.
    pub fn next_line_start(&self, offset: u32) -> Option<u32> {
        let line = self.index.line_of(offset) + 1;
        ((line as usize) < self.index.line_count()).then(|| self.index.line_start(line))
    }

    /// The line break the text uses (the first one found; `\n` if none).
    pub fn eol(&self) -> &'static str {
        match self.text.find(['\r', '\n']) {
            Some(i) if self.text[i..].starts_with("\r\n") => "\r\n",
            Some(i) if self.text.as_bytes()[i] == b'\r' => "\r",
            _ => "\n",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn cjk_astral_crlf_and_lone_cr() {
        let t = Text::new("一、总体\r\n𠀀x\ry".to_string());
        let x = t.text.find('x').unwrap() as u32;
        assert_eq!(t.position(x, Encoding::Utf16), p(1, 2));
        assert_eq!(t.position(x, Encoding::Utf8), p(1, 4));
        assert_eq!(t.offset(p(1, 2), Encoding::Utf16), x);
        assert_eq!(t.offset(p(1, 4), Encoding::Utf8), x);
        let y = t.text.find('y').unwrap() as u32;
        assert_eq!(t.position(y, Encoding::Utf16), p(2, 0));
        // Inside the surrogate pair: after the character.
        assert_eq!(t.offset(p(1, 1), Encoding::Utf16), x);
        // Past the line's end: before the line break.
        assert_eq!(t.offset(p(0, 99), Encoding::Utf16), 12);
        assert_eq!(t.offset(p(99, 0), Encoding::Utf16), t.text.len() as u32);
        // Offsets inside a character and past the end clamp.
        assert_eq!(t.position(1, Encoding::Utf16), p(0, 0));
        assert_eq!(t.position(999, Encoding::Utf8), p(2, 1));
    }

    #[test]
    fn edits_apply_in_either_encoding() {
        let mut t = Text::new("总计𠀀13\n".to_string());
        t.apply(Some(Range::new(p(0, 4), p(0, 6))), "12", Encoding::Utf16);
        assert_eq!(t.text, "总计𠀀12\n");
        t.apply(Some(Range::new(p(0, 10), p(0, 12))), "7", Encoding::Utf8);
        assert_eq!(t.text, "总计𠀀7\n");
        // Reversed and out-of-range ranges never panic.
        t.apply(Some(Range::new(p(5, 5), p(0, 0))), "", Encoding::Utf16);
        assert_eq!(t.text, "");
        t.apply(None, "a\r\nb", Encoding::Utf16);
        assert_eq!(t.eol(), "\r\n");
    }
}

//! Byte offset ↔ line/column conversion. Lines end at `\n`, `\r\n` or a
//! lone `\r`; columns count Unicode scalar values (or UTF-16 units for the
//! language server).

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if bytes[i] == b'\n' || lone_cr {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len() as u32,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        (self.starts.partition_point(|&s| s <= offset) - 1) as u32
    }

    pub fn line_start(&self, line: u32) -> u32 {
        self.starts.get(line as usize).copied().unwrap_or(self.len)
    }

    /// End of the line's content (before its line break).
    pub fn line_end(&self, text: &str, line: u32) -> u32 {
        let next = self
            .starts
            .get(line as usize + 1)
            .copied()
            .unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next;
        while end > self.line_start(line)
            && matches!(bytes.get(end as usize - 1), Some(b'\n' | b'\r'))
        {
            end -= 1;
        }
        end
    }

    /// Line and column in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        let line = self.line_of(offset);
        let start = self.line_start(line) as usize;
        let col = text[start..offset as usize].chars().count() as u32;
        LineCol { line, col }
    }

    /// Line and column in UTF-16 code units.
    pub fn line_col_utf16(&self, text: &str, offset: u32) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize) as u32;
        let line = self.line_of(offset);
        let start = self.line_start(line) as usize;
        let col = text[start..offset as usize]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum();
        LineCol { line, col }
    }

    /// The byte offset of a line and a column counted in `unit` (a closure
    /// giving each character's width: 1 for scalars, `len_utf16`, or
    /// `len_utf8`). Positions past the line's end clamp to it.
    pub fn offset(&self, text: &str, pos: LineCol, unit: impl Fn(char) -> u32) -> u32 {
        if pos.line as usize >= self.starts.len() {
            return self.len;
        }
        let start = self.line_start(pos.line);
        let end = self.line_end(text, pos.line);
        let mut width = 0;
        for (i, c) in text[start as usize..end as usize].char_indices() {
            if width >= pos.col {
                return start + i as u32;
            }
            width += unit(c);
        }
        end
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_crlf_lf_and_lone_cr() {
        let text = "a\r\nb\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 7), LineCol { line: 3, col: 0 });
        assert_eq!(idx.line_end(text, 0), 1);
    }

    #[test]
    fn columns_count_scalars_and_utf16() {
        let text = "名称𠀀一";
        let idx = LineIndex::new(text);
        let off = text.find('一').unwrap() as u32;
        assert_eq!(idx.line_col(text, off).col, 3);
        assert_eq!(idx.line_col_utf16(text, off).col, 4);
        let back = idx.offset(text, LineCol { line: 0, col: 4 }, |c| c.len_utf16() as u32);
        assert_eq!(back, off);
    }

    #[test]
    fn out_of_range_clamps() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, LineCol { line: 9, col: 9 }, |_| 1), 5);
        assert_eq!(idx.offset(text, LineCol { line: 0, col: 9 }, |_| 1), 2);
        assert_eq!(idx.line_col(text, 99).line, 1);
    }
}

//! Building extracted text with a map back to the source, whitespace
//! collapsing, table cells and the table grid (colspan/rowspan).

/// Text plus (text offset, source offset) points, as in `SourceMap`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Out {
    pub text: String,
    pub points: Vec<(u32, u32)>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Out {
    fn add_point(&mut self, t: u32, s: u32) {
        if let Some(&(lt, ls)) = self.points.last() {
            if lt == t {
                self.points.pop();
            } else if ls.checked_add(t - lt) == Some(s) {
                return;
            }
        }
        self.points.push((t, s));
    }

    /// Appends `s`, whose first byte came from source offset `src` (and
    /// the rest one to one after it).
    pub fn push(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        self.add_point(to_u32(self.text.len()), to_u32(src));
        self.text.push_str(s);
    }

    pub fn append(&mut self, other: &Out) {
        let base = to_u32(self.text.len());
        for &(t, s) in &other.points {
            self.add_point(base.saturating_add(t), s);
        }
        self.text.push_str(&other.text);
    }

    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// The part `start..end` (byte offsets on char boundaries).
    pub fn sub(&self, start: usize, end: usize) -> Out {
        let mut out = Out {
            text: self.text[start..end].to_owned(),
            points: Vec::new(),
        };
        if start == end {
            return out;
        }
        let (s32, e32) = (to_u32(start), to_u32(end));
        let i = self.points.partition_point(|&(t, _)| t <= s32);
        if i > 0 {
            let (t, s) = self.points[i - 1];
            out.points.push((0, s.saturating_add(s32 - t)));
        }
        for &(t, s) in &self.points[i..] {
            if t >= e32 {
                break;
            }
            out.points.push((t - s32, s));
        }
        out
    }

    /// Without leading and trailing blanks (whitespace, NBSP, U+3000,
    /// zero-width space, BOM).
    pub fn trimmed(&self) -> Out {
        let t = trim_blank(&self.text);
        if t.len() == self.text.len() {
            return self.clone();
        }
        let start = t.as_ptr() as usize - self.text.as_ptr() as usize;
        self.sub(start, start + t.len())
    }
}

pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

pub(crate) fn trim_blank(s: &str) -> &str {
    s.trim_matches(is_blank)
}

/// East Asian wide characters (and the CJK-context punctuation around
/// them): no space is needed between them and their neighbours.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2014 | 0x2018..=0x201F | 0x2026 | 0x2030 | 0x203B
        | 0x2460..=0x24FF
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD
    )
}

/// Whether two pieces joined across a soft break need a space between
/// them: not when either side is a wide (CJK) character or blank.
pub(crate) fn needs_space(last: char, first: char) -> bool {
    !(is_wide(last) || is_wide(first) || is_blank(last) || is_blank(first))
}

/// Appends `piece` to `acc` across a soft break (DOCX cell paragraphs).
pub(crate) fn join_soft(acc: &mut String, piece: &str) {
    let piece = trim_blank(piece);
    if piece.is_empty() {
        return;
    }
    if let (Some(last), Some(first)) = (acc.chars().next_back(), piece.chars().next()) {
        if needs_space(last, first) {
            acc.push(' ');
        }
    }
    acc.push_str(piece);
}

#[derive(Clone, Copy, Debug)]
struct Space {
    src: usize,
    newline: bool,
}

/// A flow of inline text with HTML whitespace rules: runs of whitespace
/// collapse to one space (none at the start or end of a line; none when a
/// source line break falls next to a CJK character), block boundaries
/// become line breaks — or, inside a table cell, soft breaks that join
/// with a space only between non-CJK text.
#[derive(Debug, Default)]
pub(crate) struct Flow {
    pub out: Out,
    cell: bool,
    space: Option<Space>,
    soft: Option<usize>,
}

impl Flow {
    pub fn body() -> Flow {
        Flow::default()
    }

    pub fn cell() -> Flow {
        Flow {
            cell: true,
            ..Flow::default()
        }
    }

    pub fn at_line_start(&self) -> bool {
        self.out.text.is_empty() || self.out.text.ends_with('\n')
    }

    /// Collapsible whitespace at `src`.
    pub fn whitespace(&mut self, src: usize, newline: bool) {
        match &mut self.space {
            Some(sp) => sp.newline |= newline,
            None => self.space = Some(Space { src, newline }),
        }
    }

    fn resolve_pending(&mut self, first: char) {
        if let Some(soft_src) = self.soft.take() {
            self.space = None;
            if let Some(last) = self.out.last_char() {
                if needs_space(last, first) {
                    self.out.push(" ", soft_src);
                }
            }
        } else if let Some(sp) = self.space.take() {
            if self.at_line_start() {
                return;
            }
            if let Some(last) = self.out.last_char() {
                let drop = is_blank(last) || (sp.newline && (is_wide(last) || is_wide(first)));
                if !drop {
                    self.out.push(" ", sp.src);
                }
            }
        }
    }

    /// Visible text (no collapsible whitespace inside) from `src`.
    pub fn content(&mut self, s: &str, src: usize) {
        let Some(first) = s.chars().next() else {
            return;
        };
        self.resolve_pending(first);
        self.out.push(s, src);
    }

    /// Preformatted text: kept as is in the body; in a cell line breaks
    /// become soft breaks and tabs spaces.
    pub fn pre(&mut self, s: &str, src: usize) {
        let Some(first) = s.chars().next() else {
            return;
        };
        if !self.cell {
            self.resolve_pending(first);
            self.out.push(s, src);
            return;
        }
        let mut run_start = 0;
        for (i, c) in s.char_indices() {
            if matches!(c, '\n' | '\r' | '\t') {
                if run_start < i {
                    self.content(&s[run_start..i], src + run_start);
                }
                if c == '\t' {
                    self.whitespace(src + i, false);
                } else {
                    self.block_break(src + i);
                }
                run_start = i + 1;
            }
        }
        if run_start < s.len() {
            self.content(&s[run_start..], src + run_start);
        }
    }

    /// A block boundary (start or end of `<p>`, `<div>`, …).
    pub fn block_break(&mut self, src: usize) {
        self.space = None;
        if self.cell {
            if !self.out.text.is_empty() && self.soft.is_none() {
                self.soft = Some(src);
            }
        } else if !self.at_line_start() {
            self.out.push("\n", src);
        }
    }

    /// `<br>`: a new line in the body even at the start of a line.
    pub fn line_break(&mut self, src: usize) {
        if self.cell {
            self.block_break(src);
        } else {
            self.space = None;
            self.out.push("\n", src);
        }
    }

    /// A whole line of already assembled text (a table row, a marker).
    pub fn line(&mut self, line: &Out, src: usize) {
        if self.cell {
            self.block_break(src);
            let t = line.trimmed();
            if let Some(first) = t.text.chars().next() {
                self.resolve_pending(first);
                self.out.append(&t);
            }
            self.block_break(src);
        } else {
            self.block_break(src);
            self.out.append(line);
            self.out.push("\n", src);
        }
    }

    /// The finished cell text, blanks trimmed.
    pub fn finish_cell(self) -> Out {
        self.out.trimmed()
    }
}

/// Places cells on a table grid, remembering rowspans.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// Rows still covered, per column, by a cell above.
    pending: Vec<u32>,
}

/// Widest row honoured; spans beyond it are cut.
const MAX_COLS: usize = 1024;
const MAX_COLSPAN: u32 = 256;
const MAX_ROWSPAN: u32 = 65534;

impl Grid {
    /// Lays out one row of cells given as (colspan, rowspan). Returns one
    /// slot per grid column: `Some(i)` where cell `i` starts, `None` for
    /// an empty cell (a colspan continuation or a rowspan from above).
    /// `budget` caps the empty cells made from spans over the whole
    /// document (untrusted input must not blow up the output).
    pub fn place(&mut self, spans: &[(u32, u32)], budget: &mut usize) -> Vec<Option<usize>> {
        if *budget == 0 {
            self.pending.clear();
        }
        let mut slots = Vec::with_capacity(spans.len());
        let mut col = 0usize;
        for (i, &(colspan, rowspan)) in spans.iter().enumerate() {
            while col < self.pending.len() && self.pending[col] > 0 && col < MAX_COLS {
                self.pending[col] -= 1;
                slots.push(None);
                *budget = budget.saturating_sub(1);
                col += 1;
            }
            slots.push(Some(i));
            let room = MAX_COLS.saturating_sub(col).max(1);
            let mut cs = (colspan.clamp(1, MAX_COLSPAN) as usize).min(room);
            if *budget == 0 {
                cs = 1;
            }
            for _ in 1..cs {
                slots.push(None);
            }
            *budget = budget.saturating_sub(cs - 1);
            let rs = rowspan.clamp(1, MAX_ROWSPAN);
            if rs > 1 && *budget > 0 {
                if self.pending.len() < col + cs {
                    self.pending.resize(col + cs, 0);
                }
                for p in &mut self.pending[col..col + cs] {
                    *p = (*p).max(rs - 1);
                }
            }
            col += cs;
        }
        if let Some(last) = (col..self.pending.len())
            .rev()
            .find(|&c| self.pending[c] > 0)
        {
            for c in col..=last {
                if self.pending[c] > 0 {
                    self.pending[c] -= 1;
                }
                slots.push(None);
                *budget = budget.saturating_sub(1);
            }
        }
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(grid: &mut Grid, row: &[(&str, u32, u32)]) -> String {
        let spans: Vec<(u32, u32)> = row.iter().map(|&(_, c, r)| (c, r)).collect();
        let mut budget = 1000;
        grid.place(&spans, &mut budget)
            .iter()
            .map(|s| s.map_or("", |i| row[i].0))
            .collect::<Vec<_>>()
            .join("\t")
    }

    #[test]
    fn rowspan_and_colspan() {
        let mut g = Grid::default();
        assert_eq!(render(&mut g, &[("a", 1, 3), ("b", 2, 1)]), "a\tb\t");
        assert_eq!(render(&mut g, &[("c", 1, 1), ("d", 1, 2)]), "\tc\td");
        assert_eq!(render(&mut g, &[("e", 1, 1)]), "\te\t");
        assert_eq!(render(&mut g, &[("f", 1, 1), ("g", 1, 1)]), "f\tg");
    }

    #[test]
    fn out_sub_and_trim() {
        let mut o = Out::default();
        o.push("  ab", 10);
        o.push("c ", 100);
        let t = o.trimmed();
        assert_eq!(t.text, "abc");
        assert_eq!(t.points, vec![(0, 12), (2, 100)]);
    }

    #[test]
    fn flow_collapses() {
        let mut f = Flow::body();
        f.whitespace(0, true);
        f.content("公开", 1);
        f.whitespace(7, true);
        f.content("申请", 8);
        f.whitespace(14, false);
        f.content("ok", 15);
        f.whitespace(17, true);
        f.content("go", 18);
        assert_eq!(f.out.text, "公开申请 ok go");
    }
}

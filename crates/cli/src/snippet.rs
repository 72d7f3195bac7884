//! A trimmed copy of a document for ariadne, which prints whole lines.
//!
//! A report paragraph is often one line of 2,000 characters. The snippet
//! keeps the line structure of the document up to the last line a
//! diagnostic touches (so ariadne's line numbers stay right: its margin
//! counts from the start of the source), empties the lines that nothing
//! points at (ariadne skips them), and cuts long lines to a window around
//! the spans (about [`CONTEXT`] characters on each side, at most
//! [`MAX_WINDOW`]), marked with "…". Offsets are mapped into the snippet.

use nblint_model::{LineIndex, Span};

/// Characters kept on each side of the spans on a long line (a CJK
/// character takes two columns of a terminal).
pub const CONTEXT: usize = 20;
/// Lines up to this many characters are shown whole.
pub const SHORT_LINE: usize = 60;
/// The most characters of one line shown.
pub const MAX_WINDOW: usize = 60;

pub struct Snippet {
    /// The snippet's text: empty lines up to the first line shown.
    pub text: String,
    /// 0-based line of the first line shown.
    pub first_line: u32,
    lines: Vec<LineMap>,
}

struct LineMap {
    /// Document byte offsets of the part shown.
    win_start: usize,
    win_end: usize,
    /// Snippet offset of `win_start`.
    at: usize,
    shown: bool,
}

const ELLIPSIS: &str = "…";

impl Snippet {
    pub fn new(text: &str, index: &LineIndex, spans: &[Span]) -> Snippet {
        let len = text.len() as u32;
        let clamp = |o: u32| o.min(len);
        let mut touched: Vec<u32> = Vec::new();
        for s in spans {
            let (a, b) = (clamp(s.start), clamp(s.end.max(s.start)));
            touched.push(index.line_of(a));
            let last = if b > a { b - 1 } else { b };
            touched.push(index.line_of(last));
        }
        touched.sort_unstable();
        touched.dedup();
        let first = touched.first().copied().unwrap_or(0);
        let last = touched.last().copied().unwrap_or(0);

        let mut out = "\n".repeat(first as usize);
        let mut lines = Vec::new();
        for line in first..=last {
            let ls = index.line_start(line) as usize;
            let le = index.line_end(text, line) as usize;
            if touched.binary_search(&line).is_err() {
                lines.push(LineMap {
                    win_start: ls,
                    win_end: ls,
                    at: out.len(),
                    shown: false,
                });
                out.push('\n');
                continue;
            }
            // The points on this line that labels start or end at.
            let mut lo = le;
            let mut hi = ls;
            for s in spans {
                let (a, b) = (clamp(s.start) as usize, clamp(s.end.max(s.start)) as usize);
                if b < ls || a > le {
                    continue;
                }
                lo = lo.min(a.max(ls));
                hi = hi.max(b.min(le));
            }
            let line_text = &text[ls..le];
            let (ws, we) = if line_text.chars().count() <= SHORT_LINE || lo > hi {
                (ls, le)
            } else {
                let ws = back_chars(text, lo, CONTEXT, ls);
                let mut we = forward_chars(text, hi, CONTEXT, le);
                if text[ws..we].chars().count() > MAX_WINDOW {
                    we = forward_chars(text, ws, MAX_WINDOW, le);
                }
                (ws, we)
            };
            if ws > ls {
                out.push_str(ELLIPSIS);
            }
            let at = out.len();
            out.push_str(&text[ws..we]);
            if we < le {
                out.push_str(ELLIPSIS);
            }
            out.push('\n');
            lines.push(LineMap {
                win_start: ws,
                win_end: we,
                at,
                shown: true,
            });
        }
        Snippet {
            text: out,
            first_line: first,
            lines,
        }
    }

    /// The snippet offset of a document offset (clamped into the window
    /// shown on its line).
    pub fn map(&self, index: &LineIndex, offset: u32) -> usize {
        let line = index.line_of(offset);
        let Some(m) = line
            .checked_sub(self.first_line)
            .and_then(|i| self.lines.get(i as usize))
        else {
            return if line < self.first_line {
                line as usize
            } else {
                self.text.len()
            };
        };
        if !m.shown {
            return m.at;
        }
        let o = (offset as usize).clamp(m.win_start, m.win_end);
        m.at + (o - m.win_start)
    }

    /// A document span as a snippet range.
    pub fn map_span(&self, index: &LineIndex, span: Span) -> std::ops::Range<usize> {
        let a = self.map(index, span.start);
        let b = self.map(index, span.end.max(span.start)).max(a);
        a..b
    }

    /// The 1-based column ariadne prints for a snippet offset (characters
    /// from the start of its snippet line).
    pub fn column(&self, offset: usize) -> usize {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.text[start..offset].chars().count() + 1
    }
}

fn back_chars(text: &str, from: usize, n: usize, floor: usize) -> usize {
    let mut i = from;
    for (count, (idx, _)) in text[floor..from].char_indices().rev().enumerate() {
        if count == n {
            break;
        }
        i = floor + idx;
    }
    i
}

fn forward_chars(text: &str, from: usize, n: usize, ceil: usize) -> usize {
    text[from..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole() {
        let text = "第一行\n第二行有错\n第三行";
        let idx = LineIndex::new(text);
        let s = text.find("错").unwrap();
        let span = Span::new(s, s + 3);
        let sn = Snippet::new(text, &idx, &[span]);
        assert_eq!(sn.text, "\n第二行有错\n");
        assert_eq!(sn.first_line, 1);
        let r = sn.map_span(&idx, span);
        assert_eq!(&sn.text[r], "错");
    }

    #[test]
    fn long_lines_are_trimmed_around_the_span() {
        let text = format!("{}共收到申请341件{}", "甲".repeat(500), "乙".repeat(500));
        let idx = LineIndex::new(&text);
        let s = text.find("341").unwrap();
        let span = Span::new(s, s + 3);
        let sn = Snippet::new(&text, &idx, &[span]);
        assert!(sn.text.starts_with('…') && sn.text.trim_end().ends_with('…'));
        assert!(sn.text.chars().count() < 100, "{}", sn.text);
        let r = sn.map_span(&idx, span);
        assert_eq!(&sn.text[r.clone()], "341");
        assert_eq!(sn.column(r.start), 1 + 1 + CONTEXT);
    }

    #[test]
    fn lines_between_are_emptied() {
        let text = "a\nb\nc\nd";
        let idx = LineIndex::new(text);
        let sn = Snippet::new(text, &idx, &[Span::new(0, 1), Span::new(6, 7)]);
        assert_eq!(sn.text, "a\n\n\nd\n");
        assert_eq!(&sn.text[sn.map_span(&idx, Span::new(6, 7))], "d");
    }

    #[test]
    fn empty_text_and_out_of_range_spans() {
        let idx = LineIndex::new("");
        let sn = Snippet::new("", &idx, &[Span::new(5, 9)]);
        assert_eq!(sn.map_span(&idx, Span::new(5, 9)), 0..0);
    }
}

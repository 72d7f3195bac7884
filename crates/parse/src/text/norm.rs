//! Normalised views of the original text that keep the way back.
//!
//! Matching labels and numbers must ignore full-width forms, OCR spaces
//! and the like, but every result must point into the original text. A
//! [`Norm`] is the normalised string plus, for each of its bytes, the
//! original byte offset it came from.

use nblint_model::Span;

/// A normalised slice of the original text.
#[derive(Clone, Debug, Default)]
pub struct Norm {
    pub text: String,
    /// `map[i]` = original offset of normalised byte `i`; one extra entry
    /// for the end.
    map: Vec<u32>,
}

/// How far normalisation goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Full-width → half-width, odd spaces → ' '.
    Width,
    /// As `Width`, and all white space removed ("不予公 开" → "不予公开").
    Compact,
}

/// Maps one character to its normalised form (or `None` to drop it).
pub fn fold_char(c: char, mode: Mode) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '\u{2014}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{00B7}' | '\u{30FB}' => '·',
        c => c,
    };
    if mode == Mode::Compact && (c.is_whitespace() || c == '\u{200B}') {
        return None;
    }
    Some(c)
}

impl Norm {
    /// Normalises `text[start..end]` of the original `full` text.
    pub fn new(full: &str, start: usize, end: usize, mode: Mode) -> Norm {
        let slice = &full[start..end];
        let mut text = String::with_capacity(slice.len());
        let mut map = Vec::with_capacity(slice.len() + 1);
        fold_runs(slice, mode, |piece| match piece {
            Piece::Same(from, to) => {
                text.push_str(&slice[from..to]);
                map.extend((start + from) as u32..(start + to) as u32);
            }
            Piece::Folded(at, c) => {
                text.push(c);
                map.extend(std::iter::repeat_n((start + at) as u32, c.len_utf8()));
            }
        });
        map.push(end as u32);
        Norm { text, map }
    }

    /// As [`Norm::new`], leaving out the original ranges `skip` (sorted,
    /// inside `start..end`): page furniture inside a paragraph cut by a
    /// page break. The map still leads every kept byte back to the
    /// original text.
    pub fn skipping(full: &str, start: usize, end: usize, skip: &[Span], mode: Mode) -> Norm {
        if skip.is_empty() {
            return Norm::new(full, start, end, mode);
        }
        let mut out = Norm::default();
        let mut from = start;
        for gap in skip {
            let (a, b) = (gap.start as usize, gap.end as usize);
            if a > from {
                out.append(Norm::new(full, from, a.min(end), mode));
            }
            from = from.max(b);
        }
        if from < end {
            out.append(Norm::new(full, from, end, mode));
        }
        out.map.push(end as u32);
        out
    }

    /// Appends another normalised slice (its end entry dropped).
    fn append(&mut self, mut other: Norm) {
        other.map.pop();
        self.text.push_str(&other.text);
        self.map.extend(other.map);
    }

    /// The original byte offset of normalised byte `i`.
    pub fn orig(&self, i: usize) -> u32 {
        self.map[i.min(self.map.len() - 1)]
    }

    /// The original span of normalised range `[a, b)`: from the start of
    /// the first character to the end of the last one.
    pub fn orig_span(&self, full: &str, a: usize, b: usize) -> nblint_model::Span {
        if a >= b {
            let o = self.orig(a);
            return nblint_model::Span { start: o, end: o };
        }
        let start = self.orig(a);
        // The last byte of the range may map into the middle of its
        // character: step back to the character's start.
        let mut last = self.orig(b - 1) as usize;
        while !full.is_char_boundary(last) {
            last -= 1;
        }
        let end = last + full[last..].chars().next().map_or(0, char::len_utf8);
        nblint_model::Span {
            start,
            end: end as u32,
        }
    }
}

/// Normalises a string without keeping a map (for comparisons).
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_runs(s, Mode::Compact, |piece| match piece {
        Piece::Same(from, to) => out.push_str(&s[from..to]),
        Piece::Folded(_, c) => out.push(c),
    });
    out
}

/// As [`compact`], borrowing `s` when folding leaves it unchanged (most
/// table cells: plain digits or ideographs), so no allocation is made.
pub fn compact_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if unchanged_run_end(s.as_bytes(), 0) >= s.len() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(compact(s))
    }
}

/// The end of the run from `i` of bytes that folding leaves alone:
/// printable ASCII and the CJK ideographs (lead bytes 0xE4–0xE9, whose
/// two continuation bytes stay in the run).
fn unchanged_run_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_whitespace() {
            i += 1;
        } else if (0xE4..=0xE9).contains(&b) {
            i += 3;
        } else {
            break;
        }
    }
    i
}

/// A stretch of the input: unchanged bytes `from..to`, or the character at
/// a byte offset replaced by its folded form.
enum Piece {
    Same(usize, usize),
    Folded(usize, char),
}

/// Folds `s` piece by piece. Runs of characters that folding leaves alone
/// (printable ASCII, the CJK ideographs of U+4E00–U+9FFF) are handed over
/// whole: folding is on the hot path of every line and paragraph.
fn fold_runs(s: &str, mode: Mode, mut emit: impl FnMut(Piece)) {
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = unchanged_run_end(bytes, i);
        if i >= bytes.len() {
            break;
        }
        if run < i {
            emit(Piece::Same(run, i));
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        if let Some(f) = fold_char(c, mode) {
            if f == c {
                emit(Piece::Same(i, i + c.len_utf8()));
            } else {
                emit(Piece::Folded(i, f));
            }
        }
        i += c.len_utf8();
        run = i;
    }
    if run < bytes.len() {
        emit(Piece::Same(run, bytes.len()));
    }
}

/// A number as written in a table cell or in prose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
}

/// Parses a compact (space-free) numeric string: "123", "8208.93",
/// "+43", "-13", "减40", "增5". Returns `None` for anything else.
pub fn parse_number(s: &str) -> Option<Number> {
    let (sign, rest) = if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix("减")) {
        (-1.0, r)
    } else if let Some(r) = s.strip_prefix('+').or_else(|| s.strip_prefix("增")) {
        (1.0, r)
    } else {
        (1.0, s)
    };
    // Most cells are not numbers: reject on the first byte before
    // allocating for thousands separators.
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let without_commas;
    let rest = if rest.contains(',') {
        without_commas = rest.replace(',', "");
        without_commas.as_str()
    } else {
        rest
    };
    if rest.is_empty() || rest.len() > 24 {
        return None;
    }
    let mut dot = false;
    let mut decimals = 0u8;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {
                if dot {
                    decimals = decimals.saturating_add(1);
                }
            }
            b'.' if !dot && i > 0 && i + 1 < rest.len() => dot = true,
            _ => return None,
        }
    }
    let value: f64 = rest.parse().ok()?;
    Some(Number {
        value: sign * value,
        decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_keeps_offsets() {
        let full = "（一）８ 件";
        let n = Norm::new(full, 0, full.len(), Mode::Compact);
        assert_eq!(n.text, "(一)8件");
        let i = n.text.find('8').unwrap();
        assert_eq!(&full[n.orig(i) as usize..], "８ 件");
        let span = n.orig_span(full, i, i + 1);
        assert_eq!(&full[span.range()], "８");
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("8208.93").unwrap().decimals, 2);
        assert_eq!(parse_number("减40").unwrap().value, -40.0);
        assert_eq!(parse_number("+43").unwrap().value, 43.0);
        assert!(parse_number("1.").is_none());
        assert!(parse_number("12a").is_none());
        assert!(parse_number("").is_none());
    }
}

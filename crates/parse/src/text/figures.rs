//! Numbers in prose, with their units and the cue words around them.

use super::norm::{self, Mode, Norm};
use nblint_model::{Cues, Figure, Span};
use std::borrow::Cow;

/// Finds the figures of one prose paragraph `span`.
pub fn find(text: &str, span: Span, skip: &[Span], paragraph: u32, out: &mut Vec<Figure>) {
    let raw = &text[span.range()];
    if !has_digit(raw) {
        return;
    }
    let n = Norm::skipping(
        text,
        span.start as usize,
        span.end as usize,
        skip,
        Mode::Width,
    );
    let s = n.text.as_str();
    let bytes = s.as_bytes();
    let sentences = sentences(s);
    let mut current = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let (end, decimals) = number_end(s, i);
        // The number's text holds digits, ',', '.' and at most OCR spaces:
        // it is copied only when a space must be dropped.
        let digits = &s[i..end];
        let raw: Cow<str> = if digits.contains(' ') {
            Cow::Owned(digits.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(digits)
        };
        let Some(num) = norm::parse_number(&raw) else {
            i = end.max(i + 1);
            continue;
        };
        let unit_start = skip_spaces(s, end);
        let unit_end = unit_end(s, unit_start);
        let unit = &s[unit_start..unit_end];
        while current + 1 < sentences.len() && sentences[current].1 <= i {
            current += 1;
        }
        let sentence = sentences[current];
        let cues = cues(s, sentence.0, i, unit, unit_end, num.value);
        out.push(Figure {
            value: num.value,
            span: n.orig_span(text, i, end),
            unit: n.orig_span(text, unit_start, unit_end),
            sentence: n.orig_span(text, sentence.0, sentence.1),
            cues,
            decimals,
            paragraph,
            ..Figure::default()
        });
        i = unit_end.max(end);
    }
}

/// Whether `raw` holds an ASCII or a full-width digit (U+FF10–U+FF19,
/// bytes EF BC 90–99). Searched in bytes: most paragraphs have no ASCII
/// digit, and decoding them character by character was a hot spot.
fn has_digit(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.iter().any(u8::is_ascii_digit)
        || memchr::memmem::find_iter(b, b"\xEF\xBC")
            .any(|k| matches!(b.get(k + 2), Some(0x90..=0x99)))
}

/// The end of a number starting at `i`, allowing an OCR space around a
/// decimal point ("8208. 93") and thousands separators.
fn number_end(s: &str, i: usize) -> (usize, u8) {
    let b = s.as_bytes();
    let mut j = i;
    while j < b.len()
        && (b[j].is_ascii_digit() || (b[j] == b',' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
    {
        j += 1;
    }
    let mut k = j;
    if k < b.len() && b[k] == b' ' {
        k += 1;
    }
    if k < b.len() && b[k] == b'.' {
        let mut m = k + 1;
        if m < b.len() && b[m] == b' ' {
            m += 1;
        }
        let digits_start = m;
        while m < b.len() && b[m].is_ascii_digit() {
            m += 1;
        }
        if m > digits_start && (k == j || m - digits_start <= 2) {
            return (m, (m - digits_start).min(255) as u8);
        }
    }
    (j, 0)
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while s[i..].starts_with(' ') {
        i += 1;
    }
    i
}

const UNIT_CHARS: &str = "件条户家个次人元项篇期场份天年月日起幅名所批类%号页部万亿余多";

fn unit_end(s: &str, start: usize) -> usize {
    let mut end = start;
    for (k, c) in s[start..].char_indices() {
        if UNIT_CHARS.contains(c) && k < 12 {
            end = start + k + c.len_utf8();
            if !"万亿余多".contains(c) {
                break;
            }
        } else {
            break;
        }
    }
    end
}

/// The sentences of a paragraph: byte ranges ending after sentence-final
/// punctuation (one pass, so long paragraphs stay linear).
fn sentences(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, c) in s.char_indices() {
        if matches!(c, '。' | '!' | '?' | ';' | '；') {
            out.push((start, k + c.len_utf8()));
            start = k + c.len_utf8();
        }
    }
    out.push((start, s.len()));
    out
}

/// Year-on-year wordings.
const YEAR_ON_YEAR: [&str; 8] = [
    "同比",
    "较去年",
    "较上年",
    "比去年",
    "比上年",
    "与上年",
    "与去年",
    "上一年",
];

/// Whether a [`YEAR_ON_YEAR`] wording occurs in `s`, in one pass over it:
/// the wordings are tried only where one of their first characters
/// stands (a test checks the list of first characters).
fn mentions_year_on_year(s: &str) -> bool {
    s.char_indices().any(|(k, ch)| {
        matches!(ch, '同' | '较' | '比' | '与' | '上')
            && YEAR_ON_YEAR.iter().any(|w| s[k..].starts_with(w))
    })
}

/// The last `n` characters before byte `i`.
fn before(s: &str, from: usize, i: usize, n: usize) -> &str {
    let window = &s[from..i];
    let start = window
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(k, _)| k);
    &window[start..]
}

fn cues(s: &str, sentence_start: usize, i: usize, unit: &str, unit_end: usize, value: f64) -> Cues {
    let mut c = 0u32;
    let near = before(s, sentence_start, i, 12);
    let close = before(s, sentence_start, i, 4);
    // Cue words stand close to their figure; a bounded window keeps a
    // paragraph without punctuation (OCR, a 10 MB line) linear.
    let in_sentence = before(s, sentence_start, i, 120);
    let any = |w: &str, words: &[&str]| words.iter().any(|k| w.contains(k));
    if near.contains(['共', '达', '累']) || any(near, &["合计", "总计", "总数"]) {
        c |= Cues::TOTAL;
    }
    if in_sentence.contains("其中") {
        c |= Cues::AMONG;
    }
    if near.contains('占') || near.contains("比例") {
        c |= Cues::SHARE;
    }
    if before(s, sentence_start, i, 8).contains('率') {
        c |= Cues::RATE;
    }
    if mentions_year_on_year(in_sentence) {
        c |= Cues::YEAR_ON_YEAR;
    }
    // 增 covers 增加 and 增长; 减 covers 减少.
    if close.contains(['增', '升']) || close.contains("提高") {
        c |= Cues::INCREASE;
    }
    if close.contains(['减', '降']) {
        c |= Cues::DECREASE;
    }
    let after = &s[unit_end..];
    if close.contains(['约', '近', '超', '逾'])
        || unit.contains('余')
        || unit.contains('多')
        || after.starts_with("左右")
    {
        c |= Cues::APPROX;
    }
    if unit.starts_with('%') {
        c |= Cues::PERCENT;
    }
    let is_year = unit.starts_with('年') && (1900.0..2100.0).contains(&value);
    if is_year || unit.starts_with('月') || unit.starts_with('日') {
        c |= Cues::DATE;
    }
    let prev = s[..i].chars().next_back();
    if unit.starts_with('号') || matches!(prev, Some('第' | '[' | '〔')) {
        c |= Cues::ORDINAL;
    }
    Cues(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(t: &str) -> Vec<(f64, String, Vec<&'static str>)> {
        let mut out = Vec::new();
        find(t, Span::new(0, t.len()), &[], 0, &mut out);
        out.iter()
            .map(|f| (f.value, t[f.unit.range()].to_string(), f.cues.names()))
            .collect()
    }

    #[test]
    fn finds_figures_with_cues() {
        let f = figs("2020年，累计公开政府信息 4252条，电子化率达 95%。其中县政府公开 3445条");
        assert_eq!(f[0].2, vec!["date"]);
        assert_eq!((f[1].0, f[1].1.as_str()), (4252.0, "条"));
        assert!(f[1].2.contains(&"total"));
        assert!(f[2].2.contains(&"rate") && f[2].2.contains(&"percent"));
        assert!(f[3].2.contains(&"among"));
    }

    #[test]
    fn ocr_decimal_and_approx() {
        let f = figs("采购总金额 8208. 93 万元，公开信息3.6万余条");
        assert_eq!(f[0].0, 8208.93);
        assert_eq!(f[1].0, 3.6);
        assert!(f[1].2.contains(&"approx"));
    }

    #[test]
    fn year_on_year_first_characters() {
        for w in YEAR_ON_YEAR {
            assert!(mentions_year_on_year(w), "{w}");
        }
        assert!(!mentions_year_on_year("上半年同样"));
    }

    #[test]
    fn digits_in_bytes() {
        assert!(has_digit("共 3 件"));
        assert!(has_digit("共３件"));
        assert!(!has_digit("（一）共ａ件，无数字"));
    }

    #[test]
    fn year_on_year() {
        let f = figs("收到申请341件,同比去年增加了163件,上升了93%");
        assert!(f[1].2.contains(&"year-on-year") && f[1].2.contains(&"increase"));
        assert!(f[2].2.contains(&"percent"));
    }
}

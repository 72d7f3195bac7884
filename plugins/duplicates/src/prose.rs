//! The prose of a report as the rules compare it: its PROSE paragraphs,
//! split into sentences, with statutory boilerplate left out.

use nblint_plugin_api::prelude::*;

/// Sentences every report must (or usually does) contain in nearly the
/// same words. Repeating them is not duplication, so they never enter a
/// comparison. Matched as substrings of the normalised sentence (no
/// whitespace or punctuation). Headings, table rows and navigation junk
/// are excluded by paragraph kind, not here.
pub const BOILERPLATE: &[&str] = &[
    // The opening: 根据《中华人民共和国政府信息公开条例》……编制本报告.
    "根据中华人民共和国政府信息公开条例",
    // 本报告中所列数据的统计期限自……起至……止.
    "统计期限",
    // 如对本报告有疑问，请与……联系.
    "如对本报告",
    "如对本年报",
    // Where the report is published: ……对本报告予以公布 / 本报告电子版可在……下载.
    "本报告予以公布",
    "本年报予以公布",
    "本报告电子版",
    "本年报电子版",
    // The note under table 三: 本列数据的勾稽关系为：第一项加第二项之和……
    "勾稽关系",
    // The outline sentence listing the six standard section titles
    // (本报告由总体情况、主动公开政府信息情况……组成) or the pre-2019 ones.
    "总体情况主动公开政府信息情况",
    "全文包括概述",
];

/// Whether a normalised sentence is boilerplate. `chars` is the sentence's
/// [`char_bloom`]: a pattern is searched for only when every one of its
/// characters may occur, which rules out nearly every sentence cheaply.
pub fn is_boilerplate(normalised: &[char], chars: u64) -> bool {
    boilerplate_patterns()
        .iter()
        .any(|(p, need)| chars & need == *need && normalised.windows(p.len()).any(|w| w == &p[..]))
}

/// A 64-bit Bloom filter of the characters of a text.
pub fn char_bloom(text: &[char]) -> u64 {
    text.iter().fold(0, |b, &c| b | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
}

/// [`BOILERPLATE`] as characters, each with its [`char_bloom`].
fn boilerplate_patterns() -> &'static [(Vec<char>, u64)] {
    static PATTERNS: std::sync::OnceLock<Vec<(Vec<char>, u64)>> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        BOILERPLATE
            .iter()
            .map(|p| {
                let chars: Vec<char> = p.chars().collect();
                let bloom = char_bloom(&chars);
                (chars, bloom)
            })
            .collect()
    })
}

/// [`fold_char`] with a shortcut for the CJK ideographs that make up most
/// of a report: U+3400..=U+9FFF holds no whitespace or punctuation, so
/// those characters are kept as they are without going through the
/// general tests (which include a Unicode whitespace lookup).
#[inline]
pub fn fold(c: char) -> Option<char> {
    if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        Some(c)
    } else {
        fold_char(c)
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r')
}

/// Calls `f(span, normalised)` for each sentence of `text` (which starts at
/// byte `base` of the document) that has at least one compared character.
/// `buf` is reused for the normalised text, so no sentence allocates. The
/// normalised text is kept as characters, not as a `String`: it is hashed
/// character by character, and encoding it to UTF-8 only to decode it
/// again cost as much as the hashing.
pub fn for_each_sentence(
    text: &str,
    base: u32,
    buf: &mut Vec<char>,
    mut f: impl FnMut(Span, &[char]),
) {
    sentences_with_bloom(text, base, buf, |span, norm, _| f(span, norm));
}

/// [`for_each_sentence`], also passing each sentence's [`char_bloom`].
fn sentences_with_bloom(
    text: &str,
    base: u32,
    buf: &mut Vec<char>,
    mut f: impl FnMut(Span, &[char], u64),
) {
    let mut start: Option<usize> = None;
    let mut bloom = 0u64;
    buf.clear();
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if let Some(n) = fold(c) {
            buf.push(n);
            bloom |= char_bit(n);
        }
        if ends_sentence(c) {
            if let (Some(s), false) = (start, buf.is_empty()) {
                let end = if c == '\n' || c == '\r' {
                    i
                } else {
                    i + c.len_utf8()
                };
                f(span_of(text, base, s, end), buf, bloom);
            }
            start = None;
            bloom = 0;
            buf.clear();
        }
    }
    if let (Some(s), false) = (start, buf.is_empty()) {
        f(span_of(text, base, s, text.len()), buf, bloom);
    }
}

/// The span of `text[s..end]` without trailing whitespace.
fn span_of(text: &str, base: u32, s: usize, end: usize) -> Span {
    let trimmed = text[s..end].trim_end();
    Span::new(base as usize + s, base as usize + s + trimmed.len())
}

/// The non-boilerplate sentences of a paragraph, normalised.
pub fn for_each_prose_sentence(
    view: &DocumentView<'_>,
    para: &Paragraph,
    buf: &mut Vec<char>,
    mut f: impl FnMut(Span, &[char]),
) {
    sentences_with_bloom(
        view.slice(para.span),
        para.span.start,
        buf,
        |span, norm, bloom| {
            if !is_boilerplate(norm, bloom) {
                f(span, norm)
            }
        },
    );
}

/// The PROSE paragraphs of a report.
pub fn prose_paragraphs<'a>(
    view: &DocumentView<'a>,
    report: &Report,
) -> impl Iterator<Item = &'a Paragraph> {
    view.report_paragraphs(report)
        .iter()
        .filter(|p| p.kind == ParagraphKind::PROSE)
}

/// A paragraph's span without surrounding whitespace.
pub fn trimmed(view: &DocumentView<'_>, span: Span) -> Span {
    let text = view.slice(span);
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    Span::new(
        span.start as usize + lead,
        span.start as usize + lead + body.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<(String, String)> {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        for_each_sentence(text, 0, &mut buf, |span, norm| {
            out.push((text[span.range()].to_string(), norm.iter().collect()))
        });
        out
    }

    #[test]
    fn sentences_split_at_terminators_and_lines() {
        let s = sentences("  一是加强领导；二是完善制度。\n三是 强化 培训\n。  ");
        let raw: Vec<&str> = s.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(raw, ["一是加强领导；", "二是完善制度。", "三是 强化 培训"]);
        assert_eq!(s[2].1, "三是强化培训");
    }

    #[test]
    fn statutory_sentences_are_boilerplate() {
        for s in [
            "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
            "根据《中华人民共和国政府信息公开条例》（国务院令第711号）要求，编制本报告。",
            "如对本报告有疑问，请与市政府办公室联系。",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        ] {
            let norm: Vec<char> = s.chars().filter_map(fold_char).collect();
            assert!(is_boilerplate(&norm, char_bloom(&norm)), "{s}");
        }
        let norm: Vec<char> = "全年共受理政府信息公开申请341件。"
            .chars()
            .filter_map(fold_char)
            .collect();
        assert!(!is_boilerplate(&norm, char_bloom(&norm)));
    }

    #[test]
    fn fold_is_fold_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(fold(c), fold_char(c), "{c:?}");
        }
    }
}

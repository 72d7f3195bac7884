//! Headings (一、 （一） 1. （1）) and the kind of a top-level section.

use super::lines::{self, Line};
use super::norm::{Mode, Norm};
use nblint_model::schema::STANDARD_TITLES;
use nblint_model::{SectionKind, Span, TitleMatch};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Debug)]
pub struct Heading {
    pub line: usize,
    pub level: u8,
    pub number: u16,
    /// The numbering and the title (without inline body text).
    pub span: Span,
    pub title: Span,
    pub title_compact: String,
}

/// Bytes of a line read when looking for a heading's title.
const HEADING_WINDOW: usize = 400;

const CN_DIGITS: &str = "一二三四五六七八九十";

/// "三" → 3, "十一" → 11, "二十" → 20.
pub fn chinese_number(s: &str) -> Option<u16> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p as u16 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Recognises a heading at the start of a line.
pub fn heading(text: &str, idx: usize, line: &Line) -> Option<Heading> {
    // Cheap test first: most lines do not start with a numbering.
    numbering(strip_markdown(&line.compact))?;
    // A title is at most 40 characters: a prefix of the line is enough to
    // read it (and to see that a long line is prose, not a heading).
    let mut end = (line.span.start as usize + HEADING_WINDOW).min(line.span.end as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let n = Norm::new(text, line.span.start as usize, end, Mode::Width);
    let t = n.text.as_str();
    let after_space = t.trim_start_matches(lines::is_space);
    let unmarked = strip_markdown(after_space);
    let lead = t.len() - unmarked.len();
    let body = &t[lead..];
    let (level, number, rest_at) = numbering(body)?;
    let after = &body[rest_at..];
    let title_lead = after.len() - after.trim_start_matches(lines::is_space).len();
    let title_text = &after[title_lead..];
    if title_text.is_empty() {
        return None;
    }
    // The title ends at the first sentence end; a level-1 heading is a
    // short line of its own, never a sentence of prose.
    let title_len = title_text
        .find(['。', ':', '；', ';'])
        .unwrap_or(title_text.len());
    let title_str = title_text[..title_len]
        .trim_end_matches(lines::is_space)
        .trim_end_matches(['*', '_', '#'])
        .trim_end_matches(lines::is_space);
    let title_chars = title_str.chars().count();
    if title_chars == 0 || title_chars > 40 {
        return None;
    }
    if level == 1 && title_len < title_text.len() && title_text[title_len..].chars().count() > 1 {
        return None;
    }
    if level == 1
        && title_str.starts_with(|c: char| c.is_ascii_digit())
        && !is_year_title(title_str)
    {
        return None;
    }
    // A table row is never a heading: "四、结转下年度继续办理  0 0 0 …" at
    // the start of a line is the last row of table 三.
    // (A row is a short line: long lines are not split into words here.)
    let short = (line.span.end - line.span.start) as usize <= HEADING_WINDOW;
    if short && lines::spaced_cells(text, line).1.len() >= 2 {
        return None;
    }
    // Nor is one of table 三's numbered row labels, whose numbers stand on
    // the next line or in pipe cells ("二、上年结转政府信息公开申请数量 |"):
    // no section of a report has these titles.
    if level == 1 && is_applications_row_label(title_str) {
        return None;
    }
    let t_start = lead + rest_at + title_lead;
    let t_end = t_start + title_str.len();
    Some(Heading {
        line: idx,
        level,
        number,
        span: n.orig_span(text, lead, t_end),
        title: n.orig_span(text, t_start, t_end),
        title_compact: super::norm::compact(title_str),
    })
}

/// A section title that opens with the report's year, "2023年政府信息公开工作
/// 总体情况": a year, then words that name a standard section and end as a
/// title does (not "2023年主动公开文件12件", an item of a list).
fn is_year_title(title: &str) -> bool {
    let compact = super::norm::compact(title);
    let Some(rest) = compact
        .strip_prefix(|c: char| c.is_ascii_digit())
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
        .and_then(|r| r.strip_prefix('年').or_else(|| r.strip_prefix("年度")))
    else {
        return false;
    };
    let rest = rest.trim_start_matches('度');
    const ENDINGS: [&str; 7] = ["情况", "概述", "概况", "事项", "问题", "措施", "打算"];
    ENDINGS.iter().any(|e| rest.ends_with(e)) && classify(rest).0 != SectionKind::NONE
}

/// Table 三's rows numbered like level-1 headings (一、…二、…三、…四、).
const APPLICATIONS_ROW_LABELS: [&str; 4] = [
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "本年度办理结果",
    "结转下年度继续办理",
];

/// A row label of table 三, or the start of one a line break cut
/// ("三、本年度办" / "理结果" in a PDF's merged cell).
fn is_applications_row_label(title: &str) -> bool {
    let compact = super::norm::compact(title);
    let label = compact.trim_end_matches(['|', '｜']);
    label.chars().count() >= 3 && APPLICATIONS_ROW_LABELS.iter().any(|l| l.starts_with(label))
}

/// A line without the Markdown that converters put around a heading:
/// `## 一、总体情况`, `**一、总体情况**`, `# **一、…**`.
fn strip_markdown(s: &str) -> &str {
    let hashes = s.trim_start_matches('#');
    let s = if hashes.len() < s.len() {
        hashes.trim_start_matches(lines::is_space)
    } else {
        s
    };
    s.strip_prefix("**")
        .or_else(|| s.strip_prefix("__"))
        .unwrap_or(s)
}

/// The numbering at the start of `s`: (level, number, byte index after it).
fn numbering(s: &str) -> Option<(u8, u16, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if first == '(' {
        let close = s.find(')')?;
        let inner = &s[1..close];
        if let Some(n) = chinese_number(inner) {
            return Some((2, n, close + 1));
        }
        if !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()) {
            return Some((4, inner.parse().ok()?, close + 1));
        }
        return None;
    }
    if CN_DIGITS.contains(first) {
        let end = s
            .char_indices()
            .find(|(_, c)| !CN_DIGITS.contains(*c))
            .map(|(i, _)| i)?;
        let n = chinese_number(&s[..end])?;
        let rest = &s[end..];
        let sep = rest.chars().next()?;
        if sep == '、' || sep == '.' {
            return Some((1, n, end + sep.len_utf8()));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let end = s.find(|c: char| !c.is_ascii_digit())?;
        if end > 2 {
            return None;
        }
        let rest = &s[end..];
        let sep = rest.chars().next()?;
        let next = rest[sep.len_utf8()..].trim_start().chars().next()?;
        if (sep == '.' || sep == '、') && !next.is_ascii_digit() {
            return Some((3, s[..end].parse().ok()?, end + sep.len_utf8()));
        }
    }
    None
}

/// Strips punctuation for wording comparisons.
pub fn words(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len());
    push_words(&mut out, compact);
    out
}

/// Appends the word characters of `compact` to `out` (see [`words`]).
pub fn push_words(out: &mut String, compact: &str) {
    out.extend(compact.chars().filter(|&c| is_word_char(c)));
}

/// Letters, digits and ideographs; the common CJK block is tested first
/// because the general Unicode lookup is slow and runs on every label.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric() && !matches!(c, '、' | '，' | '。'))
}

const VARIANTS: [(SectionKind, &str); 9] = [
    (SectionKind::ACTIVE, "行政机关主动公开政府信息情况"),
    (
        SectionKind::APPLICATIONS,
        "行政机关收到和处理政府信息公开申请情况",
    ),
    (
        SectionKind::REVIEW,
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ),
    (SectionKind::REVIEW, "政府信息公开行政复议及行政诉讼情况"),
    (SectionKind::REVIEW, "政府信息公开行政复议和行政诉讼情况"),
    (
        SectionKind::PROBLEMS,
        "政府信息公开工作存在的主要问题及改进情况",
    ),
    (SectionKind::PROBLEMS, "存在的问题及下一步打算"),
    (SectionKind::OTHER, "其他"),
    (SectionKind::OTHER, "其他需要报告事项"),
];

/// The standard section a top-level title stands for, and how closely.
pub fn classify(title_compact: &str) -> (SectionKind, TitleMatch) {
    let w = words(title_compact);
    if let Some((kind, m)) = known_titles().get(&w) {
        return (*kind, *m);
    }
    let has = |k: &str| w.contains(k);
    let kind = if has("行政复议") || has("行政诉讼") {
        SectionKind::REVIEW
    } else if has("申请") && (has("收到") || has("处理") || has("办理") || has("依申请"))
    {
        SectionKind::APPLICATIONS
    } else if has("主动公开") {
        SectionKind::ACTIVE
    } else if has("问题") {
        SectionKind::PROBLEMS
    } else if has("其他需要报告") || has("其他需报告") || has("其他事项") || has("需要说明的事项")
    {
        SectionKind::OTHER
    } else if has("总体情况") || has("概述") || has("概况") {
        SectionKind::OVERVIEW
    } else if is_legacy(&w) {
        SectionKind::LEGACY
    } else {
        SectionKind::NONE
    };
    (kind, TitleMatch::NONE)
}

/// The standard titles and their variants by their words (built once:
/// `classify` runs for every heading of every report).
fn known_titles() -> &'static HashMap<String, (SectionKind, TitleMatch)> {
    static TITLES: OnceLock<HashMap<String, (SectionKind, TitleMatch)>> = OnceLock::new();
    TITLES.get_or_init(|| {
        let variants = VARIANTS.iter().map(|(k, t)| (k, t, TitleMatch::VARIANT));
        let standard = STANDARD_TITLES
            .iter()
            .map(|(k, t)| (k, t, TitleMatch::EXACT));
        // Standard titles last, so they win over a variant with the same words.
        variants
            .chain(standard)
            .map(|(k, t, m)| (words(t), (*k, m)))
            .collect()
    })
}

/// Headings of the pre-2019 outline (国办发〔2014〕32号 era).
pub fn is_legacy(words: &str) -> bool {
    [
        "概述",
        "组织领导",
        "制度建设",
        "收费及减免",
        "保密审查",
        "所属事业单位",
        "发布解读",
    ]
    .iter()
    .any(|k| words.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::split;

    fn h(s: &str) -> Option<(u8, u16, String)> {
        let lines = split(s);
        heading(s, 0, &lines[0]).map(|h| (h.level, h.number, s[h.title.range()].to_string()))
    }

    #[test]
    fn levels() {
        assert_eq!(h("一、总体情况"), Some((1, 1, "总体情况".into())));
        // Table 三's row labels with their cells elsewhere (real lines of
        // 汉阳区 2022 and 尼勒克镇 2023): rows, not section headings.
        assert_eq!(h("二、上年结转政府信息公开申请数量 |"), None);
        assert_eq!(h("二、上年结转政府信息公开申请数量"), None);
        assert_eq!(h("四、结转下年度继续办理"), None);
        assert_eq!(h("三、本年度办"), None, "a label cut by a line break");
        assert_eq!(h("三、本年度工作"), Some((1, 3, "本年度工作".into())));
        // A title that opens with the year (a 武义 township's 2023 report).
        assert_eq!(
            h("一、2023年政府信息公开工作总体情况"),
            Some((1, 1, "2023年政府信息公开工作总体情况".into()))
        );
        assert_eq!(h("一、2023年主动公开文件12件"), None);
        // 海坛片区 2025 writes 其他需报告的事项 (without 要).
        assert_eq!(classify("其他需报告的事项").0, SectionKind::OTHER);
        assert_eq!(
            h("十一、政府信息公开工作存在的主要问题及改进措施")
                .unwrap()
                .1,
            11
        );
        assert_eq!(h("（二）依申请公开办理情况").unwrap().0, 2);
        assert_eq!(h("(三)政府信息管理方面").unwrap().1, 3);
        assert_eq!(
            h("(一)存在主要问题。一是指导不够。").unwrap().2,
            "存在主要问题"
        );
        assert_eq!(h("1.贯彻新条例，高标准建设").unwrap().0, 3);
        assert_eq!(h("一是加强培训"), None);
        assert_eq!(h("2020.1.1"), None);
        assert_eq!(h("一、 概述").unwrap().2, "概述");
        assert_eq!(h("## 一、总体情况"), Some((1, 1, "总体情况".into())));
        assert_eq!(
            h("**二、主动公开政府信息情况**").unwrap().2,
            "主动公开政府信息情况"
        );
        assert_eq!(h("# **（三）政府信息管理**").unwrap().0, 2);
        assert_eq!(h("#一、总体情况").unwrap().1, 1);
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("总体情况").0, SectionKind::OVERVIEW);
        assert_eq!(
            classify("存在的问题及下一步打算"),
            (SectionKind::PROBLEMS, TitleMatch::VARIANT)
        );
        assert_eq!(
            classify("政府信息公开行政复议、行政诉讼情况").1,
            TitleMatch::EXACT
        );
        assert_eq!(
            classify("因政府信息公开申请行政复议及提起行政诉讼的情况").0,
            SectionKind::REVIEW
        );
        assert_eq!(
            classify("政府信息公开申请的办理情况").0,
            SectionKind::APPLICATIONS
        );
        assert_eq!(
            classify("政府信息公开的收费及减免情况").0,
            SectionKind::LEGACY
        );
        assert_eq!(
            classify("丰富载体打造平台,不断拓宽政务公开渠道").0,
            SectionKind::NONE
        );
    }
}

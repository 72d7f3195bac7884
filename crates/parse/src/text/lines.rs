//! Lines of the original text, with their compact form and their role.

use super::cells::{self, CellText};
use super::norm;
use nblint_model::Span;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Junk,
    /// An nblint suppression marker (`nblint-disable-next-line RULE`,
    /// `<!-- nblint-disable … -->`): not part of the report, and invisible
    /// to table reading, even between two rows.
    Marker,
    /// Page furniture of text extracted from a PDF: a page number
    /// ("- 3 -", "第 3 页 共 8 页") or a running header or footer repeated
    /// at page breaks. Invisible to table and prose reading, so a table or
    /// a sentence cut by a page break is read whole; spans still point
    /// into the original text.
    Furniture,
    Text,
}

#[derive(Clone, Debug)]
pub struct Line {
    /// The line without its line break.
    pub span: Span,
    /// Full-width folded, all white space removed: for keyword matching.
    pub compact: String,
    pub kind: LineKind,
}

impl Line {
    pub fn has_tabs(&self, text: &str) -> bool {
        text[self.span.range()].contains('\t')
    }
    pub fn has_pipes(&self, text: &str) -> bool {
        let s = &text[self.span.range()];
        let pipes = memchr::memchr_iter(b'|', s.as_bytes()).count();
        pipes >= 2 || (pipes == 1 && s.trim_end().ends_with('|'))
    }
}

/// Splits the text into lines at `\n`, `\r\n` and lone `\r`.
pub fn split(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    // Line ends are found with memchr: a byte loop was a measurable part
    // of every parse.
    while let Some(at) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        let end = start + at;
        lines.push(make_line(text, start, end));
        let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
        start = end + if crlf { 2 } else { 1 };
    }
    lines.push(make_line(text, start, bytes.len()));
    mark_running_lines(text, &mut lines);
    lines
}

/// Longest running header or footer, in characters.
const RUNNING_MAX_CHARS: usize = 60;

/// Marks running headers and footers: a short line that stands next to
/// two or more page breaks (a form feed, a page number) with the same
/// text. The first page's header, with no break before it, stays text
/// (it is often the report's title).
fn mark_running_lines(text: &str, lines: &mut [Line]) {
    let breaks: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].kind == LineKind::Furniture || text[lines[i].span.range()].contains('\x0C')
        })
        .collect();
    if breaks.len() < 2 {
        return;
    }
    // The nearest non-blank line on each side of every break.
    let mut beside: Vec<usize> = Vec::new();
    for &b in &breaks {
        if lines[b].kind == LineKind::Text {
            beside.push(b); // the form feed starts a line of the next page
        }
        let next = (b + 1..lines.len()).find(|&k| lines[k].kind != LineKind::Blank);
        let prev = (0..b).rev().find(|&k| lines[k].kind != LineKind::Blank);
        beside.extend(next.into_iter().chain(prev));
    }
    beside.sort_unstable();
    beside.dedup();
    let candidate =
        |l: &Line| l.kind == LineKind::Text && l.compact.chars().count() <= RUNNING_MAX_CHARS;
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in beside.iter().filter(|&&i| candidate(&lines[i])) {
        *seen.entry(lines[i].compact.as_str()).or_default() += 1;
    }
    let running: Vec<usize> = beside
        .iter()
        .copied()
        .filter(|&i| candidate(&lines[i]) && seen.get(lines[i].compact.as_str()) >= Some(&2))
        .collect();
    for i in running {
        lines[i].kind = LineKind::Furniture;
    }
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    let compact = norm::compact(&text[start..end]);
    let kind = if compact.is_empty() {
        LineKind::Blank
    } else if is_marker(&compact) {
        LineKind::Marker
    } else if is_page_marker(&compact) {
        LineKind::Furniture
    } else if is_junk(&compact) {
        LineKind::Junk
    } else {
        LineKind::Text
    };
    Line {
        span: Span::new(start, end),
        compact,
        kind,
    }
}

fn is_marker(compact: &str) -> bool {
    let inner = compact.strip_prefix("<!--").unwrap_or(compact);
    inner.starts_with("nblint-disable") || inner.starts_with("nblint-enable")
}

/// Web-page navigation, download links, page markers: text that belongs to
/// no report section.
pub fn is_junk(compact: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "字号",
        "扫码",
        "扫一扫",
        "相关阅读",
        "分享:",
        "发布时间",
        "点击播放",
        "word版",
        "Word版",
        "pdf版",
        "Pdf版",
        "PDF版",
        "有声朗读",
        "图片解读",
        "动漫解读",
        "动画解读",
        "H5解读",
        "视频解读",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "[打印]",
        "浏览次数",
        "来源:",
    ];
    if compact == "大中小" || compact == "|" {
        return true;
    }
    if PREFIXES.iter().any(|p| compact.starts_with(p)) {
        return true;
    }
    let ends_with = |suffix: &str| {
        compact.len() >= suffix.len()
            && compact.as_bytes()[compact.len() - suffix.len()..]
                .eq_ignore_ascii_case(suffix.as_bytes())
    };
    if ends_with(".pdf") || ends_with(".docx") || ends_with(".doc") {
        return true;
    }
    if compact
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"http"))
    {
        return true;
    }
    is_page_marker(compact)
}

/// "- 1 -", "—2—", "第 3 页", "第 3 页 共 8 页", "第3页/共8页".
pub fn is_page_marker(compact: &str) -> bool {
    let inner = compact.trim_matches(|c| c == '-' || c == '—');
    let inner = match inner.split_once("页") {
        Some((page, total)) if page.starts_with('第') => {
            let total = total.trim_start_matches(['/', ',', ' ']);
            let of = total
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .unwrap_or(total);
            if !of.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            &page['第'.len_utf8()..]
        }
        _ => inner,
    };
    !inner.is_empty()
        && inner.len() <= 4
        && inner.bytes().all(|b| b.is_ascii_digit())
        && compact.len() != inner.len()
}

/// The cells of a tab- or pipe-separated line: trimmed spans and their
/// compact text (borrowed from `text` when folding changes nothing, as for
/// most cells: one allocation per cell was a hot spot).
pub fn cells<'t>(text: &'t str, line: &Line, sep: char) -> Vec<(Span, Cow<'t, str>)> {
    let s = &text[line.span.range()];
    let base = line.span.start as usize;
    let mut out = Vec::new();
    let mut cell_start = 0;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), sep))) {
        if c == sep {
            let raw = &s[cell_start..i];
            let lead = raw.len() - raw.trim_start_matches(is_space).len();
            let trimmed = raw.trim_matches(is_space);
            let start = base + cell_start + lead;
            out.push((
                Span::new(start, start + trimmed.len()),
                norm::compact_cow(trimmed),
            ));
            cell_start = i + c.len_utf8();
        }
    }
    out
}

/// A line of text extracted from a PDF (`pdftotext -layout`, `-raw`,
/// pdfplumber), whose cells are separated by spaces: the label, and the
/// run of numbers (or dashes) that ends the line, each as a cell. Labels
/// hold spaces too ("（三）不予 1.属于国家秘"), so only the trailing run of
/// numeric words is taken as cells.
pub fn spaced_cells(text: &str, line: &Line) -> (Span, Vec<(Span, CellText)>) {
    let s = &text[line.span.range()];
    let base = line.span.start as usize;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (is_space(c), start) {
            (true, Some(a)) => {
                words.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let mut values = Vec::new();
    let mut label_end = words.len();
    while label_end > 0 {
        let (mut a, b) = words[label_end - 1];
        // A unit set apart from its number ("75394432.52 元") is one cell.
        if cells::UNITS.contains(&&s[a..b]) && label_end >= 2 {
            let (pa, pb) = words[label_end - 2];
            if matches!(cells::classify(&s[pa..pb]), CellText::Number(_)) {
                a = pa;
                label_end -= 1;
            }
        }
        match cells::classify(&s[a..b]) {
            c @ (CellText::Number(_) | CellText::Dash) => {
                values.push((Span::new(base + a, base + b), c))
            }
            _ => break,
        }
        label_end -= 1;
    }
    values.reverse();
    let label = match (words.first(), label_end) {
        (Some(&(a, _)), n) if n > 0 => Span::new(base + a, base + words[n - 1].1),
        _ => Span::new(base, base),
    };
    (label, values)
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{3000}' || c == '\u{FEFF}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_ends() {
        let lines = split("a\r\nb\rc\nd");
        let t: Vec<_> = lines.iter().map(|l| l.compact.as_str()).collect();
        assert_eq!(t, ["a", "b", "c", "d"]);
    }

    #[test]
    fn junk() {
        assert!(is_junk("字号:"));
        assert!(is_junk("-1-"));
        assert!(is_junk(
            "济南市历下区人民政府2019年政府信息公开工作年度报告.pdf"
        ));
        assert!(!is_junk("一、总体情况"));
        assert!(!is_junk("2020"));
        assert!(is_page_marker("第3页共8页"));
        assert!(is_page_marker("第12页"));
        assert!(!is_page_marker("第3页共有"));
        assert!(!is_page_marker("3"));
    }

    #[test]
    fn cells_are_trimmed() {
        let text = "规章 | 0 | 12 |";
        let line = &split(text)[0];
        let c = cells(text, line, '|');
        assert_eq!(c.len(), 4);
        assert_eq!(&text[c[2].0.range()], "12");
        assert_eq!(c[3].1, "");
    }
}

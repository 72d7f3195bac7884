//! Reading prose figures: units, sentences, the figures of a paragraph.
//! (Candidates for the SDK: the other plugins that read prose numbers
//! would need the same.)

use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The wording before "N 件" that says N applications were received this
/// year (收到政府信息公开申请 341 件, 共受理依申请公开 14 件); matched
/// against [`clause_before`] with [`SENTENCE_PARTS`].
pub static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收到|接收|受理|新收)[^，,。；;：:]{0,16}(?:申请|依申请公开)(?:共计|共|合计)?$")
        .expect("valid regex")
});

/// Clause separators, including the enumeration comma.
pub const CLAUSE_BREAKS: &[char] = &['，', ',', '。', '；', ';', '：', ':', '（', '(', '、'];
/// Separators of a sentence's parts, keeping "、" lists together.
pub const SENTENCE_PARTS: &[char] = &['，', ',', '。', '；', ';', '：', ':'];

/// The text of a figure's sentence from the last of `breaks` up to the
/// figure, without spaces.
pub fn clause_before(ctx: &LintContext<'_>, f: &Figure, breaks: &[char]) -> String {
    let before = ctx.text(Span {
        start: f.sentence.start.min(f.span.start),
        end: f.span.start,
    });
    let cut = before
        .rfind(breaks)
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    before[cut..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A figure's unit without the approximation marks (余, 多) and spaces:
/// "万余条" → "万条", "件" → "件".
pub fn unit(ctx: &LintContext<'_>, f: &Figure) -> String {
    ctx.text(f.unit)
        .chars()
        .filter(|c| !matches!(c, '余' | '多') && !c.is_whitespace())
        .collect()
}

/// A count figure (not a date, ordinal or percentage).
pub fn is_count(f: &Figure) -> bool {
    !f.cues.has(Cues::DATE) && !f.cues.has(Cues::ORDINAL) && !f.cues.has(Cues::PERCENT)
}

/// The report's figures grouped by paragraph, in text order.
pub fn paragraphs<'a>(ctx: &LintContext<'a>, report: &Report) -> Vec<Vec<&'a Figure>> {
    let mut out: Vec<Vec<&'a Figure>> = Vec::new();
    let mut last = u32::MAX;
    for f in ctx.doc.report_figures(report) {
        if f.paragraph != last || out.is_empty() {
            out.push(Vec::new());
            last = f.paragraph;
        }
        out.last_mut().expect("pushed").push(f);
    }
    out
}

/// Index of each figure's sentence within its paragraph (0, 1, …), by
/// order of the sentences that hold figures.
pub fn sentence_numbers(figs: &[&Figure]) -> Vec<usize> {
    let mut n = 0;
    let mut out = Vec::with_capacity(figs.len());
    for (i, f) in figs.iter().enumerate() {
        if i > 0 && figs[i - 1].sentence != f.sentence {
            n += 1;
        }
        out.push(n);
    }
    out
}

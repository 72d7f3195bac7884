//! Reading prose figures: units, sentences, the figures of a paragraph.
//! (Candidates for the SDK: the other plugins that read prose numbers
//! would need the same.)

use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The wording before "N 件" that says N applications were received this
/// year (收到政府信息公开申请 341 件, 共受理依申请公开 14 件); see
/// [`is_received`].
pub static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收到|接收|受理|新收)[^，,。；;：:]{0,16}(?:申请|依申请公开)(?:共计|共|合计)?$")
        .expect("valid regex")
});

/// Between "X 件" and "p%" (without spaces): "，占比", "，占", "，占比约";
/// in full, `[，,]?占(比|比例)?(约为|约|近|为|达)?`.
pub fn is_share_link(link: &str) -> bool {
    let link = link.strip_prefix(['，', ',']).unwrap_or(link);
    let Some(rest) = link.strip_prefix('占') else {
        return false;
    };
    ["", "比", "比例"].iter().any(|noun| {
        rest.strip_prefix(noun)
            .is_some_and(|tail| ["", "约为", "约", "近", "为", "达"].contains(&tail))
    })
}

/// Whether `p` is the share of the count `x` right before it: "X 件，占比
/// p%" in one sentence.
pub fn is_share_of(ctx: &LintContext<'_>, x: &Figure, p: &Figure) -> bool {
    if !(p.cues.has(Cues::PERCENT) && p.cues.has(Cues::SHARE)) || x.sentence != p.sentence {
        return false;
    }
    let link = without_spaces(ctx.text(Span {
        start: x.unit.end.max(x.span.end),
        end: p.span.start,
    }));
    is_share_link(&link)
}

/// Clause separators, including the enumeration comma.
pub const CLAUSE_BREAKS: &[char] = &['，', ',', '。', '；', ';', '：', ':', '（', '(', '、'];
/// Separators of a sentence's parts, keeping "、" lists together.
pub const SENTENCE_PARTS: &[char] = &['，', ',', '。', '；', ';', '：', ':'];

/// The text of a figure's sentence up to the figure: the clauses before
/// the figure are its suffixes.
pub fn sentence_before<'a>(ctx: &LintContext<'a>, f: &Figure) -> &'a str {
    ctx.text(Span {
        start: f.sentence.start.min(f.span.start),
        end: f.span.start,
    })
}

/// The part of `before` after the last of `breaks`: with
/// [`sentence_before`], the clause before a figure, as written; the
/// wordings are matched against it without spaces (see
/// [`clause_matches`]).
pub fn clause_in<'a>(before: &'a str, breaks: &[char]) -> &'a str {
    let cut = before
        .rfind(breaks)
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &before[cut..]
}

/// `s` without whitespace.
pub fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `re` matches the clause before a figure (see
/// [`clause_in`]) without spaces, when the clause holds `needed`:
/// every match of `re` holds that character, so a clause without it is not
/// searched (nor copied).
pub fn clause_matches(
    ctx: &LintContext<'_>,
    f: &Figure,
    breaks: &[char],
    needed: char,
    re: &Regex,
) -> bool {
    // The clause is a suffix of the sentence so far: a sentence without
    // `needed` has no clause to search.
    let before = sentence_before(ctx, f);
    if !before.contains(needed) {
        return false;
    }
    let raw = clause_in(before, breaks);
    raw.contains(needed) && re.is_match(&without_spaces(raw))
}

/// Whether the figure's clause says it is the number of applications
/// received ([`RECEIVED`] against [`clause_in`] with
/// [`SENTENCE_PARTS`]).
pub fn is_received(ctx: &LintContext<'_>, f: &Figure) -> bool {
    // Every match of RECEIVED ends in 申请 or 依申请公开.
    clause_matches(ctx, f, SENTENCE_PARTS, '申', &RECEIVED)
}

/// The characters of a figure's unit without the approximation marks (余,
/// 多) and spaces.
fn unit_chars<'a>(ctx: &LintContext<'a>, f: &Figure) -> impl Iterator<Item = char> + 'a {
    ctx.text(f.unit)
        .chars()
        .filter(|c| !matches!(c, '余' | '多') && !c.is_whitespace())
}

/// A figure's unit without the approximation marks (余, 多) and spaces:
/// "万余条" → "万条", "件" → "件".
pub fn unit(ctx: &LintContext<'_>, f: &Figure) -> String {
    unit_chars(ctx, f).collect()
}

/// Whether [`unit`] of the figure is `u`, without building it.
pub fn unit_is(ctx: &LintContext<'_>, f: &Figure, u: &str) -> bool {
    unit_chars(ctx, f).eq(u.chars())
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

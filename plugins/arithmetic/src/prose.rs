//! Reading prose figures: units, sentences, the figures of a paragraph.
//! (Candidates for the SDK: the other plugins that read prose numbers
//! would need the same.)

use nblint_plugin_api::prelude::*;

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

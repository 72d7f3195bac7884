//! One pass over a report's prose that hashes everything the rules
//! compare: each paragraph's shingles, the report's winnowed fingerprints
//! and its long sentences. Every character is normalised and hashed once.

use crate::fingerprint::{exact_of, mix, HashSet64, Shingler, Winnower};
use crate::prints::ReportPrint;
use crate::prose::{for_each_prose_sentence, prose_paragraphs, trimmed};
use nblint_plugin_api::prelude::*;
use std::ops::Range;

/// A prose paragraph with compared text.
#[derive(Clone, Debug)]
pub struct Passage {
    /// The paragraph without surrounding whitespace.
    pub span: Span,
    /// Position among the report's prose paragraphs.
    pub pos: usize,
    /// The top-level section (一、…) it stands in, `u32::MAX` when none.
    pub section: u32,
    /// Compared characters (boilerplate sentences left out).
    pub chars: usize,
    /// Of those, the ones that are not digits.
    pub words: usize,
    /// Hash of its compared text, in order.
    pub exact: u64,
    /// Its shingle hashes in [`ProseIndex::arena`], in text order.
    pub shingles: Range<usize>,
}

/// The hashed prose of one report. Buffers are reused from report to
/// report, so indexing allocates only while they grow.
#[derive(Default)]
pub struct ProseIndex {
    /// The sentence being normalised.
    buf: Vec<char>,
    /// The report's winnowed fingerprints, duplicates included, before
    /// they go into [`ReportPrint::set`].
    selected: Vec<u64>,
    /// Shingle hashes of all passages, passage after passage.
    pub arena: Vec<u64>,
    pub passages: Vec<Passage>,
    /// Sentences of at least the requested length in characters other than
    /// digits: (paragraph position, span, exact hash).
    pub long_sentences: Vec<(usize, Span, u64)>,
    /// Number of prose paragraphs of the report.
    pub prose_count: usize,
}

impl ProseIndex {
    /// Indexes one report, collecting sentences of at least
    /// `long_sentence` characters; returns its fingerprints.
    pub fn build(
        &mut self,
        view: &DocumentView<'_>,
        report: &Report,
        long_sentence: usize,
    ) -> ReportPrint {
        self.arena.clear();
        self.passages.clear();
        self.long_sentences.clear();
        self.selected.clear();
        self.prose_count = 0;
        let mut print = ReportPrint::default();
        for (pos, para) in prose_paragraphs(view, report).enumerate() {
            self.prose_count += 1;
            let start = self.arena.len();
            let mut shingler = Shingler::new();
            let mut winnower = Winnower::new();
            let (arena, selected, long) = (
                &mut self.arena,
                &mut self.selected,
                &mut self.long_sentences,
            );
            for_each_prose_sentence(view, para, &mut self.buf, |span, norm| {
                let words = shingler.words();
                shingler.feed(norm, |h| {
                    arena.push(h);
                    winnower.push(h, |f| selected.push(f));
                });
                // The sentence's characters other than digits, counted by
                // the paragraph's shingler; only a long sentence is hashed
                // a second time (on its own, for exact copies).
                if shingler.words() - words >= long_sentence {
                    long.push((pos, span, exact_of(norm)));
                }
            });
            winnower.finish(|f| selected.push(f));
            if shingler.chars() == 0 {
                continue;
            }
            print.chars += shingler.chars();
            print.exact = mix(print.exact ^ shingler.exact());
            self.passages.push(Passage {
                span: trimmed(view, para.span),
                pos,
                section: top_section(view, para.section),
                chars: shingler.chars(),
                words: shingler.words(),
                exact: shingler.exact(),
                shingles: start..self.arena.len(),
            });
        }
        // Sized once: growing the set fingerprint by fingerprint rehashed
        // it several times per report.
        print.set = HashSet64::with_capacity_and_hasher(self.selected.len(), Default::default());
        print.set.extend(self.selected.iter().copied());
        print.tables = crate::prints::tables_hash(view, report);
        print
    }
}

/// Fingerprints one report's prose (for reports of other documents; the
/// linted document's are fingerprinted in [`crate::Analysis`]).
pub fn report_print(view: &DocumentView<'_>, report: &Report) -> ReportPrint {
    ProseIndex::default().build(view, report, usize::MAX)
}

/// The top-level section enclosing section `s` (`u32::MAX` when none).
fn top_section(view: &DocumentView<'_>, mut s: u32) -> u32 {
    // Bounded: a malformed parent chain from across the ABI cannot loop.
    for _ in 0..8 {
        match view.sections.get(s as usize) {
            Some(sec) if sec.level > 1 && sec.parent != u32::MAX => s = sec.parent,
            Some(_) => return s,
            None => return u32::MAX,
        }
    }
    s
}

//! `duplicates/paragraph`: a prose paragraph, or a long sentence, repeated
//! within one report (a copy-paste slip).
//!
//! Each paragraph is the set of its shingle hashes (in one arena per
//! report, no allocation per paragraph). Exact copies are found by a map
//! from the hash of the normalised text to its first occurrence; near
//! copies by MinHash banding: a paragraph is verified only against the
//! first few paragraphs sharing one of its band keys, so the work is
//! linear in the number of paragraphs, not quadratic. A paragraph's
//! hashes are sorted only when it is verified against another: most
//! paragraphs share no band key with any other, and sorting every one
//! was most of this rule's cost.

use crate::fingerprint::{band_keys, jaccard, minhash, HashMap64, BANDS};
use crate::index::ProseIndex;
use crate::prints::Lines;
use crate::rules::{excerpt, whole_lines};
use crate::Analysis;
use nblint_plugin_api::prelude::*;
use std::collections::hash_map::Entry;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("duplicates/paragraph", Severity::Warning, docs, check);
/// Paragraphs with fewer compared characters other than digits (after
/// normalisation and without boilerplate sentences) are not compared:
/// short lines such as "无。" or "（一）加强组织领导" recur legitimately,
/// and table rows misread as prose are mostly digits.
pub const MIN_PARAGRAPH_CHARS: usize = 30;
/// Sentences this long (characters other than digits) are also compared
/// on their own (exact copies).
pub const MIN_SENTENCE_CHARS: usize = 40;
/// Jaccard index of shingle sets from which two paragraphs are near copies.
pub const NEAR: f64 = 0.9;
/// Paragraphs examined per band bucket.
const BUCKET_CANDIDATES: usize = 8;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "同一报告中不应重复出现相同或几乎相同的段落、长句",
            "No paragraph or long sentence is repeated within one report",
        )
        .rationale(
            "同一段文字在报告中出现两次，通常是复制粘贴时的疏忽，使报告冗长并显得敷衍；评议中按内容重复扣分。比较时忽略空白、标点和全半角差异；相似度按字符5-gram集合的Jaccard系数计算，达到90%即视为重复。法定套话（“根据《中华人民共和国政府信息公开条例》……”、统计期限说明、“如对本报告有疑问……”、勾稽关系说明）、标题和表格不计。",
            "A passage that occurs twice in a report is usually a copy-paste slip; it makes the report longer and looks careless, and evaluators deduct points for repeated content. Whitespace, punctuation and full/half width are ignored; similarity is the Jaccard index of character 5-gram sets, 90 % or more counts. Statutory boilerplate (the 条例 opening, the statistics period, the contact sentence, the 勾稽关系 note), headings and tables never count.",
        )
        .source(
            "《政府信息公开工作年度报告格式》；各地年度报告评议指标（内容重复扣分）",
            "the annual report format; provincial evaluation criteria (points deducted for repeated content)",
        )
        .passing(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。\n（一）主动公开\n全年通过政府网站主动公开政府信息1520条，其中政策文件86件，政策解读32篇。\n",
        )
        .failing("某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。\n（一）主动公开\n全年通过政府网站主动公开政府信息1520条，其中政策文件86件，政策解读32篇。\n2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。\n//^ 「2021年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。」 本段与第 3 行的段落重复：“2021年，本县坚持以公开为常态、不公开为例外，……”\n")
}

/// Maps reused from report to report.
#[derive(Default)]
pub struct Scanner {
    exact: HashMap64<usize>,
    /// Band key → first entry of its chain in `chain`.
    buckets: HashMap64<usize>,
    /// (passage, next entry of the same bucket).
    chain: Vec<(usize, usize)>,
    sentences: HashMap64<Span>,
    /// Prose paragraphs (by position in the report) already reported.
    repeated: Vec<bool>,
    /// Passages whose shingles in the arena are sorted and deduplicated.
    sorted: Vec<bool>,
    /// Entries of `chain` met in the buckets of the passage being filed.
    candidates: Vec<usize>,
}

/// A repeated passage: the later copy, the first, and how similar.
#[derive(Clone, Debug)]
pub struct Repeat {
    later: Span,
    first: Span,
    similarity: f64,
    identical: bool,
    sentence: bool,
    /// Top-level sections of the later and the first copy.
    sections: (u32, u32),
}

/// A top-level section of a report all of whose paragraphs repeat those of
/// an earlier section (reported once by `duplicates/report` instead of
/// paragraph by paragraph).
#[derive(Clone, Copy, Debug)]
pub struct SectionCopy {
    /// Section indices into the document's sections.
    pub later: u32,
    pub earlier: u32,
    /// Paragraphs repeated.
    pub paragraphs: usize,
}

/// Moves the paragraph repeats `found[from..]` that make up whole sections
/// into `sections`: a section counts when it has at least two compared
/// paragraphs and every one of them repeats a paragraph of one other
/// section.
fn whole_sections(
    index: &ProseIndex,
    from: usize,
    found: &mut Vec<Repeat>,
    sections: &mut Vec<SectionCopy>,
) {
    if found.len() - from < 2 {
        return;
    }
    let compared = |s: u32| {
        index
            .passages
            .iter()
            .filter(|p| p.section == s && p.words >= MIN_PARAGRAPH_CHARS)
            .count()
    };
    let mut pairs: Vec<((u32, u32), usize)> = Vec::new();
    for r in &found[from..] {
        let (later, earlier) = r.sections;
        if later == u32::MAX || earlier == u32::MAX || later == earlier {
            continue;
        }
        match pairs.iter_mut().find(|(k, _)| *k == r.sections) {
            Some((_, n)) => *n += 1,
            None => pairs.push((r.sections, 1)),
        }
    }
    for ((later, earlier), n) in pairs {
        if n >= 2 && n == compared(later) {
            sections.push(SectionCopy {
                later,
                earlier,
                paragraphs: n,
            });
            let mut tail = found.split_off(from);
            tail.retain(|r| r.sections != (later, earlier));
            found.extend(tail);
        }
    }
}

pub fn check(
    ctx: &LintContext<'_>,
    analysis: &Analysis,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for r in &analysis.repeats {
        emit(ctx, r, lines, out);
    }
}

impl Scanner {
    /// Finds the paragraphs and long sentences of the indexed report that
    /// repeat earlier ones.
    pub fn find(
        &mut self,
        index: &mut ProseIndex,
        found: &mut Vec<Repeat>,
        sections: &mut Vec<SectionCopy>,
    ) {
        let from = found.len();
        self.exact.clear();
        self.buckets.clear();
        self.chain.clear();
        self.repeated.clear();
        self.repeated.resize(index.prose_count, false);
        self.sorted.clear();
        self.sorted.resize(index.passages.len(), false);
        for id in 0..index.passages.len() {
            if index.passages[id].words < MIN_PARAGRAPH_CHARS {
                continue;
            }
            let hit = match self.exact.entry(index.passages[id].exact) {
                Entry::Occupied(e) => Some((*e.get(), 1.0, true)),
                Entry::Vacant(e) => {
                    e.insert(id);
                    None
                }
            };
            let hit = hit.or_else(|| self.near(index, id).map(|(j, s)| (j, s, false)));
            if let Some((first, similarity, identical)) = hit {
                self.repeated[index.passages[id].pos] = true;
                found.push(Repeat {
                    later: index.passages[id].span,
                    first: index.passages[first].span,
                    similarity,
                    identical,
                    sentence: false,
                    sections: (index.passages[id].section, index.passages[first].section),
                });
            }
        }
        whole_sections(index, from, found, sections);
        self.sentences(index, found);
    }

    /// The most similar earlier paragraph at or above [`NEAR`], and files
    /// paragraph `id` under its band keys.
    fn near(&mut self, index: &mut ProseIndex, id: usize) -> Option<(usize, f64)> {
        // MinHash keeps the minimum of each bin, so neither the order nor
        // repeats of the hashes change the signature: no sorting needed.
        let keys = band_keys(&minhash(&index.arena[index.passages[id].shingles.clone()]));
        // The candidates, in the order they are verified (band by band,
        // each bucket's first few); Jaccard needs them sorted.
        self.candidates.clear();
        for key in keys {
            let mut entry = self.buckets.get(&key).copied();
            let mut seen = 0;
            while let (Some(e), true) = (entry, seen < BUCKET_CANDIDATES) {
                self.candidates.push(e);
                let next = self.chain[e].1;
                entry = (next != usize::MAX).then_some(next);
                seen += 1;
            }
        }
        if !self.candidates.is_empty() {
            sort_once(&mut self.sorted, index, id);
            for &e in &self.candidates {
                sort_once(&mut self.sorted, index, self.chain[e].0);
            }
        }
        let shingles = |p: usize| &index.arena[index.passages[p].shingles.clone()];
        let mine = shingles(id);
        let mut best: Option<(usize, f64)> = None;
        for &e in &self.candidates {
            let other = self.chain[e].0;
            let j = jaccard(mine, shingles(other));
            let better = match best {
                None => true,
                Some((b, s)) => j > s || (j == s && other < b),
            };
            if j >= NEAR && better {
                best = Some((other, j));
            }
        }
        debug_assert_eq!(keys.len(), BANDS);
        for key in keys {
            let next = self.buckets.get(&key).copied().unwrap_or(usize::MAX);
            self.buckets.insert(key, self.chain.len());
            self.chain.push((id, next));
        }
        best
    }

    /// Finds long sentences repeated in paragraphs not already reported.
    fn sentences(&mut self, index: &ProseIndex, found: &mut Vec<Repeat>) {
        self.sentences.clear();
        for &(pos, span, exact) in &index.long_sentences {
            if self.repeated[pos] {
                continue;
            }
            match self.sentences.entry(exact) {
                Entry::Occupied(e) => found.push(Repeat {
                    later: span,
                    first: *e.get(),
                    similarity: 1.0,
                    identical: true,
                    sentence: true,
                    sections: (u32::MAX, u32::MAX),
                }),
                Entry::Vacant(e) => {
                    e.insert(span);
                }
            }
        }
    }
}

/// Sorts and deduplicates passage `id`'s shingles in the arena, unless
/// `sorted` says it was done.
fn sort_once(sorted: &mut [bool], index: &mut ProseIndex, id: usize) {
    if std::mem::replace(&mut sorted[id], true) {
        return;
    }
    let range = index.passages[id].shingles.clone();
    let end = sort_dedup(&mut index.arena[range.clone()]);
    index.passages[id].shingles = range.start..range.start + end;
}

/// Sorts and deduplicates a slice in place; returns the length of the
/// deduplicated prefix.
fn sort_dedup(v: &mut [u64]) -> usize {
    v.sort_unstable();
    let mut write = 0;
    for read in 0..v.len() {
        if write == 0 || v[read] != v[write - 1] {
            v[write] = v[read];
            write += 1;
        }
    }
    write
}

fn emit(ctx: &LintContext<'_>, r: &Repeat, lines: &mut Lines<'_>, out: &mut Vec<Diagnostic>) {
    let line = lines.line(r.first.start);
    let quote = excerpt(ctx.text(r.later), 24);
    let pct = (r.similarity * 100.0).floor() as u32;
    let message = match (r.sentence, r.identical) {
        (true, _) => ctx.msg(
            format!("本句与第 {line} 行的句子重复：“{quote}”"),
            format!("this sentence repeats the one on line {line}: “{quote}”"),
        ),
        (false, true) => ctx.msg(
            format!("本段与第 {line} 行的段落重复：“{quote}”"),
            format!("this paragraph repeats the one on line {line}: “{quote}”"),
        ),
        (false, false) => ctx.msg(
            format!("本段与第 {line} 行的段落几乎相同（相似度 {pct}%）：“{quote}”"),
            format!("this paragraph is nearly the same as the one on line {line} ({pct}% similar): “{quote}”"),
        ),
    };
    let mut d = DiagnosticBuilder::for_rule(&RULE, r.later, message)
        .related(r.first, ctx.msg("第一次出现", "first occurrence"))
        .help(ctx.msg(
            "删除重复的内容，或改写为本处应有的内容",
            "delete the repeated text, or write what belongs here instead",
        ));
    if r.identical {
        let (what_zh, what_en, span) = if r.sentence {
            ("删除重复的句子", "delete the repeated sentence", r.later)
        } else {
            (
                "删除重复的段落",
                "delete the repeated paragraph",
                whole_lines(ctx.doc.text, r.later),
            )
        };
        d = d.replace(ctx.msg(what_zh, what_en), span, "", false);
    }
    d.emit(out);
}

//! Defects for the `duplicates` plugin:
//! - every prose paragraph of at least [`MIN_CHARS`] characters (digits
//!   and spaces not counted) copied right before itself →
//!   `duplicates/paragraph` at the later occurrence;
//! - a whole section (heading and content) copied right before itself →
//!   `duplicates/report` at the later heading (`duplicates/paragraph` at
//!   its paragraph when it has only one), and `sections/order` there (the
//!   copy repeats the section's number);
//! - a whole report twice in one file → `duplicates/report` at the second
//!   copy's first line.

use super::harness::{At, Edit, Source};
use super::sections::top_sections;
use super::{line_end, line_start, Case, Expect, CLEAN, LIXIA, YUNCHENG};
use nblint_model::{ParagraphKind, SectionKind};

const PLUGIN: &str = "duplicates";
const PARAGRAPH: &str = "duplicates/paragraph";
const REPORT: &str = "duplicates/report";

/// The rule's own minimum is 30; shorter paragraphs are not duplicates.
const MIN_CHARS: usize = 30;

fn counted_chars(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .count()
}

/// Sentences the duplicates plugin treats as statutory boilerplate (its
/// `BOILERPLATE`: the opening 根据《条例》…, the statistics period, where
/// the report is published, whom to ask).
const BOILERPLATE: [&str; 3] = [
    "根据《中华人民共和国政府信息公开条例》",
    "统计期限",
    "如对本报告",
];

pub fn cases(sources: &[Source]) -> Vec<Case> {
    let mut out = Vec::new();
    for &s in &CLEAN {
        let src = &sources[s];
        let text = src.text.as_str();
        let view = src.doc.view();
        let report = &view.reports[0];
        // Paragraphs separated by blank lines stay so with the copy. The
        // copy goes before the original, so that the original is the later
        // one (and the report's last line stays its last line).
        let sep = if text.contains("\n\n") { "\n\n" } else { "\n" };
        for p in view.report_paragraphs(report) {
            let body = view.slice(p.span).trim_end();
            let is_title = !report.title.is_empty()
                && p.span.start <= report.title.start
                && report.title.start < p.span.end;
            if p.kind != ParagraphKind::PROSE || is_title || counted_chars(body) < MIN_CHARS {
                continue;
            }
            let start = p.span.start as usize;
            let from = line_start(text, start);
            let end = line_end(text, start + body.len());
            let copy = &text[from..end];
            let shown: String = copy.trim().chars().take(24).collect();
            let expect = if BOILERPLATE.iter().any(|b| copy.contains(b)) {
                Expect::None(
                    "the paragraph is made of statutory boilerplate (the opening 根据《条例》…, the statistics period, where the report is published), which never counts as duplication",
                )
            } else {
                Expect::Found(vec![(PARAGRAPH, At::Old(start))])
            };
            out.push(Case::new(
                s,
                PLUGIN,
                "paragraph duplicated",
                format!(
                    "paragraph at line {} (“{shown}…”) copied before itself",
                    src.line(start)
                ),
                vec![Edit::insert(from, format!("{copy}{sep}"))],
                expect,
            ));
        }

        // Section 五 (and lixia's 六) copied before itself. (A copied
        // 一、总体情况 would start a second report: the parser splits a file
        // into reports at that heading.) A section of one paragraph is
        // reported as a repeated paragraph, a longer one as a repeated
        // section.
        let tops = top_sections(src);
        for (i, sec) in tops.iter().enumerate() {
            let wanted =
                sec.kind == SectionKind::PROBLEMS || (s == LIXIA && sec.kind == SectionKind::OTHER);
            if !wanted {
                continue;
            }
            let from = line_start(text, sec.heading.start as usize);
            let to = tops
                .get(i + 1)
                .map_or(text.len(), |n| line_start(text, n.heading.start as usize));
            let mut copy = text[from..to].to_string();
            if !copy.ends_with('\n') {
                copy.push('\n');
            }
            let paragraphs: Vec<_> = view
                .report_paragraphs(report)
                .iter()
                .filter(|p| {
                    p.kind == ParagraphKind::PROSE
                        && sec.span.start <= p.span.start
                        && p.span.end <= sec.span.end
                        && counted_chars(view.slice(p.span)) >= MIN_CHARS
                })
                .collect();
            let heading = view.slice(sec.heading).trim().to_string();
            let at = At::Old(sec.heading.start as usize);
            let repeat = match paragraphs.as_slice() {
                [one] => (PARAGRAPH, At::Old(one.span.start as usize)),
                _ => (REPORT, at),
            };
            out.push(Case::new(
                s,
                PLUGIN,
                "section duplicated",
                format!("section “{heading}” copied before itself"),
                vec![Edit::insert(from, copy)],
                Expect::Found(vec![repeat, ("sections/order", at)]),
            ));
        }
    }
    // Whole reports twice: the copy starts at its own first line (the
    // parser once began it at the previous report's last line or at its
    // signature date).
    for s in [YUNCHENG, LIXIA] {
        let src = &sources[s];
        let text = src.text.as_str();
        let lead = if text.ends_with('\n') { "" } else { "\n" };
        let first = text.len() - text.trim_start().len();
        out.push(Case::new(
            s,
            PLUGIN,
            "report duplicated",
            "the whole report appended to itself",
            vec![Edit::insert(text.len(), format!("{lead}{text}"))],
            Expect::Found(vec![(REPORT, At::Inserted(0, lead.len() + first))]),
        ));
    }
    out
}

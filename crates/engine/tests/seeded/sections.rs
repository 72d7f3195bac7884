//! Defects for the `sections` plugin, for each of the six sections of each
//! clean report:
//! - the section deleted (heading and content) → `sections/missing` where
//!   it belongs: before the next section's heading, or at the report's last
//!   line of content when it was the last section;
//! - its heading line blanked (the content stays) → `sections/missing` at
//!   its own table when it has one, else at its first line of content when
//!   it follows a section ending in a table, else before the next heading,
//!   else at the report's last line of content;
//! - its title reworded → `sections/title` at the heading;
//! - a template placeholder line “（文字描述）” inserted under its heading →
//!   `sections/template-text` there.
//!
//! A deletion keeps the numbering of the remaining sections as it was
//! (一、二、四 …): a gap explained by a missing section is not a numbering
//! error.

use super::harness::{At, Edit, Source};
use super::{line_end, line_start, Case, Expect, CLEAN};
use nblint_model::{ParagraphKind, Section, SectionKind};

const PLUGIN: &str = "sections";

/// The six sections of a clean report, in order (nanyang has no 六).
pub fn top_sections(src: &Source) -> Vec<&Section> {
    let view = src.doc.view();
    let report = &view.reports[0];
    let tops: Vec<&Section> = view
        .report_sections(report)
        .iter()
        .filter(|s| s.level == 1)
        .collect();
    for (i, s) in tops.iter().enumerate() {
        assert_eq!(
            s.kind.0 as usize,
            i + 1,
            "{}: top section {} is {}",
            src.name,
            i + 1,
            s.kind.name()
        );
    }
    tops
}

/// Reworded titles that keep the section recognisable.
fn reworded(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::OVERVIEW => "工作总体情况",
        SectionKind::ACTIVE => "行政机关主动公开政府信息情况",
        SectionKind::APPLICATIONS => "行政机关收到和处理政府信息公开申请情况",
        SectionKind::REVIEW => "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        SectionKind::PROBLEMS => "存在的问题及下一步打算",
        _ => "其他事项",
    }
}

/// The start of the last non-blank line before `offset`.
fn last_content_before(text: &str, offset: usize) -> usize {
    let head = text[..offset].trim_end();
    line_start(text, head.len())
}

/// The start of the first non-blank line after the line holding `offset`.
fn next_content_after(text: &str, offset: usize) -> usize {
    let mut at = line_end(text, offset);
    loop {
        let start = at + text[at..].find('\n').map_or(text.len() - at, |i| i + 1);
        let end = line_end(text, start);
        if !text[start..end].trim().is_empty() || end == text.len() {
            return start;
        }
        at = end;
    }
}

pub fn cases(sources: &[Source]) -> Vec<Case> {
    let mut out = Vec::new();
    for &s in &CLEAN {
        let src = &sources[s];
        let text = src.text.as_str();
        let view = src.doc.view();
        let report = &view.reports[0];
        let tops = top_sections(src);
        let tables = view.report_tables(report);
        let has_tables = |sec: &Section| {
            tables
                .iter()
                .any(|t| sec.span.start <= t.span.start && t.span.end <= sec.span.end)
        };
        for (i, sec) in tops.iter().enumerate() {
            let heading = view.slice(sec.heading).trim().to_string();
            let head_start = line_start(text, sec.heading.start as usize);
            let head_end = line_end(text, sec.heading.start as usize);
            let next = tops.get(i + 1);

            // Deleted: heading and content, up to the next heading (or to
            // the end of the text).
            let del_end = next.map_or(text.len(), |n| line_start(text, n.heading.start as usize));
            let place = match next {
                Some(n) => At::Old(n.heading.start as usize),
                None => At::Old(last_content_before(text, head_start)),
            };
            // (lixia: deleting 三 takes the table's 一 + 二 away from the
            // 占比 claims in 一; they hold against the paragraph's own
            // 215 + 12, so nothing else changes.)
            let expect = Expect::Found(vec![("sections/missing", place)]);
            out.push(Case::new(
                s,
                PLUGIN,
                "section deleted",
                format!("“{heading}” and its content deleted"),
                vec![Edit::replace(head_start, del_end, "")],
                expect,
            ));

            // Heading line blanked.
            let own_table = tables
                .iter()
                .find(|t| sec.span.start <= t.span.start && t.span.end <= sec.span.end);
            let place = if let Some(t) = own_table {
                let anchor = if t.label.is_empty() { t.span } else { t.label };
                At::Old(anchor.start as usize)
            } else if i > 0 && has_tables(tops[i - 1]) {
                // The first line after the table, a subheading
                // (“(一)存在问题”) included.
                At::Old(next_content_after(text, head_start))
            } else if let Some(n) = next {
                At::Old(n.heading.start as usize)
            } else {
                // The report's last line of content, now under 五.
                let last = view
                    .report_paragraphs(report)
                    .iter()
                    .rfind(|p| p.kind != ParagraphKind::JUNK)
                    .expect("content");
                let body = view.slice(last.span).trim_end();
                At::Old(line_start(text, last.span.start as usize + body.len()))
            };
            out.push(Case::new(
                s,
                PLUGIN,
                "section heading removed",
                format!("heading line “{heading}” blanked"),
                vec![Edit::replace(head_start, head_end, "")],
                Expect::Found(vec![("sections/missing", place)]),
            ));

            // Title reworded.
            let title = view.slice(sec.title);
            let new = reworded(sec.kind);
            out.push(Case::new(
                s,
                PLUGIN,
                "section title reworded",
                format!("“{heading}”: title “{title}” → “{new}”"),
                vec![Edit::replace(
                    sec.title.start as usize,
                    sec.title.end as usize,
                    new,
                )],
                Expect::Found(vec![(
                    "sections/title",
                    At::Old(sec.heading.start as usize),
                )]),
            ));

            // Template placeholder under the heading.
            out.push(Case::new(
                s,
                PLUGIN,
                "template placeholder inserted",
                format!("line “（文字描述）” inserted under “{heading}”"),
                vec![Edit::insert(head_end, "\n（文字描述）")],
                Expect::Found(vec![("sections/template-text", At::Inserted(0, 1))]),
            ));
        }
    }
    out
}

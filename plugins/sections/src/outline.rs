//! The standard six-part outline (2019 and 2021 formats) and how a
//! report's level-1 sections map onto it.

use nblint_plugin_api::prelude::*;

/// One of the six standard sections.
#[derive(Clone, Copy, Debug)]
pub struct Standard {
    pub kind: SectionKind,
    /// Its number in the standard outline (一 = 1).
    pub number: u16,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

/// English names of the standard sections, in the order of
/// [`schema::STANDARD_TITLES`].
const TITLES_EN: [&str; 6] = [
    "overview",
    "proactive disclosure",
    "applications received and handled",
    "administrative review and litigation",
    "main problems and improvements",
    "other matters to report",
];

/// The six standard sections, in order.
pub fn standards() -> impl Iterator<Item = Standard> {
    schema::STANDARD_TITLES
        .into_iter()
        .zip(TITLES_EN)
        .zip(1..)
        .map(|(((kind, title_zh), title_en), number)| Standard {
            kind,
            number,
            title_zh,
            title_en,
        })
}

/// The standard section of a kind; `None` for NONE and LEGACY.
pub fn standard(kind: SectionKind) -> Option<Standard> {
    standards().find(|s| s.kind == kind)
}

/// A Chinese numeral as used in level-1 headings (1 → 一, 12 → 十二).
pub fn numeral(n: u16) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            DIGITS[(n % 10) as usize]
        ),
        _ => n.to_string(),
    }
}

/// "六、其他需要报告的事项": the standard heading of a section.
pub fn standard_heading(std: &Standard) -> String {
    format!("{}、{}", numeral(std.number), std.title_zh)
}

/// Whether the report must follow the six-part outline: its format is
/// 2019 or 2021, or unknown for a report year of 2019 or later. A pre-2019
/// report is held to its own outline (and a pre-2019 outline in a later
/// year is `format-version/outdated-structure`'s finding).
pub fn holds_six(ctx: &LintContext<'_>, report: &Report) -> bool {
    match report.format {
        FormatVersion::V2019 | FormatVersion::V2021 => true,
        FormatVersion::UNKNOWN => ctx.year(report).is_some_and(|y| y >= 2019),
        _ => false,
    }
}

/// Whether the report follows the 2021 format (by its tables, or by its
/// year when the tables say nothing).
pub fn is_2021_format(ctx: &LintContext<'_>, report: &Report) -> bool {
    match report.format {
        FormatVersion::V2021 => true,
        FormatVersion::UNKNOWN => ctx.year(report).is_some_and(|y| y >= 2021),
        _ => false,
    }
}

/// The level-1 sections standing for a standard section, with it, in every
/// report held to the six-part outline (see [`holds_six`]).
pub fn standard_sections<'a>(
    ctx: &'a LintContext<'a>,
) -> impl Iterator<Item = (&'a Report, &'a Section, Standard)> + 'a {
    ctx.doc
        .reports
        .iter()
        .filter(|report| holds_six(ctx, report))
        .flat_map(|report| {
            ctx.top_sections(report)
                .into_iter()
                .filter_map(move |section| Some((report, section, standard(section.kind)?)))
        })
}

/// The level-1 section of a standard kind, when present.
pub fn find_top<'a>(tops: &[&'a Section], kind: SectionKind) -> Option<&'a Section> {
    tops.iter().copied().find(|s| s.kind == kind)
}

/// The heading line of a section as written ("八、其他"), trimmed.
pub fn heading_text<'a>(ctx: &LintContext<'a>, section: &Section) -> &'a str {
    ctx.text(section.heading).trim()
}

/// The tables a standard section must contain.
pub fn table_kinds(kind: SectionKind) -> &'static [TableKind] {
    match kind {
        SectionKind::ACTIVE => &[
            TableKind::ART20_1,
            TableKind::ART20_5,
            TableKind::ART20_6,
            TableKind::ART20_8,
            TableKind::ART20_9,
        ],
        SectionKind::APPLICATIONS => &[TableKind::APPLICATIONS],
        SectionKind::REVIEW => &[TableKind::REVIEW],
        _ => &[],
    }
}

/// Whether a span lies inside another.
pub fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The report's paragraphs that carry content (prose or a table) inside a
/// span.
pub fn content_paragraphs<'a>(
    ctx: &LintContext<'a>,
    report: &Report,
    span: Span,
) -> impl Iterator<Item = &'a Paragraph> + 'a {
    ctx.doc.report_paragraphs(report).iter().filter(move |p| {
        within(p.span, span) && matches!(p.kind, ParagraphKind::PROSE | ParagraphKind::TABLE)
    })
}

/// The start of the line holding `offset`.
pub fn line_start(text: &str, offset: u32) -> u32 {
    let head = text.get(..offset as usize).unwrap_or("");
    head.rfind('\n').map_or(0, |i| i as u32 + 1)
}

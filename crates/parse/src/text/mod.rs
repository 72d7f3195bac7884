//! Text → document model: reports, sections, tables, paragraphs, figures.

mod cells;
mod figures;
mod headings;
mod lines;
mod meta;
pub(crate) mod norm;
mod scan;
mod stats_table;
#[cfg(test)]
mod table_coverage_tests;
mod tables;

use crate::{PageMeta, ParseOptions};
use headings::Heading;
use lines::{Line, LineKind};
use nblint_model::{
    Document, IdxRange, Paragraph, ParagraphKind, ParseIssue, Region, Report, Row, Section,
    SectionKind, Source, Span, StrRef, Table,
};
use tables::TableDraft;

/// Parses a file's text. `page` is what a web page's `<head>` says about
/// its article (empty for other inputs).
pub fn parse(text: String, opts: &ParseOptions, page: &PageMeta) -> Document {
    let lines = lines::split(&text);
    let tables = tables::find_tables(&text, &lines);
    let mut in_table = vec![false; lines.len()];
    for t in &tables {
        let first = t.first_line + usize::from(t.under_heading);
        for flag in &mut in_table[first.min(t.end_line)..t.end_line.min(lines.len())] {
            *flag = true;
        }
    }
    let headings: Vec<Heading> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| l.kind == LineKind::Text && !in_table[*i])
        .filter_map(|(i, l)| headings::heading(&text, i, l))
        .collect();
    let bounds = report_bounds(&text, &lines, &headings, &tables, &in_table);

    let mut doc = Document {
        text,
        ..Document::default()
    };
    if let Some(&(first, _)) = bounds.first() {
        note_region(&mut doc, &lines, 0, first);
    } else {
        note_region(&mut doc, &lines, 0, lines.len());
    }
    // A page of one report: the lines before it (the site's chrome) may
    // hold its title and publisher, and its <head> too.
    let single = bounds.len() == 1;
    for &(from, to) in &bounds {
        let ctx = ReportLines {
            lines: &lines,
            from,
            to,
            in_table: &in_table,
            chrome: if single { 0..from } else { from..from },
            page,
        };
        build_report(&mut doc, &ctx, &headings, &tables, opts);
    }
    share_agency(&mut doc);
    if doc.reports.is_empty() && !lines.iter().any(|l| l.kind == LineKind::Text) {
        let blank = doc.text.chars().all(lines::is_space);
        let (zh, en) = if blank {
            (
                "文件为空或只有空白字符，没有可检查的年度报告内容",
                "the file is empty or holds only white space: there is no annual report to check",
            )
        } else {
            (
                "文件中只有网页导航、页码或标记等，没有年度报告正文，未做检查",
                "the file holds only navigation, page numbers or markers, no annual report text; nothing was checked",
            )
        };
        doc.issues.push(ParseIssue {
            span: Span::new(0, doc.text.len().min(u32::MAX as usize)),
            message_zh: zh.into(),
            message_en: en.into(),
        });
    } else if doc.reports.is_empty() {
        doc.issues.push(ParseIssue {
            span: Span::new(0, doc.text.len().min(u32::MAX as usize)),
            message_zh: "未在文件中识别出政府信息公开工作年度报告（没有“一、总体情况”等章节、标题或统计表格），未做检查".into(),
            message_en: "no government information disclosure annual report was recognised in this file (no sections such as 一、总体情况, no title, no tables); nothing was checked".into(),
        });
    }
    doc
}

/// Reports of one file that name no agency take the agency the others
/// agree on: a page of one agency's reports often names it only in some.
fn share_agency(doc: &mut Document) {
    let named: Vec<StrRef> = doc
        .reports
        .iter()
        .filter(|r| r.agency.len > 0)
        .map(|r| r.agency)
        .collect();
    let Some(first) = named.first().copied() else {
        return;
    };
    let name = |s: StrRef| &doc.strings[s.start as usize..(s.start + s.len) as usize];
    if named.iter().any(|&s| name(s) != name(first)) {
        return;
    }
    for r in doc.reports.iter_mut().filter(|r| r.agency.len == 0) {
        r.agency = first;
        r.agency_source = Source::SAME_FILE;
    }
}

/// The lines of one report.
struct ReportLines<'a> {
    lines: &'a [Line],
    from: usize,
    to: usize,
    in_table: &'a [bool],
    /// Lines before the report where its title may stand (a web page's
    /// article title above the 来源 line): empty unless the file holds one
    /// report.
    chrome: std::ops::Range<usize>,
    page: &'a PageMeta,
}

/// Line ranges of the reports in the file.
fn report_bounds(
    text: &str,
    lines: &[Line],
    headings: &[Heading],
    tables: &[TableDraft],
    in_table: &[bool],
) -> Vec<(usize, usize)> {
    let anchors: Vec<usize> = headings
        .iter()
        .filter(|h| {
            h.level == 1
                && h.number == 1
                && headings::classify(&h.title_compact).0 == SectionKind::OVERVIEW
        })
        .map(|h| h.line)
        .collect();
    if anchors.is_empty() {
        let standard = headings
            .iter()
            .filter(|h| h.level == 1 && headings::classify(&h.title_compact).0 != SectionKind::NONE)
            .count();
        let titled = lines.iter().take(20).any(|l| meta::title(l).is_some());
        if standard >= 2 || !tables.is_empty() || titled {
            return vec![(0, lines.len())];
        }
        return Vec::new();
    }
    let mut starts: Vec<usize> = Vec::new();
    let mut floor = 0;
    for &a in &anchors {
        let s = report_start(text, lines, a, floor, in_table);
        starts.push(s);
        floor = a + 1;
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        out.push((s, end));
    }
    // A file holding one report starts the report at its first line.
    if out.len() == 1
        && !lines[..out[0].0]
            .iter()
            .any(|l| l.kind == LineKind::Text && l.compact.chars().count() > 60)
    {
        out[0].0 = 0;
    }
    out
}

/// Whether a line closes what precedes a report: a heading (the last
/// section of the previous report) or a signature date ("2021年1月29日").
fn ends_previous(text: &str, idx: usize, line: &Line) -> bool {
    headings::heading(text, idx, line).is_some() || is_date_line(&line.compact)
}

fn is_date_line(compact: &str) -> bool {
    let mut parts = compact.split(['年', '月', '日']);
    let numbers = (&mut parts)
        .take(3)
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    numbers && compact.ends_with('日') && parts.next() == Some("") && parts.next().is_none()
}

/// Where the report whose first section heading is at `anchor` begins:
/// its title, or the introduction before 一、总体情况.
fn report_start(
    text: &str,
    lines: &[Line],
    anchor: usize,
    floor: usize,
    in_table: &[bool],
) -> usize {
    let mut candidates = Vec::new();
    let mut i = anchor;
    while i > floor && candidates.len() < 6 {
        i -= 1;
        let l = &lines[i];
        match l.kind {
            LineKind::Blank | LineKind::Marker | LineKind::Furniture => continue,
            LineKind::Junk => break,
            // A table, a heading or a signature date is the end of
            // whatever came before: no report opens with one.
            LineKind::Text if in_table[i] || ends_previous(text, i, l) => break,
            LineKind::Text => candidates.push(i),
        }
    }
    if let Some(pos) = candidates
        .iter()
        .position(|&c| meta::title(&lines[c]).is_some())
    {
        let title = candidates[pos];
        // A short line right above the title is the agency ("海东市民和县").
        if let Some(&above) = candidates.get(pos + 1) {
            if lines[above].compact.chars().count() <= 20 && meta::title(&lines[above]).is_none() {
                return above;
            }
        }
        return title;
    }
    let intro = |l: &Line| {
        [
            "根据",
            "本报告",
            "统计期限",
            "年报",
            "年度报告",
            "条例",
            "编制",
        ]
        .iter()
        .any(|k| l.compact.contains(k))
    };
    let mut start = anchor;
    for &c in &candidates {
        if intro(&lines[c]) {
            start = c;
        } else {
            break;
        }
    }
    start
}

fn line_span(lines: &[Line], from: usize, to: usize) -> Span {
    if from >= to || from >= lines.len() {
        let at = lines
            .get(from)
            .map_or(lines.last().map_or(0, |l| l.span.end), |l| l.span.start);
        return Span { start: at, end: at };
    }
    Span {
        start: lines[from].span.start,
        end: lines[to - 1].span.end,
    }
}

fn note_region(doc: &mut Document, lines: &[Line], from: usize, to: usize) {
    let text_lines = lines[from..to]
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .count();
    if text_lines == 0 {
        return;
    }
    let guide = lines[from..to].iter().any(|l| l.compact.contains("指南"));
    doc.regions.push(Region {
        span: line_span(lines, from, to),
        description: if guide {
            "政府信息公开指南（不是年度报告）".into()
        } else {
            "年度报告之外的文字（网页导航、说明等）".into()
        },
    });
}

fn build_report(
    doc: &mut Document,
    ctx: &ReportLines,
    headings: &[Heading],
    tables: &[TableDraft],
    opts: &ParseOptions,
) {
    let lines = ctx.lines;
    let mut report = Report {
        span: line_span(lines, ctx.from, ctx.to),
        ..Report::default()
    };
    let own_headings: Vec<&Heading> = headings
        .iter()
        .filter(|h| h.line >= ctx.from && h.line < ctx.to)
        .collect();
    let own_tables: Vec<&TableDraft> = tables
        .iter()
        .filter(|t| t.first_line >= ctx.from && t.first_line < ctx.to)
        .collect();

    identify(doc, &mut report, ctx, &own_headings, &own_tables, opts);

    let section_base = doc.sections.len();
    push_sections(doc, ctx, &own_headings);
    report.sections = IdxRange {
        start: section_base as u32,
        len: (doc.sections.len() - section_base) as u32,
    };

    let table_base = doc.tables.len();
    for t in &own_tables {
        push_table(doc, t);
    }
    report.tables = IdxRange {
        start: table_base as u32,
        len: (doc.tables.len() - table_base) as u32,
    };

    let para_base = doc.paragraphs.len();
    let fig_base = doc.figures.len();
    push_paragraphs(doc, ctx, &own_headings, section_base);
    report.paragraphs = IdxRange {
        start: para_base as u32,
        len: (doc.paragraphs.len() - para_base) as u32,
    };
    report.figures = IdxRange {
        start: fig_base as u32,
        len: (doc.figures.len() - fig_base) as u32,
    };
    doc.reports.push(report);
}

/// Year, agency, title and format.
fn identify(
    doc: &mut Document,
    report: &mut Report,
    ctx: &ReportLines,
    headings: &[&Heading],
    tables: &[&TableDraft],
    opts: &ParseOptions,
) {
    let lines = &ctx.lines[ctx.from..ctx.to];
    let first_section = headings.first().map_or(lines.len(), |h| h.line - ctx.from);
    let own_title = lines[..first_section.min(lines.len())]
        .iter()
        .enumerate()
        .find_map(|(k, l)| meta::title(l).map(|t| (ctx.from + k, t)));
    // A web page's article title stands in the chrome above the article.
    let head_title = own_title.or_else(|| {
        ctx.chrome
            .clone()
            .rev()
            .find_map(|k| meta::title(&ctx.lines[k]).map(|t| (k, t)))
    });
    let any_title = || lines.iter().find_map(meta::title);
    let page_title = || {
        let title = ctx.page.title.as_deref()?;
        meta::title(lines::split(title).first()?)
    };

    let mut agency = String::new();
    let mut agency_source = Source::NONE;
    if let Some((k, t)) = &head_title {
        report.title = ctx.lines[*k].span;
        agency = t.agency.clone();
        let above_from = if *k >= ctx.from {
            ctx.from
        } else {
            ctx.chrome.start
        };
        if agency.is_empty() && *k > above_from {
            if let Some(above) = ctx.lines[above_from..*k]
                .iter()
                .rev()
                .find(|l| l.kind == LineKind::Text)
            {
                if above.compact.chars().count() <= 20 {
                    agency = above.compact.clone();
                }
            }
        }
        if !agency.is_empty() {
            agency_source = Source::TITLE;
        }
    }
    let (year, year_source) = if let Some(y) = opts.year {
        (y, Source::CONFIG)
    } else if let Some((_, t)) = &head_title {
        (t.year, Source::TITLE)
    } else if let Some(y) = lines.iter().find_map(|l| meta::period_year(&l.compact)) {
        (y, Source::PERIOD)
    } else if let Some(t) = any_title().or_else(page_title) {
        (t.year, Source::TITLE)
    } else if let Some(y) = lines
        .iter()
        .take(first_section + 3)
        .find_map(|l| meta::text_year(&l.compact))
    {
        (y, Source::TEXT)
    } else if let Some(y) = opts.file_name.as_deref().and_then(meta::file_name_year) {
        (y, Source::FILE_NAME)
    } else {
        (0, Source::NONE)
    };
    if agency.is_empty() {
        if let Some(t) = lines
            .iter()
            .filter_map(meta::title)
            .find(|t| !t.agency.is_empty() && t.year == year)
        {
            agency = t.agency;
            agency_source = Source::TITLE;
        }
    }
    if agency.is_empty() {
        if let Some(t) = page_title().filter(|t| !t.agency.is_empty() && t.year == year) {
            agency = t.agency;
            agency_source = Source::TITLE;
        }
    }
    if agency.is_empty() {
        // The publisher: a "来源：…办公室" line above the article, or the
        // page's ContentSource.
        let source_line = ctx
            .chrome
            .clone()
            .rev()
            .find_map(|k| meta::source_line(&ctx.lines[k].compact));
        if let Some(s) = source_line.or_else(|| ctx.page.source.clone()) {
            agency = s;
            agency_source = Source::TEXT;
        }
    }
    if let Some(a) = &opts.agency {
        agency = a.clone();
        agency_source = Source::CONFIG;
    }
    report.year = year;
    report.year_source = year_source;
    if let Some(p) = meta::statistics_period(&doc.text, report.span) {
        report.period = p.statement;
        report.period_start = p.start;
        report.period_end = p.end;
        report.period_start_year = p.start_year;
        report.period_year = p.end_year;
    }
    report.agency = doc.intern(&agency);
    report.agency_source = agency_source;
    let legacy = headings
        .iter()
        .filter(|h| h.level == 1)
        .any(|h| headings::classify(&h.title_compact).0 == SectionKind::LEGACY);
    let (format, format_source) = meta::format(tables, legacy, year);
    report.format = format;
    report.format_source = format_source;
}

fn push_sections(doc: &mut Document, ctx: &ReportLines, headings: &[&Heading]) {
    let end_of_report = line_span(ctx.lines, ctx.from, ctx.to).end;
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&(level, _)| level >= h.level) {
            stack.pop();
        }
        let parent = stack.last().map_or(u32::MAX, |&(_, idx)| idx as u32);
        // The section runs to the next heading of the same or a higher level.
        let end = headings[k + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(end_of_report, |n| ctx.lines[n.line].span.start);
        let (kind, title_match) = if h.level == 1 {
            headings::classify(&h.title_compact)
        } else {
            (SectionKind::NONE, nblint_model::TitleMatch::NONE)
        };
        let idx = doc.sections.len();
        doc.sections.push(Section {
            span: Span {
                start: h.span.start,
                end: end.max(h.span.end),
            },
            heading: h.span,
            title: h.title,
            level: h.level,
            kind,
            title_match,
            number: h.number,
            parent,
            ..Section::default()
        });
        stack.push((h.level, idx));
    }
}

fn push_table(doc: &mut Document, t: &TableDraft) {
    let table_idx = doc.tables.len() as u32;
    let row_base = doc.rows.len();
    for r in &t.rows {
        let cell_base = doc.cells.len();
        doc.cells.extend_from_slice(&r.cells);
        doc.rows.push(Row {
            key: r.key,
            table: table_idx,
            label: r.label,
            span: r.span,
            cells: IdxRange {
                start: cell_base as u32,
                len: r.cells.len() as u32,
            },
            ..Row::default()
        });
    }
    doc.tables.push(Table {
        rows: IdxRange {
            start: row_base as u32,
            len: (doc.rows.len() - row_base) as u32,
        },
        ..t.table
    });
    if let Some(issue) = &t.issue {
        doc.issues.push(issue.clone());
    }
}

/// Paragraphs (prose lines joined where a sentence runs over a hard line
/// break) and the figures in them.
fn push_paragraphs(
    doc: &mut Document,
    ctx: &ReportLines,
    headings: &[&Heading],
    section_base: usize,
) {
    let lines = ctx.lines;
    let mut i = ctx.from;
    while i < ctx.to {
        let line = &lines[i];
        if line.kind == LineKind::Blank {
            i += 1;
            continue;
        }
        let heading = headings.iter().find(|h| h.line == i);
        let kind = if ctx.in_table[i] {
            ParagraphKind::TABLE
        } else if matches!(
            line.kind,
            LineKind::Junk | LineKind::Marker | LineKind::Furniture
        ) {
            ParagraphKind::JUNK
        } else if heading.is_some_and(|h| h.span.end >= trimmed_end(&doc.text, line.span)) {
            ParagraphKind::HEADING
        } else {
            ParagraphKind::PROSE
        };
        let mut end = i + 1;
        if kind == ParagraphKind::PROSE {
            while continues(&doc.text, lines, ctx, headings, end - 1) {
                end = next_text_line(lines, end, ctx.to).map_or(end, |n| n + 1);
            }
        }
        let span = line_span(lines, i, end);
        let section = innermost_section(doc, section_base, span.start);
        let idx = doc.paragraphs.len() as u32;
        doc.paragraphs.push(Paragraph {
            span,
            kind,
            section,
            ..Paragraph::default()
        });
        if kind == ParagraphKind::PROSE {
            // A paragraph cut by a page break has the page's furniture
            // inside it: its page number is no figure of the report.
            let furniture: Vec<Span> = lines[i..end]
                .iter()
                .filter(|l| l.kind == LineKind::Furniture)
                .map(|l| l.span)
                .collect();
            figures::find(&doc.text, span, &furniture, idx, &mut doc.figures);
        }
        i = end;
    }
}

fn trimmed_end(text: &str, span: Span) -> u32 {
    let s = &text[span.range()];
    span.start + s.trim_end_matches(lines::is_space).len() as u32
}

fn next_text_line(lines: &[Line], from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&k| !matches!(lines[k].kind, LineKind::Blank | LineKind::Furniture))
}

/// Whether the prose line `i` runs on into the next non-blank line (a
/// hard line break inside a sentence, as in OCR text).
fn continues(
    text: &str,
    lines: &[Line],
    ctx: &ReportLines,
    headings: &[&Heading],
    i: usize,
) -> bool {
    let last = lines[i].compact.chars().next_back();
    if matches!(
        last,
        None | Some('。' | '!' | '?' | ';' | '；' | ':' | '”' | ')' | '》')
    ) {
        return false;
    }
    if lines[i].compact.chars().count() < 20 {
        return false;
    }
    let Some(n) = next_text_line(lines, i + 1, ctx.to) else {
        return false;
    };
    let next = &lines[n];
    next.kind == LineKind::Text
        && !ctx.in_table[n]
        && !headings.iter().any(|h| h.line == n)
        && !next.has_tabs(text)
        && !next.has_pipes(text)
}

fn innermost_section(doc: &Document, base: usize, offset: u32) -> u32 {
    doc.sections[base..]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.span.contains(offset) || s.span.start == offset)
        .map_or(u32::MAX, |(k, _)| (base + k) as u32)
}

#[cfg(test)]
fn parse_plain(text: String, opts: &ParseOptions) -> Document {
    parse(text, opts, &PageMeta::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert!(is_date_line("2021年1月29日"));
        assert!(!is_date_line("2021年1月29日起"));
        assert!(!is_date_line("2021年,全区"));
    }

    #[test]
    fn a_report_right_after_another_starts_at_its_own_title() {
        let one = "甲县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n六、其他需要报告的事项\n无\n甲县人民政府\n2021年1月29日\n";
        let two = "乙县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n";
        let doc = parse_plain(format!("{one}{two}"), &ParseOptions::default());
        assert_eq!(doc.reports.len(), 2);
        let second = &doc.text[doc.reports[1].span.range()];
        assert!(second.starts_with("乙县"), "{second}");
        let text = "甲\n一、总体情况\n正文。\n（七）无其他需要通过年度报告予以报告的事项。\n根据《条例》编制本报告。\n一、总体情况\n";
        let doc = parse_plain(text.into(), &ParseOptions::default());
        assert!(doc.text[doc.reports[1].span.range()].starts_with("根据"));
    }
}

#[cfg(test)]
mod empty_tests {
    use super::*;

    #[test]
    fn an_empty_or_blank_file_is_reported() {
        for text in ["", "  \r\n\u{3000}\n\t", "\u{FEFF}\n"] {
            let doc = parse_plain(text.into(), &ParseOptions::default());
            assert!(doc.reports.is_empty());
            assert_eq!(doc.issues.len(), 1, "{text:?}");
            assert!(doc.issues[0].message_zh.starts_with("文件为空"), "{text:?}");
        }
        let doc = parse_plain("- 1 -\n\x0C- 2 -\n".into(), &ParseOptions::default());
        assert!(doc.issues[0].message_zh.contains("没有年度报告正文"));
    }
}

#[cfg(test)]
mod marker_tests {
    use super::*;
    use nblint_model::schema::applications as app;
    use nblint_model::TableKind;

    #[test]
    fn a_suppression_marker_between_rows_does_not_split_a_table() {
        let jiyuan = include_str!("../../../../examples/jiyuan-szfb-2020.txt");
        let marked = jiyuan.replace(
            "(七) 总计",
            "nblint-disable-next-line arithmetic/result-total\n(七) 总计",
        );
        for text in [jiyuan.to_string(), marked] {
            let doc = parse_plain(text, &ParseOptions::default());
            let v = doc.view();
            let t = v
                .find_table(&doc.reports[0], TableKind::APPLICATIONS)
                .expect("table");
            assert_eq!(
                v.find_cell(t, app::ROW_CARRY_FORWARD, app::COL_TOTAL)
                    .and_then(|c| c.number()),
                Some(0.0)
            );
            assert_eq!(
                v.find_cell(t, app::ROW_TOTAL, app::COL_TOTAL)
                    .and_then(|c| c.number()),
                Some(6.0)
            );
        }
    }
}

//! What the parser reads from every real report in `../shared/corpus`:
//! a snapshot of every report, section and table cell (each snapshot was
//! read line by line against the source), plus targeted assertions on the
//! facts the rules depend on.

use nblint_model::schema::{applications as app, art20, review};
use nblint_model::{CellState, Confidence, Document, FormatVersion, SectionKind, TableKind};
use nblint_test_support::{line_of, parse_seed, Lines};
use std::fmt::Write;

/// A readable rendering of the model: reports, level-1 sections, every
/// table cell, regions and parse issues, with 1-based line numbers.
fn render(doc: &Document) -> String {
    let v = doc.view();
    let lines = Lines::new(&doc.text);
    let line = |o: u32| lines.of(o);
    let mut out = String::new();
    for r in &doc.reports {
        writeln!(
            out,
            "report lines {}-{}: year {} ({}), format {} ({}), agency {:?} ({})",
            line(r.span.start),
            line(r.span.end),
            r.year,
            r.year_source.name(),
            r.format.name(),
            r.format_source.name(),
            v.agency(r),
            r.agency_source.name()
        )
        .unwrap();
        for s in v.report_sections(r).iter().filter(|s| s.level == 1) {
            writeln!(
                out,
                "  section {} {} [{} {}] line {}",
                s.number,
                v.slice(s.title),
                s.kind.name(),
                s.title_match.name(),
                line(s.heading.start)
            )
            .unwrap();
        }
        for t in v.report_tables(r) {
            writeln!(
                out,
                "  table {} format {} confidence {} line {}",
                t.kind.name(),
                t.format.name(),
                t.confidence.name(),
                line(t.span.start)
            )
            .unwrap();
            for row in v.table_rows(t) {
                let cells: Vec<String> = v
                    .row_cells(row)
                    .iter()
                    .map(|c| match c.state {
                        CellState::NUMBER => format!("{}", c.value),
                        other => format!("<{}>", other.name()),
                    })
                    .collect();
                let label = match t.kind {
                    TableKind::APPLICATIONS => app::row_label(row.key).to_string(),
                    TableKind::REVIEW => "数据行".to_string(),
                    _ => art20::row_label(row.key).to_string(),
                };
                writeln!(
                    out,
                    "    line {} {}: {}",
                    line(row.span.start),
                    label,
                    cells.join(" ")
                )
                .unwrap();
            }
        }
    }
    for reg in &doc.regions {
        writeln!(
            out,
            "region lines {}-{}: {}",
            line(reg.span.start),
            line(reg.span.end),
            reg.description
        )
        .unwrap();
    }
    for i in &doc.issues {
        writeln!(out, "issue line {}: {}", line(i.span.start), i.message_zh).unwrap();
    }
    out
}

fn cell(doc: &Document, report: usize, kind: TableKind, row: u16, col: u16) -> Option<f64> {
    let v = doc.view();
    let t = v.find_table(&doc.reports[report], kind)?;
    v.find_cell(t, row, col)?.number()
}

#[test]
fn jiyuan_model() {
    nblint_test_support::require_corpus!();
    let doc = parse_seed("jiyuan-szfb-2020.txt");
    insta::assert_snapshot!(render(&doc));
    assert_eq!(doc.reports.len(), 1);
    let r = &doc.reports[0];
    assert_eq!((r.year, r.format), (2020, FormatVersion::V2019));
    assert_eq!(doc.view().agency(r), "济源市人民政府办公室");
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_1,
            art20::ROW_NORMATIVE,
            art20::COL_TOTAL_PUBLISHED
        ),
        Some(634.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_9,
            art20::ROW_PROCUREMENT,
            art20::COL_PROCUREMENT_AMOUNT
        ),
        Some(123.5218)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_TOTAL,
            app::COL_TOTAL
        ),
        Some(6.0)
    );
    // The 予以公开 row gives only its total; the other cells are blank, not 0.
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_PUBLIC,
            app::COL_TOTAL
        ),
        Some(6.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_PUBLIC,
            app::COL_NATURAL
        ),
        None
    );
}

#[test]
fn yuncheng_model() {
    nblint_test_support::require_corpus!();
    let doc = parse_seed("yuncheng-szfb-2020.txt");
    insta::assert_snapshot!(render(&doc));
    assert_eq!(doc.reports.len(), 1);
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_UNABLE_BASE + 1,
            app::COL_NATURAL
        ),
        Some(8.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_CARRY_FORWARD,
            app::COL_TOTAL
        ),
        Some(1.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_9,
            art20::ROW_PROCUREMENT,
            art20::COL_PROCUREMENT_AMOUNT
        ),
        Some(38.41)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::REVIEW,
            review::ROW_DATA,
            review::col(0, 4)
        ),
        Some(1.0)
    );
}

#[test]
fn nanyang_one_cell_per_line() {
    nblint_test_support::require_corpus!();
    let doc = parse_seed("nanyang-szfb-2019-onecell.txt");
    insta::assert_snapshot!(render(&doc));
    let r = &doc.reports[0];
    assert_eq!(r.year, 2019);
    let kinds: Vec<SectionKind> = doc
        .view()
        .report_sections(r)
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.kind)
        .collect();
    assert!(!kinds.contains(&SectionKind::OTHER), "nanyang has no 六");
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_NEW,
            app::COL_NATURAL
        ),
        Some(76.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_NEW,
            app::COL_TOTAL
        ),
        Some(76.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_CARRY_FORWARD,
            app::COL_TOTAL
        ),
        Some(3.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_NEW,
            app::COL_LEGAL
        ),
        None
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_1,
            art20::ROW_NORMATIVE,
            art20::COL_TOTAL_PUBLISHED
        ),
        Some(216.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::REVIEW,
            review::ROW_DATA,
            review::col(0, 0)
        ),
        Some(1.0)
    );
}

#[test]
fn minhe_ocr_table_is_partial_not_guessed() {
    nblint_test_support::require_corpus!();
    let doc = parse_seed("minhe-xian-2020-ocr.txt");
    insta::assert_snapshot!(render(&doc));
    let v = doc.view();
    let t = v
        .find_table(&doc.reports[0], TableKind::APPLICATIONS)
        .unwrap();
    assert_eq!(t.confidence, Confidence::PARTIAL);
    let new_row = v.find_row(t, app::ROW_NEW).unwrap();
    assert!(v
        .row_cells(new_row)
        .iter()
        .all(|c| c.state == CellState::UNREADABLE));
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_TOTAL,
            app::COL_TOTAL
        ),
        Some(81.0)
    );
    assert_eq!(
        doc.issues.len(),
        1,
        "one parse diagnostic for the garbled table"
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_9,
            art20::ROW_PROCUREMENT,
            art20::COL_PROCUREMENT_AMOUNT
        ),
        Some(8208.93)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_6,
            art20::ROW_PENALTY,
            art20::COL_CHANGE
        ),
        Some(-40.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_1,
            art20::ROW_RULES,
            art20::COL_NEW_PUBLISHED
        ),
        Some(3.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_1,
            art20::ROW_RULES,
            art20::COL_TOTAL_PUBLISHED
        ),
        Some(0.0)
    );
}

#[test]
fn lixia_page_splits_into_reports() {
    nblint_test_support::require_corpus!();
    let doc = parse_seed("lixia-qzf-page-2014-2022.txt");
    insta::assert_snapshot!(render(&doc));
    let years: Vec<u16> = doc.reports.iter().map(|r| r.year).collect();
    assert_eq!(
        years,
        [2022, 2021, 2021, 2020, 2020, 2014, 2019, 2019, 2019]
    );
    let formats: Vec<&str> = doc.reports.iter().map(|r| r.format.name()).collect();
    assert_eq!(
        formats,
        ["2021", "2021", "2021", "2019", "2019", "pre2019", "2019", "2019", "2019"]
    );
    // The 指南 before the first report is not a report.
    assert!(doc.regions[0].description.contains("指南"));
    assert_eq!(line_of(&doc, doc.reports[0].span.start), 135);
    // 2022: 上年结转 12, 2021: 结转下年度 12.
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_CARRIED,
            app::COL_TOTAL
        ),
        Some(12.0)
    );
    assert_eq!(
        cell(
            &doc,
            1,
            TableKind::APPLICATIONS,
            app::ROW_CARRY_FORWARD,
            app::COL_TOTAL
        ),
        Some(12.0)
    );
    assert_eq!(
        cell(
            &doc,
            1,
            TableKind::APPLICATIONS,
            app::ROW_NEW,
            app::COL_TOTAL
        ),
        Some(341.0)
    );
    assert_eq!(
        cell(
            &doc,
            3,
            TableKind::APPLICATIONS,
            app::ROW_NEW,
            app::COL_TOTAL
        ),
        Some(176.0)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::ART20_8,
            art20::ROW_FEES,
            art20::COL_FEE_AMOUNT
        ),
        Some(11609.06)
    );
    assert_eq!(
        cell(
            &doc,
            0,
            TableKind::APPLICATIONS,
            app::ROW_OTHER_BASE + 3,
            app::COL_TOTAL
        ),
        Some(3.0)
    );
}

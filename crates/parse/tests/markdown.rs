//! Markdown as Word→Markdown converters write it, from whole real reports
//! (corpus/real/tools/make_markdown.sh: pandoc, GitHub-flavoured with pipe
//! tables, and CommonMark with the tables as HTML `<table>`s): `## 一、…`
//! headings, `| 行政复议 | …` rows, merged cells as rowspan/colspan.

use nblint_model::schema::{applications as app, review};
use nblint_model::{Confidence, FormatVersion, TableKind};
use nblint_parse::{parse_bytes, InputKind, ParseOptions, ParsedFile};
use std::path::PathBuf;

fn real(name: &str) -> ParsedFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    parse_bytes(Some(&path), &bytes, &ParseOptions::default()).unwrap()
}

/// The 1-based line of the file (not of the extracted text) at a text offset.
fn file_line(p: &ParsedFile, offset: u32) -> usize {
    let source = p.source.as_deref().unwrap_or(&p.doc.text);
    let at = p.source_map.to_source(offset) as usize;
    source[..at].matches('\n').count() + 1
}

fn sections(p: &ParsedFile) -> Vec<(u16, usize)> {
    let v = p.doc.view();
    v.report_sections(&p.doc.reports[0])
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| (s.number, file_line(p, s.heading.start)))
        .collect()
}

fn cells(p: &ParsedFile, kind: TableKind, key: u16) -> Vec<f64> {
    let v = p.doc.view();
    let t = v.find_table(&p.doc.reports[0], kind).expect("table");
    let r = v.table_rows(t).iter().find(|r| r.key == key).expect("row");
    v.row_cells(r)
        .iter()
        .map(|c| c.number().unwrap_or(f64::NAN))
        .collect()
}

#[test]
fn hash_headings_and_pipe_tables() {
    let p = real("pingtan-szf-2019-markdown.md");
    assert_eq!(p.kind, InputKind::Markdown);
    assert_eq!(
        sections(&p),
        [(1, 5), (2, 16), (3, 51), (4, 81), (5, 89), (6, 99)]
    );
    let v = p.doc.view();
    let t = v
        .find_table(&p.doc.reports[0], TableKind::APPLICATIONS)
        .unwrap();
    assert_eq!(
        (t.confidence, t.format, v.table_rows(t).len()),
        (Confidence::FULL, FormatVersion::V2019, 23)
    );
    // pingtan-szf-2019.txt: 一 23 … 23, （七） 23 … 23, 四 0 … 0.
    let new = [23.0, 0.0, 0.0, 0.0, 0.0, 0.0, 23.0];
    assert_eq!(cells(&p, TableKind::APPLICATIONS, app::ROW_NEW), new);
    assert_eq!(cells(&p, TableKind::APPLICATIONS, app::ROW_TOTAL), new);
    assert_eq!(
        cells(&p, TableKind::APPLICATIONS, app::ROW_CARRY_FORWARD),
        [0.0; 7]
    );
    // "| 行政复议 | | …": table 四, its data row on line 87.
    let t = v
        .find_table(&p.doc.reports[0], TableKind::REVIEW)
        .expect("table 四");
    assert_eq!(t.confidence, Confidence::FULL);
    let row = v.table_rows(t)[0];
    assert_eq!(file_line(&p, row.span.start), 87);
    assert_eq!(cells(&p, TableKind::REVIEW, review::ROW_DATA), [0.0; 15]);
}

#[test]
fn html_tables_inside_markdown() {
    let p = real("pingtan-szf-2021-markdown-html.md");
    assert_eq!(
        sections(&p),
        [(1, 5), (2, 19), (3, 121), (4, 437), (5, 526), (6, 532)]
    );
    let v = p.doc.view();
    let t = v
        .find_table(&p.doc.reports[0], TableKind::APPLICATIONS)
        .unwrap();
    assert_eq!(
        (t.confidence, t.format, v.table_rows(t).len()),
        (Confidence::FULL, FormatVersion::V2021, 25)
    );
    assert_eq!(
        cells(&p, TableKind::APPLICATIONS, app::ROW_NEW),
        [64.0, 0.0, 0.0, 2.0, 0.0, 4.0, 70.0]
    );
    assert_eq!(
        cells(&p, TableKind::APPLICATIONS, app::ROW_TOTAL),
        [63.0, 0.0, 0.0, 2.0, 0.0, 4.0, 69.0]
    );
    assert_eq!(
        cells(&p, TableKind::REVIEW, review::ROW_DATA),
        [1.0, 0.0, 2.0, 0.0, 3.0, 12.0, 0.0, 0.0, 0.0, 12.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    // A cell's location leads back into the Markdown file's <td>.
    let v = p.doc.view();
    let t = v
        .find_table(&p.doc.reports[0], TableKind::APPLICATIONS)
        .unwrap();
    let new = v
        .table_rows(t)
        .iter()
        .find(|r| r.key == app::ROW_NEW)
        .unwrap();
    let c = v.row_cells(new)[6];
    let src = p.source.as_deref().unwrap();
    let at = p.source_map.to_source(c.span.start) as usize;
    assert!(src[at..].starts_with("70"), "{}", &src[at..at + 20]);
    assert!(src[..at].ends_with("<td>"), "{}", &src[at - 20..at]);
}

/// corpus/real/shanghai-szfbgt-2019.html and its pandoc Markdown: the
/// header cell 本年新公开数量 and the cells under it span two columns, so
/// each row has an empty cell more than the table has columns; the cells
/// are read under their header names (file lines 78-87 of the Markdown).
#[test]
fn merged_header_and_row_cells_are_read_by_position() {
    use nblint_model::schema::art20;
    for file in ["shanghai-szfbgt-2019.html", "shanghai-szfbgt-2019-md.md"] {
        let p = real(file);
        let v = p.doc.view();
        let t = v.find_table(&p.doc.reports[0], TableKind::ART20_1).unwrap();
        assert_eq!(t.confidence, Confidence::FULL, "{file}");
        assert_eq!(
            cells(&p, TableKind::ART20_1, art20::ROW_RULES),
            [13.0, 13.0, 524.0],
            "{file}"
        );
        assert_eq!(
            cells(&p, TableKind::ART20_1, art20::ROW_NORMATIVE),
            [60.0, 60.0, 368.0],
            "{file}"
        );
    }
    let p = real("shanghai-szfbgt-2019-md.md");
    let v = p.doc.view();
    let t = v.find_table(&p.doc.reports[0], TableKind::ART20_1).unwrap();
    let rules = v
        .table_rows(t)
        .iter()
        .find(|r| r.key == art20::ROW_RULES)
        .unwrap();
    let at: Vec<usize> = v
        .row_cells(rules)
        .iter()
        .map(|c| file_line(&p, c.span.start))
        .collect();
    assert_eq!(at, [79, 80, 81]);
}

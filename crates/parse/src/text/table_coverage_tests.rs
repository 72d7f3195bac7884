//! Cells read against cells present, for every table of every corpus
//! file (the seeds, shared/corpus/real, corpus/real): a table read with
//! confidence "full" has every row of its template, no unreadable cell,
//! and as many numbers as its rows hold in the text.

use super::lines::{self, LineKind};
use super::tables::expected_rows;
use crate::{parse_bytes, ParseOptions};
use nblint_model::{CellState, Confidence, Document, Span};
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let shared = nblint_test_support::corpus_dir();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/real");
    let mut files = Vec::new();
    for dir in [shared.join("seeds"), shared.join("real"), own] {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if ["txt", "md", "html", "docx"].contains(&ext) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Numbers written in the table's rows: every space-, tab- or
/// pipe-separated word of its lines after the header that reads as a
/// number, outside the row labels and page furniture.
fn numbers_present(doc: &Document, table: &nblint_model::Table, labels: &[Span]) -> usize {
    let text = &doc.text;
    let from = table.header.end.max(table.label.end);
    let mut count = 0;
    for line in lines::split(text) {
        let inside = line.span.start >= from && line.span.end <= table.span.end;
        if !inside || line.kind != LineKind::Text {
            continue;
        }
        let s = &text[line.span.range()];
        let mut at = 0;
        for word in s.split(|c: char| lines::is_space(c) || c == '|') {
            let start = line.span.start + at as u32;
            at += word.len() + 1;
            let in_label = labels.iter().any(|l| l.start <= start && start < l.end);
            if !word.is_empty()
                && !in_label
                && matches!(
                    super::cells::classify(word),
                    super::cells::CellText::Number(_)
                )
            {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn full_tables_hold_every_row_and_every_number_present() {
    let files = corpus_files();
    assert!(files.len() >= 15, "corpus files: {files:?}");
    let mut checked = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let parsed = parse_bytes(Some(&path), &bytes, &ParseOptions::default()).unwrap();
        let doc = &parsed.doc;
        let v = doc.view();
        for t in &doc.tables {
            if t.confidence != Confidence::FULL {
                continue;
            }
            checked += 1;
            let rows = v.table_rows(t);
            let name = format!(
                "{}: table {} at byte {}",
                path.display(),
                t.kind.name(),
                t.span.start
            );
            for key in expected_rows(t.kind, t.format) {
                assert!(
                    rows.iter().any(|r| r.key == key),
                    "{name}: row {key} missing"
                );
            }
            let cells: Vec<_> = rows.iter().flat_map(|r| v.row_cells(r)).collect();
            assert!(
                cells.iter().all(|c| c.state != CellState::UNREADABLE),
                "{name}: an unreadable cell in a full table"
            );
            // DOCX text is rebuilt from the document: its lines are the
            // parser's own, so counting its words would check nothing new.
            if parsed.kind == crate::InputKind::Docx {
                continue;
            }
            let read = cells
                .iter()
                .filter(|c| c.state == CellState::NUMBER)
                .count();
            let labels: Vec<Span> = rows.iter().map(|r| r.label).collect();
            let present = numbers_present(doc, t, &labels);
            assert_eq!(read, present, "{name}: numbers read vs present in its rows");
        }
    }
    assert!(checked >= 50, "only {checked} full tables");
}

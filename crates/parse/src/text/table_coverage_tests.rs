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
/// pipe-separated word of its lines below the header that reads as a
/// number, outside the row labels and page furniture. A line whose label
/// names a row the template does not have ("其他主动公开文件") is an extra
/// row, not a missed one. A table flowed into one line of prose (the
/// pre-2019 统计表 as web archives store it) counts the words of its part
/// of the line, outside its header.
fn numbers_present(doc: &Document, table: &nblint_model::Table, labels: &[Span]) -> usize {
    let text = &doc.text;
    let mut count = 0;
    for line in lines::split(text) {
        let inside = line.span.start >= table.span.start && line.span.end <= table.span.end;
        let holds_table = line.span.start <= table.span.start && line.span.end >= table.span.end;
        let in_header = !table.header.is_empty()
            && line.span.start >= table.header.start
            && line.span.end <= table.header.end;
        if !(inside || holds_table)
            || in_header
            || line.kind != LineKind::Text
            || (inside && is_extra_row(table, &line))
        {
            continue;
        }
        let part = if inside { line.span } else { table.span };
        let s = &text[part.range()];
        let base = part.start as usize;
        let cuts = s
            .char_indices()
            .filter(|&(_, c)| lines::is_space(c) || c == '|');
        let mut from = 0;
        let ends = cuts
            .map(|(i, c)| (i, i + c.len_utf8()))
            .chain(std::iter::once((s.len(), s.len())));
        for (end, next) in ends {
            let word = &s[from..end];
            let start = (base + from) as u32;
            from = next;
            let in_label = labels.iter().any(|l| l.start <= start && start < l.end);
            let in_header = table.header.start <= start && start < table.header.end;
            if !word.is_empty()
                && !in_label
                && !in_header
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

fn is_extra_row(table: &nblint_model::Table, line: &lines::Line) -> bool {
    // The label: the line's words before its first number.
    let head = line
        .compact
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let label = super::headings::words(head);
    if label.chars().count() < 2 || table.kind.0 >= nblint_model::TableKind::APPLICATIONS.0 {
        return false;
    }
    super::tables::art20_row_key(&label).is_none()
}

#[test]
fn full_tables_hold_every_row_and_every_number_present() {
    let files = corpus_files();
    assert!(files.len() >= 15, "corpus files: {files:?}");
    let mut checked = 0;
    let mut failures: Vec<String> = Vec::new();
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
            // A pre-2019 统计表 whose cells ran together ("网站公开条1382、政府
            // 公报公开条0", czj-2018) has no words to count: its split is
            // tested in stats_table.rs.
            let glued = t.kind == nblint_model::TableKind::STATS_PRE2019
                && cells.iter().any(|c| {
                    c.state == CellState::NUMBER
                        && !doc.text[..c.span.start as usize]
                            .ends_with(|ch: char| lines::is_space(ch) || ch == '|')
                });
            if glued {
                continue;
            }
            let read = cells
                .iter()
                .filter(|c| c.state == CellState::NUMBER)
                .count();
            let labels: Vec<Span> = rows.iter().map(|r| r.label).collect();
            let present = numbers_present(doc, t, &labels);
            if read != present {
                failures.push(format!(
                    "{name}: {read} numbers read, {present} present in its rows"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 50, "only {checked} full tables");
}

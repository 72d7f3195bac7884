//! Turns the lines of a table region into rows of label + value cells,
//! whatever the layout: tab-separated, pipe tables, or one cell per line.

use super::cells::{self, CellText};
use super::headings;
use super::lines::{self, Line, LineKind};
use super::norm;
use nblint_model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Tab,
    Pipe,
    /// One cell per line, blank lines between cells (`nanyang`).
    OneCell,
    /// Text extracted from a PDF: a row is a label and the numbers that
    /// end its line, separated by spaces; a label may wrap onto the lines
    /// after its numbers (`pdftotext -layout`, pdfplumber) or stand on the
    /// lines before them (`pdftotext -raw`).
    Spaced,
}

/// One row as read: its label text and its value cells.
#[derive(Clone, Debug)]
pub struct ScanRow {
    pub line: usize,
    /// The label cells, compact and without punctuation, joined.
    pub label_words: String,
    pub label: Span,
    pub span: Span,
    /// Value cells in column order. In the one-cell layout, gaps between
    /// values are already filled with blank cells.
    pub values: Vec<(Span, CellText)>,
}

/// The layout of the lines `from..to`.
pub fn layout(text: &str, lines: &[Line], from: usize, to: usize) -> Layout {
    let region = &lines[from..to.min(lines.len())];
    if region.iter().any(|l| l.has_tabs(text)) {
        Layout::Tab
    } else if region.iter().any(|l| l.has_pipes(text)) {
        Layout::Pipe
    } else if region.iter().any(|l| is_spaced_row(text, l)) {
        Layout::Spaced
    } else {
        Layout::OneCell
    }
}

/// A line of numbers separated by spaces, after a label or not: a row of
/// a table extracted from a PDF. One number alone is a cell of the
/// one-cell-per-line layout.
fn is_spaced_row(text: &str, line: &Line) -> bool {
    if line.kind != LineKind::Text {
        return false;
    }
    let (label, values) = lines::spaced_cells(text, line);
    values.len() >= 2 || (values.len() == 1 && !label.is_empty())
}

/// Whether a line ends a table region: a heading or a paragraph of prose.
pub fn is_prose_or_heading(text: &str, idx: usize, line: &Line) -> bool {
    if line.kind != LineKind::Text || line.has_tabs(text) || line.has_pipes(text) {
        return false;
    }
    // Up to 4 bytes a character: only lines of 41 to 160 bytes need
    // counting to know whether they exceed 40 characters.
    let len = line.compact.len();
    let long = len > 160 || (len > 40 && line.compact.chars().count() > 40);
    if long || line.compact.ends_with('。') {
        return true;
    }
    matches!(headings::heading(text, idx, line), Some(h) if h.level == 1)
}

/// Reads rows from `start` while `keep(line index, line)` holds.
/// Returns the rows and the index of the first line not consumed.
pub fn scan(
    text: &str,
    lines: &[Line],
    start: usize,
    layout: Layout,
    mut keep: impl FnMut(usize, &Line, &[ScanRow]) -> bool,
) -> (Vec<ScanRow>, usize) {
    let mut rows: Vec<ScanRow> = Vec::new();
    let mut i = start;
    let mut blanks_since_value = 0usize;
    let mut next_col = 0usize;
    // Spaced layout: label lines read since the last row of numbers.
    let mut pending: Vec<usize> = Vec::new();
    while i < lines.len() {
        let line = &lines[i];
        if matches!(line.kind, LineKind::Marker | LineKind::Furniture) {
            i += 1;
            continue;
        }
        if line.kind == LineKind::Blank {
            blanks_since_value += 1;
            i += 1;
            continue;
        }
        if line.kind == LineKind::Junk || !keep(i, line, &rows) {
            break;
        }
        match layout {
            Layout::Spaced => spaced_row(text, lines, i, &mut rows, &mut pending),
            Layout::Tab | Layout::Pipe => {
                let sep = if layout == Layout::Tab { '\t' } else { '|' };
                if let Some(row) = separated_row(text, i, line, sep) {
                    rows.push(row);
                }
            }
            Layout::OneCell => {
                let raw = text[line.span.range()].trim_matches(lines::is_space);
                let kind = cells::classify(raw);
                if kind == CellText::Text {
                    rows.push(ScanRow {
                        line: i,
                        label_words: headings::words(&line.compact),
                        label: trimmed_span(text, line.span),
                        span: line.span,
                        values: Vec::new(),
                    });
                    next_col = 0;
                } else if let Some(row) = rows.last_mut() {
                    // The first value follows its label after one blank
                    // line; each further blank line is one empty cell.
                    let col = if row.values.is_empty() {
                        blanks_since_value.saturating_sub(1)
                    } else {
                        next_col + blanks_since_value.saturating_sub(1)
                    };
                    let gap_at = Span {
                        start: row.label.end,
                        end: row.label.end,
                    };
                    while row.values.len() < col {
                        row.values.push((gap_at, CellText::Blank));
                    }
                    row.values.push((trimmed_span(text, line.span), kind));
                    row.span = row.span.cover(line.span);
                    next_col = row.values.len();
                }
            }
        }
        blanks_since_value = 0;
        i += 1;
    }
    (rows, i)
}

/// One line of the spaced layout. Lines of words before the first row of
/// numbers are header rows; later ones are the wrapped label of the row
/// of numbers that follows them when that row has no label of its own
/// (`pdftotext -raw`), and otherwise the tail of the previous row's label.
fn spaced_row(
    text: &str,
    lines: &[Line],
    idx: usize,
    rows: &mut Vec<ScanRow>,
    pending: &mut Vec<usize>,
) {
    let line = &lines[idx];
    let (label, values) = lines::spaced_cells(text, line);
    let header = rows.iter().all(|r| r.values.is_empty());
    if values.is_empty() {
        if header {
            rows.push(ScanRow {
                line: idx,
                label_words: headings::words(&line.compact),
                label: trimmed_span(text, line.span),
                span: line.span,
                values,
            });
        } else {
            pending.push(idx);
        }
        return;
    }
    let (label_words, label) = if !label.is_empty() {
        (headings::words(&norm::compact(&text[label.range()])), label)
    } else if let Some(&last) = pending.last() {
        // A wrapped label: its last line, and the one before when the
        // last is a stub ("量", "理").
        let from = match pending.len() {
            n if n >= 2 && lines[last].compact.chars().count() <= 3 => pending[n - 2],
            _ => last,
        };
        let mut words = String::new();
        for &k in pending.iter().filter(|&&k| k >= from) {
            headings::push_words(&mut words, &lines[k].compact);
        }
        (
            words,
            trimmed_span(text, lines[from].span).cover(trimmed_span(text, lines[last].span)),
        )
    } else {
        (String::new(), label)
    };
    pending.clear();
    rows.push(ScanRow {
        line: idx,
        label_words,
        label,
        span: line.span,
        values,
    });
}

/// Joins a row label standing on a line of its own to the numbers on the
/// lines after it that have no label ("规章 |" then "0 |", "0 |", "0 |":
/// one cell per line, pipe-terminated; or a label above a row of numbers).
/// The empty cells around each joined line's numbers are the separators'
/// ends, not cells.
pub fn join_value_lines(rows: &mut Vec<ScanRow>) {
    let has_value = |r: &ScanRow| {
        r.values
            .iter()
            .any(|(_, c)| matches!(c, CellText::Number(_) | CellText::Dash))
    };
    let mut out: Vec<ScanRow> = Vec::with_capacity(rows.len());
    let mut joining = false;
    for row in rows.drain(..) {
        let bare = row.label_words.is_empty() && has_value(&row);
        match out.last_mut() {
            Some(prev)
                if bare && (joining || (!prev.label_words.is_empty() && !has_value(prev))) =>
            {
                if !joining {
                    prev.values.clear();
                }
                let first = row.values.iter().position(|(_, c)| *c != CellText::Blank);
                let last = row.values.iter().rposition(|(_, c)| *c != CellText::Blank);
                if let (Some(a), Some(b)) = (first, last) {
                    prev.values.extend_from_slice(&row.values[a..=b]);
                }
                prev.span = prev.span.cover(row.span);
                joining = true;
            }
            _ => {
                joining = false;
                out.push(row);
            }
        }
    }
    *rows = out;
}

fn separated_row(text: &str, idx: usize, line: &Line, sep: char) -> Option<ScanRow> {
    let cells = lines::cells(text, line, sep);
    if cells.iter().all(|(_, c)| c.is_empty()) {
        return None;
    }
    let classes: Vec<CellText> = cells
        .iter()
        .map(|(span, compact)| cells::classify_compact(&text[span.range()], compact))
        .collect();
    let last_label = classes.iter().rposition(|c| *c == CellText::Text);
    let (label_words, label) = match last_label {
        Some(last) => {
            // One string for all label cells, not one per cell.
            let mut words = String::new();
            for (_, c) in &cells[..=last] {
                headings::push_words(&mut words, c);
            }
            let first = cells[..=last]
                .iter()
                .position(|(_, c)| !c.is_empty())
                .unwrap_or(0);
            (words, cells[first].0.cover(cells[last].0))
        }
        None => (
            String::new(),
            Span::new(line.span.start as usize, line.span.start as usize),
        ),
    };
    let values_from = last_label.map_or(0, |l| l + 1);
    let values = cells[values_from..]
        .iter()
        .zip(&classes[values_from..])
        .map(|((span, _), class)| (*span, *class))
        .collect();
    Some(ScanRow {
        line: idx,
        label_words,
        label,
        span: line.span,
        values,
    })
}

fn trimmed_span(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start_matches(lines::is_space).len();
    let trimmed = s.trim_matches(lines::is_space);
    let start = span.start as usize + lead;
    Span::new(start, start + trimmed.len())
}

/// Aligns a row's values to `ncols` columns: trailing blanks beyond the
/// table are dropped, and in separated layouts surplus leading blanks too
/// (merged label cells leave empty cells before the numbers). `None` when
/// the cells cannot be placed with confidence.
pub fn align(
    values: &[(Span, CellText)],
    ncols: usize,
    layout: Layout,
    gap_at: Span,
) -> Option<Vec<(Span, CellText)>> {
    let mut v: Vec<(Span, CellText)> = values.to_vec();
    while v.len() > ncols && matches!(v.last(), Some((_, CellText::Blank))) {
        v.pop();
    }
    if layout != Layout::OneCell {
        while v.len() > ncols && matches!(v.first(), Some((_, CellText::Blank))) {
            v.remove(0);
        }
    }
    if v.len() > ncols || v.iter().any(|(_, c)| *c == CellText::Multi) {
        return None;
    }
    if v.len() < ncols {
        if layout != Layout::OneCell
            && v.iter().any(|(_, c)| matches!(c, CellText::Number(_)))
            && !v.is_empty()
        {
            // A separated row with too few cells lost some: which ones is
            // unknowable.
            return None;
        }
        let at = v.last().map_or(gap_at, |(s, _)| Span {
            start: s.end,
            end: s.end,
        });
        v.resize(ncols, (at, CellText::Blank));
    }
    Some(v)
}

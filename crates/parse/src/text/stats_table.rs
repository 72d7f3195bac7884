//! The statistics table of the pre-2019 format (政府信息公开情况统计表):
//!
//! ```text
//! 指标名称            计量单位  2011年度  历年累计
//! 主动公开信息数        条      425      1516
//! 其中：1.网站公开      条      418      1509
//! …
//! 行政复议数            条      0        0
//! ```
//!
//! Real tables differ in wording and in which rows they have, so a row is
//! mapped by the words of its label ([`schema::stats::row_key`]); the rows
//! that cannot be mapped are named in a parse issue. The table is read in
//! separated layouts (tabs, pipes) and in lines whose cells are separated
//! by spaces only; cells run together without any separator
//! ("主动公开信息数条4251516") cannot be told apart and are reported as
//! unreadable.

use super::cells::{self, CellText};
use super::headings;
use super::lines::{self, Line, LineKind};
use super::scan;
use super::tables::{cell_from, RowDraft, TableDraft};
use nblint_model::schema::stats;
use nblint_model::{Cell, CellState, Confidence, FormatVersion, ParseIssue, Span, Table, TableKind};

/// Units a 计量单位 cell holds.
const UNITS: &[&str] = &[
    "条", "件", "个", "项", "次", "人次", "万元", "元", "家", "份", "篇", "期", "人", "场",
];

/// Whether a line is the header of the statistics table: 指标名称 with
/// 计量单位, or 计量单位 with a 本年度/累计 column.
pub fn is_header(line: &Line) -> bool {
    let c = &line.compact;
    c.len() < 200
        && c.contains("计量单位")
        && (c.contains("指标") || c.contains("累计") || c.contains("本年"))
}

/// Whether a compact line is the 行政复议数 row of a statistics table
/// ("行政复议数条00", "行政复议数件1 3"): a label, a unit and numbers, not
/// the header of the 2019 format's table 四.
pub fn is_review_count_row(compact: &str) -> bool {
    let Some(rest) = compact.strip_prefix("行政复议数") else {
        return false;
    };
    let rest = UNITS
        .iter()
        .find_map(|u| rest.strip_prefix(u))
        .unwrap_or(rest);
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/'))
}

/// One line of the table as read: label, unit cell, value cells.
struct LineRow {
    label: Span,
    label_words: String,
    unit: Option<Span>,
    values: Vec<(Span, CellText)>,
}

/// The cells of a line: separated by tabs or pipes when it has them, else
/// by runs of white space.
fn line_cells(text: &str, line: &Line) -> Vec<Span> {
    let sep = if line.has_tabs(text) {
        Some('\t')
    } else if line.has_pipes(text) {
        Some('|')
    } else {
        None
    };
    match sep {
        Some(sep) => lines::cells(text, line, sep)
            .into_iter()
            .map(|(span, _)| span)
            .filter(|s| !s.is_empty())
            .collect(),
        None => {
            let s = &text[line.span.range()];
            let base = line.span.start as usize;
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                match (lines::is_space(c), start) {
                    (true, Some(st)) => {
                        out.push(Span::new(base + st, base + i));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            out
        }
    }
}

fn is_unit(compact: &str) -> bool {
    UNITS.contains(&compact)
}

fn read_row(text: &str, line: &Line) -> Option<LineRow> {
    if line.kind != LineKind::Text {
        return None;
    }
    let cells = line_cells(text, line);
    let mut label: Option<Span> = None;
    let mut unit = None;
    let mut values = Vec::new();
    for span in cells {
        let raw = &text[span.range()];
        let compact = super::norm::compact(raw);
        if values.is_empty() && unit.is_none() && is_unit(&compact) && label.is_some() {
            unit = Some(span);
            continue;
        }
        match cells::classify_compact(raw, &compact) {
            CellText::Text if values.is_empty() && unit.is_none() => {
                label = Some(label.map_or(span, |l| l.cover(span)));
            }
            CellText::Text => return None,
            class => {
                label?;
                values.push((span, class));
            }
        }
    }
    let label = label?;
    Some(LineRow {
        label,
        label_words: headings::words(&super::norm::compact(&text[label.range()])),
        unit,
        values,
    })
}

/// The value columns of the header, in order: 本年度 and 历年累计.
fn columns(text: &str, header: &Line) -> Vec<u16> {
    let cols: Vec<u16> = line_cells(text, header)
        .iter()
        .filter_map(|span| {
            let c = super::norm::compact(&text[span.range()]);
            if c.contains("累计") {
                Some(stats::COL_CUMULATIVE)
            } else if c.contains("指标") || c.contains("计量单位") || c.contains("单位") {
                None
            } else if c.contains("年") || c.contains("本期") || c.contains("统计") || c.contains("数") {
                Some(stats::COL_THIS_YEAR)
            } else {
                None
            }
        })
        .collect();
    if cols.is_empty() {
        vec![stats::COL_THIS_YEAR, stats::COL_CUMULATIVE]
    } else {
        cols
    }
}

/// Reads the table whose header is line `anchor`.
pub fn read(text: &str, lines: &[Line], anchor: usize) -> TableDraft {
    let header = &lines[anchor];
    let cols = columns(text, header);
    let mut rows: Vec<RowDraft> = Vec::new();
    let mut unmapped: Vec<Span> = Vec::new();
    let mut unreadable: Vec<Span> = Vec::new();
    let mut end = anchor + 1;
    let mut i = anchor + 1;
    while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            LineKind::Blank | LineKind::Marker => {
                i += 1;
                continue;
            }
            LineKind::Junk => break,
            LineKind::Text => {}
        }
        let Some(row) = read_row(text, line).filter(|r| r.unit.is_some() || !r.values.is_empty())
        else {
            if ran_together(line) {
                unreadable.push(line.span);
                i += 1;
                end = i;
                continue;
            }
            break;
        };
        if row.values.is_empty() && scan::is_prose_or_heading(text, i, line) {
            break;
        }
        i += 1;
        end = i;
        let key = stats::row_key(&row.label_words)
            .filter(|k| !rows.iter().any(|r| r.key == *k));
        let Some(key) = key else {
            unmapped.push(row.label);
            continue;
        };
        rows.push(row_draft(key, &row, line.span, &cols));
    }
    let span = rows
        .iter()
        .fold(header.span, |s, r| s.cover(r.span))
        .cover(unmapped.iter().fold(header.span, |s, u| s.cover(*u)));
    let mut draft = TableDraft {
        table: Table {
            kind: TableKind::STATS_PRE2019,
            format: FormatVersion::PRE2019,
            confidence: Confidence::FULL,
            span,
            label: header.span,
            header: header.span,
            ..Table::default()
        },
        rows,
        first_line: anchor,
        end_line: end,
        issue: None,
    };
    if !unreadable.is_empty() || draft.rows.is_empty() {
        draft.table.confidence = Confidence::NONE;
        draft.issue = Some(ParseIssue {
            span: unreadable.first().copied().unwrap_or(header.span),
            message_zh: "“政府信息公开情况统计表”无法识别：各行的单元格连在一起（没有制表符、竖线或空格分隔），无法区分计量单位和各列数值，相关检查已跳过".into(),
            message_en: "the statistics table (pre-2019 format) could not be read: its cells run together without tabs, pipes or spaces, so units and columns cannot be told apart; checks on it were skipped".into(),
        });
    } else if !unmapped.is_empty() {
        draft.table.confidence = Confidence::PARTIAL;
        let names: Vec<&str> = unmapped.iter().map(|s| text[s.range()].trim()).collect();
        let list = names.join("、");
        draft.issue = Some(ParseIssue {
            span: unmapped[0],
            message_zh: format!(
                "“政府信息公开情况统计表”中有 {} 行未能对应到已知指标（{list}），这些行未参与检查",
                names.len()
            ),
            message_en: format!(
                "{} row(s) of the statistics table (pre-2019 format) match no known indicator ({list}); they were not checked",
                names.len()
            ),
        });
    }
    draft
}

/// A line of the table whose cells ran together: a label with digits glued
/// to it and no separator at all ("行政复议数条00").
fn ran_together(line: &Line) -> bool {
    let c = &line.compact;
    c.len() < 120
        && stats::row_key(&headings::words(c)).is_some()
        && c.ends_with(|ch: char| ch.is_ascii_digit())
}

fn row_draft(key: u16, row: &LineRow, span: Span, cols: &[u16]) -> RowDraft {
    let mut cells: Vec<Cell> = Vec::new();
    if let Some(unit) = row.unit {
        cells.push(Cell {
            row_key: key,
            col_key: stats::COL_UNIT,
            state: CellState::TEXT,
            span: unit,
            ..Cell::default()
        });
    }
    let gap = Span {
        start: span.end,
        end: span.end,
    };
    for (k, &col) in cols.iter().enumerate() {
        let cell = match row.values.get(k) {
            Some((s, class)) => cell_from(key, col, *s, *class),
            None => cell_from(key, col, gap, CellText::Blank),
        };
        cells.push(cell);
    }
    RowDraft {
        key,
        label: row.label,
        span,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::split;

    fn parse(text: &str) -> TableDraft {
        let lines = split(text);
        let at = lines.iter().position(is_header).expect("a header");
        read(text, &lines, at)
    }

    fn cell(text: &str, t: &TableDraft, row: u16, col: u16) -> (f64, String) {
        let r = t.rows.iter().find(|r| r.key == row).expect("row");
        let c = r.cells.iter().find(|c| c.col_key == col).expect("cell");
        (c.value, text[c.span.range()].to_string())
    }

    #[test]
    fn a_tab_separated_table_maps_rows_units_and_columns() {
        let text = "指标名称\t计量单位\t2012年度\t历年累计\n主动公开信息数\t条\t2026\t3542\n其中：1.网站公开\t条\t1795\t3304\n受理依申请公开信息总数\t条\t21\t21\n其中：1.当面申请数\t条\t18\t18\n3.电子邮件申请数\t条\t3\t3\n行政复议数\t条\t0\t0\n";
        let t = parse(text);
        assert_eq!(t.table.confidence, Confidence::FULL);
        assert!(t.issue.is_none());
        assert_eq!(t.rows.len(), 6);
        assert_eq!(
            cell(text, &t, stats::ROW_ACTIVE, stats::COL_CUMULATIVE),
            (3542.0, "3542".into())
        );
        assert_eq!(
            cell(text, &t, stats::ROW_APP_EMAIL, stats::COL_THIS_YEAR),
            (3.0, "3".into())
        );
        assert_eq!(cell(text, &t, stats::ROW_REVIEW, stats::COL_UNIT).1, "条");
    }

    #[test]
    fn space_separated_rows_are_read_and_unknown_rows_named() {
        let text = "指标名称  计量单位  本年度  历年累计\n主动公开信息数  条  12  40\n举办培训班数  期  2  9\n行政复议数  件  1  3\n";
        let t = parse(text);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.table.confidence, Confidence::PARTIAL);
        let issue = t.issue.clone().expect("an issue naming the row");
        assert!(issue.message_zh.contains("举办培训班数"), "{}", issue.message_zh);
        assert_eq!(
            cell(text, &t, stats::ROW_REVIEW, stats::COL_THIS_YEAR),
            (1.0, "1".into())
        );
    }

    #[test]
    fn the_review_count_row_is_told_from_table_four() {
        assert!(is_review_count_row("行政复议数条00"));
        assert!(is_review_count_row("行政复议数件13"));
        assert!(!is_review_count_row("行政复议"));
        assert!(!is_review_count_row("行政复议行政诉讼"));
        assert!(!is_review_count_row("行政复议数量"));
    }

    #[test]
    fn cells_run_together_are_unreadable_not_guessed() {
        let text = "指标名称计量单位2011年度历年累计\n主动公开信息数条4251516\n行政复议数条00\n";
        let t = parse(text);
        assert_eq!(t.table.confidence, Confidence::NONE);
        assert!(t.rows.is_empty());
        assert!(t.issue.unwrap().message_zh.contains("连在一起"));
    }
}

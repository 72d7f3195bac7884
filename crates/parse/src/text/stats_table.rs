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
use super::norm;
use super::tables::{cell_from, RowDraft, TableDraft};
use nblint_model::schema::stats;
use nblint_model::{
    Cell, CellState, Confidence, FormatVersion, ParseIssue, Span, Table, TableKind,
};
use regex::Regex;
use std::sync::OnceLock;

/// Units a 计量单位 cell holds.
const UNITS: &[&str] = &[
    "条", "件", "个", "项", "次", "人次", "万元", "元", "家", "份", "篇", "期", "人", "场",
];

/// Where the header of the statistics table starts in a line: 指标名称
/// followed closely by 计量单位 (a table flowed into a long line of prose
/// starts there), or a short line with 计量单位 and a 本年度/累计 column.
pub fn header_at(text: &str, line: &Line) -> Option<usize> {
    let c = &line.compact;
    if !c.contains("计量单位") {
        return None;
    }
    if c.len() < 200 && (c.contains("指标") || c.contains("累计") || c.contains("本年")) {
        return Some(line.span.start as usize);
    }
    let s = &text[line.span.range()];
    s.match_indices("指标名称").find_map(|(at, _)| {
        // 计量单位 within a few characters (spaces or OCR noise between).
        let unit_at = s[at..].find("计量")?;
        (unit_at < 40).then_some(line.span.start as usize + at)
    })
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
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/'))
}

/// A row being read: label, unit cell, value cells.
#[derive(Default)]
struct Pending {
    label: Option<Span>,
    unit: Option<Span>,
    values: Vec<(Span, CellText)>,
    /// Text tokens in a row without unit or value (prose after the table).
    words: usize,
}

impl Pending {
    fn complete(&self) -> bool {
        self.label.is_some() && (self.unit.is_some() || !self.values.is_empty())
    }
}

/// The cells of a line from byte `from` on: separated by tabs or pipes
/// when the line has them, else by runs of white space.
fn tokens(text: &str, line: &Line, from: usize) -> Vec<Span> {
    let sep = if line.has_tabs(text) {
        Some('\t')
    } else if line.has_pipes(text) {
        Some('|')
    } else {
        None
    };
    let spans: Vec<Span> = match sep {
        Some(sep) => lines::cells(text, line, sep)
            .into_iter()
            .map(|(span, _)| span)
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
    };
    spans
        .into_iter()
        .filter(|s| !s.is_empty() && s.start as usize >= from)
        .collect()
}

fn is_unit(compact: &str) -> bool {
    UNITS.contains(&compact)
}

/// The value columns named by the header tokens, in order: 本年度 and
/// 历年累计. The header ends at the first token that names no column.
fn columns(text: &str, header: &[Span]) -> (Vec<u16>, usize) {
    let mut cols = Vec::new();
    let mut used = 0;
    for (k, span) in header.iter().enumerate() {
        let c = norm::compact(&text[span.range()]);
        if c.len() > 40 {
            // The header glued to the rows that follow it: no separator.
            break;
        }
        let col = if c.contains("累计") {
            Some(stats::COL_CUMULATIVE)
        } else if c.contains("指标") || c.contains("单位") {
            None
        } else if c.contains("年") || c.contains("本期") || c.contains("统计") {
            Some(stats::COL_THIS_YEAR)
        } else {
            break;
        };
        cols.extend(col);
        used = k + 1;
    }
    if cols.is_empty() {
        cols = vec![stats::COL_THIS_YEAR, stats::COL_CUMULATIVE];
    }
    (cols, used)
}

/// At most this many text tokens in a row before its unit: more is prose.
const MAX_LABEL_TOKENS: usize = 6;

/// Reads the table whose header starts at byte `at` of line `anchor`. The
/// table may fill lines of its own (a row a line) or run on inside one
/// line, rows separated only by spaces (a page's text flowed together).
///
/// `None` when nothing under the header reads as a row (a line that only
/// names the columns, in prose or a note).
pub fn read(text: &str, lines: &[Line], anchor: usize, at: usize) -> Option<TableDraft> {
    let header_tokens = tokens(text, &lines[anchor], at);
    let (cols, header_len) = columns(text, &header_tokens);
    let header = header_tokens[..header_len.max(1).min(header_tokens.len())]
        .iter()
        .fold(Span::new(at, at), |s, t| s.cover(*t));
    // A header inside a longer line: the table stays within that line,
    // which remains prose for the rest of the parser.
    let flowed = header_tokens.len() > header_len + 2 || at > lines[anchor].span.start as usize;
    let mut reader = Reader {
        text,
        cols: &cols,
        rows: Vec::new(),
        unmapped: Vec::new(),
        unreadable: Vec::new(),
        unsplit: Vec::new(),
    };
    let mut end = anchor + 1;
    let mut i = anchor;
    'lines: while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            // Page furniture (a page number, a running header) is invisible
            // to table reading, as in the other tables.
            LineKind::Blank | LineKind::Marker | LineKind::Furniture => {
                i += 1;
                continue;
            }
            LineKind::Junk => break,
            LineKind::Text => {}
        }
        let toks = if i == anchor {
            header_tokens[header_len.min(header_tokens.len())..].to_vec()
        } else {
            tokens(text, line, 0)
        };
        let before = reader.rows.len() + reader.unmapped.len() + reader.unreadable.len();
        let mut row = Pending::default();
        for tok in toks {
            if !reader.token(&mut row, tok) {
                reader.flush(&mut row);
                break 'lines;
            }
        }
        reader.flush(&mut row);
        let after = reader.rows.len() + reader.unmapped.len() + reader.unreadable.len();
        if after == before && i > anchor {
            break;
        }
        i += 1;
        end = i;
        if flowed {
            break;
        }
    }
    if reader.rows.is_empty()
        && reader.unmapped.is_empty()
        && reader.unreadable.is_empty()
        && reader.unsplit.is_empty()
    {
        return None;
    }
    Some(reader.draft(anchor, if flowed { anchor } else { end }, header))
}

struct Reader<'t> {
    text: &'t str,
    cols: &'t [u16],
    rows: Vec<RowDraft>,
    unmapped: Vec<Span>,
    unreadable: Vec<Span>,
    /// Rows of a joined table whose digits could be split more than one way.
    unsplit: Vec<Span>,
}

impl Reader<'_> {
    /// Takes one token into the row being read; `false` when the token
    /// ends the table (prose).
    fn token(&mut self, row: &mut Pending, tok: Span) -> bool {
        let raw = &self.text[tok.range()];
        let compact = norm::compact(raw);
        if row.label.is_some() && row.unit.is_none() && row.values.is_empty() && is_unit(&compact) {
            row.unit = Some(tok);
            return true;
        }
        match cells::classify_compact(raw, &compact) {
            CellText::Text => {
                if row.complete() {
                    self.flush(row);
                }
                if ran_together(&compact) {
                    *row = Pending::default();
                    if !self.joined(tok) {
                        self.unreadable.push(tok);
                    }
                    return true;
                }
                row.words += 1;
                row.label = Some(row.label.map_or(tok, |l| l.cover(tok)));
                !compact.ends_with('。') && row.words <= MAX_LABEL_TOKENS
            }
            class => {
                if row.label.is_none() {
                    return true;
                }
                row.values.push((tok, class));
                true
            }
        }
    }

    /// Reads a table whose cells ran together ("主动公开信息数条18535395其中：
    /// 1.网站公开条171350172.政府公报公开条07…"): each row is a label, a unit
    /// and one run of digits holding both columns, the next row's item
    /// number glued to its end. A run is split only where one reading is
    /// possible (no leading zeros, 历年累计 ≥ 本年度: "728" is 7 | 28);
    /// otherwise its cells are unreadable and the row is named in the
    /// table's issue. `false` when no row could be read at all.
    fn joined(&mut self, tok: Span) -> bool {
        static ROW: OnceLock<Regex> = OnceLock::new();
        let re = ROW.get_or_init(|| {
            Regex::new(r"((?:[^\d\s]|\d[.、．])+?)(条|件|个|项|次|份|万元|元)(\d+)")
                .expect("valid regex")
        });
        let raw = &self.text[tok.range()];
        // Past the header glued in front: "指标名称计量单位2013年度历年累计"
        // (two columns) or "指标名称计量单位年末统计" (one).
        let first_row = raw.find("主动公开").or_else(|| raw.find("申请"));
        let (from, cols): (usize, &[u16]) = match first_row {
            Some(i) if raw.starts_with("指标") => {
                let head = &raw[..i];
                if head.contains("累计") {
                    (i, &[stats::COL_THIS_YEAR, stats::COL_CUMULATIVE])
                } else if head.contains("统计") || head.contains("年度") || head.contains("本年")
                {
                    (i, &[stats::COL_THIS_YEAR])
                } else {
                    (i, self.cols)
                }
            }
            _ => (0, self.cols),
        };
        let base = tok.start as usize;
        let mut label_start = from;
        let before = self.rows.len() + self.unmapped.len();
        let mut at = from;
        while let Some(caps) = re.captures_at(raw, at) {
            let (whole, unit, digits) = (
                caps.get(0).unwrap(),
                caps.get(2).unwrap(),
                caps.get(3).unwrap(),
            );
            let mut end = digits.end();
            // The next row's item number ("2." of "…172.政府公报公开").
            if raw[end..].starts_with(['.', '、', '．']) && digits.len() > 1 {
                end -= 1;
            }
            let label = Span::new(base + label_start.max(whole.start()), base + unit.start());
            if self.text[label.range()].chars().count() > 30 {
                // Not a row label: whatever follows the table.
                break;
            }
            let run = Span::new(base + digits.start(), base + end);
            let mut row = Pending {
                label: Some(label),
                unit: Some(Span::new(base + unit.start(), base + unit.end())),
                values: Vec::new(),
                words: 1,
            };
            match split_run(&raw[digits.start()..end], run, cols.len()) {
                Some(values) => row.values = values,
                None => {
                    row.values = vec![(run, CellText::Multi); cols.len()];
                    self.unsplit.push(label);
                }
            }
            self.flush_into(&mut row, cols);
            label_start = end;
            at = end;
        }
        self.rows.len() + self.unmapped.len() > before
    }

    /// Ends the row being read: a row of the schema, an unmapped row, or
    /// nothing (text without unit or value).
    fn flush(&mut self, row: &mut Pending) {
        self.flush_into(row, self.cols);
    }

    /// [`Reader::flush`] with the table's value columns.
    fn flush_into(&mut self, row: &mut Pending, cols: &[u16]) {
        let done = std::mem::take(row);
        if !done.complete() {
            return;
        }
        let Some(label) = done.label else { return };
        let words = headings::words(&norm::compact(&self.text[label.range()]));
        let key = stats::row_key(&words).filter(|k| !self.rows.iter().any(|r| r.key == *k));
        match key {
            Some(key) => self.rows.push(row_draft(key, &done, label, cols)),
            None => self.unmapped.push(label),
        }
    }

    fn draft(self, anchor: usize, end: usize, header: Span) -> TableDraft {
        let span = self
            .rows
            .iter()
            .map(|r| r.span)
            .chain(self.unmapped.iter().copied())
            .chain(self.unreadable.iter().copied())
            .fold(header, Span::cover);
        let mut draft = TableDraft {
            table: Table {
                kind: TableKind::STATS_PRE2019,
                format: FormatVersion::PRE2019,
                confidence: Confidence::FULL,
                span,
                label: header,
                header,
                ..Table::default()
            },
            rows: self.rows,
            first_line: anchor,
            end_line: end.max(anchor),
            issue: None,
            under_heading: false,
        };
        if !self.unsplit.is_empty() && self.unreadable.is_empty() && !draft.rows.is_empty() {
            draft.table.confidence = Confidence::PARTIAL;
            let names: Vec<&str> = self
                .unsplit
                .iter()
                .map(|s| self.text[s.range()].trim())
                .collect();
            let list = names.join("、");
            draft.issue = Some(ParseIssue {
                span: self.unsplit[0],
                message_zh: format!(
                    "“政府信息公开情况统计表”的单元格连在一起；有 {} 行（{list}）的数字可有多种拆分，无法确定本年度与历年累计，这些行未参与检查",
                    names.len()
                ),
                message_en: format!(
                    "the cells of the statistics table (pre-2019 format) run together; in {} row(s) ({list}) the digits can be split more than one way into this year and cumulative, so they were not checked",
                    names.len()
                ),
            });
            return draft;
        }
        if !self.unreadable.is_empty() || draft.rows.is_empty() {
            draft.table.confidence = Confidence::NONE;
            draft.issue = Some(ParseIssue {
                span: self.unreadable.first().copied().unwrap_or(header),
                message_zh: "“政府信息公开情况统计表”无法识别：各行的单元格连在一起（没有制表符、竖线或空格分隔），无法区分计量单位和各列数值，相关检查已跳过".into(),
                message_en: "the statistics table (pre-2019 format) could not be read: its cells run together without tabs, pipes or spaces, so units and columns cannot be told apart; checks on it were skipped".into(),
            });
        } else if !self.unmapped.is_empty() {
            draft.table.confidence = Confidence::PARTIAL;
            let names: Vec<&str> = self
                .unmapped
                .iter()
                .map(|s| self.text[s.range()].trim())
                .collect();
            let list = names.join("、");
            draft.issue = Some(ParseIssue {
                span: self.unmapped[0],
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
}

/// The cells of a run of digits in a table of `ncols` value columns, when
/// only one reading is possible even with a cell left blank: the whole
/// run in a one-column table; in a two-column one, a run that opens with
/// 0 ("018", "00": "018" is no number as written, so it is 0 | 18). Any
/// other run ("728": 7 | 28, or 728 with 历年累计 blank) is not split.
fn split_run(digits: &str, span: Span, ncols: usize) -> Option<Vec<(Span, CellText)>> {
    let number = |s: &str| -> Option<CellText> {
        let valid = !s.is_empty() && (s == "0" || !s.starts_with('0')) && s.len() < 16;
        valid.then(|| {
            CellText::Number(norm::Number {
                value: s.parse::<u64>().unwrap_or(0) as f64,
                decimals: 0,
            })
        })
    };
    let at = span.start as usize;
    match ncols {
        1 => Some(vec![(span, number(digits)?)]),
        2 if digits.len() >= 2 && digits.starts_with('0') => Some(vec![
            (Span::new(at, at + 1), number("0")?),
            (Span::new(at + 1, span.end as usize), number(&digits[1..])?),
        ]),
        _ => None,
    }
}

/// A token whose cells ran together: a known label with its unit and
/// digits glued to it and no separator at all ("行政复议数条00").
fn ran_together(compact: &str) -> bool {
    !compact.contains(['。', '，'])
        && compact.ends_with(|ch: char| ch.is_ascii_digit())
        && stats::row_key(&headings::words(compact)).is_some()
}

fn row_draft(key: u16, row: &Pending, label: Span, cols: &[u16]) -> RowDraft {
    let mut cells: Vec<Cell> = Vec::new();
    let last = row
        .values
        .last()
        .map(|(s, _)| *s)
        .or(row.unit)
        .unwrap_or(label);
    let span = label.cover(last);
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
        label,
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
        let (line, at) = lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| header_at(text, l).map(|at| (i, at)))
            .expect("a header");
        read(text, &lines, line, at).expect("a table")
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
        assert!(
            issue.message_zh.contains("举办培训班数"),
            "{}",
            issue.message_zh
        );
        assert_eq!(
            cell(text, &t, stats::ROW_REVIEW, stats::COL_THIS_YEAR),
            (1.0, "1".into())
        );
    }

    #[test]
    fn a_joined_one_column_table_is_read_whole() {
        // pingtan-czj-2018 as stored: one column, 年末统计.
        let text = "附表 指标名称计量单位年末统计主动公开信息数条138其中：1、网站公开条1382、政府公报公开条0受理依申请公开信息总数条0\n";
        let t = parse(text);
        assert_eq!(t.table.confidence, Confidence::FULL, "{:?}", t.issue);
        let v = |row| {
            let r = t.rows.iter().find(|r| r.key == row).expect("row");
            r.cells
                .iter()
                .find(|c| c.col_key == stats::COL_THIS_YEAR)
                .and_then(|c| c.number())
        };
        assert_eq!(v(stats::ROW_ACTIVE), Some(138.0));
        assert_eq!(v(stats::ROW_ACTIVE_WEBSITE), Some(138.0));
        assert_eq!(v(stats::ROW_ACTIVE_GAZETTE), Some(0.0));
        assert_eq!(v(stats::ROW_APPLICATIONS), Some(0.0));
    }

    #[test]
    fn a_long_line_near_the_header_words_never_splits_a_character() {
        // pingtan-xczj-2010: multi-byte text 40 bytes after 指标名称.
        let far = format!("{}指标名称{}计量单位\n", "首页".repeat(80), "主".repeat(10));
        assert_eq!(header_at(&far, &split(&far)[0]), None);
        let near = format!("{}指标名称 计量单位 本年度 累计\n", "首页".repeat(80));
        assert_eq!(header_at(&near, &split(&near)[0]), Some(480));
    }

    #[test]
    fn a_line_that_only_names_the_columns_is_no_table() {
        // shared/corpus/real/README.md, line 24.
        let text = "| 2011, 2018 and xzf 2012 | pre-2019 outline with the 统计表 (指标名称 / 计量单位 / 本年度 / 历年累计) |\n| 2019 | 2019 format |\n";
        let lines = split(text);
        assert_eq!(header_at(text, &lines[0]), Some(0));
        assert!(read(text, &lines, 0, 0).is_none());
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
    fn cells_run_together_are_split_only_where_one_reading_is_possible() {
        // pingtan-xzf-2013 as the archive stores it (an excerpt).
        let text = "附件：统计表 指标名称计量单位2013年度历年累计主动公开信息数条18535395其中：1.网站公开条171350172.政府公报公开条07受理依申请公开信息总数条728其中：1.当面申请数条0182.传真申请数条003.电子邮件申请数条364.网上申请数条445.信函申请数条006.其它形式申请数条00行政复议数条00\n";
        let t = parse(text);
        assert_eq!(t.table.confidence, Confidence::PARTIAL);
        let issue = t.issue.clone().unwrap();
        assert!(
            issue
                .message_zh
                .contains("主动公开信息数、其中：1.网站公开、受理依申请公开信息总数"),
            "{}",
            issue.message_zh
        );
        let n = |row, col| {
            let r = t.rows.iter().find(|r| r.key == row).expect("row");
            r.cells
                .iter()
                .find(|c| c.col_key == col)
                .and_then(|c| c.number().map(|v| (v, &text[c.span.range()])))
        };
        assert_eq!(n(stats::ROW_ACTIVE, stats::COL_THIS_YEAR), None);
        assert_eq!(
            n(stats::ROW_ACTIVE_GAZETTE, stats::COL_CUMULATIVE),
            Some((7.0, "7"))
        );
        // "728" may be 7 | 28 or 728 with 历年累计 left blank: not split.
        assert_eq!(n(stats::ROW_APPLICATIONS, stats::COL_THIS_YEAR), None);
        assert_eq!(
            n(stats::ROW_APP_IN_PERSON, stats::COL_CUMULATIVE),
            Some((18.0, "18"))
        );
        assert_eq!(n(stats::ROW_APP_ONLINE, stats::COL_THIS_YEAR), None);
        assert_eq!(
            n(stats::ROW_APP_LETTER, stats::COL_THIS_YEAR),
            Some((0.0, "0"))
        );
        assert_eq!(
            n(stats::ROW_APP_OTHER, stats::COL_CUMULATIVE),
            Some((0.0, "0"))
        );
        assert_eq!(n(stats::ROW_REVIEW, stats::COL_THIS_YEAR), Some((0.0, "0")));
    }
}

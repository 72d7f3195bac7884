//! Recognises the tables of sections 二, 三 and 四 and maps them onto the
//! known row and column schema.

use super::cells::{self, CellText};
use super::headings;
use super::lines::{self, Line};
use super::scan::{self, Layout, ScanRow};
use super::stats_table;
use memchr::memmem::Finder;
use nblint_model::schema::{self, applications as app, art20, review};
use nblint_model::{
    Cell, CellState, Confidence, FormatVersion, ParseIssue, SectionKind, Span, Table, TableKind,
};
use std::sync::OnceLock;

/// A table as recognised, before it joins the document's arenas: the
/// model's `Table` (its `rows` range is filled in then) with its rows.
#[derive(Clone, Debug)]
pub struct TableDraft {
    pub table: Table,
    pub rows: Vec<RowDraft>,
    pub first_line: usize,
    pub end_line: usize,
    pub issue: Option<ParseIssue>,
    /// The table's label line is its section's heading (a table extracted
    /// from a PDF): that line stays a heading.
    pub under_heading: bool,
}

impl TableDraft {
    /// A table read from the lines `anchor..end`, whose first line is its
    /// label; `rows` are the scanned rows (they give its extent).
    fn new(
        kind: TableKind,
        format: FormatVersion,
        lines: &[Line],
        anchor: usize,
        end: usize,
        rows: &[ScanRow],
        header: Span,
    ) -> TableDraft {
        let label = lines[anchor].span;
        TableDraft {
            table: Table {
                kind,
                format,
                confidence: Confidence::FULL,
                span: rows.iter().fold(label, |s, r| s.cover(r.span)),
                label,
                header,
                ..Table::default()
            },
            rows: Vec::new(),
            first_line: anchor,
            end_line: end,
            issue: None,
            under_heading: false,
        }
    }

    /// Records why the table (or part of it) could not be read.
    fn distrust(&mut self, confidence: Confidence, span: Span, zh: String, en: String) {
        self.table.confidence = confidence;
        self.issue = Some(ParseIssue {
            span,
            message_zh: zh,
            message_en: en,
        });
    }
}

impl RowDraft {
    /// A row whose cells were placed in the columns `cols`.
    fn read(key: u16, row: &ScanRow, cols: &[u16], cells: AlignedCells) -> RowDraft {
        RowDraft {
            key,
            label: row.label,
            span: row.span,
            cells: cols
                .iter()
                .zip(cells)
                .map(|(&c, (span, t))| cell_from(key, c, span, t))
                .collect(),
        }
    }

    /// A row whose cells could not be placed: every cell unreadable.
    fn unreadable(key: u16, row: &ScanRow, cols: &[u16]) -> RowDraft {
        RowDraft {
            key,
            label: row.label,
            span: row.span,
            cells: unreadable_cells(key, cols, row.span),
        }
    }
}

/// A row's cells placed in their columns; `None` when they cannot be.
type AlignedCells = Vec<(Span, CellText)>;

#[derive(Clone, Debug)]
pub struct RowDraft {
    pub key: u16,
    pub label: Span,
    pub span: Span,
    pub cells: Vec<Cell>,
}

/// Finds every table in the text, in order.
pub fn find_tables(text: &str, lines: &[Line]) -> Vec<TableDraft> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let stats =
            stats_table::header_at(text, line).and_then(|at| stats_table::read(text, lines, i, at));
        let draft = if stats.is_some() {
            stats
        } else if let Some(kind) = art20_item(&line.compact) {
            Some(read_art20(text, lines, i, kind))
        } else if is_applications_anchor(line) {
            Some(read_applications(text, lines, i))
        } else if is_review_anchor(line) {
            Some(read_review(text, lines, i))
        } else {
            match spaced_section_table(text, lines, i) {
                Some(TableKind::APPLICATIONS) => Some(read_applications_spaced(text, lines, i)),
                Some(TableKind::REVIEW) => Some(read_review(text, lines, i)),
                _ => None,
            }
            .map(|mut d| {
                d.under_heading = true;
                d
            })
        };
        match draft {
            Some(mut d) => {
                i = d.end_line.max(i + 1);
                check_rows(&mut d);
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

/// The rows a table of this kind and format must have.
pub(crate) fn expected_rows(kind: TableKind, format: FormatVersion) -> Vec<u16> {
    use art20::*;
    match kind {
        TableKind::APPLICATIONS => match format {
            FormatVersion::V2021 => APP_ROWS_2021.to_vec(),
            FormatVersion::V2019 => APP_ROWS_2019.to_vec(),
            // Unknown: the rows both templates have.
            _ => APP_ROWS_2019
                .iter()
                .copied()
                .filter(|&k| k != app::ROW_OTHER)
                .collect(),
        },
        TableKind::REVIEW => vec![review::ROW_DATA],
        TableKind::ART20_1 => vec![ROW_RULES, ROW_NORMATIVE],
        TableKind::ART20_5 if format == FormatVersion::V2019 => {
            vec![ROW_LICENSING, ROW_OTHER_SERVICES]
        }
        TableKind::ART20_5 => vec![ROW_LICENSING],
        TableKind::ART20_6 => vec![ROW_PENALTY, ROW_COERCION],
        TableKind::ART20_8 => vec![ROW_FEES],
        TableKind::ART20_9 => vec![ROW_PROCUREMENT],
        _ => Vec::new(),
    }
}

fn row_name(kind: TableKind, key: u16) -> &'static str {
    match kind {
        TableKind::APPLICATIONS => app::row_label(key),
        TableKind::REVIEW => "数据行",
        _ => art20::row_label(key),
    }
}

/// Confidence from the rows actually read against the schema: a table
/// that lacks rows of its template is never "full", and the issue names
/// the rows that were not found.
fn check_rows(draft: &mut TableDraft) {
    if draft.table.confidence == Confidence::NONE {
        return;
    }
    let kind = draft.table.kind;
    let missing: Vec<&str> = expected_rows(kind, draft.table.format)
        .into_iter()
        .filter(|k| !draft.rows.iter().any(|r| r.key == *k))
        .map(|k| row_name(kind, k))
        .collect();
    if missing.is_empty() {
        return;
    }
    let confidence = if draft.rows.is_empty() {
        Confidence::NONE
    } else {
        Confidence::PARTIAL
    };
    let zh = format!(
        "“{}”表格缺少 {} 行（{}）：原文中未能找到或读取这些行，涉及它们的检查已跳过；请核对原表",
        schema::table_name(kind),
        missing.len(),
        missing.join("；")
    );
    let en = format!(
        "the {} table lacks {} row(s) ({}): they were not found or could not be read; checks involving them were skipped",
        schema::table_name_en(kind),
        missing.len(),
        missing.join("; ")
    );
    match &mut draft.issue {
        Some(issue) => {
            issue.message_zh.push_str(&format!("；另{zh}"));
            issue.message_en.push_str(&format!("; also, {en}"));
            // The worse of the two: NONE (2) over PARTIAL (1).
            if confidence.0 > draft.table.confidence.0 {
                draft.table.confidence = confidence;
            }
        }
        None => {
            let span = draft.table.span;
            draft.distrust(confidence, span, zh, en);
        }
    }
}

/// "第二十条第（一）项" → the table kind.
fn art20_item(compact: &str) -> Option<TableKind> {
    // The label is a short line (≤ 20 characters, ≤ 80 bytes): prose
    // lines are rejected before any search.
    if compact.len() > 80 {
        return None;
    }
    // Every short line is tested, several times: the searcher is built once.
    static ITEM: OnceLock<Finder<'static>> = OnceLock::new();
    let at = ITEM
        .get_or_init(|| Finder::new("第二十条第"))
        .find(compact.as_bytes())?;
    let rest = &compact[at + "第二十条第".len()..];
    let rest = rest.trim_start_matches(['(', '[']);
    let numeral = rest.chars().next()?;
    let after = rest[numeral.len_utf8()..].trim_start_matches([')', ']']);
    if !after.starts_with('项') || compact.chars().count() > 20 {
        return None;
    }
    Some(match numeral {
        '一' => TableKind::ART20_1,
        '五' => TableKind::ART20_5,
        '六' => TableKind::ART20_6,
        '八' => TableKind::ART20_8,
        '九' => TableKind::ART20_9,
        _ => return None,
    })
}

const ANCHOR_MAX_BYTES: usize = 400;

fn is_applications_anchor(line: &Line) -> bool {
    let c = &line.compact;
    // The note with the header cells of its row fits in a few hundred
    // bytes; a paragraph of prose is not an anchor.
    if c.len() > ANCHOR_MAX_BYTES {
        return false;
    }
    // Every short line of a file is tested: the searchers are built once.
    static FINDERS: OnceLock<[Finder<'static>; 3]> = OnceLock::new();
    let [note, first_item, new_count] = FINDERS.get_or_init(|| {
        [
            Finder::new("勾稽关系"),
            Finder::new("第一项"),
            Finder::new("本年新收政府信息公开申请数量"),
        ]
    });
    let has = |f: &Finder| f.find(c.as_bytes()).is_some();
    (has(note) && has(first_item))
        || c.starts_with("申请人情况")
        || (has(new_count) && c.chars().count() < 60)
}

/// The table under the heading of section 三 or 四 when it was extracted
/// from a PDF: the notes and header cells that anchor it elsewhere are
/// wrapped over many lines there ("（本列数据" / "的勾稽关系"), so the
/// section's heading anchors it.
fn spaced_section_table(text: &str, lines: &[Line], idx: usize) -> Option<TableKind> {
    let h = headings::heading(text, idx, &lines[idx]).filter(|h| h.level == 1)?;
    let kind = match headings::classify(&h.title_compact).0 {
        SectionKind::APPLICATIONS => TableKind::APPLICATIONS,
        SectionKind::REVIEW => TableKind::REVIEW,
        _ => return None,
    };
    // Wrapped row labels ("一、本年新") look like headings: the region
    // runs to the next standard section title.
    let mut end = idx + 1;
    while end < lines.len() && end < idx + 300 {
        let standard = headings::heading(text, end, &lines[end]).is_some_and(|h| {
            h.level == 1 && headings::classify(&h.title_compact).0 != SectionKind::NONE
        });
        if standard {
            break;
        }
        end += 1;
    }
    (scan::layout(text, lines, idx + 1, end) == Layout::Spaced).then_some(kind)
}

fn is_review_anchor(line: &Line) -> bool {
    // A Markdown table row starts with its pipe: "| 行政复议 | | …".
    let c = line.compact.trim_start_matches('|');
    c.starts_with("行政复议") && c.chars().count() <= 30 && !stats_table::is_review_count_row(c)
}

fn is_any_anchor(line: &Line) -> bool {
    art20_item(&line.compact).is_some() || is_review_anchor(line)
}

pub(super) fn cell_from(row_key: u16, col_key: u16, span: Span, text: CellText) -> Cell {
    let (state, value) = match text {
        CellText::Number(n) => (CellState::NUMBER, n.value),
        CellText::Blank => (CellState::BLANK, 0.0),
        CellText::Dash => (CellState::DASH, 0.0),
        CellText::Multi => (CellState::UNREADABLE, 0.0),
        CellText::Text => (CellState::TEXT, 0.0),
    };
    Cell {
        row_key,
        col_key,
        state,
        value,
        span,
        ..Cell::default()
    }
}

fn unreadable_cells(row_key: u16, cols: &[u16], at: Span) -> Vec<Cell> {
    cols.iter()
        .map(|&c| Cell {
            row_key,
            col_key: c,
            state: CellState::UNREADABLE,
            span: at,
            ..Cell::default()
        })
        .collect()
}

// ---------------------------------------------------------------- 第二十条

pub(crate) fn art20_row_key(words: &str) -> Option<u16> {
    let w = words.trim_start_matches(|c: char| c.is_ascii_digit());
    art20::ROWS
        .iter()
        .find(|(_, label)| w.ends_with(label) && w.chars().count() <= label.chars().count() + 4)
        .map(|(k, _)| *k)
}

/// The columns a header names, in the order it names them.
fn art20_columns(header: &str) -> Vec<u16> {
    let mut found: Vec<(usize, u16)> = Vec::new();
    let mut taken = vec![false; header.len()];
    for (key, keywords) in art20::COLUMNS {
        for kw in keywords.iter() {
            if let Some(pos) = header.find(kw) {
                if taken[pos..pos + kw.len()].iter().any(|t| *t) {
                    continue;
                }
                taken[pos..pos + kw.len()]
                    .iter_mut()
                    .for_each(|t| *t = true);
                found.push((pos, *key));
                break;
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, k)| k).collect()
}

fn art20_format(kind: TableKind, cols: &[u16]) -> FormatVersion {
    use art20::*;
    let v2021 = [COL_ISSUED, COL_REPEALED, COL_IN_FORCE, COL_FEE_AMOUNT];
    let v2019 = [
        COL_NEW_MADE,
        COL_NEW_PUBLISHED,
        COL_TOTAL_PUBLISHED,
        COL_PREV_COUNT,
        COL_CHANGE,
    ];
    if cols.iter().any(|c| v2021.contains(c)) {
        FormatVersion::V2021
    } else if cols.iter().any(|c| v2019.contains(c)) || kind == TableKind::ART20_9 {
        FormatVersion::V2019
    } else if cols == [COL_DECISIONS] {
        FormatVersion::V2021
    } else {
        FormatVersion::UNKNOWN
    }
}

fn read_art20(text: &str, lines: &[Line], anchor: usize, kind: TableKind) -> TableDraft {
    let layout = region_layout(text, lines, anchor);
    let (mut rows, end) = scan::scan(text, lines, anchor + 1, layout, |i, l, _| {
        !(art20_item(&l.compact).is_some()
            || is_applications_anchor(l)
            || is_review_anchor(l)
            || scan::is_prose_or_heading(text, i, l))
    });
    if matches!(layout, Layout::Tab | Layout::Pipe) {
        scan::join_value_lines(&mut rows);
    }
    let label = lines[anchor].span;
    let mut header_words = String::new();
    let mut header = Span::EMPTY;
    let mut header_row: Option<&ScanRow> = None;
    let mut data: Vec<(u16, &ScanRow)> = Vec::new();
    for row in &rows {
        match art20_row_key(&row.label_words) {
            Some(key) => data.push((key, row)),
            None if data.is_empty() => {
                header_words.push_str(&row.label_words);
                header = header.cover(row.span);
                let named = art20_columns(&row.label_words).len();
                if named > 0
                    && header_row.is_none_or(|h| art20_columns(&h.label_words).len() < named)
                {
                    header_row = Some(row);
                }
            }
            None => {}
        }
    }
    let cols = art20_columns(&header_words);
    let mut draft = TableDraft::new(
        kind,
        art20_format(kind, &cols),
        lines,
        anchor,
        end,
        &rows,
        header,
    );
    if cols.is_empty() || data.is_empty() {
        draft.distrust(
            Confidence::NONE,
            label,
            format!("{} 表格无法识别：未找到表头或数据行，相关检查已跳过", schema::table_name(kind)),
            format!("the {} table could not be read: no header or data rows found; checks on it were skipped", schema::table_name_en(kind)),
        );
        return draft;
    }
    let mut bad = Vec::new();
    for (key, row) in data {
        let gap = Span {
            start: row.label.end,
            end: row.label.end,
        };
        let aligned = scan::align(&row.values, cols.len(), layout, gap).or_else(|| {
            header_row.and_then(|h| cells_under_header(text, lines, h, row, layout, &cols))
        });
        match aligned {
            Some(v) => draft.rows.push(RowDraft::read(key, row, &cols, v)),
            None => {
                bad.push(art20::row_label(key));
                draft.rows.push(RowDraft::unreadable(key, row, &cols));
            }
        }
    }
    if !bad.is_empty() {
        draft.distrust(
            Confidence::PARTIAL,
            draft.table.span,
            format!(
                "{} 表格中“{}”行的单元格数目与表头不符，无法确定各数值所在的列，该行已跳过",
                schema::table_name(kind),
                bad.join("、")
            ),
            format!(
                "in the {} table the row(s) {} do not have one cell per column; they were skipped",
                schema::table_name_en(kind),
                bad.join(", ")
            ),
        );
    }
    draft
}

/// A row's cells taken at the positions of its header's column names, in
/// a separated layout: a merged header cell ("本年新公开数量", colspan 2)
/// and the merged cells under it leave the same empty cell after them, so
/// the row has more cells than the table has columns. `None` unless every
/// column is named once in the header line and every value of the row
/// stands under a named column.
fn cells_under_header(
    text: &str,
    lines: &[Line],
    header: &ScanRow,
    row: &ScanRow,
    layout: Layout,
    cols: &[u16],
) -> Option<AlignedCells> {
    let sep = match layout {
        Layout::Tab => '\t',
        Layout::Pipe => '|',
        _ => return None,
    };
    let row_line = &lines[row.line];
    if row.span != row_line.span {
        return None; // joined from several lines
    }
    let head = lines::cells(text, &lines[header.line], sep);
    let mut at: Vec<usize> = Vec::with_capacity(cols.len());
    for key in cols {
        let (_, keywords) = art20::COLUMNS.iter().find(|(k, _)| k == key)?;
        let named: Vec<usize> = head
            .iter()
            .enumerate()
            .filter(|(_, (_, c))| keywords.iter().any(|kw| c.contains(kw)))
            .map(|(i, _)| i)
            .collect();
        match named.as_slice() {
            [i] if !at.contains(i) => at.push(*i),
            _ => return None,
        }
    }
    let cells = lines::cells(text, row_line, sep);
    let label_end = cells
        .iter()
        .rposition(|(span, _)| !row.label.is_empty() && span.end <= row.label.end)
        .unwrap_or(0);
    let mut out = Vec::with_capacity(cols.len());
    for &i in &at {
        let (span, compact) = cells.get(i)?;
        if i <= label_end {
            return None;
        }
        out.push((*span, cells::classify_compact(&text[span.range()], compact)));
    }
    let stray = cells
        .iter()
        .enumerate()
        .skip(label_end + 1)
        .any(|(i, (span, compact))| {
            !at.contains(&i)
                && cells::classify_compact(&text[span.range()], compact) != CellText::Blank
        });
    (!stray).then_some(out)
}

/// The layout of a table from its anchor to the next heading or prose.
fn region_layout(text: &str, lines: &[Line], anchor: usize) -> Layout {
    let mut end = anchor + 1;
    while end < lines.len()
        && end < anchor + 200
        && !scan::is_prose_or_heading(text, end, &lines[end])
    {
        end += 1;
    }
    scan::layout(text, lines, anchor, end)
}

// ---------------------------------------------------------------- 三

/// The set of byte values of a text, folded to 64 bits. A keyword can
/// occur in a text only if all its bytes are in the text's set: the
/// keyword tables below test this before searching.
const fn byte_set(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut set = 0u64;
    let mut i = 0;
    while i < b.len() {
        set |= 1 << (b[i] & 63);
        i += 1;
    }
    set
}

/// A keyword and its [`byte_set`].
struct Keyword {
    word: &'static str,
    bytes: u64,
}

impl Keyword {
    const fn new(word: &'static str) -> Keyword {
        Keyword {
            word,
            bytes: byte_set(word),
        }
    }
}

/// A label to search for keywords. A label contains few of the ~30
/// keywords of the applications table: most searches are skipped on the
/// byte sets alone.
struct Hay<'a> {
    text: &'a str,
    bytes: u64,
}

impl<'a> Hay<'a> {
    fn new(text: &'a str) -> Hay<'a> {
        Hay {
            text,
            bytes: byte_set(text),
        }
    }

    fn has(&self, kw: &Keyword) -> bool {
        kw.bytes & !self.bytes == 0 && self.text.contains(kw.word)
    }
}

/// The row a label names. `group` tracks （三）–（六） for rows whose own
/// label is ambiguous ("3.其他").
pub(crate) fn app_row_key(words: &str, group: &mut u8) -> Option<u16> {
    use app::*;
    const fn kw(word: &'static str, key: u16) -> (Keyword, u16) {
        (Keyword::new(word), key)
    }
    const SPECIFIC: &[(Keyword, u16)] = &[
        kw("本年新收", ROW_NEW),
        kw("上年结转", ROW_CARRIED),
        kw("结转下年度", ROW_CARRY_FORWARD),
        kw("部分公开", ROW_PARTIAL),
        kw("国家秘密", ROW_DENY_BASE + 1),
        kw("禁止公开", ROW_DENY_BASE + 2),
        kw("三安全一稳定", ROW_DENY_BASE + 3),
        kw("第三方合法权益", ROW_DENY_BASE + 4),
        kw("内部事务", ROW_DENY_BASE + 5),
        kw("过程性信息", ROW_DENY_BASE + 6),
        kw("行政执法案卷", ROW_DENY_BASE + 7),
        kw("行政查询事项", ROW_DENY_BASE + 8),
        kw("不掌握相关政府信息", ROW_UNABLE_BASE + 1),
        kw("没有现成信息", ROW_UNABLE_BASE + 2),
        kw("仍不明确", ROW_UNABLE_BASE + 3),
        kw("信访举报投诉", ROW_NOT_PROCESSED_BASE + 1),
        kw("重复申请", ROW_NOT_PROCESSED_BASE + 2),
        kw("公开出版物", ROW_NOT_PROCESSED_BASE + 3),
        kw("大量反复申请", ROW_NOT_PROCESSED_BASE + 4),
        kw("重新出具", ROW_NOT_PROCESSED_BASE + 5),
        kw("逾期不补正", ROW_OTHER_BASE + 1),
        kw("收费通知", ROW_OTHER_BASE + 2),
    ];
    const DENY: Keyword = Keyword::new("不予公开");
    const OTHER: Keyword = Keyword::new("其他处理");
    const GROUPS: [(Keyword, u8); 4] = [
        (DENY, 3),
        (Keyword::new("无法提供"), 4),
        (Keyword::new("不予处理"), 5),
        (OTHER, 6),
    ];
    const PUBLIC: Keyword = Keyword::new("予以公开");
    const APPLICANT: Keyword = Keyword::new("申请人");
    let hay = Hay::new(words);
    for (group_word, g) in &GROUPS {
        if hay.has(group_word) {
            *group = *g;
        }
    }
    if let Some((_, key)) = SPECIFIC.iter().find(|(kw, _)| hay.has(kw)) {
        if (ROW_OTHER_BASE + 1..=ROW_OTHER_BASE + 3).contains(key) {
            *group = 6;
        }
        return Some(*key);
    }
    if hay.has(&PUBLIC) && !hay.has(&DENY) {
        return Some(ROW_PUBLIC);
    }
    if words.ends_with("总计") && !hay.has(&APPLICANT) && words.chars().count() <= 6 {
        return Some(ROW_TOTAL);
    }
    if *group == 6 && words.trim_start_matches(|c: char| c.is_ascii_digit()) == "其他" {
        return Some(ROW_OTHER_BASE + 3);
    }
    if hay.has(&OTHER) {
        return Some(ROW_OTHER);
    }
    None
}

/// A label that opens a group of rows (三、本年度办理结果, （三）不予公开 …).
fn is_group_label(words: &str) -> bool {
    const GROUP_LABELS: [Keyword; 5] = [
        Keyword::new("本年度办理结果"),
        Keyword::new("不予公开"),
        Keyword::new("无法提供"),
        Keyword::new("不予处理"),
        Keyword::new("其他处理"),
    ];
    let hay = Hay::new(words);
    GROUP_LABELS.iter().any(|w| hay.has(w))
}

/// The rows of table 三 in the order of the official templates.
const APP_ROWS_2019: [u16; 23] = app_rows::<23>(false);
const APP_ROWS_2021: [u16; 25] = app_rows::<25>(true);

const fn app_rows<const N: usize>(split_other: bool) -> [u16; N] {
    let mut out = [0u16; N];
    let mut n = 0;
    let mut k = 0;
    while k < app::ROWS.len() {
        let key = app::ROWS[k].0;
        let other_split = key > app::ROW_OTHER && key < app::ROW_TOTAL;
        let keep = if key == app::ROW_OTHER {
            !split_other
        } else {
            !other_split || split_other
        };
        if keep {
            out[n] = key;
            n += 1;
        }
        k += 1;
    }
    out
}

/// Table 三 as a PDF gives it (`pdftotext -layout`/`-raw`, pdfplumber).
/// The labels are wrapped, cut by page breaks and shifted against their
/// numbers (a vertically centred merged cell stands rows away), but the
/// rows of seven numbers come in the template's order: when there are as
/// many as the 2019 or 2021 template has rows, they are those rows.
/// Otherwise each row is keyed by its label where it can be, and the rows
/// not found are named.
fn read_applications_spaced(text: &str, lines: &[Line], anchor: usize) -> TableDraft {
    let (rows, end) = scan::scan(text, lines, anchor + 1, Layout::Spaced, |i, l, rows| {
        let started = rows.iter().any(|r| !r.values.is_empty());
        if is_any_anchor(l) && i > anchor + 1 {
            return false;
        }
        match headings::heading(text, i, l) {
            // A standard section title ends the table; "四、结转下" (a
            // wrapped row label) does not.
            Some(h) if h.level == 1 => headings::classify(&h.title_compact).0 == SectionKind::NONE,
            _ => !started || !scan::is_prose_or_heading(text, i, l),
        }
    });
    let number_rows: Vec<&ScanRow> = rows.iter().filter(|r| !r.values.is_empty()).collect();
    let header = rows
        .iter()
        .take_while(|r| r.values.is_empty())
        .fold(Span::EMPTY, |s, r| s.cover(r.span));
    let complete = number_rows
        .iter()
        .all(|r| r.values.len() == app::COLUMNS.len());
    let order: Option<&[u16]> = match number_rows.len() {
        n if complete && n == APP_ROWS_2021.len() => Some(&APP_ROWS_2021),
        n if complete && n == APP_ROWS_2019.len() => Some(&APP_ROWS_2019),
        _ => None,
    };
    let format = match order.map(<[u16]>::len) {
        Some(25) => FormatVersion::V2021,
        Some(_) => FormatVersion::V2019,
        None => FormatVersion::UNKNOWN,
    };
    let mut draft = TableDraft::new(
        TableKind::APPLICATIONS,
        format,
        lines,
        anchor,
        end,
        &rows,
        header,
    );
    let cols = app::COLUMNS;
    match order {
        Some(keys) => {
            for (&key, row) in keys.iter().zip(&number_rows) {
                let cells = row.values.clone();
                draft.rows.push(RowDraft::read(key, row, &cols, cells));
            }
        }
        None => {
            let mut group = 0u8;
            for row in &number_rows {
                let Some(key) = app_row_key(&row.label_words, &mut group) else {
                    continue;
                };
                if draft.rows.iter().any(|r| r.key == key) {
                    continue;
                }
                match scan::align(&row.values, cols.len(), Layout::Spaced, row.label) {
                    Some(v) => draft.rows.push(RowDraft::read(key, row, &cols, v)),
                    None => draft.rows.push(RowDraft::unreadable(key, row, &cols)),
                }
            }
        }
    }
    draft
}

fn read_applications(text: &str, lines: &[Line], anchor: usize) -> TableDraft {
    let layout = region_layout(text, lines, anchor);
    if layout == Layout::Spaced {
        return read_applications_spaced(text, lines, anchor);
    }
    let mut group = 0u8;
    let mut done = false;
    // One buffer for the words of every line the region tests.
    let mut words = String::new();
    let (rows, end) = scan::scan(text, lines, anchor, layout, |i, l, rows| {
        if done {
            return false;
        }
        words.clear();
        headings::push_words(&mut words, &l.compact);
        let key = app_row_key(&words, &mut group);
        if key == Some(app::ROW_CARRY_FORWARD) && layout != Layout::OneCell {
            done = true;
            return true;
        }
        if key.is_some() || is_group_label(&words) {
            return true;
        }
        if rows.is_empty() {
            return true;
        }
        !(is_any_anchor(l) || scan::is_prose_or_heading(text, i, l))
    });
    let mut rows = rows;
    if matches!(layout, Layout::Tab | Layout::Pipe) {
        scan::join_value_lines(&mut rows);
    }
    let mut group = 0u8;
    let mut data: Vec<(u16, &ScanRow)> = Vec::new();
    let mut header = Span::EMPTY;
    for row in &rows {
        // Until the first data row, everything is header ("总计" there is
        // a column, not the （七） row).
        match app_row_key(&row.label_words, &mut group) {
            Some(key) if !data.is_empty() || key == app::ROW_NEW || key == app::ROW_CARRIED => {
                data.push((key, row))
            }
            _ if data.is_empty() => header = header.cover(row.span),
            _ => {}
        }
    }
    // In the one-cell layout the 2021 group label "（六）其他处理" stands on a
    // line of its own before its three rows.
    let has_split_other = data
        .iter()
        .any(|(k, _)| *k > app::ROW_OTHER && *k < app::ROW_TOTAL);
    data.retain(|(k, r)| !(has_split_other && *k == app::ROW_OTHER && r.values.is_empty()));
    let label = lines[anchor].span;
    let format = if has_split_other {
        FormatVersion::V2021
    } else if data.iter().any(|(k, _)| *k == app::ROW_OTHER) {
        FormatVersion::V2019
    } else {
        FormatVersion::UNKNOWN
    };
    let mut draft = TableDraft::new(
        TableKind::APPLICATIONS,
        format,
        lines,
        anchor,
        end,
        &rows,
        header,
    );
    let cols = app::COLUMNS;
    let mut aligned: Vec<(u16, &ScanRow, Option<AlignedCells>)> = data
        .iter()
        .map(|(k, r)| {
            let gap = Span {
                start: r.label.end,
                end: r.label.end,
            };
            (*k, *r, scan::align(&r.values, cols.len(), layout, gap))
        })
        .collect();
    // A table where some rows lost cells (OCR) cannot be trusted to keep
    // blank cells in place either: only complete rows are read then.
    let garbled = aligned.iter().any(|(_, _, a)| a.is_none());
    if garbled {
        for (_, _, a) in aligned.iter_mut() {
            let complete = a
                .as_ref()
                .is_some_and(|v| v.iter().all(|(_, c)| matches!(c, CellText::Number(_))));
            if !complete {
                *a = None;
            }
        }
    }
    let mut bad = Vec::new();
    for (key, row, cells) in aligned {
        match cells {
            Some(v) => draft.rows.push(RowDraft::read(key, row, &cols, v)),
            None => {
                bad.push(short_row_label(key));
                draft.rows.push(RowDraft::unreadable(key, row, &cols));
            }
        }
    }
    let found = draft.rows.len();
    if found < 10 {
        draft.distrust(
            Confidence::NONE,
            label,
            format!("“收到和处理政府信息公开申请情况”表格无法识别：只找到 {found} 个数据行，相关检查已跳过"),
            format!("the applications table (section 三) could not be read: only {found} data rows were found; checks on it were skipped"),
        );
    } else if !bad.is_empty() {
        draft.distrust(
            Confidence::PARTIAL,
            draft.table.span,
            format!(
                "“收到和处理政府信息公开申请情况”表格有 {} 行无法可靠读取（{}）：单元格缺失、错位或粘连，无法确定数值所在的列。这些行不参与勾稽关系检查；请核对原表",
                bad.len(),
                bad.join("；")
            ),
            format!(
                "{} row(s) of the applications table could not be read reliably ({}): cells are missing, shifted or run together. They are left out of the identity checks; check the original table",
                bad.len(),
                bad.join("; ")
            ),
        );
    }
    draft
}

fn short_row_label(key: u16) -> String {
    app::row_label(key).to_string()
}

// ---------------------------------------------------------------- 四

fn read_review(text: &str, lines: &[Line], anchor: usize) -> TableDraft {
    let layout = region_layout(text, lines, anchor);
    // The table ends with its data row: whatever follows (a subheading of
    // section 五 when its heading is missing) is not part of it.
    let data_read = |rows: &[ScanRow]| match layout {
        Layout::OneCell => rows.last().is_some_and(|r| r.values.len() >= 15),
        _ => rows.iter().any(|r| numeric_cells(r) >= 5),
    };
    let (rows, end) = scan::scan(text, lines, anchor, layout, |i, l, rows| {
        !data_read(rows)
            && (i == anchor
                || !(is_any_anchor(l)
                    || is_applications_anchor(l)
                    || scan::is_prose_or_heading(text, i, l)))
    });
    let label = lines[anchor].span;
    let data = match layout {
        Layout::OneCell => rows.iter().rev().find(|r| !r.values.is_empty()),
        _ => rows.iter().find(|r| numeric_cells(r) >= 5),
    };
    let header = rows
        .iter()
        .take_while(|r| data.is_none_or(|d| r.line < d.line))
        .fold(Span::EMPTY, |s, r| s.cover(r.span));
    let mut draft = TableDraft::new(
        TableKind::REVIEW,
        FormatVersion::UNKNOWN,
        lines,
        anchor,
        end,
        &rows,
        header,
    );
    let cols: Vec<u16> = (1..=15).collect();
    let Some(row) = data else {
        if let Some(blank) = blank_data_row(text, &lines[anchor..end], layout) {
            // An unfilled table (the official template): its cells are
            // blank, which is a finding about the values, not the reading.
            draft.rows.push(RowDraft {
                key: review::ROW_DATA,
                label: Span {
                    start: blank.start,
                    end: blank.start,
                },
                span: blank,
                cells: cols
                    .iter()
                    .map(|&c| {
                        cell_from(
                            review::ROW_DATA,
                            c,
                            Span {
                                start: blank.start,
                                end: blank.start,
                            },
                            CellText::Blank,
                        )
                    })
                    .collect(),
            });
            return draft;
        }
        draft.distrust(
            Confidence::NONE,
            label,
            "“行政复议、行政诉讼情况”表格无法识别：未找到数据行，相关检查已跳过".into(),
            "the review/litigation table (section 四) could not be read: no data row was found; checks on it were skipped".into(),
        );
        return draft;
    };
    let gap = Span {
        start: row.span.start,
        end: row.span.start,
    };
    let cells = match scan::align(&row.values, 15, layout, gap) {
        Some(v) if v.iter().any(|(_, c)| matches!(c, CellText::Number(_))) => cols
            .iter()
            .zip(v)
            .map(|(&c, (span, t))| cell_from(review::ROW_DATA, c, span, t))
            .collect(),
        _ => {
            draft.distrust(
                Confidence::NONE,
                row.span,
                format!("“行政复议、行政诉讼情况”表格的数据行有 {} 个单元格，应为 15 个，无法确定各数值所在的列，相关检查已跳过", row.values.len()),
                format!("the review/litigation data row has {} cells instead of 15; checks on it were skipped", row.values.len()),
            );
            unreadable_cells(review::ROW_DATA, &cols, row.span)
        }
    };
    draft.rows.push(RowDraft {
        key: review::ROW_DATA,
        label: row.label,
        span: row.span,
        cells,
    });
    draft
}

fn numeric_cells(row: &ScanRow) -> usize {
    row.values
        .iter()
        .filter(|(_, c)| matches!(c, CellText::Number(_)))
        .count()
}

/// A separated line of at least 15 cells, all empty: the data row of an
/// unfilled review table.
fn blank_data_row(text: &str, region: &[Line], layout: Layout) -> Option<Span> {
    let sep = match layout {
        Layout::Tab => '\t',
        Layout::Pipe => '|',
        Layout::OneCell | Layout::Spaced => return None,
    };
    region
        .iter()
        .find(|l| {
            let s = &text[l.span.range()];
            s.matches(sep).count() >= 14 && s.chars().all(|c| c == sep || lines::is_space(c))
        })
        .map(|l| l.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art20_items() {
        assert_eq!(art20_item("第二十条第(一)项"), Some(TableKind::ART20_1));
        assert_eq!(art20_item("第二十条第(九)项"), Some(TableKind::ART20_9));
        assert_eq!(art20_item("第二十条第(三)项"), None);
    }

    #[test]
    fn art20_header_columns() {
        use art20::*;
        assert_eq!(
            art20_columns("信息内容本年新制作数量本年新公开数量对外公开总数量"),
            vec![COL_NEW_MADE, COL_NEW_PUBLISHED, COL_TOTAL_PUBLISHED]
        );
        assert_eq!(
            art20_columns("信息内容本年处理决定数量"),
            vec![COL_DECISIONS]
        );
        assert_eq!(
            art20_columns("信息内容采购项目数量采购总金额(单位:万元,保留4位小数)"),
            vec![COL_PROCUREMENT_COUNT, COL_PROCUREMENT_AMOUNT]
        );
    }

    #[test]
    fn application_rows() {
        let mut g = 0;
        assert_eq!(
            app_row_key("三本年度办理结果一予以公开", &mut g),
            Some(app::ROW_PUBLIC)
        );
        assert_eq!(
            app_row_key("三不予公开1属于国家秘密", &mut g),
            Some(app::ROW_DENY_BASE + 1)
        );
        assert_eq!(app_row_key("六其他处理", &mut g), Some(app::ROW_OTHER));
        assert_eq!(app_row_key("3其他", &mut g), Some(app::ROW_OTHER_BASE + 3));
        assert_eq!(app_row_key("七总计", &mut g), Some(app::ROW_TOTAL));
        assert_eq!(app_row_key("自然人法人或其他组织总计", &mut g), None);
    }
}

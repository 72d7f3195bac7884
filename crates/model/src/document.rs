//! The flat, `#[repr(C)]` document arenas and a borrowed view over them.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into [`Document::text`].
#[repr(C)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const EMPTY: Span = Span { start: 0, end: 0 };

    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        if self.is_empty() && self.start == 0 {
            return other;
        }
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A range of indices into one of the document's arenas.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IdxRange {
    pub start: u32,
    pub len: u32,
}

impl IdxRange {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// A string stored in [`Document::strings`] (derived text such as a
/// normalised agency name, which has no single span in the source).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StrRef {
    pub start: u32,
    pub len: u32,
}

/// Defines a `#[repr(transparent)]` integer newtype with named constants.
/// Plain integers rather than Rust enums, because a value from a newer
/// host or plugin must never be undefined behaviour on the other side of
/// the ABI.
macro_rules! code_type {
    ($(#[$meta:meta])* $name:ident($int:ty) { $($(#[$cmeta:meta])* $cname:ident = $val:expr => $label:expr),* $(,)? }) => {
        $(#[$meta])*
        #[repr(transparent)]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub $int);
        impl $name {
            $($(#[$cmeta])* pub const $cname: $name = $name($val);)*
            /// A short stable name, used in `nblint parse` output and JSON.
            pub fn name(self) -> &'static str {
                match self.0 { $($val => $label,)* _ => "unknown" }
            }
        }
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}

code_type! {
    /// The format a report follows (see report-format.md, "Format versions").
    FormatVersion(u8) {
        UNKNOWN = 0 => "unknown",
        PRE2019 = 1 => "pre2019",
        V2019 = 2 => "2019",
        V2021 = 3 => "2021",
    }
}

code_type! {
    /// Where a report attribute (year, agency, format) was determined from.
    Source(u8) {
        NONE = 0 => "none",
        CONFIG = 1 => "config",
        TITLE = 2 => "title",
        PERIOD = 3 => "statistics-period",
        FILE_NAME = 4 => "file-name",
        TEXT = 5 => "text",
        TABLES = 6 => "tables",
        OUTLINE = 7 => "outline",
        YEAR = 8 => "year",
        /// Taken from the other reports of the same file (a scraped page of
        /// one agency's reports, where only some name the agency).
        SAME_FILE = 9 => "same-file",
    }
}

code_type! {
    /// Which of the six standard sections a heading is.
    SectionKind(u8) {
        NONE = 0 => "none",
        OVERVIEW = 1 => "overview",
        ACTIVE = 2 => "active-disclosure",
        APPLICATIONS = 3 => "applications",
        REVIEW = 4 => "review-litigation",
        PROBLEMS = 5 => "problems",
        OTHER = 6 => "other-matters",
        /// A heading of the pre-2019 outline (概述, 收费及减免, 组织领导和制度建设 …).
        LEGACY = 7 => "legacy",
    }
}

code_type! {
    /// How a section title compares with the standard wording.
    TitleMatch(u8) {
        NONE = 0 => "none",
        EXACT = 1 => "exact",
        VARIANT = 2 => "variant",
    }
}

code_type! {
    /// The tables a report contains (section 二's items, 三 and 四; the
    /// pre-2019 statistics table). Values are never renumbered or reused;
    /// a plugin ignores kinds it does not know. Reserved: 1–29 第二十条
    /// items, 30–39 section 三, 40–49 section 四, 100–119 pre-2019 tables.
    TableKind(u16) {
        UNKNOWN = 0 => "unknown",
        ART20_1 = 1 => "article20-item1",
        ART20_5 = 5 => "article20-item5",
        ART20_6 = 6 => "article20-item6",
        ART20_8 = 8 => "article20-item8",
        ART20_9 = 9 => "article20-item9",
        APPLICATIONS = 30 => "applications",
        REVIEW = 40 => "review-litigation",
        /// The statistics table of the pre-2019 format (政府信息公开情况统计表:
        /// 指标名称 | 计量单位 | 本年度 | 历年累计). Added in API 1.1.
        STATS_PRE2019 = 100 => "statistics-pre2019",
    }
}

code_type! {
    /// How far a table could be read.
    Confidence(u8) {
        FULL = 0 => "full",
        /// Some rows or cells could not be read; they are marked unreadable.
        PARTIAL = 1 => "partial",
        /// Nothing in the table can be trusted.
        NONE = 2 => "none",
    }
}

code_type! {
    /// What a table cell holds.
    CellState(u8) {
        NUMBER = 0 => "number",
        BLANK = 1 => "blank",
        /// "/", "-", "—", "无" where a number is required.
        DASH = 2 => "dash",
        UNREADABLE = 3 => "unreadable",
        /// Text where a number was expected.
        TEXT = 4 => "text",
    }
}

code_type! {
    /// What a paragraph is.
    ParagraphKind(u8) {
        PROSE = 0 => "prose",
        HEADING = 1 => "heading",
        TABLE = 2 => "table",
        /// Navigation junk, download links, page markers.
        JUNK = 3 => "junk",
    }
}

/// Cue words found around a prose figure (bit flags).
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cues(pub u32);

impl Cues {
    /// 共 / 累计 / 合计 / 总计 / 共计 before the figure.
    pub const TOTAL: u32 = 1;
    /// 其中 before the figure in the same sentence.
    pub const AMONG: u32 = 1 << 1;
    /// 占 / 占比 / 比例.
    pub const SHARE: u32 = 1 << 2;
    /// …率 (办结率, 回复率, 电子化率).
    pub const RATE: u32 = 1 << 3;
    /// 同比 / 较去年 / 比上年 / 与上年相比.
    pub const YEAR_ON_YEAR: u32 = 1 << 4;
    /// 增加 / 增长 / 上升 / 提高.
    pub const INCREASE: u32 = 1 << 5;
    /// 减少 / 下降 / 降低.
    pub const DECREASE: u32 = 1 << 6;
    /// 约 / 近 / 超过 / 余 / 多 / 左右: an approximate figure.
    pub const APPROX: u32 = 1 << 7;
    /// The figure is a percentage.
    pub const PERCENT: u32 = 1 << 8;
    /// The figure is part of a date or a year (2020年, 1月1日).
    pub const DATE: u32 = 1 << 9;
    /// The figure is an ordinal or list marker (第3, 1.).
    pub const ORDINAL: u32 = 1 << 10;

    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
    pub fn names(self) -> Vec<&'static str> {
        const NAMES: [(u32, &str); 11] = [
            (Cues::TOTAL, "total"),
            (Cues::AMONG, "among"),
            (Cues::SHARE, "share"),
            (Cues::RATE, "rate"),
            (Cues::YEAR_ON_YEAR, "year-on-year"),
            (Cues::INCREASE, "increase"),
            (Cues::DECREASE, "decrease"),
            (Cues::APPROX, "approx"),
            (Cues::PERCENT, "percent"),
            (Cues::DATE, "date"),
            (Cues::ORDINAL, "ordinal"),
        ];
        NAMES
            .iter()
            .filter(|(f, _)| self.has(*f))
            .map(|(_, n)| *n)
            .collect()
    }
}

impl Serialize for Cues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(s)
    }
}

/// One annual report found in the file.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Report {
    pub span: Span,
    /// The title line, when there is one.
    pub title: Span,
    /// The statistics year; 0 when unknown.
    pub year: u16,
    pub year_source: Source,
    pub format: FormatVersion,
    pub format_source: Source,
    pub agency: StrRef,
    pub agency_source: Source,
    pub sections: IdxRange,
    pub tables: IdxRange,
    pub figures: IdxRange,
    pub paragraphs: IdxRange,
    // ---- Appended in layout 2 (API 1.1). Fields are only ever appended
    // here, each starting at the previous layout's size (see the plugin
    // API's "Evolution" docs); a plugin built against layout 1 never sees
    // them.
    /// The statement of the statistics period ("本报告中所列数据的统计期限
    /// 自2019年1月1日起至2019年12月31日止"), as far as its end date; empty
    /// when the report states none.
    pub period: Span,
    /// The digits of the period's start year, where they stand.
    pub period_start: Span,
    /// The digits of the period's end year, where they stand.
    pub period_end: Span,
    /// The year the statistics period starts in; 0 when no period.
    pub period_start_year: u16,
    /// The year the statistics period ends in (the statistics year); 0
    /// when no period.
    pub period_year: u16,
}

impl Report {
    /// The statistics period's year, when the report states a period.
    pub fn period_year(&self) -> Option<u16> {
        (self.period_year != 0).then_some(self.period_year)
    }
}

/// A heading and the text under it, up to the next heading of the same or
/// a higher level.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Section {
    pub span: Span,
    pub heading: Span,
    /// The title without its numbering.
    pub title: Span,
    /// 1 = 一、 2 = （一） 3 = 1. 4 = （1）
    pub level: u8,
    pub kind: SectionKind,
    pub title_match: TitleMatch,
    pub _pad: u8,
    /// The number of the heading (一 = 1, （三） = 3, …).
    pub number: u16,
    pub _pad2: u16,
    /// Index of the enclosing section, `u32::MAX` for top level.
    pub parent: u32,
}

/// A table recognised in section 二, 三 or 四.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Table {
    pub kind: TableKind,
    /// The format whose headers the table uses (2019 or 2021 for section 二
    /// and for 三's （六） rows; UNKNOWN when the headers say nothing).
    pub format: FormatVersion,
    pub confidence: Confidence,
    pub span: Span,
    /// The item label (第二十条第（一）项) or the first header line.
    pub label: Span,
    /// The header rows.
    pub header: Span,
    pub rows: IdxRange,
}

/// One data row of a table, keyed by its meaning (see [`crate::schema`]).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Row {
    pub key: u16,
    pub _pad: u16,
    pub table: u32,
    pub label: Span,
    pub span: Span,
    pub cells: IdxRange,
}

/// One data cell, keyed by its row and column meaning.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Cell {
    pub row_key: u16,
    pub col_key: u16,
    pub state: CellState,
    pub _pad: [u8; 3],
    pub value: f64,
    /// The cell's text; for a blank cell an empty span where it stands.
    pub span: Span,
}

impl Cell {
    pub fn number(&self) -> Option<f64> {
        (self.state == CellState::NUMBER).then_some(self.value)
    }
}

/// A number in prose with its unit and the words around it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Figure {
    pub value: f64,
    /// The number as written (may contain OCR spaces: "8208. 93").
    pub span: Span,
    /// The unit right after it (件, 条, %, 万元 …); empty when none.
    pub unit: Span,
    /// The sentence it stands in.
    pub sentence: Span,
    pub cues: Cues,
    /// Decimal places as written (for precision checks).
    pub decimals: u8,
    pub _pad: [u8; 3],
    pub paragraph: u32,
}

/// A paragraph (a line or a run of lines that belong together).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    pub _pad: [u8; 3],
    /// Index of the innermost section, `u32::MAX` when outside any.
    pub section: u32,
}

/// Why part of a document could not be read with confidence.
#[derive(Clone, Debug, Serialize)]
pub struct ParseIssue {
    pub span: Span,
    pub message_zh: String,
    pub message_en: String,
}

/// Text in the file that is not part of any report (a 指南, navigation).
#[derive(Clone, Debug, Serialize)]
pub struct Region {
    pub span: Span,
    pub description: String,
}

/// A parsed file.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text as the user sees it (decoded; for HTML and DOCX the text
    /// extracted from the markup, see `source_map`).
    pub text: String,
    pub strings: String,
    pub reports: Vec<Report>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub rows: Vec<Row>,
    pub cells: Vec<Cell>,
    pub figures: Vec<Figure>,
    pub paragraphs: Vec<Paragraph>,
    pub regions: Vec<Region>,
    pub issues: Vec<ParseIssue>,
}

impl Document {
    pub fn view(&self) -> DocumentView<'_> {
        DocumentView {
            text: &self.text,
            strings: &self.strings,
            reports: &self.reports,
            sections: &self.sections,
            tables: &self.tables,
            rows: &self.rows,
            cells: &self.cells,
            figures: &self.figures,
            paragraphs: &self.paragraphs,
        }
    }

    /// Stores a derived string in the pool.
    pub fn intern(&mut self, s: &str) -> StrRef {
        let start = self.strings.len() as u32;
        self.strings.push_str(s);
        StrRef {
            start,
            len: s.len() as u32,
        }
    }
}

/// A borrowed view of a document: what rules see, whether the document
/// comes from this process or across the plugin ABI.
#[derive(Clone, Copy, Debug)]
pub struct DocumentView<'a> {
    pub text: &'a str,
    pub strings: &'a str,
    pub reports: &'a [Report],
    pub sections: &'a [Section],
    pub tables: &'a [Table],
    pub rows: &'a [Row],
    pub cells: &'a [Cell],
    pub figures: &'a [Figure],
    pub paragraphs: &'a [Paragraph],
}

impl<'a> DocumentView<'a> {
    /// The text of a span; empty when the span is out of range or splits a
    /// character (a view may come from an untrusted side of the ABI).
    pub fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }
    pub fn string(&self, s: StrRef) -> &'a str {
        self.strings
            .get(s.start as usize..(s.start + s.len) as usize)
            .unwrap_or("")
    }
    /// Where an offset stands, for a reader who cannot use the line and
    /// column (a web page whose article is one physical line): the
    /// headings above it, the table and row it is in, and a short quote of
    /// the text around it: "三、收到和处理政府信息公开申请情况 ›
    /// 收到和处理政府信息公开申请情况表 › （七）总计 › “…总计 63 0 0…”".
    pub fn context(&self, offset: u32) -> String {
        let mut path: Vec<String> = Vec::new();
        let mut sections: Vec<&Section> = self
            .sections
            .iter()
            .filter(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1))
            .collect();
        sections.sort_by_key(|s| s.level);
        for s in sections {
            path.push(squeeze(self.slice(s.heading), 40));
        }
        if let Some(t) = self
            .tables
            .iter()
            .find(|t| t.span.start <= offset && offset < t.span.end)
        {
            path.push(format!("{}表", crate::schema::table_name(t.kind)));
            let rows = self.rows.get(t.rows.range()).unwrap_or(&[]);
            if let Some(r) = rows
                .iter()
                .find(|r| r.span.start <= offset && offset < r.span.end)
            {
                let label = squeeze(self.slice(r.label), 30);
                if !label.is_empty() {
                    path.push(label);
                }
            }
        }
        path.push(format!("“{}”", self.quote(offset)));
        path.join(" › ")
    }

    /// Up to 12 characters on either side of an offset, on its line, white
    /// space squeezed.
    fn quote(&self, offset: u32) -> String {
        let at = (offset as usize).min(self.text.len());
        let Some(at) = (0..=at).rev().find(|&i| self.text.is_char_boundary(i)) else {
            return String::new();
        };
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        let before: String = self.text[line_start..at]
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = self.text[at..line_end].chars().take(12).collect();
        let cut_before = before.chars().count() < self.text[line_start..at].chars().count();
        let cut_after = after.chars().count() < self.text[at..line_end].chars().count();
        format!(
            "{}{}{}",
            if cut_before { "…" } else { "" },
            squeeze(&format!("{before}{after}"), 40),
            if cut_after { "…" } else { "" }
        )
    }

    pub fn report_sections(&self, r: &Report) -> &'a [Section] {
        self.sections.get(r.sections.range()).unwrap_or(&[])
    }
    pub fn report_tables(&self, r: &Report) -> &'a [Table] {
        self.tables.get(r.tables.range()).unwrap_or(&[])
    }
    pub fn report_figures(&self, r: &Report) -> &'a [Figure] {
        self.figures.get(r.figures.range()).unwrap_or(&[])
    }
    pub fn report_paragraphs(&self, r: &Report) -> &'a [Paragraph] {
        self.paragraphs.get(r.paragraphs.range()).unwrap_or(&[])
    }
    pub fn table_rows(&self, t: &Table) -> &'a [Row] {
        self.rows.get(t.rows.range()).unwrap_or(&[])
    }
    pub fn row_cells(&self, r: &Row) -> &'a [Cell] {
        self.cells.get(r.cells.range()).unwrap_or(&[])
    }
    /// The first table of a kind in a report.
    pub fn find_table(&self, r: &Report, kind: TableKind) -> Option<&'a Table> {
        self.report_tables(r).iter().find(|t| t.kind == kind)
    }
    pub fn find_row(&self, t: &Table, row_key: u16) -> Option<&'a Row> {
        self.table_rows(t).iter().find(|r| r.key == row_key)
    }
    pub fn find_cell(&self, t: &Table, row_key: u16, col_key: u16) -> Option<&'a Cell> {
        let row = self.find_row(t, row_key)?;
        self.row_cells(row).iter().find(|c| c.col_key == col_key)
    }
    /// The agency's name, empty when unknown.
    pub fn agency(&self, r: &Report) -> &'a str {
        self.string(r.agency)
    }
}

/// White space runs as one space, at most `max` characters.
fn squeeze(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, word) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > max {
        let cut: String = out.chars().take(max).collect();
        return format!("{cut}…");
    }
    out
}

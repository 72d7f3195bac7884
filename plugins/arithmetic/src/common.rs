//! Helpers shared by the rules of this plugin: reading numbers out of
//! tables, formatting them, naming cells in both languages.

use nblint_plugin_api::prelude::*;

/// Two table numbers are equal when they differ by less than this (cells
/// hold integers or amounts with a few decimals).
pub const EPS: f64 = 1e-6;

pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

/// The SDK's number formatting, under the name the rules use.
pub use nblint_plugin_api::fmt_num;

/// Sums of more parts than this show only their non-zero parts in
/// messages, so that a column of 26 mostly-zero rows stays readable.
const PARTS_SHOWN_IN_FULL: usize = 4;

/// The parts of a sum that messages show: all of them, or only the
/// non-zero ones when there are many.
fn shown_parts<T>(parts: &[T], value: impl Fn(&T) -> f64) -> impl Iterator<Item = &T> {
    let all = parts.len() <= PARTS_SHOWN_IN_FULL;
    parts.iter().filter(move |p| all || !same(value(p), 0.0))
}

/// "a+b+c" for the parts of a sum (see [`shown_parts`]).
pub fn fmt_sum(parts: &[f64]) -> String {
    let shown: Vec<String> = shown_parts(parts, |v| *v).map(|v| fmt_num(*v)).collect();
    if shown.is_empty() {
        "0".to_string()
    } else {
        shown.join("+")
    }
}

/// A cell that holds a number, with its value.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    pub value: f64,
    pub span: Span,
    pub row: u16,
    pub col: u16,
}

/// The number in a cell; `None` when the cell is missing or is not a
/// number (blank, dash, unreadable, text: the arithmetic stays silent).
pub fn num(view: &DocumentView<'_>, t: &Table, row: u16, col: u16) -> Option<Num> {
    row_num(view, view.find_row(t, row)?, col)
}

/// [`num`] in a row already found (with [`DocumentView::find_row`]), for
/// rules that read several cells of one row.
pub fn row_num(view: &DocumentView<'_>, row: &Row, col: u16) -> Option<Num> {
    let c = view.row_cells(row).iter().find(|c| c.col_key == col)?;
    c.number().map(|value| Num {
        value,
        span: c.span,
        row: row.key,
        col,
    })
}

/// Number cells that should add up to a total.
pub struct Sum {
    pub parts: Vec<Num>,
    pub value: f64,
}

impl Sum {
    /// The sum of the cells; `None` when one of them is not a number (the
    /// arithmetic stays silent).
    pub fn of(cells: impl IntoIterator<Item = Option<Num>>) -> Option<Sum> {
        let parts = cells.into_iter().collect::<Option<Vec<Num>>>()?;
        let value = parts.iter().map(|p| p.value).sum();
        Some(Sum { parts, value })
    }
    pub fn values(&self) -> Vec<f64> {
        self.parts.iter().map(|p| p.value).collect()
    }
    /// "3+1+1+8", as [`fmt_sum`] writes it.
    pub fn terms(&self) -> String {
        fmt_sum(&self.values())
    }
}

/// What the arithmetic rules add to their diagnostics.
pub trait ArithmeticDiagnostic {
    /// A fix replacing a figure with the value it should have ("改为 13").
    fn change_to(self, ctx: &LintContext<'_>, span: Span, value: &str, safe: bool) -> Self;
    /// The cells of a sum as related spans ("（一）予以公开·自然人 = 3"),
    /// those that messages show (see [`shown_parts`]).
    fn sum_cells(self, ctx: &LintContext<'_>, kind: TableKind, sum: &Sum) -> Self;
}

impl ArithmeticDiagnostic for DiagnosticBuilder {
    fn change_to(self, ctx: &LintContext<'_>, span: Span, value: &str, safe: bool) -> Self {
        self.replace(
            ctx.msg(format!("改为 {value}"), format!("change to {value}")),
            span,
            value,
            safe,
        )
    }
    fn sum_cells(self, ctx: &LintContext<'_>, kind: TableKind, sum: &Sum) -> Self {
        shown_parts(&sum.parts, |p| p.value).fold(self, |d, p| {
            let name = cell_name(ctx, kind, p.row, p.col);
            d.related(p.span, format!("{name} = {}", fmt_num(p.value)))
        })
    }
}

/// Tables whose identities are checked: fully read. A partially read
/// table has its unreadable cells marked, but cells around them may have
/// shifted, so column identities are not trusted there.
pub fn fully_read(t: &Table) -> bool {
    t.confidence == Confidence::FULL
}

/// "（七）总计·自然人" (zh) or "(7) total · natural persons" (en) for a
/// cell of the applications table; other tables use the schema label.
pub fn cell_name(ctx: &LintContext<'_>, kind: TableKind, row: u16, col: u16) -> String {
    if ctx.lang() == Lang::En && kind == TableKind::APPLICATIONS {
        return format!(
            "{} · {}",
            schema::applications::row_label(row),
            schema::applications::col_label_en(col)
        );
    }
    if ctx.lang() == Lang::En && kind == TableKind::STATS_PRE2019 {
        return format!(
            "{} · {}",
            schema::stats::row_label(row),
            schema::stats::col_label_en(col)
        );
    }
    schema::cell_label(kind, row, col)
}

/// The column's name in the applications table.
pub fn applications_col(ctx: &LintContext<'_>, col: u16) -> String {
    ctx.msg(
        schema::applications::col_label(col),
        schema::applications::col_label_en(col),
    )
}

/// The rows of the applications table whose sum is （七）总计, in the
/// layout of the table's format: 2019 has one （六）其他处理 row, 2021
/// three. `None` when the table lacks one of them (it was not read
/// completely, so a sum would be wrong).
pub fn result_rows(view: &DocumentView<'_>, t: &Table) -> Option<Vec<u16>> {
    let present: Vec<u16> = view.table_rows(t).iter().map(|r| r.key).collect();
    schema::applications::result_rows(&present)
}

/// The first table of `kind` in the report, when it can be checked.
pub fn checkable_table<'a>(
    view: &DocumentView<'a>,
    report: &Report,
    kind: TableKind,
) -> Option<&'a Table> {
    view.find_table(report, kind).filter(|t| fully_read(t))
}

/// The difference, for messages: "相差 2".
pub fn diff_text(ctx: &LintContext<'_>, a: f64, b: f64) -> String {
    let d = fmt_num((a - b).abs());
    ctx.msg(format!("相差 {d}"), format!("a difference of {d}"))
}

/// Last year's report, as a candidate: looked for among the other
/// reports of this file (same agency, or one of the two agencies unknown: a
/// scraped page holds one agency's reports) and among the related
/// documents (same, known agency), see [`AgencyMatch::Trimmed`]; only those
/// whose 三 table was read.
pub struct Previous<'a> {
    pub view: DocumentView<'a>,
    pub table: &'a Table,
    /// Whether it is in the same file (its cells can be related spans).
    pub same_file: bool,
}

pub fn previous_reports<'a>(ctx: &LintContext<'a>, report: &Report) -> Vec<Previous<'a>> {
    let Some(year) = ctx.year(report).filter(|y| *y > 0) else {
        return Vec::new();
    };
    ctx.agency_reports(ctx.agency(report), year - 1, AgencyMatch::Trimmed)
        .filter_map(|found| {
            let table = checkable_table(&found.view, found.report, TableKind::APPLICATIONS)?;
            Some(Previous {
                view: found.view,
                table,
                same_file: found.local.is_some(),
            })
        })
        .collect()
}

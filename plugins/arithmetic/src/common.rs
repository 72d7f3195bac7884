//! Helpers shared by the rules of this plugin: reading numbers out of
//! tables, formatting them, naming cells in both languages.

use nblint_plugin_api::prelude::*;

/// Two table numbers are equal when they differ by less than this (cells
/// hold integers or amounts with a few decimals).
pub const EPS: f64 = 1e-6;

pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

/// A number as a report would write it: "13", "123.5218", "-40".
pub fn fmt_num(v: f64) -> String {
    if v.fract().abs() < EPS {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// "a+b+c" for the parts of a sum (only the non-zero ones when there are
/// many, so that a column of 26 mostly-zero rows stays readable).
pub fn fmt_sum(parts: &[f64]) -> String {
    let shown: Vec<String> = if parts.len() > 4 {
        parts
            .iter()
            .filter(|v| !same(**v, 0.0))
            .map(|v| fmt_num(*v))
            .collect()
    } else {
        parts.iter().map(|v| fmt_num(*v)).collect()
    };
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
    let c = view.find_cell(t, row, col)?;
    c.number().map(|value| Num {
        value,
        span: c.span,
        row,
        col,
    })
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
    use schema::applications::*;
    let present: Vec<u16> = view
        .table_rows(t)
        .iter()
        .map(|r| r.key)
        .filter(|k| is_result_row(*k))
        .collect();
    let mut expected: Vec<u16> = vec![ROW_PUBLIC, ROW_PARTIAL];
    expected.extend((1..=8).map(|n| ROW_DENY_BASE + n));
    expected.extend((1..=3).map(|n| ROW_UNABLE_BASE + n));
    expected.extend((1..=5).map(|n| ROW_NOT_PROCESSED_BASE + n));
    let split_other = (1..=3).all(|n| present.contains(&(ROW_OTHER_BASE + n)));
    if split_other {
        expected.extend((1..=3).map(|n| ROW_OTHER_BASE + n));
    } else {
        expected.push(ROW_OTHER);
    }
    expected
        .iter()
        .all(|k| present.contains(k))
        .then_some(expected)
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
/// documents (same, known agency); only those whose 三 table was read.
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
    let agency = ctx.agency(report).trim();
    let mut out = Vec::new();
    let mut consider = |view: DocumentView<'a>, same_file: bool| {
        for r in view.reports {
            if r.year != year - 1 {
                continue;
            }
            let theirs = view.agency(r).trim();
            let same_agency = if same_file {
                agency.is_empty() || theirs.is_empty() || agency == theirs
            } else {
                !agency.is_empty() && agency == theirs
            };
            if !same_agency {
                continue;
            }
            if let Some(table) = checkable_table(&view, r, TableKind::APPLICATIONS) {
                out.push(Previous {
                    view,
                    table,
                    same_file,
                });
            }
        }
    };
    consider(ctx.doc, true);
    for view in ctx.related {
        consider(*view, false);
    }
    out
}

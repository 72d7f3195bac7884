//! Fingerprints of whole reports and of their passages, and the reports
//! they are compared with.

use crate::fingerprint::{mix, HashSet64, Shingler, Winnower};
use crate::prose::for_each_prose_sentence;
use nblint_plugin_api::prelude::*;

/// What a report's prose is compared by.
#[derive(Clone, Debug, Default)]
pub struct ReportPrint {
    /// Winnowed shingle hashes of its non-boilerplate prose.
    pub set: HashSet64,
    /// An order-sensitive hash of all its compared prose, digits included:
    /// equal only for copies that are the same to the character.
    pub exact: u64,
    /// Compared characters.
    pub chars: usize,
    /// An order-sensitive hash of the report's table cells.
    pub tables: u64,
}

impl ReportPrint {
    /// The share of this report's fingerprints found in `other`.
    pub fn share_in(&self, other: &ReportPrint) -> f64 {
        if self.set.is_empty() {
            return 0.0;
        }
        let common = self.set.iter().filter(|h| other.set.contains(h)).count();
        common as f64 / self.set.len() as f64
    }
}

/// A hash of every cell of a report's tables (key, state and value).
pub fn tables_hash(view: &DocumentView<'_>, report: &Report) -> u64 {
    let mut h = 0u64;
    for table in view.report_tables(report) {
        for row in view.table_rows(table) {
            for cell in view.row_cells(row) {
                let key = (table.kind.0 as u64) << 48
                    | (cell.row_key as u64) << 32
                    | (cell.col_key as u64) << 16
                    | cell.state.0 as u64;
                h = mix(mix(h ^ key) ^ cell.value.to_bits());
            }
        }
    }
    h
}

/// Pushes a paragraph's winnowed fingerprints to `out`; returns its
/// compared characters and exact hash.
pub fn passage_print(
    view: &DocumentView<'_>,
    para: &Paragraph,
    buf: &mut Vec<char>,
    out: &mut Vec<u64>,
) -> (usize, u64) {
    let mut shingler = Shingler::new();
    let mut winnower = Winnower::new();
    for_each_prose_sentence(view, para, buf, |_, norm| {
        shingler.feed(norm, |h| winnower.push(h, |f| out.push(f)));
    });
    winnower.finish(|f| out.push(f));
    (shingler.chars(), shingler.exact())
}

/// The year a report is compared under: the configured year applies to a
/// file holding one report; in a file of several, each report's own.
pub fn report_year(ctx: &LintContext<'_>, report: &Report) -> Option<u16> {
    if ctx.doc.reports.len() == 1 {
        ctx.year(report)
    } else {
        (report.year != 0).then_some(report.year)
    }
}

/// Last year's reports of the same agency as report `index` of the linted
/// document: reports of year − 1 in this document with the same agency or
/// both without one, and in the other documents of the run with the same
/// (known) agency (see [`AgencyMatch::Folded`]). `skip` tells which local
/// reports not to offer (later copies of a duplicated report). Only report
/// metadata is scanned; nothing is fingerprinted here. At most
/// [`MAX_CANDIDATES`] are returned, this document's first: a directory
/// holding many copies of last year's report must not make every
/// comparison quadratic.
pub fn last_year<'a>(
    ctx: &LintContext<'a>,
    index: usize,
    skip: impl Fn(usize) -> bool,
) -> Vec<ReportRef<'a>> {
    let report = &ctx.doc.reports[index];
    let Some(last) = report_year(ctx, report).and_then(|y| y.checked_sub(1)) else {
        return Vec::new();
    };
    ctx.agency_reports(ctx.agency(report), last, AgencyMatch::Folded)
        .filter(|c| c.local.is_none_or(|j| j != index && !skip(j)))
        .take(MAX_CANDIDATES)
        .collect()
}

/// Reports of last year compared with a report at most.
pub const MAX_CANDIDATES: usize = 8;

/// A name for a report in messages: "2021 年度报告" / "the 2021 report".
pub fn report_name(ctx: &LintContext<'_>, year: Option<u16>) -> String {
    match year {
        Some(y) => ctx.msg(format!("{y} 年度报告"), format!("the {y} report")),
        None => ctx.msg("年度报告", "the report"),
    }
}

/// The name of a report of last year in messages (see [`report_name`]).
pub fn last_year_name(ctx: &LintContext<'_>, last: &ReportRef<'_>) -> String {
    report_name(ctx, (last.report.year != 0).then_some(last.report.year))
}

/// Where a report of last year is, for messages, in Chinese and English:
/// "（本文件第 12 行起）" / " (line 12 of this file)", or "（另一文件）" /
/// " (another file)".
pub fn whereabouts(
    ctx: &LintContext<'_>,
    lines: &mut Lines<'_>,
    last: &ReportRef<'_>,
) -> (String, String) {
    match last.local {
        Some(_) => {
            let line = lines.line(ctx.first_line(last.report).start);
            (
                format!("（本文件第 {line} 行起）"),
                format!(" (line {line} of this file)"),
            )
        }
        None => ("（另一文件）".to_string(), " (another file)".to_string()),
    }
}

/// 1-based line numbers of offsets, computed once per document on demand.
pub struct Lines<'a> {
    text: &'a str,
    index: Option<nblint_plugin_api::model::LineIndex>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines { text, index: None }
    }
    pub fn line(&mut self, offset: u32) -> u32 {
        let text = self.text;
        self.index
            .get_or_insert_with(|| nblint_plugin_api::model::LineIndex::new(text))
            .line_of(offset)
            + 1
    }
}

/// A table cell's identity across reports: (table kind, row key, column key).
pub type CellKey = (u16, u16, u16);

/// All table cells of a report, sorted by key.
pub fn cells_by_key(view: &DocumentView<'_>, report: &Report) -> Vec<(CellKey, Cell)> {
    let mut cells = Vec::new();
    for table in view.report_tables(report) {
        for row in view.table_rows(table) {
            for cell in view.row_cells(row) {
                cells.push(((table.kind.0, cell.row_key, cell.col_key), *cell));
            }
        }
    }
    cells.sort_by_key(|(k, _)| *k);
    cells
}

//! `arithmetic/cell-value`: a cell of the 第二十条, 三 or 四 tables that
//! should hold a count holds something else: nothing, "/", "-", text, a
//! negative number (except 本年增/减, which is signed) or a fraction
//! (except the amount columns 采购总金额 and 收费金额).
//!
//! One diagnostic per table listing the cells, so that a template left
//! blank gives a handful of warnings, not hundreds. Unreadable cells are
//! left to the parser's own diagnostic; a table read with no confidence
//! is skipped.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::{applications as app, art20};
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/cell-value", Severity::Warning, docs, check);

/// How many rows with offending cells the message names before "等".
const NAMED: usize = 4;
/// How many rows with offending cells become related spans: every row of
/// the largest table (三 has 35), so a reader — and the LSP — can go to each.
const RELATED_ROWS: usize = 64;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "表格中应填数字的单元格为空、“/”“-”、文字、负数或小数",
            "A table cell that needs a count is blank, \"/\", \"-\", text, negative or fractional",
        )
        .rationale(
            "年度报告格式要求各表格逐项填写数字，没有发生的填 0；留空或填“/”“-”无法核对勾稽关系，评估时按未填写处理。件数不能为负数或小数（本年增/减 可为负，金额可有小数）。",
            "The formats require a number in every cell, 0 when nothing happened; blanks, \"/\" or \"-\" leave the identities uncheckable and evaluators count them as not filled in. Counts are non-negative integers (本年增/减 may be negative, amounts may have decimals).",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第二、三、四部分表格",
            "the report formats (国办公开办函〔2019〕60号, 〔2021〕30号), tables of sections 二, 三, 四",
        )
        .passing(ExampleReport::default().text())
        .failing(mark(
            &ExampleReport::default()
                .app(app::ROW_PARTIAL, app::COL_RESEARCH, "/")
                .text(),
            31,
            "/",
            1,
            "三、收到和处理政府信息公开申请情况表中有 1 个单元格未填写有效数字：（二）部分公开：科研机构（“/”）",
        ))
}

fn is_checked_kind(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::ART20_1
            | TableKind::ART20_5
            | TableKind::ART20_6
            | TableKind::ART20_8
            | TableKind::ART20_9
            | TableKind::APPLICATIONS
            | TableKind::REVIEW
            | TableKind::STATS_PRE2019
    )
}

/// Why a cell is not an acceptable value; `None` when it is.
fn problem(ctx: &LintContext<'_>, t: &Table, c: &Cell) -> Option<String> {
    let stats_table = t.kind == TableKind::STATS_PRE2019;
    if stats_table && c.col_key == schema::stats::COL_UNIT {
        // 计量单位: words, not a count.
        return None;
    }
    match c.state {
        CellState::BLANK => Some(ctx.msg("空白", "blank")),
        CellState::DASH | CellState::TEXT => Some(format!("“{}”", ctx.text(c.span).trim())),
        CellState::NUMBER => {
            let signed = t.kind != TableKind::APPLICATIONS
                && t.kind != TableKind::REVIEW
                && !stats_table
                && c.col_key == art20::COL_CHANGE;
            let amount = if stats_table {
                matches!(
                    c.row_key,
                    schema::stats::ROW_FEES | schema::stats::ROW_FEES_WAIVED
                )
            } else {
                t.kind != TableKind::APPLICATIONS
                    && t.kind != TableKind::REVIEW
                    && (c.col_key == art20::COL_PROCUREMENT_AMOUNT
                        || c.col_key == art20::COL_FEE_AMOUNT)
            };
            // Formatted only for a cell that has a problem: most are fine.
            if c.value < 0.0 && !signed {
                let v = fmt_num(c.value);
                Some(ctx.msg(format!("负数 {v}"), format!("negative {v}")))
            } else if c.value.fract().abs() > EPS && !amount {
                let v = fmt_num(c.value);
                Some(ctx.msg(format!("小数 {v}"), format!("fraction {v}")))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// One entry per row: "（一）予以公开：自然人、商业企业（空白）".
fn describe_rows(
    ctx: &LintContext<'_>,
    kind: TableKind,
    bad: &[(&Row, &Cell, String)],
) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bad.len() {
        let row = bad[i].0.key;
        let mut parts: Vec<String> = Vec::new();
        while i < bad.len() && bad[i].0.key == row {
            let problem = &bad[i].2;
            let mut cols = Vec::new();
            while i < bad.len() && bad[i].0.key == row && bad[i].2 == *problem {
                cols.push(col_name(ctx, kind, bad[i].1.col_key));
                i += 1;
            }
            parts.push(format!("{}（{problem}）", cols.join("、")));
        }
        out.push(format!("{}：{}", row_name(kind, row), parts.join("、")));
    }
    out
}

fn row_name(kind: TableKind, row: u16) -> &'static str {
    match kind {
        TableKind::APPLICATIONS => app::row_label(row),
        TableKind::REVIEW => "数据行",
        TableKind::STATS_PRE2019 => schema::stats::row_label(row),
        _ => art20::row_label(row),
    }
}

fn col_name(ctx: &LintContext<'_>, kind: TableKind, col: u16) -> String {
    match kind {
        TableKind::APPLICATIONS => applications_col(ctx, col),
        TableKind::REVIEW => schema::review::col_label(col),
        TableKind::STATS_PRE2019 => ctx.msg(
            schema::stats::col_label(col),
            schema::stats::col_label_en(col),
        ),
        _ => art20::col_label(col).to_string(),
    }
}

fn table_name(ctx: &LintContext<'_>, kind: TableKind) -> String {
    match kind {
        TableKind::APPLICATIONS => ctx.msg(
            "三、收到和处理政府信息公开申请情况表",
            "the section 三 applications table",
        ),
        TableKind::REVIEW => ctx.msg(
            "四、行政复议、行政诉讼情况表",
            "the section 四 review and litigation table",
        ),
        TableKind::STATS_PRE2019 => ctx.msg(
            "政府信息公开情况统计表（2019 年以前格式）",
            "the statistics table (pre-2019 format)",
        ),
        k => {
            let item = ["", "一", "", "", "", "五", "六", "", "八", "九"]
                .get(k.0 as usize)
                .copied()
                .unwrap_or("?");
            ctx.msg(
                format!("第二十条第（{item}）项表"),
                format!("the article 20 item ({}) table", k.0),
            )
        }
    }
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    for t in view.report_tables(report) {
        // Only the table kinds this rule knows (a kind added later may
        // have conventions of its own).
        if t.confidence == Confidence::NONE || !is_checked_kind(t.kind) {
            continue;
        }
        let bad: Vec<(&Row, &Cell, String)> = view
            .table_rows(t)
            .iter()
            .flat_map(|r| view.row_cells(r).iter().map(move |c| (r, c)))
            .filter_map(|(r, c)| problem(ctx, t, c).map(|p| (r, c, p)))
            .collect();
        let Some((first_row, first_cell, _)) = bad.first() else {
            continue;
        };
        let span = if first_cell.span.is_empty() {
            first_row.label
        } else {
            first_cell.span
        };
        let n = bad.len();
        let total_cells: usize = view
            .table_rows(t)
            .iter()
            .map(|r| r.cells.len as usize)
            .sum();
        let blank = ctx.msg("空白", "blank");
        let all_blank = n == total_cells && bad.iter().all(|(_, _, p)| *p == blank);
        let name = table_name(ctx, t.kind);
        let message = if all_blank {
            ctx.msg(
                format!("{name}全部未填写（{n} 个单元格均为空白）"),
                format!("{name} is not filled in (all {n} cells are blank)"),
            )
        } else {
            let rows = describe_rows(ctx, t.kind, &bad);
            let shown = rows.len().min(NAMED);
            let more = if rows.len() > NAMED {
                ctx.msg(
                    format!(" 等 {} 行", rows.len()),
                    format!(" and more ({} rows)", rows.len()),
                )
            } else {
                String::new()
            };
            ctx.msg(
                format!(
                    "{name}中有 {n} 个单元格未填写有效数字：{}{more}",
                    rows[..shown].join("；")
                ),
                format!(
                    "{name} has {n} cells without a valid count: {}{more}",
                    rows[..shown].join("; ")
                ),
            )
        };
        let mut d = DiagnosticBuilder::for_rule(&RULE, span, message).help(ctx.msg(
            "逐项填写非负整数，没有发生的填 0（本年增/减 可为负数，金额可有小数）",
            "write a non-negative integer in every cell, 0 when nothing happened (本年增/减 may be negative, amounts may have decimals)",
        ));
        // One related span per row, at its first offending cell: a whole
        // blank table is as many defects as it has rows, and each must be
        // reachable; per cell would be 100+ spans for one table.
        let row_starts = bad
            .iter()
            .enumerate()
            .filter(|(i, (r, _, _))| *i == 0 || bad[i - 1].0.key != r.key)
            .map(|(_, (r, c, _))| if c.span.is_empty() { r.label } else { c.span });
        for (at, described) in row_starts
            .zip(describe_rows(ctx, t.kind, &bad))
            .take(RELATED_ROWS)
        {
            d = d.related(at, described);
        }
        d.emit(out);
    }
}

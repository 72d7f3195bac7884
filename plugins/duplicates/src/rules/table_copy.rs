//! `duplicates/table-copy`: every table of a report holds the same numbers
//! as last year's report of the same agency (tables copied, not updated).

use crate::prints::{
    cells_by_key, last_year, last_year_name, report_name, report_year, whereabouts, CellKey, Lines,
};
use crate::Analysis;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("duplicates/table-copy", Severity::Warning, docs, check);
/// Non-zero cells a report's tables must hold before their equality with
/// last year's means anything: a small agency's tables are all zeros year
/// after year, and equal zeros are no evidence of copying.
pub const MIN_NONZERO_CELLS: usize = 10;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "表格数字不应与上一年度报告完全相同",
            "The tables are not the same as last year's",
        )
        .rationale(
            "两年的统计数据逐项相同几乎不可能，通常是套用了上年报告而没有更新表格。只在双方表格都能完整读取、且至少有10个非零数字时比较：全为0的表格（业务量很小的机关）相同不说明问题。",
            "Two years of statistics that agree in every cell are next to impossible; usually last year's report was reused without updating its tables. Compared only when both reports' tables were read in full and hold at least 10 non-zero numbers: all-zero tables (agencies with little business) being equal is no evidence.",
        )
        .source(
            "《中华人民共和国政府信息公开条例》第五十条；《政府信息公开工作年度报告格式》",
            "Regulations on the Disclosure of Government Information, art. 50; the annual report format",
        )
        .passing(format!("{}{}", report(2020, TABLES_2020), report(2021, TABLES_2021)))
        .failing(mark(
            &format!("{}{}", report(2020, TABLES_2020), report(2021, TABLES_2020)),
            23,
            "第二十条第（一）项",
            1,
            "2021 年度报告的全部 3 张表格与同一机关的2020 年度报告（本文件第 1 行起）完全相同：18 个单元格（其中 18 个非零数字）逐项相等",
        ))
}

fn report(year: u16, tables: &str) -> String {
    format!("某县人民政府{year}年政府信息公开工作年度报告\n本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n一、总体情况\n{year}年，本县全面推进政务公开工作。\n二、主动公开政府信息情况\n{tables}")
}

const TABLES_2020: &str = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t2\t2\t15\n规范性文件\t12\t12\t86\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t56\t3\t1320\n其他对外管理服务事项\t8\t1\t214\n第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t112\t5\t468\n行政强制\t9\t1\t37\n";
const TABLES_2021: &str = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t1\t16\n规范性文件\t9\t9\t95\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t59\t2\t1412\n其他对外管理服务事项\t9\t0\t230\n第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t117\t3\t502\n行政强制\t10\t0\t41\n";

/// A report's table cells sorted by key, or `None` when it has no tables
/// or one was not read in full.
fn table_cells(view: &DocumentView<'_>, report: &Report) -> Option<Vec<(CellKey, Cell)>> {
    let tables = view.report_tables(report);
    if tables.is_empty() || tables.iter().any(|t| t.confidence != Confidence::FULL) {
        return None;
    }
    Some(cells_by_key(view, report))
}

fn same_cells(a: &[(CellKey, Cell)], b: &[(CellKey, Cell)]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((ka, ca), (kb, cb))| {
            ka == kb
                && ca.state == cb.state
                && (ca.state != CellState::NUMBER || ca.value == cb.value)
        })
}

fn nonzero(cells: &[(CellKey, Cell)]) -> usize {
    cells
        .iter()
        .filter(|(_, c)| c.number().is_some_and(|v| v != 0.0))
        .count()
}

pub fn check(
    ctx: &LintContext<'_>,
    analysis: &Analysis,
    lines: &mut Lines<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for (index, report) in ctx.doc.reports.iter().enumerate() {
        if analysis.is_later_copy(index) {
            continue;
        }
        let Some(cells) = table_cells(&ctx.doc, report) else {
            continue;
        };
        let nonzero = nonzero(&cells);
        if nonzero < MIN_NONZERO_CELLS {
            continue;
        }
        let copied = last_year(ctx, index, |j| analysis.is_later_copy(j))
            .into_iter()
            .find(|c| table_cells(&c.view, c.report).is_some_and(|o| same_cells(&cells, &o)));
        let Some(last) = copied else { continue };
        let name = report_name(ctx, report_year(ctx, report));
        let last_name = last_year_name(ctx, &last);
        let (where_zh, where_en) = whereabouts(ctx, lines, &last);
        let tables = ctx.doc.report_tables(report);
        let n = cells.len();
        let mut d = DiagnosticBuilder::for_rule(&RULE, table_line(&ctx.doc, &tables[0]),
            ctx.msg(
                format!("{name}的全部 {} 张表格与同一机关的{last_name}{where_zh}完全相同：{n} 个单元格（其中 {nonzero} 个非零数字）逐项相等", tables.len()),
                format!("all {} tables of {name} are the same as in {last_name} of the same agency{where_en}: {n} cells ({nonzero} non-zero numbers) equal one by one", tables.len()),
            ),
        )
        .help(ctx.msg(
            "按本年度的统计数据重新填写表格；如数据确实未变，请核实后在报告中说明",
            "fill in the tables with this year's statistics; if the figures really did not change, check them and say so in the report",
        ));
        if last.local.is_some() {
            if let Some(t) = last.view.report_tables(last.report).first() {
                d = d.related(
                    table_line(&last.view, t),
                    ctx.msg(
                        format!("{last_name}的表格"),
                        format!("the tables of {last_name}"),
                    ),
                );
            }
        }
        d.emit(out);
    }
}

/// A table's label (第二十条第（一）项 …) or its first line.
fn table_line(view: &DocumentView<'_>, table: &Table) -> Span {
    let span = if table.label.is_empty() {
        table.span
    } else {
        table.label
    };
    let text = view.slice(span);
    let first = text.lines().next().unwrap_or("");
    let lead = first.len() - first.trim_start().len();
    Span::new(
        span.start as usize + lead,
        span.start as usize + first.trim_end().len(),
    )
}

//! `format-version/outdated-table`: a table uses an older format than the
//! report year requires.

use crate::common;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef::new(
    "format-version/outdated-table",
    Severity::Error,
    docs,
    check,
);

const HEAD_2021: &str = "某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n";

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "表格应采用报告年度要求的格式",
            "Tables use the format the report year requires",
        )
        .rationale(
            "2021 年及以后的年度报告应使用国办公开办函〔2021〕30号 规定的表格（第二十条各项为本年制发件数、本年废止件数、现行有效件数等，不再有第（九）项，（六）其他处理分为三行）；2019、2020 年度报告使用国办公开办函〔2019〕60号 的表格。沿用旧表格，数据口径与要求不符，无法汇总和比较。",
            "Reports for 2021 and later use the tables of 国办公开办函〔2021〕30号 (article 20 items with 本年制发件数/本年废止件数/现行有效件数, no item (9), （六）其他处理 in three rows); reports for 2019 and 2020 use those of 国办公开办函〔2019〕60号. An old table reports figures on a basis that can no longer be compiled or compared.",
        )
        .source(
            "国办公开办函〔2021〕30号；国办公开办函〔2019〕60号",
            "国办公开办函〔2021〕30号; 国办公开办函〔2019〕60号",
        )
        .passing(format!("{HEAD_2021}信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t3\t1\t10\n"))
        .failing(mark(
            &format!("{HEAD_2021}信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t3\t3\t10\n"),
            6,
            "第二十条第（一）项\t\t\t",
            1,
            "2021 年度报告应使用2021 年格式（国办公开办函〔2021〕30号）的表格，但“第二十条第（一）项”（表头为本年新制作数量/本年新公开数量/对外公开总数量）仍是2019 年格式（国办公开办函〔2019〕60号）",
        ))
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let Some(year) = ctx.year(report) else {
            continue;
        };
        let required = common::required_format(year);
        if required == FormatVersion::PRE2019 {
            continue;
        }
        let tables = common::dated_tables(ctx, report);
        // A report with tables of both formats is `format-version/mixed`.
        if common::is_mixed(&tables) {
            continue;
        }
        let outdated: Vec<&Table> = tables
            .iter()
            .copied()
            .filter(|t| t.format.0 < required.0)
            .collect();
        if let Some(first) = outdated.first() {
            report_outdated(ctx, year, required, first, &outdated, out);
        }
    }
}

fn report_outdated(
    ctx: &LintContext<'_>,
    year: u16,
    required: FormatVersion,
    first: &Table,
    outdated: &[&Table],
    out: &mut Vec<Diagnostic>,
) {
    let (used_zh, used_en) = common::format_name(first.format);
    let (want_zh, want_en) = common::format_name(required);
    let list = common::describe_tables(ctx, outdated);
    let mut diag = DiagnosticBuilder::for_rule(&RULE, common::table_anchor(first),
        ctx.msg(
            format!("{year} 年度报告应使用{want_zh}的表格，但{list}仍是{used_zh}"),
            format!("a {year} report must use the tables of {want_en}, but {list} still follow {used_en}"),
        ),
    )
    .help(ctx.msg(
        format!("按{want_zh}重新填列这些表格（旧表的栏目不能一一对应，需按新口径重新统计）"),
        format!("redo these tables in {want_en} (the old columns do not map one to one; the figures must be compiled on the new basis)"),
    ));
    for table in outdated.iter().skip(1) {
        diag = diag.related(
            common::table_anchor(table),
            ctx.msg("旧格式表格", "a table in the old format"),
        );
    }
    // What makes each table old: its columns, or table 三's single （六） row.
    for table in outdated {
        let evidence = common::where_format_shows(ctx, table);
        if evidence != common::table_anchor(table) {
            diag = diag.related(
                evidence,
                ctx.msg("旧格式的表头或行", "the old format's header or row"),
            );
        }
    }
    diag.emit(out);
}

//! `format-version/mixed`: one report mixes the 2019 and 2021 formats.

use crate::common;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("format-version/mixed", Severity::Error, docs, check);

const HEAD: &str = "某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t3\t1\t10\n";
const ART20_5_2019: &str = "第二十条第（五）项\t\t\t\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t134\t+51\t43141\n其他对外管理服务事项\t529\t+348\t28549\n";
const ART20_5_2021: &str = "第二十条第（五）项\t\n信息内容\t本年处理决定数量\n行政许可\t43141\n";

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "同一报告不应混用两种格式",
            "One report does not mix two formats",
        )
        .rationale(
            "常见的错误是只更新了部分表格：第二十条用 2021 年表头，而申请办理表仍只有一行（六）其他处理，或反之。混用格式的报告数据口径不一，无法汇总。",
            "A common slip is updating only some tables: 2021 headers for article 20 while the applications table keeps a single （六）其他处理 row, or the reverse. Such a report mixes two bases and cannot be compiled.",
        )
        .source(
            "国办公开办函〔2021〕30号；国办公开办函〔2019〕60号",
            "国办公开办函〔2021〕30号; 国办公开办函〔2019〕60号",
        )
        .passing(format!("{HEAD}{ART20_5_2021}"))
        .failing(mark(
            &format!("{HEAD}{ART20_5_2019}"),
            10,
            "第二十条第（五）项\t\t\t",
            1,
            "同一报告混用两种格式：“第二十条第（一）项”（表头为本年制发件数/本年废止件数/现行有效件数）为2021 年格式（国办公开办函〔2021〕30号），“第二十条第（五）项”（表头含上一年项目数量/本年增/减）为2019 年格式（国办公开办函〔2019〕60号）；2021 年度报告应统一使用2021 年格式（国办公开办函〔2021〕30号）",
        ))
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let tables = common::dated_tables(ctx, report);
        if !common::is_mixed(&tables) {
            continue;
        }
        let of = |f: FormatVersion| -> Vec<&Table> {
            tables.iter().copied().filter(|t| t.format == f).collect()
        };
        let (v2019, v2021) = (of(FormatVersion::V2019), of(FormatVersion::V2021));
        // Point at the tables that are wrong for the year; without a year,
        // at the minority.
        let odd = match ctx.year(report).map(common::required_format) {
            Some(FormatVersion::V2021) => &v2019,
            Some(FormatVersion::V2019) => &v2021,
            _ if v2019.len() <= v2021.len() => &v2019,
            _ => &v2021,
        };
        let (name19_zh, name19_en) = common::format_name(FormatVersion::V2019);
        let (name21_zh, name21_en) = common::format_name(FormatVersion::V2021);
        let list19 = common::describe_tables(ctx, &v2019);
        let list21 = common::describe_tables(ctx, &v2021);
        let year_note = match ctx.year(report) {
            Some(y) if y >= 2019 => {
                let (zh, en) = common::format_name(common::required_format(y));
                (
                    format!("；{y} 年度报告应统一使用{zh}"),
                    format!("; a {y} report uses {en} throughout"),
                )
            }
            _ => (String::new(), String::new()),
        };
        let mut diag = DiagnosticBuilder::for_rule(&RULE, common::table_anchor(odd[0]),
            ctx.msg(
                format!("同一报告混用两种格式：{list21}为{name21_zh}，{list19}为{name19_zh}{}", year_note.0),
                format!("the report mixes two formats: {list21} follow {name21_en}, {list19} follow {name19_en}{}", year_note.1),
            ),
        )
        .help(ctx.msg(
            "所有表格统一使用报告年度要求的格式",
            "use the format the report year requires for every table",
        ));
        for table in tables.iter().filter(|t| t.span != odd[0].span) {
            let (zh, en) = common::format_name(table.format);
            diag = diag.related(common::table_anchor(table), ctx.msg(zh, en));
        }
        // What makes the odd tables another format: their columns, or
        // table 三's single （六） row.
        for table in odd {
            let evidence = common::where_format_shows(ctx, table);
            if evidence != common::table_anchor(table) {
                let (zh, en) = common::format_name(table.format);
                diag = diag.related(
                    evidence,
                    ctx.msg(format!("此处为{zh}"), format!("this follows {en}")),
                );
            }
        }
        diag.emit(out);
    }
}

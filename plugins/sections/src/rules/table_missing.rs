//! `sections/table-missing`: 二 contains the 第二十条 tables, 三 the
//! applications table, 四 the review and litigation table.

use crate::outline;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("sections/table-missing", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "第二、三、四部分应包含规定的统计表",
            "Sections 二, 三 and 四 contain their tables",
        )
        .rationale(
            "年度报告格式以表格报告主动公开（第二十条各项）、依申请公开办理情况和行政复议行政诉讼情况。只有文字没有表格，数据无法核对，也无法进行勾稽关系检查。",
            "The report format reports proactive disclosure (article 20 items), applications and review/litigation in tables. Without them the figures cannot be checked.",
        )
        .source(
            "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式 第二、三、四部分",
            "the report formats 国办公开办函〔2019〕60号 and 〔2021〕30号, sections 二, 三 and 四",
        )
        .passing(
            "某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n公开质量有待提高。\n",
        )
        .failing("某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n四、政府信息公开行政复议、行政诉讼情况\n//^ 「四、政府信息公开行政复议、行政诉讼情况」 “四、政府信息公开行政复议、行政诉讼情况”中没有规定的统计表（“行政复议、行政诉讼情况”）\n本年未发生行政复议、行政诉讼。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n")
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        if !outline::holds_six(ctx, report) {
            continue;
        }
        let tops = ctx.top_sections(report);
        for section in &tops {
            let needed = required_tables(report, section.kind);
            let missing: Vec<TableKind> = needed
                .iter()
                .copied()
                .filter(|k| {
                    !ctx.doc
                        .report_tables(report)
                        .iter()
                        .any(|t| t.kind == *k && outline::within(t.span, section.span))
                })
                .collect();
            if !missing.is_empty() {
                report_missing_tables(ctx, report, section, needed, &missing, out);
            }
        }
    }
}

/// The tables a section must contain in this report's format: 第二十条
/// 第（九）项 exists only in the 2019 format.
fn required_tables(report: &Report, kind: SectionKind) -> &'static [TableKind] {
    let all = outline::table_kinds(kind);
    if kind == SectionKind::ACTIVE && report.format != FormatVersion::V2019 {
        &all[..4]
    } else {
        all
    }
}

fn report_missing_tables(
    ctx: &LintContext<'_>,
    report: &Report,
    section: &Section,
    needed: &[TableKind],
    missing: &[TableKind],
    out: &mut Vec<Diagnostic>,
) {
    let heading = outline::heading_text(ctx, section);
    let names_zh = missing
        .iter()
        .map(|k| format!("“{}”", schema::table_name(*k)))
        .collect::<Vec<_>>()
        .join("、");
    let names_en = missing
        .iter()
        .map(|k| schema::table_name_en(*k))
        .collect::<Vec<_>>()
        .join(", ");
    let none_at_all = missing.len() == needed.len();
    let (zh, en) = if none_at_all {
        (
            format!("“{heading}”中没有规定的统计表（{names_zh}）"),
            format!("section “{heading}” has none of its required tables ({names_en})"),
        )
    } else {
        (
            format!("“{heading}”中缺少{names_zh}表"),
            format!("section “{heading}” lacks the table(s) {names_en}"),
        )
    };
    let mut diag = DiagnosticBuilder::for_rule(&RULE, section.heading, ctx.msg(zh, en))
        .help(ctx.msg(
        "按年度报告格式在该部分填列统计表，没有发生的事项填 0",
        "fill in the table(s) of the report format in this section, with 0 where nothing happened",
    ));
    for table in ctx.doc.report_tables(report) {
        if missing.contains(&table.kind) {
            diag = diag.related(
                table.span,
                ctx.msg(
                    "该表格在本部分之外",
                    "the table stands outside this section",
                ),
            );
        }
    }
    diag.emit(out);
}

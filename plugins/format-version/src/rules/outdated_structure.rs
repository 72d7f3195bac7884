//! `format-version/outdated-structure`: a pre-2019 outline in a report for
//! 2019 or later.

use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> = RuleDef::new(
    "format-version/outdated-structure",
    Severity::Error,
    docs,
    check,
);

/// Titles that belong only to the pre-2019 outline (国办发〔2014〕32号
/// era): 概述, 收费及减免, 组织领导和制度建设, 保密审查, 需要说明的事项 …
const LEGACY_TITLES: [&str; 8] = [
    "概述",
    "收费及减免",
    "组织领导和制度建设",
    "保密审查",
    "需要说明的事项",
    "事业单位信息公开",
    "回应社会关切",
    "重点领域",
];

/// The pre-2019 outline had 7 to 12 parts; the 2019 and 2021 formats have
/// six. One extra part between the six is a style matter (`sections/order`);
/// eight or more level-1 parts with the six out of their places is the old
/// outline.
const OLD_OUTLINE_PARTS: usize = 8;

const FAILING: &str = "某县人民政府2020年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、概述\n本县全面推进政务公开。\n二、政府信息公开的组织领导和制度建设情况\n成立了领导小组。\n三、主动公开政府信息情况\n本年主动公开信息1200条。\n四、政府信息公开申请的办理情况\n本年收到申请5件。\n五、政府信息公开的收费及减免情况\n未收取费用。\n六、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n七、政府信息公开工作存在的主要问题及改进措施\n公开质量有待提高。\n";
const PASSING: &str = "某县人民政府2014年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2014年1月1日起至2014年12月31日止。\n一、概述\n本县全面推进政务公开。\n二、政府信息公开的组织领导和制度建设情况\n成立了领导小组。\n三、主动公开政府信息情况\n本年主动公开信息1200条。\n四、政府信息公开申请的办理情况\n本年收到申请5件。\n五、政府信息公开的收费及减免情况\n未收取费用。\n六、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n七、政府信息公开工作存在的主要问题及改进措施\n公开质量有待提高。\n";

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "2019 年及以后的报告不应沿用旧提纲",
            "Reports for 2019 and later do not follow the pre-2019 outline",
        )
        .rationale(
            "2019 年修订的条例施行后，年度报告由六个部分组成。沿用概述、组织领导和制度建设、收费及减免等旧提纲的报告，不符合现行格式，往往也缺少现行格式要求的内容。2019 年以前的报告使用旧提纲是正确的，不报告。",
            "Since the revised regulations of 2019, a report has six sections. A report that keeps the old outline (概述, 组织领导和制度建设, 收费及减免 …) does not follow the current format and usually lacks what it requires. Reports before 2019 rightly use the old outline and are not reported.",
        )
        .source(
            "《中华人民共和国政府信息公开条例》（国务院令第711号）第五十条；国办公开办函〔2019〕60号",
            "Regulations on Open Government Information (State Council Decree 711), art. 50; 国办公开办函〔2019〕60号",
        )
        .passing(PASSING)
        .failing(mark(
            FAILING,
            3,
            "一、概述",
            1,
            "2020 年度报告采用 2019 年以前的提纲：一级标题共 7 部分（一、概述 / 二、政府信息公开的组织领导和制度建设情况 / 三、主动公开政府信息情况 / 四、政府信息公开申请的办理情况 / 五、政府信息公开的收费及减免情况 / 六、因政府信息公开申请行政复议、提起行政诉讼的情况 / 七、政府信息公开工作存在的主要问题及改进措施），其中“一、概述”、“二、政府信息公开的组织领导和制度建设情况”、“五、政府信息公开的收费及减免情况”是旧提纲的部分；2019 年起应为六个部分",
        ))
}

pub fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for report in ctx.doc.reports {
        let Some(year) = ctx.year(report).filter(|y| *y >= 2019) else {
            continue;
        };
        let tops = ctx.top_sections(report);
        let legacy: Vec<&Section> = tops.iter().copied().filter(|s| is_legacy(ctx, s)).collect();
        // A standard section's kind is its number in the standard outline.
        let shifted = tops
            .iter()
            .any(|s| is_standard(s) && s.number != s.kind.0 as u16);
        let long_outline = tops.len() >= OLD_OUTLINE_PARTS && shifted;
        let by_outline = report.format == FormatVersion::PRE2019;
        if legacy.is_empty() && !long_outline && !by_outline {
            continue;
        }
        report_outline(ctx, year, &tops, &legacy, out);
    }
}

fn is_legacy(ctx: &LintContext<'_>, section: &Section) -> bool {
    section.kind == SectionKind::LEGACY || {
        let title = ctx.text(section.title);
        LEGACY_TITLES.iter().any(|k| title.contains(k))
    }
}

fn is_standard(section: &Section) -> bool {
    schema::standard_title(section.kind).is_some()
}

/// "一、总体情况 二、主动公开政府信息情况 …": the six sections of the
/// current format.
fn standard_outline() -> String {
    const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    NUMERALS
        .iter()
        .zip(schema::STANDARD_TITLES)
        .map(|(n, (_, title))| format!("{n}、{title}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn report_outline(
    ctx: &LintContext<'_>,
    year: u16,
    tops: &[&Section],
    legacy: &[&Section],
    out: &mut Vec<Diagnostic>,
) {
    let Some(first) = legacy
        .first()
        .or_else(|| tops.iter().find(|s| !is_standard(s)))
        .or(tops.first())
    else {
        return;
    };
    let outline = tops
        .iter()
        .map(|s| ctx.text(s.heading).trim())
        .collect::<Vec<_>>()
        .join(" / ");
    let legacy_list = legacy
        .iter()
        .map(|s| format!("“{}”", ctx.text(s.heading).trim()))
        .collect::<Vec<_>>()
        .join("、");
    let (why_zh, why_en) = if legacy.is_empty() {
        (
            "六个标准部分未居其位".to_string(),
            "the six standard sections are out of their places".to_string(),
        )
    } else {
        (
            format!("其中{legacy_list}是旧提纲的部分"),
            format!("{legacy_list} belong to the old outline"),
        )
    };
    let mut diag = DiagnosticBuilder::for_rule(&RULE, first.heading,
        ctx.msg(
            format!("{year} 年度报告采用 2019 年以前的提纲：一级标题共 {} 部分（{outline}），{why_zh}；2019 年起应为六个部分", tops.len()),
            format!("a {year} report follows the pre-2019 outline: {} level-1 parts ({outline}); {why_en}; since 2019 a report has six sections", tops.len()),
        ),
    )
    .help(ctx.msg(
        format!("按现行格式改为六个部分：{}", standard_outline()),
        format!(
            "restructure into the six sections of the current format: {}",
            standard_outline()
        ),
    ));
    for s in tops.iter().filter(|s| s.heading != first.heading) {
        diag = diag.related(s.heading, ctx.msg("一级标题", "a level-1 heading"));
    }
    diag.emit(out);
}

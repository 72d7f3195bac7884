//! `arithmetic/text-table`: a prose figure that restates a table cell
//! ("收到政府信息公开申请 341 件", "予以公开 187 件", "行政复议 3 件")
//! must equal it.
//!
//! Only a few fixed wordings are recognised, right before the figure in
//! its clause, so that a figure about something else (协助调查函, 办理
//! 政务服务事项) is never compared with the table.

use crate::common::*;
use crate::examples::ExampleReport;
use crate::prose::*;
use nblint_plugin_api::prelude::schema::{applications as app, review, stats};
use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/text-table", Severity::Error, docs, check);

/// Which cell a wording restates.
#[derive(Clone, Copy)]
enum Target {
    Applications(u16),
    ReviewTotal,
}

/// (wording before the figure, the cell it restates, a name for messages).
static PATTERNS: LazyLock<Vec<(Regex, Target, &'static str, &'static str)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("valid regex");
    vec![
        (
            RECEIVED.clone(),
            Target::Applications(app::ROW_NEW),
            "收到政府信息公开申请",
            "applications received",
        ),
        (
            re(r"^(?:其中)?(?:依申请)?予以公开$"),
            Target::Applications(app::ROW_PUBLIC),
            "予以公开",
            "disclosed",
        ),
        (
            re(r"^(?:其中)?部分公开$"),
            Target::Applications(app::ROW_PARTIAL),
            "部分公开",
            "partly disclosed",
        ),
        (
            re(r"^(?:上年结转|结转上年(?:度)?)(?:申请)?$"),
            Target::Applications(app::ROW_CARRIED),
            "上年结转",
            "carried over",
        ),
        (
            re(r"^(?:结转|转)下(?:一)?年(?:度)?(?:继续办理)?$"),
            Target::Applications(app::ROW_CARRY_FORWARD),
            "结转下年度",
            "carried forward",
        ),
        (
            re(r"(?:申请|提起)?行政复议(?:案件)?(?:共计|共|合计)?$"),
            Target::ReviewTotal,
            "行政复议",
            "administrative reviews",
        ),
    ]
});

/// For each of [`PATTERNS`], a character every match of it holds: a clause
/// without it is not searched.
const NEEDED: [char; 6] = ['申', '公', '公', '结', '转', '复'];

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "正文复述的表格数字与表格不一致",
            "A figure in the text that restates a table cell differs from it",
        )
        .rationale(
            "正文中的收到申请数、予以公开数、行政复议数等应与表格一致；不一致时读者无从判断哪个正确。",
            "The text's counts of applications received, disclosed, reviews … must match the tables; otherwise a reader cannot tell which is right.",
        )
        .source(
            "年度报告格式 第三、四部分（正文与表格一致）",
            "the report formats, sections 三 and 四 (text consistent with tables)",
        )
        .passing(
            ExampleReport::default()
                .overview("本年度共收到政府信息公开申请14件，其中予以公开3件，部分公开1件。")
                .text(),
        )
        .failing(mark(
            &ExampleReport::default()
                .overview("本年度共收到政府信息公开申请16件，其中予以公开3件，部分公开1件。")
                .text(),
            4,
            "16",
            1,
            "正文称收到政府信息公开申请 16 件，但表格 一、本年新收政府信息公开申请数量·总计 为 14，相差 2",
        ))
        .passing(crate::examples::pre2019_report(
            "2012年全县共收到有关政府信息公开的申请7条，网上申请数4条，信函申请数3条。",
            &crate::examples::PRE2019_ROWS,
        ))
        .failing(mark(
            &mark(
                &crate::examples::pre2019_report(
                    "2012年全县共收到有关政府信息公开的申请7条，网上申请数3条，信函申请数4条。",
                    &crate::examples::PRE2019_ROWS,
                ),
                8,
                "3",
                1,
                "正文称网上申请 3 条，但表格 网上申请数·本年度 为 4，相差 1",
            ),
            8,
            "4",
            1,
            "正文称信函申请 4 条，但表格 信函申请数·本年度 为 3，相差 1",
        ))
}

/// The cell a target refers to, when it can be checked.
fn cell(view: &DocumentView<'_>, report: &Report, target: Target) -> Option<(TableKind, Num)> {
    match target {
        Target::Applications(row) => {
            let t = checkable_table(view, report, TableKind::APPLICATIONS)?;
            Some((TableKind::APPLICATIONS, num(view, t, row, app::COL_TOTAL)?))
        }
        Target::ReviewTotal => {
            let t = checkable_table(view, report, TableKind::REVIEW)?;
            let col = review::col(0, review::PART_TOTAL);
            Some((TableKind::REVIEW, num(view, t, review::ROW_DATA, col)?))
        }
    }
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    if view.find_table(report, TableKind::APPLICATIONS).is_none() {
        if let Some(t) = stats_table(view, report) {
            // A pre-2019 report: judged against its own year's table.
            check_stats(ctx, report, t, out);
            return;
        }
    }
    for f in view.report_figures(report) {
        if !is_count(f)
            || f.cues.0 & (Cues::APPROX | Cues::YEAR_ON_YEAR | Cues::INCREASE | Cues::DECREASE) != 0
            || !["件", "起", "宗"].iter().any(|u| unit_is(ctx, f, u))
        {
            continue;
        }
        // The clauses as written (suffixes of the sentence so far), found
        // only for a wording whose character the sentence holds; spaces
        // are removed (a copy) only when the clause holds it too.
        let before = sentence_before(ctx, f);
        if !NEEDED.iter().any(|c| before.contains(*c)) {
            continue;
        }
        let plain = clause_in(before, CLAUSE_BREAKS);
        let listed = clause_in(before, SENTENCE_PARTS);
        for (i, (re, target, zh, en)) in PATTERNS.iter().enumerate() {
            let clause = if i == 0 { listed } else { plain };
            if !clause.contains(NEEDED[i]) || !re.is_match(&without_spaces(clause)) {
                continue;
            }
            if let Some((kind, c)) = cell(view, report, *target) {
                if !same(c.value, f.value) && !received_with_carried(view, report, *target, f.value)
                {
                    emit(ctx, report, f, kind, c, (zh, en), out);
                }
            }
            break;
        }
    }
}

/// "收到申请75件" where 一、本年新收 is 74 and 二、上年结转 1: some authors
/// count the applications handled this year, new and carried over (the
/// 75 of （七）总计 + 四). That reading is the author's, not a contradiction.
fn received_with_carried(
    view: &DocumentView<'_>,
    report: &Report,
    target: Target,
    value: f64,
) -> bool {
    if !matches!(target, Target::Applications(app::ROW_NEW)) {
        return false;
    }
    let new = cell(view, report, target);
    let carried = cell(view, report, Target::Applications(app::ROW_CARRIED));
    match (new, carried) {
        (Some((_, n)), Some((_, c))) => c.value > 0.0 && same(n.value + c.value, value),
        _ => false,
    }
}

fn emit(
    ctx: &LintContext<'_>,
    report: &Report,
    f: &Figure,
    kind: TableKind,
    c: Num,
    (zh, en): (&str, &str),
    out: &mut Vec<Diagnostic>,
) {
    let label = cell_name(ctx, kind, c.row, c.col);
    let (fv, cv) = (fmt_num(f.value), fmt_num(c.value));
    let u = unit(ctx, f);
    let diff = diff_text(ctx, f.value, c.value);
    // When the text gives the 自然人 column, say so: the author probably
    // left out the organisations.
    let natural = (kind == TableKind::APPLICATIONS)
        .then(|| {
            let t = checkable_table(&ctx.doc, report, TableKind::APPLICATIONS)?;
            num(&ctx.doc, t, c.row, app::COL_NATURAL)
        })
        .flatten()
        .filter(|n| same(n.value, f.value));
    let note = match natural {
        Some(_) => ctx.msg(
            "（与自然人一列相同，正文可能漏计了法人或其他组织）",
            " (it equals the natural-persons column: the text may leave out organisations)",
        ),
        None => String::new(),
    };
    let message = ctx.msg(
        format!("正文称{zh} {fv} {u}，但表格 {label} 为 {cv}，{diff}{note}"),
        format!("the text gives {fv} {en}, but the table's {label} is {cv}, {diff}{note}"),
    );
    DiagnosticBuilder::for_rule(&RULE, f.span, message)
        .help(ctx.msg(
            "核对正文与表格，使两者一致",
            "check the text against the table so that they agree",
        ))
        .related(c.span, format!("{label} = {cv}"))
        .change_to(ctx, f.span, &cv, false)
        .emit(out);
}

// ------------------------------------------------------------ pre-2019

/// The pre-2019 statistics table, when its mapped cells can be trusted
/// (rows it could not map are left out, not shifted).
fn stats_table<'a>(view: &DocumentView<'a>, report: &Report) -> Option<&'a Table> {
    view.find_table(report, TableKind::STATS_PRE2019)
        .filter(|t| t.confidence != Confidence::NONE)
}

/// Wordings right before a figure of a pre-2019 report (the clause without
/// spaces) and the row of the statistics table they restate. A whole
/// clause is matched: "县直各单位主动公开政府信息303条" is one office's
/// share, not the table's total.
static STATS_BEFORE: LazyLock<Vec<(Regex, u16, &'static str, &'static str)>> = LazyLock::new(
    || {
        let re = |s: &str| Regex::new(s).expect("valid regex");
        let year =
            r"^(?:\d{4}年度?)?(?:全区|全县|全市|全镇|本机关|本局|我局|我区|我县|我市|我委|我办)?";
        vec![
            (
                re(&format!(
                    r"{year}(?:其中)?(?:共|累计)?主动公开(?:政府)?(?:信息|文件)(?:数)?(?:共计|共|合计|为)?$"
                )),
                stats::ROW_ACTIVE,
                "主动公开政府信息",
                "information published proactively",
            ),
            (
                // 公开 named: "共受理申请121510件" at an administrative
                // service centre is not an information request.
                re(
                    r"(?:收到|接收|受理|新收)[^，,。；;：:]{0,16}公开[^，,。；;：:]{0,6}申请(?:共计|共|合计)?$",
                ),
                stats::ROW_APPLICATIONS,
                "收到政府信息公开申请",
                "applications received",
            ),
            (
                re(r"^(?:其中)?当面申请(?:数)?(?:共|为)?$"),
                stats::ROW_APP_IN_PERSON,
                "当面申请",
                "applications in person",
            ),
            (
                re(r"^(?:其中)?传真申请(?:数)?(?:共|为)?$"),
                stats::ROW_APP_FAX,
                "传真申请",
                "applications by fax",
            ),
            (
                re(r"^(?:其中)?(?:电子邮件|邮件)申请(?:数)?(?:共|为)?$"),
                stats::ROW_APP_EMAIL,
                "电子邮件申请",
                "applications by e-mail",
            ),
            (
                re(r"^(?:其中)?(?:网上|网络)申请(?:数)?(?:共|为)?$"),
                stats::ROW_APP_ONLINE,
                "网上申请",
                "applications online",
            ),
            (
                re(r"^(?:其中)?信函申请(?:数)?(?:共|为)?$"),
                stats::ROW_APP_LETTER,
                "信函申请",
                "applications by letter",
            ),
            (
                re(r"(?:申请|提起)?行政复议(?:申请|案件)?(?:数)?(?:共计|共|合计|为)?$"),
                stats::ROW_REVIEW,
                "行政复议",
                "administrative reviews",
            ),
            (
                re(r"(?:提起)?行政诉讼(?:案件)?(?:数)?(?:共计|共|合计|为)?$"),
                stats::ROW_LITIGATION,
                "行政诉讼",
                "lawsuits",
            ),
        ]
    },
);

/// "收到1份有关政府信息公开行政复议申请": the verb before the figure, the
/// thing counted after its unit.
static RECEIVED_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:收到|受理|接到|发生)$").expect("valid regex"));
static STATS_AFTER: LazyLock<Vec<(Regex, u16, &'static str, &'static str)>> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("valid regex");
    vec![
        (
            re(r"^(?:有关|涉及)?(?:政府信息公开(?:的)?)?行政复议(?:申请|案件)?"),
            stats::ROW_REVIEW,
            "行政复议",
            "administrative reviews",
        ),
        (
            re(r"^(?:有关|涉及)?(?:政府信息公开(?:的)?)?行政诉讼(?:案件)?"),
            stats::ROW_LITIGATION,
            "行政诉讼",
            "lawsuits",
        ),
    ]
});

/// Units a pre-2019 report counts in.
const STATS_UNITS: [&str; 6] = ["条", "件", "个", "份", "起", "宗"];

/// The clause after a figure's unit, as written, up to the next break.
fn clause_after<'a>(ctx: &LintContext<'a>, f: &Figure) -> &'a str {
    let from = f.unit.end.max(f.span.end);
    let end = f.sentence.end.max(from);
    let after = ctx.text(Span { start: from, end });
    let cut = after.find(CLAUSE_BREAKS).unwrap_or(after.len());
    &after[..cut]
}

/// The row a pre-2019 figure restates, with its wording for messages.
fn stats_claim(ctx: &LintContext<'_>, f: &Figure) -> Option<(u16, &'static str, &'static str)> {
    let before = sentence_before(ctx, f);
    let plain = without_spaces(clause_in(before, CLAUSE_BREAKS));
    let listed = without_spaces(clause_in(before, SENTENCE_PARTS));
    let found = STATS_BEFORE.iter().find(|(re, row, _, _)| {
        let clause = if *row == stats::ROW_APPLICATIONS {
            &listed
        } else {
            &plain
        };
        re.is_match(clause)
    });
    if let Some((_, row, zh, en)) = found {
        return Some((*row, zh, en));
    }
    if !RECEIVED_BEFORE.is_match(&plain) {
        return None;
    }
    let after = without_spaces(clause_after(ctx, f));
    STATS_AFTER
        .iter()
        .find(|(re, ..)| re.is_match(&after))
        .map(|(_, row, zh, en)| (*row, *zh, *en))
}

fn check_stats(ctx: &LintContext<'_>, report: &Report, t: &Table, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    for f in view.report_figures(report) {
        if !is_count(f)
            || f.cues.0 & (Cues::APPROX | Cues::YEAR_ON_YEAR | Cues::INCREASE | Cues::DECREASE) != 0
            || !STATS_UNITS.iter().any(|u| unit_is(ctx, f, u))
        {
            continue;
        }
        let Some((row, zh, en)) = stats_claim(ctx, f) else {
            continue;
        };
        let Some(c) = num(view, t, row, stats::COL_THIS_YEAR) else {
            continue;
        };
        if !same(c.value, f.value) {
            emit(ctx, report, f, TableKind::STATS_PRE2019, c, (zh, en), out);
        }
    }
}

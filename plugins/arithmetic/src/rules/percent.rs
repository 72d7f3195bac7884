//! `arithmetic/percent`: prose percentages that do not match the figures
//! they describe.
//!
//! - "X 件，占比 p%": X over the base the author used, looked for nearest
//!   first (see `Reach`): larger counts of the same unit before X in its
//!   sentence ("在…的1913条政府信息中，…145条，占8.05%") and in the sentence
//!   before ("其中主动公开政府信息425条……。…303条，占71.3%"), the base of
//!   the share before it that held (a list of shares running on over
//!   sentences), enclosing totals earlier in the section (共/累计 N, "N
//!   条…中", "N 条。其中"), the number of applications received
//!   ("收到申请 215 件") and that number plus the carried-over
//!   applications the paragraph states ("结转上年 12 件": 215 + 12); and,
//!   when one of those is the 三 table's 一 总计, the table's 一, 一 + 二
//!   and （七）总计. A count that has its own share is a part, not a base.
//!   A share whose count is named rather than written ("……总数70条，其中
//!   主动公开政府信息69条……。主动公开的政府信息占98.55%") takes the figure
//!   of the sentence before that the name labels, over that sentence's
//!   totals. The prose bases stand on their own: a table that disagrees with the
//!   prose, or none at all, does not take them away. Any base that matches
//!   silences the rule; otherwise the message lists every base tried.
//! - "收到申请 X 件，同比增加 c 件，上升 p%": against last year's 一 总计
//!   from last year's report (see `carry_over` for how it is found); any
//!   version of last year's report that agrees silences the rule.
//!
//! A percentage with d decimals matches when it is the exact value rounded
//! or truncated to d decimals; after 约/近/超过 within 1 point. Rates
//! (办结率 …) are not checked: their numerator is rarely stated.

use crate::common::*;
use crate::examples::ExampleReport;
use crate::prose::*;
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/percent", Severity::Warning, docs, check);

/// The wording before "N 件" that says N applications were carried over
/// from last year (结转上年 12 件, 上年结转 2 件, 上年度结转的申请 3 件);
/// matched against the clause before the figure ([`clause_in`] with
/// [`CLAUSE_BREAKS`], see [`clause_matches`]).
static CARRIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:上一?年度?(?:未办结)?结转|结转上一?年度?)[^，,。；;：:]{0,12}$")
        .expect("valid regex")
});

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "正文中的占比、同比增减与其描述的数字不符",
            "A percentage or year-on-year change in the text does not match its figures",
        )
        .rationale(
            "占比和同比增减由正文或表格中的数字算出；算错或照抄上年的百分比会误导读者。允许按所写精度四舍五入或截断，写“约”时允许 1 个百分点的误差。",
            "Shares and year-on-year changes are computed from figures in the text or tables; a wrong or copied percentage misleads. Rounding or truncation to the stated precision is allowed, and 1 point after 约 (about).",
        )
        .source(
            "年度报告格式 勾稽关系（正文与表格、上年报告一致）",
            "the report formats' consistency requirement (text against tables and last year's report)",
        )
        .passing(
            ExampleReport::default()
                .overview("本年度共收到政府信息公开申请14件，其中予以公开3件，占比21.4%，无法提供8件，占比57.1%。")
                .text(),
        )
        .failing(mark(
            &ExampleReport::default()
                .overview("本年度共收到政府信息公开申请14件，其中予以公开3件，占比31.4%，无法提供8件，占比57.1%。")
                .text(),
            4,
            "31.4",
            1,
            "正文称 3 件占比 31.4%，但按前文可能的基数计算均不符：3/14 = 21.4%（本句）；3/15 = 20.0%（三表 一 + 二 总计）；3/13 = 23.1%（三表 （七）总计）",
        ))
        .passing(
            ExampleReport::default()
                .year(2021)
                .overview("本年度共收到政府信息公开申请14件，同比增加4件，上升40%。")
                .then(&ExampleReport::default().overview("本年度共收到政府信息公开申请10件。").year(2020).app(app::ROW_NEW, app::COL_TOTAL, "10"))
                .text(),
        )
        .failing(mark(
            &ExampleReport::default()
                .year(2021)
                .overview("本年度共收到政府信息公开申请14件，同比增加3件，上升40%。")
                .then(&ExampleReport::default().overview("本年度共收到政府信息公开申请10件。").year(2020).app(app::ROW_NEW, app::COL_TOTAL, "10"))
                .text(),
            4,
            "3",
            1,
            "正文称同比变化 3 件、40%，但 2020 年度报告收到申请 10 件，本年 14 件，实际增加 4 件（40.0%）",
        ))
}

/// Whether `stated` (with `decimals` decimals) is `exact` rounded or
/// truncated, or within 1 point when approximate.
fn matches(stated: f64, decimals: u8, approx: bool, exact: f64) -> bool {
    let unit = 10f64.powi(-(decimals as i32));
    let rounded = (exact - stated).abs() <= unit / 2.0 + 1e-9;
    let truncated = stated <= exact + 1e-9 && exact < stated + unit - 1e-9;
    rounded || truncated || (approx && (exact - stated).abs() <= 1.0 + 1e-9)
}

fn pct(part: f64, base: f64) -> f64 {
    100.0 * part / base
}

/// A base a share may have been computed on, with where it comes from.
#[derive(Clone)]
struct Base {
    value: f64,
    span: Span,
    label: Label,
}

/// Where a base comes from, written out only when a diagnostic names it.
#[derive(Clone, Copy)]
enum Label {
    /// A cell or cells of the 三 table (zh, en).
    Table(&'static str, &'static str),
    /// A figure of the text, and where it stands from the share.
    Stated(f64, Reach),
    /// A number received plus a number carried over, both in the paragraph.
    ReceivedCarried(f64, f64),
}

impl Label {
    /// Where the base stands, for the list of bases tried: the place of a
    /// stated figure, else [`Label::text`].
    fn place(self, ctx: &LintContext<'_>, u: &str) -> String {
        match self {
            Label::Stated(_, reach) => {
                let (zh, en) = reach.names();
                ctx.msg(zh, en)
            }
            _ => self.text(ctx, u),
        }
    }
    /// The label in the messages' language; `u` is the count's unit.
    fn text(self, ctx: &LintContext<'_>, u: &str) -> String {
        match self {
            Label::Table(zh, en) => ctx.msg(zh, en),
            Label::Stated(v, reach) => {
                let (zh, en) = reach.names();
                ctx.msg(
                    format!("{zh} {}{u}", fmt_num(v)),
                    format!("{} {en}", fmt_num(v)),
                )
            }
            Label::ReceivedCarried(r, c) => {
                let (rv, cv) = (fmt_num(r), fmt_num(c));
                ctx.msg(
                    format!("正文 新收 {rv}{u} + 上年结转 {cv}{u}"),
                    format!("the text's {rv} received + {cv} carried over"),
                )
            }
        }
    }
}

/// Where a stated base stands from its share: the author's reading is
/// looked for nearest first, and a message lists the bases in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    /// Before the count, in the share's own sentence ("在…的1913条政府信息
    /// 中，…145条，占8.05%").
    Sentence,
    /// In the sentence before (the last one with figures): "其中主动公开政府
    /// 信息425条……。…各单位303条，占71.3%".
    PreviousSentence,
    /// An enclosing total earlier in the paragraph or the section: a 共/累计
    /// figure, "N 条…中", "N 条。其中".
    Section,
    /// The base of the share before it in the paragraph, which held.
    PreviousShare,
}

impl Reach {
    /// (zh, en) for messages.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Reach::Sentence => ("本句", "in the same sentence"),
            Reach::PreviousSentence => ("上一句", "in the sentence before"),
            Reach::Section => ("本节前文", "earlier in the section"),
            Reach::PreviousShare => ("前一占比的基数", "the previous share's base"),
        }
    }
}

/// The figures a share's base is looked for in.
struct Scope<'a, 'f> {
    /// The report's figures, in text order.
    all: &'a [Figure],
    /// The paragraph's figures and their sentence numbers
    /// ([`sentence_numbers`]).
    figs: &'f [&'a Figure],
    sentence: Vec<usize>,
    /// The level-1 section the paragraph stands in (the paragraph itself
    /// when the report has no sections).
    section: Span,
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    // Looked up once per report, not per share or paragraph.
    let table = std::cell::OnceCell::new();
    let new_total = checkable_table(view, report, TableKind::APPLICATIONS)
        .and_then(|t| num(view, t, app::ROW_NEW, app::COL_TOTAL));
    let all = view.report_figures(report);
    let sections = ctx.top_sections(report);
    for figs in paragraphs(ctx, report) {
        let first = figs[0];
        let section = sections
            .iter()
            .find(|s| s.span.contains(first.span.start))
            .map_or(first.sentence, |s| s.span);
        let scope = Scope {
            all,
            sentence: sentence_numbers(&figs),
            figs: &figs,
            section,
        };
        // The base of the last share that held: a list of shares runs on
        // over sentences ("……303条，占71.3%。各乡镇……122条，占28.7%").
        let mut last_base: Option<Base> = None;
        for i in 0..figs.len() {
            if let Some(held) = share(ctx, report, &table, &scope, last_base.as_ref(), i, out) {
                last_base = Some(held);
            }
            named_share(ctx, &scope, i, out);
        }
        if let Some(new_total) = new_total {
            year_on_year(ctx, report, new_total, &figs, out);
        }
    }
}

/// The 三 table's 一 总计, 一 + 二 and （七）总计, when readable.
fn table_bases(ctx: &LintContext<'_>, report: &Report) -> Vec<Base> {
    let view = &ctx.doc;
    let Some(t) = checkable_table(view, report, TableKind::APPLICATIONS) else {
        return Vec::new();
    };
    let cell = |row| num(view, t, row, app::COL_TOTAL);
    let mut out = Vec::new();
    if let Some(n) = cell(app::ROW_NEW) {
        out.push(Base {
            value: n.value,
            span: n.span,
            label: Label::Table("三表 一 总计", "table 三, row 一 total"),
        });
        if let Some(c) = cell(app::ROW_CARRIED) {
            out.push(Base {
                value: n.value + c.value,
                span: c.span,
                label: Label::Table("三表 一 + 二 总计", "table 三, rows 一 + 二 total"),
            });
        }
    }
    if let Some(t) = cell(app::ROW_TOTAL) {
        out.push(Base {
            value: t.value,
            span: t.span,
            label: Label::Table("三表 （七）总计", "table 三, (7) total"),
        });
    }
    out
}

/// Whether a figure may be the base of the share of `x` (unit `u`): a
/// larger count of the same unit that is neither a change, a rate nor
/// itself a part with its own share (the `next` figure).
fn may_be_base(
    ctx: &LintContext<'_>,
    f: &Figure,
    next: Option<&Figure>,
    x: &Figure,
    u: &str,
) -> bool {
    is_count(f)
        && f.value > x.value
        && f.cues.0 & (Cues::INCREASE | Cues::DECREASE | Cues::RATE) == 0
        && unit_is(ctx, f, u)
        && !next.is_some_and(|p| is_share_of(ctx, f, p))
}

/// Whether the text says a figure is a whole that is broken down: a
/// 共/累计 figure, "1913条政府信息中，", "1913条。其中".
fn is_enclosing_total(ctx: &LintContext<'_>, f: &Figure) -> bool {
    if f.cues.has(Cues::TOTAL) {
        return true;
    }
    let after = ctx.text(Span {
        start: f.unit.end.max(f.span.end),
        end: f.sentence.end.max(f.span.end),
    });
    let after = after.get(..after.len().min(64)).map_or(after, |s| s);
    let clause_end = after.find(CLAUSE_BREAKS).unwrap_or(after.len());
    let noun = without_spaces(&after[..clause_end]);
    if noun.ends_with('中') && noun.chars().count() <= 12 {
        return true;
    }
    // "N 条。其中": the next sentence opens on 其中.
    let rest = ctx.text(Span {
        start: f.sentence.end.max(f.span.end),
        end: f.sentence.end.saturating_add(12),
    });
    rest.trim_start_matches(|c: char| c.is_whitespace() || "，,。：:（(".contains(c))
        .starts_with("其中")
}

/// The bases the text states for the share `figs[i]` of the count
/// `figs[j]` (unit `u`), nearest first (see [`Reach`]): larger counts
/// before the count in its sentence and in the sentence before,
/// enclosing totals earlier in the section, the applications received
/// before the count, and each number received plus each number carried
/// over from last year stated anywhere in the paragraph.
fn prose_bases(
    ctx: &LintContext<'_>,
    scope: &Scope<'_, '_>,
    i: usize,
    j: usize,
    u: &str,
) -> Vec<Base> {
    let figs = scope.figs;
    let x = figs[j];
    let stated = |f: &Figure, reach: Reach| Base {
        value: f.value,
        span: f.span,
        label: Label::Stated(f.value, reach),
    };
    let mut out: Vec<Base> = Vec::new();
    for (k, f) in figs[..j].iter().enumerate() {
        let reach = match scope.sentence[j] - scope.sentence[k] {
            0 => Reach::Sentence,
            1 => Reach::PreviousSentence,
            _ => continue,
        };
        if may_be_base(ctx, f, figs.get(k + 1).copied(), x, u) {
            out.push(stated(f, reach));
        }
    }
    for (k, f) in scope.all.iter().enumerate() {
        if f.span.start >= x.span.start {
            break;
        }
        if scope.section.contains(f.span.start)
            && may_be_base(ctx, f, scope.all.get(k + 1), x, u)
            && is_enclosing_total(ctx, f)
        {
            out.push(stated(f, Reach::Section));
        }
    }
    let received: Vec<&Figure> = figs[..j]
        .iter()
        .copied()
        .filter(|f| is_count(f) && unit_is(ctx, f, u) && f.value >= x.value)
        .filter(|f| is_received(ctx, f))
        .collect();
    out.extend(received.iter().map(|f| stated(f, Reach::Section)));
    let carried: Vec<&Figure> = figs
        .iter()
        .enumerate()
        .filter(|(k, f)| {
            *k != i
                && *k != j
                && is_count(f)
                && unit_is(ctx, f, u)
                && f.cues.0 & (Cues::TOTAL | Cues::INCREASE | Cues::DECREASE) == 0
                // Every match of CARRIED holds 结转.
                && clause_matches(ctx, f, CLAUSE_BREAKS, '结', &CARRIED)
        })
        .map(|(_, f)| *f)
        .collect();
    for r in &received {
        for c in &carried {
            if std::ptr::eq(*r, *c) {
                continue;
            }
            out.push(Base {
                value: r.value + c.value,
                span: c.span,
                label: Label::ReceivedCarried(r.value, c.value),
            });
        }
    }
    // Nearest first; one base per value, at its nearest place.
    out.sort_by_key(|b| match b.label {
        Label::Stated(_, reach) => reach,
        _ => Reach::Section,
    });
    let mut seen: Vec<f64> = Vec::new();
    out.retain(|b| {
        let new = !seen.iter().any(|s| same(*s, b.value));
        seen.push(b.value);
        new
    });
    out
}

fn share(
    ctx: &LintContext<'_>,
    report: &Report,
    table: &std::cell::OnceCell<Vec<Base>>,
    scope: &Scope<'_, '_>,
    last_base: Option<&Base>,
    i: usize,
    out: &mut Vec<Diagnostic>,
) -> Option<Base> {
    let figs = scope.figs;
    let p = figs[i];
    if p.cues.0 & (Cues::RATE | Cues::YEAR_ON_YEAR | Cues::INCREASE | Cues::DECREASE) != 0 {
        return None;
    }
    // The count it is the share of: right before it, "X 件，占比 p%".
    let j = i.checked_sub(1)?;
    let x = figs[j];
    if !is_count(x) || x.cues.has(Cues::TOTAL) || !is_share_of(ctx, x, p) {
        return None;
    }
    let u = unit(ctx, x);
    let mut bases = prose_bases(ctx, scope, i, j, &u);
    if let Some(last) = last_base.filter(|b| b.value > x.value) {
        if !bases.iter().any(|b| same(b.value, last.value)) {
            bases.push(Base {
                label: Label::Stated(last.value, Reach::PreviousShare),
                ..last.clone()
            });
        }
    }
    let table = table.get_or_init(|| table_bases(ctx, report));
    if bases
        .iter()
        .any(|b| table.first().is_some_and(|n| same(n.value, b.value)))
    {
        for t in table {
            if !bases.iter().any(|b| same(b.value, t.value)) {
                bases.push(t.clone());
            }
        }
    }
    bases.retain(|b| b.value > 0.0);
    let approx = p.cues.has(Cues::APPROX);
    if let Some(held) = bases
        .iter()
        .find(|b| matches(p.value, p.decimals, approx, pct(x.value, b.value)))
    {
        return Some(held.clone());
    }
    if !bases.is_empty() {
        emit_share(ctx, x, p, &u, &bases, out);
    }
    None
}

/// "主动公开的政府信息占98.55%" after "……总数70条，其中主动公开政府信息69
/// 条……。": a share whose count is named, not written, in its sentence;
/// the count is the figure of the sentence before whose clause holds the
/// name, the bases that sentence's totals (共/总数 …) larger than it.
fn named_share(ctx: &LintContext<'_>, scope: &Scope<'_, '_>, i: usize, out: &mut Vec<Diagnostic>) {
    let figs = scope.figs;
    let p = figs[i];
    if !(p.cues.has(Cues::PERCENT) && p.cues.has(Cues::SHARE))
        || p.cues.0 & (Cues::RATE | Cues::YEAR_ON_YEAR | Cues::INCREASE | Cues::DECREASE) != 0
        || (i > 0 && figs[i - 1].sentence == p.sentence)
    {
        return;
    }
    let Some(name) = share_name(ctx, p) else {
        return;
    };
    let previous: Vec<&Figure> = (0..i)
        .filter(|&k| scope.sentence[k] + 1 == scope.sentence[i])
        .map(|k| figs[k])
        .collect();
    let named = |f: &&Figure| {
        let clause = without_spaces(clause_in(sentence_before(ctx, f), CLAUSE_BREAKS));
        clause.replace('的', "").contains(&name)
    };
    let Some(x) = previous.iter().copied().find(|f| is_count(f) && named(f)) else {
        return;
    };
    let u = unit(ctx, x);
    let bases: Vec<Base> = previous
        .iter()
        .filter(|f| {
            is_count(f) && f.cues.has(Cues::TOTAL) && f.value >= x.value && unit_is(ctx, f, &u)
        })
        .map(|f| Base {
            value: f.value,
            span: f.span,
            label: Label::Stated(f.value, Reach::PreviousSentence),
        })
        .collect();
    let approx = p.cues.has(Cues::APPROX);
    if bases.is_empty()
        || x.value <= 0.0
        || bases
            .iter()
            .any(|b| matches(p.value, p.decimals, approx, pct(x.value, b.value)))
    {
        return;
    }
    emit_share(ctx, x, p, &u, &bases, out);
}

/// The name a share's sentence gives its count, without 的: "主动公开的政府
/// 信息占98.55%" → "主动公开政府信息"; `None` when the sentence holds more
/// than a name before 占 (figures, several clauses).
fn share_name(ctx: &LintContext<'_>, p: &Figure) -> Option<String> {
    let before = without_spaces(sentence_before(ctx, p));
    let at = before.rfind('占')?;
    let name: String = before[..at]
        .trim_end_matches(['，', ','])
        .chars()
        .filter(|c| *c != '的')
        .collect();
    let plain = name
        .chars()
        .all(|c| !c.is_ascii_digit() && !"，,；;：:、".contains(c));
    let len = name.chars().count();
    (plain && (4..=16).contains(&len)).then_some(name)
}

/// "正文称 145 条占比 8.05%，但按前文可能的基数计算：145/1913 = 7.58%（本句
/// 1913 条）……", with every base tried, at one more decimal than stated.
fn emit_share(
    ctx: &LintContext<'_>,
    x: &Figure,
    p: &Figure,
    u: &str,
    bases: &[Base],
    out: &mut Vec<Diagnostic>,
) {
    let (xv, pv) = (fmt_num(x.value), fmt_num(p.value));
    let shown = (p.decimals as usize).max(1);
    let tried: Vec<String> = bases
        .iter()
        .map(|b| {
            let (bv, at) = (fmt_num(b.value), pct(x.value, b.value));
            let place = b.label.place(ctx, u);
            ctx.msg(
                format!("{xv}/{bv} = {at:.shown$}%（{place}）"),
                format!("{xv}/{bv} = {at:.shown$}% ({place})"),
            )
        })
        .collect();
    let message = ctx.msg(
        format!(
            "正文称 {xv} {u}占比 {pv}%，但按前文可能的基数计算均不符：{}",
            tried.join("；")
        ),
        format!(
            "the text gives {xv} as {pv}%, but no base the text or tables state gives that: {}",
            tried.join("; ")
        ),
    );
    let mut d = DiagnosticBuilder::for_rule(&RULE, p.span, message)
        .help(ctx.msg(
            "按实际总数重新计算占比（或写明计算所用的基数）",
            "recompute the share from the actual total (or state the base used)",
        ))
        .related(x.span, format!("{xv}{u}"));
    for b in bases {
        d = d.related(
            b.span,
            format!("{} = {}", b.label.text(ctx, u), fmt_num(b.value)),
        );
    }
    d.emit(out);
}

/// "收到申请 X 件，同比增加 c 件，上升 p%".
fn year_on_year(
    ctx: &LintContext<'_>,
    report: &Report,
    new_total: Num,
    figs: &[&Figure],
    out: &mut Vec<Diagnostic>,
) {
    for (i, x) in figs.iter().enumerate() {
        if !is_count(x) || !same(x.value, new_total.value) || !is_received(ctx, x) {
            continue;
        }
        let u = unit(ctx, x);
        let rest: Vec<&Figure> = figs[i + 1..]
            .iter()
            .copied()
            .take_while(|f| f.sentence == x.sentence && !f.cues.has(Cues::AMONG))
            .collect();
        let changes = |f: &&Figure| f.cues.0 & (Cues::INCREASE | Cues::DECREASE) != 0;
        // "同比增加 c 件，上升 p%", possibly after another clause
        // ("结转上年 12 件，同比减少 126 件").
        let change = rest
            .iter()
            .copied()
            .take(3)
            .find(|f| changes(f) && is_count(f) && unit_is(ctx, f, &u));
        let percent = rest
            .iter()
            .copied()
            .take(4)
            .find(|f| changes(f) && f.cues.has(Cues::PERCENT));
        if change.is_none() && percent.is_none() {
            continue;
        }
        compare_with_last_year(ctx, report, x, change, percent, out);
    }
}

fn compare_with_last_year(
    ctx: &LintContext<'_>,
    report: &Report,
    x: &Figure,
    change: Option<&Figure>,
    percent: Option<&Figure>,
    out: &mut Vec<Diagnostic>,
) {
    let last: Vec<(f64, bool)> = previous_reports(ctx, report)
        .iter()
        .filter_map(|p| {
            num(&p.view, p.table, app::ROW_NEW, app::COL_TOTAL).map(|n| (n.value, p.same_file))
        })
        .filter(|(v, _)| *v > 0.0)
        .collect();
    let Some(&(prev, _)) = last.iter().min_by_key(|(_, same_file)| !same_file) else {
        return;
    };
    let increase = |f: &Figure| f.cues.has(Cues::INCREASE) && !f.cues.has(Cues::DECREASE);
    let agrees = |p: f64| {
        let delta = x.value - p;
        let change_ok = match change {
            None => true,
            Some(c) => same(c.value, delta.abs()) && (delta == 0.0 || increase(c) == (delta > 0.0)),
        };
        let percent_ok = match percent {
            None => true,
            Some(r) => {
                matches(
                    r.value,
                    r.decimals,
                    r.cues.has(Cues::APPROX),
                    pct(delta.abs(), p),
                ) && (delta == 0.0 || increase(r) == (delta > 0.0))
            }
        };
        change_ok && percent_ok
    };
    if last.iter().any(|(p, _)| agrees(*p)) {
        return;
    }
    let year = ctx.year(report).unwrap_or(1) - 1;
    let delta = x.value - prev;
    let actual_pct = pct(delta.abs(), prev);
    let (dir_zh, dir_en) = if delta >= 0.0 {
        ("增加", "an increase")
    } else {
        ("减少", "a decrease")
    };
    let stated: Vec<String> = change
        .iter()
        .map(|c| format!("{} {}", fmt_num(c.value), unit(ctx, c)))
        .chain(percent.iter().map(|r| format!("{}%", fmt_num(r.value))))
        .collect();
    let (xv, pv, dv) = (fmt_num(x.value), fmt_num(prev), fmt_num(delta.abs()));
    let message = ctx.msg(
        format!(
            "正文称同比变化 {}，但 {year} 年度报告收到申请 {pv} 件，本年 {xv} 件，实际{dir_zh} {dv} 件（{actual_pct:.1}%）",
            stated.join("、")
        ),
        format!(
            "the text gives a year-on-year change of {}, but the {year} report received {pv} and this year {xv}: {dir_en} of {dv} ({actual_pct:.1}%)",
            stated.join(", ")
        ),
    );
    let wrong_change = change.filter(|c| !same(c.value, delta.abs()));
    let primary = wrong_change.or(percent).or(change).expect("one of them");
    let mut d = DiagnosticBuilder::for_rule(&RULE, primary.span, message)
        .help(ctx.msg(
            format!("按上年度报告的收到申请数（{pv} 件）重新计算同比变化"),
            format!("recompute the change from last year's count ({pv})"),
        ))
        .related(x.span, xv.clone());
    if let Some(c) = wrong_change {
        d = d.change_to(ctx, c.span, &dv, false);
    }
    d.emit(out);
}

#[cfg(test)]
mod tests {
    use super::matches;
    use crate::examples::ExampleReport;
    use nblint_plugin_api::prelude::schema::applications as app;
    use nblint_plugin_api::prelude::*;
    use nblint_test_support::{self as support, parse_text};

    /// The `arithmetic/percent` diagnostics of a report whose overview is
    /// `overview` and whose 三 table has `new` in 一·总计 (the template's
    /// 14 otherwise).
    fn percent(overview: &str, new: Option<&str>) -> Vec<Diagnostic> {
        let mut report = ExampleReport::default().overview(overview);
        if let Some(n) = new {
            report = report.app(app::ROW_NEW, app::COL_TOTAL, n);
        }
        let doc = parse_text(&report.text());
        support::lint_alone(crate::declaration(), &doc)
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .collect()
    }

    #[test]
    fn shares_of_the_paragraphs_new_plus_carried_over_hold_without_the_table() {
        // 15/25 = 60 %, 5/25 = 20 %; the table's 一 (14) is not the
        // paragraph's 20, so the table says nothing about the base.
        let text = "本年度共收到政府信息公开申请20件，结转上年5件，其中予以公开15件，占比60%；不予公开5件，占比20%。";
        assert_eq!(percent(text, None), vec![]);
        // The same with 上年结转 after the shares, and without 共.
        let text =
            "本年度收到政府信息公开申请20件，其中予以公开15件，占比60%；另有上年结转申请5件。";
        assert_eq!(percent(text, None), vec![]);
    }

    #[test]
    fn a_share_no_stated_base_explains_is_reported_with_every_base_tried() {
        let text = "本年度共收到政府信息公开申请20件，结转上年5件，其中予以公开15件，占比70%。";
        let diags = percent(text, None);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(
            diags[0].message.contains("15/20 = 75.0%"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0].message.contains("15/25 = 60.0%"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn applications_carried_forward_to_next_year_are_no_base() {
        // 15/20 = 75 %; 结转下年 5 does not make 25.
        let text = "本年度共收到政府信息公开申请20件，结转下年5件，其中予以公开15件，占比60%。";
        assert_eq!(percent(text, Some("20")).len(), 1);
    }

    #[test]
    fn share_links() {
        use crate::prose::is_share_link;
        for link in [
            "占",
            "，占",
            ",占比",
            "占比例",
            "，占比约为",
            "占约",
            "占比近",
            "，占为",
            "占比例达",
        ] {
            assert!(is_share_link(link), "{link}");
        }
        for link in [
            "",
            "，",
            "，，占",
            "占比比",
            "占例",
            "占比约约",
            "其中占",
            "占比为约",
            "比占",
        ] {
            assert!(!is_share_link(link), "{link}");
        }
    }

    #[test]
    fn precision() {
        assert!(matches(93.0, 0, false, 93.75), "truncated");
        assert!(matches(51.1, 1, false, 51.136), "rounded");
        assert!(!matches(2.3, 1, false, 1.17));
        assert!(!matches(58.0, 0, false, 54.8));
        assert!(matches(60.0, 0, true, 60.35), "约");
        assert!(!matches(17.8, 1, false, 18.14));
    }
}

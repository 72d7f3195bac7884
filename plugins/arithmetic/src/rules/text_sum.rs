//! `arithmetic/text-sum`: prose "共 N 件，其中 A a 件、B b 件" whose parts
//! do not add up to N.
//!
//! Four readings, the surer first:
//! - **A list hung on its total**: "N 条，其中 …", "N 条，(其中 …)", "N
//!   条。其中，…" — the 其中 stands right after the total (see
//!   [`hung_list`]). The list runs to the closing bracket, or to the end
//!   of the sentence, on over "；" items and over sentences that go on
//!   with one more "label M 条，占 p%" when every part so far has a share.
//!   A 共 inside the list ("……共7条；其他文件共51条等") is an item. A sum
//!   larger than N is always wrong; a smaller one only when the list is
//!   closed: it has an item 其他/其它 (the rest), its parts are a known partition
//!   (主动公开 + 依申请公开 + 不予公开; 自然人 + 法人), or their shares add
//!   up to 100 %. An open list is a selection ("主要类别 …"): silence,
//!   unless it misses by a hair (as below), a typo.
//! - **A list named after its total**: "主动公开的政府信息，县直各单位……2475
//!   条，占62.2%。各乡镇……1503条，占37.8%。" after "……其中主动公开政府信息
//!   2026条" (see [`named_list`]): its shares add up to 100 %, so it is the
//!   whole of the figure its name labels in the sentence before.
//! - **A list of shares over "；" that names no total** and is closed by an
//!   item 其他 or a known partition ("予以公开及部分公开258件，占33.9%；……
//!   其他处理0件。", see [`share_list`]): its total is the count of the
//!   sentence before on which most of its shares hold.
//! - **Otherwise, a 共/累计/合计 total in the same or the sentence before**
//!   and a run of 其中 parts in one sentence: reported only when the sum
//!   misses by a little (≤ 1 %, or 1–2 when small), a typo rather than a
//!   partial list.
//!
//! In every reading: parts are counts of the total's unit (or none
//! written; 条 and 篇 count alike), none approximate but "余" lower bounds
//! (then only a sum above the total is reported), each smaller than the
//! total; figures in brackets inside the list, and runs that break down
//! the part before them ("97 件（市 5 件、区 92 件）") when the total holds
//! without them, are not parts; a list of which some parts add up to the
//! total, or (unless named) whose sum is another figure stated before it
//! (the breakdown of 办结 rather than 收到), is not reported.

use crate::common::*;
use crate::prose::*;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/text-sum", Severity::Error, docs, check);

/// Subset search is exhaustive; breakdowns longer than this are skipped.
const MAX_PARTS: usize = 16;

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "正文“共 N …，其中 a、b、c”的各项之和不等于 N",
            "Prose \"N in all, of which a, b, c\" whose parts do not add up to N",
        )
        .rationale(
            "正文列出总数及其构成时，各项之和应等于总数；差一点点通常是笔误或漏改了某个数字。",
            "When the prose gives a total and its breakdown, the parts must add up to the total; a small difference is usually a typo or a number left unchanged.",
        )
        .source(
            "年度报告格式 勾稽关系（正文与正文一致）",
            "the report formats' consistency requirement (prose against prose)",
        )
        .passing(
            crate::examples::ExampleReport::default()
                .overview("截至12月31日，主动公开政府信息共13408条，其中，机构职能类信息63条，政策法规类信息522条，规划计划类信息1242条，业务工作类信息6586条，招标采购类信息1640条，其它类信息3355条。")
                .text(),
        )
        .failing(mark(
            &crate::examples::ExampleReport::default()
                .overview("截至12月31日，主动公开政府信息共13408条，其中，机构职能类信息63条，政策法规类信息522条，规划计划类信息1242条，业务工作类信息6586条，招标采购类信息1640条，其它类信息3365条。")
                .text(),
            4,
            "13408",
            1,
            "正文称总数为 13408条，但其中各项之和为 63+522+1242+6586+1640+3365 = 13418条，相差 10",
        ))
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    for figs in paragraphs(ctx, report) {
        check_paragraph(ctx, &figs, out);
    }
}

/// A part of a breakdown: a 其中 figure that is a count, not a change.
fn is_part(f: &Figure) -> bool {
    f.cues.has(Cues::AMONG)
        && is_count(f)
        && !f.cues.has(Cues::TOTAL)
        && !f.cues.has(Cues::YEAR_ON_YEAR)
        && !f.cues.has(Cues::INCREASE)
        && !f.cues.has(Cues::DECREASE)
}

fn check_paragraph(ctx: &LintContext<'_>, figs: &[&Figure], out: &mut Vec<Diagnostic>) {
    let sentence = sentence_numbers(figs);
    // The parts of the lists hung on their totals are not read again as a
    // run of 其中 parts.
    let mut taken = vec![false; figs.len()];
    for k in 0..figs.len() {
        if let Some(list) = hung_list(ctx, figs, &sentence, k) {
            for &m in &list.parts {
                taken[m] = true;
            }
            judge_hung(ctx, figs, &list, out);
        } else if let Some(list) = named_list(ctx, figs, &sentence, k) {
            judge_hung(ctx, figs, &list, out);
        } else if let Some(list) = share_list(ctx, figs, &sentence, &taken, k) {
            for &m in &list.parts {
                taken[m] = true;
            }
            judge_hung(ctx, figs, &list, out);
        }
    }
    let mut i = 0;
    while i < figs.len() {
        if !is_part(figs[i]) || taken[i] {
            i += 1;
            continue;
        }
        // The run of parts: 其中 figures up to the next total or the end of
        // the sentence (percentages between them are skipped).
        let start = i;
        let mut run: Vec<usize> = Vec::new();
        while i < figs.len() && sentence[i] == sentence[start] && !figs[i].cues.has(Cues::TOTAL) {
            if is_part(figs[i]) && !taken[i] {
                run.push(i);
            }
            i += 1;
        }
        check_run(ctx, figs, &sentence, start, &run, out);
    }
}

/// A list hung on its total: "N 条，其中 A a 条，B b 条".
struct HungList {
    /// The total's index among the paragraph's figures.
    total: usize,
    /// The parts' indices.
    parts: Vec<usize>,
    unit: String,
    /// Whether the list names its total ([`named_list`]): then a sum
    /// that is another figure stated before does not excuse it.
    named: bool,
}

/// Why a list whose parts fall short of its total is still wrong.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Closed {
    /// A part is 其他/其它 (the rest): nothing is left out.
    Other,
    /// The parts are a known partition of the total (zh, en).
    Partition(&'static str, &'static str),
    /// The parts' shares add up to 100 %.
    Shares,
}

/// Partitions of a total that a report writes out in full: each member is
/// told by one of its words in the part's clause.
const PARTITIONS: &[(&[&str], &str, &str)] = &[
    (
        &["主动公开", "依申请公开", "不予公开"],
        "主动公开、依申请公开、不予公开",
        "proactive, on request, not disclosed",
    ),
    (
        &["自然人", "法人"],
        "自然人、法人或其他组织",
        "natural persons, legal persons",
    ),
];

/// Opening and closing brackets, as they nest.
fn bracket_depth(s: &str) -> i32 {
    s.chars()
        .map(|c| match c {
            '（' | '(' => 1,
            '）' | ')' => -1,
            _ => 0,
        })
        .sum()
}

/// The text between a figure's unit and the next figure (or `end`).
fn after_unit<'a>(ctx: &LintContext<'a>, f: &Figure, end: u32) -> (u32, &'a str) {
    let start = f.unit.end.max(f.span.end);
    (
        start,
        ctx.text(Span {
            start,
            end: end.max(start),
        }),
    )
}

/// Punctuation and spaces that may stand between a total and its 其中.
fn is_lead(c: char) -> bool {
    c.is_whitespace() || "，,。：:；;（(、".contains(c)
}

/// The total a 其中 between `figs[k]` and the next figure hangs on, the
/// punctuation before the 其中, and where the list starts (after 其中):
/// `figs[k]` itself when only punctuation stands between ("2599条，(其中",
/// "1913条。其中，"); when the 其中 opens the next sentence after other
/// words or figures ("977条，超额完成全年目标任务40%。其中包括"), the last
/// count of that sentence in the unit of the first part.
fn total_before_among<'a>(
    ctx: &LintContext<'a>,
    figs: &[&'a Figure],
    sentence: &[usize],
    k: usize,
) -> Option<(&'a Figure, &'a str, u32)> {
    let next = figs.get(k + 1)?;
    let (after, between) = after_unit(ctx, figs[k], next.span.start);
    let at = between.find("其中")?;
    let pre = &between[..at];
    let list_start = after + (at + "其中".len()) as u32;
    if pre.chars().all(is_lead) && is_count(figs[k]) {
        return Some((figs[k], pre, list_start));
    }
    // 其中 opening the sentence after figs[k]'s.
    let end = pre.rfind(['。', '；', ';'])?;
    let opener = &pre[end..];
    if !opener.chars().all(is_lead) || pre[..end].contains(['。', '；', ';']) {
        return None;
    }
    let first_unit = unit(ctx, next);
    let t = (0..=k)
        .rev()
        .take_while(|&j| sentence[j] == sentence[k])
        .map(|j| figs[j])
        .find(|f| is_count(f) && same_unit(&unit(ctx, f), &first_unit))?;
    Some((t, opener, list_start))
}

/// Whether a figure is a change ("增加 3 条"): the words right before it
/// say so. The increase and decrease cues alone also catch item names
/// ("减税降费5条").
fn is_change(ctx: &LintContext<'_>, f: &Figure) -> bool {
    let before = without_spaces(sentence_before(ctx, f));
    [
        "增加", "增长", "上升", "提高", "减少", "下降", "降低", "增", "减",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// Whether an approximate figure is a lower bound: "1600余条", "600多条".
fn is_lower_bound(ctx: &LintContext<'_>, f: &Figure) -> bool {
    ctx.text(f.unit).contains(['余', '多'])
}

/// Units that count the same things: 条 and 篇 both count items of
/// information ("发布消息357条，……发表报道101篇").
fn same_unit(a: &str, b: &str) -> bool {
    a == b || (["条", "篇"].contains(&a) && ["条", "篇"].contains(&b))
}

/// The list hung on `figs[k]`, when 其中 follows it with only punctuation
/// between ("2599条，(其中", "1913条。其中，", "61条，其中:").
fn hung_list(
    ctx: &LintContext<'_>,
    figs: &[&Figure],
    sentence: &[usize],
    k: usize,
) -> Option<HungList> {
    let (t, lead, list_start) = total_before_among(ctx, figs, sentence, k)?;
    let u = unit(ctx, t);
    if u.is_empty() || t.cues.0 & (Cues::APPROX | Cues::INCREASE | Cues::DECREASE) != 0 {
        return None;
    }
    // A bracketed list ends at its closing bracket.
    let limit = figs
        .last()
        .map_or(list_start, |f| f.sentence.end.max(f.span.end));
    let close = (bracket_depth(lead) > 0).then(|| {
        let text = ctx.text(Span {
            start: list_start,
            end: limit,
        });
        let mut depth = 1;
        text.char_indices()
            .find(|(_, c)| {
                depth += bracket_depth(c.encode_utf8(&mut [0; 4]));
                depth == 0
            })
            .map_or(limit, |(at, _)| list_start + at as u32)
    });
    let mut parts: Vec<usize> = Vec::new();
    for m in k + 1..figs.len() {
        let f = figs[m];
        match close {
            Some(c) if f.span.start >= c => break,
            None if m > k + 1
                && sentence[m] != sentence[m - 1]
                && !goes_on(ctx, figs, m, &parts) =>
            {
                break
            }
            _ => {}
        }
        if !is_count(f) || f.cues.0 & (Cues::YEAR_ON_YEAR | Cues::RATE) != 0 || is_change(ctx, f) {
            continue;
        }
        let fu = unit(ctx, f);
        if !(same_unit(&fu, &u) || fu.is_empty()) {
            continue;
        }
        // A figure in brackets inside the list breaks a part down.
        if bracket_depth(ctx.text(Span {
            start: list_start,
            end: f.span.start,
        })) > 0
        {
            continue;
        }
        if f.value >= t.value {
            if parts.is_empty() {
                return None;
            }
            break;
        }
        // "1600余条" is at least 1600; "约1600条" may be less.
        if f.cues.has(Cues::APPROX) && !is_lower_bound(ctx, f) {
            return None;
        }
        parts.push(m);
    }
    Some(HungList {
        total: figs.iter().position(|f| std::ptr::eq(*f, t))?,
        parts,
        unit: u,
        named: false,
    })
}

/// A list of shares headed by the name of its total: "主动公开的政府信息，县直
/// 各单位……2475条，占62.2%。各乡镇……1503条，占37.8%。" after "……其中主动公开
/// 政府信息2026条……。": the total is the figure of the sentence before that
/// the name labels; the list, with its shares adding up to 100 %, is the
/// whole of it.
fn named_list(
    ctx: &LintContext<'_>,
    figs: &[&Figure],
    sentence: &[usize],
    k: usize,
) -> Option<HungList> {
    let first = figs[k];
    let opens_sentence = k == 0 || figs[k - 1].sentence != first.sentence;
    let has_share = |i: usize| {
        figs.get(i + 1)
            .is_some_and(|p| is_share_of(ctx, figs[i], p))
    };
    if !opens_sentence || !is_count(first) || !has_share(k) {
        return None;
    }
    let before = without_spaces(sentence_before(ctx, first));
    let (head, _) = before.split_once(['，', ','])?;
    let name: String = head.chars().filter(|c| *c != '的').collect();
    let len = name.chars().count();
    if !(4..=16).contains(&len) || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let total = (0..k)
        .filter(|&j| sentence[j] + 1 == sentence[k] && is_count(figs[j]))
        .find(|&j| {
            let clause = without_spaces(clause_in(sentence_before(ctx, figs[j]), CLAUSE_BREAKS));
            clause.replace('的', "").contains(&name)
        })?;
    let u = unit(ctx, figs[total]);
    let mut parts = vec![k];
    let mut m = k + 2;
    while m < figs.len() && goes_on(ctx, figs, m, &parts) && unit_is(ctx, figs[m], &u) {
        parts.push(m);
        m += 2;
    }
    (closed(ctx, figs, &parts) == Some(Closed::Shares)).then_some(HungList {
        total,
        parts,
        unit: u,
        named: true,
    })
}

/// A list of "label N 件，占 p%" items over "；" that opens a sentence and
/// names no total ("予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；
/// ……其他处理0件。"): its total is the count of the sentence before on
/// which most of its shares hold (805: three of four). Judged only when
/// closed (an item 其他, a known partition).
fn share_list(
    ctx: &LintContext<'_>,
    figs: &[&Figure],
    sentence: &[usize],
    taken: &[bool],
    k: usize,
) -> Option<HungList> {
    let first = figs[k];
    let has_share = |i: usize| {
        figs.get(i + 1)
            .is_some_and(|p| is_share_of(ctx, figs[i], p))
    };
    let opens_sentence = k == 0 || figs[k - 1].sentence != first.sentence;
    if !opens_sentence || taken[k] || !is_count(first) || !has_share(k) {
        return None;
    }
    let u = unit(ctx, first);
    let mut parts = vec![k];
    let mut m = k + 2;
    while m < figs.len() && !taken[m] && is_count(figs[m]) && unit_is(ctx, figs[m], &u) {
        let ended = ctx.text(figs[m - 1].sentence).trim_end();
        let chained = figs[m - 1].sentence.end == figs[m].sentence.start
            || ctx
                .text(Span {
                    start: figs[m - 1].sentence.end,
                    end: figs[m].sentence.start.max(figs[m - 1].sentence.end),
                })
                .trim()
                .is_empty();
        if figs[m].sentence != figs[m - 1].sentence && !(chained && ended.ends_with(['；', ';'])) {
            break;
        }
        parts.push(m);
        m += if has_share(m) { 2 } else { 1 };
    }
    if parts.len() < 3 {
        return None;
    }
    let shares: Vec<(f64, &Figure)> = parts
        .iter()
        .filter(|&&i| has_share(i))
        .map(|&i| (figs[i].value, figs[i + 1]))
        .collect();
    let largest = parts.iter().map(|&i| figs[i].value).fold(0.0, f64::max);
    let holds = |base: f64| {
        shares
            .iter()
            .filter(|(x, p)| {
                let exact = 100.0 * x / base;
                let unit = 10f64.powi(-(p.decimals as i32));
                (exact - p.value).abs() <= unit / 2.0 + 1e-9
                    || (p.value <= exact + 1e-9 && exact < p.value + unit - 1e-9)
            })
            .count()
    };
    let total = (0..k)
        .filter(|&j| sentence[j] + 1 == sentence[k])
        .filter(|&j| is_count(figs[j]) && unit_is(ctx, figs[j], &u) && figs[j].value > largest)
        .max_by_key(|&j| holds(figs[j].value))
        .filter(|&j| 2 * holds(figs[j].value) > shares.len() && holds(figs[j].value) >= 2)?;
    matches!(
        closed(ctx, figs, &parts),
        Some(Closed::Other | Closed::Partition(..))
    )
    .then(|| HungList {
        total,
        parts,
        unit: u,
        named: false,
    })
}

/// Whether a list goes on into the sentence of `figs[m]`: that sentence
/// follows right after the last one, which ended in "；"; or every part so
/// far has its share and the sentence is one more "label M 条，占 p%".
fn goes_on(ctx: &LintContext<'_>, figs: &[&Figure], m: usize, parts: &[usize]) -> bool {
    let (before, f) = (figs[m - 1], figs[m]);
    let gap = ctx.text(Span {
        start: before.sentence.end,
        end: f.sentence.start.max(before.sentence.end),
    });
    if !gap.trim().is_empty() || parts.is_empty() {
        return false;
    }
    let ended = ctx.text(before.sentence).trim_end();
    if ended.ends_with(['；', ';']) {
        return true;
    }
    let has_share = |i: usize| {
        figs.get(i + 1)
            .is_some_and(|p| is_share_of(ctx, figs[i], p))
    };
    parts.iter().all(|&i| has_share(i))
        && has_share(m)
        && figs.get(m + 2).is_none_or(|g| g.sentence != f.sentence)
}

/// Why the list is closed, if it is (see [`Closed`]).
fn closed(ctx: &LintContext<'_>, figs: &[&Figure], parts: &[usize]) -> Option<Closed> {
    let clause = |i: usize| without_spaces(clause_in(sentence_before(ctx, figs[i]), CLAUSE_BREAKS));
    let clauses: Vec<String> = parts.iter().map(|&i| clause(i)).collect();
    // An item 其他 claims the rest, wherever it stands ("其他文件共35条；工作
    // 动态共1条……等").
    if clauses.iter().any(|c| {
        let c = c.trim_start_matches("其中");
        c.starts_with("其他") || c.starts_with("其它")
    }) {
        return Some(Closed::Other);
    }
    for (members, zh, en) in PARTITIONS {
        let member_of = |c: &String| members.iter().filter(|w| c.contains(*w)).count() == 1;
        if parts.len() == members.len()
            && clauses.iter().all(member_of)
            && members
                .iter()
                .all(|w| clauses.iter().any(|c| c.contains(w)))
        {
            return Some(Closed::Partition(zh, en));
        }
    }
    let shares: Option<Vec<&Figure>> = parts
        .iter()
        .map(|&i| {
            figs.get(i + 1)
                .copied()
                .filter(|p| is_share_of(ctx, figs[i], p))
        })
        .collect();
    let shares = shares?;
    let sum: f64 = shares.iter().map(|p| p.value).sum();
    let slack: f64 = shares
        .iter()
        .map(|p| 10f64.powi(-(p.decimals as i32)))
        .sum();
    ((sum - 100.0).abs() <= slack).then_some(Closed::Shares)
}

fn judge_hung(ctx: &LintContext<'_>, figs: &[&Figure], list: &HungList, out: &mut Vec<Diagnostic>) {
    let t = figs[list.total];
    let parts: Vec<&Figure> = list.parts.iter().map(|&i| figs[i]).collect();
    if parts.len() < 2 || parts.len() > MAX_PARTS {
        return;
    }
    // Items that happen to add up to the one before them ("9条；7条；2条")
    // are siblings when all of them make the total; a breakdown of a
    // breakdown only when the total holds without them.
    let reduced = without_sub_breakdowns(parts.clone());
    if reduced.len() != parts.len() && same(reduced.iter().map(|f| f.value).sum(), t.value) {
        return;
    }
    let values: Vec<f64> = parts.iter().map(|f| f.value).collect();
    let sum: f64 = values.iter().sum();
    if same(sum, t.value) || subset_sums_to(&values, t.value) {
        return;
    }
    // The sum is another figure stated before: the breakdown is of that one.
    if !list.named
        && figs[..list.total]
            .iter()
            .any(|f| is_count(f) && unit_is(ctx, f, &list.unit) && same(f.value, sum))
    {
        return;
    }
    let at_least = parts.iter().any(|f| f.cues.has(Cues::APPROX));
    let reason = if sum > t.value {
        None
    } else if at_least {
        return;
    } else {
        let kept: Vec<usize> = list
            .parts
            .iter()
            .copied()
            .filter(|&i| parts.iter().any(|p| std::ptr::eq(*p, figs[i])))
            .collect();
        match closed(ctx, figs, &kept) {
            Some(c) => Some(c),
            // An open list that misses by a hair is a typo, not a selection.
            None if is_slight(sum, t.value) => None,
            None => return,
        }
    };
    emit(ctx, t, &parts, sum, &list.unit, reason, out);
}

fn check_run(
    ctx: &LintContext<'_>,
    figs: &[&Figure],
    sentence: &[usize],
    start: usize,
    run: &[usize],
    out: &mut Vec<Diagnostic>,
) {
    // The totals it may break down: 共/累计 figures just before it.
    let totals: Vec<usize> = (0..start)
        .rev()
        .filter(|&j| sentence[start] - sentence[j] <= 1)
        .filter(|&j| figs[j].cues.has(Cues::TOTAL) && is_count(figs[j]))
        .collect();
    let Some(&nearest) = totals.first() else {
        return;
    };
    let t = figs[nearest];
    let u = unit(ctx, t);
    if u.is_empty() || t.cues.has(Cues::APPROX) {
        return;
    }
    let parts: Vec<&Figure> = run
        .iter()
        .map(|&j| figs[j])
        .filter(|f| unit_is(ctx, f, &u))
        .collect();
    if parts.iter().any(|f| f.cues.has(Cues::APPROX)) {
        return;
    }
    let parts = without_sub_breakdowns(parts);
    if parts.len() < 2 || parts.len() > MAX_PARTS || parts.iter().any(|f| f.value >= t.value) {
        return;
    }
    let values: Vec<f64> = parts.iter().map(|f| f.value).collect();
    let sum: f64 = values.iter().sum();
    if same(sum, t.value) || subset_sums_to(&values, t.value) {
        return;
    }
    // The sum is another figure stated before the parts (共办结 212 件 after
    // 共接收 214 件): the breakdown is of that one.
    if (0..start)
        .any(|j| unit_is(ctx, figs[j], &u) && is_count(figs[j]) && same(figs[j].value, sum))
    {
        return;
    }
    if !is_slight(sum, t.value) {
        return;
    }
    emit(ctx, t, &parts, sum, &u, None, out);
}

/// Whether a sum misses its total by a little (≤ 1 %, or by 1–2 when
/// small): a typo rather than a partial list.
fn is_slight(sum: f64, total: f64) -> bool {
    (sum - total).abs() <= (total * 0.01).max(2.0)
}

/// Drops runs of parts that add up to the part just before them: a
/// breakdown of a breakdown ("97 件（市 5 件、区 92 件）").
fn without_sub_breakdowns(parts: Vec<&Figure>) -> Vec<&Figure> {
    let mut out: Vec<&Figure> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        out.push(parts[i]);
        let head = parts[i].value;
        let mut acc = 0.0;
        let mut end = None;
        for (k, f) in parts.iter().enumerate().skip(i + 1) {
            acc += f.value;
            if same(acc, head) && k > i + 1 {
                end = Some(k);
                break;
            }
            if acc > head + EPS {
                break;
            }
        }
        i = end.map_or(i + 1, |k| k + 1);
    }
    out
}

/// Whether some of the values (at least one, not all) add up to `target`.
fn subset_sums_to(values: &[f64], target: f64) -> bool {
    let n = values.len();
    (1..(1u32 << n) - 1).any(|mask| {
        let s: f64 = (0..n)
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| values[b])
            .sum();
        same(s, target)
    })
}

fn emit(
    ctx: &LintContext<'_>,
    total: &Figure,
    parts: &[&Figure],
    sum: f64,
    unit: &str,
    closed: Option<Closed>,
    out: &mut Vec<Diagnostic>,
) {
    // "1600余": the sum is a lower bound.
    let at_least = parts.iter().any(|f| f.cues.has(Cues::APPROX));
    let values: Vec<String> = parts
        .iter()
        .map(|f| {
            let more = if f.cues.has(Cues::APPROX) {
                ctx.msg("余", "+")
            } else {
                String::new()
            };
            format!("{}{more}", fmt_num(f.value))
        })
        .collect();
    let (least_zh, least_en) = if at_least {
        ("至少", "at least ")
    } else {
        ("", "")
    };
    let (tv, sv) = (fmt_num(total.value), fmt_num(sum));
    let diff = diff_text(ctx, total.value, sum);
    let expr = values.join("+");
    let (why_zh, why_en) = match closed {
        None => (String::new(), String::new()),
        Some(Closed::Other) => (
            "（所列各项含“其他”，应为全部构成）".to_string(),
            " (the list has an item 其他, so it is the whole)".to_string(),
        ),
        Some(Closed::Partition(zh, en)) => (
            format!("（{zh}构成全部）"),
            format!(" ({en} make up the whole)"),
        ),
        Some(Closed::Shares) => (
            "（各项占比合计 100%，应为全部构成）".to_string(),
            " (their shares add up to 100%, so they are the whole)".to_string(),
        ),
    };
    let message = ctx.msg(
        format!("正文称总数为 {tv}{unit}，但其中各项之和{least_zh}为 {expr} = {sv}{unit}，{diff}{why_zh}"),
        format!(
            "the text gives a total of {tv} {unit}, but its parts add up to {least_en}{expr} = {sv}, {diff}{why_en}"
        ),
    );
    let mut d = DiagnosticBuilder::for_rule(&RULE, total.span, message).help(ctx.msg(
        "核对总数与各分项，使各项之和等于总数",
        "check the total and its parts so that the parts add up to the total",
    ));
    for f in parts {
        d = d.related(f.span, format!("{}{unit}", fmt_num(f.value)));
    }
    d.emit(out);
}

#[cfg(test)]
mod tests {
    use super::subset_sums_to;

    #[test]
    fn subsets() {
        assert!(subset_sums_to(&[97.0, 122.0, 5.0], 219.0));
        assert!(!subset_sums_to(&[187.0, 10.0, 7.0], 341.0));
        assert!(
            !subset_sums_to(&[1.0, 2.0], 3.0),
            "all parts is not a proper subset"
        );
    }
}

//! `arithmetic/text-sum`: prose "共 N 件，其中 A a 件、B b 件" whose parts
//! do not add up to N.
//!
//! Prose often lists only some of the parts, or breaks a part down again
//! ("人大代表建议 97 件（市 5 件、区 92 件）"), so the rule is conservative:
//! it reports only when
//! - the total has a 共/累计/合计 cue and the parts a 其中 cue, in the same
//!   or the next sentence, with the same unit, none approximate;
//! - there are at least two parts, each smaller than the total, after
//!   removing runs that break down the part before them;
//! - no subset of the parts adds up to the total (a partial list), and the
//!   sum is no other figure of that unit stated before the parts (the
//!   breakdown of 办结 rather than 收到);
//! - the sum misses the total by a little (≤ 1 %, or by 1–2 when small):
//!   a typo, not a partial list.

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
            "正文称共 13408条，但其中各项之和为 63+522+1242+6586+1640+3365 = 13418条，相差 10",
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
    let mut i = 0;
    while i < figs.len() {
        if !is_part(figs[i]) {
            i += 1;
            continue;
        }
        // The run of parts: 其中 figures up to the next total or the end of
        // the sentence (percentages between them are skipped).
        let start = i;
        let mut run: Vec<usize> = Vec::new();
        while i < figs.len() && sentence[i] == sentence[start] && !figs[i].cues.has(Cues::TOTAL) {
            if is_part(figs[i]) {
                run.push(i);
            }
            i += 1;
        }
        check_run(ctx, figs, &sentence, start, &run, out);
    }
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
    let diff = (sum - t.value).abs();
    if diff > (t.value * 0.01).max(2.0) {
        return;
    }
    emit(ctx, t, &parts, sum, &u, out);
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
    out: &mut Vec<Diagnostic>,
) {
    let values: Vec<String> = parts.iter().map(|f| fmt_num(f.value)).collect();
    let (tv, sv) = (fmt_num(total.value), fmt_num(sum));
    let diff = diff_text(ctx, total.value, sum);
    let expr = values.join("+");
    let message = ctx.msg(
        format!("正文称共 {tv}{unit}，但其中各项之和为 {expr} = {sv}{unit}，{diff}"),
        format!(
            "the text gives a total of {tv} {unit}, but its parts add up to {expr} = {sv}, {diff}"
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

//! The audit page's charts, drawn here as inline SVG (they need no script).

use super::{escape, t, Data, RuleRow};
use nblint_engine::Lang;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const ROW: u32 = 19;
const BAR: u32 = 13;

/// Width of a column of rule ids (monospace, about 7 px a character).
fn label_width(rules: &[RuleRow]) -> u32 {
    let longest = rules
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0) as u32;
    (longest * 7 + 12).clamp(120, 280)
}

fn open(h: &mut String, w: u32, ht: u32, label: &str, class: &str) {
    let _ = writeln!(
        h,
        "<svg class=\"chart {class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {ht}\" \
         width=\"{w}\" height=\"{ht}\" role=\"img\" aria-label=\"{}\">",
        escape(label)
    );
}

fn empty(lang: Lang, class: &str) -> String {
    let mut h = String::new();
    open(&mut h, 320, 40, t(lang, "no_findings"), class);
    let _ = writeln!(
        h,
        "<text x=\"8\" y=\"24\" class=\"muted\">{}</text>\n</svg>",
        escape(t(lang, "no_findings"))
    );
    h
}

fn legend(h: &mut String, x: u32, y: u32, lang: Lang) {
    let mut x = x;
    for (class, key) in [
        ("sev-e", "errors"),
        ("sev-w", "warnings"),
        ("sev-i", "infos"),
    ] {
        let _ = writeln!(
            h,
            "<rect class=\"{class}\" x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\"/>\
             <text x=\"{}\" y=\"{}\" class=\"legend\">{}</text>",
            y,
            x + 14,
            y + 9,
            escape(t(lang, key))
        );
        x += 72;
    }
}

/// Horizontal bars, one per rule, split by severity.
pub fn by_rule(rules: &[RuleRow], lang: Lang) -> String {
    if rules.is_empty() {
        return empty(lang, "by-rule");
    }
    let label = label_width(rules);
    let width = 680;
    let plot = width - label - 56;
    let top = 24;
    let height = top + rules.len() as u32 * ROW + 6;
    let max = rules.iter().map(|r| r.total).max().unwrap_or(1).max(1) as f64;
    let mut h = String::new();
    open(&mut h, width, height, t(lang, "by_rule"), "by-rule");
    legend(&mut h, label, 4, lang);
    for (i, r) in rules.iter().enumerate() {
        let y = top + i as u32 * ROW;
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"end\">{}</text>",
            label - 6,
            y + BAR - 2,
            escape(&r.id)
        );
        let mut x = label as f64;
        for (n, class, key) in [
            (r.e, "sev-e", "errors"),
            (r.w, "sev-w", "warnings"),
            (r.i, "sev-i", "infos"),
        ] {
            if n == 0 {
                continue;
            }
            let w = (n as f64 / max * plot as f64).max(1.5);
            let _ = writeln!(
                h,
                "<rect class=\"bar {class}\" data-rule=\"{}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR}\">\
                 <title>{}: {} {n}</title></rect>",
                escape(&r.id),
                escape(&r.id),
                escape(t(lang, key)),
            );
            x += w;
        }
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{}\" class=\"value\">{}</text>",
            x + 4.0,
            y + BAR - 2,
            r.total
        );
    }
    h.push_str("</svg>\n");
    h
}

fn year_label(lang: Lang, y: Option<u16>) -> String {
    match y {
        Some(y) => y.to_string(),
        None => t(lang, "unknown").to_string(),
    }
}

/// Vertical bars, one per report year, split by severity; under each bar
/// the number of reports of that year.
pub fn by_year(years: &[(Option<u16>, usize, usize, usize, usize)], lang: Lang) -> String {
    if years.iter().all(|y| y.1 + y.2 + y.3 == 0) {
        return empty(lang, "by-year");
    }
    let slot = 56;
    let left = 44;
    let top = 30;
    let plot_h = 170;
    let width = (left + years.len() as u32 * slot + 10).max(300);
    let height = top + plot_h + 44;
    let max = years
        .iter()
        .map(|y| y.1 + y.2 + y.3)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut h = String::new();
    open(&mut h, width, height, t(lang, "by_year"), "by-year");
    legend(&mut h, left, 4, lang);
    // Axis with three gridlines.
    for k in 0..=2u32 {
        let v = (max * k as f64 / 2.0).round();
        let y = top + plot_h - (v / max * plot_h as f64) as u32;
        let _ = writeln!(
            h,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
             <text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">{v}</text>",
            width - 6,
            left - 4,
            y + 4
        );
    }
    for (i, &(year, e, w, inf, n)) in years.iter().enumerate() {
        let x = left + i as u32 * slot + 10;
        let bw = slot - 20;
        let mut y = (top + plot_h) as f64;
        let label = year_label(lang, year);
        for (count, class, key) in [
            (e, "sev-e", "errors"),
            (w, "sev-w", "warnings"),
            (inf, "sev-i", "infos"),
        ] {
            if count == 0 {
                continue;
            }
            let bh = (count as f64 / max * plot_h as f64).max(1.5);
            y -= bh;
            let _ = writeln!(
                h,
                "<rect class=\"bar {class}\" data-year=\"{}\" x=\"{x}\" y=\"{y:.1}\" width=\"{bw}\" height=\"{bh:.1}\">\
                 <title>{}: {} {count}</title></rect>",
                escape(&label),
                escape(&label),
                escape(t(lang, key)),
            );
        }
        let cx = x + bw / 2;
        let _ = writeln!(
            h,
            "<text x=\"{cx}\" y=\"{:.1}\" class=\"value\" text-anchor=\"middle\">{}</text>\
             <text x=\"{cx}\" y=\"{}\" class=\"label\" text-anchor=\"middle\">{}</text>\
             <text x=\"{cx}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{n} {}</text>",
            y - 4.0,
            e + w + inf,
            top + plot_h + 16,
            escape(&label),
            top + plot_h + 32,
            escape(t(lang, "reports")),
        );
    }
    h.push_str("</svg>\n");
    h
}

/// A grid: one row per rule, one column per report year, each cell shaded
/// by its number of findings.
pub fn rule_year(data: &Data, lang: Lang) -> String {
    if data.rules.is_empty() {
        return empty(lang, "rule-year");
    }
    let mut years: Vec<Option<u16>> = data
        .reports
        .iter()
        .filter(|r| !r.format.is_empty() || !r.counts.is_empty())
        .map(|r| r.year)
        .collect();
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    let mut grid: BTreeMap<(usize, Option<u16>), usize> = BTreeMap::new();
    for r in &data.reports {
        for &(rule, n) in &r.counts {
            *grid.entry((rule, r.year)).or_default() += n;
        }
    }
    let max = grid.values().copied().max().unwrap_or(1).max(1) as f64;
    let label = label_width(&data.rules);
    let cell = 48;
    let top = 22;
    let width = label + years.len() as u32 * cell + 8;
    let height = top + data.rules.len() as u32 * ROW + 4;
    let mut h = String::new();
    open(&mut h, width, height, t(lang, "by_rule_year"), "rule-year");
    for (j, y) in years.iter().enumerate() {
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"14\" class=\"label\" text-anchor=\"middle\">{}</text>",
            label + j as u32 * cell + cell / 2,
            escape(&year_label(lang, *y))
        );
    }
    for (i, r) in data.rules.iter().enumerate() {
        let y = top + i as u32 * ROW;
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"end\">{}</text>",
            label - 6,
            y + BAR,
            escape(&r.id)
        );
        for (j, yr) in years.iter().enumerate() {
            let n = grid.get(&(i, *yr)).copied().unwrap_or(0);
            let x = label + j as u32 * cell;
            let opacity = if n == 0 {
                0.0
            } else {
                0.15 + 0.85 * n as f64 / max
            };
            let _ = writeln!(
                h,
                "<rect class=\"cell\" x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill-opacity=\"{opacity:.2}\">\
                 <title>{} · {}: {n}</title></rect>",
                x + 1,
                cell - 2,
                ROW - 3,
                escape(&r.id),
                escape(&year_label(lang, *yr)),
            );
            if n > 0 {
                let _ = writeln!(
                    h,
                    "<text x=\"{}\" y=\"{}\" class=\"{}\" text-anchor=\"middle\">{n}</text>",
                    x + cell / 2,
                    y + BAR,
                    if opacity > 0.55 {
                        "cell-n dark"
                    } else {
                        "cell-n"
                    }
                );
            }
        }
    }
    h.push_str("</svg>\n");
    h
}

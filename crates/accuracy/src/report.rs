//! The tables of ACCURACY.md.

use crate::score::{RuleScore, Score};
use std::fmt::Write;

/// Renders the score as the generated part of ACCURACY.md: per-rule precision
/// and recall, per-file counts, every false positive and every miss.
pub fn markdown(score: &Score) -> String {
    let mut out = String::new();
    rules_table(&mut out, score);
    files_table(&mut out, score);
    false_positives(&mut out, score);
    misses(&mut out, score);
    parse_diagnostics(&mut out, score);
    out
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.1} %", v * 100.0))
}

fn rule_row(out: &mut String, name: &str, r: &RuleScore) {
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {} | {} |",
        r.true_diags + r.false_diags,
        r.false_diags,
        pct(r.precision()),
        r.findings,
        r.found,
        pct(r.recall()),
    );
}

fn rules_table(out: &mut String, score: &Score) {
    let files = score.files.len();
    let findings: usize = score.files.iter().map(|f| f.findings).sum();
    let _ = writeln!(
        out,
        "{files} reports, {findings} hand-checked findings. Errors and warnings only; \
         `nblint/parse` is counted apart below.\n"
    );
    out.push_str("| rule | diagnostics | false | precision | findings | found | recall |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for (name, r) in &score.rules {
        rule_row(out, &format!("`{name}`"), r);
    }
    rule_row(out, "**all rules**", &score.total());
    out.push('\n');
}

fn files_table(out: &mut String, score: &Score) {
    out.push_str(
        "| report | format | layout | findings | found | false positives | parse warnings |\n",
    );
    out.push_str("|---|---|---|---:|---:|---:|---:|\n");
    for f in &score.files {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            f.slug,
            f.format,
            f.layout,
            f.findings,
            f.found,
            f.false_positives.len(),
            f.parse_diagnostics.len(),
        );
    }
    out.push('\n');
}

fn false_positives(out: &mut String, score: &Score) {
    out.push_str("### False positives\n\n");
    let mut any = false;
    for f in &score.files {
        for (d, trap) in &f.false_positives {
            any = true;
            let _ = write!(
                out,
                "- `{}:{}` `{}` {}",
                f.slug,
                d.line,
                d.rule,
                one_line(&d.message)
            );
            if let Some(t) = trap {
                let _ = write!(out, " — trap: {}", one_line(t));
            }
            out.push('\n');
        }
    }
    if !any {
        out.push_str("None.\n");
    }
    out.push('\n');
}

fn misses(out: &mut String, score: &Score) {
    out.push_str("### Misses\n\n");
    let mut any = false;
    for f in &score.files {
        for (rule, line, why, known) in &f.misses {
            any = true;
            let _ = write!(out, "- `{}:{line}` `{rule}`: {}", f.slug, one_line(why));
            if let Some(k) = known {
                let _ = write!(out, " — why nblint misses it: {}", one_line(k));
            }
            out.push('\n');
        }
        if let Some(e) = &f.error {
            any = true;
            let _ = writeln!(out, "- `{}`: not checked: {}", f.slug, one_line(e));
        }
    }
    if !any {
        out.push_str("None.\n");
    }
    out.push('\n');
}

fn parse_diagnostics(out: &mut String, score: &Score) {
    out.push_str("### What nblint said it could not read (`nblint/parse`)\n\n");
    let mut any = false;
    for f in &score.files {
        for d in &f.parse_diagnostics {
            any = true;
            let _ = writeln!(out, "- `{}:{}` {}", f.slug, d.line, one_line(&d.message));
        }
    }
    if !any {
        out.push_str("None.\n");
    }
}

fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = flat.chars();
    let short: String = chars.by_ref().take(160).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

//! Inline suppressions. A report is plain prose, so a marker is a line of
//! its own, bare or inside an HTML/Markdown comment:
//!
//! ```text
//! nblint-disable-next-line arithmetic/percent
//! <!-- nblint-disable-next-line arithmetic/percent, sections/title -->
//! <!-- nblint-disable duplicates -->   … <!-- nblint-enable duplicates -->
//! ```
//!
//! A rule may be a rule id or a whole plugin; no rule means every rule.
//! `disable-next-line` covers the next non-blank line; `disable` covers the
//! text up to a matching `enable` (or the end). A marker that suppresses
//! nothing is reported as `nblint/unused-suppression`.

use nblint_model::{Diagnostic, Severity, Span};
use nblint_plugin_api::Lang;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

#[derive(Clone, Debug)]
struct Marker {
    kind: Kind,
    /// The marker line (without its line break).
    span: Span,
    rules: Vec<String>,
    /// Where it applies.
    range: Span,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mR)^[ \t\u{3000}]*(?:<!--|//|#|%)?[ \t]*nblint-(disable-next-line|disable|enable)\b([^\r\n]*?)(?:-->)?[ \t]*$",
    )
    .expect("valid marker regex")
});

fn matches(rules: &[String], rule: &str) -> bool {
    rules.is_empty()
        || rules.iter().any(|r| {
            r == rule
                || (rule.len() > r.len()
                    && rule.starts_with(r.as_str())
                    && rule.as_bytes()[r.len()] == b'/')
        })
}

fn markers(text: &str) -> Vec<Marker> {
    if !text.contains("nblint-") {
        return Vec::new();
    }
    let mut out: Vec<Marker> = Vec::new();
    for c in MARKER.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let kind = match &c[1] {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Disable,
            _ => Kind::Enable,
        };
        let rules: Vec<String> = c[2]
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        let end = whole.end();
        let range = match kind {
            Kind::NextLine => next_nonblank_line(text, end),
            _ => Span::new(end, text.len()),
        };
        out.push(Marker {
            kind,
            span: Span::new(whole.start(), end),
            rules,
            range,
        });
    }
    // An `enable` ends the earlier `disable`s it matches.
    for i in 0..out.len() {
        if out[i].kind != Kind::Enable {
            continue;
        }
        let (before, after) = out.split_at_mut(i);
        let enable = &after[0];
        for d in before.iter_mut().filter(|d| d.kind == Kind::Disable) {
            let ends = enable.rules.is_empty()
                || d.rules.iter().all(|r| enable.rules.contains(r)) && !d.rules.is_empty();
            if ends && d.range.end as usize == text.len() {
                d.range.end = enable.span.start;
            }
        }
    }
    out.retain(|m| m.kind != Kind::Enable);
    out
}

/// The span of the first non-blank line after `from` (which is at a line
/// end or inside the marker line).
fn next_nonblank_line(text: &str, from: usize) -> Span {
    let mut pos = from;
    // Skip the rest of the marker line.
    match text[pos..].find('\n') {
        Some(i) => pos += i + 1,
        None => return Span::new(text.len(), text.len()),
    }
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if !line.trim().is_empty() && !MARKER.is_match(line) {
            return Span::new(pos, end);
        }
        pos = end + 1;
    }
    Span::new(text.len(), text.len())
}

/// Removes suppressed diagnostics and reports unused markers (when
/// `unused` is `Some(severity)`).
pub fn apply(
    text: &str,
    diags: Vec<Diagnostic>,
    unused: Option<Severity>,
    lang: Lang,
) -> Vec<Diagnostic> {
    let markers = markers(text);
    if markers.is_empty() {
        return diags;
    }
    let mut used = vec![false; markers.len()];
    let mut out = Vec::with_capacity(diags.len());
    for d in diags {
        let hit = markers.iter().position(|m| {
            matches(&m.rules, &d.rule)
                && d.span.start >= m.range.start
                && (d.span.start < m.range.end
                    || (m.range.is_empty() && d.span.start == m.range.start))
        });
        match hit {
            Some(i) => used[i] = true,
            None => out.push(d),
        }
    }
    if let Some(severity) = unused {
        for (m, used) in markers.iter().zip(used) {
            if used {
                continue;
            }
            let marker = text.get(m.span.range()).unwrap_or("").trim();
            let (message, help) = lang.pick(
                (
                    format!("抑制标记没有屏蔽任何诊断：{marker}"),
                    "删除这一行，或改正其中的规则名（nblint rules 列出全部规则）".to_string(),
                ),
                (
                    format!("suppression marker matched no diagnostic: {marker}"),
                    "remove the line, or correct the rule names (nblint rules lists them)"
                        .to_string(),
                ),
            );
            out.push(Diagnostic {
                rule: crate::RULE_UNUSED_SUPPRESSION.into(),
                severity,
                message,
                span: m.span,
                related: Vec::new(),
                fix: None,
                help,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(rule: &str, text: &str, at: &str) -> Diagnostic {
        let s = text.find(at).unwrap();
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Error,
            message: String::new(),
            span: Span::new(s, s + at.len()),
            related: vec![],
            fix: None,
            help: String::new(),
        }
    }

    #[test]
    fn next_line_and_ranges() {
        let text = "甲\n<!-- nblint-disable-next-line arithmetic/percent -->\n\n乙占比2%\n丙\n\
                    nblint-disable duplicates\n丁\n戊\nnblint-enable duplicates\n己\n";
        let diags = vec![
            d("arithmetic/percent", text, "乙"),
            d("arithmetic/balance", text, "乙"),
            d("arithmetic/percent", text, "丙"),
            d("duplicates/paragraph", text, "丁"),
            d("duplicates/report", text, "戊"),
            d("duplicates/report", text, "己"),
        ];
        let out = apply(text, diags, Some(Severity::Warning), Lang::Zh);
        let rules: Vec<(&str, &str)> = out
            .iter()
            .map(|d| (d.rule.as_str(), &text[d.span.range()]))
            .collect();
        assert_eq!(
            rules,
            [
                ("arithmetic/balance", "乙"),
                ("arithmetic/percent", "丙"),
                ("duplicates/report", "己"),
            ]
        );
    }

    #[test]
    fn unused_markers_are_reported_and_prose_is_not_a_marker() {
        let text =
            "正文提到 nblint-disable 不算标记\nnblint-disable-next-line sections/title\n甲\n";
        let out = apply(text, vec![], Some(Severity::Warning), Lang::En);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, crate::RULE_UNUSED_SUPPRESSION);
        assert!(out[0].message.contains("sections/title"));
        assert!(apply(text, vec![], None, Lang::En).is_empty());
    }

    #[test]
    fn a_plugin_name_covers_its_rules_only() {
        assert!(matches(&["arithmetic".into()], "arithmetic/percent"));
        assert!(!matches(&["arith".into()], "arithmetic/percent"));
        assert!(matches(&[], "anything/x"));
    }
}

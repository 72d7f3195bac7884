//! 1-based lines, and diagnostics as the "line: rule: message" text their
//! snapshots are reviewed in.

use nblint_plugin_api::model::{Diagnostic, Document, LineIndex, Severity};

/// 1-based line numbers of offsets into one text (what editors and
/// snapshots show).
pub struct Lines {
    index: LineIndex,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        Self {
            index: LineIndex::new(text),
        }
    }

    /// The 1-based line holding `offset`.
    pub fn of(&self, offset: u32) -> u32 {
        self.index.line_of(offset) + 1
    }
}

/// The 1-based line of `offset` in `doc`'s text.
pub fn line_of(doc: &Document, offset: u32) -> u32 {
    Lines::new(&doc.text).of(offset)
}

/// A diagnostic as tests assert on it: where it is as a line, not a span.
#[derive(Debug, Clone)]
pub struct Finding {
    /// 1-based line of the span's start.
    pub line: u32,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// (1-based line, message) of each related span.
    pub related: Vec<(u32, String)>,
}

/// The diagnostics of `doc` as findings, in the same order.
pub fn findings(doc: &Document, diags: &[Diagnostic]) -> Vec<Finding> {
    let lines = Lines::new(&doc.text);
    diags
        .iter()
        .map(|d| Finding {
            line: lines.of(d.span.start),
            rule: d.rule.clone(),
            severity: d.severity,
            message: d.message.clone(),
            related: d
                .related
                .iter()
                .map(|r| (lines.of(r.span.start), r.message.clone()))
                .collect(),
        })
        .collect()
}

/// `findings` ordered by line, then rule (stable: the plugin's order within).
pub fn sorted_by_line_and_rule(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| (a.line, &a.rule).cmp(&(b.line, &b.rule)));
    findings
}

/// The lines of the findings of one rule, in order.
pub fn lines_of(findings: &[Finding], rule: &str) -> Vec<u32> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.line)
        .collect()
}

/// How a snapshot writes a finding. Each plugin's snapshots were reviewed
/// in one of these layouts; changing a plugin's layout rewrites them all.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// `12: rule: message`, each related span as `    12: message` below.
    RuleWithRelated,
    /// `12: warning rule: message`
    SeverityRule,
    /// `12: rule [warning]: message`
    RuleSeverity,
}

/// One "line: rule: message" line per finding, in the order given, each
/// ending in a newline.
pub fn render(findings: &[Finding], layout: Layout) -> String {
    let mut out = String::new();
    for f in findings {
        let label = match layout {
            Layout::RuleWithRelated => f.rule.clone(),
            Layout::SeverityRule => format!("{} {}", f.severity.as_str(), f.rule),
            Layout::RuleSeverity => format!("{} [{}]", f.rule, f.severity.as_str()),
        };
        out.push_str(&format!("{}: {label}: {}\n", f.line, f.message));
        if matches!(layout, Layout::RuleWithRelated) {
            for (line, message) in &f.related {
                out.push_str(&format!("    {line}: {message}\n"));
            }
        }
    }
    out
}

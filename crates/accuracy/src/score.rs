//! Matching nblint's diagnostics against the hand-checked findings.

use crate::expected::{Expected, ExpectedFinding};
use std::collections::BTreeMap;
use std::path::Path;

/// The engine's own diagnostic that says what could not be read: scored
/// apart, since it reports the parser's limits, not a defect of the report.
pub const PARSE_RULE: &str = "nblint/parse";

/// Rules whose check needs the whole report: in an excerpt (a page cut off
/// after its first part) what they say about the missing rest is not scored.
pub const WHOLE_REPORT_RULES: [&str; 4] = [
    "sections/missing",
    "sections/table-missing",
    "sections/empty",
    "sections/fee-disclosure",
];

/// One error or warning nblint reported, as the score sees it.
#[derive(Debug, Clone)]
pub struct Diag {
    pub rule: String,
    pub severity: String,
    pub line: usize,
    pub message: String,
    /// Lines of the primary span and of every related span.
    pub lines: Vec<(usize, usize)>,
}

impl Diag {
    fn covers(&self, line: usize) -> bool {
        self.lines.iter().any(|&(a, b)| a <= line && line <= b)
    }
}

/// What nblint got right and wrong in one file.
#[derive(Debug, Clone, Default)]
pub struct FileScore {
    pub slug: String,
    pub layout: String,
    pub format: String,
    pub findings: usize,
    pub found: usize,
    /// Diagnostics that match no finding, with the trap they fell into, if any.
    pub false_positives: Vec<(Diag, Option<String>)>,
    /// Findings no diagnostic matched: (rule, line, why, known reason).
    pub misses: Vec<(String, usize, String, Option<String>)>,
    pub parse_diagnostics: Vec<Diag>,
    /// Why the file could not be checked at all.
    pub error: Option<String>,
}

/// Counts for one rule over the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleScore {
    pub true_diags: usize,
    pub false_diags: usize,
    pub findings: usize,
    pub found: usize,
}

impl RuleScore {
    pub fn precision(&self) -> Option<f64> {
        ratio(self.true_diags, self.true_diags + self.false_diags)
    }
    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.findings)
    }
    fn add(&mut self, other: &RuleScore) {
        self.true_diags += other.true_diags;
        self.false_diags += other.false_diags;
        self.findings += other.findings;
        self.found += other.found;
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub files: Vec<FileScore>,
    pub rules: BTreeMap<String, RuleScore>,
}

impl Score {
    pub fn total(&self) -> RuleScore {
        let mut total = RuleScore::default();
        for r in self.rules.values() {
            total.add(r);
        }
        total
    }
}

/// Scores nblint's JSON output against the expected findings.
pub fn score(expected: &[Expected], output: &serde_json::Value) -> Score {
    let by_name = diagnostics_by_file(output);
    let mut score = Score::default();
    for exp in expected {
        let name = file_name(&exp.file);
        let (diags, error) = by_name.get(&name).cloned().unwrap_or_else(|| {
            (
                Vec::new(),
                Some("nblint did not report on this file".to_string()),
            )
        });
        score
            .files
            .push(score_file(exp, diags, error, &mut score.rules));
    }
    score
}

fn score_file(
    exp: &Expected,
    diags: Vec<Diag>,
    error: Option<String>,
    rules: &mut BTreeMap<String, RuleScore>,
) -> FileScore {
    let mut file = FileScore {
        slug: file_name(&exp.file),
        layout: exp.layout.clone(),
        format: exp.format.clone(),
        findings: exp.findings.len(),
        error,
        ..FileScore::default()
    };
    let (parse, diags): (Vec<Diag>, Vec<Diag>) = diags
        .into_iter()
        .filter(|d| d.severity == "error" || d.severity == "warning")
        .filter(|d| !(exp.excerpt && WHOLE_REPORT_RULES.contains(&d.rule.as_str())))
        .partition(|d| d.rule == PARSE_RULE);
    file.parse_diagnostics = parse;
    // A diagnostic covers the lines of its spans: it finds every finding
    // on one of them (a blank-cells warning lists each blank cell), but
    // two defects on one line are found only when nblint reports two.
    let mut used: Vec<(usize, usize)> = Vec::new();
    for f in &exp.findings {
        let entry = rules.entry(f.rule.clone()).or_default();
        entry.findings += 1;
        let hit = (0..diags.len()).find(|&i| matches(&diags[i], f) && !used.contains(&(i, f.line)));
        if let Some(i) = hit {
            used.push((i, f.line));
            entry.found += 1;
            file.found += 1;
        } else {
            file.misses
                .push((f.rule.clone(), f.line, f.why.clone(), f.known_miss.clone()));
        }
    }
    for d in diags {
        let entry = rules.entry(d.rule.clone()).or_default();
        if exp.findings.iter().any(|f| matches(&d, f)) {
            entry.true_diags += 1;
        } else {
            entry.false_diags += 1;
            let trap = exp
                .traps
                .iter()
                .find(|t| d.covers(t.line))
                .map(|t| t.why.clone());
            file.false_positives.push((d, trap));
        }
    }
    file
}

fn matches(d: &Diag, f: &ExpectedFinding) -> bool {
    d.rule == f.rule && d.covers(f.line)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

type FileDiags = (Vec<Diag>, Option<String>);

fn diagnostics_by_file(output: &serde_json::Value) -> BTreeMap<String, FileDiags> {
    let mut map = BTreeMap::new();
    for f in output["files"].as_array().into_iter().flatten() {
        let path = f["path"].as_str().unwrap_or_default();
        let name = file_name(Path::new(path));
        let diags = f["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(diag)
            .collect();
        let error = f["error"]["message"].as_str().map(str::to_string);
        map.insert(name, (diags, error));
    }
    map
}

fn diag(d: &serde_json::Value) -> Diag {
    let num = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap_or(0) as usize;
    let span = |v: &serde_json::Value| (num(v, "line"), num(v, "end_line").max(num(v, "line")));
    let mut lines = vec![span(d)];
    lines.extend(d["related"].as_array().into_iter().flatten().map(span));
    Diag {
        rule: d["rule"].as_str().unwrap_or_default().to_string(),
        severity: d["severity"].as_str().unwrap_or_default().to_string(),
        line: num(d, "line"),
        message: d["message"].as_str().unwrap_or_default().to_string(),
        lines,
    }
}

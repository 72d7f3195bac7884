//! `--format junit`: JUnit XML for CI test reports. One `<testsuite>` per
//! input file; in it one `<testcase>` per rule that fired (a passing
//! `nblint` test case for a clean file). A rule's test case fails when one
//! of its diagnostics is at or above `--fail-on` (the diagnostics are
//! listed in the `<failure>`); below it, the test case passes and lists
//! them in `<system-out>`. A file that could not be checked, and a failure
//! of the run, is an `<error>`.

use super::{xml_escape, Context, FileView};
use nblint_engine::{RunError, RunOutput};
use nblint_model::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

struct Case {
    name: String,
    /// (`failure`|`error`, message, type, body) when it did not pass.
    outcome: Option<(&'static str, String, String, String)>,
    system_out: String,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

fn error_case(name: &str, e: &RunError) -> Case {
    let mut body = e.message();
    if let Some(h) = e.hint() {
        body.push_str("\nhelp: ");
        body.push_str(&h);
    }
    Case {
        name: name.to_string(),
        outcome: Some(("error", e.message(), "failure".into(), body)),
        system_out: String::new(),
    }
}

fn counts(ds: &[&Diagnostic]) -> String {
    let mut parts = Vec::new();
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ] {
        let n = ds.iter().filter(|d| d.severity == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    parts.join(", ")
}

pub fn render(output: &RunOutput, ctx: &Context) -> Vec<u8> {
    let mut suites = Vec::new();
    for file in &output.files {
        let path = ctx.display_path(file);
        let mut suite = Suite {
            name: path.clone(),
            cases: Vec::new(),
        };
        if let Some(e) = &file.error {
            suite.cases.push(error_case("read", e));
        }
        if let Some(view) = FileView::new(file) {
            let mut by_rule: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
            for d in &file.diagnostics {
                by_rule.entry(d.rule.as_str()).or_default().push(d);
            }
            if by_rule.is_empty() {
                suite.cases.push(Case {
                    name: "nblint".into(),
                    outcome: None,
                    system_out: String::new(),
                });
            }
            for (rule, ds) in by_rule {
                let mut listing = String::new();
                for d in &ds {
                    let r = view.range(d.span);
                    let _ = writeln!(
                        listing,
                        "{path}:{}:{}: {}: {} [{rule}]",
                        r.line,
                        r.column,
                        d.severity.as_str(),
                        d.message
                    );
                    if !d.help.is_empty() {
                        let _ = writeln!(listing, "  help: {}", d.help);
                    }
                }
                let worst = ds
                    .iter()
                    .map(|d| d.severity)
                    .max()
                    .unwrap_or(Severity::Info);
                let failing: Vec<&Diagnostic> = ds
                    .iter()
                    .copied()
                    .filter(|d| d.severity >= ctx.fail_on)
                    .collect();
                let case = if let Some(first) = failing.first() {
                    let message = if failing.len() == 1 {
                        first.message.clone()
                    } else {
                        format!("{} ({})", first.message, counts(&ds))
                    };
                    Case {
                        name: rule.to_string(),
                        outcome: Some(("failure", message, worst.as_str().into(), listing)),
                        system_out: String::new(),
                    }
                } else {
                    Case {
                        name: rule.to_string(),
                        outcome: None,
                        system_out: listing,
                    }
                };
                suite.cases.push(case);
            }
        }
        suites.push(suite);
    }
    if !output.errors.is_empty() {
        suites.push(Suite {
            name: "nblint".into(),
            cases: output.errors.iter().map(|e| error_case("run", e)).collect(),
        });
    }

    let count = |s: &Suite, kind: &str| {
        s.cases
            .iter()
            .filter(|c| c.outcome.as_ref().is_some_and(|o| o.0 == kind))
            .count()
    };
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(|s| count(s, "failure")).sum();
    let errors: usize = suites.iter().map(|s| count(s, "error")).sum();

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"nblint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    for (i, s) in suites.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" id=\"{i}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">",
            xml_escape(&s.name),
            s.cases.len(),
            count(s, "failure"),
            count(s, "error"),
        );
        for c in &s.cases {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml_escape(&s.name),
                xml_escape(&c.name)
            );
            if c.outcome.is_none() && c.system_out.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            if let Some((kind, message, ty, body)) = &c.outcome {
                let _ = writeln!(
                    out,
                    "      <{kind} message=\"{}\" type=\"{}\">{}</{kind}>",
                    xml_escape(message),
                    xml_escape(ty),
                    xml_text(body)
                );
            }
            if !c.system_out.is_empty() {
                let _ = writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml_text(&c.system_out)
                );
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out.into_bytes()
}

/// Character data: as [`xml_escape`] but line breaks kept as they are.
fn xml_text(s: &str) -> String {
    s.split('\n')
        .map(|l| xml_escape(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

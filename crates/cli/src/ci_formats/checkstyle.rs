//! `--format checkstyle`: Checkstyle XML (`<checkstyle version="4.3">`),
//! one `<file>` per input and one `<error>` per diagnostic, `source` being
//! the rule id. Understood by Jenkins' warnings-ng, reviewdog, GitLab and
//! other CI tools.

use super::{xml_escape, Context, FileView};
use nblint_engine::{RunError, RunOutput};
use std::fmt::Write as _;

/// The `source` of errors that are failures of the run, not diagnostics.
pub const FAILURE_SOURCE: &str = "nblint/failure";

fn failure(out: &mut String, e: &RunError) {
    let mut msg = e.message();
    if let Some(h) = e.hint() {
        msg.push_str(" (");
        msg.push_str(&h);
        msg.push(')');
    }
    let _ = writeln!(
        out,
        "    <error line=\"1\" severity=\"error\" message=\"{}\" source=\"{FAILURE_SOURCE}\"/>",
        xml_escape(&msg)
    );
}

pub fn render(output: &RunOutput, ctx: &Context) -> Vec<u8> {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in &output.files {
        let _ = writeln!(
            out,
            "  <file name=\"{}\">",
            xml_escape(&ctx.display_path(file))
        );
        if let Some(e) = &file.error {
            failure(&mut out, e);
        }
        if let Some(view) = FileView::new(file) {
            for d in &file.diagnostics {
                let r = view.range(d.span);
                let mut msg = d.message.clone();
                if !d.help.is_empty() {
                    msg.push_str(" — ");
                    msg.push_str(&d.help);
                }
                let _ = writeln!(
                    out,
                    "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>",
                    r.line,
                    r.column,
                    d.severity.as_str(),
                    xml_escape(&msg),
                    xml_escape(&d.rule)
                );
            }
        }
        out.push_str("  </file>\n");
    }
    // Failures of the run not tied to an input (configuration, plugins)
    // belong to the file they name, or to no file.
    for e in &output.errors {
        let name = e.path().map(|p| ctx.path(p)).unwrap_or_default();
        let _ = writeln!(out, "  <file name=\"{}\">", xml_escape(&name));
        failure(&mut out, e);
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out.into_bytes()
}

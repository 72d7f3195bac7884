//! `--format github`: GitHub Actions workflow commands, one annotation a
//! diagnostic (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`),
//! escaped as the workflow-command spec (actions/toolkit) says.

use super::{Context, FileView};
use nblint_engine::{RunError, RunOutput};
use nblint_model::Severity;
use std::fmt::Write as _;

/// The annotation level of a severity.
fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A command's message: `%`, CR and LF are percent-encoded.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A command's property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// One workflow command: `::name key=value,…::message`.
fn line(out: &mut String, name: &str, props: &[(&str, String)], message: &str) {
    out.push_str("::");
    out.push_str(name);
    for (i, (k, v)) in props.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        out.push_str(k);
        out.push('=');
        out.push_str(&escape_property(v));
    }
    out.push_str("::");
    out.push_str(&escape_data(message));
    out.push('\n');
}

fn failure(out: &mut String, e: &RunError, file: Option<String>) {
    let mut props = Vec::new();
    if let Some(f) = file {
        props.push(("file", f));
    }
    props.push(("title", "nblint".to_string()));
    let mut msg = e.message();
    if let Some(h) = e.hint() {
        msg.push('\n');
        msg.push_str(&h);
    }
    line(out, "error", &props, &msg);
}

pub fn render(output: &RunOutput, ctx: &Context) -> Vec<u8> {
    let mut out = String::new();
    for file in &output.files {
        let path = ctx.display_path(file);
        if let Some(e) = &file.error {
            failure(&mut out, e, Some(path.clone()));
        }
        let Some(view) = FileView::new(file) else {
            continue;
        };
        for d in &file.diagnostics {
            let r = view.range(d.span);
            let props = [
                ("file", path.clone()),
                ("line", r.line.to_string()),
                ("col", r.column.to_string()),
                ("endLine", r.end_line.to_string()),
                ("endColumn", r.end_column.to_string()),
                ("title", d.rule.clone()),
            ];
            let mut msg = d.message.clone();
            if !d.help.is_empty() {
                msg.push('\n');
                msg.push_str(&d.help);
            }
            line(&mut out, command(d.severity), &props, &msg);
        }
    }
    for e in &output.errors {
        failure(&mut out, e, e.path().map(|p| ctx.path(p)));
    }
    let _ = writeln!(
        out,
        "nblint: {} files, {} errors, {} warnings, {} infos",
        output.files.len(),
        output.count(Severity::Error),
        output.count(Severity::Warning),
        output.count(Severity::Info)
    );
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_spec() {
        assert_eq!(escape_data("50%\r\na:b,c"), "50%25%0D%0Aa:b,c");
        assert_eq!(escape_property("50%\r\na:b,c"), "50%25%0D%0Aa%3Ab%2Cc");
        let mut out = String::new();
        line(
            &mut out,
            "warning",
            &[("file", "a,b:c.txt".into()), ("title", "x/y".into())],
            "第一行\n第二行 100%",
        );
        assert_eq!(
            out,
            "::warning file=a%2Cb%3Ac.txt,title=x/y::第一行%0A第二行 100%25\n"
        );
    }
}

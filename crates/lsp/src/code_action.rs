//! Code actions for the diagnostics in a range: the rule's fix, disable
//! the rule for the line, the table or the file, explain the rule.

use crate::analysis::Analysis;
use crate::text::Encoding;
use tower_lsp_server::ls_types as lsp;

/// `nblint.explain`: the command of the "explain rule" code action.
pub const EXPLAIN_COMMAND: &str = "nblint.explain";

impl Analysis {
    /// Code actions for the diagnostics in `range`: the rule's fix, disable
    /// for this line, disable for this file, explain.
    pub fn code_actions(
        &self,
        uri: &lsp::Uri,
        range: lsp::Range,
        enc: Encoding,
        only: Option<&[lsp::CodeActionKind]>,
    ) -> Vec<lsp::CodeActionOrCommand> {
        let wants = |k: &lsp::CodeActionKind| {
            only.is_none_or(|o| {
                o.iter().any(|w| {
                    k.as_str() == w.as_str() || k.as_str().starts_with(&format!("{}.", w.as_str()))
                })
            })
        };
        let mut out = Vec::new();
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..Default::default()
        };
        let mut seen_rules: Vec<&str> = Vec::new();
        for (d, drange) in self.diagnostics_at(range, enc) {
            let lsp_diag = self.lsp_diagnostic(uri, d, enc);
            if let Some(fix) = &d.fix {
                if wants(&lsp::CodeActionKind::QUICKFIX) && !fix.edits.is_empty() {
                    let edits = fix
                        .edits
                        .iter()
                        .map(|e| lsp::TextEdit::new(self.range(e.span, enc), e.replacement.clone()))
                        .collect();
                    out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: fix.message.clone(),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lsp_diag.clone()]),
                        edit: Some(edit(edits)),
                        is_preferred: Some(fix.safe),
                        ..Default::default()
                    }));
                }
            }
            if d.rule.starts_with("nblint/") || seen_rules.contains(&d.rule.as_str()) {
                continue;
            }
            seen_rules.push(&d.rule);
            if !wants(&lsp::CodeActionKind::QUICKFIX) {
                continue;
            }
            let eol = self.text.eol();
            let marker = |kind: &str| {
                if self.is_markup() {
                    format!("<!-- nblint-{kind} {} -->{eol}", d.rule)
                } else {
                    format!("nblint-{kind} {}{eol}", d.rule)
                }
            };
            // Above the line of the diagnostic; in a table, around the
            // table (a marker line between its rows would split it).
            let (title, edits) = match self.table_around(d.span.start) {
                None => {
                    let line_start = self.text.line_start_of(self.editor_offset(d.span.start));
                    let at = self.text.position(line_start, enc);
                    let title = self.lang.pick(
                        format!("在这一行停用 {}", d.rule),
                        format!("Disable {} for this line", d.rule),
                    );
                    let edits = vec![lsp::TextEdit::new(
                        lsp::Range::new(at, at),
                        marker("disable-next-line"),
                    )];
                    (title, edits)
                }
                Some((start, end)) => {
                    let at = self.text.position(self.text.line_start_of(start), enc);
                    let after = match self.text.next_line_start(end.saturating_sub(1).max(start)) {
                        Some(o) => (self.text.position(o, enc), marker("enable")),
                        None => (
                            self.text.position(self.text.text.len() as u32, enc),
                            format!("{eol}{}", marker("enable").trim_end()),
                        ),
                    };
                    let title = self.lang.pick(
                        format!("在这张表中停用 {}", d.rule),
                        format!("Disable {} for this table", d.rule),
                    );
                    let edits = vec![
                        lsp::TextEdit::new(lsp::Range::new(at, at), marker("disable")),
                        lsp::TextEdit::new(lsp::Range::new(after.0, after.0), after.1),
                    ];
                    (title, edits)
                }
            };
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(edit(edits)),
                ..Default::default()
            }));
            let top = self.text.position(self.bom, enc);
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: self.lang.pick(
                    format!("在整个文件中停用 {}", d.rule),
                    format!("Disable {} for this file", d.rule),
                ),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(edit(vec![lsp::TextEdit::new(
                    lsp::Range::new(top, top),
                    marker("disable"),
                )])),
                ..Default::default()
            }));
            let title = self.lang.pick(
                format!("解释规则 {}", d.rule),
                format!("Explain rule {}", d.rule),
            );
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: title.clone(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag]),
                command: Some(lsp::Command::new(
                    title,
                    EXPLAIN_COMMAND.into(),
                    Some(vec![serde_json::Value::String(d.rule.clone())]),
                )),
                ..Default::default()
            }));
            let _ = drange;
        }
        out
    }
}

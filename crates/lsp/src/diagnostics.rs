//! Engine diagnostics as LSP diagnostics.

use crate::analysis::Analysis;
use crate::text::Encoding;
use nblint_model::{Diagnostic, Severity};
use tower_lsp_server::ls_types as lsp;

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

impl Analysis {
    /// The diagnostics to publish.
    pub fn lsp_diagnostics(&self, uri: &lsp::Uri, enc: Encoding) -> Vec<lsp::Diagnostic> {
        if let Some(e) = &self.error {
            return vec![lsp::Diagnostic {
                range: lsp::Range::default(),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String("nblint/error".into())),
                source: Some("nblint".into()),
                message: e.clone(),
                ..Default::default()
            }];
        }
        self.diagnostics
            .iter()
            .map(|d| self.lsp_diagnostic(uri, d, enc))
            .collect()
    }

    pub(crate) fn lsp_diagnostic(
        &self,
        uri: &lsp::Uri,
        d: &Diagnostic,
        enc: Encoding,
    ) -> lsp::Diagnostic {
        let mut message = d.message.clone();
        if !d.help.is_empty() {
            message.push_str(self.lang.pick("\n建议：", "\nhelp: "));
            message.push_str(&d.help);
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .related
            .iter()
            .map(|r| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), self.range(r.span, enc)),
                message: r.message.clone(),
            })
            .collect();
        lsp::Diagnostic {
            range: self.range(d.span, enc),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.rule.clone())),
            code_description: None,
            source: Some("nblint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: Some(serde_json::json!({
                "rule": d.rule,
                "message": d.message,
                "help": d.help,
                "hasFix": d.fix.is_some(),
            })),
        }
    }
}

//! Diagnostics: what rules report. Shared by plugins (which serialise them
//! across the ABI), the engine and every output format.

use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" | "hint" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A cell or sentence that enters a check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One replacement of a span's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub message: String,
    /// A safe fix is applied by `--fix`; an unsafe one needs `--unsafe-fixes`.
    pub safe: bool,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `plugin/rule`.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    #[serde(default)]
    pub related: Vec<Related>,
    #[serde(default)]
    pub fix: Option<Fix>,
    /// How to fix it.
    #[serde(default)]
    pub help: String,
}

impl Diagnostic {
    /// A diagnostic at `span` with no related places and no fix (the
    /// engine's own: parse issues, plugin failures, unused baseline
    /// entries).
    pub fn plain(
        rule: impl Into<String>,
        severity: Severity,
        span: Span,
        message: String,
        help: String,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            message,
            span,
            related: Vec::new(),
            fix: None,
            help,
        }
    }
}

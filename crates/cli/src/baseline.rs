//! Baselines: `nblint check --write-baseline FILE` records the current
//! diagnostics; `nblint check --baseline FILE` hides the recorded ones, so
//! that CI fails only on new problems.
//!
//! The file is JSON (version 1):
//!
//! ```json
//! {
//!   "version": 1,
//!   "files": {
//!     "reports/a.txt": [
//!       { "rule": "arithmetic/balance", "fingerprint": "5d41402abc4b2a76",
//!         "line": 40, "message": "…" }
//!     ]
//!   }
//! }
//! ```
//!
//! Paths are relative to the baseline file's directory (`/`-separated;
//! `<stdin>` for standard input). An entry matches a diagnostic of the same
//! file and rule whose fingerprint is the same; `line` and `message` are
//! for people and never used. The fingerprint is the first 16 hex digits
//! of the SHA-256 of the rule id, the text of the diagnostic's line and the
//! diagnostic's own text (its first 200 characters), whitespace removed:
//! it does not change when lines are added or removed above. Several
//! identical fingerprints are matched by count: each entry hides one
//! diagnostic. Entries of a checked file that hide nothing are reported as
//! `nblint/unused-suppression` (a warning by default, like unused inline
//! markers; its severity is configurable in `[rules]`).

use nblint_engine::{Engine, Lang, RunError, RunOutput, RULE_UNUSED_SUPPRESSION};
use nblint_model::{Diagnostic, Severity, Span};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The baseline options of `nblint check`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct BaselineArgs {
    /// Hide the diagnostics recorded in this baseline file (report only new ones).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current diagnostics in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

impl BaselineArgs {
    /// Whether diagnostics are to be printed (not when writing a baseline).
    pub fn show_diagnostics(&self) -> bool {
        self.write_baseline.is_none()
    }
}

#[derive(Serialize, Deserialize, Debug, Default)]
struct BaselineFile {
    version: u32,
    #[serde(default)]
    files: BTreeMap<String, Vec<Entry>>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
struct Entry {
    rule: String,
    fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    message: String,
}

/// Runs the baseline options on the run's output: writes the baseline
/// (returning the exit code: 0, or 2 when it cannot be written or the run
/// failed), or hides the recorded diagnostics and adds the unused entries
/// (returning `None`, or `Some(2)` when the baseline cannot be read).
pub fn apply(
    engine: &Engine,
    args: &BaselineArgs,
    output: &mut RunOutput,
    lang: Lang,
) -> Option<u8> {
    if let Some(path) = &args.write_baseline {
        return Some(write(path, output, lang));
    }
    let path = args.baseline.as_ref()?;
    let baseline = match read(path) {
        Ok(b) => b,
        Err(e) => {
            output.errors.push(e);
            return None;
        }
    };
    let base = base_dir(path);
    let mut hidden = 0;
    for file in &mut output.files {
        let Some(parsed) = &file.parsed else { continue };
        let key = file_key(&base, file.path.as_deref());
        let Some(entries) = baseline.files.get(&key) else {
            continue;
        };
        let mut left: HashMap<(String, String), Vec<&Entry>> = HashMap::new();
        for e in entries {
            let key = (e.rule.clone(), e.fingerprint.clone());
            left.entry(key).or_default().push(e);
        }
        let text = &parsed.doc.text;
        file.diagnostics.retain(|d| {
            let key = (d.rule.clone(), fingerprint(text, d));
            match left.get_mut(&key) {
                Some(v) if !v.is_empty() => {
                    v.remove(0);
                    hidden += 1;
                    false
                }
                _ => true,
            }
        });
        let severity = engine.config_for(file.path.as_deref()).ok().and_then(|c| {
            engine
                .settings_for(&c, file.path.as_deref())
                .settings
                .severity(RULE_UNUSED_SUPPRESSION, Severity::Warning)
        });
        let Some(severity) = severity else { continue };
        let mut unused: Vec<&Entry> = left.into_values().flatten().collect();
        unused.sort_by_key(|e| (e.line, &e.rule, &e.fingerprint));
        for e in unused {
            file.diagnostics
                .insert(0, unused_entry(path, e, severity, file.lang));
        }
        file.diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    }
    if hidden > 0 {
        eprintln!(
            "{}",
            lang.pick(
                format!("基线 {} 隐藏了 {hidden} 个已记录的问题", path.display()),
                format!(
                    "the baseline {} hid {hidden} recorded problem{}",
                    path.display(),
                    if hidden == 1 { "" } else { "s" }
                )
            )
        );
    }
    None
}

fn unused_entry(baseline: &Path, e: &Entry, severity: Severity, lang: Lang) -> Diagnostic {
    let line = e.line.map(|l| l.to_string()).unwrap_or_else(|| "?".into());
    let (message, help) = lang.pick((
            format!(
                "基线 {} 中 {} 的条目（记录时第 {line} 行：{}）未匹配任何问题",
                baseline.display(),
                e.rule,
                e.message
            ),
            "问题可能已修正；用 --write-baseline 重新生成基线以删除该条目".to_string(),
        ), (
            format!(
                "the entry for {} in the baseline {} (line {line} when recorded: {}) matches nothing",
                e.rule,
                baseline.display(),
                e.message
            ),
            "the problem may have been fixed; regenerate the baseline with --write-baseline to drop the entry".to_string(),
        ));
    Diagnostic::plain(
        RULE_UNUSED_SUPPRESSION,
        severity,
        Span::EMPTY,
        message,
        help,
    )
}

fn read(path: &Path) -> Result<BaselineFile, RunError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        RunError::new(
            Some(path),
            format!("cannot read the baseline: {e}"),
            Some("create it with `nblint check --write-baseline FILE`".into()),
        )
    })?;
    let b: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        RunError::new(
            Some(path),
            format!("invalid baseline: {e}"),
            Some("regenerate it with `nblint check --write-baseline FILE`".into()),
        )
    })?;
    if b.version != 1 {
        return Err(RunError::new(
            Some(path),
            format!("unsupported baseline version {}", b.version),
            Some("regenerate it with this nblint's --write-baseline".into()),
        ));
    }
    Ok(b)
}

fn write(path: &Path, output: &RunOutput, lang: Lang) -> u8 {
    let base = base_dir(path);
    let mut b = BaselineFile {
        version: 1,
        files: BTreeMap::new(),
    };
    let mut count = 0;
    for file in &output.files {
        let Some(parsed) = &file.parsed else { continue };
        if file.diagnostics.is_empty() {
            continue;
        }
        let entries = b
            .files
            .entry(file_key(&base, file.path.as_deref()))
            .or_default();
        for d in &file.diagnostics {
            let line = file
                .positions
                .as_ref()
                .map(|p| p.position(&parsed.doc.text, d.span.start).line);
            entries.push(Entry {
                rule: d.rule.clone(),
                fingerprint: fingerprint(&parsed.doc.text, d),
                line,
                message: d.message.clone(),
            });
            count += 1;
        }
    }
    let mut json = serde_json::to_string_pretty(&b).expect("a baseline serialises");
    json.push('\n');
    let written = if path.exists() {
        crate::output::write_atomic(path, json.as_bytes())
    } else {
        std::fs::write(path, json.as_bytes())
    };
    if let Err(e) = written {
        crate::print_error(&RunError::new(
            Some(path),
            format!("cannot write the baseline: {e}"),
            None,
        ));
        return crate::EXIT_FAILURE;
    }
    eprintln!(
        "{}",
        lang.pick(
            format!(
                "已将 {count} 个问题（{} 个文件）写入基线 {}",
                b.files.len(),
                path.display()
            ),
            format!(
                "wrote {count} problem{} of {} file{} to the baseline {}",
                if count == 1 { "" } else { "s" },
                b.files.len(),
                if b.files.len() == 1 { "" } else { "s" },
                path.display()
            )
        )
    );
    if output.failed() {
        crate::EXIT_FAILURE
    } else {
        crate::EXIT_CLEAN
    }
}

/// The directory a baseline's paths are relative to.
fn base_dir(baseline: &Path) -> PathBuf {
    let dir = match baseline.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    absolute(&dir)
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// A file's key in the baseline: its path relative to `base`, with `/`.
fn file_key(base: &Path, file: Option<&Path>) -> String {
    let Some(file) = file else {
        return "<stdin>".into();
    };
    let abs = absolute(file);
    let rel = abs.strip_prefix(base).unwrap_or(&abs);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Characters of the diagnostic's own text that enter its fingerprint.
const SPAN_CHARS: usize = 200;

/// The fingerprint of a diagnostic: rule, the text of its line and its
/// own text, whitespace removed; independent of the line number.
pub fn fingerprint(text: &str, d: &Diagnostic) -> String {
    let start = (d.span.start as usize).min(text.len());
    let end = (d.span.end as usize).clamp(start, text.len());
    let start = floor(text, start);
    let end = floor(text, end).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let compact = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let own: String = text[start..end].chars().take(SPAN_CHARS).collect();
    let mut h = Sha256::new();
    h.update(d.rule.as_bytes());
    h.update([0]);
    h.update(compact(&text[line_start..line_end]).as_bytes());
    h.update([0]);
    h.update(compact(&own).as_bytes());
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str, needle: &str) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic {
            rule: "a/b".into(),
            severity: Severity::Error,
            message: "m".into(),
            span: Span::new(s, s + needle.len()),
            related: vec![],
            fix: None,
            help: String::new(),
        }
    }

    #[test]
    fn fingerprints_ignore_lines_above_and_see_the_line() {
        let a = "标题\n合计 12 件\n";
        let b = "标题\n新增一段\n\n合计  12 件\n";
        assert_eq!(fingerprint(a, &d(a, "12")), fingerprint(b, &d(b, "12")));
        let c = "标题\n合计 12 件，另 3 件\n";
        assert_ne!(fingerprint(a, &d(a, "12")), fingerprint(c, &d(c, "12")));
        assert_eq!(fingerprint(a, &d(a, "12")).len(), 16);
    }
}

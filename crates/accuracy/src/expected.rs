//! `<slug>.expected.toml`: a report's source and its hand-checked defects.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One report of the corpus and what a person found in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The report file beside the `.expected.toml` (filled in when loading).
    #[serde(skip)]
    pub file: PathBuf,
    pub source: String,
    #[serde(default)]
    pub retrieved: Option<String>,
    #[serde(default)]
    pub how: Option<String>,
    #[serde(default)]
    pub agency: Option<String>,
    pub year: Option<i64>,
    pub format: String,
    #[serde(default)]
    pub level: Option<String>,
    pub layout: String,
    #[serde(default)]
    pub excerpt: bool,
    pub checked: String,
    #[serde(default, rename = "finding")]
    pub findings: Vec<ExpectedFinding>,
    #[serde(default, rename = "trap")]
    pub traps: Vec<Trap>,
}

/// The extensions of report files in the corpus.
pub const REPORT_EXTENSIONS: [&str; 6] = ["txt", "md", "html", "htm", "docx", "pdf"];

/// A real defect: the rule whose check it breaks and the line it stands on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFinding {
    pub rule: String,
    pub line: usize,
    pub why: String,
    /// Why nblint is known to miss it, when it does (shown in ACCURACY.md).
    #[serde(default)]
    pub known_miss: Option<String>,
}

/// A place that looks wrong and is not: nblint must stay silent there.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trap {
    pub line: usize,
    pub why: String,
}

/// Every `*.expected.toml` of `dir`, sorted by file name, each checked to
/// name an existing report file (`<slug>.<ext>` beside it).
pub fn load_expected(dir: &Path) -> Result<Vec<Expected>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    names.sort();
    let expected: Vec<Expected> = names
        .iter()
        .map(|p| load_one(dir, p))
        .collect::<Result<_, _>>()?;
    if let Some(orphan) = reports_without_expected(dir, &expected)? {
        return Err(format!(
            "{}: a report without a {}.expected.toml beside it (corpus/real/README.md says what to write)",
            orphan.display(),
            orphan.file_stem().unwrap_or_default().to_string_lossy()
        ));
    }
    Ok(expected)
}

/// Every report of the corpus is scored: a report file with no expected
/// findings would silently count nothing.
fn reports_without_expected(dir: &Path, expected: &[Expected]) -> Result<Option<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut reports: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| REPORT_EXTENSIONS.iter().any(|r| x == *r))
        })
        .collect();
    reports.sort();
    Ok(reports
        .into_iter()
        .find(|r| !expected.iter().any(|e| &e.file == r)))
}

fn load_one(dir: &Path, path: &Path) -> Result<Expected, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut expected: Expected =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let slug = name.trim_end_matches(".expected.toml");
    expected.file = report_file(dir, slug).ok_or_else(|| {
        format!(
            "{}: no report file {slug}.<txt|md|html|docx|pdf> beside it",
            path.display()
        )
    })?;
    Ok(expected)
}

fn report_file(dir: &Path, slug: &str) -> Option<PathBuf> {
    REPORT_EXTENSIONS
        .iter()
        .map(|ext| dir.join(format!("{slug}.{ext}")))
        .find(|p| p.is_file())
}

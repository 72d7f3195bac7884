//! nblint's accuracy on the real-report corpus.
//!
//! `corpus/real/<slug>.expected.toml` lists, for each report, the real defects a
//! person found by reading it and recomputing its cells (see
//! `corpus/real/README.md`). This crate runs nblint over the folder in one run
//! (so cross-year rules see the other years), matches its error and warning
//! diagnostics against those findings, and renders the per-rule precision and
//! recall that ACCURACY.md shows.
//!
//! It reads nblint's JSON output (schema version 1), the interface every
//! integration uses, so it measures exactly what a user gets.

mod expected;
mod report;
mod score;

pub use expected::{load_expected, Expected, ExpectedFinding, Trap};
pub use report::markdown;
pub use score::{score, Diag, FileScore, RuleScore, Score};

use std::path::Path;
use std::process::Command;

/// Runs `bin check --format json` over `dir` (one run, all files) and returns
/// the parsed output. The user's configuration is kept out of the run.
pub fn run_nblint(bin: &Path, dir: &Path) -> Result<serde_json::Value, String> {
    let scratch = std::env::temp_dir().join(format!("nblint-accuracy-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let out = Command::new(bin)
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "error",
            "--lang",
            "zh",
        ])
        .arg(dir)
        .env("XDG_CONFIG_HOME", scratch.join("no-user-config"))
        .env_remove("NO_COLOR")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let _ = std::fs::remove_dir_all(&scratch);
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "{} check exited with {:?}: {}",
            bin.display(),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("nblint's JSON output: {e}"))
}

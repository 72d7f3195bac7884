//! `nblint check --fix`, `--unsafe-fixes`, `--diff`: the options, the
//! diff and the summary. The engine fixes each file to a fixed point
//! ([`nblint_engine::fix`]); this writes the result (atomically, see
//! [`crate::output::write_atomic`]) or prints it as a unified diff. A
//! read-only file is not written (even by root). When anything fails the
//! message names the file and says it was not changed, and the exit code
//! is 2.

use crate::output::write_atomic;
use nblint_engine::fix::{applicable, MAX_PASSES};
use nblint_engine::{Engine, Input, Lang, RunOutput};
use std::io::Write;

/// The fix options of `nblint check`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FixArgs {
    /// Apply the safe fixes to the files (atomically), re-lint them and
    /// report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply the unsafe fixes too (implies --fix, or widens --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes instead of writing them; exit 1
    /// when there is something to fix, 0 when not.
    #[arg(long, conflicts_with = "output")]
    pub diff: bool,
}

impl FixArgs {
    /// Whether any fix option was given.
    pub fn active(&self) -> bool {
        self.fix || self.unsafe_fixes || self.diff
    }
}

/// What a fix run did.
#[derive(Debug, Default)]
pub struct Report {
    diff: bool,
    unsafe_fixes: bool,
    /// Fixes applied (or, with --diff, that would be).
    fixed: usize,
    /// Files changed (or that would be).
    files: usize,
    /// Applicable fixes left in the files that were fixed (overlapping
    /// fixes that never became applicable, or no convergence).
    left: usize,
    /// A file could not be written or read back: exit code 2.
    pub failed: bool,
}

/// Fixes the files of `output` and, unless `--diff`, replaces `output`
/// with a new lint of `inputs` (the fixed files). With `--diff`, prints the
/// diffs on standard output.
pub fn run(
    engine: &Engine,
    args: &FixArgs,
    inputs: Vec<Input>,
    output: &mut RunOutput,
    lang: Lang,
) -> Report {
    let mut report = Report {
        diff: args.diff,
        unsafe_fixes: args.unsafe_fixes,
        ..Report::default()
    };
    let stdout = std::io::stdout();
    for (i, result) in engine.fix(output, args.unsafe_fixes, !args.diff) {
        let name = &output.files[i].name;
        let fixed = match result {
            Ok(Some(f)) => f,
            Ok(None) => continue,
            Err(refusal) => {
                let level = if refusal.is_failure() {
                    "error"
                } else {
                    "note"
                };
                eprintln!("nblint: {level}: {}", refusal.message(name, lang));
                report.failed |= refusal.is_failure();
                continue;
            }
        };
        report.left += fixed.left;
        if args.diff {
            let diff = similar::TextDiff::from_lines(&fixed.before, &fixed.after);
            let text = diff
                .unified_diff()
                .context_radius(3)
                .header(name, name)
                .to_string();
            let _ = stdout.lock().write_all(text.as_bytes());
            report.fixed += fixed.applied;
            report.files += 1;
            continue;
        }
        let Some(path) = &fixed.path else { continue };
        match write_atomic(path, &fixed.bytes) {
            Ok(()) => {
                report.fixed += fixed.applied;
                report.files += 1;
            }
            Err(e) => {
                eprintln!(
                    "nblint: error: {}",
                    lang.pick(
                        format!("{}：无法写入修复（{e}），文件未作任何修改", path.display()),
                        format!(
                            "{}: cannot write the fixes ({e}); the file was not changed",
                            path.display()
                        ),
                    )
                );
                report.failed = true;
            }
        }
    }
    if !args.diff && report.files > 0 {
        // The written files are linted again, as any run would.
        let mut fresh = engine.lint_paths(inputs);
        for e in std::mem::take(&mut output.errors) {
            if !fresh.errors.contains(&e) {
                fresh.errors.push(e);
            }
        }
        *output = fresh;
    }
    report
}

impl Report {
    /// Prints the summary on standard error (after the diagnostics).
    pub fn print(&self, output: &RunOutput, lang: Lang) {
        let unsafe_left = if self.unsafe_fixes || self.diff {
            0
        } else {
            output
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| applicable(d, true) && !applicable(d, false))
                .count()
        };
        let mut s = match (lang, self.diff) {
            (Lang::Zh, false) => format!("已修复 {} 处（{} 个文件）", self.fixed, self.files),
            (Lang::Zh, true) => format!(
                "可修复 {} 处（{} 个文件），未写入任何文件",
                self.fixed, self.files
            ),
            (Lang::En, false) => format!(
                "fixed {} problem{} in {} file{}",
                self.fixed,
                plural(self.fixed),
                self.files,
                plural(self.files)
            ),
            (Lang::En, true) => format!(
                "would fix {} problem{} in {} file{} (nothing written)",
                self.fixed,
                plural(self.fixed),
                self.files,
                plural(self.files)
            ),
        };
        if self.left > 0 {
            s.push_str(&lang.pick(format!(
                    "；{} 处修复与其他修复重叠或在 {MAX_PASSES} 轮后仍未收敛，未应用",
                    self.left
                ), format!(
                    "; {} fix{} overlapped others or did not settle within {MAX_PASSES} passes and {} not applied",
                    self.left,
                    if self.left == 1 { "" } else { "es" },
                    if self.left == 1 { "was" } else { "were" }
                )));
        }
        if unsafe_left > 0 {
            s.push_str(&lang.pick(
                format!("；另有 {unsafe_left} 处可用 --unsafe-fixes 修复"),
                format!("; {unsafe_left} more with --unsafe-fixes"),
            ));
        }
        eprintln!("{s}");
    }

    /// The exit code of `--diff`: 1 when something would change.
    pub fn diff_exit_code(&self) -> Option<u8> {
        let code = if self.failed {
            crate::EXIT_FAILURE
        } else if self.files > 0 {
            crate::EXIT_DIAGNOSTICS
        } else {
            crate::EXIT_CLEAN
        };
        self.diff.then_some(code)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

//! `nblint check`.

use crate::{
    print_error, ui_lang, CheckArgs, ColorWhen, FailOn, Format, EXIT_CLEAN, EXIT_DIAGNOSTICS,
    EXIT_FAILURE,
};
use nblint_engine::{related, Engine, EngineOptions, Input, Lang, RunError};
use nblint_model::Severity;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

pub fn run(args: CheckArgs) -> u8 {
    let engine = Engine::new(EngineOptions {
        config: args.common.config.clone(),
        plugins: args.common.plugins.clone(),
        lang: args.common.lang.map(Lang::from),
        compare_with: context_files(&args.compare_with),
        selection: nblint_engine::RuleSelection {
            select: args.select.clone(),
            extend_select: args.extend_select.clone(),
            ignore: args.ignore.clone(),
        },
    });
    let lang = ui_lang(&engine, args.common.lang);

    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, mut walk_errors) = collect_inputs(&paths);
    let bar = Progress::new(if args.quiet { 0 } else { inputs.len() });
    let rerun = args.fix.active().then(|| inputs.clone());
    let mut output = engine.lint_paths_with_progress(inputs, &|done, total| bar.show(done, total));
    bar.clear();
    output.errors.append(&mut walk_errors);
    // --fix/--diff (fix.rs), then --baseline/--write-baseline (baseline.rs).
    let fixes = rerun.map(|i| crate::fix::run(&engine, &args.fix, i, &mut output, lang));
    let baseline_exit = crate::baseline::apply(&engine, &args.baseline, &mut output, lang);
    let show = !args.fix.diff && args.baseline.show_diagnostics();

    let color = match (args.color, args.no_color) {
        (_, true) | (ColorWhen::Never, _) => false,
        (ColorWhen::Always, _) => true,
        (ColorWhen::Auto, _) => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };

    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    // The report, to standard output or -o FILE (output.rs).
    let mut write_failed = false;
    if show {
        let ctx = crate::ci_formats::Context::new(&engine, lang, threshold);
        let mut report = Vec::new();
        match args.format {
            Format::Human => {
                let color = color && !args.output.to_file();
                crate::human::write(&mut report, &output, lang, color, args.quiet)
            }
            Format::Concise => crate::human::write_concise(&mut report, &output, lang, args.quiet),
            Format::Json => crate::json::write(&mut report, &output),
            Format::Sarif => report = crate::ci_formats::sarif::render(&output, &ctx),
            Format::Github => report = crate::ci_formats::github::render(&output, &ctx),
            Format::Junit => report = crate::ci_formats::junit::render(&output, &ctx),
            Format::Checkstyle => report = crate::ci_formats::checkstyle::render(&output, &ctx),
            Format::Html => report = crate::audit::render(&output, &ctx),
        }
        write_failed = crate::output::emit(&args.output, &report).is_err();
    }

    // Failures go to stderr in every format, each once.
    let mut printed: Vec<&RunError> = Vec::new();
    for e in output
        .errors
        .iter()
        .chain(output.files.iter().filter_map(|f| f.error.as_ref()))
    {
        if !printed.contains(&e) {
            print_error(e);
            printed.push(e);
        }
    }

    if let Some(f) = &fixes {
        f.print(&output, lang);
    }
    if write_failed {
        return EXIT_FAILURE;
    }
    if let Some(code) = baseline_exit.or(fixes.as_ref().and_then(|f| f.diff_exit_code())) {
        return code.max(if output.failed() { EXIT_FAILURE } else { code });
    }
    if output.failed() || fixes.as_ref().is_some_and(|f| f.failed) {
        return EXIT_FAILURE;
    }
    match output.max_severity() {
        Some(s) if s >= threshold && !args.exit_zero => EXIT_DIAGNOSTICS,
        _ => EXIT_CLEAN,
    }
}

/// `--compare-with`: files as given, directories as the reports below them.
fn context_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(related::walk_reports(p).0);
        } else {
            files.push(p.clone());
        }
    }
    files
}

/// Expands the command line into inputs: `-` is standard input, a
/// directory is walked (respecting `.gitignore`, `.ignore` and hidden
/// files, keeping report extensions), anything else is a file.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<RunError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_used = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_used {
                continue;
            }
            stdin_used = true;
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input::Stdin(bytes)),
                Err(e) => errors.push(RunError::new(
                    None,
                    format!("cannot read standard input: {e}"),
                    None,
                )),
            }
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else {
            inputs.push(Input::Path(path.clone()));
        }
    }
    (inputs, errors)
}

/// A directory's report files (files named explicitly are read whatever
/// their extension).
fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<RunError>) {
    let (files, mut failed, others) = related::walk_reports_and_others(dir);
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        let more = others.len().saturating_sub(names.len());
        eprintln!(
            "nblint: note: {}: skipped {} file(s) nblint cannot read ({}{}); save them as .docx, .html or text to check them",
            dir.display(),
            others.len(),
            names.join(", "),
            if more > 0 { format!(", and {more} more") } else { String::new() }
        );
    }
    if files.is_empty() {
        eprintln!(
            "nblint: warning: {}: no report files found (looked for .{} files not excluded by ignore files)",
            dir.display(),
            related::REPORT_EXTENSIONS.join(", .")
        );
    }
    inputs.extend(files.into_iter().map(Input::Path));
    errors.append(&mut failed);
}

/// A progress bar on standard error, for long runs on a terminal only.
struct Progress {
    enabled: bool,
    last: std::sync::Mutex<usize>,
}

impl Progress {
    /// Shown for 50 files or more when stderr is a terminal.
    fn new(files: usize) -> Progress {
        Progress {
            enabled: files >= 50 && std::io::stderr().is_terminal(),
            last: std::sync::Mutex::new(usize::MAX),
        }
    }

    fn show(&self, done: usize, total: usize) {
        if !self.enabled || total == 0 {
            return;
        }
        let percent = done * 100 / total;
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if *last == percent {
            return;
        }
        *last = percent;
        let width = 30;
        let filled = percent * width / 100;
        eprint!(
            "\r[{}{}] {percent:>3}% ({} / {} files)",
            "#".repeat(filled),
            " ".repeat(width - filled),
            done.div_ceil(2),
            total / 2
        );
    }

    fn clear(&self) {
        if self.enabled {
            eprint!("\r\x1b[K");
        }
    }
}

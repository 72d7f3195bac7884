//! The one pipeline: read → parse → lint, for one source or a set of
//! paths, and the related reports of the same agency in between. The CLI
//! (`check`, `--fix`) and the language server call it; neither reads or
//! parses a report itself.
//!
//! - [`Engine::lint_source`]: one source (bytes and path) with its related
//!   reports given by the caller (the language server's workspace);
//! - [`Engine::lint_paths`]: the inputs of a run, parsed and linted in
//!   parallel, related reports found among them and `--compare-with`;
//! - [`Engine::fix`](crate::fix): fixes applied to a fixed point;
//! - [`lint_document`]: the rules over one parsed document.

use crate::config::{Config, FileSettings};
use crate::error::RunError;
use crate::plugins::{LintFailure, RulePlugin};
use crate::position::PositionMap;
use crate::related::{agencies, AgencyIndex};
use crate::setup::{Engine, PluginSet};
use crate::DeclarativeRule;
use nblint_model::{Diagnostic, Document, DocumentView, Severity, Span};
use nblint_parse::{ParseOptions, ParsedFile};
use nblint_plugin_api::export::panic_message;
use nblint_plugin_api::{Lang, PluginConfig, RuleInfo};
use rayon::prelude::*;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Bytes to lint and the path they stand for (`None`: standard input,
/// configured from the working directory and read as text).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub path: Option<&'a Path>,
    pub bytes: &'a [u8],
}

/// One input of a run.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file to read.
    Path(PathBuf),
    /// Standard input, already read; parsed as text, configuration found
    /// from the working directory.
    Stdin(Vec<u8>),
    /// A document received in memory (an upload to `nblint serve`): its
    /// format detected from the content and the file name, configuration
    /// found from the working directory. Nothing is read from or written
    /// to disk.
    Upload {
        /// The file name the sender gave (its last component only).
        name: String,
        bytes: Vec<u8>,
    },
}

impl Input {
    fn path(&self) -> Option<&Path> {
        match self {
            Input::Path(p) => Some(p),
            Input::Stdin(_) | Input::Upload { .. } => None,
        }
    }

    fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin(_) => "<stdin>".to_string(),
            Input::Upload { name, .. } => name.clone(),
        }
    }
}

/// The result for one input.
#[derive(Debug)]
pub struct FileOutcome {
    /// The input as the user named it (`<stdin>` for standard input).
    pub name: String,
    pub path: Option<PathBuf>,
    /// The language of messages for this file.
    pub lang: Lang,
    /// The parsed file, unless it could not be read.
    pub parsed: Option<ParsedFile>,
    /// Offsets → positions in the user's file.
    pub positions: Option<PositionMap>,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked.
    pub error: Option<RunError>,
    /// The configuration in force for the file.
    pub config: Option<Arc<Config>>,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// One per input, in input order.
    pub files: Vec<FileOutcome>,
    /// Failures not tied to one input (plugins, configuration, context
    /// files), deduplicated.
    pub errors: Vec<RunError>,
    /// The `--compare-with` files, read only as related reports.
    pub context: Vec<ParsedFile>,
}

impl RunOutput {
    /// Diagnostics of a severity over all files.
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }
    /// Whether anything failed (exit code 2 in the CLI).
    pub fn failed(&self) -> bool {
        !self.errors.is_empty() || self.files.iter().any(|f| f.error.is_some())
    }
    /// The highest severity of any diagnostic.
    pub fn max_severity(&self) -> Option<Severity> {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .map(|d| d.severity)
            .max()
    }
}

/// What applies to one file: its configuration, the plugins that run
/// under it and its settings.
#[derive(Clone)]
pub(crate) struct FileSetup {
    pub(crate) config: Arc<Config>,
    pub(crate) plugins: PluginSet,
    pub(crate) settings: FileSettings,
}

impl Engine {
    /// The configuration, plugins and settings of a file; plugin load
    /// failures go to `errors` (once per configuration, through `sets`).
    fn setup(
        &self,
        path: Option<&Path>,
        sets: &mut HashMap<Option<PathBuf>, Result<PluginSet, RunError>>,
        errors: &mut Vec<RunError>,
    ) -> Result<FileSetup, RunError> {
        let config = self.config_for(path).map_err(RunError::from)?;
        // Once per configuration: its plugins, and its `[rules]` keys and
        // the command line's selection checked against their rules.
        let plugins = sets
            .entry(config.path.clone())
            .or_insert_with(|| {
                let (plugins, errs) = self.plugins_for(&config);
                errors.extend(errs);
                self.check_rule_names(&config)?;
                Ok(Arc::new(plugins))
            })
            .clone()?;
        let settings = self.settings_for(&config, path);
        Ok(FileSetup {
            config,
            plugins,
            settings,
        })
    }

    /// The setup of one file on its own (the language server, fixes).
    pub(crate) fn setup_one(
        &self,
        path: Option<&Path>,
    ) -> (Result<FileSetup, RunError>, Vec<RunError>) {
        let mut errors = Vec::new();
        let setup = self.setup(path, &mut HashMap::new(), &mut errors);
        (setup, errors)
    }

    /// Parses a source as a run reads it under `settings` (their year and
    /// agency). A parser panic is an error, not a crash.
    pub(crate) fn parse(
        &self,
        source: Source<'_>,
        settings: &FileSettings,
    ) -> Result<ParsedFile, RunError> {
        let opts = ParseOptions {
            file_name: None,
            year: settings.year,
            agency: settings.agency.clone(),
        };
        let path = source.path.map(Path::to_path_buf);
        match catch_unwind(AssertUnwindSafe(|| {
            nblint_parse::parse_bytes(source.path, source.bytes, &opts)
        })) {
            Ok(Ok(file)) => Ok(file),
            Ok(Err(e)) => Err(RunError::Decode {
                path,
                message: e.to_string(),
            }),
            Err(panic) => Err(RunError::ParserPanic {
                path,
                message: panic_message(panic),
            }),
        }
    }

    /// Parses a source as a run would (its configuration's year and
    /// agency), without linting it (`nblint parse`).
    pub fn parse_source(&self, source: Source<'_>) -> Result<ParsedFile, RunError> {
        let config = self.config_for(source.path)?;
        let settings = self.settings_for(&config, source.path);
        self.parse(source, &settings)
    }

    /// A file read and parsed as a run reads it; `None` when it cannot
    /// be. For related reports.
    pub fn parse_path(&self, path: &Path) -> Option<ParsedFile> {
        let bytes = std::fs::read(path).ok()?;
        self.parse_source(Source::file(path, &bytes)).ok()
    }

    /// Lints one source as `nblint check` lints the file at its path:
    /// `adjust` changes the file's settings (the editor's), `related`
    /// gives the other reports of the same agency once the source is
    /// parsed. Returns the outcome and the failures not tied to the source
    /// (plugins that could not be loaded).
    pub fn lint_source(
        &self,
        source: Source<'_>,
        adjust: &dyn Fn(&mut FileSettings),
        related: &mut dyn FnMut(&Document) -> Vec<Arc<ParsedFile>>,
    ) -> (FileOutcome, Vec<RunError>) {
        let (setup, mut errors) = self.setup_one(source.path);
        errors.extend(self.setup_errors().iter().cloned());
        let mut out = FileOutcome {
            name: source.name(),
            path: source.path.map(Path::to_path_buf),
            lang: self.default_lang(),
            parsed: None,
            positions: None,
            diagnostics: Vec::new(),
            error: None,
            config: None,
        };
        let mut setup = match setup {
            Ok(s) => s,
            Err(e) => {
                out.error = Some(e);
                return (out, errors);
            }
        };
        adjust(&mut setup.settings);
        out.lang = setup.settings.lang;
        out.config = Some(setup.config.clone());
        match self.parse(source, &setup.settings) {
            Ok(file) => {
                let related = related(&file.doc);
                let views: Vec<DocumentView> = related.iter().map(|p| p.doc.view()).collect();
                out.diagnostics = setup.lint(&file.doc, &views);
                out.positions = Some(PositionMap::for_file(&file));
                out.parsed = Some(file);
            }
            Err(e) => out.error = Some(e),
        }
        (out, errors)
    }

    /// The language of messages when no configuration applies.
    fn default_lang(&self) -> Lang {
        self.options().lang.unwrap_or_default()
    }

    /// Lints the inputs. Never panics on bad input: failures are reported
    /// per file ([`FileOutcome::error`]) or per run ([`RunOutput::errors`]).
    pub fn lint_paths(&self, inputs: Vec<Input>) -> RunOutput {
        self.lint_paths_with_progress(inputs, &|_, _| {})
    }

    /// [`Engine::lint_paths`], calling `progress(done, total)` from any
    /// thread as files are parsed and linted (`total` counts both steps).
    pub fn lint_paths_with_progress(
        &self,
        inputs: Vec<Input>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> RunOutput {
        // Phase 0 (sequential, cached): configuration and plugins per input.
        let mut errors: Vec<RunError> = Vec::new();
        let mut sets = HashMap::new();
        let context = self
            .options()
            .compare_with
            .iter()
            .map(|p| (Input::Path(p.clone()), true));
        let jobs: Vec<Job> = inputs
            .into_iter()
            .map(|i| (i, false))
            .chain(context)
            .map(|(input, context_only)| Job {
                setup: self.setup(input.path(), &mut sets, &mut errors),
                input,
                context_only,
            })
            .collect();

        // Phase 1 (parallel): read and parse.
        let total = jobs.len() * 2;
        let done = AtomicUsize::new(0);
        let tick = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        let parsed: Vec<Result<ParsedFile, RunError>> = jobs
            .par_iter()
            .map(|j| {
                let p = self.read_and_parse(j);
                tick();
                p
            })
            .collect();

        // Phase 2: which files share an agency.
        let mut index = AgencyIndex::default();
        for (i, p) in parsed.iter().enumerate() {
            if let Ok(file) = p {
                index.insert(i, agencies(&file.doc));
            }
        }

        // Phase 3 (parallel): lint.
        let diagnostics: Vec<Vec<Diagnostic>> = jobs
            .par_iter()
            .zip(&parsed)
            .enumerate()
            .map(|(i, (job, p))| {
                let d = match (p, &job.setup) {
                    (Ok(file), Ok(setup)) if !job.context_only => {
                        let related: Vec<DocumentView> = index
                            .related(
                                index.agencies_of(&i).unwrap_or(&Default::default()),
                                Some(&i),
                            )
                            .into_iter()
                            .filter_map(|j| parsed[j].as_ref().ok().map(|f| f.doc.view()))
                            .collect();
                        setup.lint(&file.doc, &related)
                    }
                    _ => Vec::new(),
                };
                tick();
                d
            })
            .collect();

        let mut out = RunOutput::default();
        let mut push_error = |e: RunError| {
            if !out.errors.contains(&e) {
                out.errors.push(e);
            }
        };
        for e in self.setup_errors().iter().cloned().chain(errors) {
            push_error(e);
        }
        for ((job, p), diagnostics) in jobs.into_iter().zip(parsed).zip(diagnostics) {
            if job.context_only {
                match p {
                    Ok(file) => out.context.push(file),
                    Err(e) => push_error(e),
                }
                continue;
            }
            if let Err(e) = &job.setup {
                push_error(e.clone());
            }
            let (parsed, error) = match p {
                Ok(file) => (Some(file), None),
                Err(e) => (None, Some(e)),
            };
            let setup = job.setup.ok();
            out.files.push(FileOutcome {
                name: job.input.name(),
                path: job.input.path().map(Path::to_path_buf),
                lang: setup
                    .as_ref()
                    .map_or_else(|| self.default_lang(), |s| s.settings.lang),
                positions: parsed.as_ref().map(PositionMap::for_file),
                parsed,
                diagnostics,
                error,
                config: setup.map(|s| s.config),
            });
        }
        out
    }

    fn read_and_parse(&self, job: &Job) -> Result<ParsedFile, RunError> {
        let setup = job.setup.as_ref().map_err(Clone::clone)?;
        match &job.input {
            Input::Stdin(bytes) => self.parse(Source { path: None, bytes }, &setup.settings),
            // The name tells the parser the format, as a path's extension does.
            Input::Upload { name, bytes } => {
                let path = Path::new(name);
                self.parse(
                    Source {
                        path: Some(path),
                        bytes,
                    },
                    &setup.settings,
                )
            }
            Input::Path(p) => {
                let bytes = read_input(p)?;
                self.parse(Source::file(p, &bytes), &setup.settings)
            }
        }
    }
}

/// The largest input file nblint reads: a report is a few hundred KB; a
/// DOCX or PDF with images a few MB.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// Reads an input file: a regular file only (a FIFO would block for ever,
/// a device never end), and no more than [`MAX_INPUT_BYTES`] even if the
/// file grows while it is read.
fn read_input(p: &Path) -> Result<Vec<u8>, RunError> {
    use std::io::Read;
    let meta = std::fs::metadata(p).map_err(|e| RunError::read(p, &e))?;
    if meta.is_dir() {
        return Err(RunError::read(
            p,
            &std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    if !meta.is_file() {
        return Err(RunError::new(
            Some(p),
            "not a regular file (a FIFO, a device or a socket): nothing was read",
            Some("name the report file itself".into()),
        ));
    }
    let too_big = || {
        RunError::new(
            Some(p),
            format!(
                "larger than the {} MiB an input may be: not read",
                MAX_INPUT_BYTES >> 20
            ),
            Some("check that this is a report; split a file that holds many".into()),
        )
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(p).map_err(|e| RunError::read(p, &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| RunError::read(p, &e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

impl FileSetup {
    /// The rules of this setup over one parsed document.
    pub(crate) fn lint(&self, doc: &Document, related: &[DocumentView]) -> Vec<Diagnostic> {
        lint_document(
            doc,
            related,
            &self.settings,
            &self.plugins,
            &self.config.declarative,
        )
    }
}

struct Job {
    input: Input,
    context_only: bool,
    setup: Result<FileSetup, RunError>,
}

impl<'a> Source<'a> {
    /// A file's content; `path` decides its configuration and, with the
    /// content, its format.
    pub fn file(path: &'a Path, bytes: &'a [u8]) -> Source<'a> {
        Source {
            path: Some(path),
            bytes,
        }
    }

    fn name(&self) -> String {
        self.path
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
    }
}

/// The JSON configuration passed to one plugin: the SDK's [`PluginConfig`]
/// (the language, the report year and agency from configuration, the file,
/// the plugin's `[options.<name>]`) and the state of each of its rules
/// (`"rules": {"id": "off" | "info" | …}`, an extra field).
fn plugin_config(plugin: &str, rules: &[RuleInfo], settings: &FileSettings) -> String {
    let config = PluginConfig {
        lang: settings.lang,
        year: settings.year,
        agency: settings.agency.clone(),
        file: settings.file.clone(),
        options: settings
            .settings
            .options
            .get(plugin)
            .cloned()
            .unwrap_or_else(|| serde_json::json!({})),
    };
    let rule_states: serde_json::Map<String, serde_json::Value> = rules
        .iter()
        .map(|r| {
            let sev = settings.settings.severity(&r.id, r.default_severity);
            (r.id.clone(), sev.map_or("off", Severity::as_str).into())
        })
        .collect();
    let mut json = serde_json::to_value(&config).expect("a PluginConfig always serialises");
    json["rules"] = rule_states.into();
    json.to_string()
}

/// Lints one parsed document: every enabled rule of every plugin, the
/// declarative rules, and the document's parse issues; severities as
/// configured; sorted by position. The language server calls this too.
pub fn lint_document(
    doc: &Document,
    related: &[DocumentView],
    settings: &FileSettings,
    plugins: &[Arc<dyn RulePlugin>],
    declarative: &[DeclarativeRule],
) -> Vec<Diagnostic> {
    let view = doc.view();
    let lang = settings.lang;
    let s = &settings.settings;
    let mut out = Vec::new();
    for plugin in plugins {
        let name = plugin.name();
        if s.plugin_off(name) {
            continue;
        }
        let rules = plugin.rules();
        let any_on = rules.is_empty()
            || rules
                .iter()
                .any(|r| s.severity(&r.id, r.default_severity).is_some());
        if !any_on {
            continue;
        }
        let config_json = plugin_config(name, rules, settings);
        let result = catch_unwind(AssertUnwindSafe(|| {
            plugin.lint(&view, related, &config_json)
        }))
        .unwrap_or_else(|p| {
            let m = panic_message(p);
            Err(LintFailure {
                message_zh: format!("插件 {name} panic：{m}"),
                message_en: format!("plugin {name} panicked: {m}"),
                earlier: false,
            })
        });
        match result {
            Ok(diags) => {
                for mut d in diags {
                    if let Some(sev) = s.severity(&d.rule, d.severity) {
                        d.severity = sev;
                        out.push(d);
                    }
                }
            }
            Err(failure) => {
                if let Some(sev) = s.severity(crate::RULE_PLUGIN, Severity::Error) {
                    // The failure itself is reported once (an error); files
                    // the disabled plugin then skips get a note.
                    let sev = if failure.earlier { Severity::Info } else { sev };
                    out.push(plugin_failure(name, &failure, sev, lang));
                }
            }
        }
    }
    for rule in declarative {
        if s.severity(&rule.id, rule.severity).is_none() {
            continue;
        }
        for mut d in rule.check(&view, lang) {
            if let Some(sev) = s.severity(&d.rule, d.severity) {
                d.severity = sev;
                out.push(d);
            }
        }
    }
    if let Some(sev) = s.severity(crate::RULE_PARSE, Severity::Warning) {
        for issue in &doc.issues {
            let message = match lang {
                Lang::En if !issue.message_en.is_empty() => issue.message_en.clone(),
                _ => issue.message_zh.clone(),
            };
            let help = lang.pick(
                "请人工核对这部分内容；依赖它的规则在此不作检查",
                "check this part by hand; rules that need it do not check it",
            );
            out.push(Diagnostic::plain(
                crate::RULE_PARSE,
                sev,
                issue.span,
                message,
                help.into(),
            ));
        }
    }
    let unused = s.severity(crate::RULE_UNUSED_SUPPRESSION, Severity::Warning);
    let mut out = crate::suppress::apply(&doc.text, out, unused, lang);
    let len = doc.text.len() as u32;
    for d in &mut out {
        // Spans from a plugin are clamped to the text.
        d.span.start = d.span.start.min(len);
        d.span.end = d.span.end.clamp(d.span.start, len);
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    out
}

fn plugin_failure(
    plugin: &str,
    failure: &LintFailure,
    severity: Severity,
    lang: Lang,
) -> Diagnostic {
    let message = failure.message(lang).to_string();
    let help = lang.pick(
        format!("请将此问题报告给插件作者；如需暂时停用，在 nblint.toml 的 [rules] 中写 \"{plugin}\" = \"off\""),
        format!("report this to the plugin's author; to switch it off, set \"{plugin}\" = \"off\" under [rules] in nblint.toml"),
    );
    Diagnostic::plain(crate::RULE_PLUGIN, severity, Span::EMPTY, message, help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EngineOptions;
    use nblint_model::StrRef;

    struct Fake {
        name: &'static str,
        panic: bool,
        rules: Vec<RuleInfo>,
    }

    fn fake(name: &'static str, panic: bool) -> Fake {
        Fake {
            name,
            panic,
            rules: vec![
                RuleInfo::new(format!("{name}/a"), Severity::Error),
                RuleInfo::new(format!("{name}/b"), Severity::Warning),
            ],
        }
    }

    impl RulePlugin for Fake {
        fn name(&self) -> &str {
            self.name
        }
        fn rules(&self) -> &[RuleInfo] {
            &self.rules
        }
        fn lint(
            &self,
            doc: &DocumentView,
            related: &[DocumentView],
            config: &str,
        ) -> Result<Vec<Diagnostic>, LintFailure> {
            if self.panic {
                panic!("boom");
            }
            let cfg: serde_json::Value = serde_json::from_str(config).unwrap();
            let d = |rule: &str, sev, start: usize, msg: String| Diagnostic {
                rule: format!("{}/{rule}", self.name),
                severity: sev,
                message: msg,
                span: Span::new(start, start + 1),
                related: vec![],
                fix: None,
                help: String::new(),
            };
            Ok(vec![
                d(
                    "b",
                    Severity::Warning,
                    3,
                    format!("related={}", related.len()),
                ),
                d(
                    "a",
                    Severity::Error,
                    0,
                    format!("lang={} text={}", cfg["lang"], doc.text.len()),
                ),
            ])
        }
    }

    fn doc(text: &str, agency: &str) -> Document {
        let mut d = Document {
            text: text.into(),
            ..Default::default()
        };
        let a: StrRef = d.intern(agency);
        d.reports.push(nblint_model::Report {
            span: Span::new(0, text.len()),
            agency: a,
            ..Default::default()
        });
        d
    }

    #[test]
    fn severities_and_sorting() {
        let d = doc("abcdef", "x");
        let mut settings = FileSettings::default();
        let plugins: Vec<Arc<dyn RulePlugin>> = vec![Arc::new(fake("f", false))];
        let out = lint_document(&d, &[], &settings, &plugins, &[]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].rule, "f/a");
        assert_eq!(out[0].message, "lang=\"zh\" text=6");
        settings
            .settings
            .rules
            .insert("f/a".into(), crate::RuleSetting::Off);
        settings
            .settings
            .rules
            .insert("f".into(), crate::RuleSetting::Severity(Severity::Info));
        let out = lint_document(&d, &[], &settings, &plugins, &[]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Info);
        settings
            .settings
            .rules
            .insert("f".into(), crate::RuleSetting::Off);
        assert!(lint_document(&d, &[], &settings, &plugins, &[]).is_empty());
    }

    #[test]
    fn a_panicking_plugin_costs_one_diagnostic() {
        let d = doc("abc", "x");
        let plugins: Vec<Arc<dyn RulePlugin>> =
            vec![Arc::new(fake("bad", true)), Arc::new(fake("good", false))];
        let out = lint_document(&d, &[], &FileSettings::default(), &plugins, &[]);
        let failures: Vec<_> = out
            .iter()
            .filter(|d| d.rule == crate::RULE_PLUGIN)
            .collect();
        assert_eq!(failures.len(), 1);
        assert!(failures[0].message.contains("bad"));
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn plugin_config_is_the_sdks_plugin_config() {
        let mut settings = FileSettings {
            lang: Lang::En,
            year: Some(2021),
            file: Some("a.txt".into()),
            ..Default::default()
        };
        settings
            .settings
            .options
            .insert("f".into(), serde_json::json!({"threshold": 0.6}));
        let json = plugin_config("f", fake("f", false).rules(), &settings);
        let c: nblint_plugin_api::PluginConfig = serde_json::from_str(&json).unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.year, Some(2021));
        assert_eq!(c.file.as_deref(), Some("a.txt"));
        assert_eq!(c.option::<f64>("threshold"), Some(0.6));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["rules"]["f/a"], "error");
    }

    #[test]
    fn run_reports_missing_files_and_keeps_going() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "一、总体情况\n").unwrap();
        let engine =
            Engine::with_plugins(EngineOptions::default(), vec![Arc::new(fake("f", false))]);
        let out = engine.lint_paths(vec![
            Input::Path(dir.path().join("missing.txt")),
            Input::Path(a.clone()),
            Input::Stdin(b"abcd".to_vec()),
        ]);
        assert_eq!(out.files.len(), 3);
        assert!(out.files[0]
            .error
            .as_ref()
            .unwrap()
            .message()
            .contains("no such file"));
        assert_eq!(out.files[1].diagnostics.len(), 2);
        assert_eq!(out.files[2].name, "<stdin>");
        assert!(out.failed());
    }

    #[test]
    fn related_documents_are_the_other_reports_of_the_same_agency() {
        let dir = tempfile::tempdir().unwrap();
        let report = |agency: &str, year: u16| {
            format!(
                "{agency}{year}年政府信息公开工作年度报告\n一、总体情况\n本年工作。\n二、主动公开政府信息情况\n无。\n"
            )
        };
        let files = [
            ("a2021.txt", report("甲市人民政府办公室", 2021)),
            ("a2020.txt", report("甲市人民政府办公室", 2020)),
            ("b2021.txt", report("乙县人民政府办公室", 2021)),
        ];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let ctx = dir.path().join("ctx");
        std::fs::create_dir(&ctx).unwrap();
        std::fs::write(ctx.join("a2019.txt"), report("甲市人民政府办公室", 2019)).unwrap();
        let engine = Engine::with_plugins(
            EngineOptions {
                compare_with: vec![ctx.join("a2019.txt")],
                ..Default::default()
            },
            vec![Arc::new(fake("f", false))],
        );
        let out = engine.lint_paths(
            files
                .iter()
                .map(|(n, _)| Input::Path(dir.path().join(n)))
                .collect(),
        );
        assert_eq!(out.files.len(), 3, "context files are not linted");
        let related = |i: usize| {
            let f = &out.files[i];
            assert_eq!(
                f.parsed.as_ref().unwrap().doc.reports.len(),
                1,
                "{}",
                f.name
            );
            f.diagnostics
                .iter()
                .find(|d| d.rule == "f/b")
                .unwrap()
                .message
                .clone()
        };
        assert_eq!(related(0), "related=2");
        assert_eq!(related(1), "related=2");
        assert_eq!(related(2), "related=0");
    }

    #[test]
    fn bad_config_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nblint.toml"), "lang = 3\n").unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let a = sub.join("a.txt");
        std::fs::write(&a, "x").unwrap();
        let engine = Engine::with_plugins(EngineOptions::default(), vec![]);
        let out = engine.lint_paths(vec![Input::Path(a)]);
        let e = out.files[0].error.as_ref().unwrap();
        assert!(e.path().unwrap().ends_with("nblint.toml"));
        assert!(e.message().contains("line 1"), "{e}");
        assert_eq!(out.errors.len(), 1);
    }
}

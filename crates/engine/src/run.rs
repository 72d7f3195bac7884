//! A run over many files: configuration per file, parallel parsing, the
//! agency index for cross-document rules, parallel linting.

use crate::config::{self, Config, ConfigError, FileSettings};
use crate::declarative::DeclarativeRule;
use crate::host::{self, PluginSource};
use crate::plugins::{self, CatalogEntry, LintFailure, RulePlugin};
use crate::position::PositionMap;
use crate::registry;
use nblint_model::{Diagnostic, Document, DocumentView, Severity, Span};
use nblint_parse::{ParseOptions, ParsedFile};
use nblint_plugin_api::{Lang, PluginConfig, RuleInfo};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// How a run is set up (the CLI's options).
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// `--config FILE`: use this file for every input instead of discovery.
    pub config: Option<PathBuf>,
    /// `--plugin PATH`: native plugins to load in addition to the bundled
    /// ones (trusted: the user named them).
    pub plugins: Vec<PathBuf>,
    /// `--lang`: overrides `lang` of every configuration.
    pub lang: Option<Lang>,
    /// `--compare-with PATH`: files read only as context for
    /// cross-document rules (not linted themselves).
    pub compare_with: Vec<PathBuf>,
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
    fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin(_) => "<stdin>".to_string(),
            Input::Upload { name, .. } => name.clone(),
        }
    }
}

/// Something that went wrong outside the rules: a file that cannot be
/// read, an invalid configuration, a plugin that cannot be loaded. Any of
/// these makes the CLI exit with 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    /// The file it is about (the input, the configuration or the plugin).
    pub path: Option<PathBuf>,
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl RunError {
    pub fn new(path: Option<&Path>, message: impl Into<String>, hint: Option<String>) -> RunError {
        RunError {
            path: path.map(Path::to_path_buf),
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            // Messages of the plugin host already name the file.
            Some(p) if !self.message.contains(&p.display().to_string()) => {
                write!(f, "{}: {}", p.display(), self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl From<ConfigError> for RunError {
    fn from(e: ConfigError) -> RunError {
        let path = e.path.clone();
        let mut msg = String::new();
        if e.line > 0 {
            msg.push_str(&format!("line {}, column {}: ", e.line, e.column));
        }
        if let Some(k) = &e.key {
            msg.push_str(&format!("key `{k}`: "));
        }
        msg.push_str(&e.message);
        RunError {
            path: Some(path),
            message: format!("invalid configuration: {msg}"),
            hint: Some(
                "fix the file (the schema is in README.md, `nblint init` writes a commented example) or pass another with --config"
                    .into(),
            ),
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
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// One per input, in input order.
    pub files: Vec<FileOutcome>,
    /// Failures not tied to one input (plugins, configuration, context
    /// files), deduplicated.
    pub errors: Vec<RunError>,
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

type PluginSet = Arc<Vec<Arc<dyn RulePlugin>>>;
type Loaded = Result<Arc<dyn RulePlugin>, RunError>;

/// Runs lints. Cheap to share between threads; caches configurations and
/// loaded plugins for its lifetime (libraries are never unloaded).
pub struct Engine {
    options: EngineOptions,
    bundled: Vec<Arc<dyn RulePlugin>>,
    cli_plugins: Vec<Arc<dyn RulePlugin>>,
    setup_errors: Vec<RunError>,
    /// Directory → the configuration file that applies there.
    discovered: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Configuration file → its parsed content.
    configs: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
    /// Configured native plugins by path.
    dynamic: Mutex<HashMap<PathBuf, Loaded>>,
}

impl Engine {
    /// An engine with the bundled plugins and the `--plugin` libraries.
    /// Libraries that cannot be loaded are reported by every
    /// [`Engine::check`] (and [`Engine::setup_errors`]); the others run.
    pub fn new(options: EngineOptions) -> Engine {
        Engine::with_plugins(options, registry::bundled())
    }

    /// An engine with the given plugins in place of the bundled ones.
    pub fn with_plugins(options: EngineOptions, bundled: Vec<Arc<dyn RulePlugin>>) -> Engine {
        let mut cli_plugins: Vec<Arc<dyn RulePlugin>> = Vec::new();
        let mut setup_errors = Vec::new();
        let lang = options.lang.unwrap_or(Lang::En);
        let user = host::user_plugins();
        let named = options
            .plugins
            .iter()
            .map(|p| (p, PluginSource::CommandLine))
            .chain(user.iter().map(|p| (p, PluginSource::UserConfigDir)));
        for (path, source) in named {
            match crate::host_adapter::load(path, &source, lang) {
                Ok(p) => {
                    let taken = bundled
                        .iter()
                        .chain(&cli_plugins)
                        .any(|q| q.name() == p.name());
                    if taken {
                        setup_errors.push(duplicate_name(path, p.name()));
                    } else {
                        cli_plugins.push(p);
                    }
                }
                Err(e) => setup_errors.push(e),
            }
        }
        if let Some(path) = &options.config {
            if !path.is_file() {
                setup_errors.push(RunError::new(
                    Some(path),
                    "configuration file not found",
                    Some("check the path given to --config".into()),
                ));
            }
        }
        Engine {
            options,
            bundled,
            cli_plugins,
            setup_errors,
            discovered: Mutex::new(HashMap::new()),
            configs: Mutex::new(HashMap::new()),
            dynamic: Mutex::new(HashMap::new()),
        }
    }

    /// Failures while setting up (plugins given with `--plugin`, a missing
    /// `--config` file).
    pub fn setup_errors(&self) -> &[RunError] {
        &self.setup_errors
    }

    /// The configuration for a file (`None`: standard input, found from
    /// the working directory): `--config`, else the nearest `nblint.toml`
    /// upward, else the default.
    pub fn config_for(&self, file: Option<&Path>) -> Result<Arc<Config>, ConfigError> {
        let path = match &self.options.config {
            Some(p) => Some(p.clone()),
            None => {
                let dir = match file.and_then(Path::parent) {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let mut cache = self.discovered.lock().unwrap_or_else(|e| e.into_inner());
                cache
                    .entry(dir.clone())
                    .or_insert_with(|| config::discover(&dir))
                    .clone()
            }
        };
        let Some(path) = path else {
            return Ok(Arc::new(Config::default()));
        };
        let mut cache = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(path.clone())
            .or_insert_with(|| Config::load(&path).map(Arc::new))
            .clone()
    }

    /// The settings for a file under a configuration, with `--lang`
    /// applied.
    pub fn settings_for(&self, config: &Config, file: Option<&Path>) -> FileSettings {
        let mut s = config.for_file(file);
        if let Some(l) = self.options.lang {
            s.lang = l;
        }
        s
    }

    /// Every plugin that runs under a configuration: bundled, `--plugin`,
    /// and the configuration's `[[plugins]]` (pinned by sha256).
    pub fn plugins_for(&self, config: &Config) -> (Vec<Arc<dyn RulePlugin>>, Vec<RunError>) {
        let mut out: Vec<Arc<dyn RulePlugin>> = self.bundled.clone();
        out.extend(self.cli_plugins.iter().cloned());
        let mut errors = Vec::new();
        for entry in &config.plugins {
            let mut cache = self.dynamic.lock().unwrap_or_else(|e| e.into_inner());
            let loaded = cache
                .entry(entry.path.clone())
                .or_insert_with(|| {
                    let source = PluginSource::ProjectConfig {
                        sha256: entry.sha256.clone(),
                    };
                    let lang = self.options.lang.unwrap_or(Lang::En);
                    crate::host_adapter::load(&entry.path, &source, lang).map_err(|mut e| {
                        if let Some(c) = &config.path {
                            e.message = format!(
                                "{} (listed in {} line {})",
                                e.message,
                                c.display(),
                                entry.line
                            );
                        }
                        e
                    })
                })
                .clone();
            match loaded {
                Ok(p) => {
                    if let Some(q) = out.iter().find(|q| q.name() == p.name()) {
                        if !Arc::ptr_eq(q, &p) {
                            errors.push(duplicate_name(&entry.path, p.name()));
                        }
                    } else {
                        out.push(p)
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        (out, errors)
    }

    /// The rules known under a configuration: the engine's, every plugin's
    /// and the declarative ones.
    pub fn rules(&self, config: &Config) -> (Vec<CatalogEntry>, Vec<RunError>) {
        let (plugins, errors) = self.plugins_for(config);
        let mut rules = plugins::engine_rules();
        for p in &plugins {
            let entries = p.rules().iter().cloned();
            rules.extend(entries.map(|r| CatalogEntry::new(p.name(), r)));
        }
        rules.extend(config.declarative.iter().map(plugins::declarative_info));
        (rules, errors)
    }

    /// Lints the inputs. Never panics on bad input: failures are reported
    /// per file ([`FileOutcome::error`]) or per run ([`RunOutput::errors`]).
    pub fn check(&self, inputs: Vec<Input>) -> RunOutput {
        self.check_with_progress(inputs, &|_, _| {})
    }

    /// [`Engine::check`], calling `progress(done, total)` from any thread
    /// as files are parsed and linted (`total` counts both steps).
    pub fn check_with_progress(
        &self,
        inputs: Vec<Input>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> RunOutput {
        let mut errors: Vec<RunError> = self.setup_errors.clone();
        let push_error = |errors: &mut Vec<RunError>, e: RunError| {
            if !errors.contains(&e) {
                errors.push(e);
            }
        };

        // Phase 0 (sequential, cached): configuration and plugins per input.
        let mut plugin_sets: HashMap<Option<PathBuf>, PluginSet> = HashMap::new();
        let mut jobs: Vec<Job> = Vec::new();
        let context = self
            .options
            .compare_with
            .iter()
            .map(|p| (Input::Path(p.clone()), true));
        for (input, context_only) in inputs.into_iter().map(|i| (i, false)).chain(context) {
            let path = match &input {
                Input::Path(p) => Some(p.clone()),
                Input::Stdin(_) | Input::Upload { .. } => None,
            };
            let setup = match self.config_for(path.as_deref()) {
                Ok(config) => {
                    let set = plugin_sets
                        .entry(config.path.clone())
                        .or_insert_with(|| {
                            let (plugins, errs) = self.plugins_for(&config);
                            for e in errs {
                                push_error(&mut errors, e);
                            }
                            Arc::new(plugins)
                        })
                        .clone();
                    let settings = self.settings_for(&config, path.as_deref());
                    Ok((config, set, settings))
                }
                Err(e) => {
                    let e = RunError::from(e);
                    push_error(&mut errors, e.clone());
                    Err(e)
                }
            };
            jobs.push(Job {
                name: input.name(),
                path,
                input,
                context_only,
                setup,
            });
        }

        // Phase 1 (parallel): read and parse.
        let total = jobs.len() * 2;
        let done = AtomicUsize::new(0);
        let tick = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        let parsed: Vec<Parsed> = jobs
            .into_par_iter()
            .map(|j| {
                let p = read_and_parse(j);
                tick();
                p
            })
            .collect();

        // Phase 2: which files share an agency.
        let mut by_agency: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in parsed.iter().enumerate() {
            if let Some(file) = &p.file {
                let view = file.doc.view();
                for r in view.reports {
                    let key = normalize_agency(view.agency(r));
                    if key.is_empty() {
                        continue;
                    }
                    let v = by_agency.entry(key).or_default();
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
            }
        }

        // Phase 3 (parallel): lint.
        let lint_one = |(i, p): (usize, &Parsed)| -> Option<(Vec<Diagnostic>, Lang)> {
            let file = p.file.as_ref()?;
            let (config, plugins, settings) = p.setup.as_ref().ok()?;
            if p.context_only {
                return None;
            }
            let view = file.doc.view();
            let mut related_idx = BTreeSet::new();
            for r in view.reports {
                if let Some(files) = by_agency.get(&normalize_agency(view.agency(r))) {
                    related_idx.extend(files.iter().copied().filter(|&j| j != i));
                }
            }
            let related: Vec<DocumentView> = related_idx
                .into_iter()
                .filter_map(|j| parsed[j].file.as_ref().map(|f| f.doc.view()))
                .collect();
            let diags = lint_document(&file.doc, &related, settings, plugins, &config.declarative);
            Some((diags, settings.lang))
        };
        let results: Vec<Option<(Vec<Diagnostic>, Lang)>> = parsed
            .par_iter()
            .enumerate()
            .map(|x| {
                let r = lint_one(x);
                tick();
                r
            })
            .collect();

        let mut files = Vec::new();
        for (p, r) in parsed.into_iter().zip(results) {
            if p.context_only {
                if let Some(e) = p.error {
                    push_error(&mut errors, e);
                }
                continue;
            }
            let lang = match &p.setup {
                Ok((_, _, s)) => s.lang,
                Err(_) => self.options.lang.unwrap_or_default(),
            };
            let (diagnostics, lang) = r.unwrap_or((Vec::new(), lang));
            files.push(FileOutcome {
                name: p.name,
                path: p.path,
                lang,
                parsed: p.file,
                positions: p.positions,
                diagnostics,
                error: p.error,
            });
        }
        RunOutput { files, errors }
    }
}

struct Job {
    name: String,
    path: Option<PathBuf>,
    input: Input,
    context_only: bool,
    setup: Result<(Arc<Config>, PluginSet, FileSettings), RunError>,
}

struct Parsed {
    name: String,
    path: Option<PathBuf>,
    context_only: bool,
    setup: Result<(Arc<Config>, PluginSet, FileSettings), RunError>,
    file: Option<ParsedFile>,
    positions: Option<PositionMap>,
    error: Option<RunError>,
}

fn duplicate_name(path: &Path, name: &str) -> RunError {
    RunError::new(
        Some(path),
        format!("a plugin named `{name}` is already loaded; this one is not"),
        Some("give each plugin a distinct name, or load only one of them".into()),
    )
}

fn read_and_parse(job: Job) -> Parsed {
    let mut out = Parsed {
        name: job.name,
        path: job.path,
        context_only: job.context_only,
        setup: job.setup,
        file: None,
        positions: None,
        error: None,
    };
    if let Err(e) = &out.setup {
        out.error = Some(e.clone());
        return out;
    }
    // An upload's name tells the parser its format, as a path's extension does.
    let mut name_hint = None;
    let bytes: Vec<u8> = match job.input {
        Input::Stdin(b) => b,
        Input::Upload { name, bytes } => {
            name_hint = Some(PathBuf::from(name));
            bytes
        }
        Input::Path(p) => match std::fs::read(&p) {
            Ok(b) => b,
            Err(e) => {
                let (msg, hint) = match e.kind() {
                    std::io::ErrorKind::NotFound => (
                        "no such file".to_string(),
                        "check the path; directories are searched recursively".to_string(),
                    ),
                    std::io::ErrorKind::PermissionDenied => (
                        "permission denied".to_string(),
                        "check the file's permissions".to_string(),
                    ),
                    _ if p.is_dir() => (
                        "is a directory".to_string(),
                        "pass directories to `nblint check`, which walks them".to_string(),
                    ),
                    _ => (format!("cannot read the file: {e}"), String::new()),
                };
                out.error = Some(RunError::new(
                    Some(&p),
                    msg,
                    (!hint.is_empty()).then_some(hint),
                ));
                return out;
            }
        },
    };
    let Ok((_, _, settings)) = &out.setup else {
        return out;
    };
    let opts = ParseOptions {
        file_name: None,
        year: settings.year,
        agency: settings.agency.clone(),
    };
    let path = out.path.clone().or(name_hint);
    let result = catch_unwind(AssertUnwindSafe(|| {
        nblint_parse::parse_bytes(path.as_deref(), &bytes, &opts)
    }));
    match result {
        Ok(Ok(file)) => {
            let positions = PositionMap::for_file(&file);
            out.positions = Some(positions);
            out.file = Some(file);
        }
        Ok(Err(e)) => {
            out.error = Some(RunError::new(
                path.as_deref(),
                e.to_string(),
                Some("save the report as UTF-8 or GB18030 text, HTML or DOCX".into()),
            ))
        }
        Err(panic) => {
            out.error = Some(RunError::new(
                path.as_deref(),
                format!(
                    "internal error: the parser panicked on this file ({})",
                    panic_message(&panic)
                ),
                Some("please report this with the file attached".into()),
            ))
        }
    }
    out
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// The key that decides whether two reports are of the same agency: the
/// name folded by the SDK's [`fold_char`] (whitespace and punctuation
/// removed, full-width letters and digits folded, letters in lower case),
/// so that two keys are equal exactly when [`same_agency`] (the plugins'
/// [`AgencyMatch::Folded`]) says the names are the same agency: one
/// normaliser for the engine and the plugins. An empty key (no name, or
/// punctuation only) is an unknown agency.
///
/// [`fold_char`]: nblint_plugin_api::fold_char
/// [`same_agency`]: nblint_plugin_api::same_agency
/// [`AgencyMatch::Folded`]: nblint_plugin_api::AgencyMatch::Folded
pub fn normalize_agency(name: &str) -> String {
    name.chars()
        .filter_map(nblint_plugin_api::fold_char)
        .collect()
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
            let m = panic_message(&p);
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
            out.push(Diagnostic {
                rule: crate::RULE_PARSE.into(),
                severity: sev,
                message: match lang {
                    Lang::En if !issue.message_en.is_empty() => issue.message_en.clone(),
                    _ => issue.message_zh.clone(),
                },
                span: issue.span,
                related: Vec::new(),
                fix: None,
                help: match lang {
                    Lang::Zh => "请人工核对这部分内容；依赖它的规则在此不作检查".into(),
                    Lang::En => {
                        "check this part by hand; rules that need it do not check it".into()
                    }
                },
            });
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
    let help = match lang {
        Lang::Zh => format!("请将此问题报告给插件作者；如需暂时停用，在 nblint.toml 的 [rules] 中写 \"{plugin}\" = \"off\""),
        Lang::En => format!("report this to the plugin's author; to switch it off, set \"{plugin}\" = \"off\" under [rules] in nblint.toml"),
    };
    Diagnostic {
        rule: crate::RULE_PLUGIN.into(),
        severity,
        message,
        span: Span::EMPTY,
        related: Vec::new(),
        fix: None,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn agencies_normalise() {
        assert_eq!(
            normalize_agency(" 济源市 人民政府办公室（办） "),
            normalize_agency("济源市人民政府办公室(办)")
        );
    }

    #[test]
    fn run_reports_missing_files_and_keeps_going() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "一、总体情况\n").unwrap();
        let engine =
            Engine::with_plugins(EngineOptions::default(), vec![Arc::new(fake("f", false))]);
        let out = engine.check(vec![
            Input::Path(dir.path().join("missing.txt")),
            Input::Path(a.clone()),
            Input::Stdin(b"abcd".to_vec()),
        ]);
        assert_eq!(out.files.len(), 3);
        assert!(out.files[0]
            .error
            .as_ref()
            .unwrap()
            .message
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
        let out = engine.check(
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
        let out = engine.check(vec![Input::Path(a)]);
        let e = out.files[0].error.as_ref().unwrap();
        assert!(e.path.as_ref().unwrap().ends_with("nblint.toml"));
        assert!(e.message.contains("line 1"), "{e}");
        assert_eq!(out.errors.len(), 1);
    }
}

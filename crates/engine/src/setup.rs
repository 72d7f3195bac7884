//! The engine's setup: the bundled and `--plugin` plugins, configurations
//! found per file and cached, the plugins a configuration adds, and the
//! rule catalog. The pipeline that uses them is [`crate::linter`].

use crate::config::{self, Config, ConfigError, FileSettings};
use crate::error::RunError;
use crate::host::{self, PluginSource};
use crate::plugins::{self, CatalogEntry, RulePlugin};
use crate::registry;
use nblint_plugin_api::Lang;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
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
    /// `--select`, `--extend-select`, `--ignore`: applied on top of every
    /// configuration.
    pub selection: config::RuleSelection,
}

/// The plugins that run under one configuration.
pub(crate) type PluginSet = Arc<Vec<Arc<dyn RulePlugin>>>;
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
    /// [`Engine::lint_paths`] (and [`Engine::setup_errors`]); the others run.
    pub fn new(options: EngineOptions) -> Engine {
        let (bundled, refused) = registry::bundled();
        let mut engine = Engine::with_plugins(options, bundled);
        // A bundled plugin the host refuses is a bug in nblint itself.
        engine.setup_errors.extend(refused);
        engine
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
        // The same library named twice (`--plugin X --plugin X`, or also
        // installed in the user's directory) is loaded once.
        let mut seen: Vec<PathBuf> = Vec::new();
        for (path, source) in named {
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            match crate::host_adapter::load(path, &source, lang) {
                Ok(p) => {
                    let taken = bundled
                        .iter()
                        .chain(&cli_plugins)
                        .any(|q| q.name() == p.name());
                    if taken {
                        setup_errors.push(RunError::DuplicatePlugin {
                            path: path.clone(),
                            name: p.name().into(),
                        });
                    } else {
                        cli_plugins.push(p);
                    }
                }
                Err(e) => setup_errors.push(e),
            }
        }
        if let Some(path) = &options.config {
            if !path.is_file() {
                setup_errors.push(RunError::ConfigNotFound(path.clone()));
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

    /// How this engine was set up.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// Failures while setting up (plugins given with `--plugin`, a missing
    /// `--config` file).
    pub fn setup_errors(&self) -> &[RunError] {
        &self.setup_errors
    }

    /// The configuration for a file (`None`: standard input, found from
    /// the working directory): `--config`, else the nearest `nblint.toml`
    /// upward, else the user's own ([`config::user_config`]), else the
    /// default.
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
                    .or_insert_with(|| config::discover(&dir).or_else(config::user_config))
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
        s.settings.select(&self.options.selection);
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
                    crate::host_adapter::load(&entry.path, &source, lang).map_err(|e| match &config
                        .path
                    {
                        Some(c) => {
                            e.noting(&format!("listed in {} line {}", c.display(), entry.line))
                        }
                        None => e,
                    })
                })
                .clone();
            match loaded {
                Ok(p) => {
                    if let Some(q) = out.iter().find(|q| q.name() == p.name()) {
                        if !Arc::ptr_eq(q, &p) {
                            errors.push(RunError::DuplicatePlugin {
                                path: entry.path.clone(),
                                name: p.name().into(),
                            });
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

    /// The names `[rules]`, `--select` and `--ignore` may use under a
    /// configuration: every rule id and every plugin name.
    pub fn rule_names(&self, config: &Config) -> Vec<String> {
        let (rules, _) = self.rules(config);
        let mut names: Vec<String> = rules.iter().map(|e| e.rule.id.clone()).collect();
        for e in &rules {
            if !names.contains(&e.plugin) {
                names.push(e.plugin.clone());
            }
        }
        names
    }

    /// A configuration's `[rules]` keys and the command line's selection
    /// checked against the rules it knows.
    pub fn check_rule_names(&self, config: &Config) -> Result<(), RunError> {
        let names = self.rule_names(config);
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        let (plugins, _) = self.plugins_for(config);
        let plugin_rules: Vec<String> = plugins
            .iter()
            .flat_map(|p| p.rules().iter().map(|r| r.id.clone()).collect::<Vec<_>>())
            .collect();
        let plugin_rules: Vec<&str> = plugin_rules.iter().map(String::as_str).collect();
        config.check_declarative_ids(&plugin_rules)?;
        config.check_rule_keys(&known)?;
        match self
            .options
            .selection
            .names()
            .find(|n| !known.contains(&n.as_str()))
        {
            Some(name) => Err(RunError::UnknownRule {
                name: name.clone(),
                suggestion: crate::suggest::closest(name, &known).map(str::to_string),
            }),
            None => Ok(()),
        }
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
}

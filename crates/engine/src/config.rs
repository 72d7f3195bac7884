//! `nblint.toml`: the one configuration for the CLI, the language server
//! and CI.
//!
//! ```toml
//! lang = "zh"                     # "zh" (default) or "en": language of messages
//! year = 2023                     # report year, overrides detection
//! agency = "某某市人民政府办公室"   # agency, overrides detection
//!
//! [rules]                         # rule id or whole plugin → off | info | warning | error
//! "arithmetic/percent" = "off"
//! "duplicates" = "off"
//! "sections/title" = "warning"
//!
//! [options.duplicates]            # passed to the plugin as JSON options
//! threshold = 0.6           # duplicates/previous-year: share of reused prose
//!
//! [[plugins]]                     # native plugins; a project config must pin them
//! path = "tools/libprovince.so"
//! sha256 = "…"
//!
//! [[overrides]]                   # per-path settings, globs relative to this file
//! paths = ["archive/**"]
//! year = 2014
//! rules = { "format-version" = "off" }
//!
//! [[rule]]                        # declarative rules, no compiling
//! id = "province/fee-sentence"
//! message = "六、其他需要报告的事项 应说明信息处理费收取情况"
//! severity = "warning"
//! pattern = "信息处理费"
//! must = "match"                  # or "not-match": every occurrence is reported
//! section = "六"                  # optional: only inside this section
//! ```
//!
//! The nearest `nblint.toml` upward from a file wins; files are not merged.

use crate::declarative::{DeclarativeRule, Must};
use crate::paths::absolute;
use globset::{Glob, GlobSet, GlobSetBuilder};
use nblint_model::{LineIndex, Severity};
use nblint_plugin_api::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The configuration file name looked for in every ancestor directory.
pub const FILE_NAME: &str = "nblint.toml";

/// How many files an `extend` chain may hold before it is taken for a cycle.
const MAX_EXTEND_DEPTH: usize = 8;

/// The user's own configuration, used where no project has one:
/// `$XDG_CONFIG_HOME/nblint/nblint.toml` when that variable is set
/// (absolute), else the platform's configuration directory
/// (`~/.config/nblint/nblint.toml` on Linux).
pub fn user_config() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(dirs::config_dir)?;
    Some(base.join("nblint").join(FILE_NAME)).filter(|p| p.is_file())
}

/// What `[rules]` (or the command line) says about a rule or a plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
    /// On, at the rule's default severity (`--extend-select`).
    Default,
}

/// The command line's choice of rules, by rule id or plugin name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// `--select`: only these run.
    pub select: Option<Vec<String>>,
    /// `--extend-select`: these run too, even if the configuration turns them off.
    pub extend_select: Vec<String>,
    /// `--ignore`: these do not run.
    pub ignore: Vec<String>,
}

impl RuleSelection {
    /// Every id or plugin name the selection names.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .chain(&self.ignore)
    }
}

impl RuleSetting {
    pub fn parse(s: &str) -> Option<RuleSetting> {
        match s {
            "off" | "false" | "none" => Some(RuleSetting::Off),
            s => Severity::parse(s).map(RuleSetting::Severity),
        }
    }
}

/// A native plugin listed in the configuration.
#[derive(Clone, Debug)]
pub struct PluginEntry {
    /// Resolved against the configuration file's directory.
    pub path: PathBuf,
    /// The pin: the lowercase hex SHA-256 of the library file.
    pub sha256: Option<String>,
    /// 1-based line of the entry in the configuration file.
    pub line: usize,
}

/// Settings that apply to files matching some globs.
#[derive(Clone, Debug)]
pub struct Override {
    pub globs: GlobSet,
    pub patterns: Vec<String>,
    pub settings: Settings,
    /// The directory its globs are relative to: the file that wrote it
    /// (an `extend`ed file's overrides keep their own directory).
    pub dir: PathBuf,
}

/// The settings that may appear at the top level and in an override.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub year: Option<u16>,
    pub agency: Option<String>,
    /// Rule id or plugin name → setting.
    pub rules: BTreeMap<String, RuleSetting>,
    /// Plugin name → options object.
    pub options: BTreeMap<String, serde_json::Value>,
    /// Where each `[rules]` key stands, so that one naming no rule or
    /// plugin can be reported at its line ([`Config::check_rule_keys`]).
    pub rule_keys: Vec<RuleKey>,
    /// `--select`: only these rules and plugins run (the engine's own
    /// `nblint/*` always do); `None`: all that are not off.
    pub only: Option<Vec<String>>,
}

/// A key of a `[rules]` table and its position in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleKey {
    pub name: String,
    /// The error to report if the name is unknown, positioned at the key.
    at: ConfigError,
}

impl Settings {
    /// Applies `other` on top of `self` (later wins, key by key).
    fn merge(&mut self, other: &Settings) {
        if other.lang.is_some() {
            self.lang = other.lang;
        }
        if other.year.is_some() {
            self.year = other.year;
        }
        if other.agency.is_some() {
            self.agency.clone_from(&other.agency);
        }
        for (k, v) in &other.rules {
            self.rules.insert(k.clone(), *v);
        }
        for (k, v) in &other.options {
            match (self.options.get_mut(k), v) {
                (Some(serde_json::Value::Object(base)), serde_json::Value::Object(add)) => {
                    for (ak, av) in add {
                        base.insert(ak.clone(), av.clone());
                    }
                }
                _ => {
                    self.options.insert(k.clone(), v.clone());
                }
            }
        }
    }

    /// The severity of a rule after configuration, `None` when it is off.
    /// An entry for the rule id wins over one for its plugin.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        let plugin = rule.split('/').next().unwrap_or(rule);
        if let Some(only) = &self.only {
            if plugin != "nblint" && !only.iter().any(|o| o == rule || o == plugin) {
                return None;
            }
        }
        let setting = self.rules.get(rule).or_else(|| self.rules.get(plugin));
        match setting {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(*s),
            Some(RuleSetting::Default) | None => Some(default),
        }
    }

    /// Applies the command line's rule selection (ruff's `--select`,
    /// `--extend-select`, `--ignore`): ignoring wins over selecting.
    pub fn select(&mut self, selection: &RuleSelection) {
        if let Some(select) = &selection.select {
            self.only = Some(select.clone());
        }
        for id in &selection.extend_select {
            if let Some(only) = &mut self.only {
                only.push(id.clone());
            }
            self.rules.insert(id.clone(), RuleSetting::Default);
        }
        for id in &selection.ignore {
            self.rules.insert(id.clone(), RuleSetting::Off);
        }
    }

    /// Whether a whole plugin is switched off.
    pub fn plugin_off(&self, plugin: &str) -> bool {
        let prefix = format!("{plugin}/");
        let one_rule_on = self
            .rules
            .iter()
            .any(|(k, v)| k.starts_with(&prefix) && *v != RuleSetting::Off);
        self.rules.get(plugin) == Some(&RuleSetting::Off) && !one_rule_on
    }
}

/// A loaded configuration file (or the default configuration).
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from; `None` for the default configuration.
    pub path: Option<PathBuf>,
    /// The directory globs and plugin paths are relative to.
    pub dir: PathBuf,
    pub settings: Settings,
    pub plugins: Vec<PluginEntry>,
    pub overrides: Vec<Override>,
    pub declarative: Vec<DeclarativeRule>,
}

/// The settings in force for one file.
#[derive(Clone, Debug, Default)]
pub struct FileSettings {
    pub lang: Lang,
    pub year: Option<u16>,
    pub agency: Option<String>,
    /// The file's path as the user gave it (passed on to plugins).
    pub file: Option<String>,
    pub settings: Settings,
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            key: None,
            message: format!("cannot read the configuration file: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Parses configuration text; `path` names the file in errors and is
    /// the base of relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        Config::parse_extending(path, text, 0)
    }

    /// [`Config::parse`] at `depth` files down an `extend` chain.
    fn parse_extending(path: &Path, text: &str, depth: usize) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            ConfigError::at(path, text, span, e.message().trim().to_string())
        })?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let settings = RawSettings {
            lang: raw.lang,
            year: raw.year,
            agency: raw.agency,
            rules: raw.rules,
            options: raw.options,
        }
        .resolve(path, text)?;
        let mut plugins = Vec::new();
        for p in raw.plugins {
            let line = line_of(text, p.span().start);
            let p = p.into_inner();
            let sha256 = p.sha256.map(|s| s.trim().to_ascii_lowercase());
            if let Some(s) = &sha256 {
                if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(ConfigError {
                        path: path.to_path_buf(),
                        line,
                        column: 1,
                        key: Some("plugins.sha256".into()),
                        message: "`sha256` must be 64 hexadecimal digits (run `sha256sum` on the library)".into(),
                    });
                }
            }
            plugins.push(PluginEntry {
                path: dir.join(&p.path),
                sha256,
                line,
            });
        }
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let mut builder = GlobSetBuilder::new();
            let mut patterns = Vec::new();
            for pat in &o.paths {
                let glob = Glob::new(pat.get_ref()).map_err(|e| {
                    ConfigError::at(
                        path,
                        text,
                        pat.span(),
                        format!("invalid glob {:?}: {}", pat.get_ref(), e.kind()),
                    )
                    .with_key("overrides.paths")
                })?;
                builder.add(glob);
                patterns.push(pat.get_ref().clone());
            }
            let globs = builder.build().map_err(|e| ConfigError {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                key: Some("overrides.paths".into()),
                message: e.to_string(),
            })?;
            overrides.push(Override {
                dir: dir.clone(),
                globs,
                patterns,
                settings: RawSettings {
                    lang: o.lang,
                    year: o.year,
                    agency: o.agency,
                    rules: o.rules,
                    options: o.options,
                }
                .resolve(path, text)?,
            });
        }
        let mut declarative: Vec<DeclarativeRule> = Vec::new();
        for r in raw.rule {
            let span = r.id.span();
            let rule = r.resolve(path, text)?;
            if let Some(first) = declarative.iter().find(|d| d.id == rule.id) {
                return Err(ConfigError::at(
                    path,
                    text,
                    span,
                    format!("two [[rule]] entries have the id `{}` (the first on line {}): give each its own", rule.id, first.line),
                )
                .with_key("rule.id"));
            }
            declarative.push(rule);
        }
        let config = Config {
            path: Some(path.to_path_buf()),
            dir,
            settings,
            plugins,
            overrides,
            declarative,
        };
        match raw.extend {
            None => Ok(config),
            Some(base) => {
                let base_path = config.dir.join(base.get_ref());
                if depth >= MAX_EXTEND_DEPTH {
                    return Err(ConfigError::at(
                        path,
                        text,
                        base.span(),
                        format!("`extend` goes {MAX_EXTEND_DEPTH} files deep: is there a cycle through {}?", base_path.display()),
                    )
                    .with_key("extend"));
                }
                let base_text = std::fs::read_to_string(&base_path).map_err(|e| {
                    ConfigError::at(
                        path,
                        text,
                        base.span(),
                        format!(
                            "cannot read the configuration it extends, {}: {e}",
                            base_path.display()
                        ),
                    )
                    .with_key("extend")
                })?;
                let base = Config::parse_extending(&base_path, &base_text, depth + 1)?;
                Ok(base.extended_by(config))
            }
        }
    }

    /// No `[[rule]]` takes the id of a rule that `plugin_rules` (the
    /// plugins' rules, not the declarative ones) already has.
    pub fn check_declarative_ids(&self, plugin_rules: &[&str]) -> Result<(), ConfigError> {
        match self.declarative.iter().find(|d| plugin_rules.contains(&d.id.as_str())) {
            Some(d) => Err(ConfigError {
                path: self.path.clone().unwrap_or_default(),
                line: d.line,
                column: 1,
                key: Some("rule.id".into()),
                message: format!(
                    "`{}` is a bundled or plugin rule: a [[rule]] needs an id of its own (e.g. \"province/…\")",
                    d.id
                ),
            }),
            None => Ok(()),
        }
    }

    /// `self` with `child` (a file that says `extend = …` of it) on top:
    /// the child's settings win key by key, plugins, overrides and rules
    /// add up (the base's first), and the result is the child's file.
    fn extended_by(mut self, child: Config) -> Config {
        self.settings.merge(&child.settings);
        self.settings.rule_keys.extend(child.settings.rule_keys);
        self.plugins.extend(child.plugins);
        self.overrides.extend(child.overrides);
        for rule in child.declarative {
            self.declarative.retain(|d| d.id != rule.id);
            self.declarative.push(rule);
        }
        Config {
            path: child.path,
            dir: child.dir,
            ..self
        }
    }

    /// Every `[rules]` key (top level and overrides) names a rule or a
    /// plugin that `known` knows; the first that does not is an error at
    /// its line, with the nearest known name as a suggestion.
    pub fn check_rule_keys(&self, known: &[&str]) -> Result<(), ConfigError> {
        let keys = self
            .settings
            .rule_keys
            .iter()
            .chain(self.overrides.iter().flat_map(|o| &o.settings.rule_keys));
        for key in keys {
            if known.contains(&key.name.as_str()) {
                continue;
            }
            let mut e = key.at.clone();
            e.key = Some(format!("rules.\"{}\"", key.name));
            e.message = match crate::suggest::closest(&key.name, known) {
                Some(near) => format!(
                    "no rule or plugin is called `{}`; did you mean `{near}`?",
                    key.name
                ),
                None => format!(
                    "no rule or plugin is called `{}` (`nblint rules` lists them)",
                    key.name
                ),
            };
            return Err(e);
        }
        Ok(())
    }

    /// The settings for a file (absolute or relative to the working
    /// directory), with every matching override applied in order.
    pub fn for_file(&self, file: Option<&Path>) -> FileSettings {
        let mut settings = self.settings.clone();
        if let Some(file) = file {
            for o in &self.overrides {
                if o.globs.is_match(relative_to(file, &o.dir)) {
                    settings.merge(&o.settings);
                }
            }
        }
        FileSettings {
            lang: settings.lang.unwrap_or_default(),
            year: settings.year,
            agency: settings.agency.clone(),
            file: file.map(|f| f.display().to_string()),
            settings,
        }
    }
}

/// `file` relative to `dir` when it lies below it (both made absolute
/// against the working directory first), else `file` itself.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    absolute(file)
        .strip_prefix(absolute(dir))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

/// Finds the nearest `nblint.toml` in `dir` or its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    absolute(dir)
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// A configuration file that cannot be used: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error has no position.
    pub line: usize,
    pub column: usize,
    /// The key involved (`rules."arithmetic/percent"`), when known.
    pub key: Option<String>,
    pub message: String,
}

impl ConfigError {
    fn at(path: &Path, text: &str, span: std::ops::Range<usize>, message: String) -> ConfigError {
        let idx = LineIndex::new(text);
        let lc = idx.line_col(text, span.start as u32);
        ConfigError {
            path: path.to_path_buf(),
            line: lc.line as usize + 1,
            column: lc.col as usize + 1,
            key: key_at(text, span.start),
            message,
        }
    }
    fn with_key(mut self, key: &str) -> ConfigError {
        if self.key.is_none() {
            self.key = Some(key.to_string());
        }
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": ")?;
        if let Some(k) = &self.key {
            write!(f, "key `{k}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

fn line_of(text: &str, offset: usize) -> usize {
    let idx = LineIndex::new(text);
    idx.line_of(offset as u32) as usize + 1
}

/// The dotted key a TOML position belongs to: the enclosing table header
/// plus the key on the line (`rules."arithmetic/percent"`).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let trimmed = line.trim();
    let mut table = None;
    for l in text[..line_start].lines().rev() {
        let l = l.trim();
        if l.starts_with('[') {
            table = Some(l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
            break;
        }
    }
    if trimmed.starts_with('[') {
        return Some(
            trimmed
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_string(),
        );
    }
    let key = trimmed
        .split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty() && trimmed.contains('='));
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k.to_string()),
        (Some(t), None) => Some(t),
        (None, None) => None,
    }
}

// ---- the file as written -------------------------------------------------

// No `#[serde(flatten)]`: it would lose the spans of `Spanned` values and
// cannot be combined with `deny_unknown_fields`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Another configuration this one builds on (relative to this file).
    extend: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    year: Option<Spanned<i64>>,
    agency: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    options: BTreeMap<String, Spanned<toml::Table>>,
    #[serde(default)]
    plugins: Vec<Spanned<RawPlugin>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

struct RawSettings {
    lang: Option<Spanned<String>>,
    year: Option<Spanned<i64>>,
    agency: Option<String>,
    rules: BTreeMap<String, Spanned<String>>,
    options: BTreeMap<String, Spanned<toml::Table>>,
}

impl RawSettings {
    fn resolve(self, path: &Path, text: &str) -> Result<Settings, ConfigError> {
        let lang = match self.lang {
            None => None,
            Some(l) => Some(Lang::parse(l.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    path,
                    text,
                    l.span(),
                    format!(
                        "unknown language {:?}, expected \"zh\" or \"en\"",
                        l.get_ref()
                    ),
                )
            })?),
        };
        let year = match self.year {
            None => None,
            Some(y) => {
                let v = *y.get_ref();
                if !(1990..=2100).contains(&v) {
                    return Err(ConfigError::at(
                        path,
                        text,
                        y.span(),
                        format!("year {v} is not a plausible report year"),
                    ));
                }
                Some(v as u16)
            }
        };
        let mut rules = BTreeMap::new();
        let mut rule_keys = Vec::new();
        for (k, v) in self.rules {
            rule_keys.push(RuleKey {
                name: k.clone(),
                at: ConfigError::at(path, text, v.span(), String::new()),
            });
            let setting = RuleSetting::parse(v.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    path,
                    text,
                    v.span(),
                    format!(
                        "invalid setting {:?} for `{k}`, expected \"off\", \"info\", \"warning\" or \"error\"",
                        v.get_ref()
                    ),
                )
            })?;
            rules.insert(k, setting);
        }
        let mut options = BTreeMap::new();
        for (k, v) in self.options {
            let span = v.span();
            let json = serde_json::to_value(v.into_inner()).map_err(|e| {
                ConfigError::at(
                    path,
                    text,
                    span,
                    format!("options cannot be passed on: {e}"),
                )
            })?;
            options.insert(k, json);
        }
        Ok(Settings {
            lang,
            year,
            agency: self.agency,
            rules,
            options,
            rule_keys,
            only: None,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlugin {
    path: String,
    sha256: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    lang: Option<Spanned<String>>,
    year: Option<Spanned<i64>>,
    agency: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    options: BTreeMap<String, Spanned<toml::Table>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    message: String,
    message_en: Option<String>,
    #[serde(default)]
    help: String,
    help_en: Option<String>,
    severity: Option<Spanned<String>>,
    pattern: Spanned<String>,
    #[serde(default)]
    must: Option<Spanned<String>>,
    section: Option<Spanned<String>>,
}

impl RawRule {
    fn resolve(self, path: &Path, text: &str) -> Result<DeclarativeRule, ConfigError> {
        let r = self;
        let err = |s: std::ops::Range<usize>, key: &str, m: String| {
            ConfigError::at(path, text, s, m).with_key(key)
        };
        let id = r.id.get_ref().trim().to_string();
        if id.is_empty() || id.starts_with("nblint/") || id.split('/').count() != 2 {
            return Err(err(
                r.id.span(),
                "rule.id",
                format!(
                    "rule id {id:?} must look like \"group/name\" (and not start with nblint/)"
                ),
            ));
        }
        let severity = match &r.severity {
            None => Severity::Warning,
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                err(
                    s.span(),
                    "rule.severity",
                    format!(
                        "invalid severity {:?}, expected \"info\", \"warning\" or \"error\"",
                        s.get_ref()
                    ),
                )
            })?,
        };
        let must = match &r.must {
            None => Must::NotMatch,
            Some(m) => match m.get_ref().as_str() {
                "match" => Must::Match,
                "not-match" | "not_match" => Must::NotMatch,
                other => {
                    return Err(err(
                        m.span(),
                        "rule.must",
                        format!("invalid value {other:?}, expected \"match\" or \"not-match\""),
                    ))
                }
            },
        };
        if let Some(sec) = &r.section {
            if !crate::declarative::valid_section(sec.get_ref()) {
                return Err(err(
                    sec.span(),
                    "rule.section",
                    format!(
                        "section {:?} does not exist: a report has six sections, 一 to 六 (or give words of a title)",
                        sec.get_ref()
                    ),
                ));
            }
        }
        let regex = regex::Regex::new(r.pattern.get_ref()).map_err(|e| {
            err(
                r.pattern.span(),
                "rule.pattern",
                format!("invalid regular expression: {e}"),
            )
        })?;
        Ok(DeclarativeRule {
            line: ConfigError::at(path, text, r.id.span(), String::new()).line,
            id,
            message: r.message,
            message_en: r.message_en,
            help: r.help,
            help_en: r.help_en,
            severity,
            regex,
            must,
            section: r
                .section
                .map(Spanned::into_inner)
                .filter(|s| !s.trim().is_empty()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/p/nblint.toml"), text)
    }

    #[test]
    fn full_schema() {
        let c = parse(
            r#"
lang = "en"
year = 2021
agency = "某某市人民政府办公室"
[rules]
"arithmetic/percent" = "off"
"duplicates" = "info"
[options.duplicates]
threshold = 0.6
[[plugins]]
path = "x/libp.so"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
[[overrides]]
paths = ["old/**"]
year = 2014
rules = { "format-version" = "off" }
[[rule]]
id = "province/fee"
message = "缺少信息处理费说明"
pattern = "信息处理费"
must = "match"
section = "六"
"#,
        )
        .unwrap();
        assert_eq!(c.settings.lang, Some(Lang::En));
        assert_eq!(
            c.settings.severity("arithmetic/percent", Severity::Warning),
            None
        );
        assert_eq!(
            c.settings
                .severity("duplicates/paragraph", Severity::Warning),
            Some(Severity::Info)
        );
        assert_eq!(c.plugins[0].path, PathBuf::from("/p/x/libp.so"));
        assert_eq!(c.settings.options["duplicates"]["threshold"], 0.6);
        let f = c.for_file(Some(Path::new("/p/old/a.txt")));
        assert_eq!(f.year, Some(2014));
        assert!(f.settings.plugin_off("format-version"));
        let g = c.for_file(Some(Path::new("/p/new/a.txt")));
        assert_eq!(g.year, Some(2021));
        assert_eq!(c.declarative[0].must, Must::Match);
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("lang = \"zh\"\n[rules]\n\"arithmetic/percent\" = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.key.as_deref(), Some("rules.\"arithmetic/percent\""));
        let e = parse("lang = \"zh\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("colour"), "{e}");
        let e = parse("year = \"x\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (1, Some("year")));
        let e = parse("[[rule]]\nid = \"a/b\"\nmessage = \"m\"\npattern = \"(\"\n").unwrap_err();
        assert_eq!(e.line, 4);
        let e = parse("lang = \n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}

//! The nblint engine: configuration, the plugin registry, declarative
//! rules, cross-document context and parallel runs.
//!
//! A run: [`Engine::new`] loads the `--plugin` libraries and an explicit
//! configuration; [`Engine::check`] takes the inputs, finds each file's
//! `nblint.toml`, reads and parses the files in parallel, indexes their
//! reports by agency, and lints each file in parallel with every enabled
//! rule of every plugin (through the plugin host), the declarative rules of
//! its configuration and the engine's own diagnostics (`nblint/parse`,
//! `nblint/plugin`), then drops what inline markers suppress
//! (`nblint-disable-next-line RULE`, reporting unused ones). Nothing here
//! prints: the CLI and the language server render [`RunOutput`].

pub mod config;
pub mod declarative;
pub mod host;
mod host_adapter;
mod paths;
pub mod plugins;
pub mod position;
pub mod registry;
mod run;
pub mod suppress;

pub use config::{Config, ConfigError, FileSettings, RuleSetting, Settings};
pub use declarative::{DeclarativeRule, Must};
/// The language of messages (the SDK's: what plugins are configured with).
pub use nblint_plugin_api::Lang;
pub use plugins::{CatalogEntry, LintFailure, RulePlugin};
pub use position::{Position, PositionMap};
pub use run::{
    lint_document, normalize_agency, Engine, EngineOptions, FileOutcome, Input, RunError, RunOutput,
};

/// The engine's own rules (see rules.md, "engine diagnostics").
pub const RULE_PARSE: &str = "nblint/parse";
pub const RULE_PLUGIN: &str = "nblint/plugin";
pub const RULE_UNUSED_SUPPRESSION: &str = "nblint/unused-suppression";

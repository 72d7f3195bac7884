//! The nblint engine: configuration, the plugin registry, declarative
//! rules, cross-document context and parallel runs.
//!
//! A run: [`Engine::new`] loads the `--plugin` libraries and an explicit
//! configuration; [`Engine::lint_paths`] takes the inputs, finds each file's
//! `nblint.toml`, reads and parses the files in parallel, indexes their
//! reports by agency, and lints each file in parallel with every enabled
//! rule of every plugin (through the plugin host), the declarative rules of
//! its configuration and the engine's own diagnostics (`nblint/parse`,
//! `nblint/plugin`), then drops what inline markers suppress
//! (`nblint-disable-next-line RULE`, reporting unused ones). Nothing here
//! prints: the CLI and the language server render [`RunOutput`].

pub mod config;
pub mod declarative;
mod error;
pub mod fix;
pub mod host;
mod host_adapter;
mod linter;
mod paths;
pub mod plugins;
pub mod position;
pub mod registry;
pub mod related;
mod setup;
pub mod suggest;
pub mod suppress;
mod workspace;

pub use config::{Config, ConfigError, FileSettings, RuleSelection, RuleSetting, Settings};
pub use declarative::{DeclarativeRule, Must};
pub use error::RunError;
pub use fix::{FixRefusal, FixedSource};
pub use linter::{lint_document, FileOutcome, Input, RunOutput, Source};
/// Where text offsets of a PDF stand on its pages (`nblint parse` and the
/// output formats show pages).
pub use nblint_parse::input::{PageLocation, PageMap};
/// The parsed file a [`FileOutcome`] holds (for display, e.g. `nblint parse`).
pub use nblint_parse::{InputKind, ParsedFile};
/// The language of messages (the SDK's: what plugins are configured with).
pub use nblint_plugin_api::Lang;
pub use plugins::{CatalogEntry, LintFailure, RulePlugin};
pub use position::{Position, PositionMap};
pub use related::{normalize_agency, AgencyIndex};
pub use setup::{Engine, EngineOptions};
pub use workspace::WorkspaceReports;

/// The engine's own rules (see rules.md, "engine diagnostics").
pub const RULE_PARSE: &str = "nblint/parse";
pub const RULE_PLUGIN: &str = "nblint/plugin";
pub const RULE_UNUSED_SUPPRESSION: &str = "nblint/unused-suppression";

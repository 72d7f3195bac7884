//! Adapts the plugin host's [`LoadedPlugin`] (static or native, always
//! called through the ABI) to the engine's [`RulePlugin`].

use crate::config::Lang;
use crate::host::{self, HostError, LoadedPlugin, PluginSource};
use crate::plugins::{LintFailure, RuleExample, RuleInfo, RulePlugin};
use crate::run::RunError;
use nblint_model::{Diagnostic, DocumentView};
use nblint_plugin_api::abi::PluginDeclaration;
use nblint_plugin_api::Lang as ApiLang;
use std::path::Path;
use std::sync::Arc;

fn api_lang(l: Lang) -> ApiLang {
    match l {
        Lang::Zh => ApiLang::Zh,
        Lang::En => ApiLang::En,
    }
}

pub(crate) fn rule_info(plugin: &str, r: &host::RuleMeta) -> RuleInfo {
    let d = &r.docs;
    RuleInfo {
        id: r.id.clone(),
        plugin: plugin.to_string(),
        default_severity: Some(r.default_severity),
        summary_zh: d.summary_zh.clone(),
        summary_en: d.summary_en.clone(),
        rationale_zh: d.rationale_zh.clone(),
        rationale_en: d.rationale_en.clone(),
        source_zh: d.source_zh.clone(),
        source_en: d.source_en.clone(),
        examples: d
            .examples
            .iter()
            .map(|e| RuleExample {
                passes: e.passes,
                text: e.text.clone(),
                note: String::new(),
            })
            .collect(),
    }
}

/// A plugin of the host with its rule catalog converted once.
struct HostPlugin {
    plugin: LoadedPlugin,
    rules: Vec<RuleInfo>,
}

impl HostPlugin {
    fn new(plugin: LoadedPlugin) -> HostPlugin {
        let rules = plugin
            .rules()
            .iter()
            .map(|r| rule_info(plugin.name(), r))
            .collect();
        HostPlugin { plugin, rules }
    }
}

impl RulePlugin for HostPlugin {
    fn name(&self) -> &str {
        self.plugin.name()
    }
    fn version(&self) -> &str {
        self.plugin.version()
    }
    fn rules(&self) -> &[RuleInfo] {
        &self.rules
    }
    fn lint(
        &self,
        doc: &DocumentView,
        related: &[DocumentView],
        config_json: &str,
    ) -> Result<Vec<Diagnostic>, LintFailure> {
        self.plugin
            .lint(doc, related, config_json)
            .map_err(|f| LintFailure {
                message_zh: f.message(ApiLang::Zh),
                message_en: f.message(ApiLang::En),
                earlier: f.is_disabled(),
            })
    }
}

fn host_error(e: &HostError, lang: Lang) -> RunError {
    RunError {
        path: e.file.clone(),
        message: e.message(api_lang(lang)),
        hint: None,
    }
}

/// The bundled declarations as plugins. A declaration the host refuses is
/// a bug in nblint itself: it is reported and skipped.
pub(crate) fn from_declarations(
    decls: Vec<&'static PluginDeclaration>,
) -> Vec<Arc<dyn RulePlugin>> {
    let mut out: Vec<Arc<dyn RulePlugin>> = Vec::new();
    for d in decls {
        match LoadedPlugin::from_static(d) {
            Ok(p) => out.push(Arc::new(HostPlugin::new(p))),
            Err(e) => eprintln!(
                "nblint: internal error: a bundled plugin was refused: {}",
                e.message(ApiLang::En)
            ),
        }
    }
    out
}

/// Where a native library comes from, for the trust check.
#[derive(Clone, Debug)]
pub(crate) enum Origin<'a> {
    CommandLine,
    UserConfigDir,
    ProjectConfig { sha256: Option<&'a str> },
}

/// Checks trust, then loads a native plugin library.
pub(crate) fn load(
    path: &Path,
    origin: Origin<'_>,
    lang: Lang,
) -> Result<Arc<dyn RulePlugin>, RunError> {
    let source = match origin {
        Origin::CommandLine => PluginSource::CommandLine,
        Origin::UserConfigDir => PluginSource::UserConfigDir,
        Origin::ProjectConfig { sha256 } => PluginSource::ProjectConfig {
            sha256: sha256.map(str::to_string),
        },
    };
    host::check_trust(path, &source).map_err(|e| host_error(&e, lang))?;
    let plugin = host::load_dynamic(path).map_err(|e| host_error(&e, lang))?;
    Ok(Arc::new(HostPlugin::new(plugin)))
}

/// The libraries in the user's plugin directory.
pub(crate) fn user_plugins() -> Vec<std::path::PathBuf> {
    host::user_plugins()
}

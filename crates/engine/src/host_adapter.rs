//! The plugin host's [`LoadedPlugin`] (static or native, always called
//! through the ABI) as the engine's [`RulePlugin`].

use crate::error::RunError;
use crate::host::{self, LoadedPlugin, PluginSource};
use crate::plugins::{LintFailure, RulePlugin};
use nblint_model::{Diagnostic, DocumentView};
use nblint_plugin_api::abi::PluginDeclaration;
use nblint_plugin_api::{Lang, RuleInfo};
use std::path::Path;
use std::sync::Arc;

impl RulePlugin for LoadedPlugin {
    fn name(&self) -> &str {
        LoadedPlugin::name(self)
    }
    fn version(&self) -> &str {
        LoadedPlugin::version(self)
    }
    fn rules(&self) -> &[RuleInfo] {
        LoadedPlugin::rules(self)
    }
    fn path(&self) -> Option<&std::path::Path> {
        LoadedPlugin::path(self)
    }
    fn built_for(&self) -> String {
        LoadedPlugin::built_for(self)
    }
    fn lint(
        &self,
        doc: &DocumentView,
        related: &[DocumentView],
        config_json: &str,
    ) -> Result<Vec<Diagnostic>, LintFailure> {
        LoadedPlugin::lint(self, doc, related, config_json).map_err(|f| LintFailure {
            message_zh: f.message(Lang::Zh),
            message_en: f.message(Lang::En),
            earlier: f.is_disabled(),
        })
    }
}

/// The bundled declarations as plugins, and the ones the host refused (a
/// bug in nblint itself, reported by every run rather than printed here).
pub(crate) fn from_declarations(
    decls: Vec<&'static PluginDeclaration>,
) -> (Vec<Arc<dyn RulePlugin>>, Vec<RunError>) {
    let mut plugins: Vec<Arc<dyn RulePlugin>> = Vec::new();
    let mut refused = Vec::new();
    for d in decls {
        match LoadedPlugin::from_static(d) {
            Ok(p) => plugins.push(Arc::new(p)),
            Err(e) => refused.push(RunError::Plugin {
                path: None,
                message: format!(
                    "internal error: a bundled plugin was refused: {}",
                    e.message(Lang::En)
                ),
            }),
        }
    }
    (plugins, refused)
}

/// Loads a native plugin library after the trust check (see
/// [`host::check_trust`]: `--plugin` and the user's plugin directory are
/// trusted; a project configuration must pin the library by sha256). A
/// refusal is a [`RunError`] in `lang`.
pub(crate) fn load(
    path: &Path,
    source: &PluginSource,
    lang: Lang,
) -> Result<Arc<dyn RulePlugin>, RunError> {
    match host::load_trusted(path, source) {
        Ok(plugin) => Ok(Arc::new(plugin)),
        Err(e) => Err(RunError::plugin(&e, lang)),
    }
}

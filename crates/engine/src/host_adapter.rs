//! Adapts plugins reached through the ABI to the engine's [`RulePlugin`].
//!
//! TEMPORARY: until the plugin host (`crate::host`, helper-1) lands, static
//! declarations are called directly through `nblint_plugin_api::call` (the
//! same calls the host makes) and native libraries are refused.

use crate::plugins::{RuleExample, RuleInfo, RulePlugin};
use crate::run::RunError;
use nblint_model::{Diagnostic, DocumentView};
use nblint_plugin_api::abi::PluginDeclaration;
use nblint_plugin_api::call::{self, DeclInfo};
use nblint_plugin_api::Lang as ApiLang;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub(crate) fn rule_info(plugin: &str, r: &nblint_plugin_api::RuleInfo) -> RuleInfo {
    let d = &r.docs;
    RuleInfo {
        id: r.id.clone(),
        plugin: plugin.to_string(),
        default_severity: Some(r.default_severity),
        summary_zh: d.summary_zh.clone(),
        summary_en: d.summary_en.clone(),
        rationale_zh: d.rationale_zh.clone(),
        rationale_en: d.rationale_en.clone(),
        source: if d.source_zh.is_empty() {
            d.source_en.clone()
        } else {
            d.source_zh.clone()
        },
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

struct StaticPlugin {
    decl: &'static PluginDeclaration,
    info: DeclInfo,
    rules: Vec<RuleInfo>,
    disabled: AtomicBool,
}

impl RulePlugin for StaticPlugin {
    fn name(&self) -> &str {
        &self.info.name
    }
    fn version(&self) -> &str {
        &self.info.version
    }
    fn rules(&self) -> Vec<RuleInfo> {
        self.rules.clone()
    }
    fn lint(
        &self,
        doc: &DocumentView,
        related: &[DocumentView],
        config_json: &str,
    ) -> Result<Vec<Diagnostic>, String> {
        if self.disabled.load(Ordering::Relaxed) {
            return Ok(Vec::new());
        }
        // SAFETY: the declaration was validated by `read_declaration`.
        unsafe { call::call(self.decl, &self.info, doc, related, config_json) }.map_err(|e| {
            self.disabled.store(true, Ordering::Relaxed);
            e.message(ApiLang::En)
        })
    }
}

/// The bundled declarations as plugins. A declaration that fails
/// validation is a bug in nblint itself: it is skipped with a message.
pub(crate) fn from_declarations(
    decls: Vec<&'static PluginDeclaration>,
) -> Vec<Arc<dyn RulePlugin>> {
    let mut out: Vec<Arc<dyn RulePlugin>> = Vec::new();
    for d in decls {
        // SAFETY: `declaration()` of a bundled plugin returns a pointer to a
        // declaration that lives forever.
        match unsafe { call::read_declaration(d) } {
            Ok((decl, info)) => {
                let rules = info
                    .rules
                    .iter()
                    .map(|r| rule_info(&info.name, r))
                    .collect();
                out.push(Arc::new(StaticPlugin {
                    decl,
                    info,
                    rules,
                    disabled: AtomicBool::new(false),
                }))
            }
            Err(e) => eprintln!(
                "nblint: internal error: a bundled plugin was refused: {}",
                e.message(ApiLang::En)
            ),
        }
    }
    out
}

pub(crate) fn load(
    path: &Path,
    _sha256: Option<&str>,
    _trusted: bool,
) -> Result<Arc<dyn RulePlugin>, RunError> {
    Err(RunError::new(
        Some(path),
        "native plugins cannot be loaded by this build yet",
        None,
    ))
}

//! The bundled plugins, in one place, and loading of native plugins.
//!
//! Adding a bundled plugin is a one-line change in [`bundled_declarations`]
//! (plus the crate in `crates/engine/Cargo.toml`).

use crate::plugins::RulePlugin;
use crate::run::RunError;
use std::path::Path;
use std::sync::Arc;

/// The declarations of the plugins linked into nblint. They are reached
/// only through the plugin ABI, exactly like a dynamically loaded plugin.
pub fn bundled_declarations() -> Vec<&'static nblint_plugin_api::abi::PluginDeclaration> {
    vec![
        nblint_arithmetic::declaration(),
        nblint_sections::declaration(),
        nblint_format_version::declaration(),
        nblint_duplicates::declaration(),
    ]
}

/// The bundled plugins, ready to run.
pub fn bundled() -> Vec<Arc<dyn RulePlugin>> {
    crate::host_adapter::from_declarations(bundled_declarations())
}

/// Loads a native plugin library after the trust check (see
/// `host::check_trust`): `--plugin` and the user's plugin directory are
/// trusted; a project configuration must pin the library by sha256.
pub(crate) fn load_dynamic(
    path: &Path,
    origin: crate::host_adapter::Origin<'_>,
    lang: crate::Lang,
) -> Result<Arc<dyn RulePlugin>, RunError> {
    crate::host_adapter::load(path, origin, lang)
}

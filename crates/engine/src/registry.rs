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

/// Loads a native plugin library. `trusted`: named by the user on the
/// command line; otherwise it comes from a configuration file and must be
/// pinned by `sha256` (or live in the user's configuration directory).
pub fn load_dynamic(
    path: &Path,
    sha256: Option<&str>,
    trusted: bool,
) -> Result<Arc<dyn RulePlugin>, RunError> {
    if !path.exists() {
        return Err(RunError::new(
            Some(path),
            "plugin library not found",
            Some("check the path given to --plugin or in [[plugins]] of nblint.toml".into()),
        ));
    }
    crate::host_adapter::load(path, sha256, trusted)
}

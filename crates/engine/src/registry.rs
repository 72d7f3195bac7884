//! The bundled plugins, in one place.
//!
//! Adding a bundled plugin is a one-line change in [`bundled_declarations`]
//! (plus the crate in `crates/engine/Cargo.toml`).

use crate::plugins::RulePlugin;
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

/// The bundled plugins, ready to run, and any the host refused.
pub fn bundled() -> (Vec<Arc<dyn RulePlugin>>, Vec<crate::RunError>) {
    crate::host_adapter::from_declarations(bundled_declarations())
}

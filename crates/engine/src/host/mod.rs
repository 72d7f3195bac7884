//! The plugin host: loads rule plugins (linked statically or from native
//! libraries), validates them, and calls them only through the plugin ABI
//! ([`nblint_plugin_api::abi`]).
//!
//! - [`LoadedPlugin::from_static`] takes the declaration of a plugin linked
//!   into the binary; [`load_dynamic`] opens a `cdylib`, after checking the
//!   file's format and architecture, its entry symbol, ABI and API versions.
//!   Both are validated the same way. Libraries are never unloaded.
//! - [`check_trust`] decides whether a native library may be loaded at all
//!   (user configuration directory, `--plugin`, or a sha256 pin in a
//!   project configuration); [`load_trusted`] checks it, then loads.
//! - [`LoadedPlugin::lint`] calls the plugin; a panic or invalid output is a
//!   [`PluginFailure`] and disables the plugin for the rest of the session.
//!
//! Every refusal is one [`HostError`] naming the file and saying what to
//! do, in Chinese or English ([`HostError::message`]).

mod error;
mod inspect;
mod trust;

pub use error::{FailureKind, HostError, HostErrorKind, PluginFailure};
pub use inspect::{arch_name, check_library_file, host_arch};
pub use nblint_plugin_api::call::{CallError, DeclError};
pub use nblint_plugin_api::{Lang, PluginConfig, RuleDocs, RuleInfo as RuleMeta};
pub use trust::{check_trust, sha256_file, user_plugin_dir, user_plugins, PluginSource};

use nblint_model::{Diagnostic, DocumentView};
use nblint_plugin_api::abi::{self, EntryFn, PluginDeclaration};
use nblint_plugin_api::call::{self, DeclInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// Where a plugin comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PluginOrigin {
    /// Linked into the nblint binary.
    Static,
    /// Loaded from a native library.
    Dynamic(PathBuf),
}

/// A validated plugin, ready to lint. `Send + Sync`: lint files in parallel.
#[derive(Debug)]
pub struct LoadedPlugin {
    decl: &'static PluginDeclaration,
    info: DeclInfo,
    origin: PluginOrigin,
    disabled: AtomicBool,
    /// Why the plugin was disabled (the first failure).
    disabled_by: OnceLock<CallError>,
}

impl LoadedPlugin {
    /// A plugin linked into the binary (`my_plugin::declaration()`),
    /// validated like a dynamic one.
    pub fn from_static(decl: &'static PluginDeclaration) -> Result<LoadedPlugin, HostError> {
        // SAFETY: a `&'static PluginDeclaration` from `export_plugin!`
        // points to data that lives forever.
        let (decl, info) = unsafe { call::read_declaration(decl) }
            .map_err(|e| HostError::builtin(HostErrorKind::Declaration(e)))?;
        let plugin = LoadedPlugin::new(decl, info, PluginOrigin::Static);
        plugin.check_name().map_err(HostError::builtin)?;
        Ok(plugin)
    }

    /// Loads a native plugin library; see [`load_dynamic`].
    pub fn load_dynamic(path: &Path) -> Result<LoadedPlugin, HostError> {
        load_dynamic(path)
    }

    fn new(decl: &'static PluginDeclaration, info: DeclInfo, origin: PluginOrigin) -> LoadedPlugin {
        LoadedPlugin {
            decl,
            info,
            origin,
            disabled: AtomicBool::new(false),
            disabled_by: OnceLock::new(),
        }
    }

    fn check_name(&self) -> Result<(), HostErrorKind> {
        if self.info.name == "nblint" {
            return Err(HostErrorKind::Declaration(DeclError::Invalid(
                "the plugin name \"nblint\" is reserved for nblint's own diagnostics".into(),
            )));
        }
        Ok(())
    }

    pub fn name(&self) -> &str {
        &self.info.name
    }
    pub fn version(&self) -> &str {
        &self.info.version
    }
    /// The target triple the plugin was built for.
    pub fn target(&self) -> &str {
        &self.info.target
    }
    /// The plugin API version it was built against.
    pub fn api_version(&self) -> (u16, u16) {
        (self.info.api_major, self.info.api_minor)
    }
    /// The plugin ABI it was built for (1 is served through an adapter).
    pub fn abi_version(&self) -> u32 {
        self.info.abi_version
    }
    /// The model element sizes it was built with.
    pub fn element_sizes(&self) -> abi::ElementSizes {
        self.info.element_sizes
    }
    /// "ABI 2, API 1.1": what it was built for, for messages.
    pub fn built_for(&self) -> String {
        self.info.built_for()
    }
    /// The declared rules, with their documentation.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.info.rules
    }
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.info.rule(id)
    }
    pub fn origin(&self) -> &PluginOrigin {
        &self.origin
    }
    /// The library's path, for a dynamic plugin.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            PluginOrigin::Static => None,
            PluginOrigin::Dynamic(p) => Some(p),
        }
    }
    /// The raw declaration (for the ABI-level equivalence tests).
    pub fn declaration(&self) -> &'static PluginDeclaration {
        self.decl
    }
    /// Whether an earlier failure disabled the plugin.
    pub fn is_disabled(&self) -> bool {
        self.disabled.load(Ordering::Acquire)
    }

    /// Lints one document with the plugin's configuration as JSON (see
    /// [`PluginConfig`]). `related` are the other documents of the run.
    ///
    /// A failure (panic, error status, invalid output) disables the plugin:
    /// later calls return [`FailureKind::Disabled`] without calling it.
    pub fn lint(
        &self,
        doc: &DocumentView<'_>,
        related: &[DocumentView<'_>],
        config_json: &str,
    ) -> Result<Vec<Diagnostic>, PluginFailure> {
        if self.is_disabled() {
            return Err(self.failure(FailureKind::Disabled(
                self.disabled_by
                    .get()
                    .cloned()
                    .unwrap_or(CallError::Failed(String::new())),
            )));
        }
        // SAFETY: `decl` was validated by `read_declaration` and lives
        // forever (static, or a library that is never unloaded).
        match unsafe { call::call(self.decl, &self.info, doc, related, config_json) } {
            Ok(diags) => Ok(diags),
            Err(e) => {
                let _ = self.disabled_by.set(e.clone());
                self.disabled.store(true, Ordering::Release);
                Err(self.failure(FailureKind::Call(e)))
            }
        }
    }

    /// [`LoadedPlugin::lint`] with a typed configuration.
    pub fn lint_with(
        &self,
        doc: &DocumentView<'_>,
        related: &[DocumentView<'_>],
        config: &PluginConfig,
    ) -> Result<Vec<Diagnostic>, PluginFailure> {
        self.lint(doc, related, &config.to_json())
    }

    fn failure(&self, kind: FailureKind) -> PluginFailure {
        PluginFailure {
            plugin: self.info.name.clone(),
            version: self.info.version.clone(),
            abi_version: self.info.abi_version,
            api_version: (self.info.api_major, self.info.api_minor),
            path: self.path().map(Path::to_path_buf),
            kind,
        }
    }
}

/// Loads a native plugin library: checks the file (exists, is a shared
/// library of this platform's format and architecture), opens it, finds
/// the entry symbol, validates the declaration (ABI version, API version,
/// struct size, target, `panic = "unwind"`). Does **not** check trust; see
/// [`check_trust`] and [`PluginHost::load`]. The library is never unloaded.
pub fn load_dynamic(path: &Path) -> Result<LoadedPlugin, HostError> {
    let err = |kind| HostError::file(path, kind);
    check_library_file(path).map_err(err)?;

    // SAFETY: opening a library runs its initialisers. The file has been
    // checked to be a shared library for this platform; trust is the
    // caller's decision (`check_trust`).
    let lib = unsafe { libloading::Library::new(path) }
        .map_err(|e| err(HostErrorKind::OpenFailed(e.to_string())))?;
    // Never unloaded: declarations, rule tables and code stay valid.
    let lib: &'static libloading::Library = Box::leak(Box::new(lib));

    // SAFETY: the symbol's type is fixed by the ABI version in its name.
    let entry = match unsafe { lib.get::<EntryFn>(abi::ENTRY_SYMBOL_C) } {
        Ok(sym) => *sym,
        Err(_) => {
            let newer = (2..=9u32).find(|v| {
                let name = format!("nblint_plugin_entry_v{v}\0");
                // SAFETY: only looks the symbol up; never called.
                unsafe { lib.get::<*const ()>(name.as_bytes()) }.is_ok()
            });
            return Err(err(HostErrorKind::MissingEntry { newer_abi: newer }));
        }
    };
    // SAFETY: the entry function of an SDK plugin catches panics itself.
    let ptr = unsafe { entry() };
    // SAFETY: the pointer comes from the entry symbol of a library that is
    // never unloaded; `read_declaration` checks the header before the rest.
    let (decl, info) =
        unsafe { call::read_declaration(ptr) }.map_err(|e| err(HostErrorKind::Declaration(e)))?;

    let plugin_arch = info.target.split('-').next().unwrap_or("");
    let host_arch_triple = abi::BUILD_TARGET.split('-').next().unwrap_or("");
    if plugin_arch != host_arch_triple {
        return Err(err(HostErrorKind::TargetMismatch {
            plugin: info.target.clone(),
            host: abi::BUILD_TARGET,
        }));
    }
    if !info.panic_unwind {
        return Err(err(HostErrorKind::PanicAbort {
            name: info.name.clone(),
        }));
    }
    let plugin = LoadedPlugin::new(decl, info, PluginOrigin::Dynamic(path.to_path_buf()));
    plugin.check_name().map_err(err)?;
    Ok(plugin)
}

/// Loads a native plugin library if [`check_trust`] allows it for its
/// source, then as [`load_dynamic`] does.
pub fn load_trusted(path: &Path, source: &PluginSource) -> Result<LoadedPlugin, HostError> {
    check_trust(path, source)?;
    load_dynamic(path)
}

/// The plugins of a session: bundled ones and loaded libraries, by name.
#[derive(Debug, Default)]
pub struct PluginHost {
    plugins: Vec<Arc<LoadedPlugin>>,
}

impl PluginHost {
    pub fn new() -> PluginHost {
        PluginHost::default()
    }

    /// Adds a plugin; refuses a second plugin with the same name.
    pub fn add(&mut self, plugin: LoadedPlugin) -> Result<Arc<LoadedPlugin>, HostError> {
        if let Some(other) = self.get(plugin.name()) {
            let kind = HostErrorKind::DuplicateName {
                name: plugin.name().to_string(),
                other: other.path().map(Path::to_path_buf),
            };
            return Err(match plugin.path() {
                Some(p) => HostError::file(p, kind),
                None => HostError::builtin(kind),
            });
        }
        let plugin = Arc::new(plugin);
        self.plugins.push(plugin.clone());
        Ok(plugin)
    }

    /// Adds a statically linked plugin.
    pub fn add_static(
        &mut self,
        decl: &'static PluginDeclaration,
    ) -> Result<Arc<LoadedPlugin>, HostError> {
        self.add(LoadedPlugin::from_static(decl)?)
    }

    /// Checks trust, loads the library and adds it.
    pub fn load(
        &mut self,
        path: &Path,
        source: &PluginSource,
    ) -> Result<Arc<LoadedPlugin>, HostError> {
        self.add(load_trusted(path, source)?)
    }

    pub fn plugins(&self) -> &[Arc<LoadedPlugin>] {
        &self.plugins
    }
    pub fn get(&self, name: &str) -> Option<&Arc<LoadedPlugin>> {
        self.plugins.iter().find(|p| p.name() == name)
    }
    /// The plugin declaring a rule, and the rule.
    pub fn rule(&self, id: &str) -> Option<(&Arc<LoadedPlugin>, &RuleMeta)> {
        self.plugins.iter().find_map(|p| p.rule(id).map(|r| (p, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn loaded_plugin_is_send_and_sync() {
        assert_send_sync::<LoadedPlugin>();
        assert_send_sync::<PluginHost>();
        assert_send_sync::<PluginFailure>();
        assert_send_sync::<HostError>();
    }
}

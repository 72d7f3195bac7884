//! Refusals and failures of plugins, each one bilingual message.

use nblint_plugin_api::call::{CallError, DeclError};
use nblint_plugin_api::Lang;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a plugin was refused. One error names the file (or the built-in
/// plugin) and says what to do. `Display` gives the Chinese message (the
/// default language); use [`HostError::message`] for the configured one.
#[derive(Debug, Clone)]
pub struct HostError {
    /// The library, `None` for a plugin linked into nblint.
    pub file: Option<PathBuf>,
    pub kind: HostErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostErrorKind {
    NotFound,
    NotAFile,
    Unreadable(String),
    /// Not an object file at all.
    UnknownFormat,
    /// A static library, an object file or an executable.
    NotShared {
        what: &'static str,
    },
    /// An object file of another platform's format (e.g. Mach-O on Linux).
    WrongFormat {
        found: &'static str,
        host: &'static str,
    },
    WrongArch {
        plugin: String,
        host: &'static str,
    },
    /// The dynamic loader refused it (missing dependency …).
    OpenFailed(String),
    /// No `nblint_plugin_entry_v1`; `newer_abi` when an entry of a later
    /// ABI is there instead.
    MissingEntry {
        newer_abi: Option<u32>,
    },
    Declaration(DeclError),
    /// The declaration's target triple is of another architecture.
    TargetMismatch {
        plugin: String,
        host: &'static str,
    },
    /// Built with `panic = "abort"`: a panic would take nblint down.
    PanicAbort {
        name: String,
    },
    DuplicateName {
        name: String,
        other: Option<PathBuf>,
    },
    /// From a project configuration without a sha256 pin.
    Untrusted {
        sha256: String,
        user_dir: Option<PathBuf>,
    },
    /// The sha256 pin does not match the file.
    HashMismatch {
        expected: String,
        actual: String,
    },
    /// The sha256 pin is not 64 hex digits.
    BadPin {
        pin: String,
    },
    /// `PluginSource::UserConfigDir` for a file outside that directory.
    NotInUserDir {
        user_dir: Option<PathBuf>,
    },
}

impl HostError {
    pub fn file(path: &Path, kind: HostErrorKind) -> HostError {
        HostError {
            file: Some(path.to_path_buf()),
            kind,
        }
    }
    pub fn builtin(kind: HostErrorKind) -> HostError {
        HostError { file: None, kind }
    }

    /// The message in one language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let file = match &self.file {
            Some(p) => p.display().to_string(),
            None if zh => "（内置插件）".into(),
            None => "(built-in plugin)".into(),
        };
        use HostErrorKind::*;
        let (reason, todo): (String, String) = match (&self.kind, zh) {
            (NotFound, true) => ("文件不存在".into(), "请检查 --plugin 或 nblint.toml 中给出的路径".into()),
            (NotFound, false) => ("the file does not exist".into(), "check the path given to --plugin or in nblint.toml".into()),
            (NotAFile, true) => ("这不是一个文件".into(), "请给出插件库文件（.so / .dylib / .dll）的路径".into()),
            (NotAFile, false) => ("it is not a file".into(), "give the path of the plugin library (.so / .dylib / .dll)".into()),
            (Unreadable(e), true) => (format!("无法读取：{e}"), "请检查文件权限".into()),
            (Unreadable(e), false) => (format!("it cannot be read: {e}"), "check the file's permissions".into()),
            (UnknownFormat, true) => ("这不是共享库（无法识别的文件格式）".into(), "请给出用 crate-type = [\"cdylib\"] 构建的插件库".into()),
            (UnknownFormat, false) => ("it is not a shared library (unrecognised file format)".into(), "give a plugin library built with crate-type = [\"cdylib\"]".into()),
            (NotShared { what }, true) => (format!("这是{}，不是共享库", what_zh(what)), "请用 crate-type = [\"cdylib\"] 构建插件，并给出生成的 .so / .dylib / .dll".into()),
            (NotShared { what }, false) => (format!("it is {what}, not a shared library"), "build the plugin with crate-type = [\"cdylib\"] and give the resulting .so / .dylib / .dll".into()),
            (WrongFormat { found, host }, true) => (format!("它是 {found} 格式的库，而此 nblint 运行在使用 {host} 的系统上"), "请使用为本系统构建的插件".into()),
            (WrongFormat { found, host }, false) => (format!("it is a {found} library, this nblint runs on a {host} system"), "use a build of the plugin for this system".into()),
            (WrongArch { plugin, host }, true) => (format!("插件是为 {plugin} 构建的，而此 nblint 是 {host}"), format!("请使用为 {host} 构建的插件（在本机用 cargo build --release 重新构建）")),
            (WrongArch { plugin, host }, false) => (format!("the plugin was built for {plugin}, this nblint is {host}"), format!("use a build of the plugin for {host} (rebuild it on this machine with cargo build --release)")),
            (OpenFailed(e), true) => (format!("动态加载器无法打开它：{e}"), "请检查它依赖的库是否存在".into()),
            (OpenFailed(e), false) => (format!("the dynamic loader cannot open it: {e}"), "check that the libraries it depends on are present".into()),
            (MissingEntry { newer_abi: Some(v) }, true) => (format!("它导出的是插件 ABI 版本 {v} 的入口 nblint_plugin_entry_v{v}，而此 nblint 需要 nblint_plugin_entry_v1"), "请升级 nblint，或用与此 nblint 匹配的 nblint-plugin-api 重新构建插件".into()),
            (MissingEntry { newer_abi: Some(v) }, false) => (format!("it exports the entry nblint_plugin_entry_v{v} of plugin ABI version {v}, this nblint needs nblint_plugin_entry_v1"), "upgrade nblint, or rebuild the plugin against the nblint-plugin-api matching this nblint".into()),
            (MissingEntry { newer_abi: None }, true) => ("它没有导出入口符号 nblint_plugin_entry_v1，不是 nblint 插件".into(), "插件须用 nblint_plugin_api::export_plugin! 导出并启用 dynamic 特性（参见 plugins/example）".into()),
            (MissingEntry { newer_abi: None }, false) => ("it does not export the entry symbol nblint_plugin_entry_v1; it is not an nblint plugin".into(), "export the plugin with nblint_plugin_api::export_plugin! and enable its `dynamic` feature (see plugins/example)".into()),
            (Declaration(e @ (DeclError::Null | DeclError::InitPanicked(_) | DeclError::Invalid(_))), _) => (
                e.message(lang),
                match (&self.file, zh) {
                    (Some(_), true) => "这是插件的缺陷，请向插件作者报告".into(),
                    (Some(_), false) => "this is a bug in the plugin; report it to its author".into(),
                    (None, true) => "这是 nblint 的缺陷，请报告".into(),
                    (None, false) => "this is a bug in nblint; please report it".into(),
                },
            ),
            (Declaration(e), _) => (e.message(lang), String::new()),
            (TargetMismatch { plugin, host }, true) => (format!("插件声明其目标平台为 {plugin}，而此 nblint 是 {host}"), "请使用为本平台构建的插件".into()),
            (TargetMismatch { plugin, host }, false) => (format!("the plugin declares target {plugin}, this nblint is {host}"), "use a build of the plugin for this platform".into()),
            (PanicAbort { name }, true) => (format!("插件 {name} 以 panic = \"abort\" 构建，它一旦 panic 就会使 nblint 整体退出"), "请去掉 Cargo.toml 中 [profile.*] 的 panic = \"abort\" 后重新构建".into()),
            (PanicAbort { name }, false) => (format!("plugin {name} was built with panic = \"abort\"; a panic in it would abort nblint"), "remove panic = \"abort\" from the [profile.*] of its Cargo.toml and rebuild".into()),
            (DuplicateName { name, other }, true) => (format!("已加载了同名插件 {name}{}", other.as_ref().map(|p| format!("（{}）", p.display())).unwrap_or_else(|| "（内置）".into())), "请只加载其中一个，或给插件改名".into()),
            (DuplicateName { name, other }, false) => (format!("a plugin named {name} is already loaded{}", other.as_ref().map(|p| format!(" ({})", p.display())).unwrap_or_else(|| " (built in)".into())), "load only one of them, or rename the plugin".into()),
            (Untrusted { sha256, user_dir }, true) => (
                "项目配置中的原生插件须以 sha256 固定，否则不予加载（原生代码以你的权限运行）".into(),
                format!(
                    "若信任此文件，请在 nblint.toml 的该插件条目中加上 sha256 = \"{sha256}\"，或在命令行用 --plugin {file} 指定{}",
                    user_dir.as_ref().map(|d| format!("，或把它放入 {}", d.display())).unwrap_or_default()
                ),
            ),
            (Untrusted { sha256, user_dir }, false) => (
                "a native plugin named by a project configuration must be pinned by sha256, or it is not loaded (native code runs with your rights)".into(),
                format!(
                    "if you trust this file, add sha256 = \"{sha256}\" to its plugin entry in nblint.toml, or pass --plugin {file} on the command line{}",
                    user_dir.as_ref().map(|d| format!(", or put it in {}", d.display())).unwrap_or_default()
                ),
            ),
            (HashMismatch { expected, actual }, true) => (format!("其 sha256 为 {actual}，与 nblint.toml 中固定的 {expected} 不符（文件已被更改）"), format!("若信任新文件，请把 sha256 改为 \"{actual}\"")),
            (HashMismatch { expected, actual }, false) => (format!("its sha256 is {actual}, not the {expected} pinned in nblint.toml (the file has changed)"), format!("if you trust the new file, change sha256 to \"{actual}\"")),
            (BadPin { pin }, true) => (format!("nblint.toml 中的 sha256 \"{pin}\" 不是 64 位十六进制数"), "请写出文件完整的 sha256（sha256sum 的输出）".into()),
            (BadPin { pin }, false) => (format!("the sha256 \"{pin}\" in nblint.toml is not 64 hex digits"), "write the file's full sha256 (as sha256sum prints it)".into()),
            (NotInUserDir { user_dir }, true) => (
                format!("它不在用户插件目录 {} 中", user_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "（未知）".into())),
                "请把它放入该目录，或用 --plugin 指定".into(),
            ),
            (NotInUserDir { user_dir }, false) => (
                format!("it is not in the user plugin directory {}", user_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "(unknown)".into())),
                "put it in that directory, or pass it with --plugin".into(),
            ),
        };
        match (zh, todo.is_empty()) {
            (true, true) => format!("无法加载插件 {file}：{reason}"),
            (true, false) => format!("无法加载插件 {file}：{reason}；{todo}"),
            (false, true) => format!("cannot load plugin {file}: {reason}"),
            (false, false) => format!("cannot load plugin {file}: {reason}; {todo}"),
        }
    }
}

fn what_zh(what: &str) -> &'static str {
    match what {
        "a static library" => "静态库",
        "an object file" => "目标文件",
        "an executable" => "可执行文件",
        _ => "其他类型的文件",
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for HostError {}

/// A plugin failed while linting. The engine reports it as one
/// `nblint/plugin` diagnostic.
#[derive(Debug, Clone)]
pub struct PluginFailure {
    pub plugin: String,
    pub version: String,
    /// The plugin ABI and API (major, minor) it was built for.
    pub abi_version: u32,
    pub api_version: (u16, u16),
    /// The library, for a dynamic plugin.
    pub path: Option<PathBuf>,
    pub kind: FailureKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// This call failed; the plugin is now disabled.
    Call(CallError),
    /// The plugin was disabled by an earlier failure (given) and was not
    /// called.
    Disabled(CallError),
}

impl PluginFailure {
    pub fn is_disabled(&self) -> bool {
        matches!(self.kind, FailureKind::Disabled(_))
    }
    /// The underlying error (of this call, or the one that disabled it).
    pub fn error(&self) -> &CallError {
        match &self.kind {
            FailureKind::Call(e) | FailureKind::Disabled(e) => e,
        }
    }
    pub fn message(&self, lang: Lang) -> String {
        let (p, v) = (&self.plugin, &self.version);
        let b = format!(
            "ABI {}, API {}.{}",
            self.abi_version, self.api_version.0, self.api_version.1
        );
        match (&self.kind, lang) {
            (FailureKind::Call(e), Lang::Zh) => {
                format!("插件 {p} {v}（为 {b} 构建）出错：{}；本次运行中已停用该插件", e.message(lang))
            }
            (FailureKind::Call(e), Lang::En) => format!(
                "plugin {p} {v} (built for {b}) failed: {}; it is disabled for the rest of this run",
                e.message(lang)
            ),
            (FailureKind::Disabled(e), Lang::Zh) => format!(
                "插件 {p} {v}（为 {b} 构建）已在本次运行中停用（此前{}），未检查此文件",
                e.message(lang)
            ),
            (FailureKind::Disabled(e), Lang::En) => format!(
                "plugin {p} {v} (built for {b}) is disabled for this run (earlier, {}); this file was not checked by it",
                e.message(lang)
            ),
        }
    }
}

impl fmt::Display for PluginFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for PluginFailure {}

//! The host side of the ABI: reading and validating a declaration, calling
//! `lint` and checking what comes back. Used by nblint's plugin host and by
//! [`crate::testing`], so unit tests of a plugin exercise exactly the calls
//! the host makes.

use crate::abi::*;
use crate::compat::{self, PluginDeclarationV1, DECLARATION_SIZE_V1};
use crate::export::severity_from_u8;
use crate::sdk::{Lang, RuleDocs, RuleInfo};
use nblint_model::{Diagnostic, DocumentView, Span};
use std::collections::HashSet;

/// What a validated declaration says, as owned Rust values.
#[derive(Clone, Debug)]
pub struct DeclInfo {
    /// The plugin's name (`[a-z0-9-]+`).
    pub name: String,
    /// Its version.
    pub version: String,
    /// The target triple it was built for.
    pub target: String,
    /// The plugin ABI it was built for ([`ABI_VERSION_MIN`]..=[`ABI_VERSION`]).
    pub abi_version: u32,
    /// The plugin API major version it was built against.
    pub api_major: u16,
    /// The plugin API minor version it was built against.
    pub api_minor: u16,
    /// The model element sizes it was built with.
    pub element_sizes: ElementSizes,
    /// Whether it was built with `panic = "unwind"`.
    pub panic_unwind: bool,
    /// Its rules, validated.
    pub rules: Vec<RuleInfo>,
}

impl DeclInfo {
    /// "ABI 2, API 1.1": what the plugin was built for, for messages.
    pub fn built_for(&self) -> String {
        format!(
            "ABI {}, API {}.{}",
            self.abi_version, self.api_major, self.api_minor
        )
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Why a declaration was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclError {
    /// The entry function returned null (it panicked).
    Null,
    /// Another ABI version.
    AbiVersion {
        /// The version the plugin declares.
        found: u32,
    },
    /// Another API major version.
    ApiMajor {
        /// The version the plugin declares.
        found: u16,
    },
    /// A newer API minor version than this host knows.
    ApiMinor {
        /// The version the plugin declares.
        found: u16,
    },
    /// A declaration size out of range.
    StructSize {
        /// The size the plugin declares.
        found: u32,
    },
    /// A model element the plugin reads is larger than the host's: it was
    /// built against a newer layout.
    ElementSize {
        /// The element's name ("Report", "Cell" …).
        element: &'static str,
        /// Its size in the plugin's build.
        plugin: u32,
        /// Its size in the host's.
        host: u32,
        /// The plugin's [`LAYOUT_VERSION`](crate::abi::LAYOUT_VERSION).
        plugin_layout: u32,
        /// The plugin API minor version it was built against.
        api_minor: u16,
    },
    /// The plugin's constructor or `rules()` panicked.
    InitPanicked(String),
    /// A malformed field (name, rule id, severity, docs …).
    Invalid(String),
}

impl DeclError {
    /// The refusal in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DeclError::Null, Lang::Zh) => "插件的入口函数返回了空指针（初始化时出错）".into(),
            (DeclError::Null, Lang::En) => {
                "the plugin's entry function returned a null pointer (it failed while initialising)".into()
            }
            (DeclError::AbiVersion { found }, Lang::Zh) => format!(
                "插件为插件 ABI 版本 {found} 构建，而此 nblint 支持版本 {ABI_VERSION_MIN} 至 {ABI_VERSION}（API {API_MAJOR}.{API_MINOR}）；请用与此 nblint 匹配的 nblint-plugin-api 重新构建插件，或升级 nblint"
            ),
            (DeclError::AbiVersion { found }, Lang::En) => format!(
                "the plugin was built for plugin ABI version {found}, this nblint supports versions {ABI_VERSION_MIN} to {ABI_VERSION} (API {API_MAJOR}.{API_MINOR}); rebuild the plugin against the nblint-plugin-api matching this nblint, or upgrade nblint"
            ),
            (DeclError::ApiMajor { found }, Lang::Zh) => format!(
                "插件为插件 API {found}.x 构建，而此 nblint 提供 API {API_MAJOR}.{API_MINOR}；主版本不兼容，请用 nblint-plugin-api {API_MAJOR}.x 重新构建插件"
            ),
            (DeclError::ApiMajor { found }, Lang::En) => format!(
                "the plugin was built for plugin API {found}.x, this nblint provides API {API_MAJOR}.{API_MINOR}; the major versions are incompatible, rebuild the plugin against nblint-plugin-api {API_MAJOR}.x"
            ),
            (DeclError::ApiMinor { found }, Lang::Zh) => format!(
                "插件需要插件 API {API_MAJOR}.{found}，而此 nblint 只提供 {API_MAJOR}.{API_MINOR}；请升级 nblint"
            ),
            (DeclError::ApiMinor { found }, Lang::En) => format!(
                "the plugin needs plugin API {API_MAJOR}.{found}, this nblint only provides {API_MAJOR}.{API_MINOR}; upgrade nblint"
            ),
            (DeclError::StructSize { found }, Lang::Zh) => format!(
                "插件声明结构的大小为 {found} 字节，不合理（ABI 1 至少 {DECLARATION_SIZE_V1}，ABI 2 至少 {DECLARATION_SIZE_V2}）；插件可能已损坏或并非用 nblint-plugin-api 构建"
            ),
            (DeclError::StructSize { found }, Lang::En) => format!(
                "the plugin's declaration claims a size of {found} bytes, which is not sane (at least {DECLARATION_SIZE_V1} for ABI 1, {DECLARATION_SIZE_V2} for ABI 2); the plugin may be corrupt or not built with nblint-plugin-api"
            ),
            (DeclError::ElementSize { element, plugin, host, plugin_layout, api_minor }, Lang::Zh) => format!(
                "插件为插件 ABI {ABI_VERSION}、API {API_MAJOR}.{api_minor}（文档模型布局 {plugin_layout}）构建，其 {element} 元素为 {plugin} 字节，而此 nblint（API {API_MAJOR}.{API_MINOR}，布局 {LAYOUT_VERSION}）只提供 {host} 字节：插件会读到此 nblint 没有的字段；请升级 nblint"
            ),
            (DeclError::ElementSize { element, plugin, host, plugin_layout, api_minor }, Lang::En) => format!(
                "the plugin was built for plugin ABI {ABI_VERSION}, API {API_MAJOR}.{api_minor} (document model layout {plugin_layout}), whose {element} elements are {plugin} bytes; this nblint (API {API_MAJOR}.{API_MINOR}, layout {LAYOUT_VERSION}) only provides {host}: the plugin would read fields this nblint does not have; upgrade nblint"
            ),
            (DeclError::InitPanicked(m), Lang::Zh) => format!("插件初始化时 panic：{m}"),
            (DeclError::InitPanicked(m), Lang::En) => format!("the plugin panicked while initialising: {m}"),
            (DeclError::Invalid(m), Lang::Zh) => format!("插件声明无效：{m}"),
            (DeclError::Invalid(m), Lang::En) => format!("the plugin's declaration is invalid: {m}"),
        }
    }
}

/// Why a call to `lint` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// The plugin panicked (the message is the panic's).
    Panicked(String),
    /// The plugin returned an error status with this reason.
    Failed(String),
    /// A status code the ABI does not define.
    UnknownStatus(i32),
    /// The output is not valid (not UTF-8 or JSON, an undeclared rule, a
    /// span outside the text …).
    InvalidOutput(String),
}

impl CallError {
    /// The failure in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CallError::Panicked(m), Lang::Zh) => format!("插件 panic：{m}"),
            (CallError::Panicked(m), Lang::En) => format!("the plugin panicked: {m}"),
            (CallError::Failed(m), Lang::Zh) => format!("插件报告错误：{m}"),
            (CallError::Failed(m), Lang::En) => format!("the plugin reported an error: {m}"),
            (CallError::UnknownStatus(s), Lang::Zh) => format!("插件返回了未定义的状态码 {s}"),
            (CallError::UnknownStatus(s), Lang::En) => {
                format!("the plugin returned an undefined status code {s}")
            }
            (CallError::InvalidOutput(m), Lang::Zh) => format!("插件输出无效：{m}"),
            (CallError::InvalidOutput(m), Lang::En) => {
                format!("the plugin returned invalid output: {m}")
            }
        }
    }
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads and validates a declaration.
///
/// # Safety
/// `ptr` must be null or point to memory readable for at least the
/// [`DeclarationHeader`], and — when the header checks pass — to a
/// [`PluginDeclaration`] whose pointers are valid forever (as the entry
/// symbol of a never-unloaded library or a plugin's `declaration()`
/// guarantees).
pub unsafe fn read_declaration(
    ptr: *const PluginDeclaration,
) -> Result<(&'static PluginDeclaration, DeclInfo), DeclError> {
    if ptr.is_null() {
        return Err(DeclError::Null);
    }
    // SAFETY: non-null, and every declaration starts with the header, as
    // the caller guarantees.
    let header = unsafe { (ptr as *const DeclarationHeader).read() };
    if !(ABI_VERSION_MIN..=ABI_VERSION).contains(&header.abi_version) {
        return Err(DeclError::AbiVersion {
            found: header.abi_version,
        });
    }
    if header.api_major != API_MAJOR {
        return Err(DeclError::ApiMajor {
            found: header.api_major,
        });
    }
    if header.api_minor > API_MINOR {
        return Err(DeclError::ApiMinor {
            found: header.api_minor,
        });
    }
    let least = if header.abi_version == 1 {
        DECLARATION_SIZE_V1
    } else {
        DECLARATION_SIZE_V2
    };
    if header.struct_size < least || header.struct_size > 1 << 16 {
        return Err(DeclError::StructSize {
            found: header.struct_size,
        });
    }
    let decl: &'static PluginDeclaration = if header.abi_version == 1 {
        // Served through the adapter: the declaration in today's shape,
        // kept for the life of the process as the library's own is.
        // SAFETY: the header says this is an ABI-1 declaration at least
        // as large as ABI 1's; it lives for the process, as the caller
        // guarantees.
        let v1 = unsafe { (ptr as *const PluginDeclarationV1).read() };
        Box::leak(Box::new(v1.upgrade()))
    } else {
        // SAFETY: the header says the declaration is at least the size of
        // this ABI's; it lives for the process, as the caller guarantees.
        unsafe { &*ptr }
    };
    if let Some((element, plugin, host)) = decl.element_sizes.unserved_by(&ElementSizes::CURRENT) {
        return Err(DeclError::ElementSize {
            element,
            plugin,
            host,
            plugin_layout: decl.element_sizes.layout_version,
            api_minor: header.api_minor,
        });
    }
    let text = |f: FfiStr, what: &str| -> Result<String, DeclError> {
        if f.len > 1 << 24 || (f.ptr.is_null() && f.len != 0) {
            return Err(DeclError::Invalid(format!("{what} is not a valid string")));
        }
        // SAFETY: a plausible length and pointer, checked above; the plugin
        // keeps its strings alive for the process.
        unsafe { f.to_str() }
            .map(str::to_string)
            .map_err(|_| DeclError::Invalid(format!("{what} is not UTF-8")))
    };
    let init_error = text(decl.init_error, "init_error")?;
    if !init_error.is_empty() {
        return Err(DeclError::InitPanicked(init_error));
    }
    let name = text(decl.name, "the name")?;
    if !valid_name(&name) {
        return Err(DeclError::Invalid(format!(
            "plugin name {name:?} is not of the form [a-z0-9-]+"
        )));
    }
    let version = text(decl.version, "the version")?;
    let target = text(decl.target, "the target")?;
    if decl.panic_unwind > 1 {
        return Err(DeclError::Invalid(format!(
            "panic_unwind is {}, not 0 or 1",
            decl.panic_unwind
        )));
    }
    if decl.rules_len > 100_000 || (decl.rules.is_null() && decl.rules_len != 0) {
        return Err(DeclError::Invalid("the rule table is not valid".into()));
    }
    let ffi_rules: &[FfiRule] = if decl.rules_len == 0 {
        &[]
    } else {
        // SAFETY: non-null with a plausible length (checked above); the
        // rule table lives for the process, as the caller guarantees.
        unsafe { std::slice::from_raw_parts(decl.rules, decl.rules_len) }
    };
    let prefix = format!("{name}/");
    let mut seen = HashSet::new();
    let mut rules = Vec::with_capacity(ffi_rules.len());
    for r in ffi_rules {
        let id = text(r.id, "a rule id")?;
        let ok = id
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.split('/').all(valid_name));
        if !ok {
            return Err(DeclError::Invalid(format!(
                "rule id {id:?} is not of the form {name}/<rule> with <rule> in [a-z0-9-]+"
            )));
        }
        if !seen.insert(id.clone()) {
            return Err(DeclError::Invalid(format!("rule {id} is declared twice")));
        }
        let default_severity = severity_from_u8(r.default_severity).ok_or_else(|| {
            DeclError::Invalid(format!(
                "rule {id} has an unknown default severity {}",
                r.default_severity
            ))
        })?;
        let docs_json = text(r.docs_json, "rule docs")?;
        let docs: RuleDocs = if docs_json.trim().is_empty() {
            RuleDocs::default()
        } else {
            serde_json::from_str(&docs_json).map_err(|e| {
                DeclError::Invalid(format!(
                    "the documentation of rule {id} is not valid JSON: {e}"
                ))
            })?
        };
        rules.push(RuleInfo {
            id,
            default_severity,
            docs,
        });
    }
    Ok((
        decl,
        DeclInfo {
            name,
            version,
            target,
            abi_version: header.abi_version,
            api_major: header.api_major,
            api_minor: header.api_minor,
            element_sizes: decl.element_sizes,
            panic_unwind: decl.panic_unwind == 1,
            rules,
        },
    ))
}

/// Calls the plugin's `lint` and copies its output; always frees the
/// plugin's buffer. Returns the status and the bytes.
///
/// # Safety
/// `decl` must have been validated with [`read_declaration`].
pub unsafe fn invoke(
    decl: &PluginDeclaration,
    doc: &DocumentView<'_>,
    related: &[DocumentView<'_>],
    config_json: &str,
) -> (i32, Vec<u8>) {
    let mut output = LintOutput::EMPTY;
    let status = if decl.abi_version == 1 {
        // SAFETY: a validated ABI-1 declaration, as the caller guarantees.
        unsafe { compat::invoke_v1(decl, doc, related, config_json, &mut output) }
    } else {
        let main = FfiDocument::new(doc);
        let related_ffi: Vec<FfiDocument> = related.iter().map(FfiDocument::new).collect();
        let related_ptrs: Vec<*const FfiDocument> = related_ffi
            .iter()
            .map(|d| d as *const FfiDocument)
            .collect();
        let input = LintInput {
            struct_size: std::mem::size_of::<LintInput>() as u32,
            _reserved: 0,
            doc: &main,
            related: if related_ptrs.is_empty() {
                std::ptr::null()
            } else {
                related_ptrs.as_ptr()
            },
            related_len: related_ptrs.len(),
            config_json: FfiStr::new(config_json),
        };
        // SAFETY: a validated declaration's `lint` with its own data and an
        // input whose pointers live for the call, as the ABI requires.
        unsafe { (decl.lint)(decl.plugin_data, &input, &mut output) }
    };
    let bytes = if output.ptr.is_null() {
        Vec::new()
    } else {
        let out = FfiStr {
            ptr: output.ptr,
            len: output.len,
        };
        // SAFETY: the plugin's buffer, valid until `free` is called below.
        let b = unsafe { out.as_bytes() }.to_vec();
        // SAFETY: the output this plugin's `lint` filled, freed once.
        unsafe { (decl.free)(&mut output) };
        b
    };
    (status, bytes)
}

/// Turns what `lint` returned into diagnostics, checking them against the
/// declaration and the document: every rule declared, every primary span
/// and fix edit inside `text` on character boundaries.
pub fn parse_output(
    status: i32,
    bytes: &[u8],
    info: &DeclInfo,
    text: &str,
) -> Result<Vec<Diagnostic>, CallError> {
    let s = String::from_utf8_lossy(bytes);
    match status {
        STATUS_OK => {}
        STATUS_PANIC => return Err(CallError::Panicked(s.into_owned())),
        STATUS_ERROR => return Err(CallError::Failed(s.into_owned())),
        other => return Err(CallError::UnknownStatus(other)),
    }
    let s = std::str::from_utf8(bytes)
        .map_err(|e| CallError::InvalidOutput(format!("the output is not UTF-8: {e}")))?;
    let diags: Vec<Diagnostic> = serde_json::from_str(s).map_err(|e| {
        CallError::InvalidOutput(format!(
            "the output is not a JSON array of diagnostics: {e}"
        ))
    })?;
    let span_ok = |sp: Span| {
        sp.start <= sp.end
            && (sp.end as usize) <= text.len()
            && text.is_char_boundary(sp.start as usize)
            && text.is_char_boundary(sp.end as usize)
    };
    for (i, d) in diags.iter().enumerate() {
        if info.rule(&d.rule).is_none() {
            return Err(CallError::InvalidOutput(format!(
                "diagnostic {i} reports rule {:?}, which the plugin does not declare",
                d.rule
            )));
        }
        if !span_ok(d.span) {
            return Err(CallError::InvalidOutput(format!(
                "diagnostic {i} ({}) has span {}..{}, outside the text ({} bytes) or inside a character",
                d.rule,
                d.span.start,
                d.span.end,
                text.len()
            )));
        }
        if let Some(fix) = &d.fix {
            if let Some(e) = fix.edits.iter().find(|e| !span_ok(e.span)) {
                return Err(CallError::InvalidOutput(format!(
                    "diagnostic {i} ({}) has a fix editing {}..{}, outside the text or inside a character",
                    d.rule, e.span.start, e.span.end
                )));
            }
        }
    }
    Ok(diags)
}

/// [`invoke`] then [`parse_output`].
///
/// # Safety
/// As [`invoke`]; `info` must come from the same declaration.
pub unsafe fn call(
    decl: &PluginDeclaration,
    info: &DeclInfo,
    doc: &DocumentView<'_>,
    related: &[DocumentView<'_>],
    config_json: &str,
) -> Result<Vec<Diagnostic>, CallError> {
    // SAFETY: the caller's guarantee is `invoke`'s.
    let (status, bytes) = unsafe { invoke(decl, doc, related, config_json) };
    parse_output(status, &bytes, info, doc.text)
}

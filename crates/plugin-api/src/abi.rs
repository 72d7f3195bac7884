//! The C ABI between the nblint host and a rule plugin.
//!
//! Everything here is `#[repr(C)]` and uses only fixed-layout types
//! (integers, raw pointers, `extern "C"` function pointers). No Rust enum
//! and no `bool` crosses the boundary; flags are `u8`.
//!
//! # Protocol
//!
//! 1. The host resolves the exported symbol [`ENTRY_SYMBOL`]
//!    (`nblint_plugin_entry_v1`, an [`EntryFn`]) and calls it once. It
//!    returns a pointer to a [`PluginDeclaration`] that lives as long as the
//!    library (forever: libraries are never unloaded), or null when the
//!    plugin could not even build its declaration.
//! 2. The host reads the first 12 bytes — [`PluginDeclaration::abi_version`],
//!    `struct_size`, `api_major`, `api_minor` — whose offsets never change,
//!    and refuses the plugin unless `abi_version == ABI_VERSION`,
//!    `api_major == API_MAJOR`, `api_minor <= API_MINOR` and `struct_size` is
//!    at least the size of the version-1.0 declaration. A later minor version
//!    may append fields; the host reads them only when `struct_size` covers
//!    them.
//! 3. For every document, the host calls [`PluginDeclaration::lint`] with
//!    [`PluginDeclaration::plugin_data`], a [`LintInput`] of borrowed views
//!    and a zeroed [`LintOutput`]. The plugin fills the output with a buffer
//!    it owns and returns a status:
//!    - [`STATUS_OK`]: the buffer is a UTF-8 JSON array of
//!      [`nblint_model::Diagnostic`];
//!    - [`STATUS_PANIC`]: the plugin panicked (caught on its side); the buffer
//!      is the panic message;
//!    - [`STATUS_ERROR`]: the plugin refused the input (bad configuration,
//!      input struct too small …); the buffer is the reason.
//!
//!    The host copies the buffer and then calls [`PluginDeclaration::free`]
//!    on the same output, whatever the status, when its pointer is non-null.
//! 4. `lint` may be called from several threads at once.
//!
//! The documents cross as [`FfiDocument`]s: pointers and lengths of the
//! model's `#[repr(C)]` arenas, zero copy. Only the small per-plugin
//! configuration is JSON.

use nblint_model::{Cell, DocumentView, Figure, Paragraph, Report, Row, Section, Table};
use std::ffi::c_void;
use std::marker::PhantomData;

/// Version of this binary layout and protocol. Bumped (together with the
/// entry symbol's `_vN` suffix) only on an incompatible change.
pub const ABI_VERSION: u32 = 1;
/// Major version of the plugin API (the meaning of the document model and of
/// the output). A plugin with another major version is refused.
pub const API_MAJOR: u16 = 1;
/// Minor version of the plugin API. A plugin built against a newer minor
/// version than the host's is refused (it may rely on data the host does not
/// provide); an older one is accepted.
pub const API_MINOR: u16 = 0;

/// The name of the one symbol a plugin library exports.
pub const ENTRY_SYMBOL: &str = "nblint_plugin_entry_v1";
/// [`ENTRY_SYMBOL`] NUL-terminated, for `dlsym`.
pub const ENTRY_SYMBOL_C: &[u8] = b"nblint_plugin_entry_v1\0";

/// The target triple this crate was compiled for (a plugin's declaration
/// carries the one of its build; the host compares architectures).
pub const BUILD_TARGET: &str = env!("NBLINT_BUILD_TARGET");

/// `lint` succeeded; the output holds a JSON array of diagnostics.
pub const STATUS_OK: i32 = 0;
/// `lint` panicked; the output holds the panic message.
pub const STATUS_PANIC: i32 = 1;
/// `lint` refused its input; the output holds the reason.
pub const STATUS_ERROR: i32 = 2;

/// Default severities of [`FfiRule::default_severity`].
pub const SEVERITY_INFO: u8 = 0;
/// A warning.
pub const SEVERITY_WARNING: u8 = 1;
/// An error.
pub const SEVERITY_ERROR: u8 = 2;

/// `extern "C" fn() -> *const PluginDeclaration`, the type of [`ENTRY_SYMBOL`].
pub type EntryFn = unsafe extern "C" fn() -> *const PluginDeclaration;
/// Lints one document. See the module docs for the protocol.
pub type LintFn = unsafe extern "C" fn(
    plugin_data: *const c_void,
    input: *const LintInput,
    output: *mut LintOutput,
) -> i32;
/// Releases the buffer of a [`LintOutput`] filled by [`LintFn`].
pub type FreeFn = unsafe extern "C" fn(output: *mut LintOutput);

/// A borrowed UTF-8 string: pointer and byte length (not NUL-terminated).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiStr {
    /// The first byte (may be null when `len` is 0).
    pub ptr: *const u8,
    /// The length in bytes.
    pub len: usize,
}

impl FfiStr {
    /// The empty string (a null pointer).
    pub const EMPTY: FfiStr = FfiStr {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// Borrows a string (valid as long as `s`).
    pub fn new(s: &str) -> FfiStr {
        FfiStr {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// The bytes.
    ///
    /// # Safety
    /// `ptr` must be valid for `len` bytes for `'a` (or `len == 0`).
    pub unsafe fn as_bytes<'a>(self) -> &'a [u8] {
        if self.len == 0 || self.ptr.is_null() {
            &[]
        } else {
            // SAFETY: non-null and valid for `len` bytes for `'a`, as the
            // caller guarantees.
            unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
        }
    }

    /// The string, checking that it is UTF-8.
    ///
    /// # Safety
    /// As [`FfiStr::as_bytes`].
    pub unsafe fn to_str<'a>(self) -> Result<&'a str, std::str::Utf8Error> {
        // SAFETY: the caller's guarantee is `as_bytes`'s.
        std::str::from_utf8(unsafe { self.as_bytes() })
    }

    /// The string without checking UTF-8.
    ///
    /// # Safety
    /// As [`FfiStr::as_bytes`], and the bytes must be UTF-8.
    pub unsafe fn as_str_unchecked<'a>(self) -> &'a str {
        // SAFETY: valid for `len` bytes and UTF-8, as the caller guarantees.
        unsafe { std::str::from_utf8_unchecked(self.as_bytes()) }
    }
}

/// A borrowed slice of `#[repr(C)]` model structs.
#[repr(C)]
#[derive(Debug)]
pub struct FfiSlice<T> {
    /// The first element (may be null when `len` is 0).
    pub ptr: *const T,
    /// The number of elements.
    pub len: usize,
    _marker: PhantomData<T>,
}

impl<T> Clone for FfiSlice<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for FfiSlice<T> {}

impl<T> FfiSlice<T> {
    /// Borrows a slice (valid as long as `s`).
    pub fn new(s: &[T]) -> FfiSlice<T> {
        FfiSlice {
            ptr: s.as_ptr(),
            len: s.len(),
            _marker: PhantomData,
        }
    }

    /// # Safety
    /// `ptr` must be valid and aligned for `len` elements for `'a` (or
    /// `len == 0`).
    pub unsafe fn as_slice<'a>(self) -> &'a [T] {
        if self.len == 0 || self.ptr.is_null() {
            &[]
        } else {
            // SAFETY: non-null, aligned and valid for `len` elements for
            // `'a`, as the caller guarantees.
            unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
        }
    }
}

/// Every arena of a [`DocumentView`], borrowed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiDocument {
    /// [`DocumentView::text`].
    pub text: FfiStr,
    /// [`DocumentView::strings`].
    pub strings: FfiStr,
    /// [`DocumentView::reports`].
    pub reports: FfiSlice<Report>,
    /// [`DocumentView::sections`].
    pub sections: FfiSlice<Section>,
    /// [`DocumentView::tables`].
    pub tables: FfiSlice<Table>,
    /// [`DocumentView::rows`].
    pub rows: FfiSlice<Row>,
    /// [`DocumentView::cells`].
    pub cells: FfiSlice<Cell>,
    /// [`DocumentView::figures`].
    pub figures: FfiSlice<Figure>,
    /// [`DocumentView::paragraphs`].
    pub paragraphs: FfiSlice<Paragraph>,
}

impl FfiDocument {
    /// Borrows every arena of a view (valid as long as the view).
    pub fn new(doc: &DocumentView<'_>) -> FfiDocument {
        FfiDocument {
            text: FfiStr::new(doc.text),
            strings: FfiStr::new(doc.strings),
            reports: FfiSlice::new(doc.reports),
            sections: FfiSlice::new(doc.sections),
            tables: FfiSlice::new(doc.tables),
            rows: FfiSlice::new(doc.rows),
            cells: FfiSlice::new(doc.cells),
            figures: FfiSlice::new(doc.figures),
            paragraphs: FfiSlice::new(doc.paragraphs),
        }
    }

    /// The view again.
    ///
    /// # Safety
    /// Every pointer must be valid for its length for `'a`, and `text` and
    /// `strings` must be UTF-8 (the host builds it from a `DocumentView`).
    pub unsafe fn view<'a>(&self) -> DocumentView<'a> {
        // SAFETY: every pointer is valid for its length for `'a` and the
        // texts are UTF-8, as the caller guarantees.
        unsafe {
            DocumentView {
                text: self.text.as_str_unchecked(),
                strings: self.strings.as_str_unchecked(),
                reports: self.reports.as_slice(),
                sections: self.sections.as_slice(),
                tables: self.tables.as_slice(),
                rows: self.rows.as_slice(),
                cells: self.cells.as_slice(),
                figures: self.figures.as_slice(),
                paragraphs: self.paragraphs.as_slice(),
            }
        }
    }
}

/// What the host passes to [`LintFn`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LintInput {
    /// `size_of::<LintInput>()` as the host saw it.
    pub struct_size: u32,
    /// The document to lint.
    pub doc: FfiDocument,
    /// The other documents of the run (for cross-document rules, e.g. last
    /// year's report of the same agency); `related_len` of them.
    pub related: *const FfiDocument,
    /// The number of related documents.
    pub related_len: usize,
    /// The plugin's configuration, a JSON object (see
    /// [`crate::PluginConfig`]).
    pub config_json: FfiStr,
}

/// Where [`LintFn`] puts its result. The host zeroes it; the plugin fills
/// it with a buffer it owns; the host copies it and calls [`FreeFn`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LintOutput {
    /// The plugin's buffer (null: none).
    pub ptr: *mut u8,
    /// Its length in bytes.
    pub len: usize,
}

impl LintOutput {
    /// No buffer.
    pub const EMPTY: LintOutput = LintOutput {
        ptr: std::ptr::null_mut(),
        len: 0,
    };
}

/// One rule a plugin declares.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiRule {
    /// `plugin/rule`, e.g. `arithmetic/balance`.
    pub id: FfiStr,
    /// One of [`SEVERITY_INFO`], [`SEVERITY_WARNING`], [`SEVERITY_ERROR`].
    pub default_severity: u8,
    /// Zero; room for later fields.
    pub _reserved: [u8; 7],
    /// The documentation as a JSON object ([`crate::RuleDocs`]): summary,
    /// rationale and source clause in Chinese and English, and examples.
    pub docs_json: FfiStr,
}

/// What a plugin declares about itself. Returned by [`ENTRY_SYMBOL`] and,
/// for statically linked plugins, by the `declaration()` function that
/// [`crate::export_plugin!`] generates.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PluginDeclaration {
    /// [`ABI_VERSION`] of the plugin's build. Offset 0, forever.
    pub abi_version: u32,
    /// `size_of::<PluginDeclaration>()` as the plugin saw it. Offset 4.
    pub struct_size: u32,
    /// [`API_MAJOR`] / [`API_MINOR`] of the plugin's build. Offsets 8, 10.
    pub api_major: u16,
    /// [`API_MINOR`] of the SDK the plugin was built with.
    pub api_minor: u16,
    /// 1 when the plugin was built with `panic = "unwind"` (panics can be
    /// caught and reported), 0 for `panic = "abort"`.
    pub panic_unwind: u8,
    /// Zero; room for later fields.
    pub _reserved: [u8; 3],
    /// The plugin's name: the prefix of its rule ids.
    pub name: FfiStr,
    /// The plugin's version (semver).
    pub version: FfiStr,
    /// The target triple it was built for, e.g. `x86_64-unknown-linux-gnu`.
    pub target: FfiStr,
    /// Non-empty when the plugin failed to initialise (its constructor or
    /// `rules()` panicked): the reason. The host refuses such a plugin.
    pub init_error: FfiStr,
    /// The rule table.
    pub rules: *const FfiRule,
    /// The number of rules in it.
    pub rules_len: usize,
    /// Opaque; passed back to `lint`.
    pub plugin_data: *const c_void,
    /// Lints one document.
    pub lint: LintFn,
    /// Frees what `lint` returned.
    pub free: FreeFn,
}

// SAFETY: a declaration only points to data the plugin never mutates and
// keeps alive for the life of the process, and the ABI requires `lint` and
// `free` to be callable from any thread.
unsafe impl Send for PluginDeclaration {}
// SAFETY: as for `Send`: nothing a declaration points to is ever written.
unsafe impl Sync for PluginDeclaration {}

/// The size of the declaration of ABI 1, API 1.0: the least `struct_size`
/// a host accepts.
pub const DECLARATION_SIZE_V1_0: u32 = std::mem::size_of::<PluginDeclaration>() as u32;

/// The part of the declaration whose layout never changes, read before
/// anything else.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DeclarationHeader {
    /// As in [`PluginDeclaration`].
    pub abi_version: u32,
    /// As in [`PluginDeclaration`].
    pub struct_size: u32,
    /// As in [`PluginDeclaration`].
    pub api_major: u16,
    /// As in [`PluginDeclaration`].
    pub api_minor: u16,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    #[test]
    fn header_offsets_are_fixed() {
        assert_eq!(offset_of!(PluginDeclaration, abi_version), 0);
        assert_eq!(offset_of!(PluginDeclaration, struct_size), 4);
        assert_eq!(offset_of!(PluginDeclaration, api_major), 8);
        assert_eq!(offset_of!(PluginDeclaration, api_minor), 10);
        assert_eq!(offset_of!(DeclarationHeader, abi_version), 0);
        assert_eq!(offset_of!(DeclarationHeader, struct_size), 4);
        assert_eq!(offset_of!(DeclarationHeader, api_major), 8);
        assert_eq!(offset_of!(DeclarationHeader, api_minor), 10);
        assert!(BUILD_TARGET.contains(std::env::consts::ARCH) || BUILD_TARGET.starts_with('i'));
    }

    #[test]
    fn ffi_document_round_trips() {
        let mut doc = nblint_model::Document {
            text: "一、总体情况".into(),
            ..Default::default()
        };
        doc.intern("机关");
        doc.reports.push(Report::default());
        let view = doc.view();
        let ffi = FfiDocument::new(&view);
        // SAFETY: built just above from a view that outlives it.
        let back = unsafe { ffi.view() };
        assert_eq!(back.text, view.text);
        assert_eq!(back.strings, "机关");
        assert_eq!(back.reports.len(), 1);
        assert!(back.cells.is_empty());
    }
}

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
//!    plugin could not even build its declaration. (The symbol's `_v1` is
//!    the version of this entry step, which has not changed: the header it
//!    returns says which ABI follows.)
//! 2. The host reads the first 12 bytes — [`PluginDeclaration::abi_version`],
//!    `struct_size`, `api_major`, `api_minor` — whose offsets never change,
//!    and refuses the plugin unless `abi_version` is one it serves
//!    ([`ABI_VERSION_MIN`]`..=`[`ABI_VERSION`]), `api_major == API_MAJOR`,
//!    `api_minor <= API_MINOR` and `struct_size` is at least the size of
//!    that ABI's first declaration. From ABI 2 on the declaration carries
//!    the [`ElementSizes`] the plugin was built with; the host refuses a
//!    plugin whose elements are larger than its own (it would read fields
//!    the host does not have). A plugin of ABI 1 is served through the
//!    adapter in [`crate::compat`]: the host hands it copies of the arenas
//!    in the layout-1 element sizes.
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
//! The documents cross as [`FfiDocument`]s: for each of the model's
//! `#[repr(C)]` arenas a pointer, a length and the **element size** the host
//! lays its elements out with, zero copy. The SDK reads elements by that
//! stride, so a host whose elements have grown (fields appended) still
//! serves a plugin built against smaller ones; the plugin never sees the
//! fields it does not know. Only the small per-plugin configuration is JSON.
//!
//! # Evolution
//!
//! What may change, and what it costs (see also ARCHITECTURE.md):
//!
//! - **A field of a model element** (`Report`, `Table`, `Cell` …) is only
//!   ever *appended*, starting at the element's previous size (tail padding
//!   is spelled out as `_pad` fields, so that a new field never hides in
//!   it), and its zero value means "absent/unknown". The element grows;
//!   [`LAYOUT_VERSION`] and [`API_MINOR`] are bumped; [`ABI_VERSION`] is not.
//!   Older plugins keep working (they read their prefix of each element);
//!   a plugin built against the new layout is refused by an older host
//!   with a message naming the element and both sizes.
//! - **A code value** (`TableKind`, `SectionKind`, `Source`, `CellState` …)
//!   is a new number, never a renumbered or reused one; each type documents
//!   its reserved ranges. Plugins must ignore values they do not know (the
//!   `code_type!` newtypes make an unknown value harmless, never UB).
//!   Bumps [`API_MINOR`].
//! - **A new table kind or schema** (rows and columns in
//!   `nblint_model::schema`) is a new `TableKind` value and new row/column
//!   keys; existing keys are never renumbered. Bumps [`API_MINOR`].
//! - **A new arena** is appended at the end of [`FfiDocument`]; a plugin
//!   reads it only when `FfiDocument::struct_size` covers it. Bumps
//!   [`API_MINOR`].
//! - **A field of the declaration or of [`LintInput`]** is appended; the
//!   reader checks `struct_size` before reading it. Bumps [`API_MINOR`].
//! - **Anything else** — a field removed, moved or retyped, a changed
//!   meaning, a new status code a plugin must return — is incompatible:
//!   it bumps [`ABI_VERSION`] (or [`API_MAJOR`] for a changed meaning), and
//!   the host keeps serving the previous ABI through an adapter in
//!   [`crate::compat`] for as long as it can.

use nblint_model::{Cell, DocumentView, Figure, Paragraph, Report, Row, Section, Table};
use std::ffi::c_void;
use std::marker::PhantomData;
use std::mem::size_of;

/// Version of this binary layout and protocol. Bumped only on an
/// incompatible change (see "Evolution" above). ABI 2: arenas carry their
/// element size; the declaration carries the plugin's element sizes; the
/// input holds the documents by pointer.
pub const ABI_VERSION: u32 = 2;
/// The oldest ABI this host still serves (through [`crate::compat`]).
pub const ABI_VERSION_MIN: u32 = 1;
/// Major version of the plugin API (the meaning of the document model and of
/// the output). A plugin with another major version is refused.
pub const API_MAJOR: u16 = 1;
/// Minor version of the plugin API. A plugin built against a newer minor
/// version than the host's is refused (it may rely on data the host does not
/// provide); an older one is accepted.
///
/// - 1.0: the first model.
/// - 1.1: `Report::period*` (the statistics period and its year),
///   `TableKind::STATS_PRE2019` with `schema::stats`.
pub const API_MINOR: u16 = 1;
/// Version of the model's element layout: bumped whenever an element grows.
/// Layout 1 is that of ABI 1; layout 2 appended `Report::period*`.
pub const LAYOUT_VERSION: u32 = 2;

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

/// The size in bytes of each kind of model element, as one side lays them
/// out. The host passes its own in every [`FfiArena`]; a plugin declares
/// the ones it was built with ([`PluginDeclaration::element_sizes`]).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElementSizes {
    /// [`LAYOUT_VERSION`] of the build (for messages; sizes decide).
    pub layout_version: u32,
    /// `size_of::<Report>()`.
    pub report: u32,
    /// `size_of::<Section>()`.
    pub section: u32,
    /// `size_of::<Table>()`.
    pub table: u32,
    /// `size_of::<Row>()`.
    pub row: u32,
    /// `size_of::<Cell>()`.
    pub cell: u32,
    /// `size_of::<Figure>()`.
    pub figure: u32,
    /// `size_of::<Paragraph>()`.
    pub paragraph: u32,
}

impl ElementSizes {
    /// This build's sizes.
    pub const CURRENT: ElementSizes = ElementSizes {
        layout_version: LAYOUT_VERSION,
        report: size_of::<Report>() as u32,
        section: size_of::<Section>() as u32,
        table: size_of::<Table>() as u32,
        row: size_of::<Row>() as u32,
        cell: size_of::<Cell>() as u32,
        figure: size_of::<Figure>() as u32,
        paragraph: size_of::<Paragraph>() as u32,
    };

    /// Each element's name with its size, in arena order.
    pub fn named(&self) -> [(&'static str, u32); 7] {
        [
            ("Report", self.report),
            ("Section", self.section),
            ("Table", self.table),
            ("Row", self.row),
            ("Cell", self.cell),
            ("Figure", self.figure),
            ("Paragraph", self.paragraph),
        ]
    }

    /// The first element a plugin with sizes `self` needs larger than the
    /// host's `host` gives: `(name, plugin size, host size)`.
    pub fn unserved_by(&self, host: &ElementSizes) -> Option<(&'static str, u32, u32)> {
        self.named()
            .into_iter()
            .zip(host.named())
            .find(|((_, mine), (_, theirs))| mine > theirs)
            .map(|((name, mine), (_, theirs))| (name, mine, theirs))
    }
}

/// A borrowed arena of `#[repr(C)]` model elements: `len` elements,
/// `elem_size` bytes apart. `elem_size` is the host's `size_of::<T>()`,
/// which may exceed the reader's when the host's elements have grown.
#[repr(C)]
#[derive(Debug)]
pub struct FfiArena<T> {
    /// The first element (may be null when `len` is 0).
    pub ptr: *const T,
    /// The number of elements.
    pub len: usize,
    /// The distance in bytes from one element to the next: the host's
    /// `size_of::<T>()`.
    pub elem_size: u32,
    /// Zero; keeps the layout free of implicit padding.
    pub _reserved: u32,
    _marker: PhantomData<T>,
}

impl<T> Clone for FfiArena<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for FfiArena<T> {}

impl<T: Copy> FfiArena<T> {
    /// Borrows a slice (valid as long as `s`) with this build's element size.
    pub fn new(s: &[T]) -> FfiArena<T> {
        FfiArena {
            ptr: s.as_ptr(),
            len: s.len(),
            elem_size: size_of::<T>() as u32,
            _reserved: 0,
            _marker: PhantomData,
        }
    }

    /// The elements as this build's `T`: borrowed when the host's element
    /// size is ours, copied (each element's first `size_of::<T>()` bytes,
    /// the fields we know) when the host's elements are larger. An error
    /// when they are smaller: the host lacks fields we would read.
    ///
    /// # Safety
    /// `ptr` must be valid for `len` elements of `elem_size` bytes, aligned
    /// for `T`, for `'a` (or `len == 0`).
    pub unsafe fn read<'a>(self, what: &str) -> Result<Elements<'a, T>, String> {
        let own = size_of::<T>();
        let stride = self.elem_size as usize;
        if self.len == 0 || self.ptr.is_null() {
            return Ok(Elements::Borrowed(&[]));
        }
        if stride == own {
            // SAFETY: non-null, aligned and valid for `len` elements of
            // `size_of::<T>()` bytes for `'a`, as the caller guarantees.
            let elements = unsafe { std::slice::from_raw_parts(self.ptr, self.len) };
            return Ok(Elements::Borrowed(elements));
        }
        if stride < own {
            return Err(format!(
                "the host lays out each {what} in {stride} bytes, this plugin needs {own} \
                 (it was built against a newer document model, layout {LAYOUT_VERSION}); upgrade nblint"
            ));
        }
        let base = self.ptr as *const u8;
        Ok(Elements::Owned(
            (0..self.len)
                // SAFETY: element `i` starts `i * stride` bytes in, inside
                // the `len * stride` bytes the caller guarantees, and its
                // first `size_of::<T>()` bytes (`own < stride`) are a `T`
                // of this build's layout, the prefix an element only grows
                // from; `read_unaligned` needs no alignment.
                .map(|i| unsafe { std::ptr::read_unaligned(base.add(i * stride) as *const T) })
                .collect(),
        ))
    }
}

/// Elements read from an [`FfiArena`].
#[derive(Debug)]
pub enum Elements<'a, T> {
    /// The host's own elements (its layout is this build's).
    Borrowed(&'a [T]),
    /// Copied out of larger host elements.
    Owned(Vec<T>),
}

impl<T> Elements<'_, T> {
    /// The elements, wherever they are.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Elements::Borrowed(s) => s,
            Elements::Owned(v) => v,
        }
    }
}

/// Every arena of a [`DocumentView`], borrowed. New arenas are appended at
/// the end; a reader uses one only when `struct_size` covers it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiDocument {
    /// `size_of::<FfiDocument>()` as the host saw it.
    pub struct_size: u32,
    /// The host's [`LAYOUT_VERSION`].
    pub layout_version: u32,
    /// [`DocumentView::text`].
    pub text: FfiStr,
    /// [`DocumentView::strings`].
    pub strings: FfiStr,
    /// [`DocumentView::reports`].
    pub reports: FfiArena<Report>,
    /// [`DocumentView::sections`].
    pub sections: FfiArena<Section>,
    /// [`DocumentView::tables`].
    pub tables: FfiArena<Table>,
    /// [`DocumentView::rows`].
    pub rows: FfiArena<Row>,
    /// [`DocumentView::cells`].
    pub cells: FfiArena<Cell>,
    /// [`DocumentView::figures`].
    pub figures: FfiArena<Figure>,
    /// [`DocumentView::paragraphs`].
    pub paragraphs: FfiArena<Paragraph>,
}

impl FfiDocument {
    /// Borrows every arena of a view (valid as long as the view).
    pub fn new(doc: &DocumentView<'_>) -> FfiDocument {
        FfiDocument {
            struct_size: size_of::<FfiDocument>() as u32,
            layout_version: LAYOUT_VERSION,
            text: FfiStr::new(doc.text),
            strings: FfiStr::new(doc.strings),
            reports: FfiArena::new(doc.reports),
            sections: FfiArena::new(doc.sections),
            tables: FfiArena::new(doc.tables),
            rows: FfiArena::new(doc.rows),
            cells: FfiArena::new(doc.cells),
            figures: FfiArena::new(doc.figures),
            paragraphs: FfiArena::new(doc.paragraphs),
        }
    }

    /// Reads the document as this build's model: see [`FfiArena::read`].
    ///
    /// # Safety
    /// Every pointer must be valid for its length and element size for
    /// `'a`, and `text` and `strings` must be UTF-8 (the host builds it
    /// from a `DocumentView`).
    pub unsafe fn read<'a>(&self) -> Result<ReadDocument<'a>, String> {
        if (self.struct_size as usize) < size_of::<FfiDocument>() {
            return Err(format!(
                "the host's document is {} bytes, smaller than the {} this plugin needs; upgrade nblint",
                self.struct_size,
                size_of::<FfiDocument>()
            ));
        }
        // SAFETY: every pointer is valid for its length and element size
        // for `'a` and the texts are UTF-8, as the caller guarantees.
        unsafe {
            Ok(ReadDocument {
                text: self.text.as_str_unchecked(),
                strings: self.strings.as_str_unchecked(),
                reports: self.reports.read("report")?,
                sections: self.sections.read("section")?,
                tables: self.tables.read("table")?,
                rows: self.rows.read("row")?,
                cells: self.cells.read("cell")?,
                figures: self.figures.read("figure")?,
                paragraphs: self.paragraphs.read("paragraph")?,
            })
        }
    }
}

/// A document read from an [`FfiDocument`]: borrowed where the host's
/// layout is the plugin's, copied where the host's elements are larger.
#[derive(Debug)]
pub struct ReadDocument<'a> {
    /// [`DocumentView::text`].
    pub text: &'a str,
    /// [`DocumentView::strings`].
    pub strings: &'a str,
    /// [`DocumentView::reports`].
    pub reports: Elements<'a, Report>,
    /// [`DocumentView::sections`].
    pub sections: Elements<'a, Section>,
    /// [`DocumentView::tables`].
    pub tables: Elements<'a, Table>,
    /// [`DocumentView::rows`].
    pub rows: Elements<'a, Row>,
    /// [`DocumentView::cells`].
    pub cells: Elements<'a, Cell>,
    /// [`DocumentView::figures`].
    pub figures: Elements<'a, Figure>,
    /// [`DocumentView::paragraphs`].
    pub paragraphs: Elements<'a, Paragraph>,
}

impl ReadDocument<'_> {
    /// The document as a view of this build's model.
    pub fn view(&self) -> DocumentView<'_> {
        DocumentView {
            text: self.text,
            strings: self.strings,
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

/// What the host passes to [`LintFn`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LintInput {
    /// `size_of::<LintInput>()` as the host saw it.
    pub struct_size: u32,
    /// Zero; keeps the layout free of implicit padding.
    pub _reserved: u32,
    /// The document to lint (by pointer: [`FfiDocument`] may grow).
    pub doc: *const FfiDocument,
    /// The other documents of the run (for cross-document rules, e.g. last
    /// year's report of the same agency): `related_len` pointers.
    pub related: *const *const FfiDocument,
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
    /// Appended in ABI 2: the element sizes the plugin was built with.
    /// The host refuses the plugin when one exceeds its own.
    pub element_sizes: ElementSizes,
}

// SAFETY: a declaration only points to data the plugin never mutates and
// keeps alive for the life of the process, and the ABI requires `lint` and
// `free` to be callable from any thread.
unsafe impl Send for PluginDeclaration {}
// SAFETY: as for `Send`: nothing a declaration points to is ever written.
unsafe impl Sync for PluginDeclaration {}

/// The size of the declaration of ABI 2, API 1.1: the least `struct_size`
/// a host accepts from a plugin of ABI 2.
pub const DECLARATION_SIZE_V2: u32 = size_of::<PluginDeclaration>() as u32;

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
        let read = unsafe { ffi.read() }.unwrap();
        let back = read.view();
        assert_eq!(back.text, view.text);
        assert_eq!(back.strings, "机关");
        assert_eq!(back.reports.len(), 1);
        assert!(back.cells.is_empty());
        assert!(matches!(read.reports, Elements::Borrowed(_)));
    }

    /// A host whose elements are larger than the plugin's (fields appended):
    /// the plugin reads its prefix of each element, by the host's stride.
    #[test]
    fn larger_host_elements_are_read_by_their_stride() {
        #[repr(C)]
        #[derive(Clone, Copy)]
        struct Grown {
            old: Report,
            appended: [u32; 3],
        }
        let grown: Vec<Grown> = (0..3)
            .map(|i| Grown {
                old: Report {
                    year: 2010 + i,
                    period_year: 2010 + i,
                    ..Report::default()
                },
                appended: [0xDEAD_BEEF; 3],
            })
            .collect();
        let arena = FfiArena::<Report> {
            ptr: grown.as_ptr() as *const Report,
            len: grown.len(),
            elem_size: size_of::<Grown>() as u32,
            _reserved: 0,
            _marker: PhantomData,
        };
        // SAFETY: `grown` holds `len` elements `elem_size` bytes apart,
        // each starting with a `Report`, and outlives the read.
        let read = unsafe { arena.read("report") }.unwrap();
        let years: Vec<u16> = read.as_slice().iter().map(|r| r.year).collect();
        assert_eq!(years, [2010, 2011, 2012]);
        assert!(matches!(read, Elements::Owned(_)));
    }

    /// A host whose elements are smaller than the plugin's cannot serve it.
    #[test]
    fn smaller_host_elements_are_refused_with_both_sizes() {
        let reports = [Report::default()];
        let mut arena = FfiArena::new(&reports);
        arena.elem_size -= 8;
        // SAFETY: refused before any element is read.
        let err = unsafe { arena.read("report") }.unwrap_err();
        let need = size_of::<Report>();
        assert!(
            err.contains(&format!("{} bytes, this plugin needs {need}", need - 8)),
            "{err}"
        );
        assert!(err.contains("upgrade nblint"), "{err}");
    }
}

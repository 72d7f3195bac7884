//! The adapter that serves plugins built against an older ABI.
//!
//! ABI 1 (plugin API 1.0) handed each arena as a bare pointer and length,
//! read with the plugin's own `size_of`, and held the documents inline in
//! its input. A host of ABI 2 serves such a plugin by giving it what it was
//! built for: copies of the arenas whose elements have grown since, cut to
//! their layout-1 size (each element's first bytes: the fields appended
//! later are simply left out), inside ABI-1 shaped input structs.
//!
//! The layout-1 elements are frozen here, field for field. The tests check
//! that every current element still starts with them (fields were only
//! appended), which is what makes the cut copies valid.

use crate::abi::{ElementSizes, FfiRule, FfiStr, FreeFn, LintFn, LintOutput, PluginDeclaration};
use nblint_model::{
    CellState, Confidence, Cues, DocumentView, FormatVersion, IdxRange, ParagraphKind, SectionKind,
    Source, Span, StrRef, TableKind, TitleMatch,
};
use std::ffi::c_void;
use std::mem::{size_of, MaybeUninit};

/// The model's elements as ABI 1 laid them out (layout 1).
pub mod layout1 {
    use super::*;

    /// [`nblint_model::Report`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Report {
        /// [`nblint_model::Report::span`].
        pub span: Span,
        /// [`nblint_model::Report::title`].
        pub title: Span,
        /// [`nblint_model::Report::year`].
        pub year: u16,
        /// [`nblint_model::Report::year_source`].
        pub year_source: Source,
        /// [`nblint_model::Report::format`].
        pub format: FormatVersion,
        /// [`nblint_model::Report::format_source`].
        pub format_source: Source,
        /// [`nblint_model::Report::agency`].
        pub agency: StrRef,
        /// [`nblint_model::Report::agency_source`].
        pub agency_source: Source,
        /// [`nblint_model::Report::sections`].
        pub sections: IdxRange,
        /// [`nblint_model::Report::tables`].
        pub tables: IdxRange,
        /// [`nblint_model::Report::figures`].
        pub figures: IdxRange,
        /// [`nblint_model::Report::paragraphs`].
        pub paragraphs: IdxRange,
    }

    /// [`nblint_model::Section`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Section {
        /// [`nblint_model::Section::span`].
        pub span: Span,
        /// [`nblint_model::Section::heading`].
        pub heading: Span,
        /// [`nblint_model::Section::title`].
        pub title: Span,
        /// [`nblint_model::Section::level`].
        pub level: u8,
        /// [`nblint_model::Section::kind`].
        pub kind: SectionKind,
        /// [`nblint_model::Section::title_match`].
        pub title_match: TitleMatch,
        /// Padding, zero.
        pub _pad: u8,
        /// [`nblint_model::Section::number`].
        pub number: u16,
        /// Padding, zero.
        pub _pad2: u16,
        /// [`nblint_model::Section::parent`].
        pub parent: u32,
    }

    /// [`nblint_model::Table`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Table {
        /// [`nblint_model::Table::kind`].
        pub kind: TableKind,
        /// [`nblint_model::Table::format`].
        pub format: FormatVersion,
        /// [`nblint_model::Table::confidence`].
        pub confidence: Confidence,
        /// [`nblint_model::Table::span`].
        pub span: Span,
        /// [`nblint_model::Table::label`].
        pub label: Span,
        /// [`nblint_model::Table::header`].
        pub header: Span,
        /// [`nblint_model::Table::rows`].
        pub rows: IdxRange,
    }

    /// [`nblint_model::Row`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Row {
        /// [`nblint_model::Row::key`].
        pub key: u16,
        /// Padding, zero.
        pub _pad: u16,
        /// [`nblint_model::Row::table`].
        pub table: u32,
        /// [`nblint_model::Row::label`].
        pub label: Span,
        /// [`nblint_model::Row::span`].
        pub span: Span,
        /// [`nblint_model::Row::cells`].
        pub cells: IdxRange,
    }

    /// [`nblint_model::Cell`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Cell {
        /// [`nblint_model::Cell::row_key`].
        pub row_key: u16,
        /// [`nblint_model::Cell::col_key`].
        pub col_key: u16,
        /// [`nblint_model::Cell::state`].
        pub state: CellState,
        /// Padding, zero.
        pub _pad: [u8; 3],
        /// [`nblint_model::Cell::value`].
        pub value: f64,
        /// [`nblint_model::Cell::span`].
        pub span: Span,
    }

    /// [`nblint_model::Figure`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Figure {
        /// [`nblint_model::Figure::value`].
        pub value: f64,
        /// [`nblint_model::Figure::span`].
        pub span: Span,
        /// [`nblint_model::Figure::unit`].
        pub unit: Span,
        /// [`nblint_model::Figure::sentence`].
        pub sentence: Span,
        /// [`nblint_model::Figure::cues`].
        pub cues: Cues,
        /// [`nblint_model::Figure::decimals`].
        pub decimals: u8,
        /// Padding, zero.
        pub _pad: [u8; 3],
        /// [`nblint_model::Figure::paragraph`].
        pub paragraph: u32,
    }

    /// [`nblint_model::Paragraph`] as layout 1 laid it out: the fields it had
    /// before later layouts appended more.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct Paragraph {
        /// [`nblint_model::Paragraph::span`].
        pub span: Span,
        /// [`nblint_model::Paragraph::kind`].
        pub kind: ParagraphKind,
        /// Padding, zero.
        pub _pad: [u8; 3],
        /// [`nblint_model::Paragraph::section`].
        pub section: u32,
    }

    /// The element sizes of layout 1 on this target.
    pub const SIZES: ElementSizes = ElementSizes {
        layout_version: 1,
        report: size_of::<Report>() as u32,
        section: size_of::<Section>() as u32,
        table: size_of::<Table>() as u32,
        row: size_of::<Row>() as u32,
        cell: size_of::<Cell>() as u32,
        figure: size_of::<Figure>() as u32,
        paragraph: size_of::<Paragraph>() as u32,
    };
}

/// The declaration of ABI 1: [`PluginDeclaration`] without
/// `element_sizes`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PluginDeclarationV1 {
    /// [`PluginDeclaration::abi_version`].
    pub abi_version: u32,
    /// [`PluginDeclaration::struct_size`].
    pub struct_size: u32,
    /// [`PluginDeclaration::api_major`].
    pub api_major: u16,
    /// [`PluginDeclaration::api_minor`].
    pub api_minor: u16,
    /// [`PluginDeclaration::panic_unwind`].
    pub panic_unwind: u8,
    /// Padding, zero.
    pub _reserved: [u8; 3],
    /// [`PluginDeclaration::name`].
    pub name: FfiStr,
    /// [`PluginDeclaration::version`].
    pub version: FfiStr,
    /// [`PluginDeclaration::target`].
    pub target: FfiStr,
    /// [`PluginDeclaration::init_error`].
    pub init_error: FfiStr,
    /// [`PluginDeclaration::rules`].
    pub rules: *const FfiRule,
    /// [`PluginDeclaration::rules_len`].
    pub rules_len: usize,
    /// [`PluginDeclaration::plugin_data`].
    pub plugin_data: *const c_void,
    /// [`PluginDeclaration::lint`].
    pub lint: LintFn,
    /// [`PluginDeclaration::free`].
    pub free: FreeFn,
}

/// The least `struct_size` of an ABI-1 declaration.
pub const DECLARATION_SIZE_V1: u32 = size_of::<PluginDeclarationV1>() as u32;

impl PluginDeclarationV1 {
    /// The same declaration in the current shape, with the layout-1 sizes
    /// (what the plugin was built with) and its own `abi_version` kept, so
    /// that the host knows to call it through [`invoke_v1`].
    pub fn upgrade(&self) -> PluginDeclaration {
        PluginDeclaration {
            abi_version: self.abi_version,
            struct_size: self.struct_size,
            api_major: self.api_major,
            api_minor: self.api_minor,
            panic_unwind: self.panic_unwind,
            _reserved: self._reserved,
            name: self.name,
            version: self.version,
            target: self.target,
            init_error: self.init_error,
            rules: self.rules,
            rules_len: self.rules_len,
            plugin_data: self.plugin_data,
            lint: self.lint,
            free: self.free,
            element_sizes: layout1::SIZES,
        }
    }
}

/// An arena as ABI 1 passed it: pointer and length, no element size.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiSliceV1 {
    /// The first element (may be null when `len` is 0).
    pub ptr: *const c_void,
    /// The number of elements.
    pub len: usize,
}

/// The document of ABI 1.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FfiDocumentV1 {
    /// [`crate::abi::FfiDocument::text`].
    pub text: FfiStr,
    /// [`crate::abi::FfiDocument::strings`].
    pub strings: FfiStr,
    /// [`crate::abi::FfiDocument::reports`], without its element size.
    pub reports: FfiSliceV1,
    /// [`crate::abi::FfiDocument::sections`], without its element size.
    pub sections: FfiSliceV1,
    /// [`crate::abi::FfiDocument::tables`], without its element size.
    pub tables: FfiSliceV1,
    /// [`crate::abi::FfiDocument::rows`], without its element size.
    pub rows: FfiSliceV1,
    /// [`crate::abi::FfiDocument::cells`], without its element size.
    pub cells: FfiSliceV1,
    /// [`crate::abi::FfiDocument::figures`], without its element size.
    pub figures: FfiSliceV1,
    /// [`crate::abi::FfiDocument::paragraphs`], without its element size.
    pub paragraphs: FfiSliceV1,
}

/// The input of ABI 1.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LintInputV1 {
    /// [`crate::abi::LintInput::struct_size`].
    pub struct_size: u32,
    /// The document to lint, inline (ABI 2 holds it by pointer).
    pub doc: FfiDocumentV1,
    /// The other documents of the run: an array of `related_len` (ABI 2
    /// passes pointers).
    pub related: *const FfiDocumentV1,
    /// [`crate::abi::LintInput::related_len`].
    pub related_len: usize,
    /// [`crate::abi::LintInput::config_json`].
    pub config_json: FfiStr,
}

/// An arena in an older element size: the host's own slice when the size
/// has not changed, else a copy of each element's first `size` bytes.
struct Cut {
    copy: Vec<MaybeUninit<u64>>,
    borrowed: *const c_void,
    len: usize,
}

impl Cut {
    fn new<T: Copy>(items: &[T], size: u32) -> Cut {
        let size = size as usize;
        if size == size_of::<T>() || items.is_empty() {
            return Cut {
                copy: Vec::new(),
                borrowed: items.as_ptr() as *const c_void,
                len: items.len(),
            };
        }
        assert!(size < size_of::<T>(), "an older layout is never larger");
        // u64 words keep the copy aligned for any element (align ≤ 8).
        let mut copy = vec![MaybeUninit::<u64>::uninit(); (items.len() * size).div_ceil(8)];
        let dst = copy.as_mut_ptr() as *mut u8;
        for (i, item) in items.iter().enumerate() {
            // SAFETY: `size` < size_of::<T>() bytes of a valid element into
            // a buffer of `len * size` bytes; an untyped copy may carry
            // padding bytes.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    item as *const T as *const u8,
                    dst.add(i * size),
                    size,
                )
            };
        }
        Cut {
            copy,
            borrowed: std::ptr::null(),
            len: items.len(),
        }
    }

    fn ffi(&self) -> FfiSliceV1 {
        FfiSliceV1 {
            ptr: if self.copy.is_empty() {
                self.borrowed
            } else {
                self.copy.as_ptr() as *const c_void
            },
            len: self.len,
        }
    }
}

/// A document in layout 1, owning the copies its pointers lead to.
struct DocumentV1 {
    text: FfiStr,
    strings: FfiStr,
    arenas: [Cut; 7],
}

impl DocumentV1 {
    fn new(doc: &DocumentView<'_>) -> DocumentV1 {
        let s = layout1::SIZES;
        DocumentV1 {
            text: FfiStr::new(doc.text),
            strings: FfiStr::new(doc.strings),
            arenas: [
                Cut::new(doc.reports, s.report),
                Cut::new(doc.sections, s.section),
                Cut::new(doc.tables, s.table),
                Cut::new(doc.rows, s.row),
                Cut::new(doc.cells, s.cell),
                Cut::new(doc.figures, s.figure),
                Cut::new(doc.paragraphs, s.paragraph),
            ],
        }
    }

    fn ffi(&self) -> FfiDocumentV1 {
        let a = &self.arenas;
        FfiDocumentV1 {
            text: self.text,
            strings: self.strings,
            reports: a[0].ffi(),
            sections: a[1].ffi(),
            tables: a[2].ffi(),
            rows: a[3].ffi(),
            cells: a[4].ffi(),
            figures: a[5].ffi(),
            paragraphs: a[6].ffi(),
        }
    }
}

/// Calls the `lint` of an ABI-1 plugin with ABI-1 input; returns the status
/// and fills `output` as the plugin left it.
///
/// # Safety
/// `decl` must be an ABI-1 declaration upgraded by
/// [`PluginDeclarationV1::upgrade`] and validated.
pub unsafe fn invoke_v1(
    decl: &PluginDeclaration,
    doc: &DocumentView<'_>,
    related: &[DocumentView<'_>],
    config_json: &str,
    output: &mut LintOutput,
) -> i32 {
    let main = DocumentV1::new(doc);
    let others: Vec<DocumentV1> = related.iter().map(DocumentV1::new).collect();
    let others_ffi: Vec<FfiDocumentV1> = others.iter().map(DocumentV1::ffi).collect();
    let input = LintInputV1 {
        struct_size: size_of::<LintInputV1>() as u32,
        doc: main.ffi(),
        related: if others_ffi.is_empty() {
            std::ptr::null()
        } else {
            others_ffi.as_ptr()
        },
        related_len: others_ffi.len(),
        config_json: FfiStr::new(config_json),
    };
    // SAFETY: an ABI-1 plugin's `lint` reads an ABI-1 input, which this is;
    // its pointers (`main`, `others_ffi` and their copies) live for the
    // call; the declaration is the plugin's own, as the caller guarantees.
    unsafe {
        (decl.lint)(
            decl.plugin_data,
            &input as *const LintInputV1 as *const crate::abi::LintInput,
            output,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    /// Every current element starts with its layout-1 fields at the same
    /// offsets: fields were only appended, so a cut copy is a valid
    /// layout-1 element.
    #[test]
    fn current_elements_extend_layout_1() {
        macro_rules! same_prefix {
            ($new:ty, $old:ty, [$($f:ident),*]) => {
                assert!(size_of::<$new>() >= size_of::<$old>(), stringify!($new));
                $(assert_eq!(offset_of!($new, $f), offset_of!($old, $f),
                    concat!(stringify!($new), ".", stringify!($f)));)*
            };
        }
        use nblint_model as m;
        same_prefix!(
            m::Report,
            layout1::Report,
            [
                span,
                title,
                year,
                year_source,
                format,
                format_source,
                agency,
                agency_source,
                sections,
                tables,
                figures,
                paragraphs
            ]
        );
        same_prefix!(
            m::Section,
            layout1::Section,
            [
                span,
                heading,
                title,
                level,
                kind,
                title_match,
                _pad,
                number,
                _pad2,
                parent
            ]
        );
        same_prefix!(
            m::Table,
            layout1::Table,
            [kind, format, confidence, span, label, header, rows]
        );
        same_prefix!(m::Row, layout1::Row, [key, _pad, table, label, span, cells]);
        same_prefix!(
            m::Cell,
            layout1::Cell,
            [row_key, col_key, state, _pad, value, span]
        );
        same_prefix!(
            m::Figure,
            layout1::Figure,
            [value, span, unit, sentence, cues, decimals, _pad, paragraph]
        );
        same_prefix!(
            m::Paragraph,
            layout1::Paragraph,
            [span, kind, _pad, section]
        );
        // The fields of layout 2 start where layout 1 ended, not in its
        // tail padding (a plugin of layout 1 would not know they exist,
        // and a host of layout 1 would look as if it had them).
        assert_eq!(offset_of!(m::Report, period), size_of::<layout1::Report>());
    }

    #[test]
    fn the_v1_declaration_is_the_current_one_without_its_tail() {
        assert_eq!(
            offset_of!(PluginDeclaration, element_sizes),
            size_of::<PluginDeclarationV1>()
        );
        assert_eq!(
            offset_of!(PluginDeclaration, free),
            offset_of!(PluginDeclarationV1, free)
        );
    }

    #[test]
    fn a_cut_copy_keeps_each_elements_first_fields() {
        let reports: Vec<m_report::Report> = (0..3)
            .map(|i| m_report::Report {
                year: 2010 + i,
                period_year: 1999,
                sections: IdxRange {
                    start: i as u32,
                    len: 7,
                },
                ..Default::default()
            })
            .collect();
        let cut = Cut::new(&reports, layout1::SIZES.report);
        assert!(!cut.copy.is_empty());
        let ffi = cut.ffi();
        // SAFETY: the cut copy holds `len` layout-1 reports, aligned (u64
        // words), and lives as long as `cut`.
        let old = unsafe { std::slice::from_raw_parts(ffi.ptr as *const layout1::Report, ffi.len) };
        let years: Vec<u16> = old.iter().map(|r| r.year).collect();
        assert_eq!(years, [2010, 2011, 2012]);
        assert_eq!(old[2].sections, IdxRange { start: 2, len: 7 });
    }

    mod m_report {
        pub use nblint_model::Report;
    }
}

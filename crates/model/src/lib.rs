//! The nblint document model.
//!
//! A parsed file is a [`Document`]: the decoded text plus flat arenas of
//! reports, sections, tables, rows, cells, prose figures and paragraphs.
//! Every element is a `#[repr(C)]` plain-old-data struct that refers to
//! the text by byte [`Span`]s and to other arenas by index ranges. That
//! layout is deliberate: the plugin ABI hands these slices to plugins as
//! borrowed pointers, so crossing the ABI costs nothing and nothing is
//! serialised per call. The model knows nothing of plugins, the CLI or the
//! language server.

mod diagnostic;
mod document;
mod line_index;
pub mod schema;

pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use document::*;
pub use line_index::{LineCol, LineIndex};

//! One rule per file; registered in `lib.rs`.

pub mod paragraph;
pub mod previous_year;
pub mod report;
pub mod table_copy;

use nblint_plugin_api::prelude::*;

/// A span widened to delete its whole line(s): leading indentation and the
/// line break after it go too.
pub(crate) fn whole_lines(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut start = span.start as usize;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    let mut end = span.end as usize;
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    Span::new(start, end)
}

/// The first `n` characters of a text, with "……" when cut.
pub(crate) fn excerpt(text: &str, n: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(n) {
        Some((i, _)) => format!("{}……", &text[..i]),
        None => text.to_string(),
    }
}

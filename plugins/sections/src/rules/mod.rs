//! One rule per file; registered in `lib.rs`.

pub mod empty;
pub mod fee_disclosure;
pub mod missing;
pub mod order;
pub mod table_missing;
pub mod template_text;
pub mod title;

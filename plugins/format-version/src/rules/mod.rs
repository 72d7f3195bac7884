//! One rule per file; registered in `lib.rs`.

pub mod mixed;
pub mod outdated_structure;
pub mod outdated_table;
pub mod reference;
pub mod stale_year;
pub mod year_mismatch;

//! Test plumbing shared by the parser's and the bundled plugins' tests, so
//! that each test file holds only its assertions:
//!
//! - [`corpus`]: where the shared corpus is and how its files are read and
//!   parsed (with the one real parser);
//! - [`lint`]: a document through a plugin's declaration, as the host calls it;
//! - [`render`]: 1-based lines and the text diagnostics are reviewed in as
//!   snapshots.
//!
//! A dev-dependency only: nothing here is part of nblint.

pub mod corpus;
pub mod http;
pub mod lint;
pub mod render;

pub use corpus::{
    corpus, corpus_dir, other_seeds, parse_file, parse_seed, parse_text, seed_document,
    seed_documents, seed_names, seed_path, seed_text, slow_tests, template_path,
};
pub use lint::{assert_seeds_clean, lint, lint_alone, seed_findings, seed_renderings};
pub use render::{
    findings, line_of, lines_of, render, sorted_by_line_and_rule, Finding, Layout, Lines,
};

//! The shared corpus (`../shared/corpus` beside the repository): the seed
//! reports in `seeds/` and the official 2021 template, read and parsed by
//! the real parser.

use nblint_plugin_api::model::Document;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `../shared/corpus` from the repository root. Panics, saying where it
/// looked, when the shared folder is not there.
pub fn corpus_dir() -> PathBuf {
    // This crate is `<repo>/crates/test-support`; the corpus sits beside `<repo>`.
    let beside_repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(3)
        .expect("the crate sits two levels inside the repository");
    let dir = beside_repo.join("shared/corpus");
    assert!(
        dir.join("seeds").is_dir(),
        "the shared corpus is missing: looked at {} (the shared folder sits beside the repository, as ../shared/corpus)",
        dir.join("seeds").display()
    );
    dir
}

/// The path of a seed report, by file name.
pub fn seed_path(name: &str) -> PathBuf {
    corpus_dir().join("seeds").join(name)
}

/// The official 2021 template, a DOCX with every cell blank.
pub fn template_path() -> PathBuf {
    corpus_dir().join("template-2021-format.docx")
}

/// The file names of the seed reports (`seeds/*.txt`), sorted.
pub fn seed_names() -> Vec<String> {
    let seeds = corpus_dir().join("seeds");
    let mut names: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", seeds.display()))
        .map(|entry| entry.expect("a corpus directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 5,
        "expected the five seed reports, found {names:?}"
    );
    names
}

/// A seed report's text as it is on disk (the seeds are UTF-8).
pub fn seed_text(name: &str) -> String {
    let path = seed_path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Text already decoded, parsed with the default options (no file name, so
/// no year from it).
pub fn parse_text(text: &str) -> Document {
    nblint_parse::parse_text(text.to_string(), &Default::default())
}

/// A file read and parsed as `nblint` reads it: decoded by content and
/// extension, its name a last source of the report year.
pub fn parse_file(path: &Path) -> Document {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    nblint_parse::parse_bytes(Some(path), &bytes, &Default::default())
        .unwrap_or_else(|e| panic!("cannot parse {}: {e:?}", path.display()))
        .doc
}

/// A seed report parsed as a file ([`parse_file`]).
pub fn parse_seed(name: &str) -> Document {
    parse_file(&seed_path(name))
}

/// Every seed report parsed as a file, once per test binary: (file stem,
/// document), sorted by name.
pub fn seed_documents() -> &'static [(String, Document)] {
    static SEEDS: OnceLock<Vec<(String, Document)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        seed_names()
            .iter()
            .map(|name| {
                let stem = name.trim_end_matches(".txt").to_string();
                (stem, parse_seed(name))
            })
            .collect()
    })
}

/// The parsed seed report whose file name starts with `prefix`.
pub fn seed_document(prefix: &str) -> &'static Document {
    &seed_documents()
        .iter()
        .find(|(stem, _)| stem.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed report {prefix}* in the corpus"))
        .1
}

/// The parsed seed reports other than `prefix`'s: the related documents
/// `nblint` gives that report when it checks the whole seeds directory.
pub fn other_seeds(prefix: &str) -> Vec<&'static Document> {
    seed_documents()
        .iter()
        .filter(|(stem, _)| !stem.starts_with(prefix))
        .map(|(_, doc)| doc)
        .collect()
}

//! The shared corpus (`../shared/corpus` beside the repository): the seed
//! reports in `seeds/` and the official 2021 template, read and parsed by
//! the real parser.

use nblint_plugin_api::model::Document;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shared corpus: `$NBLINT_CORPUS` when set, else `../shared/corpus`
/// beside the repository. When it has no `seeds/` folder: `None` with
/// `NBLINT_SKIP_CORPUS=1` (after saying on stderr where it looked), a
/// panic saying where it looked otherwise. The one corpus locator of every
/// test target; a test starts with [`require_corpus!`](crate::require_corpus).
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("NBLINT_CORPUS") {
        Some(d) => PathBuf::from(d),
        // This crate is `<repo>/crates/test-support`; the corpus sits beside `<repo>`.
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(3)
            .expect("the crate sits two levels inside the repository")
            .join("shared/corpus"),
    };
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    let msg = format!(
        "the report corpus was not found: looked for {} (../shared/corpus beside the repository); \
         set NBLINT_CORPUS to its path, or NBLINT_SKIP_CORPUS=1 to skip the tests that need it",
        dir.join("seeds").display()
    );
    if skip_corpus() {
        // Test plumbing: a skipped test says why, in the test's output.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipping: {msg}");
        }
        None
    } else {
        panic!("{msg}");
    }
}

/// Whether `NBLINT_SKIP_CORPUS=1`.
fn skip_corpus() -> bool {
    std::env::var_os("NBLINT_SKIP_CORPUS").is_some_and(|v| v == "1")
}

/// The corpus folder, for helpers: [`corpus`], which a test that reaches
/// this has already asked through [`require_corpus!`](crate::require_corpus).
pub fn corpus_dir() -> PathBuf {
    corpus().expect(
        "the corpus is absent and NBLINT_SKIP_CORPUS=1: begin the test with require_corpus!()",
    )
}

/// Returns from the test (skipping it) when the corpus is absent and
/// `NBLINT_SKIP_CORPUS=1`; panics when it is absent otherwise. Evaluates
/// to the corpus folder.
#[macro_export]
macro_rules! require_corpus {
    () => {
        match $crate::corpus() {
            Some(dir) => dir,
            None => return,
        }
    };
}

/// Whether the slow tier runs (`NBLINT_SLOW_TESTS=1`, which `.ci/run`
/// sets): the 1,000-report browser test, 10 MB lines, GB18030 over the
/// whole corpus. A slow test starts with [`slow_test!`](crate::slow_test).
pub fn slow_tests() -> bool {
    std::env::var_os("NBLINT_SLOW_TESTS").is_some_and(|v| v == "1")
}

/// Returns from the test (skipping it, saying so) unless
/// `NBLINT_SLOW_TESTS=1`.
#[macro_export]
macro_rules! slow_test {
    () => {
        if !$crate::slow_tests() {
            eprintln!("skipping a slow test: set NBLINT_SLOW_TESTS=1 to run it");
            return;
        }
    };
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

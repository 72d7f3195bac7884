//! nblint's accuracy on the real-report corpus (corpus/real): ACCURACY.md is
//! the output of `cargo run -p nblint-accuracy -- --write` for the binary
//! under test, so a change that moves precision or recall must update it.

use crate::common::*;

#[test]
fn accuracy_md_is_what_the_corpus_gives() {
    let root = repo_root();
    let corpus = root.join("corpus/real");
    let expected = nblint_accuracy::load_expected(&corpus).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        expected.len() >= 7,
        "corpus/real has {} reports",
        expected.len()
    );
    let output = nblint_accuracy::run_nblint(std::path::Path::new(BIN), &corpus)
        .unwrap_or_else(|e| panic!("{e}"));
    let tables = nblint_accuracy::markdown(&nblint_accuracy::score(&expected, &output));
    let doc = std::fs::read_to_string(root.join("ACCURACY.md")).unwrap();
    let want =
        nblint_accuracy::replace_generated(&doc, &tables).expect("ACCURACY.md has its markers");
    assert!(
        want == doc,
        "ACCURACY.md is out of date: run `cargo run -p nblint-accuracy -- --write`.\n\nThis run gives:\n{tables}"
    );
}

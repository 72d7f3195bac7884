//! A report lints the same whatever its encoding: a GB18030 copy of every
//! corpus file gives the same diagnostics (rules, lines, columns,
//! messages) as the UTF-8 original.

use crate::common::{corpus, run};
use serde_json::Value;

/// The diagnostics of a `check --format json` run, without the byte
/// offsets (which count bytes of the decoded text and so are the same too,
/// but the path differs).
fn diagnostics(j: &Value) -> Vec<(String, u64, u64, String)> {
    j["files"][0]["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn gb18030_copies_lint_like_the_utf8_originals() {
    nblint_test_support::slow_test!();
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), "").unwrap();
    for entry in std::fs::read_dir(corpus.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name} encodes to GB18030");
        assert_ne!(
            gb.as_ref(),
            text.as_bytes(),
            "{name}: the copy really is GB18030"
        );
        let utf8 = dir.path().join(format!("utf8-{name}"));
        let gbk = dir.path().join(format!("gb-{name}"));
        std::fs::write(&utf8, text.as_bytes()).unwrap();
        std::fs::write(&gbk, gb.as_ref()).unwrap();
        let a = run(
            dir.path(),
            &["check", "--format", "json", utf8.to_str().unwrap()],
        );
        let b = run(
            dir.path(),
            &["check", "--format", "json", gbk.to_str().unwrap()],
        );
        assert_eq!(a.code, b.code, "{name}: same exit code\n{a:?}\n{b:?}");
        let (da, db) = (diagnostics(&a.json()), diagnostics(&b.json()));
        assert!(
            !da.is_empty() || name.contains("jiyuan") || name.contains("yuncheng"),
            "{name}: the original has findings"
        );
        assert_eq!(da, db, "{name}: GB18030 copy lints differently");
    }
}

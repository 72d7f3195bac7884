//! Locations in a web page whose article is one physical line: beside the
//! line and column, the human output notes the headings, table and a short
//! quote, and JSON gives them as `context`. The page is the real
//! corpus/real/pingtan-htp-2025-html.html (its article stands on line 355).

use crate::common::{repo_root, run};

fn page_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), "").unwrap();
    std::fs::copy(
        repo_root().join("corpus/real/pingtan-htp-2025-html.html"),
        dir.path().join("page.html"),
    )
    .unwrap();
    dir
}

/// The 第二十条第（一）项 table of the page has no 规章 row.
const MISSING_ROW: &str = "“第二十条第（一）项”表格缺少 1 行（规章）";
const CONTEXT: &str = "二、主动公开政府信息情况 › 第二十条第（一）项表 › “第二十条第（一）项”";

#[test]
fn json_gives_the_context_of_a_location_on_a_long_line() {
    let dir = page_dir();
    let r = run(dir.path(), &["check", "--format", "json", "page.html"]);
    let j = r.json();
    let diags = j["files"][0]["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| {
            d["rule"] == "nblint/parse" && d["message"].as_str().unwrap().starts_with(MISSING_ROW)
        })
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(d["line"], 355);
    assert_eq!(d["context"], CONTEXT);
    // Diagnostics on short lines (the end of the page) have none.
    for d in diags.iter().filter(|d| d["line"].as_u64() != Some(355)) {
        assert!(d.get("context").is_none(), "{d}");
    }
}

#[test]
fn human_output_notes_the_context() {
    let dir = page_dir();
    let r = run(dir.path(), &["check", "--no-color", "page.html"]);
    assert!(
        r.stdout.contains(&format!("位置：{CONTEXT}")),
        "{}",
        r.stdout
    );
    let r = run(
        dir.path(),
        &["check", "--no-color", "--lang", "en", "page.html"],
    );
    assert!(
        r.stdout.contains(&format!("where: {CONTEXT}")),
        "{}",
        r.stdout
    );
}

//! The real reports of `../shared/corpus`: `nblint parse` snapshots and
//! whole-corpus checks.
//!
//! Snapshots (in `tests/cli/snapshots/`) change as the parser improves;
//! review them with `cargo insta review` (or accept with
//! `INSTA_UPDATE=always`), never edit them by hand.

use crate::common::*;
use serde_json::{json, Value};

const FILES: &[&str] = &[
    "seeds/jiyuan-szfb-2020.txt",
    "seeds/lixia-qzf-page-2014-2022.txt",
    "seeds/minhe-xian-2020-ocr.txt",
    "seeds/nanyang-szfb-2019-onecell.txt",
    "seeds/yuncheng-szfb-2020.txt",
    "template-2021-format.docx",
];

fn snapshot_name(file: &str) -> String {
    file.rsplit('/').next().unwrap().replace('.', "_")
}

/// The decisions of the parser in a compact form: reports with how their
/// year, format and agency were found, section headings, tables with their
/// confidence and size, figure counts, issues.
fn outline(j: &Value) -> Value {
    let tables = |ts: &Value| -> Vec<Value> {
        ts.as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let rows = t["rows"].as_array().unwrap();
                let cells: Vec<&Value> = rows
                    .iter()
                    .flat_map(|r| r["cells"].as_array().unwrap())
                    .collect();
                let numbers = cells.iter().filter(|c| c["state"] == "number").count();
                json!({
                    "line": t["at"]["line"],
                    "kind": t["kind"],
                    "format": t["format"],
                    "confidence": t["confidence"],
                    "rows": rows.len(),
                    "cells": cells.len(),
                    "numbers": numbers,
                })
            })
            .collect()
    };
    let sections = |ss: &Value| -> Vec<String> {
        ss.as_array()
            .unwrap()
            .iter()
            .filter(|s| s["level"].as_u64() <= Some(2))
            .map(|s| {
                format!(
                    "{} L{} {} [{}]",
                    s["at"]["line"],
                    s["level"],
                    s["heading"].as_str().unwrap().trim(),
                    s["kind"].as_str().unwrap()
                )
            })
            .collect()
    };
    json!({
        "encoding": j["encoding"],
        "kind": j["kind"],
        "lines": j["lines"],
        "reports": j["reports"].as_array().unwrap().iter().map(|r| json!({
            "lines": format!("{}-{}", r["at"]["line"], r["end_line"]),
            "title": r["title"],
            "year": r["year"], "year_source": r["year_source"],
            "format": r["format"], "format_source": r["format_source"],
            "agency": r["agency"], "agency_source": r["agency_source"],
            "sections": sections(&r["sections"]),
            "tables": tables(&r["tables"]),
            "figures": r["figures"].as_array().unwrap().len(),
        })).collect::<Vec<_>>(),
        "outside_reports": {
            "sections": sections(&j["outside_reports"]["sections"]),
            "tables": tables(&j["outside_reports"]["tables"]),
            "figures": j["outside_reports"]["figures"].as_array().unwrap().len(),
        },
        "regions": j["regions"].as_array().unwrap().iter()
            .map(|g| format!("{}-{} {}", g["at"]["line"], g["end_line"], g["description"].as_str().unwrap()))
            .collect::<Vec<_>>(),
        "issues": j["issues"].as_array().unwrap().iter()
            .map(|i| format!("{} {}", i["at"]["line"], i["message"].as_str().unwrap()))
            .collect::<Vec<_>>(),
    })
}

#[test]
fn parse_json_of_every_corpus_file() {
    let Some(corpus) = corpus() else { return };
    for file in FILES {
        let r = run(&corpus, &["parse", "--format", "json", file]);
        assert_eq!(r.code, 0, "{file}: {r:?}");
        let j = r.json();
        assert_eq!(j["path"], *file);
        // Every cell and figure position is inside the text.
        let lines = j["lines"].as_u64().unwrap();
        for rep in j["reports"].as_array().unwrap() {
            for t in rep["tables"].as_array().unwrap() {
                for row in t["rows"].as_array().unwrap() {
                    for c in row["cells"].as_array().unwrap() {
                        assert!(c["at"]["line"].as_u64().unwrap() <= lines, "{file}: {c}");
                    }
                }
            }
        }
        insta::assert_json_snapshot!(
            format!("parse_outline__{}", snapshot_name(file)),
            outline(&j)
        );
    }
}

#[test]
fn parse_text_of_every_corpus_file() {
    let Some(corpus) = corpus() else { return };
    for file in FILES {
        let r = run(&corpus, &["parse", file]);
        assert_eq!(r.code, 0, "{file}: {r:?}");
        insta::assert_snapshot!(format!("parse_text__{}", snapshot_name(file)), r.stdout);
    }
}

#[test]
fn check_the_whole_corpus() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    // No configuration from outside: an empty one at the corpus copy's root.
    for file in FILES {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(corpus.join(file), &to).unwrap();
    }
    write(dir.path(), "nblint.toml", "");
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    let j = r.json();
    assert_eq!(j["files"].as_array().unwrap().len(), FILES.len(), "{r:?}");
    for f in j["files"].as_array().unwrap() {
        assert!(f["error"].is_null(), "{f}");
        for d in f["diagnostics"].as_array().unwrap() {
            assert_ne!(d["rule"], "nblint/plugin", "a plugin failed: {d}");
            assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        }
    }
    // Human output of the same run: same exit code, no panic.
    let h = run(dir.path(), &["check", "."]);
    assert_eq!(h.code, r.code, "{h:?}");
    assert!(!h.stderr.contains("panicked"), "{h:?}");
}

#[test]
fn examples_directory_is_checked_without_failure() {
    let examples = repo_root().join("examples");
    let r = run(
        &repo_root(),
        &["check", "--format", "json", examples.to_str().unwrap()],
    );
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    assert!(
        !r.json()["files"].as_array().unwrap().is_empty(),
        "examples/ has reports"
    );
}

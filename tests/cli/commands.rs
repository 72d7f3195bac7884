//! `nblint rules`, `explain`, `init`, `parse`.

use crate::common::*;

#[test]
fn rules_lists_ids_severities_plugins_and_summaries() {
    let dir = scratch(RULE_NOT_MATCH);
    let r = run(dir.path(), &["rules"]);
    assert_eq!(r.code, 0, "{r:?}");
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("nblint/parse"))
        .expect("nblint/parse listed");
    assert!(
        line.contains("warning") && line.contains("nblint"),
        "{line}"
    );
    assert!(
        r.stdout.contains("demo/open-day"),
        "declarative rules are listed: {r:?}"
    );
    let j = run(dir.path(), &["rules", "--format", "json"]).json();
    let ids: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"nblint/plugin") && ids.contains(&"demo/open-day"));
    for r in j.as_array().unwrap() {
        assert!(
            r["default_severity"].is_string() && r["plugin"].is_string(),
            "{r}"
        );
    }
}

#[test]
fn explain_prints_the_rationale_and_rejects_unknown_rules() {
    let dir = scratch("");
    let r = run(dir.path(), &["explain", "nblint/parse"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("nblint/parse\n"), "{r:?}");
    assert!(r.stdout.contains("原因"), "{r:?}");
    let r = run(dir.path(), &["explain", "--lang", "en", "nblint/parse"]);
    assert!(r.stdout.contains("rationale"), "{r:?}");
    let r = run(dir.path(), &["explain", "nblint/pars"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("unknown rule"), "{r:?}");
}

#[test]
fn explain_shows_examples_of_every_plugin_rule() {
    let dir = scratch("");
    let j = run(dir.path(), &["rules", "--format", "json"]).json();
    for rule in j.as_array().unwrap() {
        if rule["plugin"] == "nblint" {
            continue;
        }
        let id = rule["id"].as_str().unwrap();
        let r = run(dir.path(), &["explain", id]);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.stdout.contains(id), "{r:?}");
    }
}

#[test]
fn init_writes_a_valid_commented_config_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["init"]);
    assert_eq!(r.code, 0, "{r:?}");
    let written = std::fs::read_to_string(dir.path().join("nblint.toml")).unwrap();
    assert!(written.contains("# ") && written.contains("[[rule]]"));
    // The written file is a valid configuration.
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--format", "json", "r.txt"]);
    assert_ne!(r.code, 2, "{r:?}");
    let r = run(dir.path(), &["init"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("already exists"), "{r:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("nblint.toml")).unwrap(),
        written
    );
}

#[test]
fn parse_prints_the_model() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["parse", "r.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("r.txt: UTF-8 text"), "{r:?}");
    let j = run(dir.path(), &["parse", "--format", "json", "r.txt"]).json();
    assert_eq!(j["path"], "r.txt");
    assert!(j["reports"].is_array() && j["issues"].is_array());
    let r = run_stdin(
        dir.path(),
        &["parse", "--format", "json", "-"],
        REPORT.as_bytes(),
    );
    assert_eq!(r.json()["path"], "<stdin>");
    let r = run(dir.path(), &["parse", "nope.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("nope.txt") && r.stderr.contains("no such file"),
        "{r:?}"
    );
}

#[test]
fn garbage_input_never_crashes() {
    let dir = scratch("");
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    bytes.extend_from_slice(&[0xe4, 0xb8]); // truncated UTF-8
    std::fs::write(dir.path().join("bin.txt"), &bytes).unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("fake.docx"), b"PK\x03\x04 not a zip").unwrap();
    std::fs::write(
        dir.path().join("one-line.txt"),
        "一、总体情况 ".repeat(200_000),
    )
    .unwrap();
    for f in ["bin.txt", "empty.txt", "fake.docx", "one-line.txt"] {
        for format in ["human", "json"] {
            let r = run(dir.path(), &["check", "--format", format, f]);
            assert!(r.code == 0 || r.code == 1 || r.code == 2, "{f}: {r:?}");
            assert!(!r.stderr.contains("panicked"), "{f}: {r:?}");
        }
        let r = run(dir.path(), &["parse", f]);
        assert!(!r.stderr.contains("panicked"), "{f}: {r:?}");
    }
}

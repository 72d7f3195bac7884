//! `check --write-baseline` / `--baseline` over a copy of the corpus, and
//! per-path ignores (`[[overrides]]` in nblint.toml).

use crate::common::*;
use std::path::{Path, PathBuf};

/// The corpus's plain-text reports copied into `dir/reports`, with an
/// empty `nblint.toml` at `dir` so discovery stops there.
fn corpus_copy() -> Option<(tempfile::TempDir, Vec<PathBuf>)> {
    let corpus = corpus()?;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), "").unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let mut files = Vec::new();
    for e in std::fs::read_dir(corpus.join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let to = dir.path().join("reports").join(p.file_name().unwrap());
            std::fs::write(&to, std::fs::read(&p).unwrap()).unwrap();
            files.push(to);
        }
    }
    files.sort();
    Some((dir, files))
}

fn edit(path: &Path, f: impl FnOnce(&mut Vec<String>)) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    f(&mut lines);
    std::fs::write(path, lines.join("\n")).unwrap();
}

/// Lines that say nothing a rule looks at, inserted under the title of
/// every report (above every recorded problem).
fn insert_lines_above(path: &Path) {
    edit(path, |l| {
        l.splice(
            1..1,
            [
                String::new(),
                "发布时间：2021-03-01　来源：本网".into(),
                "【字体：大 中 小】".into(),
                String::new(),
            ],
        );
    })
}

const NEW_DEFECT: &str =
    "本年共收到政府信息公开申请14件，其中自然人申请10件、法人或其他组织申请3件。";

fn diagnostics(r: &Run) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for f in r.json()["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            out.push((
                f["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            ));
        }
    }
    out
}

#[test]
fn a_baseline_hides_recorded_problems_and_survives_edits_above_them() {
    let Some((dir, files)) = corpus_copy() else {
        return;
    };
    let d = dir.path();
    let plain = run(d, &["check", "--fail-on", "info", "reports"]);
    assert_eq!(plain.code, 1, "the corpus has problems: {plain:?}");

    let w = run(
        d,
        &[
            "check",
            "--write-baseline",
            "nblint-baseline.json",
            "reports",
        ],
    );
    assert_eq!(w.code, 0, "{w:?}");
    assert_eq!(
        w.stdout, "",
        "writing a baseline prints no diagnostics: {w:?}"
    );
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("nblint-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["version"], 1);
    let recorded: usize = b["files"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_array().unwrap().len())
        .sum();
    assert_eq!(
        recorded,
        diagnostics(&run(d, &["check", "--format", "json", "reports"])).len()
    );
    assert!(
        b["files"]["reports/lixia-qzf-page-2014-2022.txt"].is_array(),
        "{b}"
    );

    // The same corpus: exit 0, nothing reported, whatever --fail-on.
    let args = [
        "check",
        "--baseline",
        "nblint-baseline.json",
        "--fail-on",
        "info",
    ];
    let r = run(d, &[&args[..], &["--format", "json", "reports"]].concat());
    assert_eq!(r.code, 0, "{r:?}");
    assert!(diagnostics(&r).is_empty(), "{r:?}");
    // Named another way (from the directory, with ./): the same.
    let r = run(
        &d.join("reports"),
        &[
            "check",
            "--baseline",
            "../nblint-baseline.json",
            "--fail-on",
            "info",
            ".",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");

    // Lines inserted above every recorded problem: still exit 0.
    for f in &files {
        insert_lines_above(f);
    }
    let r = run(d, &[&args[..], &["--format", "json", "reports"]].concat());
    assert_eq!(r.code, 0, "{r:?}");
    assert!(diagnostics(&r).is_empty(), "{r:?}");

    // One new defect (a sum that does not add up) in a clean report, and
    // more lines above the recorded ones: exit 1, only the new defect.
    let clean = d.join("reports/yuncheng-szfb-2020.txt");
    edit(&clean, |l| l.insert(12, NEW_DEFECT.into()));
    edit(&d.join("reports/lixia-qzf-page-2014-2022.txt"), |l| {
        l.insert(3, "（本页面内容已更新）".into())
    });
    let r = run(d, &[&args[..], &["--format", "json", "reports"]].concat());
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        diagnostics(&r),
        vec![(
            "reports/yuncheng-szfb-2020.txt".to_string(),
            "arithmetic/text-sum".to_string(),
            13
        )],
        "{r:?}"
    );
    let r = run(
        d,
        &["check", "--baseline", "nblint-baseline.json", "reports"],
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("arithmetic/text-sum"), "{r:?}");
}

#[test]
fn entries_that_match_nothing_are_reported() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let d = dir.path();
    let w = run(d, &["check", "--write-baseline", "b.json", "reports"]);
    assert_eq!(w.code, 0, "{w:?}");
    // Fixing the non-standard section titles leaves their entries unused.
    let f = run(d, &["check", "--fix", "reports/minhe-xian-2020-ocr.txt"]);
    assert_ne!(f.code, 2, "{f:?}");
    let r = run(
        d,
        &[
            "check",
            "--baseline",
            "b.json",
            "--format",
            "json",
            "--lang",
            "en",
            "reports",
        ],
    );
    assert_eq!(r.code, 0, "a warning does not fail by default: {r:?}");
    let j = r.json();
    let unused: Vec<&serde_json::Value> = j["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .collect();
    assert_eq!(unused.len(), 1, "{r:?}");
    assert_eq!(unused[0]["rule"], "nblint/unused-suppression");
    assert_eq!(unused[0]["severity"], "warning");
    let msg = unused[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("sections/title") && msg.contains("b.json"),
        "{msg}"
    );
    let r = run(
        d,
        &[
            "check",
            "--baseline",
            "b.json",
            "--fail-on",
            "warning",
            "reports",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
    // Its severity is configured like the inline markers'.
    std::fs::write(
        d.join("nblint.toml"),
        "[rules]\n\"nblint/unused-suppression\" = \"off\"\n",
    )
    .unwrap();
    let r = run(
        d,
        &[
            "check",
            "--baseline",
            "b.json",
            "--fail-on",
            "info",
            "reports",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn a_missing_or_invalid_baseline_is_an_error_naming_it() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--baseline", "nope.json", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("nope.json") && r.stderr.contains("--write-baseline"),
        "{r:?}"
    );
    write(dir.path(), "bad.json", "{\"version\": 7}");
    let r = run(dir.path(), &["check", "--baseline", "bad.json", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("bad.json"), "{r:?}");
}

/// Per-path ignores are `[[overrides]]` entries switching rules or whole
/// plugins off for some globs.
#[test]
fn overrides_ignore_rules_per_path() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let d = dir.path();
    let lixia = std::fs::read(d.join("reports/lixia-qzf-page-2014-2022.txt")).unwrap();
    std::fs::create_dir_all(d.join("archive/2020")).unwrap();
    std::fs::write(d.join("archive/2020/lixia.txt"), &lixia).unwrap();
    std::fs::write(
        d.join("nblint.toml"),
        "[[overrides]]\npaths = [\"archive/**\"]\nrules = { \"sections\" = \"off\", \"arithmetic/percent\" = \"off\" }\n",
    )
    .unwrap();
    let r = run(
        d,
        &[
            "check",
            "--format",
            "json",
            "reports/lixia-qzf-page-2014-2022.txt",
            "archive/2020/lixia.txt",
        ],
    );
    let all = diagnostics(&r);
    let rules = |path: &str| -> Vec<String> {
        all.iter()
            .filter(|x| x.0 == path)
            .map(|x| x.1.clone())
            .collect()
    };
    let kept = rules("reports/lixia-qzf-page-2014-2022.txt");
    let archived = rules("archive/2020/lixia.txt");
    assert!(kept.iter().any(|r| r.starts_with("sections/")), "{r:?}");
    assert!(kept.iter().any(|r| r == "arithmetic/percent"), "{r:?}");
    assert!(!archived.is_empty(), "{r:?}");
    assert!(
        archived
            .iter()
            .all(|r| !r.starts_with("sections/") && r != "arithmetic/percent"),
        "{archived:?}"
    );
    let expected: Vec<String> = kept
        .into_iter()
        .filter(|r| !r.starts_with("sections/") && r != "arithmetic/percent")
        .collect();
    assert_eq!(archived, expected);
}

//! `check --fix`, `--unsafe-fixes`, `--diff` over copies of the corpus.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Copies of the corpus's plain-text reports in a fresh directory (with an
/// empty `nblint.toml`, so discovery stops there), writable.
fn corpus_copy() -> Option<(tempfile::TempDir, Vec<PathBuf>)> {
    let corpus = corpus()?;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), "").unwrap();
    let mut files = Vec::new();
    for e in std::fs::read_dir(corpus.join("seeds")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let to = dir.path().join(p.file_name().unwrap());
            std::fs::write(&to, std::fs::read(&p).unwrap()).unwrap();
            files.push(to);
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no .txt reports in {}", corpus.display());
    Some((dir, files))
}

fn name(p: &Path) -> &str {
    p.file_name().unwrap().to_str().unwrap()
}

/// Per rule: (diagnostics, of which with a fix that `unsafe_fixes` applies).
fn rule_counts(dir: &Path, file: &Path, unsafe_fixes: bool) -> BTreeMap<String, (usize, usize)> {
    let r = run(dir, &["check", "--format", "json", name(file)]);
    assert_ne!(r.code, 2, "{r:?}");
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in r.json()["files"][0]["diagnostics"].as_array().unwrap() {
        let e = out
            .entry(d["rule"].as_str().unwrap().to_string())
            .or_default();
        e.0 += 1;
        if d["fix"].is_object() && (unsafe_fixes || d["fix"]["safe"] == true) {
            e.1 += 1;
        }
    }
    out
}

fn fix_every_corpus_file(flag: &str, unsafe_fixes: bool) {
    let Some((dir, files)) = corpus_copy() else {
        return;
    };
    let mut changed = 0;
    for file in &files {
        let before = rule_counts(dir.path(), file, unsafe_fixes);
        let fixable: usize = before.values().map(|c| c.1).sum();
        let original = std::fs::read(file).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let r = run(dir.path(), &["check", flag, name(file)]);
        assert_ne!(r.code, 2, "{}: {r:?}", name(file));
        let fixed = std::fs::read(file).unwrap();
        assert_eq!(fixed != original, fixable > 0, "{}: {r:?}", name(file));
        if fixable == 0 {
            continue;
        }
        changed += 1;
        assert!(r.stderr.contains("已修复"), "{r:?}");
        let after = rule_counts(dir.path(), file, unsafe_fixes);
        // No applicable fix is left, and a rule whose every diagnostic had
        // one is gone.
        for (rule, (n, with_fix)) in &after {
            assert_eq!(*with_fix, 0, "{}: {rule} still has fixes", name(file));
            let (m, had) = before.get(rule).copied().unwrap_or_default();
            assert!(
                !(m > 0 && had == m),
                "{}: {rule} had {m} diagnostics, all fixable, and still has {n}",
                name(file)
            );
        }
        // The output reports the fixed text, as a new check does.
        let again = run(dir.path(), &["check", name(file)]);
        assert_eq!(r.code, again.code, "{r:?}\n{again:?}");
        // A second --fix changes nothing.
        let r2 = run(dir.path(), &["check", flag, name(file)]);
        assert_eq!(
            std::fs::read(file).unwrap(),
            fixed,
            "{}: {r2:?}",
            name(file)
        );
        assert!(r2.stderr.contains("已修复 0 处"), "{r2:?}");
        assert_eq!(r2.code, r.code);
        // Permissions are kept (set before the first --fix).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640, "{}", name(file));
        }
    }
    assert!(changed > 0, "no corpus file had a fix to apply with {flag}");
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".nblint"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn fix_applies_the_safe_fixes_of_each_corpus_file_once_and_for_all() {
    fix_every_corpus_file("--fix", false);
}

#[test]
fn unsafe_fixes_apply_the_rest_once_and_for_all() {
    fix_every_corpus_file("--unsafe-fixes", true);
}

/// A corpus report with a safe fix (a non-standard section title).
const WITH_SAFE_FIX: &str = "minhe-xian-2020-ocr.txt";

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let file = dir.path().join(WITH_SAFE_FIX);
    let original = std::fs::read(&file).unwrap();
    let r = run(dir.path(), &["check", "--diff", WITH_SAFE_FIX]);
    assert_eq!(r.code, 1, "something to fix: exit 1; {r:?}");
    assert!(
        r.stdout
            .starts_with(&format!("--- {WITH_SAFE_FIX}\n+++ {WITH_SAFE_FIX}\n@@ ")),
        "{r:?}"
    );
    let removed = r
        .stdout
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"));
    let added = r
        .stdout
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"));
    assert_eq!((removed.count(), added.count()), (1, 1), "{r:?}");
    assert!(r.stderr.contains("未写入任何文件"), "{r:?}");
    assert_eq!(std::fs::read(&file).unwrap(), original);
    // Applying the same fixes gives what the diff showed.
    let r = run(dir.path(), &["check", "--fix", WITH_SAFE_FIX]);
    assert_ne!(r.code, 2, "{r:?}");
    let r = run(dir.path(), &["check", "--diff", WITH_SAFE_FIX]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, ""),
        "nothing left: exit 0; {r:?}"
    );
}

#[test]
fn a_read_only_file_is_left_byte_identical_and_the_message_says_so() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let file = dir.path().join(WITH_SAFE_FIX);
    let original = std::fs::read(&file).unwrap();
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&file, perms).unwrap();
    for lang in ["zh", "en"] {
        let r = run(
            dir.path(),
            &["check", "--fix", "--lang", lang, WITH_SAFE_FIX],
        );
        assert_eq!(r.code, 2, "{r:?}");
        let said = if lang == "zh" {
            "文件未作任何修改"
        } else {
            "the file was not changed"
        };
        assert!(
            r.stderr.contains(WITH_SAFE_FIX) && r.stderr.contains(said),
            "{r:?}"
        );
        assert!(r.stderr.contains("read-only"), "{r:?}");
        assert_eq!(std::fs::read(&file).unwrap(), original);
    }
}

/// A write that fails half-way (the file size limit, which binds root too,
/// is below the report's size): the original stays, no temporary file is
/// left, exit code 2.
#[cfg(unix)]
#[test]
fn a_failing_write_leaves_the_original_byte_identical() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let file = dir.path().join(WITH_SAFE_FIX);
    let original = std::fs::read(&file).unwrap();
    assert!(original.len() > 4096);
    let out = std::process::Command::new("sh")
        .arg("-c")
        // 4 blocks (2 KiB in POSIX sh, 4 KiB in bash); SIGXFSZ ignored so
        // the write fails with EFBIG instead of killing the process.
        .arg("ulimit -f 4 && trap '' XFSZ && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(["check", "--fix", "--lang", "en", WITH_SAFE_FIX])
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join(".no-user-config"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the file was not changed"), "{stderr}");
    assert!(stderr.contains(WITH_SAFE_FIX), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), original);
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".nblint")), "{names:?}");
}

/// A directory where no file can be created: refused by the system for a
/// user (not for root, who can write anywhere; then only the read-only
/// file test above applies).
#[cfg(unix)]
#[test]
fn a_read_only_directory_leaves_the_original_when_not_root() {
    use std::os::unix::fs::PermissionsExt;
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let file = dir.path().join(WITH_SAFE_FIX);
    let original = std::fs::read(&file).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let root = std::fs::write(dir.path().join("probe"), "").is_ok();
    if root {
        let _ = std::fs::remove_file(dir.path().join("probe"));
    } else {
        let r = run(
            dir.path(),
            &["check", "--fix", "--lang", "en", WITH_SAFE_FIX],
        );
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("the file was not changed"), "{r:?}");
        assert_eq!(std::fs::read(&file).unwrap(), original);
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// GB18030 and UTF-16 (with its BOM) files are written back in their
/// encoding, with the same fixes as the UTF-8 file.
#[test]
fn a_file_is_written_back_in_its_own_encoding() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let utf8 = dir.path().join(WITH_SAFE_FIX);
    let text = std::fs::read_to_string(&utf8).unwrap();
    let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    std::fs::write(dir.path().join("gb.txt"), &gb).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.path().join("u16.txt"), &utf16).unwrap();
    let r = run(
        dir.path(),
        &["check", "--fix", WITH_SAFE_FIX, "gb.txt", "u16.txt"],
    );
    assert_ne!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("（3 个文件）"), "{r:?}");
    let fixed = std::fs::read_to_string(&utf8).unwrap();
    assert_ne!(fixed, text);
    let gb_after = std::fs::read(dir.path().join("gb.txt")).unwrap();
    let (decoded, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&gb_after);
    assert!(!had_errors);
    assert_eq!(decoded, fixed);
    let u16_after = std::fs::read(dir.path().join("u16.txt")).unwrap();
    assert_eq!(&u16_after[..2], &[0xFF, 0xFE], "the BOM is kept");
    let (decoded, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(&u16_after[2..]);
    assert!(!had_errors);
    assert_eq!(decoded, fixed);
}

/// HTML is fixed in the markup when a fix replaces text that stands as
/// such in it (escaped); fixes that would cross tags or insert lines are
/// left, with a note.
#[test]
fn html_files_are_fixed_in_their_markup() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let text = std::fs::read_to_string(dir.path().join(WITH_SAFE_FIX)).unwrap();
    let mut html = String::from("<html><body>\n");
    for line in text.lines() {
        let line = line.replace('&', "&amp;").replace('<', "&lt;");
        html.push_str(&format!("<p>{line}</p>\n"));
    }
    html.push_str("</body></html>\n");
    let file = write(dir.path(), "r.html", &html);
    let before = rule_counts(dir.path(), &file, false);
    assert_eq!(before["sections/title"], (1, 1), "{before:?}");
    let r = run(dir.path(), &["check", "--fix", "--lang", "en", "r.html"]);
    assert_ne!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("fixed 1 problem in 1 file"), "{r:?}");
    let fixed = std::fs::read_to_string(&file).unwrap();
    let changed: Vec<(&str, &str)> = html
        .lines()
        .zip(fixed.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(html.lines().count(), fixed.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0].1.starts_with("<p>六、") && changed[0].1.ends_with("</p>"),
        "{changed:?}"
    );
    assert!(!rule_counts(dir.path(), &file, false).contains_key("sections/title"));
    // The unsafe fix here inserts a section: not into markup.
    let r = run(
        dir.path(),
        &["check", "--unsafe-fixes", "--lang", "en", "r.html"],
    );
    assert_ne!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("r.html") && r.stderr.contains("cannot be written into the HTML markup"),
        "{r:?}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
}

#[test]
fn standard_input_is_not_fixed_but_can_be_diffed() {
    let Some((dir, _)) = corpus_copy() else {
        return;
    };
    let bytes = std::fs::read(dir.path().join(WITH_SAFE_FIX)).unwrap();
    let r = run_stdin(dir.path(), &["check", "--fix", "--lang", "en", "-"], &bytes);
    assert_ne!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("standard input cannot be fixed"), "{r:?}");
    let r = run_stdin(dir.path(), &["check", "--diff", "-"], &bytes);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.starts_with("--- <stdin>\n"), "{r:?}");
}

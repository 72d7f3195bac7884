//! Native plugins: `--plugin`, `[[plugins]]` pinned by sha256, refusals.

use crate::common::*;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Builds `plugins/example` as a native library (once per test binary)
/// and returns its path.
fn example_plugin() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .current_dir(repo_root())
            .args([
                "build",
                "-p",
                "nblint-example-plugin",
                "--message-format=json-render-diagnostics",
            ])
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "building the example plugin failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| {
                m["reason"] == "compiler-artifact"
                    && m["target"]["name"] == "nblint_example_plugin"
                    && m["target"]["kind"]
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == "cdylib"))
            })
            .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
            .map(|f| PathBuf::from(f.as_str().unwrap_or("")))
            .find(|f| {
                matches!(
                    f.extension().and_then(|e| e.to_str()),
                    Some("so" | "dylib" | "dll")
                )
            })
            .expect("the example plugin's cdylib")
    })
    .clone()
}

#[test]
fn a_plugin_given_with_dash_dash_plugin_runs() {
    let lib = example_plugin();
    let lib = lib.to_str().unwrap();
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["rules", "--plugin", lib]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("example/contact-phone"), "{r:?}");
    // What the library was built for, beside what this nblint provides.
    assert!(
        r.stdout
            .contains("为 ABI 2, API 1.1 构建；此 nblint 提供 ABI 2, API 1.1"),
        "{r:?}"
    );
    let r = run(
        dir.path(),
        &["explain", "--plugin", lib, "example/contact-phone"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let r = run(
        dir.path(),
        &["check", "--format", "json", "--plugin", lib, "r.txt"],
    );
    assert_eq!(r.code, 0, "an info does not fail: {r:?}");
    let rules: Vec<String> = r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(
        rules.contains(&"example/contact-phone".to_string()),
        "{r:?}"
    );
    let r = run(
        dir.path(),
        &["check", "--fail-on", "info", "--plugin", lib, "r.txt"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    // Switched off like any plugin.
    write(
        dir.path(),
        "off/nblint.toml",
        &quiet_config("\"example\" = \"off\"\n"),
    );
    write(dir.path(), "off/r.txt", REPORT);
    let r = run(
        &dir.path().join("off"),
        &["check", "--format", "json", "--plugin", lib, "r.txt"],
    );
    assert_eq!(r.json()["summary"]["infos"], 0, "{r:?}");
}

#[test]
fn a_project_config_must_pin_its_plugins() {
    let lib = example_plugin();
    let dir = tempfile::tempdir().unwrap();
    let entry = format!("[[plugins]]\npath = {:?}\n", lib.to_str().unwrap());
    write(dir.path(), "nblint.toml", &(quiet_config("") + &entry));
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "an unpinned plugin is refused: {r:?}");
    assert!(
        r.stderr
            .contains(lib.file_name().unwrap().to_str().unwrap()),
        "{r:?}"
    );
    // The refusal says how to allow it: the file's sha256.
    let at = r
        .stderr
        .find("sha256 = \"")
        .expect("the message gives the sha256")
        + 10;
    let sha: String = r.stderr[at..].chars().take(64).collect();
    assert!(sha.chars().all(|c| c.is_ascii_hexdigit()), "{sha}");
    let pinned = format!("{entry}sha256 = \"{sha}\"\n");
    write(dir.path(), "nblint.toml", &(quiet_config("") + &pinned));
    let r = run(dir.path(), &["check", "--format", "json", "r.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("example/contact-phone"), "{r:?}");
    // A wrong pin is refused.
    let wrong = format!("{entry}sha256 = \"{}\"\n", "0".repeat(64));
    write(dir.path(), "nblint.toml", &(quiet_config("") + &wrong));
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn a_file_that_is_not_a_plugin_is_refused_naming_it() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    write(dir.path(), "libfake.so", "not a library");
    let r = run(dir.path(), &["check", "--plugin", "libfake.so", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("libfake.so"), "{r:?}");
    assert!(!r.stderr.contains("panicked"), "{r:?}");
}

#[test]
fn the_same_plugin_named_twice_is_loaded_once() {
    let lib = example_plugin();
    let lib = lib.to_str().unwrap();
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(
        dir.path(),
        &[
            "check", "--format", "json", "--plugin", lib, "--plugin", lib, "r.txt",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!r.stderr.contains("already loaded"), "{r:?}");
    let phone = r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "example/contact-phone")
        .count();
    assert_eq!(phone, 1, "{r:?}");
}

/// Builds the panicking fixture plugin of the engine's host tests (a
/// cdylib of their own workspace) and returns its path.
fn panicky_plugin() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let root = repo_root();
        let out = Command::new(cargo)
            .current_dir(&root)
            .args([
                "build",
                "--manifest-path",
                "crates/engine/tests/fixtures/Cargo.toml",
                "--target-dir",
                "target/fixtures",
                "-p",
                "fixture-panicky",
            ])
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "building the panicking fixture failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let name = format!(
            "{}fixture_panicky{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        );
        root.join("target/fixtures/debug").join(name)
    })
    .clone()
}

#[test]
fn a_panicking_plugin_is_one_finding_and_nothing_on_stderr() {
    let lib = panicky_plugin();
    let dir = scratch("");
    write(dir.path(), "r.txt", &format!("{REPORT}PANIC\n"));
    let r = run_env(
        dir.path(),
        &[("RUST_BACKTRACE", "1".as_ref())],
        &[
            "check",
            "--format",
            "json",
            "--plugin",
            lib.to_str().unwrap(),
            "r.txt",
        ],
    );
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    assert!(!r.stderr.contains("stack backtrace"), "{r:?}");
    let failures: Vec<String> = r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "nblint/plugin")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(failures.len(), 1, "{r:?}");
    assert!(
        failures[0].contains("panicky") && failures[0].contains("index out of bounds"),
        "{}",
        failures[0]
    );
}

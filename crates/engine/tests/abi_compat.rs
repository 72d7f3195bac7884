//! Compatibility across a real change of the document model: the example
//! plugin built against the SDK and model of ABI 1 (before `Report` grew
//! the statistics period, API 1.0) loads into this host and lints exactly
//! as the same plugin built against the current SDK does.
//!
//! The old sources are not kept in the repository: the test takes them
//! from the git history at a pinned commit (`git show`) into a scratch
//! workspace and builds the cdylib there, so it runs on any architecture.

mod host_support;

use host_support::{build_cdylibs, target_dir, workspace_root};
use nblint_engine::host::{self, LoadedPlugin, PluginConfig};
use nblint_parse::{parse_text, ParseOptions};
use nblint_plugin_api::abi;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The last commit of ABI 1 (plugin API 1.0, document layout 1).
const ABI1_COMMIT: &str = "5399c4f50a3957f772b90ff7ba1d38db6dee51a7";
/// What the old plugin is built from.
const ABI1_DIRS: [&str; 3] = ["crates/model", "crates/plugin-api", "plugins/example"];

fn git(args: &[&str]) -> Vec<u8> {
    let out = Command::new("git")
        .current_dir(workspace_root())
        .args(args)
        .output()
        .expect("git runs (the compatibility test reads the ABI-1 sources from the history)");
    assert!(
        out.status.success(),
        "git {args:?} failed (the test needs the repository's history up to {ABI1_COMMIT}):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Writes the ABI-1 sources into a scratch workspace and builds the
/// example plugin's cdylib there (once per test binary).
fn abi1_example_plugin() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let root = target_dir().join("abi1-example");
        let files = String::from_utf8(git(&[
            &["ls-tree", "-r", "--name-only", ABI1_COMMIT],
            &ABI1_DIRS[..],
        ]
        .concat()))
        .expect("git lists UTF-8 paths");
        for path in files.lines().filter(|p| !p.contains("/tests/")) {
            let dest = root.join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            let content = git(&["show", &format!("{ABI1_COMMIT}:{path}")]);
            // Unchanged files keep their timestamps: cargo rebuilds nothing.
            if std::fs::read(&dest).ok().as_deref() != Some(&content[..]) {
                std::fs::write(&dest, content).unwrap();
            }
        }
        let lock = git(&["show", &format!("{ABI1_COMMIT}:Cargo.lock")]);
        write_if_changed(&root.join("Cargo.lock"), &lock);
        write_if_changed(&root.join("Cargo.toml"), WORKSPACE.as_bytes());
        let manifest = root.join("Cargo.toml");
        let target = target_dir().join("fixtures");
        build_cdylibs(&[
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--target-dir",
            target.to_str().unwrap(),
            "-p",
            "nblint-example-plugin",
        ])
        .remove("nblint_example_plugin")
        .expect("cargo built the ABI-1 example plugin")
    })
    .clone()
}

fn write_if_changed(path: &Path, content: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content).unwrap();
    }
}

/// The scratch workspace: what the root manifest of the pinned commit
/// gave its members.
const WORKSPACE: &str = r#"[workspace]
resolver = "2"
members = ["crates/model", "crates/plugin-api", "plugins/example"]

[workspace.package]
version = "0.1.0"
edition = "2021"
license = "MIT OR Apache-2.0"

[workspace.dependencies]
nblint-model = { path = "crates/model" }
nblint-plugin-api = { path = "crates/plugin-api" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
regex = "1"
"#;

/// Three real reports in one file, the last without a phone number: a
/// plugin reading the reports with the wrong stride would misread it.
fn three_reports() -> String {
    let real = workspace_root().join("corpus/real");
    [
        "pingtan-szf-2011.txt",
        "pingtan-szf-2018.txt",
        "pingtan-szf-2025.txt",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(real.join(f)).unwrap())
    .collect::<Vec<_>>()
    .join("\n\n")
}

#[test]
fn a_plugin_built_against_abi_1_loads_and_lints_like_a_current_one() {
    let old = host::load_dynamic(&abi1_example_plugin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.abi_version(), 1);
    assert_eq!(old.api_version(), (1, 0));
    assert_eq!(old.built_for(), "ABI 1, API 1.0");
    assert_eq!(old.element_sizes().layout_version, 1);
    assert!(
        old.element_sizes().report < abi::ElementSizes::CURRENT.report,
        "the model really changed since ABI 1: reports grew"
    );

    let current = LoadedPlugin::from_static(nblint_example_plugin::declaration()).unwrap();
    assert_eq!(current.abi_version(), abi::ABI_VERSION);

    let doc = parse_text(three_reports(), &ParseOptions::default());
    assert_eq!(doc.reports.len(), 3, "the three reports are read apart");
    assert!(
        doc.reports.iter().all(|r| r.period_year != 0),
        "layout-2 fields are filled"
    );
    let view = doc.view();
    let config = PluginConfig::default();
    // The related documents cross the adapter too.
    let related = [view];
    let from_old = old.lint_with(&view, &related, &config).unwrap();
    let from_current = current.lint_with(&view, &related, &config).unwrap();
    assert_eq!(from_old, from_current);
    // The 2025 report gives no phone number: one diagnostic, on its title.
    assert_eq!(from_old.len(), 1, "{from_old:#?}");
    assert_eq!(from_old[0].rule, "example/contact-phone");
    assert!(
        view.slice(from_old[0].span).contains("2025"),
        "{from_old:#?}"
    );
}

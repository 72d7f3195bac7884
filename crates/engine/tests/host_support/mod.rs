//! Builds the plugin libraries the host tests load: the example plugin
//! (a workspace member, built into the workspace's target directory, so
//! usually already there) and the fixture plugins of `tests/fixtures` (a
//! workspace of their own, built into `target/fixtures`). Each build runs
//! once per test binary.

#![allow(dead_code)]

// Also compiled into the host's unit tests (`src/host/inspect.rs`).
mod elf;
#[allow(unused_imports)] // not every test binary writes object headers
pub use elf::elf_header;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The nblint workspace root (the directory holding `plugins/example`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("plugins/example/Cargo.toml").is_file())
        .expect("the nblint workspace root above CARGO_MANIFEST_DIR")
        .to_path_buf()
}

/// The target directory of this build (the parent of CARGO_TARGET_TMPDIR).
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR has a parent")
        .to_path_buf()
}

fn cargo() -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_string());
    let mut c = Command::new(cargo);
    c.current_dir(workspace_root());
    c
}

/// Runs `cargo build` with `args` and returns the cdylibs it produced, by
/// crate name (dashes as underscores).
pub fn build_cdylibs(args: &[&str]) -> HashMap<String, PathBuf> {
    let out = cargo()
        .arg("build")
        .args(args)
        .arg("--message-format=json-render-diagnostics")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo build {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut libs = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        let kinds = msg["target"]["kind"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !kinds.iter().any(|k| k == "cdylib") {
            continue;
        }
        let name = msg["target"]["name"]
            .as_str()
            .unwrap_or("")
            .replace('-', "_");
        for f in msg["filenames"].as_array().into_iter().flatten() {
            let f = PathBuf::from(f.as_str().unwrap_or(""));
            if matches!(
                f.extension().and_then(|e| e.to_str()),
                Some("so" | "dylib" | "dll")
            ) {
                libs.insert(name.clone(), f);
            }
        }
    }
    libs
}

/// `libnblint_example_plugin.so` (or .dylib/.dll), built with
/// `cargo build -p nblint-example-plugin`.
pub fn example_plugin() -> PathBuf {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        build_cdylibs(&["-p", "nblint-example-plugin"])
            .remove("nblint_example_plugin")
            .expect("cargo built the example plugin's cdylib")
    })
    .clone()
}

/// A fixture plugin library by crate name, e.g. `fixture_panicky`.
pub fn fixture(name: &str) -> PathBuf {
    static LIBS: OnceLock<HashMap<String, PathBuf>> = OnceLock::new();
    let libs = LIBS.get_or_init(|| {
        let manifest = workspace_root().join("crates/engine/tests/fixtures/Cargo.toml");
        let target = target_dir().join("fixtures");
        build_cdylibs(&[
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--target-dir",
            target.to_str().unwrap(),
        ])
    });
    libs.get(name)
        .unwrap_or_else(|| panic!("fixture {name} was not built; built: {:?}", libs.keys()))
        .clone()
}

/// A workspace plugin package (e.g. `nblint-arithmetic`) built as a
/// loadable library with its `dynamic` feature, copied out of the target
/// directory (the workspace build of the same cdylib without the feature
/// writes the same file name). For tests that compare a bundled plugin
/// linked statically with its dynamically loaded build.
pub fn workspace_plugin_dynamic(package: &str) -> PathBuf {
    static LIBS: OnceLock<std::sync::Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut libs = LIBS.get_or_init(Default::default).lock().unwrap();
    if let Some(p) = libs.get(package) {
        return p.clone();
    }
    let built = build_cdylibs(&["-p", package, "--features", "dynamic"]);
    let lib = built
        .get(&package.replace('-', "_"))
        .unwrap_or_else(|| panic!("cargo built no cdylib for {package}: {built:?}"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nblint-dynamic-plugins");
    std::fs::create_dir_all(&dir).unwrap();
    let dest = dir.join(lib.file_name().unwrap());
    // Copy then rename: a process that still maps an older copy keeps it.
    let tmp = dir.join(format!(".{}.{}", package, std::process::id()));
    std::fs::copy(lib, &tmp).unwrap();
    std::fs::rename(&tmp, &dest).unwrap();
    libs.insert(package.to_string(), dest.clone());
    dest
}

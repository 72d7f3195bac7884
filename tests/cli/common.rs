//! Helpers: run the binary, make scratch directories, find the corpus.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_nblint");

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The shared corpus (test-support's one locator: `$NBLINT_CORPUS` or
/// `../shared/corpus`; `None` with `NBLINT_SKIP_CORPUS=1` when absent).
pub use nblint_test_support::corpus;

/// The binary with a clean environment for tests: no colour variables,
/// no user configuration.
pub fn nblint(cwd: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("XDG_CONFIG_HOME", cwd.join(".no-user-config"))
        .stdin(Stdio::null());
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn finish(o: Output) -> Run {
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// [`run`] with extra environment variables.
pub fn run_env(cwd: &Path, env: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Run {
    let mut c = nblint(cwd);
    for (k, v) in env {
        c.env(k, v);
    }
    finish(c.args(args).output().expect("nblint runs"))
}

pub fn run(cwd: &Path, args: &[&str]) -> Run {
    finish(nblint(cwd).args(args).output().expect("nblint runs"))
}

pub fn run_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = nblint(cwd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nblint runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    finish(child.wait_with_output().unwrap())
}

/// A scratch directory with an `nblint.toml` at its root (so discovery
/// never reaches a configuration outside it) that switches off every
/// plugin rule, followed by `extra`. Tests of the engine's behaviour use
/// declarative rules, which do not depend on what the bundled plugins
/// report.
pub fn scratch(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), quiet_config(extra)).unwrap();
    dir
}

/// `[rules]` switching off every plugin the binary has, plus `extra`
/// (which must not open its own `[rules]` table).
pub fn quiet_config(extra: &str) -> String {
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("nblint.toml"), "").unwrap();
    let r = run(empty.path(), &["rules", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let mut plugins: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["plugin"].as_str().unwrap().to_string())
        .filter(|p| p != "nblint" && p != "nblint.toml")
        .collect();
    plugins.sort();
    plugins.dedup();
    let mut s = String::from("[rules]\n");
    for p in plugins {
        s.push_str(&format!("\"{p}\" = \"off\"\n"));
    }
    s.push_str(extra);
    s
}

pub fn write(dir: &Path, rel: &str, content: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

/// A small report in the 2021 format.
pub const REPORT: &str = "某某县人民政府办公室2022年政府信息公开工作年度报告\n\
一、总体情况\n\
2022年，本机关认真贯彻《中华人民共和国政府信息公开条例》，政务开放日活动顺利举办。\n\
二、主动公开政府信息情况\n\
本年主动公开信息120条。\n\
三、收到和处理政府信息公开申请情况\n\
本年收到申请3件。\n\
四、政府信息公开行政复议、行政诉讼情况\n\
无。\n\
五、存在的主要问题及改进情况\n\
无。\n\
六、其他需要报告的事项\n\
本年度未收取信息处理费。\n";

/// A declarative rule reporting every "政务开放日".
pub const RULE_NOT_MATCH: &str = "[[rule]]\n\
id = \"demo/open-day\"\n\
message = \"不要写政务开放日\"\n\
message_en = \"do not write 政务开放日\"\n\
help = \"改写\"\n\
severity = \"warning\"\n\
pattern = \"政务开放日\"\n\
must = \"not-match\"\n";

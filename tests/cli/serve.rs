//! `nblint serve` through the real binary: the API answers what `check`
//! prints, for every input format; the rules; the command line's refusals;
//! a graceful stop on Ctrl-C; many uploads at once.

use crate::common::*;
use nblint_test_support::http;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

/// A running `nblint serve`, interrupted (Ctrl-C) when dropped.
pub struct Served {
    pub addr: SocketAddr,
    child: Child,
}

impl Served {
    pub fn start(cwd: &Path, args: &[&str]) -> Served {
        let mut child = nblint(cwd)
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nblint serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("nblint serve says where it listens")
                .unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep reading stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Served { addr, child }
    }

    /// Ctrl-C, then the exit code.
    pub fn interrupt(mut self) -> Option<i32> {
        let _ = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let code = self.child.wait().ok().and_then(|s| s.code());
        std::mem::forget(self);
        code
    }

    pub fn upload(&self, name: &str, content: &[u8]) -> http::Response {
        let (content_type, body) = http::multipart("file", name, content);
        http::request(
            self.addr,
            "POST",
            "/api/check",
            &[("Content-Type", &content_type)],
            &body,
        )
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Report files of every input format: seeds as .txt and .md, an HTML
/// page, the 2021 template as DOCX, a real report as PDF.
fn inputs(corpus: &Path) -> Vec<(String, PathBuf)> {
    let seeds = corpus.join("seeds");
    let fixtures = repo_root().join("crates/parse/tests/fixtures");
    vec![
        (
            "jiyuan-szfb-2020.txt".into(),
            seeds.join("jiyuan-szfb-2020.txt"),
        ),
        (
            "minhe-xian-2020-ocr.md".into(),
            seeds.join("minhe-xian-2020-ocr.txt"),
        ),
        (
            "jiyuan-szfb-2020.html".into(),
            fixtures.join("jiyuan-szfb-2020.html"),
        ),
        (
            "template-2021-format.docx".into(),
            corpus.join("template-2021-format.docx"),
        ),
        (
            "pingtan-szf-2021.pdf".into(),
            repo_root().join("tests/fixtures/pdf/pingtan-szf-2021.pdf"),
        ),
    ]
}

#[test]
fn the_api_answers_exactly_what_check_prints_for_every_format() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &[]);
    for (name, source) in inputs(&corpus) {
        let content = std::fs::read(&source).unwrap();
        std::fs::write(dir.path().join(&name), &content).unwrap();
        let api = served.upload(&name, &content);
        assert_eq!(api.status, 200, "{name}: {}", api.text());
        // `check` on the same bytes under the same name, alone in its folder.
        let alone = tempfile::tempdir().unwrap();
        std::fs::write(alone.path().join(&name), &content).unwrap();
        let cli = run(alone.path(), &["check", "--format", "json", &name]);
        assert!(cli.code == 0 || cli.code == 1, "{cli:?}");
        assert_eq!(api.json(), cli.json(), "{name}");
        assert!(
            !cli.json()["files"][0]["reports"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{name}: a report was read"
        );
    }
    assert_eq!(
        served.interrupt(),
        Some(0),
        "Ctrl-C stops the server cleanly"
    );
}

#[test]
fn a_raw_body_with_a_name_is_an_upload_too_and_english_is_asked_by_lang() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &[]);
    let content = std::fs::read(corpus.join("template-2021-format.docx")).unwrap();
    let r = http::request(
        served.addr,
        "POST",
        "/api/check?name=t.docx&lang=en",
        &[],
        &content,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    std::fs::write(dir.path().join("t.docx"), &content).unwrap();
    let cli = run(
        dir.path(),
        &["check", "--format", "json", "--lang", "en", "t.docx"],
    );
    assert_eq!(r.json(), cli.json());
}

#[test]
fn rules_and_one_rule_are_what_rules_and_explain_show() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &[]);
    let api = http::request(served.addr, "GET", "/api/rules", &[], b"");
    let cli = run(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(api.json(), cli.json());
    let one = http::request(
        served.addr,
        "GET",
        "/api/rules/arithmetic/balance",
        &[],
        b"",
    )
    .json();
    assert_eq!(one["id"], "arithmetic/balance");
    let explain = run(dir.path(), &["explain", "arithmetic/balance"]);
    assert_eq!(one["explanation"].as_str().unwrap(), explain.stdout);
    let missing = http::request(served.addr, "GET", "/api/rules/arithmetic/nope", &[], b"");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.json()["error"]["message"],
        "没有这条规则: arithmetic/nope"
    );
}

#[test]
fn a_non_loopback_address_needs_a_token_or_no_auth() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--bind 0.0.0.0"), "{r:?}");
    assert!(r.stderr.contains("--token"), "{r:?}");
}

#[test]
fn the_token_guards_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &["--token", "open sesame"]);
    let denied = served.upload("a.txt", "一、总体情况".as_bytes());
    assert_eq!(denied.status, 401);
    let ok = http::request(
        served.addr,
        "GET",
        "/api/rules",
        &[("Authorization", "Bearer open sesame")],
        b"",
    );
    assert_eq!(ok.status, 200);
}

#[test]
fn a_hundred_uploads_at_once_are_all_answered_correctly() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let served = Served::start(dir.path(), &["--max-checks", "4"]);
    let files = inputs(&corpus);
    let expected: Vec<Value> = files
        .iter()
        .map(|(name, src)| served.upload(name, &std::fs::read(src).unwrap()).json())
        .collect();
    let addr = served.addr;
    let handles: Vec<_> = (0..100)
        .map(|i| {
            let (name, src) = files[i % files.len()].clone();
            std::thread::spawn(move || {
                let content = std::fs::read(src).unwrap();
                let (ct, body) = http::multipart("file", &name, &content);
                let r = http::request(addr, "POST", "/api/check", &[("Content-Type", &ct)], &body);
                (i, r.status, r.json())
            })
        })
        .collect();
    for h in handles {
        let (i, status, json) = h.join().unwrap();
        assert_eq!(status, 200, "upload {i}: {json}");
        assert_eq!(json, expected[i % files.len()], "upload {i}");
    }
}

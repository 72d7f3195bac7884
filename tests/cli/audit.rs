//! `check --format html`: the batch audit page, and the integrations
//! (`.pre-commit-hooks.yaml`, the GitHub Actions example).
//!
//! The page is checked twice: statically (self-contained, data consistent
//! with `--format json`, text escaped) and in headless Chromium (Debian's
//! `chromium`; `.ci/run` installs it and sets NBLINT_REQUIRE_CHROMIUM=1, so
//! there its absence fails; elsewhere those tests skip with a message).

use crate::common::{corpus, quiet_config, repo_root, run, scratch, write, REPORT};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The JSON embedded in the page.
fn page_data(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"nblint-data\">";
    let a = html.find(open).expect("the page embeds its data") + open.len();
    let b = a + html[a..]
        .find("</script>")
        .expect("the data element is closed");
    serde_json::from_str(&html[a..b]).expect("the embedded data is JSON")
}

fn audit(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = dir.join("audit.html");
    let mut full = vec!["check", "--format", "html", "-o", out.to_str().unwrap()];
    full.extend_from_slice(args);
    let r = run(dir, &full);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    assert!(
        r.stdout.is_empty(),
        "the page goes to -o, not stdout: {r:?}"
    );
    (
        r.code,
        std::fs::read_to_string(&out).expect("the page was written"),
    )
}

#[test]
fn page_over_the_corpus_matches_the_json_output_and_is_self_contained() {
    let Some(corpus) = corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus.to_str().unwrap();
    let (code, html) = audit(tmp.path(), &[c]);
    let json = run(tmp.path(), &["check", "--format", "json", c]);
    assert_eq!(code, json.code, "same exit code as --format json");
    let json = json.json();

    // Self-contained: no external resource of any kind.
    for needle in [
        "src=",
        "<link",
        "@import",
        "url(",
        "https://",
        "fetch(",
        "XMLHttpRequest",
    ] {
        assert!(!html.contains(needle), "the page refers to {needle:?}");
    }
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "the only http:// are SVG namespaces"
    );
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("按规则统计的问题数"), "Chinese by default");

    let data = page_data(&html);
    let reports = data["reports"].as_array().unwrap();
    let rules = data["rules"].as_array().unwrap();

    // One row per report (a file may hold several), one per file without
    // a report; the findings of a file are split among its reports.
    let mut rows_per_file: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in reports {
        let e = rows_per_file
            .entry(r["path"].as_str().unwrap().to_string())
            .or_default();
        e.0 += 1;
        e.1 += r["findings"].as_array().unwrap().len();
        let n = r["e"].as_u64().unwrap() + r["w"].as_u64().unwrap() + r["i"].as_u64().unwrap();
        assert_eq!(n as usize, r["findings"].as_array().unwrap().len());
    }
    let files = json["files"].as_array().unwrap();
    assert_eq!(rows_per_file.len(), files.len());
    let mut multi = false;
    for f in files {
        let path = Path::new(f["path"].as_str().unwrap());
        // Two folders of the corpus hold a README.md: the parent tells them apart.
        let parent = path.parent().and_then(Path::file_name).unwrap();
        let name = Path::new(parent).join(path.file_name().unwrap());
        let (key, &(rows, findings)) = rows_per_file
            .iter()
            .find(|(k, _)| Path::new(k.as_str()).ends_with(&name))
            .unwrap_or_else(|| panic!("{} has rows", name.display()));
        let n_reports = f["reports"].as_array().unwrap().len();
        assert_eq!(rows, n_reports.max(1), "{key}");
        assert_eq!(
            findings,
            f["diagnostics"].as_array().unwrap().len(),
            "{key}"
        );
        multi |= n_reports > 1;
        // The rows carry the report's year, format, agency and line.
        for jr in f["reports"].as_array().unwrap() {
            assert!(
                reports
                    .iter()
                    .any(|r| r["path"].as_str() == Some(key.as_str())
                        && r["line"] == jr["line"]
                        && r["year"] == jr["year"]
                        && r["format"] == jr["format"]
                        && (jr["agency"].is_null() || r["agency"] == jr["agency"])),
                "{key}: no row for {jr}"
            );
        }
    }
    assert!(multi, "the corpus has a file with several reports");

    // Totals per rule equal the JSON output's diagnostics.
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for f in files {
        for d in f["diagnostics"].as_array().unwrap() {
            *per_rule
                .entry(d["rule"].as_str().unwrap().into())
                .or_default() += 1;
        }
    }
    let from_page: BTreeMap<String, usize> = rules
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["total"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(from_page, per_rule);
    assert!(!per_rule.is_empty());
    // Every rule that fired is in the totals table and has a bar.
    for rule in per_rule.keys() {
        assert!(
            html.contains(&format!(
                "<a class=\"rule-link\" href=\"#rule={rule}\"><code>{rule}</code></a>"
            )),
            "{rule}"
        );
        assert!(
            html.contains(&format!("data-rule=\"{rule}\"")),
            "{rule} has no bar"
        );
    }
    // A bar per year that has findings.
    for r in reports
        .iter()
        .filter(|r| !r["findings"].as_array().unwrap().is_empty())
    {
        if let Some(y) = r["year"].as_u64() {
            assert!(
                html.contains(&format!("data-year=\"{y}\"")),
                "no bar for {y}"
            );
        }
    }

    // Findings carry the offending text: a known one from the corpus.
    let lixia: Vec<&Value> = reports
        .iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .ends_with("lixia-qzf-page-2014-2022.txt")
        })
        .collect();
    let f = lixia
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .find(|f| {
            let rule = &rules[f[2].as_u64().unwrap() as usize]["id"];
            rule == "arithmetic/percent" && f[7] == "163"
        })
        .expect("the 163 件 year-on-year finding of lixia 2022 is listed with its text");
    assert_eq!(f[0], 227, "its line");
    assert!(
        !f[6].as_str().unwrap().is_empty() && !f[8].as_str().unwrap().is_empty(),
        "with context: {f}"
    );
}

#[test]
fn report_text_is_escaped_everywhere() {
    let hostile = "</script><script>alert(1)</script><!--<script>&amp;\"'";
    let dir = scratch(
        "[[rule]]\nid = \"demo/hostile\"\nmessage = \"见 <b>粗体</b>\"\nseverity = \"error\"\npattern = \"政务开放日\"\nmust = \"not-match\"\n",
    );
    let text = REPORT.replace("政务开放日", &format!("{hostile}政务开放日{hostile}"));
    write(dir.path(), "r/<b>bad&name.txt", &text);
    let (code, html) = audit(dir.path(), &["r"]);
    assert_eq!(code, 1);
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the page's two script elements"
    );
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(
        !html.contains("<b>粗体") && !html.contains("<b>bad"),
        "markup from rules or paths is escaped"
    );
    let data = page_data(&html);
    let f = &data["reports"][0]["findings"][0];
    assert_eq!(
        f[4], "见 <b>粗体</b>",
        "the data keeps the text (the script sets it as text)"
    );
    assert_eq!(f[7], "政务开放日");
    assert!(f[6].as_str().unwrap().ends_with("&amp;\"'"), "{f}");
    assert!(data["reports"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("<b>bad&name.txt"));
}

#[test]
fn english_page_and_clean_run() {
    let dir = scratch("");
    write(dir.path(), "a.txt", REPORT);
    let (code, html) = audit(dir.path(), &["--lang", "en", "."]);
    assert_eq!(code, 0);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Defects by rule") && !html.contains("按规则统计"));
    let data = page_data(&html);
    assert_eq!(data["lang"], "en");
    assert_eq!(data["reports"].as_array().unwrap().len(), 1);
    assert_eq!(data["reports"][0]["year"], 2022);
    assert_eq!(data["reports"][0]["format"], "2021");
    assert_eq!(data["rules"].as_array().unwrap().len(), 0);
    assert!(html.contains("No findings."));
}

#[test]
fn unwritable_output_fails_and_writes_nothing() {
    let dir = scratch("");
    write(dir.path(), "a.txt", REPORT);
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "html",
            "-o",
            "missing/audit.html",
            "a.txt",
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("nothing was written"), "{r:?}");
    assert!(!dir.path().join("missing").exists());
}

// ---- headless Chromium ----

/// Debian's chromium (or $NBLINT_CHROMIUM). `None` after saying why when
/// it is absent, unless NBLINT_REQUIRE_CHROMIUM=1 (CI), where that fails.
fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("NBLINT_CHROMIUM") {
        Some(p) => vec![PathBuf::from(p)],
        None => std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
            .collect(),
    };
    if let Some(p) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(p);
    }
    let msg = "chromium was not found (apt-get install chromium, or set NBLINT_CHROMIUM)";
    if std::env::var_os("NBLINT_REQUIRE_CHROMIUM").is_some_and(|v| v == "1") {
        panic!("{msg}, and NBLINT_REQUIRE_CHROMIUM=1");
    }
    eprintln!("skipping the browser test: {msg}");
    None
}

/// Runs headless Chromium with `args` and returns its standard output.
fn headless(chromium: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The DOM after the page's script ran, opened at `#fragment`.
fn dump_dom(chromium: &Path, page: &Path, fragment: &str) -> String {
    let url = format!(
        "file://{}#{fragment}",
        page.canonicalize().unwrap().display()
    );
    headless(
        chromium,
        &[
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            url,
        ],
    )
}

/// How text appears in a serialized DOM.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// Loads the page in Chromium and checks the table, the chart and the
/// findings of the report with the most findings.
fn check_in_browser(chromium: &Path, page: &Path, expect_reports: usize) {
    let html = std::fs::read_to_string(page).unwrap();
    let data = page_data(&html);
    let reports = data["reports"].as_array().unwrap();
    assert_eq!(reports.len(), expect_reports);
    let (id, target) = reports
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| {
            (
                r["findings"].as_array().unwrap().len(),
                std::cmp::Reverse(*i),
            )
        })
        .unwrap();
    let findings = target["findings"].as_array().unwrap();
    assert!(!findings.is_empty());

    let started = Instant::now();
    let dom = dump_dom(chromium, page, &format!("r{id}"));
    eprintln!(
        "{}: {} reports, {} KB, loaded and dumped in {:.1} s",
        page.display(),
        reports.len(),
        html.len() / 1024,
        started.elapsed().as_secs_f64()
    );
    assert!(
        dom.contains("data-ready=\"true\""),
        "the script ran to the end"
    );

    // The table: a row per report on the first page (100 per page).
    let rows = dom.matches("<tr class=\"report").count();
    assert_eq!(rows, expect_reports.min(100), "report rows");
    let shown = format!("{n} / {n} 份报告", n = expect_reports);
    assert!(dom.contains(&shown), "the count says {shown}");
    assert!(
        dom.contains(&format!("id=\"r{id}\"")),
        "the opened report is on the page shown"
    );
    assert!(
        dom.contains("<select id=\"f-year\"") && dom.contains("<input type=\"search\" id=\"q\"")
    );

    // The charts: SVG with bars.
    assert!(dom.contains("<svg class=\"chart by-rule\""));
    assert!(dom.matches("<rect class=\"bar ").count() >= data["rules"].as_array().unwrap().len());

    // The opened report's findings, each with its marked text.
    assert!(dom.contains(&format!("<tr class=\"findings-row\" id=\"f{id}\"")));
    assert_eq!(
        dom.matches("<tr class=\"finding sev-").count(),
        findings.len()
    );
    for f in findings {
        let text = f[7].as_str().unwrap();
        if !text.is_empty() {
            let mark = format!("<mark>{}</mark>", dom_text(text));
            assert!(dom.contains(&mark), "{mark} not in the DOM");
        }
        assert!(
            dom.contains(&dom_text(f[4].as_str().unwrap())),
            "message {}",
            f[4]
        );
    }
}

#[test]
fn page_over_the_corpus_renders_in_chromium() {
    let Some(corpus) = corpus() else { return };
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let seeds = corpus.join("seeds");
    let (_, _) = audit(
        tmp.path(),
        &[
            seeds.to_str().unwrap(),
            corpus.join("template-2021-format.docx").to_str().unwrap(),
        ],
    );
    let json = run(
        tmp.path(),
        &[
            "check",
            "--format",
            "json",
            seeds.to_str().unwrap(),
            corpus.join("template-2021-format.docx").to_str().unwrap(),
        ],
    )
    .json();
    let reports: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reports"].as_array().unwrap().len().max(1))
        .sum();
    check_in_browser(&chromium, &tmp.path().join("audit.html"), reports);
}

/// 1,000 report files made from the seeds, each with its own agency (as
/// `nblint-bench generate` does).
#[test]
fn page_over_1000_generated_reports_renders_in_chromium() {
    nblint_test_support::slow_test!();
    let Some(corpus) = corpus() else { return };
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("reports");
    std::fs::create_dir_all(&out).unwrap();
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(corpus.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    const AGENCIES: &[&str] = &["济源市", "历下区", "民和县", "南阳市", "运城市"];
    for i in 0..1000 {
        let (stem, text) = &seeds[i % seeds.len()];
        let mut copy = text.clone();
        for a in AGENCIES {
            copy = copy.replace(a, &format!("{a}第{i}分局"));
        }
        std::fs::write(out.join(format!("{i:05}-{stem}.txt")), copy).unwrap();
    }
    let started = Instant::now();
    let (_, html) = audit(tmp.path(), &["reports"]);
    eprintln!(
        "1000 files linted into the page in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let data = page_data(&html);
    let reports = data["reports"].as_array().unwrap().len();
    assert!(reports >= 1000, "{reports} rows for 1000 files");
    check_in_browser(&chromium, &tmp.path().join("audit.html"), reports);
}

// ---- integrations ----

#[test]
fn pre_commit_hooks_file_declares_the_nblint_hook() {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h["id"].as_str() == Some("nblint"))
        .expect("a hook with id nblint");
    assert_eq!(hook["entry"].as_str(), Some("nblint check"));
    assert!(matches!(hook["language"].as_str(), Some("system" | "rust")));
    for key in ["name", "description", "files"] {
        assert!(hook[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    // The files pattern (Python re syntax; this one is also Rust regex
    // syntax) takes the formats nblint reads and nothing else.
    let files = regex_lite_match(hook["files"].as_str().unwrap());
    for yes in [
        "report.txt",
        "a/b/2023.md",
        "x.HTML",
        "y.htm",
        "z.docx",
        "d/e.markdown",
        "2023年报.PDF",
    ] {
        assert!(files(yes), "{yes}");
    }
    for no in [
        "README.rst",
        "main.rs",
        "x.doc",
        "txt",
        "a.txt.bak",
        "b.pdf.bak",
    ] {
        assert!(!files(no), "{no}");
    }
}

/// The hooks' `files` pattern as a predicate on a path (`re.search`).
fn regex_lite_match(pattern: &str) -> impl Fn(&str) -> bool {
    // pre-commit uses Python's re.search; the pattern is written in the
    // common subset: (?i), alternation, groups, \. and $.
    let re = regex::Regex::new(pattern).expect("the files pattern compiles");
    move |p| re.is_match(p)
}

#[test]
fn pre_commit_runs_the_hook_when_installed() {
    let pre_commit = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.join("pre-commit"))
        .find(|p| p.is_file());
    let Some(pre_commit) = pre_commit else {
        eprintln!("skipping: pre-commit is not installed (pip install pre-commit)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A repository holding only this .pre-commit-hooks.yaml, committed
    // (try-repo reads committed files), and a repository of reports.
    let hooks = dir.path().join("hooks");
    let repo = dir.path().join("reports");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::create_dir_all(&repo).unwrap();
    let git_in = |cwd: &Path, args: &[&str]| {
        let s = Command::new("git")
            .args([
                "-c",
                "user.name=nblint",
                "-c",
                "user.email=nblint@localhost",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(
            s.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&s.stderr)
        );
    };
    std::fs::copy(
        repo_root().join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git_in(&hooks, &["init", "-q"]);
    git_in(&hooks, &["add", "."]);
    git_in(&hooks, &["commit", "-q", "-m", "hooks"]);
    // The commit, named: try-repo then clones it as it is.
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(&hooks)
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let git = |args: &[&str]| git_in(&repo, args);
    git(&["init", "-q"]);
    let rule = "[[rule]]\nid = \"demo/open-day\"\nmessage = \"不要写政务开放日\"\nseverity = \"error\"\npattern = \"政务开放日\"\nmust = \"not-match\"\n";
    std::fs::write(repo.join("nblint.toml"), quiet_config(rule)).unwrap();
    std::fs::write(
        repo.join("good.txt"),
        REPORT.replace("政务开放日", "开放日"),
    )
    .unwrap();
    std::fs::write(repo.join("notes.rs"), "not a report 政务开放日").unwrap();
    git(&["add", "."]);

    let bin_dir = Path::new(crate::common::BIN)
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let try_repo = |expect_ok: bool| {
        let o = Command::new(&pre_commit)
            .args([
                "try-repo",
                hooks.to_str().unwrap(),
                "nblint",
                "--ref",
                &head,
                "--all-files",
            ])
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", dir.path().join("cache"))
            .env("XDG_CONFIG_HOME", dir.path().join("no-user-config"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let out =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        let log =
            std::fs::read_to_string(dir.path().join("cache/pre-commit.log")).unwrap_or_default();
        assert_eq!(o.status.success(), expect_ok, "{out}\n{log}");
        out
    };
    let out = try_repo(true);
    assert!(out.contains("Passed"), "{out}");

    std::fs::write(repo.join("bad.md"), REPORT).unwrap();
    git(&["add", "bad.md"]);
    let out = try_repo(false);
    assert!(
        out.contains("demo/open-day") && out.contains("bad.md"),
        "{out}"
    );
    assert!(
        !out.contains("notes.rs"),
        "only report files are passed: {out}"
    );
}

#[test]
fn github_actions_example_parses_and_uses_real_flags() {
    let root = repo_root();
    let text = std::fs::read_to_string(root.join("docs/examples/nblint.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    assert!(wf["jobs"].as_mapping().is_some_and(|j| !j.is_empty()));
    // Triggers: `on` (a YAML 1.1 reader may take the key for `true`).
    let on = wf
        .as_mapping()
        .unwrap()
        .iter()
        .find(|(k, _)| k.as_str() == Some("on") || k.as_bool() == Some(true))
        .map(|(_, v)| v.clone())
        .expect("triggers");
    assert!(on.get("pull_request").is_some());
    let mut steps = Vec::new();
    for (_, job) in wf["jobs"].as_mapping().unwrap() {
        assert!(job["runs-on"].as_str().is_some());
        steps.extend(job["steps"].as_sequence().unwrap().iter().cloned());
    }
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/checkout@")));
    // The cached binary is keyed by the commit the version resolves to,
    // not by a branch name that never changes.
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("the binary is cached");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("steps.rev.outputs.sha"), "{key}");
    assert!(!key.contains("env.NBLINT_REV"), "{key}");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("the SARIF upload step");
    let sarif_file = upload["with"]["sarif_file"].as_str().expect("sarif_file");
    // It uploads even when nblint found problems (exit 1).
    assert!(upload["if"]
        .as_str()
        .is_some_and(|c| c.contains("always()")));

    // Every nblint invocation uses flags `nblint check --help` lists, with
    // values the CLI accepts; the SARIF run writes the file uploaded.
    let help = run(&root, &["check", "--help"]);
    assert_eq!(help.code, 0);
    let scripts: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let mut sarif_run = false;
    let mut checks = 0;
    for script in &scripts {
        for line in script.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix("nblint check") else {
                continue;
            };
            checks += 1;
            // The command, up to a shell operator (`|| [ $? -eq 1 ]`).
            let words: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| !matches!(*w, "||" | "&&" | "|" | ";"))
                .collect();
            for (i, w) in words.iter().enumerate() {
                if w.starts_with('-') && *w != "-" {
                    let flag = w.split('=').next().unwrap();
                    assert!(
                        help.stdout.contains(flag),
                        "{flag} is not a `nblint check` flag"
                    );
                }
                if *w == "--format" {
                    let f = words[i + 1];
                    assert!(
                        help.stdout.contains(&format!("- {f}:")),
                        "--format {f} is not accepted"
                    );
                    if f == "sarif" {
                        let o = words
                            .iter()
                            .position(|w| *w == "-o" || *w == "--output")
                            .expect("-o");
                        assert_eq!(
                            words[o + 1],
                            sarif_file,
                            "the SARIF file is the one uploaded"
                        );
                        sarif_run = true;
                    }
                }
            }
        }
    }
    assert!(checks >= 2, "the example runs nblint check");
    assert!(sarif_run, "the example writes SARIF");
    // And the documented command really produces SARIF there.
    let dir = scratch("");
    write(dir.path(), "reports/a.txt", REPORT);
    let r = run(
        dir.path(),
        &["check", "--format", "sarif", "-o", sarif_file, "reports/"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(sarif_file)).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // The documentation page shows the same workflow file.
    let doc = std::fs::read_to_string(root.join("docs/github-actions.md")).unwrap();
    assert!(
        doc.contains(text.trim()),
        "docs/github-actions.md includes docs/examples/nblint.yml verbatim"
    );
}

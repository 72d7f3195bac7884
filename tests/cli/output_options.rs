//! The output controls of `check`: `--format concise`, `--quiet`,
//! `--exit-zero`, `--color`, one language per run, SARIF's size.

use crate::common::*;

/// An info-level copy of the demo rule: its header was once coloured even
/// with colour off.
fn info_rule() -> String {
    RULE_NOT_MATCH.replace("\"warning\"", "\"info\"")
}

#[test]
fn concise_is_one_line_per_finding_in_the_runs_language() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--format", "concise", "r.txt"]);
    assert_eq!(r.code, 0, "{r:?}");
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("r.txt:3:32: 警告[demo/open-day] 不要写政务开放日")
    );
    assert!(
        r.stdout
            .ends_with("0 个错误，1 个警告（检查了 1 个文件）\n"),
        "{r:?}"
    );
    let r = run(
        dir.path(),
        &[
            "check", "--format", "concise", "--lang", "en", "--quiet", "r.txt",
        ],
    );
    assert_eq!(
        r.stdout,
        "r.txt:3:32: warning[demo/open-day] do not write 政务开放日\n"
    );
}

#[test]
fn quiet_prints_only_the_findings() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "-q", "r.txt"]);
    assert!(r.stdout.contains("不要写政务开放日"), "{r:?}");
    assert!(!r.stdout.contains("个警告"), "{r:?}");
    let clean = scratch("");
    write(clean.path(), "r.txt", REPORT);
    let r = run(clean.path(), &["check", "--quiet", "r.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{r:?}");
}

#[test]
fn exit_zero_ignores_findings_but_not_failures() {
    let dir = scratch(&RULE_NOT_MATCH.replace("\"warning\"", "\"error\""));
    write(dir.path(), "r.txt", REPORT);
    assert_eq!(run(dir.path(), &["check", "r.txt"]).code, 1);
    assert_eq!(run(dir.path(), &["check", "--exit-zero", "r.txt"]).code, 0);
    let r = run(
        dir.path(),
        &["check", "--exit-zero", "r.txt", "missing.txt"],
    );
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn colour_follows_color_no_color_and_no_color_env_for_every_severity() {
    let dir = scratch(&info_rule());
    write(dir.path(), "r.txt", REPORT);
    let never = run(dir.path(), &["check", "--color", "never", "r.txt"]);
    assert!(never.stdout.contains("提示: 不要写政务开放日"), "{never:?}");
    assert!(!never.stdout.contains('\x1b'), "{never:?}");
    let legacy = run(dir.path(), &["check", "--no-color", "r.txt"]);
    assert_eq!(legacy.stdout, never.stdout);
    let always = run(dir.path(), &["check", "--color", "always", "r.txt"]);
    assert!(always.stdout.contains('\x1b'), "{always:?}");
    // Piped (the tests' stdout is not a terminal): auto means none.
    let auto = run(dir.path(), &["check", "r.txt"]);
    assert!(!auto.stdout.contains('\x1b'), "{auto:?}");
    let to_file = run(
        dir.path(),
        &["check", "--color", "always", "-o", "out.txt", "r.txt"],
    );
    assert_eq!(to_file.code, 0, "{to_file:?}");
    let written = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(!written.contains('\x1b'), "{written}");
}

#[test]
fn english_runs_have_english_labels_and_chinese_runs_chinese_ones() {
    let dir = scratch(&RULE_NOT_MATCH.replace("\"warning\"", "\"error\""));
    write(dir.path(), "r.txt", REPORT);
    let zh = run(dir.path(), &["check", "r.txt"]);
    assert!(zh.stdout.contains("错误: 不要写政务开放日"), "{zh:?}");
    assert!(zh.stdout.contains("修改建议：改写"), "{zh:?}");
    assert!(
        !zh.stdout.contains("Error") && !zh.stdout.contains("Help"),
        "{zh:?}"
    );
    let en = run(dir.path(), &["check", "--lang", "en", "r.txt"]);
    assert!(
        en.stdout.contains("Error: do not write 政务开放日"),
        "{en:?}"
    );
    assert!(en.stdout.contains("Help: 改写"), "{en:?}");
}

/// Under a snippet with multi-line spans ariadne indents its labels and
/// numbers its notes ("Note 2:"), with or without colour: a Chinese run
/// still shows none of them in English (the 上海 2019 Markdown report's
/// parse warnings and blank-cell warning have both).
#[test]
fn indented_and_numbered_labels_are_chinese_too() {
    let report = repo_root().join("corpus/real/shanghai-szfbgt-2019-md.md");
    let dir = scratch("");
    for color in ["never", "always"] {
        let r = run(
            dir.path(),
            &["check", "--color", color, report.to_str().unwrap()],
        );
        let plain: String = r.stdout.replace("\u{1b}[0m", "");
        assert!(r.stdout.contains("修改建议"), "{r:?}");
        assert!(plain.contains("注1") && plain.contains("注2"), "{r:?}");
        assert!(
            !r.stdout.contains("Help") && !r.stdout.contains("Note"),
            "{r:?}"
        );
    }
}

#[test]
fn sarif_rule_metadata_leaves_the_example_reports_to_explain() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus.join("seeds/yuncheng-szfb-2020.txt"),
        dir.path().join("r.txt"),
    )
    .unwrap();
    let r = run(dir.path(), &["check", "--format", "sarif", "r.txt"]);
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let balance = rules
        .iter()
        .find(|x| x["id"] == "arithmetic/balance")
        .unwrap();
    let help = balance["help"]["text"].as_str().unwrap();
    assert!(help.contains("nblint explain arithmetic/balance"), "{help}");
    assert!(
        !help.contains("本年新收政府信息公开申请数量"),
        "no example report: {help}"
    );
    // It was 311 KB with the example reports in every rule.
    assert!(r.stdout.len() < 100_000, "{} bytes", r.stdout.len());
}

#[test]
fn select_ignore_and_extend_select_choose_rules_by_id_or_plugin() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus.join("template-2021-format.docx"),
        dir.path().join("t.docx"),
    )
    .unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push("t.docx");
        let r = run(dir.path(), &a);
        let mut ids: Vec<String> = r.json()["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        ids.dedup();
        ids
    };
    let all = rules(&[]);
    assert!(all.contains(&"sections/template-text".into()), "{all:?}");
    assert!(all.contains(&"arithmetic/cell-value".into()), "{all:?}");
    let only = rules(&["--select", "arithmetic"]);
    assert!(
        only.iter().all(|r| r.starts_with("arithmetic/")),
        "{only:?}"
    );
    assert!(!only.is_empty());
    let ignored = rules(&["--ignore", "arithmetic,sections/template-text"]);
    assert!(
        ignored
            .iter()
            .all(|r| !r.starts_with("arithmetic/") && r != "sections/template-text"),
        "{ignored:?}"
    );
    let extended = rules(&[
        "--select",
        "sections/template-text",
        "--extend-select",
        "sections/fee-disclosure",
    ]);
    assert_eq!(
        extended,
        [
            "sections/template-text",
            "sections/fee-disclosure",
            "sections/template-text"
        ]
    );
    // A configuration that turns a plugin off, and --extend-select one of its rules.
    std::fs::write(
        dir.path().join("nblint.toml"),
        "[rules]\nsections = \"off\"\n",
    )
    .unwrap();
    assert!(rules(&[]).iter().all(|r| !r.starts_with("sections/")));
    assert!(rules(&["--extend-select", "sections/fee-disclosure"])
        .contains(&"sections/fee-disclosure".into()));
}

#[test]
fn misspelt_rule_names_are_errors_with_a_suggestion() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--select", "arithmatic", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("did you mean `arithmetic`?"), "{r:?}");
    assert!(r.stdout.contains("没有检查任何文件"), "{r:?}");
    assert!(!r.stdout.contains("未发现问题"), "{r:?}");

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", REPORT);
    write(
        dir.path(),
        "nblint.toml",
        "lang = \"zh\"\n\n[rules]\n\"sections/mising\" = \"off\"\n",
    );
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("nblint.toml: invalid configuration: line 4"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("did you mean `sections/missing`?"),
        "{r:?}"
    );
    write(
        dir.path(),
        "nblint.toml",
        "[[overrides]]\npaths = [\"*.txt\"]\nrules = { dupliates = \"off\" }\n",
    );
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("line 3"), "{r:?}");
    assert!(r.stderr.contains("did you mean `duplicates`?"), "{r:?}");
}

#[test]
fn declarative_rules_are_checked_for_ids_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r.txt", REPORT);
    let rule = |id: &str, extra: &str| {
        format!("[[rule]]\nid = \"{id}\"\nmessage = \"m\"\npattern = \"x\"\n{extra}\n")
    };
    let check = |config: String| {
        write(dir.path(), "nblint.toml", &config);
        run(dir.path(), &["check", "r.txt"])
    };
    let r = check(rule("arithmetic/balance", ""));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("line 2")
            && r.stderr
                .contains("`arithmetic/balance` is a bundled or plugin rule"),
        "{r:?}"
    );
    let r = check(rule("p/a", "") + &rule("p/a", ""));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("line 7") && r.stderr.contains("the first on line 2"),
        "{r:?}"
    );
    let r = check(rule("p/a", "section = \"七\""));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("section \"七\" does not exist"), "{r:?}");
    let r = check(rule("p/a", "section = \"（七）\"\nhelp = \"改\"\nhelp_en = \"change it\"\nmessage_en = \"m\"\nmust = \"match\""));
    assert!(
        r.code != 2 && !r.stderr.contains("invalid configuration"),
        "a level-2 （七） may exist, and help_en is accepted: {r:?}"
    );
}

/// The long options of a text: every `--name` it mentions.
fn long_options(text: &str) -> std::collections::BTreeSet<String> {
    let re = regex::Regex::new(r"--[a-z][a-z-]+").unwrap();
    re.find_iter(text).map(|m| m.as_str().to_string()).collect()
}

#[test]
fn the_readme_option_table_is_what_check_help_lists() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find("`check` options:")
        .expect("the README has the table");
    let table: String = readme[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let help = run(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0, "{help:?}");
    let options_part = &help.stdout[help.stdout.find("Options:").unwrap()..];
    let mut in_help = long_options(
        &options_part
            .lines()
            .filter(|l| l.trim_start().starts_with('-'))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    in_help.remove("--help");
    assert_eq!(long_options(&table), in_help);
}

#[test]
fn diff_and_output_together_are_refused() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--diff", "-o", "out.txt", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("cannot be used with"), "{r:?}");
    assert!(!dir.path().join("out.txt").exists());
}

#[test]
fn a_directory_names_the_office_files_it_cannot_read() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    std::fs::write(dir.path().join("2023年报.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.path().join("2023年报.wps"), b"\xd0\xcf\x11\xe0").unwrap();
    let r = run(dir.path(), &["check", "."]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stderr.contains("skipped 2 file(s) nblint cannot read"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("2023年报.doc") && r.stderr.contains("2023年报.wps"),
        "{r:?}"
    );
}

#[test]
fn compare_with_takes_a_directory_of_last_years_reports() {
    let real = repo_root().join("corpus/real");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        real.join("pingtan-szf-2023.txt"),
        dir.path().join("2023.txt"),
    )
    .unwrap();
    let last = tempfile::tempdir().unwrap();
    std::fs::copy(
        real.join("pingtan-szf-2022.txt"),
        last.path().join("2022.txt"),
    )
    .unwrap();
    let skipped = |r: &Run| r.stdout.contains("跨年核对未进行");
    let alone = run(dir.path(), &["check", "--format", "concise", "2023.txt"]);
    assert!(skipped(&alone), "{alone:?}");
    let last_dir = last.path().to_str().unwrap();
    let with = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--compare-with",
            last_dir,
            "2023.txt",
        ],
    );
    assert!(with.code <= 1, "{with:?}");
    assert!(!skipped(&with), "{with:?}");
}

#[test]
fn check_help_gives_an_example_of_every_option() {
    let dir = tempfile::tempdir().unwrap();
    let help = run(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0, "{help:?}");
    let (options, examples) = help
        .stdout
        .split_once("Examples:")
        .expect("check --help has examples");
    let mut listed = long_options(
        &options
            .lines()
            .filter(|l| l.trim_start().starts_with('-'))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    listed.remove("--help");
    let shown = long_options(examples);
    let missing: Vec<&String> = listed.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "options without an example: {missing:?}"
    );
}

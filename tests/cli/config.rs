//! `nblint.toml`: discovery, language, errors.

use crate::common::*;

#[test]
fn configuration_is_discovered_upward_and_the_nearest_wins() {
    let dir = scratch("");
    // The root config says nothing about the rule; a nearer one in a/
    // declares it in English; a file further down uses the nearer one.
    write(
        dir.path(),
        "a/nblint.toml",
        &format!("lang = \"en\"\n{}{}", quiet_config(""), RULE_NOT_MATCH),
    );
    write(dir.path(), "a/b/c/r.txt", REPORT);
    write(dir.path(), "top.txt", REPORT);
    let r = run(
        dir.path(),
        &["check", "--format", "json", "a/b/c/r.txt", "top.txt"],
    );
    let j = r.json();
    let d = &j["files"][0]["diagnostics"];
    assert_eq!(d[0]["message"], "do not write 政务开放日", "{r:?}");
    assert_eq!(
        j["files"][1]["diagnostics"].as_array().unwrap().len(),
        0,
        "{r:?}"
    );
    // The tool's own text follows the configuration of the working directory.
    let r = run(&dir.path().join("a"), &["check", "b/c/r.txt"]);
    assert!(r.stdout.contains("0 errors, 1 warning"), "{r:?}");
}

#[test]
fn explicit_config_replaces_discovery() {
    let dir = scratch("");
    write(
        dir.path(),
        "other.toml",
        &(quiet_config("") + RULE_NOT_MATCH),
    );
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--format", "json", "r.txt"]);
    assert_eq!(r.json()["summary"]["warnings"], 0);
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "other.toml",
            "r.txt",
        ],
    );
    assert_eq!(r.json()["summary"]["warnings"], 1, "{r:?}");
    let r = run(dir.path(), &["check", "--config", "missing.toml", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("missing.toml"), "{r:?}");
}

#[test]
fn per_path_overrides_apply() {
    let dir = scratch(
        &(RULE_NOT_MATCH.to_string()
            + "[[overrides]]\npaths = [\"archive/**\"]\nrules = { \"demo/open-day\" = \"error\" }\n"),
    );
    write(dir.path(), "archive/old.txt", REPORT);
    write(dir.path(), "new.txt", REPORT);
    let j = run(
        dir.path(),
        &["check", "--format", "json", "archive/old.txt", "new.txt"],
    )
    .json();
    assert_eq!(j["files"][0]["diagnostics"][0]["severity"], "error");
    assert_eq!(j["files"][1]["diagnostics"][0]["severity"], "warning");
}

#[test]
fn a_bad_config_names_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "nblint.toml",
        "lang = \"zh\"\n\n[rules]\n\"arithmetic/percent\" = \"loud\"\n",
    );
    write(dir.path(), "r.txt", REPORT);
    for format in ["human", "json"] {
        let r = run(dir.path(), &["check", "--format", format, "r.txt"]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("nblint.toml"), "{r:?}");
        assert!(r.stderr.contains("line 4"), "{r:?}");
        assert!(r.stderr.contains("arithmetic/percent"), "{r:?}");
        assert!(r.stderr.contains("loud"), "{r:?}");
        assert_eq!(
            r.stderr.matches("invalid configuration").count(),
            1,
            "said once: {r:?}"
        );
    }
    // A TOML syntax error and an unknown key.
    write(dir.path(), "nblint.toml", "lang = \"zh\"\nyear = \n");
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("line 2"), "{r:?}");
    write(dir.path(), "nblint.toml", "lang = \"zh\"\ncolour = true\n");
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("line 2") && r.stderr.contains("colour"),
        "{r:?}"
    );
    // A bad regular expression in a declarative rule.
    write(
        dir.path(),
        "nblint.toml",
        "[[rule]]\nid = \"a/b\"\nmessage = \"m\"\npattern = \"(unclosed\"\n",
    );
    let r = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("line 4") && r.stderr.contains("pattern"),
        "{r:?}"
    );
}

#[test]
fn extend_builds_on_another_configuration_and_the_nearer_file_wins() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "base/nblint.toml",
        "[rules]\n\"arithmetic\" = \"off\"\n\"sections/title\" = \"off\"\n\n[[overrides]]\npaths = [\"**/old/*.txt\"]\nyear = 2014\n",
    );
    write(
        root.path(),
        "project/nblint.toml",
        "extend = \"../base/nblint.toml\"\n\n[rules]\n\"sections/title\" = \"warning\"\n",
    );
    write(root.path(), "project/r.txt", REPORT);
    let r = run(
        &root.path().join("project"),
        &["check", "--format", "json", "r.txt"],
    );
    assert!(r.code <= 1, "{r:?}");
    let rules: Vec<String> = r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !rules.iter().any(|r| r.starts_with("arithmetic/")),
        "the base turns arithmetic off: {rules:?}"
    );

    // A cycle is an error naming the file and the key.
    write(
        root.path(),
        "base/nblint.toml",
        "extend = \"../project/nblint.toml\"\n",
    );
    let r = run(&root.path().join("project"), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("key `extend`"), "{r:?}");
    assert!(r.stderr.contains("cycle"), "{r:?}");

    // A missing base is an error naming it.
    write(
        root.path(),
        "project/nblint.toml",
        "extend = \"../nowhere.toml\"\n",
    );
    let r = run(&root.path().join("project"), &["check", "r.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("nowhere.toml"), "{r:?}");
}

#[test]
fn the_users_own_configuration_applies_where_no_project_has_one() {
    let home = tempfile::tempdir().unwrap();
    write(home.path(), "nblint/nblint.toml", "lang = \"en\"\n");
    let work = tempfile::tempdir().unwrap();
    write(work.path(), "r.txt", REPORT);
    let with_user = |cwd: &std::path::Path| {
        run_env(
            cwd,
            &[("XDG_CONFIG_HOME", home.path().as_os_str())],
            &["check", "r.txt"],
        )
        .stdout
    };
    let stdout = with_user(work.path());
    assert!(
        stdout.contains("checked)") && !stdout.contains("检查了"),
        "English from the user's config: {stdout}"
    );
    // A project's own nblint.toml wins (files are not merged).
    write(work.path(), "nblint.toml", "lang = \"zh\"\n");
    let stdout = with_user(work.path());
    assert!(stdout.contains("检查了"), "{stdout}");
}

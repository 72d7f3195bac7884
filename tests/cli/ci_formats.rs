//! The CI output formats (`--format sarif|github|junit|checkstyle`) and
//! `-o FILE`: SARIF against the official SARIF 2.1.0 schema over the
//! corpus, positions in UTF-16 units, GitHub escaping, the XML formats
//! parsed back with their counts, exit codes identical in every format.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FORMATS: [&str; 6] = ["human", "json", "sarif", "github", "junit", "checkstyle"];

/// The official SARIF 2.1.0 schema (tests/cli/fixtures/README.md says
/// where it comes from).
pub(crate) fn sarif_validator() -> jsonschema::Validator {
    let path = repo_root().join("tests/cli/fixtures/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // The schema's two `language` patterns end in `]?$`: an unbalanced `]`,
    // a literal in ECMA-262 regular expressions (what JSON Schema patterns
    // are) but rejected by the validator's regex engine. Escaping it keeps
    // the same meaning; the vendored file itself stays as published.
    let buggy = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    for def in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        assert_eq!(pattern, buggy, "the published schema's pattern");
        *pattern = r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\]?$".into();
    }
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

pub(crate) fn assert_valid_sarif(v: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: SARIF invalid against the 2.1.0 schema:\n{}",
        errors.join("\n")
    );
}

/// Report files of the corpus, relative to its root.
fn corpus_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, root, out);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["txt", "md", "html", "htm", "docx"].contains(&e))
            {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    assert!(out.len() >= 5, "corpus files: {out:?}");
    out
}

/// The byte offset of a SARIF position (1-based line, 1-based column in
/// UTF-16 code units) in `text`; lines end at LF, CRLF or a lone CR.
fn utf16_offset(text: &str, line: u64, column: u64) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut l = 1;
    let mut i = 0;
    while l < line && i < bytes.len() {
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            l += 1;
            start = i + 1;
        }
        i += 1;
    }
    assert_eq!(l, line, "line {line} is in the text");
    let mut units = 1;
    for (off, c) in text[start..].char_indices() {
        if units >= column {
            return start + off;
        }
        units += c.len_utf16() as u64;
    }
    assert_eq!(units, column, "column past the end of the text");
    text.len()
}

/// SARIF over every corpus file (and the whole corpus at once) is valid
/// against the official schema, has one result per diagnostic of the JSON
/// format, the same exit code, rule indexes into the driver's rules, and
/// regions and fixes that point at the JSON format's byte offsets once the
/// UTF-16 columns are converted back.
#[test]
fn sarif_over_the_corpus_is_valid_and_points_where_json_does() {
    let Some(root) = corpus() else { return };
    let v = sarif_validator();
    let mut results_seen = 0;
    let mut fixes_seen = 0;
    let mut related_seen = 0;
    let files = corpus_files(&root);
    let mut whole = vec!["check".to_string(), "--format".into(), "sarif".into()];
    whole.extend(files.iter().map(|f| f.display().to_string()));
    for file in &files {
        let name = file.to_str().unwrap();
        let sarif = run(&root, &["check", "--format", "sarif", name]);
        let json = run(&root, &["check", "--format", "json", name]);
        assert_eq!(sarif.code, json.code, "{name}: {sarif:?}");
        assert!(sarif.code <= 1, "{name}: {sarif:?}");
        let log = sarif.json();
        assert_valid_sarif(&v, &log, name);
        let jf = &json.json()["files"][0];
        let run0 = &log["runs"][0];
        assert_eq!(run0["columnKind"], "utf16CodeUnits");
        assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
        assert_eq!(run0["invocations"][0]["exitCode"], json.code);
        let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run0["results"].as_array().unwrap();
        let diags = jf["diagnostics"].as_array().unwrap();
        assert_eq!(results.len(), diags.len(), "{name}");
        let uri = run0["artifacts"][0]["location"]["uri"].as_str().unwrap();
        assert_eq!(
            uri, name,
            "artifact URIs are relative to the working directory"
        );
        let text = (run0["artifacts"][0]["encoding"] == "UTF-8" && !name.ends_with(".docx"))
            .then(|| String::from_utf8(std::fs::read(root.join(file)).unwrap()).unwrap());
        for (r, d) in results.iter().zip(diags) {
            results_seen += 1;
            assert_eq!(r["ruleId"], d["rule"], "{name}");
            let idx = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[idx]["id"], d["rule"], "{name}: ruleIndex");
            let level = match d["severity"].as_str().unwrap() {
                "error" => "error",
                "warning" => "warning",
                _ => "note",
            };
            assert_eq!(r["level"], level);
            assert!(r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(d["message"].as_str().unwrap()));
            let fp = r["partialFingerprints"]["nblintLineHash/v1"]
                .as_str()
                .unwrap();
            assert_eq!(fp.len(), 16 + 2, "{fp}"); // hash:occurrence (< 10 here)
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], d["line"], "{name}");
            assert_eq!(region["endLine"], d["end_line"], "{name}");
            if let Some(text) = &text {
                let at = |reg: &Value, start: bool| {
                    let (l, c) = if start {
                        ("startLine", "startColumn")
                    } else {
                        ("endLine", "endColumn")
                    };
                    utf16_offset(text, reg[l].as_u64().unwrap(), reg[c].as_u64().unwrap())
                };
                assert_eq!(at(region, true) as u64, d["byte_start"], "{name}: {r}");
                assert_eq!(at(region, false) as u64, d["byte_end"], "{name}: {r}");
                if let Some(snippet) = region["snippet"]["text"].as_str() {
                    let (a, b) = (
                        d["byte_start"].as_u64().unwrap() as usize,
                        d["byte_end"].as_u64().unwrap() as usize,
                    );
                    assert_eq!(snippet, &text[a..b]);
                }
                let related = r["relatedLocations"].as_array().map_or(&[][..], |a| a);
                assert_eq!(related.len(), d["related"].as_array().unwrap().len());
                for (rl, jd) in related.iter().zip(d["related"].as_array().unwrap()) {
                    related_seen += 1;
                    let reg = &rl["physicalLocation"]["region"];
                    assert_eq!(at(reg, true) as u64, jd["byte_start"]);
                    assert_eq!(at(reg, false) as u64, jd["byte_end"]);
                    assert_eq!(rl["message"]["text"], jd["message"]);
                }
                match d["fix"].as_object() {
                    None => assert!(r.get("fixes").is_none(), "{r}"),
                    Some(fix) => {
                        fixes_seen += 1;
                        let f = &r["fixes"][0];
                        assert_eq!(f["description"]["text"], fix["message"]);
                        assert_eq!(f["properties"]["safe"], fix["safe"]);
                        let change = &f["artifactChanges"][0];
                        assert_eq!(change["artifactLocation"]["uri"], name);
                        let reps = change["replacements"].as_array().unwrap();
                        let edits = fix["edits"].as_array().unwrap();
                        assert_eq!(reps.len(), edits.len());
                        for (rep, e) in reps.iter().zip(edits) {
                            let reg = &rep["deletedRegion"];
                            assert_eq!(at(reg, true) as u64, e["byte_start"]);
                            assert_eq!(at(reg, false) as u64, e["byte_end"]);
                            assert_eq!(rep["insertedContent"]["text"], e["replacement"]);
                        }
                    }
                }
            }
        }
    }
    assert!(results_seen >= 40, "{results_seen} results");
    assert!(fixes_seen >= 10, "{fixes_seen} fixes");
    assert!(related_seen >= 10, "{related_seen} related locations");

    // The whole corpus in one run.
    let args: Vec<&str> = whole.iter().map(|s| s.as_str()).collect();
    let r = run(&root, &args);
    assert_eq!(r.code, 1, "{r:?}");
    let log = r.json();
    assert_valid_sarif(&v, &log, "the whole corpus");
    assert_eq!(
        log["runs"][0]["artifacts"].as_array().unwrap().len(),
        files.len()
    );
    // Files checked together see each other (last year's report of the
    // same agency), so the whole run is compared with its own JSON, not
    // with the sum of the files checked one by one.
    let json_args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "sarif" { "json" } else { *a })
        .collect();
    let whole_json = run(&root, &json_args).json();
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len() as u64,
        whole_json["summary"]["errors"].as_u64().unwrap()
            + whole_json["summary"]["warnings"].as_u64().unwrap()
            + whole_json["summary"]["infos"].as_u64().unwrap()
    );
}

/// The validator is not a rubber stamp: a broken log fails it.
#[test]
fn the_schema_rejects_invalid_sarif() {
    let v = sarif_validator();
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let r = run(dir.path(), &["check", "--format", "sarif", "r.txt"]);
    let mut log = r.json();
    assert_valid_sarif(&v, &log, "r.txt");
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!v.is_valid(&log));
    let mut log = r.json();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!v.is_valid(&log));
    let mut log = r.json();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "not a uri: 报告.txt".into();
    assert!(!v.is_valid(&log), "formats are validated");
}

/// Columns count UTF-16 code units (a character outside the BMP is two),
/// in plain text and through HTML's source map; non-ASCII file names are
/// percent-encoded URIs.
#[test]
fn sarif_columns_are_utf16_units_and_uris_are_encoded() {
    let v = sarif_validator();
    let dir = scratch(RULE_NOT_MATCH);
    write(
        dir.path(),
        "报告 1.txt",
        &REPORT.replace("政务开放日", "𠀀𠀀，政务开放日"),
    );
    write(
        dir.path(),
        "r.html",
        &format!(
            "<html><body>\n<p>{}</p>\n</body></html>\n",
            REPORT
                .replace('\n', "</p>\n<p>")
                .replace("政务开放日", "𠀀政务开放日")
        ),
    );
    let r = run(
        dir.path(),
        &["check", "--format", "sarif", "报告 1.txt", "r.html"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let log = r.json();
    assert_valid_sarif(&v, &log, "scratch");
    let json = run(
        dir.path(),
        &["check", "--format", "json", "报告 1.txt", "r.html"],
    )
    .json();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{log}");
    for (i, (res, file)) in results
        .iter()
        .zip(json["files"].as_array().unwrap())
        .enumerate()
    {
        let d = &file["diagnostics"][0];
        let reg = &res["locations"][0]["physicalLocation"]["region"];
        let src = std::fs::read_to_string(dir.path().join(if i == 0 {
            "报告 1.txt"
        } else {
            "r.html"
        }))
        .unwrap();
        let line_text = src
            .lines()
            .nth(d["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let before = &line_text[..line_text.find("政务开放日").unwrap()];
        let scalars = before.chars().count() as u64 + 1;
        let units = before.encode_utf16().count() as u64 + 1;
        assert!(units > scalars, "{before}");
        assert_eq!(d["column"], scalars, "JSON counts scalar values");
        assert_eq!(reg["startColumn"], units, "SARIF counts UTF-16 units");
        assert_eq!(reg["endColumn"], units + 5);
        assert_eq!(reg["snippet"]["text"], "政务开放日");
    }
    let uris: Vec<&str> = log["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["%E6%8A%A5%E5%91%8A%201.txt", "r.html"]);
    assert_eq!(log["runs"][0]["artifacts"][1]["properties"]["kind"], "html");
}

/// In HTML, a fix's region is in the markup and its content is escaped:
/// applying the SARIF replacement to the source gives the fixed heading.
#[test]
fn sarif_fixes_in_html_apply_to_the_markup() {
    let v = sarif_validator();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nblint.toml", "");
    let html = format!(
        "<html><body>\n<p>{}</p>\n</body></html>\n",
        REPORT
            .replace(
                "五、存在的主要问题及改进情况",
                "五、存在的问题及<b>下一步</b>打算"
            )
            .replace('\n', "</p>\n<p>")
    );
    write(dir.path(), "r.html", &html);
    write(
        dir.path(),
        "r.txt",
        &REPORT.replace("五、存在的主要问题及改进情况", "五、存在的问题及下一步打算"),
    );
    let r = run(
        dir.path(),
        &["check", "--format", "sarif", "r.txt", "r.html"],
    );
    let log = r.json();
    assert_valid_sarif(&v, &log, "html fixes");
    let fixes_of = |uri: &str| -> Vec<Value> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["ruleId"] == "sections/title"
                    && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
            })
            .map(|r| r["fixes"].clone())
            .collect()
    };
    // Plain text: the fix replaces the title.
    let txt = fixes_of("r.txt");
    assert_eq!(txt.len(), 1, "{log}");
    let rep = &txt[0][0]["artifactChanges"][0]["replacements"][0];
    let src = REPORT.replace("五、存在的主要问题及改进情况", "五、存在的问题及下一步打算");
    let reg = &rep["deletedRegion"];
    let a = utf16_offset(
        &src,
        reg["startLine"].as_u64().unwrap(),
        reg["startColumn"].as_u64().unwrap(),
    );
    let b = utf16_offset(
        &src,
        reg["endLine"].as_u64().unwrap(),
        reg["endColumn"].as_u64().unwrap(),
    );
    let fixed = format!(
        "{}{}{}",
        &src[..a],
        rep["insertedContent"]["text"].as_str().unwrap(),
        &src[b..]
    );
    assert!(
        fixed.contains("\n五、存在的主要问题及改进情况\n"),
        "{fixed}"
    );
    // HTML: the title's text is split by markup, so no fix is offered
    // rather than one that would break the tags.
    let html_fixes = fixes_of("r.html");
    assert_eq!(html_fixes.len(), 1, "{log}");
    assert!(html_fixes[0].is_null(), "{}", html_fixes[0]);
    // Without markup inside, the fix applies to the HTML source.
    let plain = html.replace("<b>", "").replace("</b>", "");
    write(dir.path(), "r.html", &plain);
    let r = run(dir.path(), &["check", "--format", "sarif", "r.html"]);
    let log = r.json();
    assert_valid_sarif(&v, &log, "html fixes");
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "sections/title")
        .unwrap()
        .clone();
    let rep = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    let reg = &rep["deletedRegion"];
    let at =
        |l: &str, c: &str| utf16_offset(&plain, reg[l].as_u64().unwrap(), reg[c].as_u64().unwrap());
    let (a, b) = (at("startLine", "startColumn"), at("endLine", "endColumn"));
    let fixed = format!(
        "{}{}{}",
        &plain[..a],
        rep["insertedContent"]["text"].as_str().unwrap(),
        &plain[b..]
    );
    assert!(
        fixed.contains("<p>五、存在的主要问题及改进情况</p>"),
        "{fixed}"
    );
}

/// The fingerprint of a finding survives unrelated edits above it (its line
/// moves, its hash does not) and changes when its own line changes.
#[test]
fn sarif_fingerprints_are_stable_across_unrelated_edits() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let fp = |dir: &Path| {
        let log = run(dir, &["check", "--format", "sarif", "r.txt"]).json();
        let r = &log["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["nblintLineHash/v1"]
                .as_str()
                .unwrap()
                .to_string(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (a, line_a) = fp(dir.path());
    write(
        dir.path(),
        "r.txt",
        &REPORT.replace("一、总体情况\n", "一、总体情况\n新增的一段说明。\n\n"),
    );
    let (b, line_b) = fp(dir.path());
    assert_eq!(a, b);
    assert_ne!(line_a, line_b);
    write(dir.path(), "r.txt", &REPORT.replace("顺利举办", "圆满举办"));
    let (c, _) = fp(dir.path());
    assert_ne!(a, c);
}

/// A file that cannot be read: exit 2, `executionSuccessful` false and a
/// notification naming it; still valid SARIF.
#[test]
fn sarif_reports_failures_as_notifications() {
    let v = sarif_validator();
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    let r = run(
        dir.path(),
        &["check", "--format", "sarif", "r.txt", "missing.txt"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    let log = r.json();
    assert_valid_sarif(&v, &log, "with a missing file");
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(inv["exitCode"], 2);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.txt"
    );
    assert!(r.stderr.contains("missing.txt"), "{r:?}");
}

/// Standard input has no URI: its artifact has a description instead, and
/// the log is still valid; an invalid configuration is a notification.
#[test]
fn sarif_from_stdin_and_with_a_bad_configuration_is_valid() {
    let v = sarif_validator();
    let dir = scratch(RULE_NOT_MATCH);
    let r = run_stdin(
        dir.path(),
        &["check", "--format", "sarif", "-"],
        REPORT.as_bytes(),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let log = r.json();
    assert_valid_sarif(&v, &log, "stdin");
    let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"].get("uri").is_none(), "{loc}");
    assert_eq!(loc["region"]["startLine"], 3);

    write(
        dir.path(),
        "bad.toml",
        "[rules]\n\"arithmetic/percent\" = \"loud\"\n",
    );
    write(dir.path(), "r.txt", REPORT);
    let r = run(
        dir.path(),
        &[
            "check", "--format", "sarif", "--config", "bad.toml", "r.txt",
        ],
    );
    assert_eq!(r.code, 2, "{r:?}");
    let log = r.json();
    assert_valid_sarif(&v, &log, "bad configuration");
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.iter().any(
            |n| n["message"]["text"].as_str().unwrap().contains("bad.toml")
                || n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.toml"
        ),
        "{notes:?}"
    );
}

/// Rule metadata: every rule of `nblint rules`, descriptions in the
/// message language, default levels.
#[test]
fn sarif_rules_carry_the_catalog() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let catalog = run(dir.path(), &["rules", "--format", "json"]).json();
    for (lang, field) in [("zh", "summary_zh"), ("en", "summary_en")] {
        let log = run(
            dir.path(),
            &["check", "--format", "sarif", "--lang", lang, "r.txt"],
        )
        .json();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), catalog.as_array().unwrap().len());
        for (d, c) in rules.iter().zip(catalog.as_array().unwrap()) {
            assert_eq!(d["id"], c["id"]);
            if !c[field].as_str().unwrap().is_empty() {
                assert_eq!(d["shortDescription"]["text"], c[field], "{lang}");
            }
            let level = match c["default_severity"].as_str().unwrap() {
                "info" => "note",
                s => s,
            };
            assert_eq!(d["defaultConfiguration"]["level"], level);
            assert!(!d["help"]["text"].as_str().unwrap().is_empty());
        }
        assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "nblint");
    }
}

/// GitHub annotations: one command per diagnostic, severities mapped,
/// `%`, CR, LF escaped in messages and `,` `:` too in properties.
#[test]
fn github_annotations_are_escaped() {
    let rule = "[[rule]]\nid = \"demo/odd\"\nmessage = \"100%: a, b\"\nhelp = \"第二行\"\n\
                severity = \"error\"\npattern = \"政务开放日\"\n";
    let dir = scratch(&format!("{RULE_NOT_MATCH}{}", rule));
    write(dir.path(), "a,b:c.txt", REPORT);
    let r = run(dir.path(), &["check", "--format", "github", "a,b:c.txt"]);
    assert_eq!(r.code, 1, "{r:?}");
    let lines: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(lines.len(), 2, "{r:?}");
    let third = REPORT.lines().nth(2).unwrap();
    let col = third[..third.find("政务开放日").unwrap()].chars().count() + 1;
    let odd = lines.iter().find(|l| l.contains("title=demo/odd")).unwrap();
    assert_eq!(
        *odd,
        format!(
            "::error file=a%2Cb%3Ac.txt,line=3,col={col},endLine=3,endColumn={},title=demo/odd::100%25: a, b%0A第二行",
            col + 5
        )
    );
    let open_day = lines
        .iter()
        .find(|l| l.contains("title=demo/open-day"))
        .unwrap();
    assert!(
        open_day.starts_with("::warning file=a%2Cb%3Ac.txt,line=3,"),
        "{open_day}"
    );
    assert!(open_day.ends_with(",title=demo/open-day::不要写政务开放日%0A改写"));
    assert!(
        r.stdout
            .ends_with("nblint: 1 files, 1 errors, 1 warnings, 0 infos\n"),
        "{r:?}"
    );
    // A failure is an error annotation too.
    let r = run(dir.path(), &["check", "--format", "github", "missing.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("::error file=missing.txt,title=nblint::"),
        "{r:?}"
    );
}

fn xml(r: &Run) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(&r.stdout)
        .unwrap_or_else(|e| panic!("not well-formed XML ({e}): {r:?}"))
}

/// Checkstyle over the corpus: one `<file>` per file, one `<error>` per
/// diagnostic with its rule as `source`.
#[test]
fn checkstyle_over_the_corpus_parses_with_the_right_counts() {
    let Some(root) = corpus() else { return };
    let json = run(&root, &["check", "--format", "json", "."]);
    let r = run(&root, &["check", "--format", "checkstyle", "."]);
    assert_eq!(r.code, json.code);
    let doc = xml(&r);
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "checkstyle");
    assert_eq!(top.attribute("version"), Some("4.3"));
    let files: Vec<_> = top.children().filter(|n| n.is_element()).collect();
    let jfiles = json.json()["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), jfiles.len());
    let mut total = 0;
    for (f, jf) in files.iter().zip(&jfiles) {
        let jpath = jf["path"].as_str().unwrap().trim_start_matches("./");
        assert_eq!(f.attribute("name"), Some(jpath));
        let errors: Vec<_> = f.children().filter(|n| n.has_tag_name("error")).collect();
        let diags = jf["diagnostics"].as_array().unwrap();
        assert_eq!(errors.len(), diags.len(), "{jpath}");
        for (e, d) in errors.iter().zip(diags) {
            assert_eq!(e.attribute("source"), d["rule"].as_str());
            assert_eq!(e.attribute("severity"), d["severity"].as_str());
            assert_eq!(e.attribute("line"), Some(d["line"].to_string().as_str()));
            assert_eq!(
                e.attribute("column"),
                Some(d["column"].to_string().as_str())
            );
            assert!(e
                .attribute("message")
                .unwrap()
                .starts_with(d["message"].as_str().unwrap()));
        }
        total += errors.len();
    }
    assert!(total >= 40, "{total}");
}

/// JUnit over the corpus: a test suite per file, a test case per rule that
/// fired (or one passing case), failures for rules with a diagnostic at or
/// above --fail-on.
#[test]
fn junit_over_the_corpus_parses_with_the_right_counts() {
    let Some(root) = corpus() else { return };
    let json = run(&root, &["check", "--format", "json", "."]).json();
    for (fail_on, sev) in [
        ("error", &["error"][..]),
        ("warning", &["error", "warning"][..]),
    ] {
        let r = run(
            &root,
            &["check", "--format", "junit", "--fail-on", fail_on, "."],
        );
        assert_eq!(r.code, 1, "{r:?}");
        let doc = xml(&r);
        let top = doc.root_element();
        assert_eq!(top.tag_name().name(), "testsuites");
        let suites: Vec<_> = top
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        let jfiles = json["files"].as_array().unwrap();
        assert_eq!(suites.len(), jfiles.len());
        let (mut tests, mut failures) = (0, 0);
        for (s, jf) in suites.iter().zip(jfiles) {
            let diags = jf["diagnostics"].as_array().unwrap();
            let mut rules: Vec<&str> = diags.iter().map(|d| d["rule"].as_str().unwrap()).collect();
            rules.sort();
            rules.dedup();
            let mut failing: Vec<&str> = diags
                .iter()
                .filter(|d| sev.contains(&d["severity"].as_str().unwrap()))
                .map(|d| d["rule"].as_str().unwrap())
                .collect();
            failing.sort();
            failing.dedup();
            let cases: Vec<_> = s
                .children()
                .filter(|n| n.has_tag_name("testcase"))
                .collect();
            let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
            if rules.is_empty() {
                assert_eq!(names, ["nblint"]);
            } else {
                assert_eq!(names, rules);
            }
            let failed: Vec<&str> = cases
                .iter()
                .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
                .map(|c| c.attribute("name").unwrap())
                .collect();
            assert_eq!(failed, failing, "--fail-on {fail_on}");
            assert_eq!(s.attribute("tests"), Some(cases.len().to_string().as_str()));
            assert_eq!(
                s.attribute("failures"),
                Some(failed.len().to_string().as_str())
            );
            tests += cases.len();
            failures += failed.len();
        }
        assert_eq!(top.attribute("tests"), Some(tests.to_string().as_str()));
        assert_eq!(
            top.attribute("failures"),
            Some(failures.to_string().as_str())
        );
        assert!(failures >= 3, "--fail-on {fail_on}: {failures}");
    }
}

/// Markup and control characters in messages and paths stay well-formed
/// XML and come back as written (controls XML cannot hold become U+FFFD).
#[test]
fn xml_formats_escape_markup_and_controls() {
    let rule = "[[rule]]\nid = \"demo/markup\"\nmessage = \"<a href=\\\"x\\\">&'\\u0001</a>\"\n\
                severity = \"error\"\npattern = \"政务开放日\"\n";
    let dir = scratch(rule);
    write(dir.path(), "a&b<'\">.txt", REPORT);
    for format in ["checkstyle", "junit"] {
        let r = run(
            dir.path(),
            &["check", "--format", format, "a&b<'\">.txt", "bad.txt"],
        );
        assert_eq!(r.code, 2, "{r:?}");
        let doc = xml(&r);
        let text = |n: roxmltree::Node| n.attribute("message").map(str::to_string);
        let messages: Vec<String> = doc.descendants().filter_map(text).collect();
        assert!(
            messages.contains(&"<a href=\"x\">&'\u{fffd}</a>".to_string()),
            "{format}: {messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("no such file")),
            "{format}: the failure is reported: {messages:?}"
        );
        let names: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert!(names.contains(&"a&b<'\">.txt"), "{format}: {names:?}");
    }
}

/// The exit code is the same in every format: 0 clean (a warning below
/// --fail-on), 1 at or above it, 2 on a failure; with -o too, where
/// standard output stays empty and the report is in the file.
#[test]
fn exit_codes_are_identical_in_every_format() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    write(dir.path(), "bad.toml", "lang = 3\n");
    let cases: [(&[&str], i32); 5] = [
        (&["r.txt"], 0),
        (&["--fail-on", "warning", "r.txt"], 1),
        (&["--fail-on", "info", "r.txt"], 1),
        (&["r.txt", "missing.txt"], 2),
        (&["--config", "bad.toml", "r.txt"], 2),
    ];
    for format in FORMATS {
        for (args, code) in cases {
            let mut a = vec!["check", "--format", format];
            a.extend_from_slice(args);
            let r = run(dir.path(), &a);
            assert_eq!(r.code, code, "--format {format} {args:?}: {r:?}");
            assert!(!r.stdout.is_empty(), "{format}");
            let out = dir.path().join(format!("report.{format}"));
            let _ = std::fs::remove_file(&out);
            a.extend_from_slice(&["-o", out.to_str().unwrap()]);
            let o = run(dir.path(), &a);
            assert_eq!(o.code, code, "-o, --format {format} {args:?}: {o:?}");
            assert_eq!(o.stdout, "", "{format}");
            assert_eq!(
                std::fs::read_to_string(&out).unwrap(),
                r.stdout,
                "-o writes what standard output would show ({format})"
            );
        }
    }
}

/// -o writes atomically: a write that cannot happen exits 2, says nothing
/// was written, and leaves no temporary file behind.
#[test]
fn output_file_failures_exit_2_and_write_nothing() {
    let dir = scratch("");
    write(dir.path(), "r.txt", REPORT);
    write(dir.path(), "plain-file", "x");
    for target in ["plain-file/out.sarif", "no-such-dir/out.sarif", "."] {
        let r = run(
            dir.path(),
            &["check", "--format", "sarif", "r.txt", "-o", target],
        );
        assert_eq!(r.code, 2, "{target}: {r:?}");
        assert!(r.stderr.contains("nothing was written"), "{r:?}");
        assert_eq!(r.stdout, "");
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["nblint.toml", "plain-file", "r.txt"]);
    // An existing report is replaced whole and keeps its permissions.
    let out = write(dir.path(), "out.xml", "old");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let r = run(
        dir.path(),
        &["check", "--format", "checkstyle", "r.txt", "-o", "out.xml"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<?xml"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

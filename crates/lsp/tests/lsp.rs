//! End-to-end tests of `nblint lsp`, driving the real binary over stdio
//! (see `common` for where the binary is found).

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

const WRONG: &str = "(七)总计 | 12 | 1 | 0 | 0 | 0 | 0 | 14 |";
const RIGHT: &str = "(七)总计 | 12 | 1 | 0 | 0 | 0 | 0 | 13 |";

/// The fixture with （七）总计·总计 = 14 instead of 13.
fn wrong_report() -> String {
    let text = fixture("report-2020.txt");
    assert!(text.contains(RIGHT));
    text.replacen(RIGHT, WRONG, 1)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn canon(p: &Path) -> std::path::PathBuf {
    p.canonicalize().unwrap()
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The errors and warnings among the server's diagnostics (not the infos,
/// such as that no report of last year was there to compare with).
fn findings(diags: &[Value]) -> Vec<&Value> {
    diags
        .iter()
        .filter(|d| d["severity"].as_i64() != Some(3))
        .collect()
}

fn severity(s: &str) -> i64 {
    match s {
        "error" => 1,
        "warning" => 2,
        _ => 3,
    }
}

/// Asserts that the server's diagnostics for `text` are the CLI's.
fn assert_same(name: &str, text: &str, cli: &[Value], lsp: &[Value], enc: &str) {
    let lines = Lines::new(text);
    assert_eq!(
        cli.len(),
        lsp.len(),
        "{name}: CLI {:?} vs LSP {:?}",
        cli.iter().map(|d| &d["rule"]).collect::<Vec<_>>(),
        codes(lsp)
    );
    for (c, l) in cli.iter().zip(lsp) {
        let rule = c["rule"].as_str().unwrap();
        assert_eq!(l["code"], rule, "{name}");
        assert_eq!(l["source"], "nblint");
        assert_eq!(
            l["severity"],
            severity(c["severity"].as_str().unwrap()),
            "{name} {rule}"
        );
        let msg = c["message"].as_str().unwrap();
        assert!(
            l["message"].as_str().unwrap().starts_with(msg),
            "{name} {rule}: {} vs {msg}",
            l["message"]
        );
        assert_eq!(l["data"]["help"], c["help"], "{name} {rule}");
        let range = |v: &Value| {
            lines.range(
                v["byte_start"].as_u64().unwrap() as usize,
                v["byte_end"].as_u64().unwrap() as usize,
                enc,
            )
        };
        assert_eq!(l["range"], range(c), "{name} {rule} {msg}");
        let rel_c = c["related"].as_array().unwrap();
        let rel_l = l["relatedInformation"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(rel_c.len(), rel_l.len(), "{name} {rule}");
        for (rc, rl) in rel_c.iter().zip(&rel_l) {
            assert_eq!(rl["location"]["range"], range(rc), "{name} {rule}");
            assert_eq!(rl["message"], rc["message"]);
        }
    }
}

#[test]
fn initialize_negotiates_utf16_and_utf8() {
    let dir = tempdir();
    let c = Client::start(dir.path(), &[], None);
    assert_eq!(c.encoding, "utf-16");
    c.stop();
    let c = Client::start(dir.path(), &[], Some(&["utf-16"]));
    assert_eq!(c.encoding, "utf-16");
    c.stop();
    let c = Client::start(dir.path(), &[], Some(&["utf-8", "utf-16"]));
    assert_eq!(c.encoding, "utf-8");
    c.stop();
}

/// CJK, a character outside the BMP, CRLF and a lone CR before the
/// diagnostics, in both encodings, against the CLI on the same bytes.
#[test]
fn positions_match_the_cli_in_both_encodings() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let text = wrong_report()
        .replacen("某市", "𠀀某市", 1)
        .replace('\n', "\r\n")
        .replacen("一、总体情况\r\n", "一、总体情况\r", 1);
    let path = ws.join("r.txt");
    std::fs::write(&path, &text).unwrap();
    let cli = cli_check(&ws, &[&path]);
    let cli_diags = cli["files"][0]["diagnostics"].as_array().unwrap().clone();
    assert!(!cli_diags.is_empty());
    for enc in [None, Some(&["utf-8"][..])] {
        let mut c = Client::start(&ws, &[&ws], enc);
        let uri = file_uri(&path);
        c.open(&uri, &text);
        let diags = c.diagnostics(&uri, 1);
        let e = c.encoding.clone();
        assert_same("r.txt", &text, &cli_diags, &diags, &e);
        c.stop();
    }
}

#[test]
fn corpus_diagnostics_are_the_clis() {
    nblint_test_support::require_corpus!();
    let seeds = corpus_dir();
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut names = Vec::new();
    for e in std::fs::read_dir(&seeds).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            std::fs::copy(&p, ws.join(&name)).unwrap();
            names.push(name);
        }
    }
    names.sort();
    assert!(!names.is_empty(), "no .txt seeds in {}", seeds.display());
    // The CLI over the folder (cross-document rules see every file), as
    // the server sees its workspace folder.
    let cli = cli_check(&ws, &[&ws]);
    let mut c = Client::start(&ws, &[&ws], Some(&["utf-16"]));
    for name in &names {
        let path = ws.join(name);
        let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        let file = cli["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} not in the CLI's output"));
        let uri = file_uri(&path);
        c.open(&uri, &text);
        let diags = c.diagnostics(&uri, 1);
        assert_same(
            name,
            &text,
            file["diagnostics"].as_array().unwrap(),
            &diags,
            "utf-16",
        );
    }
    c.stop();
}

#[test]
fn correcting_a_total_removes_its_diagnostic() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&ws.join("a.txt"));
    let text = wrong_report();
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri, 1);
    assert!(codes(&diags).contains(&"arithmetic/result-total".to_string()));
    // Type the right number over the wrong one.
    let lines = Lines::new(&text);
    let at = text.find(WRONG).unwrap() + WRONG.rfind("14").unwrap();
    c.change(
        &uri,
        2,
        json!([{"range": lines.range(at, at + 2, "utf-16"), "text": "13"}]),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(findings(&diags).is_empty(), "{diags:?}");
    c.stop();
}

#[test]
fn rapid_changes_end_with_the_final_texts_diagnostics() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut c = Client::start(&ws, &[&ws], Some(&["utf-8"]));
    let uri = file_uri(&ws.join("a.txt"));
    let mut text = fixture("report-2020.txt");
    c.open(&uri, &text);
    // 500 one-character edits: typing into the overview paragraph, and at
    // the end the total made wrong.
    let anchor = text.find("均已按时答复").unwrap();
    let mut version = 1;
    for i in 0..499 {
        let ch = ["甲", "𠀀", "a", "\r\n"][i % 4];
        let lines = Lines::new(&text);
        let at = anchor + (i % 7);
        let mut at = (0..=at).rev().find(|&j| text.is_char_boundary(j)).unwrap();
        // Between `\r` and `\n` is not a position (it is past the line's end).
        if text[..at].ends_with('\r') && text[at..].starts_with('\n') {
            at -= 1;
        }
        version += 1;
        c.change(
            &uri,
            version,
            json!([{"range": lines.range(at, at, "utf-8"), "text": ch}]),
        );
        text.insert_str(at, ch);
    }
    let lines = Lines::new(&text);
    let at = text.find(RIGHT).unwrap() + RIGHT.rfind("13").unwrap();
    version += 1;
    c.change(
        &uri,
        version,
        json!([{"range": lines.range(at, at + 2, "utf-8"), "text": "14"}]),
    );
    text.replace_range(at..at + 2, "14");
    assert_eq!(version, 501);
    let last = c.diagnostics(&uri, version);
    assert!(
        codes(&last).contains(&"arithmetic/result-total".to_string()),
        "{:?}",
        codes(&last)
    );
    // Nothing older is published afterwards.
    for m in c.drain(Duration::from_millis(500)) {
        assert_ne!(m["method"], "textDocument/publishDiagnostics", "{m}");
    }
    // The server's text is the client's: the same diagnostics as a fresh
    // document with the final text.
    let uri2 = file_uri(&ws.join("b.txt"));
    c.open(&uri2, &text);
    let fresh = c.diagnostics(&uri2, 1);
    let fresh = serde_json::to_string(&fresh).unwrap().replace(&uri2, &uri);
    assert_eq!(serde_json::to_string(&last).unwrap(), fresh);
    c.stop();
}

fn actions_at(c: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diag["range"],
            "context": {"diagnostics": [diag]},
        }),
    );
    r["result"].as_array().cloned().unwrap_or_default()
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri].as_array().cloned().unwrap()
}

#[test]
fn code_actions_fix_disable_and_explain() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&ws.join("a.txt"));
    let text = wrong_report();
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "arithmetic/result-total")
        .unwrap()
        .clone();
    let actions = actions_at(&mut c, &uri, &d);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();

    // The rule's fix (safe: preferred) fixes it.
    let fix = actions
        .iter()
        .find(|a| {
            a["isPreferred"] == true && a["diagnostics"][0]["code"] == "arithmetic/result-total"
        })
        .unwrap_or_else(|| panic!("no preferred fix in {titles:?}"));
    assert_eq!(fix["kind"], "quickfix");
    let fixed = apply_edits(&text, &edits_of(fix, &uri), "utf-16");
    c.change(&uri, 2, json!([{"text": fixed}]));
    let after = c.diagnostics(&uri, 2);
    assert!(findings(&after).is_empty(), "{:?}", codes(&after));

    // Disabling the rule for the line: that diagnostic goes, no unused marker.
    c.change(&uri, 3, json!([{"text": text}]));
    let diags = c.diagnostics(&uri, 3);
    let d = diags
        .iter()
        .find(|d| d["code"] == "arithmetic/result-total")
        .unwrap()
        .clone();
    let actions = actions_at(&mut c, &uri, &d);
    // (In a table the marker pair goes around the table: a marker line
    // between its rows would split it.)
    for (version, needle) in [(4, "disable "), (5, "disable ")] {
        let a = actions
            .iter()
            .find(|a| {
                a["title"]
                    .as_str()
                    .unwrap()
                    .contains("arithmetic/result-total")
                    && a["edit"]["changes"][uri.as_str()][0]["newText"]
                        .as_str()
                        .is_some_and(|t| t.contains(&format!("nblint-{needle}")))
            })
            .unwrap_or_else(|| panic!("no disable-for-{needle} action"));
        let disabled = apply_edits(&text, &edits_of(a, &uri), "utf-16");
        c.change(&uri, version, json!([{"text": disabled}]));
        let after = codes(&c.diagnostics(&uri, version));
        assert!(
            !after.contains(&"arithmetic/result-total".to_string()),
            "{needle}: {after:?}"
        );
        assert!(
            !after.contains(&"nblint/unused-suppression".to_string()),
            "{needle}: {after:?}"
        );
    }

    // Explain: a command the server answers with the explanation.
    let explain = actions
        .iter()
        .find(|a| {
            a["command"]["command"] == "nblint.explain"
                && a["command"]["arguments"][0] == "arithmetic/result-total"
        })
        .expect("an explain action");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "nblint.explain", "arguments": explain["command"]["arguments"]}),
    );
    let text = r["result"].as_str().unwrap();
    assert!(text.contains("arithmetic/result-total"), "{text}");
    assert!(text.contains("（七）总计"), "{text}");
    c.stop();
}

#[test]
fn hover_shows_a_totals_computation_and_the_rule() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&ws.join("a.txt"));
    let text = fixture("report-2020.txt");
    c.open(&uri, &text);
    let lines = Lines::new(&text);
    let at = text.find(RIGHT).unwrap() + RIGHT.rfind("13").unwrap();
    let hover = |c: &mut Client, at: usize| {
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": lines.position(at, "utf-16")}),
        )["result"]
            .clone()
    };
    let h = hover(&mut c, at);
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(value.contains("3 + 1 + 1 + 8 = 13"), "{value}");
    // Its row: 12 + 1 + 0 + 0 + 0 + 0 = 13.
    assert!(value.contains("12 + 1 + 0 + 0 + 0 + 0 = 13"), "{value}");
    assert_eq!(h["range"]["start"], lines.position(at, "utf-16"));
    // Not a total: nothing.
    let prose = text.find("均已按时答复").unwrap();
    assert!(hover(&mut c, prose).is_null());

    // With the total wrong: the computation says so, and the rule is explained.
    let wrong = wrong_report();
    c.change(&uri, 2, json!([{"text": wrong}]));
    c.diagnostics(&uri, 2);
    let h = hover(&mut c, at);
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("3 + 1 + 1 + 8 = 13`（表中为 14）"),
        "{value}"
    );
    assert!(value.contains("arithmetic/result-total"), "{value}");
    c.stop();
}

#[test]
fn bad_input_leaves_the_server_running() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&ws.join("a.txt"));
    let nowhere = file_uri(&ws.join("never-opened.txt"));
    c.send_raw(b"{this is not json");
    c.send_raw(b"[1, 2");
    c.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 77}");
    let r = c.request("nblint/unknownMethod", json!({"x": 1}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("nblint/unknownNotification", json!({}));
    // Requests and notifications for a document that is not open.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": nowhere}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r["result"].is_null(), "{r}");
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": nowhere},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": []}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    c.change(&nowhere, 2, json!([{"text": "x"}]));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": nowhere}}),
    );
    // Wrong parameters.
    let r = c.request("textDocument/hover", json!({"nonsense": true}));
    assert!(r.get("error").is_some(), "{r}");
    // Out-of-range positions and edits.
    c.open(&uri, "一、总体情况\n𠀀\r\n");
    c.diagnostics(&uri, 1);
    let far = json!({"line": 4_000_000_000u64, "character": 4_000_000_000u64});
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": far}),
    );
    assert!(r.get("error").is_none(), "{r}");
    c.change(
        &uri,
        2,
        json!([{"range": {"start": far, "end": {"line": 0, "character": 1}}, "text": "x"},
               {"range": {"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 1}}, "text": "y"}]),
    );
    c.diagnostics(&uri, 2);
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": far},
               "context": {"diagnostics": []}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(c.is_running());
    c.stop();
}

#[test]
fn configuration_from_nblint_toml_and_the_editor() {
    let dir = tempdir();
    let ws = canon(dir.path());
    let path = ws.join("a.txt");
    let text = wrong_report();
    std::fs::write(&path, &text).unwrap();
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&path);
    c.open(&uri, &text);
    let has = |d: &[Value], rule: &str| codes(d).contains(&rule.to_string());
    assert!(has(&c.diagnostics(&uri, 1), "arithmetic/result-total"));

    // nblint.toml switches the rule off: re-read when the client says so.
    let toml = ws.join("nblint.toml");
    std::fs::write(&toml, "[rules]\n\"arithmetic/result-total\" = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&toml), "type": 1}]}),
    );
    c.change(&uri, 2, json!([{"text": text}]));
    let d = c.diagnostics(&uri, 2);
    assert!(!has(&d, "arithmetic/result-total"), "{:?}", codes(&d));
    assert!(has(&d, "arithmetic/balance"));

    // Edited again (no notification this time): its modification time.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        &toml,
        "lang = \"en\"\n[rules]\n\"arithmetic/balance\" = \"off\"\n",
    )
    .unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&toml)
        .unwrap()
        .set_modified(later)
        .unwrap();
    c.change(&uri, 3, json!([{"text": text}]));
    let d = c.diagnostics(&uri, 3);
    assert!(has(&d, "arithmetic/result-total"), "{:?}", codes(&d));
    assert!(!has(&d, "arithmetic/balance"), "{:?}", codes(&d));
    let m = findings(&d)[0]["message"].as_str().unwrap();
    assert!(m.is_ascii() || m.contains("is"), "English messages: {m}");

    // The editor's settings on top.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nblint": {"lang": "zh", "rules": {"arithmetic/result-total": "off", "arithmetic/balance": "warning"}}}}),
    );
    let d = c.wait_for("diagnostics after the settings changed", |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri.as_str()
    });
    let d = d["params"]["diagnostics"].as_array().unwrap();
    assert!(!has(d, "arithmetic/result-total"), "{:?}", codes(d));
    let balance = d
        .iter()
        .find(|x| x["code"] == "arithmetic/balance")
        .unwrap();
    assert_eq!(balance["severity"], 2);
    assert!(!balance["message"].as_str().unwrap().is_ascii());
    c.stop();
}

#[test]
fn cross_document_rules_see_the_workspace() {
    // The same agency's report of the previous year, copied word for word:
    // the duplicates plugin reports it only with the other file as context.
    let dir = tempdir();
    let ws = canon(dir.path());
    let this = fixture("report-2020.txt");
    let last = this.replace("2020", "2019");
    std::fs::write(ws.join("a-2019.txt"), &last).unwrap();
    let path = ws.join("a-2020.txt");
    std::fs::write(&path, &this).unwrap();
    let cli = cli_check(&ws, &[&ws]);
    let file = cli["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("a-2020.txt"))
        .unwrap()
        .clone();
    let alone = cli_check(&ws, &[&path]);
    let mut c = Client::start(&ws, &[&ws], None);
    let uri = file_uri(&path);
    c.open(&uri, &this);
    let diags = c.diagnostics(&uri, 1);
    assert_same(
        "a-2020.txt",
        &this,
        file["diagnostics"].as_array().unwrap(),
        &diags,
        "utf-16",
    );
    let n_alone = alone["files"][0]["diagnostics"].as_array().unwrap().len();
    assert_ne!(
        n_alone,
        diags.len(),
        "the fixture should give a cross-document diagnostic"
    );
    c.stop();
}

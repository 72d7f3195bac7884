//! `--format sarif`: one SARIF 2.1.0 log (one run) for code scanning.
//!
//! - `tool.driver.rules`: every rule known under the configurations of the
//!   run (id, short and full description in the message language, default
//!   level, help with the rationale, the clause and the examples);
//! - `results`: rule id and index, level, message, the location (URI
//!   relative to the working directory under `%SRCROOT%`, a region in
//!   UTF-16 code units, the run's `columnKind`), related locations, fixes
//!   (`artifactChanges` with `deletedRegion` + `insertedContent`; none for
//!   DOCX, which is not text), and `partialFingerprints` (a stable hash of
//!   the rule and the whitespace-free line text, with an occurrence count);
//! - `invocations`: `executionSuccessful`, the exit code, and a
//!   notification for each file that could not be checked and each failure
//!   of the run.

use super::{Context, FileView, Range};
use nblint_engine::InputKind;
use nblint_engine::{CatalogEntry, FileOutcome, Lang, RunError, RunOutput};
use nblint_model::{Diagnostic, Severity, Span};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The schema the log names (the OASIS standard's, errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The base id relative artifact URIs are resolved against (the working
/// directory, given in `originalUriBaseIds`).
pub const SRCROOT: &str = "%SRCROOT%";
/// The key of nblint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "nblintLineHash/v1";
/// Snippets longer than this (bytes) are left out of regions.
const MAX_SNIPPET: usize = 1000;

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a path for a URI: unreserved characters and `/` stay,
/// every other byte (non-ASCII included) is `%XX`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `file:` URI for an absolute path (a directory's ends with `/`).
pub fn file_uri(path: &Path, dir: bool) -> String {
    let mut s = path.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/'); // C:/… → /C:/…
    }
    if dir && !s.ends_with('/') {
        s.push('/');
    }
    // Keep a Windows drive's colon.
    let encoded =
        encode_path(&s).replacen("%3A", ":", usize::from(s.as_bytes().get(2) == Some(&b':')));
    format!("file://{encoded}")
}

/// A stable 64-bit FNV-1a hash.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The fingerprint of a diagnostic: its rule and its line's text without
/// whitespace (so re-indenting or re-wrapping markup does not change it).
pub fn line_hash(rule: &str, line: &str) -> u64 {
    let mut key = String::with_capacity(rule.len() + line.len() + 1);
    key.push_str(rule);
    key.push('\n');
    key.extend(line.chars().filter(|c| !c.is_whitespace()));
    fnv1a(key.as_bytes())
}

/// Where an artifact is: its `artifactLocation` (without the index).
fn artifact_location(ctx: &Context, file: &FileOutcome) -> Value {
    match &file.path {
        None => json!({ "description": { "text": "standard input" } }),
        Some(p) => match super::relative_to(p, &ctx.cwd) {
            Some(rel) => json!({
                "uri": encode_path(&rel.to_string_lossy().replace('\\', "/")),
                "uriBaseId": SRCROOT,
            }),
            None => {
                let abs = p.canonicalize().unwrap_or_else(|_| ctx.cwd.join(p));
                json!({ "uri": file_uri(&abs, false) })
            }
        },
    }
}

fn region(r: Range, snippet: Option<&str>) -> Value {
    let mut v = json!({
        "startLine": r.line,
        "startColumn": r.column,
        "endLine": r.end_line,
        "endColumn": r.end_column,
    });
    if let Some(s) = snippet.filter(|s| !s.is_empty() && s.len() <= MAX_SNIPPET) {
        v["snippet"] = json!({ "text": s });
    }
    v
}

fn text(s: &str) -> Value {
    json!({ "text": s })
}

fn rule_descriptor(e: &CatalogEntry, lang: Lang) -> Value {
    let docs = &e.rule.docs;
    let summary = match docs.summary(lang) {
        "" => e.rule.id.as_str(),
        s => s,
    };
    let full = match docs.rationale(lang) {
        "" => summary,
        s => s,
    };
    let source_label = lang.pick("依据", "Source");
    let mut help = format!("{summary}\n\n{full}");
    let mut md = format!("**{summary}**\n\n{full}");
    let source = docs.source(lang);
    if !source.is_empty() {
        help.push_str(&format!("\n\n{source_label}: {source}"));
        md.push_str(&format!("\n\n*{source_label}*: {source}"));
    }
    // The examples are whole reports: `nblint explain` shows them; in
    // SARIF they would be most of the file (300 KB for two results).
    let explain = lang.pick(
        format!("示例：nblint explain {}", e.rule.id),
        format!("Examples: nblint explain {}", e.rule.id),
    );
    help.push_str(&format!("\n\n{explain}"));
    md.push_str(&format!("\n\n`{}`", explain));
    // Tags are a set (unique items): the engine's own rules are `nblint`'s.
    let mut tags = vec!["nblint"];
    if e.plugin != "nblint" {
        tags.push(&e.plugin);
    }
    json!({
        "id": e.rule.id,
        "shortDescription": text(summary),
        "fullDescription": text(full),
        "defaultConfiguration": { "level": level(e.rule.default_severity) },
        "help": { "text": help, "markdown": md },
        "properties": { "plugin": e.plugin, "tags": tags },
    })
}

/// Descriptors of every rule known under the working directory's
/// configuration, then of the rules of other configurations that produced
/// a diagnostic, then minimal ones for rules no catalog knows.
fn catalog(output: &RunOutput, ctx: &Context) -> Vec<(String, Value)> {
    let mut rules: Vec<(String, Value)> = Vec::new();
    let known = |rules: &Vec<(String, Value)>, id: &str| rules.iter().any(|(r, _)| r == id);
    let add = |rules: &mut Vec<(String, Value)>, more: Vec<CatalogEntry>| {
        for e in more {
            if !known(rules, &e.rule.id) {
                rules.push((e.rule.id.clone(), rule_descriptor(&e, ctx.lang)));
            }
        }
    };
    if let Ok(c) = ctx.engine.config_for(None) {
        add(&mut rules, ctx.engine.rules(&c).0);
    }
    let mut seen_configs: Vec<Option<PathBuf>> = Vec::new();
    for f in &output.files {
        if f.diagnostics.iter().all(|d| known(&rules, &d.rule)) {
            continue;
        }
        if let Some(p) = &f.path {
            if let Ok(c) = ctx.engine.config_for(Some(p)) {
                if !seen_configs.contains(&c.path) {
                    seen_configs.push(c.path.clone());
                    add(&mut rules, ctx.engine.rules(&c).0);
                }
            }
        }
        for d in &f.diagnostics {
            if !known(&rules, &d.rule) {
                let descriptor = json!({
                    "id": d.rule,
                    "shortDescription": text(&d.rule),
                    "defaultConfiguration": { "level": level(d.severity) },
                });
                rules.push((d.rule.clone(), descriptor));
            }
        }
    }
    rules
}

fn notification(e: &RunError, location: Option<Value>) -> Value {
    let mut msg = e.message();
    if let Some(h) = e.hint() {
        msg.push_str(" (");
        msg.push_str(&h);
        msg.push(')');
    }
    let mut n = json!({ "level": "error", "message": text(&msg) });
    if let Some(loc) = location {
        n["locations"] = json!([{ "physicalLocation": { "artifactLocation": loc } }]);
    }
    n
}

pub fn build(output: &RunOutput, ctx: &Context) -> Value {
    let rules = catalog(output, ctx);
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();

    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in &output.files {
        let mut location = artifact_location(ctx, file);
        location["index"] = json!(artifacts.len());
        let mut artifact = json!({ "location": location.clone() });
        if let Some(parsed) = &file.parsed {
            artifact["encoding"] = json!(parsed.encoding);
            artifact["properties"] = json!({ "kind": parsed.kind.name() });
        }
        artifacts.push(artifact);
        if let Some(e) = &file.error {
            notifications.push(notification(e, Some(location.clone())));
        }
        let Some(view) = FileView::new(file) else {
            continue;
        };
        let kind = file.parsed.as_ref().map(|p| p.kind);
        let mut occurrences: HashMap<u64, u32> = HashMap::new();
        for d in &file.diagnostics {
            results.push(result(
                d,
                &view,
                &location,
                index.get(d.rule.as_str()).copied(),
                kind,
                &mut occurrences,
            ));
        }
    }
    for e in &output.errors {
        let loc = e.path().and_then(|p| {
            super::relative_to(p, &ctx.cwd).map(|rel| {
                json!({
                    "uri": encode_path(&rel.to_string_lossy().replace('\\', "/")),
                    "uriBaseId": SRCROOT,
                })
            })
        });
        notifications.push(notification(e, loc));
    }

    let version = env!("CARGO_PKG_VERSION");
    let mut invocation = json!({
        "executionSuccessful": !output.failed(),
        "exitCode": ctx.exit_code(output),
        "workingDirectory": { "uri": file_uri(&ctx.cwd, true) },
    });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let rules: Vec<&Value> = rules.iter().map(|(_, d)| d).collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "nblint",
                "version": version,
                "semanticVersion": version,
                "rules": rules,
            }},
            "invocations": [invocation],
            "originalUriBaseIds": { SRCROOT: { "uri": file_uri(&ctx.cwd, true) } },
            "artifacts": artifacts,
            "results": results,
            "columnKind": "utf16CodeUnits",
            "language": ctx.lang.pick("zh-CN", "en-US"),
        }],
    })
}

fn result(
    d: &Diagnostic,
    view: &FileView,
    location: &Value,
    rule_index: Option<usize>,
    kind: Option<InputKind>,
    occurrences: &mut HashMap<u64, u32>,
) -> Value {
    let physical = |s: Span| {
        let mut region = region(view.range_utf16(s), Some(view.located_text(s)));
        // SARIF regions have no pages: a PDF's page and position go in
        // the region's property bag (lines are those of the extracted text).
        if let Some(p) = view.page(s) {
            region["properties"] = json!({ "page": p.page, "x": p.x, "y": p.y });
        }
        json!({
            "artifactLocation": location,
            "region": region,
        })
    };
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push('\n');
        message.push_str(&d.help);
    }
    let hash = line_hash(&d.rule, view.text_line(d.span.start));
    let n = occurrences.entry(hash).or_insert(0);
    *n += 1;
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.rule));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), text(&message));
    r.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical(d.span) }]),
    );
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "physicalLocation": physical(rel.span),
                    "message": text(&rel.message),
                })
            })
            .collect();
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    let html = kind == Some(InputKind::Html);
    // A fix changes the file's text: none for DOCX; for HTML only where each
    // edit's text stands as such in the markup (the fixer's rule).
    let applicable = |f: &&nblint_model::Fix| {
        !f.edits.is_empty()
            && kind.is_some_and(|k| k != InputKind::Docx)
            && (!html
                || f.edits.iter().all(|e| {
                    !e.replacement.contains(['\n', '\r'])
                        && Some(view.located_text(e.span))
                            == view.text.get(e.span.start as usize..e.span.end as usize)
                }))
    };
    if let Some(fix) = d.fix.as_ref().filter(applicable) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let inserted = if html {
                    e.replacement
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                } else {
                    e.replacement.clone()
                };
                json!({
                    "deletedRegion": region(view.range_utf16(e.span), None),
                    "insertedContent": text(&inserted),
                })
            })
            .collect();
        let mut artifact = location.clone();
        if let Some(o) = artifact.as_object_mut() {
            o.remove("index");
        }
        r.insert(
            "fixes".into(),
            json!([{
                "description": text(&fix.message),
                "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                "properties": { "safe": fix.safe },
            }]),
        );
    }
    r.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: format!("{hash:016x}:{n}") }),
    );
    Value::Object(r)
}

pub fn render(output: &RunOutput, ctx: &Context) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&build(output, ctx)).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            encode_path("报告/a b%.txt"),
            "%E6%8A%A5%E5%91%8A/a%20b%25.txt"
        );
        assert_eq!(
            file_uri(Path::new("/work/报告"), true),
            "file:///work/%E6%8A%A5%E5%91%8A/"
        );
        assert_eq!(
            file_uri(Path::new("C:\\r\\x.txt"), false),
            "file:///C:/r/x.txt"
        );
    }

    #[test]
    fn fingerprints_ignore_whitespace_but_not_the_rule_or_the_text() {
        let a = line_hash("arithmetic/balance", "合计  10 件");
        assert_eq!(a, line_hash("arithmetic/balance", "\t合计 10件 "));
        assert_ne!(a, line_hash("arithmetic/percent", "合计 10 件"));
        assert_ne!(a, line_hash("arithmetic/balance", "合计 11 件"));
        // FNV-1a's published test vector: the hash is stable across builds.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}

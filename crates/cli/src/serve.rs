//! `nblint serve`: the CLI's side of the server. The server crate knows
//! HTTP and the page; this file lints for it with the engine, exactly as
//! `check` does, and answers in `check`'s own JSON.

use crate::{print_error, ServeArgs, EXIT_FAILURE};
use nblint_engine::{CatalogEntry, Engine, EngineOptions, FileOutcome, Input, Lang, RunError};
use nblint_model::{Document, Span};
use nblint_server::{Backend, Checked, ServeOptions};
use serde_json::{json, Value};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> u8 {
    let options = match options(&args) {
        Ok(o) => o,
        Err(e) => {
            print_error(&e);
            return EXIT_FAILURE;
        }
    };
    let backend = Arc::new(EngineBackend::new(&args));
    for e in backend.engine(nblint_server::Lang::Zh).setup_errors() {
        print_error(e);
    }
    let open = args.open;
    let result = nblint_server::serve(options, backend, |addr| {
        let url = format!("http://{addr}/");
        eprintln!("nblint serve: listening on {url} (Ctrl-C stops)");
        if open {
            open_browser(&url);
        }
    });
    match result {
        Ok(()) => crate::EXIT_CLEAN,
        Err(e) => {
            print_error(&RunError::new(
                None,
                e.to_string(),
                Some("choose another --port, or stop the program that uses it".into()),
            ));
            EXIT_FAILURE
        }
    }
}

/// The server's settings from the command line; a non-loopback address
/// needs a token or an explicit `--no-auth`.
fn options(args: &ServeArgs) -> Result<ServeOptions, RunError> {
    let bind: IpAddr = args.bind;
    if !bind.is_loopback() && args.token.is_none() && !args.no_auth {
        return Err(RunError::new(
            None,
            format!("--bind {bind} makes the server reachable from other machines without a password"),
            Some("add --token SECRET (clients send Authorization: Bearer SECRET), or --no-auth if the network is trusted".into()),
        ));
    }
    if args.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(RunError::new(
            None,
            "--token is empty",
            Some("give a secret of a few words or random characters".into()),
        ));
    }
    Ok(ServeOptions {
        bind: SocketAddr::new(bind, args.port),
        token: args.token.clone(),
        max_body: args.max_upload_mb.saturating_mul(1 << 20),
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        max_concurrent: args.max_checks.max(1),
        watch: args.paths.clone(),
        ..ServeOptions::default()
    })
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("nblint serve: open {url} in a browser");
    }
}

/// Lints with one engine per language of the page (the engine fixes the
/// language of its messages).
struct EngineBackend {
    zh: Engine,
    en: Engine,
}

impl EngineBackend {
    fn new(args: &ServeArgs) -> EngineBackend {
        let engine = |lang| {
            Engine::new(EngineOptions {
                config: args.common.config.clone(),
                plugins: args.common.plugins.clone(),
                lang: Some(lang),
                ..EngineOptions::default()
            })
        };
        EngineBackend {
            zh: engine(Lang::Zh),
            en: engine(Lang::En),
        }
    }

    fn engine(&self, lang: nblint_server::Lang) -> &Engine {
        match lang {
            nblint_server::Lang::Zh => &self.zh,
            nblint_server::Lang::En => &self.en,
        }
    }

    fn catalog(&self, lang: nblint_server::Lang) -> Vec<CatalogEntry> {
        let engine = self.engine(lang);
        match engine.config_for(None) {
            Ok(config) => engine.rules(&config).0,
            Err(_) => Vec::new(),
        }
    }
}

impl Backend for EngineBackend {
    fn check_upload(&self, name: &str, bytes: Vec<u8>, lang: nblint_server::Lang) -> Checked {
        let input = Input::Upload {
            name: name.to_string(),
            bytes,
        };
        let output = self.engine(lang).lint_paths(vec![input]);
        let json = serde_json::to_value(crate::json::build(&output)).unwrap_or(Value::Null);
        let view = output.files.first().map(view).unwrap_or(Value::Null);
        Checked { json, view }
    }

    fn watched_files(&self, roots: &[PathBuf]) -> Vec<PathBuf> {
        let (inputs, _) = crate::check::collect_inputs(roots);
        inputs
            .into_iter()
            .filter_map(|i| match i {
                Input::Path(p) => Some(p),
                _ => None,
            })
            .filter(|p| !is_office_temporary(p))
            .collect()
    }

    fn check_files(&self, files: &[PathBuf], lang: nblint_server::Lang) -> Vec<Checked> {
        let inputs = files.iter().cloned().map(Input::Path).collect();
        let output = self.engine(lang).lint_paths(inputs);
        let whole = crate::json::build(&output);
        let whole = serde_json::to_value(whole).unwrap_or(Value::Null);
        output
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| Checked {
                json: one_file(&whole, i),
                view: view(f),
            })
            .collect()
    }

    fn rules(&self, lang: nblint_server::Lang) -> Value {
        serde_json::to_value(self.catalog(lang)).unwrap_or(Value::Null)
    }

    fn rule(&self, id: &str, lang: nblint_server::Lang) -> Option<Value> {
        let l = match lang {
            nblint_server::Lang::Zh => Lang::Zh,
            nblint_server::Lang::En => Lang::En,
        };
        let catalog = self.catalog(lang);
        let entry = catalog.iter().find(|e| e.rule.id == id)?;
        let mut v = serde_json::to_value(entry).ok()?;
        v["explanation"] = Value::String(crate::explain::render(entry, l));
        Some(v)
    }
}

/// Word's owner files (`~$报告.docx`) and LibreOffice's locks, which appear
/// beside a report while it is open.
fn is_office_temporary(p: &std::path::Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock"))
}

/// The JSON of a whole run cut down to file `i`, as `check` prints it for
/// that file alone.
fn one_file(whole: &Value, i: usize) -> Value {
    let file = whole["files"][i].clone();
    let count = |sev: &str| {
        file["diagnostics"]
            .as_array()
            .map_or(0, |d| d.iter().filter(|d| d["severity"] == sev).count())
    };
    let errors = whole["errors"].clone();
    let failures = errors.as_array().map_or(0, Vec::len) + usize::from(!file["error"].is_null());
    json!({
        "version": whole["version"],
        "summary": { "files": 1, "errors": count("error"), "warnings": count("warning"), "infos": count("info"), "failures": failures },
        "files": [file],
        "errors": errors,
    })
}

/// The document as the page shows it: the decoded text's lines, where the
/// headings and tables are, and each finding's place in those lines
/// (1-based lines, 1-based columns in characters).
fn view(file: &FileOutcome) -> Value {
    let name = std::path::Path::new(&file.name)
        .file_name()
        .map_or_else(|| file.name.clone(), |n| n.to_string_lossy().into_owned());
    let Some(parsed) = &file.parsed else {
        return json!({ "name": name, "lines": [], "headings": [], "tables": [], "findings": [] });
    };
    let doc = &parsed.doc;
    let at = Positions::new(doc);
    let headings: Vec<Value> = doc
        .sections
        .iter()
        .map(|s| json!({ "line": at.line(s.heading.start), "level": s.level }))
        .collect();
    let view_doc = doc.view();
    let tables: Vec<Value> = doc
        .tables
        .iter()
        .map(|t| {
            json!({
                "first_line": at.line(t.span.start),
                "last_line": at.line(t.span.end.saturating_sub(1).max(t.span.start)),
                "label": view_doc.slice(t.label),
            })
        })
        .collect();
    let findings: Vec<Value> = file
        .diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| at.located(r.span, json!({ "message": r.message })))
                .collect();
            let fix = d.fix.as_ref().map(|f| {
                let edits: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|e| {
                        at.located(
                            e.span,
                            json!({ "before": view_doc.slice(e.span), "after": e.replacement }),
                        )
                    })
                    .collect();
                json!({ "message": f.message, "safe": f.safe, "edits": edits })
            });
            at.located(
                d.span,
                json!({
                    "id": i,
                    "rule": d.rule,
                    "severity": d.severity.as_str(),
                    "message": d.message,
                    "help": d.help,
                    "section": section_title(doc, d.span.start),
                    "related": related,
                    "fix": fix,
                }),
            )
        })
        .collect();
    json!({
        "name": name,
        "lines": split_lines(&doc.text),
        "headings": headings,
        "tables": tables,
        "findings": findings,
    })
}

/// The heading of the top-level section an offset lies in.
fn section_title(doc: &Document, offset: u32) -> Option<String> {
    let view = doc.view();
    doc.sections
        .iter()
        .rfind(|s| {
            s.level == 1 && s.span.start <= offset && offset < s.span.end.max(s.span.start + 1)
        })
        .map(|s| view.slice(s.heading).trim().to_string())
}

/// Lines as the page numbers them: `\n`, `\r\n` and a lone `\r` all end one.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            lines.push(&text[start..i]);
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    lines.push(&text[start..]);
    lines
}

/// Line and character column of offsets in the decoded text.
struct Positions<'a> {
    text: &'a str,
    index: nblint_model::LineIndex,
}

impl<'a> Positions<'a> {
    fn new(doc: &'a Document) -> Positions<'a> {
        Positions {
            text: &doc.text,
            index: nblint_model::LineIndex::new(&doc.text),
        }
    }
    fn line(&self, offset: u32) -> u32 {
        self.index.line_col(self.text, offset).line + 1
    }
    fn located(&self, span: Span, mut v: Value) -> Value {
        let a = self.index.line_col(self.text, span.start);
        let b = self.index.line_col(self.text, span.end.max(span.start));
        v["line"] = json!(a.line + 1);
        v["column"] = json!(a.col + 1);
        v["end_line"] = json!(b.line + 1);
        v["end_column"] = json!(b.col + 1);
        v
    }
}

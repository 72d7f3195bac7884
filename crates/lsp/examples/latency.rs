//! Re-lint latency and memory of the language server.
//!
//! ```text
//! cargo build --release -p nblint-bench
//! target/release/nblint-bench generate /tmp/nblint-ws 1000
//! cargo run --release -p nblint-lsp --example latency -- /tmp/nblint-ws [EDITS]
//! ```
//!
//! Serves in-process over a pipe (so `/proc/self/status` is the server's
//! memory, plus this small client), with the folder as the workspace. The
//! linted document is ~50 KB: the first reports of the folder joined into
//! one file (so cross-document rules find related reports in the
//! workspace). Each edit inserts or deletes one character in the prose and
//! waits for the diagnostics of that version; the latency is from sending
//! the change to receiving them, debounce included.
// An example binary: printing is what it is for.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

fn status(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .map(|l| l[key.len()..].trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

struct Client {
    tx: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    rx: mpsc::UnboundedReceiver<Value>,
    id: i64,
}

impl Client {
    async fn send(&mut self, v: Value) {
        let body = v.to_string();
        let msg = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.tx.write_all(msg.as_bytes()).await.unwrap();
    }

    async fn recv(&mut self) -> Value {
        loop {
            let v = tokio::time::timeout(Duration::from_secs(600), self.rx.recv())
                .await
                .expect("timed out")
                .expect("server stopped");
            if v.get("method").is_some() && v.get("id").is_some() {
                let id = v["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
                continue;
            }
            return v;
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let v = self.recv().await;
            if v["id"] == id {
                return v;
            }
        }
    }

    async fn diagnostics(&mut self, uri: &str, version: i64) -> usize {
        loop {
            let v = self.recv().await;
            if v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
            {
                return v["params"]["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(ws) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: latency WORKSPACE_DIR [EDITS]\n\
             make one with: target/release/nblint-bench generate /tmp/nblint-ws 1000"
        );
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let ws = ws.canonicalize().expect("workspace directory");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ws)
        .expect("read workspace")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let reports = files.len();
    // ~50 KB of whole reports (skipping the very large multi-year pages).
    let mut text = String::new();
    for f in &files {
        let t = std::fs::read_to_string(f).unwrap_or_default();
        if t.len() > 40_000 {
            continue;
        }
        if text.len() + t.len() > 52_000 {
            break;
        }
        text.push_str(&t);
        text.push('\n');
    }
    let doc = ws.join("zz-latency-50k.txt");
    let uri = file_uri(&doc);

    let rss0 = status("VmRSS:");
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(nblint_lsp::serve(
        server_read,
        server_write,
        nblint_lsp::EngineOptions::default(),
    ));
    let (client_read, client_write) = tokio::io::split(client_end);
    let (mtx, mrx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut r = BufReader::new(client_read);
        loop {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut buf = vec![0; len];
            if r.read_exact(&mut buf).await.is_err() {
                return;
            }
            if let Ok(v) = serde_json::from_slice(&buf) {
                let _ = mtx.send(v);
            }
        }
    });
    let mut c = Client {
        tx: client_write,
        rx: mrx,
        id: 0,
    };
    c.request(
        "initialize",
        json!({"processId": null, "capabilities": {"general": {"positionEncodings": ["utf-8"]}},
               "workspaceFolders": [{"uri": file_uri(&ws), "name": "ws"}]}),
    )
    .await;
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        .await;

    let t = Instant::now();
    c.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}),
    )
    .await;
    let n = c.diagnostics(&uri, 1).await;
    let first = t.elapsed();
    let rss_open = status("VmRSS:");

    // One-character edits in the first prose line after 一、总体情况.
    let anchor = text.find("一、总体情况").unwrap_or(0);
    let line = text[..anchor].matches('\n').count() as u64 + 1;
    let mut times = Vec::new();
    let mut version = 1;
    for i in 0..edits {
        version += 1;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "1"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let t = Instant::now();
        c.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}}),
        )
        .await;
        c.diagnostics(&uri, version).await;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "workspace: {reports} reports in {}; document {:.1} KB, {n} diagnostics",
        ws.display(),
        text.len() as f64 / 1024.0
    );
    println!(
        "first lint (workspace index built): {:.0} ms",
        first.as_secs_f64() * 1e3
    );
    println!(
        "re-lint after a one-character edit ({edits} edits, {} ms debounce included): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        nblint_lsp::server::DEBOUNCE.as_millis(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
    println!(
        "memory: RSS {rss0} before, {rss_open} after open, {} after the edits; peak {}",
        status("VmRSS:"),
        status("VmHWM:")
    );
    c.request("shutdown", Value::Null).await;

    // The re-lint itself (apply the edit, parse, lint with the related
    // reports of the workspace), without the protocol and the debounce.
    let engine = nblint_engine::Engine::new(nblint_lsp::EngineOptions::default());
    let mut index = nblint_engine::WorkspaceReports::default();
    index.set_roots(vec![ws.clone()]);
    index.ensure_built(&engine);
    let index = std::sync::Mutex::new(index);
    let mut doc_text = nblint_lsp::text::Text::new(text.clone());
    let settings = nblint_lsp::analysis::ClientSettings::default();
    let mut lint_times = Vec::new();
    for i in 0..edits.max(20) {
        let t = Instant::now();
        let start = doc_text.offset(
            tower_lsp_server::ls_types::Position::new(line as u32, 0),
            nblint_lsp::text::Encoding::Utf8,
        );
        if i % 2 == 0 {
            doc_text.text.insert(start as usize, '1');
        } else {
            doc_text.text.remove(start as usize);
        }
        doc_text = nblint_lsp::text::Text::new(std::mem::take(&mut doc_text.text));
        let mut related =
            |d: &nblint_model::Document| index.lock().unwrap().related(&engine, Some(&doc), d);
        let a = nblint_lsp::analysis::analyze(
            &engine,
            Some(&doc),
            doc_text.clone(),
            i as i32,
            i as u64,
            &settings,
            &mut related,
        );
        std::hint::black_box(&a);
        lint_times.push(t.elapsed());
    }
    lint_times.sort();
    println!(
        "re-lint in process (edit + parse + lint + related reports): p50 {:.2} ms, p95 {:.2} ms",
        percentile(&lint_times, 0.5).as_secs_f64() * 1e3,
        percentile(&lint_times, 0.95).as_secs_f64() * 1e3,
    );
}

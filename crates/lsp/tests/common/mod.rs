//! A small LSP client that drives the real `nblint lsp` binary over stdio.
//!
//! The binary is `target/<profile>/nblint`, found next to the test
//! executable (`target/<profile>/deps/<test>`), or named by `NBLINT_BIN`.
//! `cargo test --workspace` builds it; when running only this package's
//! tests, build it first: `cargo build -p nblint && cargo test -p nblint-lsp`.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The `nblint` binary.
pub fn nblint_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("NBLINT_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test executable");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let bin = dir.join(format!("nblint{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "the nblint binary is not at {} (looked next to the test executable {}); \
         build it first with `cargo build -p nblint`, or set NBLINT_BIN",
        bin.display(),
        exe.display()
    );
    bin
}

/// The corpus seeds (test-support's locator: `$NBLINT_CORPUS/seeds` or
/// `../shared/corpus/seeds`). A test that reads them starts with
/// `nblint_test_support::require_corpus!()`.
pub fn corpus_dir() -> PathBuf {
    nblint_test_support::corpus_dir().join("seeds")
}

pub fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn file_uri(p: &Path) -> String {
    let p = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut s = String::from("file://");
    for c in p.to_string_lossy().bytes() {
        match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(c as char)
            }
            _ => s.push_str(&format!("%{c:02X}")),
        }
    }
    s
}

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    /// Messages received but not consumed yet.
    pending: VecDeque<Value>,
    next_id: i64,
    pub encoding: String,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Client {
    /// Starts `nblint lsp` (working directory `cwd`) and initializes it.
    pub fn start(cwd: &Path, roots: &[&Path], encodings: Option<&[&str]>) -> Client {
        Client::start_with(cwd, roots, encodings, Value::Null)
    }

    pub fn start_with(
        cwd: &Path,
        roots: &[&Path],
        encodings: Option<&[&str]>,
        init_options: Value,
    ) -> Client {
        let mut child = Command::new(nblint_bin())
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nblint lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            pending: VecDeque::new(),
            next_id: 1,
            encoding: String::new(),
        };
        let mut caps = json!({
            "textDocument": {"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        });
        if let Some(e) = encodings {
            caps["general"] = json!({ "positionEncodings": e });
        }
        let folders: Vec<Value> = roots
            .iter()
            .map(|r| json!({"uri": file_uri(r), "name": "ws"}))
            .collect();
        let res = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": caps,
                "workspaceFolders": folders,
                "initializationOptions": init_options,
            }),
        );
        c.encoding = res["result"]["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_string();
        c.notify("initialized", json!({}));
        c
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let mut msg = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        msg.extend_from_slice(body);
        self.stdin.write_all(&msg).expect("write to server");
        self.stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        self.send_raw(v.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        if let Some(v) = self.pending.pop_front() {
            return Some(v);
        }
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.rx.recv_timeout(left) {
                Ok(v) => {
                    // Answer the server's requests (registerCapability …).
                    if v.get("method").is_some() && v.get("id").is_some() {
                        let id = v["id"].clone();
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    return Some(v);
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// Sends a request and returns its response (other messages are kept).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let mut kept = Vec::new();
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to request {id}"));
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                self.pending.extend(kept);
                return v;
            }
            kept.push(v);
        }
    }

    /// Waits for the next message matching `f`, dropping the others.
    pub fn wait_for(&mut self, what: &str, mut f: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.recv(deadline) {
                Some(v) if f(&v) => return v,
                Some(_) => {}
                None => panic!("timed out waiting for {what}"),
            }
        }
    }

    /// Every message arriving within `d`.
    pub fn drain(&mut self, d: Duration) -> Vec<Value> {
        let deadline = Instant::now() + d;
        let mut out = Vec::new();
        while let Some(v) = self.recv(deadline) {
            out.push(v);
        }
        out
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let v = self.wait_for(&format!("diagnostics of {uri} v{version}"), |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        });
        v["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_none()
    }

    /// `shutdown` and `exit`; the process must end by itself.
    pub fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Byte offset ↔ LSP position in a text, independently of the server.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for i in 0..b.len() {
            if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    pub fn position(&self, offset: usize, enc: &str) -> Value {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let s = &self.text[self.starts[line]..offset];
        let col: usize = match enc {
            "utf-8" => s.len(),
            _ => s.chars().map(char::len_utf16).sum(),
        };
        json!({"line": line, "character": col})
    }

    pub fn range(&self, a: usize, b: usize, enc: &str) -> Value {
        json!({"start": self.position(a, enc), "end": self.position(b, enc)})
    }

    pub fn offset(&self, pos: &Value, enc: &str) -> usize {
        let line = pos["line"].as_u64().unwrap() as usize;
        let col = pos["character"].as_u64().unwrap() as usize;
        let start = self.starts[line];
        let mut w = 0;
        for (i, c) in self.text[start..].char_indices() {
            if w >= col || c == '\n' || c == '\r' {
                return start + i;
            }
            w += if enc == "utf-8" {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        self.text.len()
    }
}

/// Applies LSP text edits (non-overlapping) to a text.
pub fn apply_edits(text: &str, edits: &[Value], enc: &str) -> String {
    let lines = Lines::new(text);
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                lines.offset(&e["range"]["start"], enc),
                lines.offset(&e["range"]["end"], enc),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// `nblint check --format json` on paths, run in `cwd`.
pub fn cli_check(cwd: &Path, paths: &[&Path]) -> Value {
    let out = Command::new(nblint_bin())
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(paths)
        .current_dir(cwd)
        .output()
        .expect("run nblint check");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "nblint check printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

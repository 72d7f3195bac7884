//! The language server: documents, the lint worker of each document,
//! configuration, and the LSP handlers.

use crate::analysis::{self, Analysis, ClientSettings};
use crate::code_action::EXPLAIN_COMMAND;
use crate::text::{Encoding, Text};
use nblint_engine::related::REPORT_EXTENSIONS;
use nblint_engine::{Engine, EngineOptions, WorkspaceReports};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How long a document must stay unchanged before it is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

struct Doc {
    uri: Uri,
    path: Option<PathBuf>,
    text: Text,
    version: i32,
    /// Bumped by every change.
    generation: u64,
    analysis: Option<Arc<Analysis>>,
    /// The generation whose diagnostics were published last.
    published: u64,
    wake: Arc<Notify>,
    closed: Arc<AtomicBool>,
}

/// State shared by the handlers and the lint workers.
pub struct State {
    options: EngineOptions,
    engine: RwLock<Arc<Engine>>,
    /// Configuration files in use and their modification times: a change
    /// makes a new engine (the engine caches configurations).
    config_stamps: Mutex<HashMap<PathBuf, Option<SystemTime>>>,
    encoding: RwLock<Encoding>,
    settings: RwLock<ClientSettings>,
    docs: Mutex<HashMap<String, Doc>>,
    /// The workspace folders' reports by agency (related reports).
    index: Mutex<WorkspaceReports>,
}

impl State {
    fn new(options: EngineOptions) -> State {
        State {
            engine: RwLock::new(Arc::new(Engine::new(options.clone()))),
            options,
            config_stamps: Mutex::new(HashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            settings: RwLock::new(ClientSettings::default()),
            docs: Mutex::new(HashMap::new()),
            index: Mutex::new(WorkspaceReports::default()),
        }
    }

    fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The engine, made anew when a configuration file it read changed.
    fn engine(&self) -> Arc<Engine> {
        let changed = {
            let stamps = lock(&self.config_stamps);
            stamps.iter().any(|(p, t)| mtime(p) != *t)
        };
        if changed {
            self.reload();
        }
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn reload(&self) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) =
            Arc::new(Engine::new(self.options.clone()));
        lock(&self.config_stamps).clear();
        lock(&self.index).invalidate();
    }

    fn note_config(&self, engine: &Engine, path: Option<&Path>) {
        if let Ok(c) = engine.config_for(path) {
            if let Some(p) = &c.path {
                lock(&self.config_stamps)
                    .entry(p.clone())
                    .or_insert_with(|| mtime(p));
            }
        }
    }

    /// Lints the document's current text (blocking).
    fn analyze(&self, key: &str) -> Option<Arc<Analysis>> {
        let (path, text, version, generation) = {
            let docs = lock(&self.docs);
            let d = docs.get(key)?;
            (d.path.clone(), d.text.clone(), d.version, d.generation)
        };
        let engine = self.engine();
        self.note_config(&engine, path.as_deref());
        let settings = self
            .settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut related =
            |doc: &nblint_model::Document| lock(&self.index).related(&engine, path.as_deref(), doc);
        let a = analysis::analyze(
            &engine,
            path.as_deref(),
            text,
            version,
            generation,
            &settings,
            &mut related,
        );
        let a = Arc::new(a);
        let mut docs = lock(&self.docs);
        if let Some(d) = docs.get_mut(key) {
            if d.generation == generation {
                d.analysis = Some(a.clone());
            }
        }
        Some(a)
    }
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client, options: EngineOptions) -> Backend {
        Backend {
            client,
            state: Arc::new(State::new(options)),
        }
    }

    /// The analysis of the document's current text, linting it now when
    /// the last one is stale.
    async fn current(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let key = uri.as_str().to_string();
        {
            let docs = lock(&self.state.docs);
            let d = docs.get(&key)?;
            if let Some(a) = &d.analysis {
                if a.generation == d.generation {
                    return Some(a.clone());
                }
            }
        }
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || state.analyze(&key))
            .await
            .ok()
            .flatten()
    }

    /// The stand-in for a frame that was not a JSON-RPC message (see
    /// [`crate::transport`]).
    pub async fn invalid_message(&self) -> Result<()> {
        Err(tower_lsp_server::jsonrpc::Error::parse_error())
    }

    fn schedule(&self, key: &str) {
        if let Some(d) = lock(&self.state.docs).get(key) {
            d.wake.notify_one();
        }
    }

    fn relint_all(&self) {
        let docs = lock(&self.state.docs);
        for d in docs.values() {
            d.wake.notify_one();
        }
    }
}

/// The lint worker of one document: waits for changes, lets them settle
/// for [`DEBOUNCE`], lints off the runtime, and publishes the result if the
/// document has not changed meanwhile.
async fn worker(
    state: Arc<State>,
    client: Client,
    key: String,
    wake: Arc<Notify>,
    closed: Arc<AtomicBool>,
) {
    let generation = |state: &State| lock(&state.docs).get(&key).map(|d| d.generation);
    loop {
        wake.notified().await;
        // Wait for the text to settle, but lint at least every 20 periods
        // of uninterrupted typing.
        for _ in 0..20 {
            let before = generation(&state);
            tokio::time::sleep(DEBOUNCE).await;
            if closed.load(Ordering::Acquire) || generation(&state) == before {
                break;
            }
        }
        if closed.load(Ordering::Acquire) {
            return;
        }
        let done = lock(&state.docs)
            .get(&key)
            .is_none_or(|d| d.published == d.generation);
        if done {
            continue;
        }
        let st = state.clone();
        let k = key.clone();
        let Ok(Some(a)) = tokio::task::spawn_blocking(move || st.analyze(&k)).await else {
            continue;
        };
        let enc = state.encoding();
        let publish = {
            let mut docs = lock(&state.docs);
            match docs.get_mut(&key) {
                Some(d) if d.generation == a.generation && !closed.load(Ordering::Acquire) => {
                    d.published = a.generation;
                    Some((d.uri.clone(), a.lsp_diagnostics(&d.uri, enc)))
                }
                _ => None,
            }
        };
        for w in &a.warnings {
            client.log_message(MessageType::WARNING, w).await;
        }
        if let Some((uri, diags)) = publish {
            client
                .publish_diagnostics(uri, diags, Some(a.version))
                .await;
        }
    }
}

fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let enc = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        *self
            .state
            .encoding
            .write()
            .unwrap_or_else(|e| e.into_inner()) = enc;
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(uri_path) {
                roots.push(p);
            }
        }
        lock(&self.state.index).set_roots(roots);
        if let Some(opts) = &params.initialization_options {
            *self
                .state
                .settings
                .write()
                .unwrap_or_else(|e| e.into_inner()) = ClientSettings::from_json(opts);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(match enc {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![EXPLAIN_COMMAND.into()],
                    ..Default::default()
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "nblint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Watch configuration and report files (clients that cannot
        // register dynamically still get the mtime check on every lint).
        let watchers = ["**/nblint.toml"]
            .into_iter()
            .map(String::from)
            .chain(REPORT_EXTENSIONS.iter().map(|e| format!("**/*.{e}")))
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g),
                kind: None,
            })
            .collect();
        let reg = Registration {
            id: "nblint-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let client = self.client.clone();
        // Not awaited here: a client that never answers must not stall us.
        tokio::spawn(async move {
            let _ = client.register_capability(vec![reg]).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let key = doc.uri.as_str().to_string();
        let wake = Arc::new(Notify::new());
        let closed = Arc::new(AtomicBool::new(false));
        let old = lock(&self.state.docs).insert(
            key.clone(),
            Doc {
                path: uri_path(&doc.uri),
                uri: doc.uri,
                text: Text::new(doc.text),
                version: doc.version,
                generation: 1,
                analysis: None,
                published: 0,
                wake: wake.clone(),
                closed: closed.clone(),
            },
        );
        if let Some(old) = old {
            old.closed.store(true, Ordering::Release);
            old.wake.notify_one();
        }
        tokio::spawn(worker(
            self.state.clone(),
            self.client.clone(),
            key,
            wake.clone(),
            closed,
        ));
        wake.notify_one();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str().to_string();
        let enc = self.state.encoding();
        {
            let mut docs = lock(&self.state.docs);
            let Some(d) = docs.get_mut(&key) else {
                return;
            };
            for c in params.content_changes {
                d.text.apply(c.range, &c.text, enc);
            }
            d.version = params.text_document.version;
            d.generation += 1;
        }
        self.schedule(&key);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(p) = uri_path(&params.text_document.uri) {
            lock(&self.state.index).touch(&p);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let old = lock(&self.state.docs).remove(uri.as_str());
        if let Some(old) = old {
            old.closed.store(true, Ordering::Release);
            old.wake.notify_one();
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let new = ClientSettings::from_json(&params.settings);
        let changed = {
            let mut s = self
                .state
                .settings
                .write()
                .unwrap_or_else(|e| e.into_inner());
            let changed = *s != new;
            *s = new;
            changed
        };
        if changed {
            // Every analysis is stale now.
            let mut docs = lock(&self.state.docs);
            for d in docs.values_mut() {
                d.generation += 1;
                d.wake.notify_one();
            }
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config = false;
        for change in &params.changes {
            let Some(p) = uri_path(&change.uri) else {
                continue;
            };
            if p.file_name().is_some_and(|n| n == "nblint.toml") {
                config = true;
            } else {
                lock(&self.state.index).touch(&p);
            }
        }
        if config {
            self.state.reload();
        }
        {
            let mut docs = lock(&self.state.docs);
            for d in docs.values_mut() {
                d.generation += 1;
            }
        }
        self.relint_all();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let engine = self.state.engine();
        let enc = self.state.encoding();
        Ok(a.hover(&engine, p.position, enc))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(a) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let actions = a.code_actions(
            &params.text_document.uri,
            params.range,
            enc,
            params.context.only.as_deref(),
        );
        Ok(Some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != EXPLAIN_COMMAND {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let Some(rule) = params.arguments.first().and_then(|v| v.as_str()) else {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(
                "nblint.explain takes a rule id",
            ));
        };
        let engine = self.state.engine();
        let lang = self
            .state
            .settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .lang
            .or_else(|| engine.config_for(None).ok().and_then(|c| c.settings.lang))
            .unwrap_or_default();
        let text = crate::hover::explain(&engine, None, rule, lang)
            .unwrap_or_else(|| format!("unknown rule `{rule}`"));
        self.client.show_message(MessageType::INFO, &text).await;
        Ok(Some(LSPAny::String(text)))
    }
}

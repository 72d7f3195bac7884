//! `nblint serve`: a page that shows a report with its problems in place,
//! live as the file is saved from Word or WPS, and an HTTP checking service
//! a province can run for all its agencies.
//!
//! The server knows HTTP, the page and the limits; it knows nothing of how a
//! report is linted. That is the [`Backend`]'s job, which the CLI implements
//! with the engine's one pipeline, so `POST /api/check` answers exactly what
//! `nblint check --format json` prints.
//!
//! Routes:
//! - `GET /` and `/assets/*`: the page, embedded in the binary (no CDN);
//! - `POST /api/check`: JSON v1 for one uploaded file (multipart field
//!   `file`, or the raw body with `?name=report.docx`);
//! - `POST /api/view`: the same, with the document's text and tables as the
//!   page shows them;
//! - `GET /api/rules`, `GET /api/rules/{id}`: what `nblint rules` and
//!   `nblint explain` show;
//! - `GET /api/watched`, `GET /api/events`: the files named on the command
//!   line, and a server-sent event each time one of them changes.

mod api;
mod assets;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The language of the page and of the messages it asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    fn parse(s: Option<&str>) -> Lang {
        match s {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One checked document.
#[derive(Clone, Debug)]
pub struct Checked {
    /// What `nblint check --format json` prints for this file alone.
    pub json: serde_json::Value,
    /// The document as the page shows it: its lines, headings and tables,
    /// and every finding located in them.
    pub view: serde_json::Value,
}

/// How reports are linted: the CLI implements it with the engine.
pub trait Backend: Send + Sync + 'static {
    /// Lints a document received in memory; nothing touches the disk.
    fn check_upload(&self, name: &str, bytes: Vec<u8>, lang: Lang) -> Checked;
    /// The report files to watch for the paths named on the command line
    /// (a directory stands for the report files below it).
    fn watched_files(&self, roots: &[PathBuf]) -> Vec<PathBuf>;
    /// Lints the watched files in one run, so that cross-document rules
    /// see each other (as `nblint check` does).
    fn check_files(&self, files: &[PathBuf], lang: Lang) -> Vec<Checked>;
    /// `nblint rules --format json`.
    fn rules(&self, lang: Lang) -> serde_json::Value;
    /// One rule as `nblint explain` shows it, `None` when there is no such rule.
    fn rule(&self, id: &str, lang: Lang) -> Option<serde_json::Value>;
}

/// `nblint serve`'s settings.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Bearer token every API request must carry; `None` means no
    /// authentication (allowed on loopback, or with `--no-auth`).
    pub token: Option<String>,
    /// Largest request body accepted.
    pub max_body: usize,
    /// Longest a check may take before the request is answered 504.
    pub timeout: Duration,
    /// Checks running at once; more wait up to `queue_wait`, then get 503.
    pub max_concurrent: usize,
    pub queue_wait: Duration,
    /// Files and directories watched for the page.
    pub watch: Vec<PathBuf>,
    /// How often the watched files are looked at.
    pub poll: Duration,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 8790)),
            token: None,
            max_body: 32 << 20,
            timeout: Duration::from_secs(30),
            max_concurrent: 4,
            queue_wait: Duration::from_secs(10),
            watch: Vec::new(),
            poll: Duration::from_millis(200),
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The address cannot be bound (in use, no permission).
    Bind(SocketAddr, std::io::Error),
    /// The async runtime could not be started.
    Runtime(std::io::Error),
    /// The server stopped on an I/O error.
    Serve(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(a, e) => write!(f, "cannot listen on {a}: {e}"),
            ServeError::Runtime(e) => write!(f, "cannot start the server: {e}"),
            ServeError::Serve(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Shared by every request.
pub(crate) struct App {
    pub backend: Arc<dyn Backend>,
    pub options: ServeOptions,
    pub checks: Arc<tokio::sync::Semaphore>,
    /// Bumped each time a watched file changes.
    pub changes: tokio::sync::watch::Receiver<u64>,
    /// Becomes true when the server is stopping: event streams, which
    /// never end by themselves, end then, so shutdown does not wait on them.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

/// Binds, calls `ready` with the address actually bound (the port may have
/// been 0), then serves until Ctrl-C, finishing the requests under way.
pub fn serve(
    options: ServeOptions,
    backend: Arc<dyn Backend>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    serve_until(options, backend, ready, async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// [`serve`], stopping gracefully when `shutdown` completes.
pub fn serve_until(
    options: ServeOptions,
    backend: Arc<dyn Backend>,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| ServeError::Bind(options.bind, e))?;
        let addr = listener.local_addr().map_err(ServeError::Serve)?;
        let changes = watch::spawn(backend.clone(), options.watch.clone(), options.poll);
        let (stop_tx, stopping) = tokio::sync::watch::channel(false);
        let app = Arc::new(App {
            stopping,
            checks: Arc::new(tokio::sync::Semaphore::new(options.max_concurrent.max(1))),
            backend,
            options,
            changes,
        });
        ready(addr);
        axum::serve(listener, api::router(app))
            .with_graceful_shutdown(async move {
                shutdown.await;
                let _ = stop_tx.send(true);
            })
            .await
            .map_err(ServeError::Serve)
    })
}

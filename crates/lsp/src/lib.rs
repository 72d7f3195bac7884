//! The nblint language server (`nblint lsp`), over stdio.
//!
//! - Diagnostics on open and on every change (incremental sync), exactly
//!   those of `nblint check` for the same text and configuration: the
//!   document is linted through the engine's pipeline
//!   (`Engine::lint_source`). Each document has one lint worker: changes are
//!   applied in order as they arrive, the worker waits until the text has
//!   been still for [`server::DEBOUNCE`], lints on a blocking thread and
//!   publishes only if no change came meanwhile (with the version linted).
//! - Positions in UTF-8 when the client offers it
//!   (`general.positionEncodings`), else UTF-16; lines end at `\n`,
//!   `\r\n` or `\r`; positions out of range are clamped.
//! - Code actions: the rule's fix (preferred when safe), disable the rule
//!   for the line (`nblint-disable-next-line RULE` above it), for the file
//!   (`nblint-disable RULE` at the top), and explain the rule (the command
//!   `nblint.explain`, answered with `window/showMessage` and returned).
//! - Hover: the explanation of the rules reported there; on a total cell of
//!   the 三 or 四 table, its computation (`3 + 1 + 1 + 8 = 13`).
//! - Configuration: `nblint.toml` found from the document's path, re-read
//!   when it changes (its modification time is checked on every lint, and
//!   `workspace/didChangeWatchedFiles` is registered); editor settings
//!   (initialization options or `workspace/didChangeConfiguration`):
//!   `{"nblint": {"lang": "zh"|"en", "rules": {"RULE or plugin": "off"|"info"|"warning"|"error"}}}`,
//!   applied on top of `nblint.toml`.
//! - Cross-document rules: the reports of the workspace folders (the
//!   engine's [`nblint_engine::WorkspaceReports`]) of the same agency are the related documents, read from
//!   disk (saved content).

pub mod analysis;
pub mod code_action;
pub mod diagnostics;
pub mod hover;
pub mod server;
pub mod text;
pub mod transport;

pub use nblint_engine::EngineOptions;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves the protocol on `input`/`output` until `exit` or end of input.
pub async fn serve<I, O>(input: I, output: O, options: EngineOptions)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(|client| server::Backend::new(client, options))
        .custom_method(transport::INVALID_METHOD, server::Backend::invalid_message)
        .finish();
    let (guarded, pipe) = tokio::io::duplex(1 << 16);
    let guard = tokio::spawn(transport::guard(tokio::io::BufReader::new(input), pipe));
    Server::new(guarded, output, socket).serve(service).await;
    guard.abort();
}

/// `nblint lsp`: serves on stdin/stdout until `exit` or end of input.
/// Fails only when the runtime cannot start.
pub fn run_stdio(options: EngineOptions) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()?;
    rt.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // A read of stdin may still be blocking a thread: do not wait for it.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    Ok(())
}

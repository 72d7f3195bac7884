//! A guard in front of `tower-lsp-server`'s reader.
//!
//! Its codec ends the input stream at the first frame it cannot decode
//! (tokio-util's `FramedRead` stops after a decoder error), so one
//! malformed message would stop the server. This guard reads the frames
//! itself, passes on those that are JSON-RPC messages, and replaces every
//! other one (bad JSON, not a message, missing or huge `Content-Length`)
//! by a request to [`INVALID_METHOD`] with a null id, which the server
//! answers with a JSON-RPC parse error (`-32700`, id `null`), as the
//! specification asks.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The internal method an invalid frame is replaced with.
pub const INVALID_METHOD: &str = "nblint/$invalidMessage";

/// Frames larger than this are skipped (and answered with a parse error).
pub const MAX_FRAME: usize = 64 << 20;

/// Header lines longer than this end the header (garbage).
const MAX_HEADER_LINE: usize = 8 << 10;

fn is_message(body: &[u8]) -> bool {
    serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
}

async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, body: &[u8]) -> std::io::Result<()> {
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    w.write_all(body).await?;
    w.flush().await
}

/// Copies frames from `input` to `output` until the end of `input` (or
/// until `output` is closed).
pub async fn guard<R, W>(mut input: R, mut output: W)
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let invalid = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{INVALID_METHOD}"}}"#);
    let mut line = Vec::new();
    loop {
        // Headers, up to an empty line.
        let mut len: Option<usize> = None;
        let mut bad_header = false;
        let mut any = false;
        loop {
            line.clear();
            let n = match (&mut input)
                .take(MAX_HEADER_LINE as u64)
                .read_until(b'\n', &mut line)
                .await
            {
                Ok(n) => n,
                Err(_) => return,
            };
            if n == 0 {
                return;
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if any {
                    break;
                }
                continue;
            }
            any = true;
            match text.split_once(':') {
                Some((k, v)) if k.trim().eq_ignore_ascii_case("content-length") => {
                    match v.trim().parse::<usize>() {
                        Ok(n) => len = Some(n),
                        Err(_) => bad_header = true,
                    }
                }
                Some(_) => {}
                None => bad_header = true,
            }
        }
        let ok = match len {
            Some(n) if n <= MAX_FRAME && !bad_header => {
                let mut body = vec![0; n];
                if input.read_exact(&mut body).await.is_err() {
                    return;
                }
                if is_message(&body) {
                    if write_frame(&mut output, &body).await.is_err() {
                        return;
                    }
                    continue;
                }
                false
            }
            Some(n) => {
                // Skip the body without holding it.
                let skipped =
                    tokio::io::copy(&mut (&mut input).take(n as u64), &mut tokio::io::sink())
                        .await
                        .unwrap_or(0);
                if skipped < n as u64 {
                    return;
                }
                false
            }
            None => false,
        };
        if !ok && write_frame(&mut output, invalid.as_bytes()).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> String {
        let mut out = Vec::new();
        guard(input, &mut out).await;
        String::from_utf8(out).unwrap()
    }

    #[tokio::test]
    async fn passes_messages_and_replaces_the_rest() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{bad}}Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{ok}garbage\r\n\r\nContent-Length: 99999999999\r\n\r\n",
            ok.len()
        );
        let out = run(input.as_bytes()).await;
        let frames: Vec<&str> = out.split("Content-Length: ").skip(1).collect();
        assert_eq!(frames.len(), 3, "{out}");
        assert!(frames[0].contains(INVALID_METHOD));
        assert!(frames[1].ends_with(ok));
        assert!(frames[2].contains(INVALID_METHOD));
    }
}

//! Watching the files named on the command line.
//!
//! Word and WPS save by writing a temporary file and renaming it over the
//! report, which replaces the file (a new inode) rather than changing it,
//! and some editors leave the file missing for a moment. Polling the
//! files' metadata sees all of that the same way, on every platform, with
//! no watcher to lose events; a directory named on the command line is
//! listed again each time, so new reports appear too.

use crate::Backend;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// What identifies a version of a file.
type Stamp = Vec<(PathBuf, Option<(u64, SystemTime, u64)>)>;

/// Starts polling `roots`; the receiver's value changes each time a file
/// below them does.
pub fn spawn(
    backend: Arc<dyn Backend>,
    roots: Vec<PathBuf>,
    every: Duration,
) -> tokio::sync::watch::Receiver<u64> {
    let (tx, rx) = tokio::sync::watch::channel(0u64);
    if roots.is_empty() {
        return rx;
    }
    tokio::spawn(async move {
        let mut last: Option<Stamp> = None;
        let mut ticker = tokio::time::interval(every);
        loop {
            ticker.tick().await;
            let (b, r) = (backend.clone(), roots.clone());
            let Ok(now) = tokio::task::spawn_blocking(move || stamp(&*b, &r)).await else {
                continue;
            };
            if last.as_ref().is_some_and(|l| *l != now) {
                tx.send_modify(|version| *version += 1);
            }
            last = Some(now);
        }
    });
    rx
}

fn stamp(backend: &dyn Backend, roots: &[PathBuf]) -> Stamp {
    backend
        .watched_files(roots)
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok().map(|m| {
                let modified = m.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                (m.len(), modified, inode(&m))
            });
            (p, meta)
        })
        .collect()
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    m.ino()
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

//! [`WorkspaceReports`]: the related reports of documents open in an
//! editor, from the report files of the workspace folders, kept up to date
//! file by file.

use crate::related::{agencies, is_report, walk_reports, AgencyIndex};
use crate::Engine;
use nblint_model::Document;
use nblint_parse::ParsedFile;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Parsed related documents kept between lints.
const CACHE: usize = 16;

/// A file's modification time and length: when they change, the file is
/// read again.
type Stamp = (SystemTime, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The report files of some folders indexed by agency, kept up to date
/// file by file.
///
/// The folders are walked once, on first use, and each file parsed once
/// to learn its agencies; only those are kept. [`WorkspaceReports::related`]
/// gives a document's related reports parsed, in path order (as `nblint
/// check` over the folder would), from a small cache keyed by path and
/// modification time. A file whose modification time changed is read
/// again when it is looked at; [`WorkspaceReports::touch`] makes it be
/// read again on next use (a change reported by the editor).
#[derive(Default)]
pub struct WorkspaceReports {
    roots: Vec<PathBuf>,
    built: bool,
    index: AgencyIndex<PathBuf>,
    /// The stamp each indexed file had when it was read (`None`: to read).
    stamps: BTreeMap<PathBuf, Option<Stamp>>,
    cache: VecDeque<(PathBuf, Stamp, Arc<ParsedFile>)>,
}

impl WorkspaceReports {
    /// Indexes these folders (forgetting everything when they differ).
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        if roots != self.roots {
            self.roots = roots;
            self.built = false;
            self.index = AgencyIndex::default();
            self.stamps.clear();
            self.cache.clear();
        }
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Report files known.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stamps.is_empty()
    }

    /// Walks the roots and reads every report's agencies (once), on up to
    /// four threads: the server is not the only thing running.
    pub fn ensure_built(&mut self, engine: &Engine) {
        if self.built {
            return;
        }
        self.built = true;
        let paths: Vec<PathBuf> = self
            .roots
            .iter()
            .flat_map(|root| walk_reports(root).0)
            .collect();
        let n = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let size = paths.len().div_ceil(n).max(1);
        let read: Vec<(PathBuf, Option<Stamp>, BTreeSet<String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = paths
                .chunks(size)
                .map(|chunk| {
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|p| {
                                let found = engine.parse_path(p).map(|f| agencies(&f.doc));
                                (p.clone(), stamp(p), found.unwrap_or_default())
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (path, stamp, found) in read {
            self.stamps.insert(path.clone(), stamp);
            self.index.insert(path, found);
        }
    }

    /// A file changed, appeared or disappeared on disk.
    pub fn touch(&mut self, path: &Path) {
        if !self.built || !is_report(path) || !self.roots.iter().any(|r| path.starts_with(r)) {
            return;
        }
        self.cache.retain(|(p, _, _)| p != path);
        if path.is_file() {
            self.stamps.insert(path.to_path_buf(), None);
            self.index.insert(path.to_path_buf(), BTreeSet::new());
        } else {
            self.stamps.remove(path);
            self.index.remove(&path.to_path_buf());
        }
    }

    /// Forgets every parse (the configuration changed).
    pub fn invalidate(&mut self) {
        for s in self.stamps.values_mut() {
            *s = None;
        }
        self.cache.clear();
    }

    /// The other files with a report of one of `doc`'s agencies, parsed.
    pub fn related(
        &mut self,
        engine: &Engine,
        this: Option<&Path>,
        doc: &Document,
    ) -> Vec<Arc<ParsedFile>> {
        let wanted = agencies(doc);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.ensure_built(engine);
        // Files of the agency, and files whose agencies are not known (new
        // or changed since they were read).
        let candidates: BTreeSet<PathBuf> = self
            .index
            .related(&wanted, None)
            .into_iter()
            .chain(
                self.stamps
                    .iter()
                    .filter(|(_, s)| s.is_none())
                    .map(|(p, _)| p.clone()),
            )
            .filter(|p| Some(p.as_path()) != this)
            .collect();
        let mut out = Vec::new();
        for path in candidates {
            let Some(now) = stamp(&path) else {
                continue;
            };
            let parsed = match self.cached(&path, now) {
                Some(p) => p,
                None => {
                    let parsed = engine.parse_path(&path).map(Arc::new);
                    let found = parsed.as_ref().map(|p| agencies(&p.doc));
                    self.stamps.insert(path.clone(), Some(now));
                    self.index.insert(path.clone(), found.unwrap_or_default());
                    match parsed {
                        Some(p) => p,
                        None => continue,
                    }
                }
            };
            let matches = self
                .index
                .agencies_of(&path)
                .is_some_and(|a| !a.is_disjoint(&wanted));
            if matches {
                self.remember(path, now, Arc::clone(&parsed));
                out.push(parsed);
            }
        }
        out
    }

    fn cached(&mut self, path: &Path, now: Stamp) -> Option<Arc<ParsedFile>> {
        let i = self.cache.iter().position(|(p, _, _)| p == path)?;
        let (p, s, f) = self.cache.remove(i)?;
        (s == now).then(|| {
            self.cache.push_back((p, s, f.clone()));
            f
        })
    }

    fn remember(&mut self, path: PathBuf, now: Stamp, f: Arc<ParsedFile>) {
        self.cache.retain(|(p, _, _)| *p != path);
        self.cache.push_back((path, now, f));
        while self.cache.len() > CACHE {
            self.cache.pop_front();
        }
    }
}

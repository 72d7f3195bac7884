//! The reports of the workspace folders, for cross-document rules.
//!
//! The folders are walked once (like `nblint check DIR`: ignore files
//! respected, report extensions only) and each file is parsed once to learn
//! its agencies; only those keys are kept. When a document is linted, the
//! files sharing one of its agencies are parsed again (or taken from a small
//! cache keyed by path and modification time) and passed to the engine as
//! related documents, in path order, as `nblint check` over the folder
//! would. Files that change on disk are re-read when their modification
//! time differs (files of the same agency, checked on every lint) or when
//! the client reports them (`workspace/didChangeWatchedFiles`, saves).

use nblint_engine::{normalize_agency, Engine};
use nblint_parse::{ParseOptions, ParsedFile};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Extensions of report files (as `nblint check` walks directories).
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx",
];

/// Parsed related documents kept between lints.
const CACHE: usize = 16;

#[derive(Debug, Clone)]
struct Entry {
    stamp: Option<(SystemTime, u64)>,
    agencies: Vec<String>,
}

#[derive(Default)]
pub struct Index {
    roots: Vec<PathBuf>,
    built: bool,
    files: BTreeMap<PathBuf, Entry>,
    cache: VecDeque<(PathBuf, (SystemTime, u64), Arc<ParsedFile>)>,
}

pub fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Parses a file as `nblint check` would (its own configuration's year and
/// agency).
pub fn parse_file(engine: &Engine, path: &Path) -> Option<ParsedFile> {
    let bytes = std::fs::read(path).ok()?;
    let config = engine.config_for(Some(path)).ok()?;
    let settings = engine.settings_for(&config, Some(path));
    let opts = ParseOptions {
        file_name: None,
        year: settings.year,
        agency: settings.agency.clone(),
    };
    catch_unwind(AssertUnwindSafe(|| {
        nblint_parse::parse_bytes(Some(path), &bytes, &opts).ok()
    }))
    .ok()
    .flatten()
}

/// The agency keys of a document's reports.
pub fn agencies(doc: &nblint_model::Document) -> Vec<String> {
    let view = doc.view();
    let mut out: Vec<String> = Vec::new();
    for r in view.reports {
        let k = normalize_agency(view.agency(r));
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

impl Index {
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        if roots != self.roots {
            self.roots = roots;
            self.built = false;
            self.files.clear();
            self.cache.clear();
        }
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Walks the roots and reads every report's agencies (once).
    pub fn ensure_built(&mut self, engine: &Engine) {
        if self.built {
            return;
        }
        self.built = true;
        let mut paths = Vec::new();
        for root in &self.roots {
            let walker = ignore::WalkBuilder::new(root)
                .require_git(false)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            for e in walker.flatten() {
                if e.file_type().is_some_and(|t| t.is_file()) && is_report(e.path()) {
                    paths.push(e.path().to_path_buf());
                }
            }
        }
        // Two workers: the server is not the only thing running.
        let n = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let chunks: Vec<Vec<PathBuf>> = {
            let size = paths.len().div_ceil(n.max(1)).max(1);
            paths.chunks(size).map(<[PathBuf]>::to_vec).collect()
        };
        let results: Vec<(PathBuf, Entry)> = std::thread::scope(|s| {
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|chunk| {
                    s.spawn(move || {
                        chunk
                            .into_iter()
                            .map(|p| {
                                let e = Entry {
                                    stamp: stamp(&p),
                                    agencies: parse_file(engine, &p)
                                        .map(|f| agencies(&f.doc))
                                        .unwrap_or_default(),
                                };
                                (p, e)
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
        self.files.extend(results);
    }

    /// A file changed, appeared or disappeared on disk.
    pub fn touch(&mut self, path: &Path) {
        if !self.built || !is_report(path) {
            return;
        }
        if !self.roots.iter().any(|r| path.starts_with(r)) {
            return;
        }
        self.cache.retain(|(p, _, _)| p != path);
        if path.is_file() {
            self.files.insert(
                path.to_path_buf(),
                Entry {
                    stamp: None,
                    agencies: Vec::new(),
                },
            );
        } else {
            self.files.remove(path);
        }
    }

    /// Forgets every parse (the configuration changed).
    pub fn invalidate(&mut self) {
        for e in self.files.values_mut() {
            e.stamp = None;
        }
        self.cache.clear();
    }

    /// The other files with a report of one of `keys`' agencies, parsed.
    pub fn related(
        &mut self,
        engine: &Engine,
        this: Option<&Path>,
        keys: &[String],
    ) -> Vec<Arc<ParsedFile>> {
        if keys.is_empty() {
            return Vec::new();
        }
        self.ensure_built(engine);
        let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        let paths: Vec<PathBuf> = self.files.keys().cloned().collect();
        for path in paths {
            if Some(path.as_path()) == this {
                continue;
            }
            // Files known to be of other agencies are not looked at (a
            // change on disk comes through `touch`, which forgets them).
            let known_other = self.files.get(&path).is_some_and(|e| {
                e.stamp.is_some() && !e.agencies.iter().any(|a| wanted.contains(a.as_str()))
            });
            if known_other {
                continue;
            }
            let now = stamp(&path);
            let Some(now) = now else {
                continue;
            };
            let entry = self.files.get(&path).cloned();
            let fresh = entry.as_ref().is_some_and(|e| e.stamp == Some(now));
            if fresh
                && !entry
                    .as_ref()
                    .is_some_and(|e| e.agencies.iter().any(|a| wanted.contains(a.as_str())))
            {
                continue;
            }
            let parsed = match self.cached(&path, now) {
                Some(p) => p,
                None => {
                    let Some(p) = parse_file(engine, &path) else {
                        self.files.insert(
                            path.clone(),
                            Entry {
                                stamp: Some(now),
                                agencies: Vec::new(),
                            },
                        );
                        continue;
                    };
                    let p = Arc::new(p);
                    self.files.insert(
                        path.clone(),
                        Entry {
                            stamp: Some(now),
                            agencies: agencies(&p.doc),
                        },
                    );
                    p
                }
            };
            let matches = self
                .files
                .get(&path)
                .is_some_and(|e| e.agencies.iter().any(|a| wanted.contains(a.as_str())));
            if matches {
                self.remember(path, now, p_clone(&parsed));
                out.push(parsed);
            }
        }
        out
    }

    fn cached(&mut self, path: &Path, now: (SystemTime, u64)) -> Option<Arc<ParsedFile>> {
        let i = self.cache.iter().position(|(p, _, _)| p == path)?;
        let (p, s, f) = self.cache.remove(i)?;
        if s == now {
            self.cache.push_back((p, s, f.clone()));
            Some(f)
        } else {
            None
        }
    }

    fn remember(&mut self, path: PathBuf, now: (SystemTime, u64), f: Arc<ParsedFile>) {
        self.cache.retain(|(p, _, _)| *p != path);
        self.cache.push_back((path, now, f));
        while self.cache.len() > CACHE {
            self.cache.pop_front();
        }
    }
}

fn p_clone(p: &Arc<ParsedFile>) -> Arc<ParsedFile> {
    Arc::clone(p)
}

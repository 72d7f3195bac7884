//! The related reports of a document: the other reports of the same
//! agency, which cross-document rules (duplicates, year-on-year figures)
//! compare it with.
//!
//! [`AgencyIndex`] is the one index, keyed by whatever names a document
//! (a run's file number, a path). [`crate::WorkspaceReports`] keeps one
//! over the report files of folders on disk, updated file by file (the
//! language server's workspace).

use nblint_model::Document;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Extensions of report files (what `nblint check DIR` and the language
/// server's workspace look at).
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx", "pdf",
];

/// Whether a path has a report file's extension.
pub fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| REPORT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// The report files under `dir`, sorted by name, as `nblint check DIR`
/// walks it: `.gitignore`, `.ignore` and hidden files respected, report
/// extensions only. Entries that cannot be read are returned as errors.
pub fn walk_reports(dir: &Path) -> (Vec<PathBuf>, Vec<crate::RunError>) {
    let (files, errors, _) = walk_reports_and_others(dir);
    (files, errors)
}

/// Office formats reports are drafted in that nblint cannot read: a
/// directory's files of these kinds are named, not skipped in silence.
pub const UNREADABLE_EXTENSIONS: &[&str] = &[
    "doc", "wps", "wpt", "dot", "rtf", "odt", "ofd", "xls", "xlsx", "et",
];

/// [`walk_reports`], and the files of [`UNREADABLE_EXTENSIONS`] it passed over.
pub fn walk_reports_and_others(dir: &Path) -> (Vec<PathBuf>, Vec<crate::RunError>, Vec<PathBuf>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut others = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_report(e.path()) => {
                files.push(e.path().to_path_buf())
            }
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_unreadable(e.path()) => {
                others.push(e.path().to_path_buf())
            }
            Ok(_) => {}
            Err(e) => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => Some(path.clone()),
                    _ => None,
                };
                errors.push(crate::RunError::new(path.as_deref(), e.to_string(), None));
            }
        }
    }
    (files, errors, others)
}

fn is_unreadable(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| UNREADABLE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// The key that decides whether two reports are of the same agency: the
/// name folded by the SDK's [`fold_char`] (whitespace and punctuation
/// removed, full-width letters and digits folded, letters in lower case),
/// so that two keys are equal exactly when [`same_agency`] (the plugins'
/// [`AgencyMatch::Folded`]) says the names are the same agency: one
/// normaliser for the engine and the plugins. An empty key (no name, or
/// punctuation only) is an unknown agency.
///
/// [`fold_char`]: nblint_plugin_api::fold_char
/// [`same_agency`]: nblint_plugin_api::same_agency
/// [`AgencyMatch::Folded`]: nblint_plugin_api::AgencyMatch::Folded
pub fn normalize_agency(name: &str) -> String {
    name.chars()
        .filter_map(nblint_plugin_api::fold_char)
        .collect()
}

/// The agency keys of a document's reports (unknown agencies left out).
pub fn agencies(doc: &Document) -> BTreeSet<String> {
    let view = doc.view();
    view.reports
        .iter()
        .map(|r| normalize_agency(view.agency(r)))
        .filter(|a| !a.is_empty())
        .collect()
}

/// Which documents hold a report of which agency.
#[derive(Clone, Debug)]
pub struct AgencyIndex<K: Ord + Clone> {
    by_agency: BTreeMap<String, BTreeSet<K>>,
    by_key: BTreeMap<K, BTreeSet<String>>,
}

impl<K: Ord + Clone> Default for AgencyIndex<K> {
    fn default() -> Self {
        AgencyIndex {
            by_agency: BTreeMap::new(),
            by_key: BTreeMap::new(),
        }
    }
}

impl<K: Ord + Clone> AgencyIndex<K> {
    /// Records (or re-records) the agencies of the document `key`.
    pub fn insert(&mut self, key: K, agencies: BTreeSet<String>) {
        self.remove(&key);
        for a in &agencies {
            self.by_agency
                .entry(a.clone())
                .or_default()
                .insert(key.clone());
        }
        self.by_key.insert(key, agencies);
    }

    /// Forgets the document `key`.
    pub fn remove(&mut self, key: &K) {
        let Some(old) = self.by_key.remove(key) else {
            return;
        };
        for a in old {
            if let Some(keys) = self.by_agency.get_mut(&a) {
                keys.remove(key);
                if keys.is_empty() {
                    self.by_agency.remove(&a);
                }
            }
        }
    }

    /// Whether the document `key` is known.
    pub fn contains(&self, key: &K) -> bool {
        self.by_key.contains_key(key)
    }

    /// The agencies recorded for `key`.
    pub fn agencies_of(&self, key: &K) -> Option<&BTreeSet<String>> {
        self.by_key.get(key)
    }

    /// The documents, other than `except`, with a report of one of
    /// `agencies`, in key order.
    pub fn related(&self, agencies: &BTreeSet<String>, except: Option<&K>) -> Vec<K> {
        let mut out = BTreeSet::new();
        for a in agencies {
            if let Some(keys) = self.by_agency.get(a) {
                out.extend(keys.iter().filter(|k| Some(*k) != except).cloned());
            }
        }
        out.into_iter().collect()
    }

    /// Every document known.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.by_key.keys()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(xs: &[&str]) -> BTreeSet<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn related_are_the_other_documents_sharing_an_agency() {
        let mut index = AgencyIndex::default();
        index.insert(0, set(&["甲", "乙"]));
        index.insert(1, set(&["甲"]));
        index.insert(2, set(&["丙"]));
        assert_eq!(index.related(&set(&["甲"]), Some(&1)), vec![0]);
        assert_eq!(index.related(&set(&["乙", "丙"]), None), vec![0, 2]);
        index.insert(0, set(&["丙"]));
        assert_eq!(index.related(&set(&["甲"]), Some(&1)), Vec::<i32>::new());
        index.remove(&2);
        assert_eq!(index.related(&set(&["丙"]), None), vec![0]);
    }

    #[test]
    fn agencies_normalise() {
        assert_eq!(
            normalize_agency(" 济源市 人民政府办公室（办） "),
            normalize_agency("济源市人民政府办公室(办)")
        );
    }
}

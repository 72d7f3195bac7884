//! The machinery of the seeded-defect test: the corpus sources, text edits
//! with the offset mapping they imply, linting in-process through the
//! engine, and the diff of a mutated text's diagnostics against the
//! unmutated text's.

use nblint_engine::{lint_document, registry, FileSettings, Lang, RulePlugin};
use nblint_model::{Diagnostic, Document, LineIndex, Severity};
use nblint_parse::ParseOptions;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The corpus folder (test-support's one locator).
pub use nblint_test_support::corpus_dir;

pub fn read_seed(name: &str) -> String {
    let path = corpus_dir().join("seeds").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read corpus file {}: {e}", path.display()))
}

/// Lines `first..=last` (1-based) of a text, each with its line break.
pub fn line_range(text: &str, first: usize, last: usize) -> String {
    text.split_inclusive('\n')
        .skip(first - 1)
        .take(last + 1 - first)
        .collect()
}

/// A rule and a 1-based line: what the test compares.
pub type Key = (String, u32);

pub struct Linter {
    plugins: Vec<Arc<dyn RulePlugin>>,
}

impl Linter {
    /// The four bundled plugins, reached through the plugin ABI as the CLI
    /// reaches them.
    pub fn bundled() -> Linter {
        let (plugins, refused) = registry::bundled();
        assert!(refused.is_empty(), "{refused:?}");
        let mut names: Vec<&str> = plugins.iter().map(|p| p.name()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["arithmetic", "duplicates", "format-version", "sections"],
            "the bundled plugins changed; update the seeded-defect cases"
        );
        Linter { plugins }
    }

    /// Parses and lints a text as `nblint check` does a file of this name
    /// (default configuration, English messages), without the infos that
    /// a cross-year check found no report of last year (each text is linted
    /// alone, so they say nothing about a defect).
    pub fn lint(&self, file_name: &str, text: &str) -> (Document, Vec<Diagnostic>) {
        let parsed = nblint_parse::parse_bytes(
            Some(Path::new(file_name)),
            text.as_bytes(),
            &ParseOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{file_name}: cannot read the text: {e}"));
        let settings = FileSettings {
            lang: Lang::En,
            file: Some(file_name.to_string()),
            ..Default::default()
        };
        let diags = lint_document(&parsed.doc, &[], &settings, &self.plugins, &[])
            .into_iter()
            .filter(|d| !is_cross_year_skipped(d))
            .collect();
        (parsed.doc, diags)
    }
}

/// The info a cross-year rule gives when it found no report of last year
/// to compare with (`LintContext::cross_year_skipped`).
fn is_cross_year_skipped(d: &Diagnostic) -> bool {
    d.severity == Severity::Info
        && ["arithmetic/carry-over", "duplicates/previous-year"].contains(&d.rule.as_str())
}

/// One clean text and what nblint reports on it unmutated.
pub struct Source {
    pub name: &'static str,
    /// The file name it is linted under (extension and year fallback).
    pub file_name: &'static str,
    pub text: String,
    pub doc: Document,
    pub baseline: Vec<Diagnostic>,
    pub lines: LineIndex,
}

impl Source {
    pub fn new(
        linter: &Linter,
        name: &'static str,
        file_name: &'static str,
        text: String,
    ) -> Source {
        let (doc, baseline) = linter.lint(file_name, &text);
        Source {
            name,
            file_name,
            lines: LineIndex::new(&text),
            text,
            doc,
            baseline,
        }
    }

    /// 1-based line of a byte offset of the unmutated text.
    pub fn line(&self, offset: usize) -> u32 {
        self.lines.line_of(offset as u32) + 1
    }

    /// Byte offset of the only occurrence of `needle` (panics otherwise:
    /// the cases must be unambiguous).
    pub fn find(&self, needle: &str) -> usize {
        let mut it = self.text.match_indices(needle);
        let (at, _) = it
            .next()
            .unwrap_or_else(|| panic!("{}: “{needle}” not found", self.name));
        assert!(
            it.next().is_none(),
            "{}: “{needle}” occurs more than once",
            self.name
        );
        at
    }
}

/// Replace `start..end` of the unmutated text by `with`.
#[derive(Clone, Debug)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

impl Edit {
    pub fn replace(start: usize, end: usize, with: impl Into<String>) -> Edit {
        Edit {
            start,
            end,
            with: with.into(),
        }
    }
    pub fn insert(at: usize, with: impl Into<String>) -> Edit {
        Edit::replace(at, at, with)
    }
}

/// Where an expected diagnostic is, before the edits or in their text.
#[derive(Clone, Copy, Debug)]
pub enum At {
    /// A byte offset of the unmutated text (moved by the edits before it).
    Old(usize),
    /// A byte offset inside the replacement text of edit `.0`.
    Inserted(usize, usize),
}

/// The edits of one case applied, and the offset mapping they imply.
pub struct Mutated {
    pub text: String,
    edits: Vec<Edit>,
    pub lines: LineIndex,
}

impl Mutated {
    /// `edits` in text order, not overlapping.
    pub fn new(old: &str, edits: Vec<Edit>) -> Mutated {
        for w in edits.windows(2) {
            assert!(
                w[0].end <= w[1].start,
                "edits out of order or overlapping: {edits:?}"
            );
        }
        let mut text = String::with_capacity(old.len() + 64);
        let mut at = 0;
        for e in &edits {
            assert!(
                old.is_char_boundary(e.start) && old.is_char_boundary(e.end),
                "an edit splits a character: {e:?}"
            );
            text.push_str(&old[at..e.start]);
            text.push_str(&e.with);
            at = e.end;
        }
        text.push_str(&old[at..]);
        let lines = LineIndex::new(&text);
        Mutated { text, edits, lines }
    }

    /// Where an offset of the unmutated text is in the mutated one; `None`
    /// when an edit replaced it.
    pub fn map(&self, offset: usize) -> Option<usize> {
        let mut shift: isize = 0;
        for e in &self.edits {
            if offset < e.start {
                break;
            }
            // An insertion at the offset moves it; a replacement covering
            // it removes it.
            if e.start < e.end && offset < e.end {
                return None;
            }
            shift += e.with.len() as isize - (e.end - e.start) as isize;
        }
        Some((offset as isize + shift) as usize)
    }

    /// 1-based line in the mutated text.
    pub fn line(&self, at: At) -> u32 {
        let offset = match at {
            // A position an edit replaced (the changed cell itself) is
            // where its replacement starts.
            At::Old(o) => self.map(o).unwrap_or_else(|| {
                let i = self
                    .edits
                    .iter()
                    .position(|e| e.start <= o && o < e.end)
                    .expect("an edit covers the position");
                self.edit_start(i)
            }),
            At::Inserted(i, within) => self.edit_start(i) + within,
        };
        self.lines.line_of(offset as u32) + 1
    }

    /// Where the replacement text of edit `i` starts in the mutated text.
    fn edit_start(&self, i: usize) -> usize {
        let shift: isize = self.edits[..i]
            .iter()
            .map(|e| e.with.len() as isize - (e.end - e.start) as isize)
            .sum();
        (self.edits[i].start as isize + shift) as usize
    }

    /// The mutated lines (1-based, inclusive) that hold replacement text.
    pub fn edited_lines(&self) -> Vec<(u32, u32)> {
        self.edits
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let start = self.edit_start(i);
                let end = start + e.with.len();
                (
                    self.lines.line_of(start as u32) + 1,
                    self.lines.line_of(end as u32) + 1,
                )
            })
            .collect()
    }
}

/// What changed between the unmutated and the mutated diagnostics, by
/// (rule, line) with multiplicity, after moving the unmutated ones by the
/// edits.
#[derive(Debug, Default)]
pub struct Delta {
    /// New in the mutated text.
    pub appeared: Vec<(Key, String)>,
    /// Gone from the mutated text (their position was not edited).
    pub vanished: Vec<(Key, String)>,
}

pub fn delta(source: &Source, mutated: &Mutated, diags: &[Diagnostic]) -> Delta {
    let mut now: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    for d in diags {
        let line = mutated.lines.line_of(d.span.start) + 1;
        now.entry((d.rule.clone(), line))
            .or_default()
            .push(d.message.clone());
    }
    let edited = mutated.edited_lines();
    let mut out = Delta::default();
    let mut touched: Vec<&Diagnostic> = Vec::new();
    for d in &source.baseline {
        match mutated.map(d.span.start as usize) {
            Some(o) => {
                let key = (d.rule.clone(), mutated.lines.line_of(o as u32) + 1);
                match now.get_mut(&key) {
                    Some(v) if !v.is_empty() => {
                        v.pop();
                    }
                    _ => out.vanished.push((key, d.message.clone())),
                }
            }
            None => touched.push(d),
        }
    }
    // A diagnostic whose position an edit replaced may vanish, or stay
    // within the edited lines.
    for d in touched {
        let slot = now.iter_mut().find(|((rule, line), v)| {
            rule == &d.rule && !v.is_empty() && edited.iter().any(|(a, b)| a <= line && line <= b)
        });
        if let Some((_, v)) = slot {
            v.pop();
        }
    }
    for (key, messages) in now {
        for m in messages {
            out.appeared.push((key.clone(), m));
        }
    }
    out
}

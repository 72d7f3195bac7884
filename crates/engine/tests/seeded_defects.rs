//! The seeded-defect test (issue 3): one defect at a time is injected into
//! the clean corpus reports, and the mutated text's diagnostics are diffed
//! against the unmutated text's. Each case must add exactly its expected
//! (rule, line) pairs and change nothing else (the unmutated diagnostics
//! are moved by the lines the edits add or remove; one whose own position
//! an edit replaced may vanish). Cases nblint does not detect by design
//! are listed as `expect: none` with the reason, and must change nothing.
//!
//! The cases are generated in `seeded/` (one module per plugin). Run with
//! `--nocapture` to see the baselines and the whole case table.

mod seeded;

use rayon::prelude::*;
use seeded::harness::{self, Key, Linter, Mutated, Source};
use seeded::{Case, Expect};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::time::Instant;

/// Every plugin gets at least this many cases, and the whole at least
/// [`MIN_CASES`].
const MIN_PER_PLUGIN: usize = 15;
const MIN_CASES: usize = 100;

struct Outcome {
    /// The pairs that should appear.
    right: BTreeSet<Key>,
    /// The pairs the case accepts (`right`, or a known defect's `actual`).
    target: BTreeSet<Key>,
    /// The pairs that appeared.
    appeared: BTreeSet<Key>,
    /// Pairs that appeared outside `target`, with their messages.
    unexpected: Vec<(Key, String)>,
    /// Unmutated pairs that disappeared, with their messages.
    vanished: Vec<(Key, String)>,
    /// Unmutated pairs of a targeted rule that moved (a diagnostic about
    /// the changed part, re-anchored by the change).
    moved: Vec<(Key, String)>,
}

impl Outcome {
    /// The case behaves as its table entry says.
    fn holds(&self) -> bool {
        self.target.iter().all(|k| self.appeared.contains(k))
            && self.unexpected.is_empty()
            && self.vanished.is_empty()
    }
    /// The defect was reported where it is.
    fn detected(&self) -> bool {
        !self.right.is_empty() && self.right.iter().all(|k| self.appeared.contains(k))
    }
    /// Pairs that appeared although they should not have, or vanished.
    fn false_positives(&self) -> usize {
        let unexpected: BTreeSet<&Key> = self.unexpected.iter().map(|(k, _)| k).collect();
        unexpected.len() + self.known_false_positives() + self.vanished.len()
    }
    /// Those a known issue accounts for.
    fn known_false_positives(&self) -> usize {
        self.target
            .difference(&self.right)
            .filter(|k| self.appeared.contains(k))
            .count()
    }
}

fn run(linter: &Linter, src: &Source, case: &Case) -> Outcome {
    let mutated = Mutated::new(&src.text, case.edits.clone());
    let (_, diags) = linter.lint(src.file_name, &mutated.text);
    let delta = harness::delta(src, &mutated, &diags);
    let pairs = |list: &[(&'static str, seeded::harness::At)]| -> BTreeSet<Key> {
        list.iter()
            .map(|(rule, at)| (rule.to_string(), mutated.line(*at)))
            .collect()
    };
    let (right, target) = match &case.expect {
        Expect::Found(list) => (pairs(list), pairs(list)),
        Expect::Known { right, actual, .. } => (pairs(right), pairs(actual)),
        Expect::None(_) | Expect::Benign(_) => (BTreeSet::new(), BTreeSet::new()),
    };
    let rules: BTreeSet<&str> = target.iter().map(|(r, _)| r.as_str()).collect();
    let (moved, vanished) = delta
        .vanished
        .into_iter()
        .partition(|((rule, _), _)| rules.contains(rule.as_str()));
    Outcome {
        appeared: delta.appeared.iter().map(|(k, _)| k.clone()).collect(),
        unexpected: delta
            .appeared
            .into_iter()
            .filter(|(k, _)| !target.contains(k))
            .collect(),
        vanished,
        moved,
        right,
        target,
    }
}

fn keys(set: &BTreeSet<Key>) -> String {
    let v: Vec<String> = set.iter().map(|(r, l)| format!("{r}@{l}")).collect();
    format!("{{{}}}", v.join(", "))
}

#[test]
fn seeded_defects_are_found_where_they_are_and_nothing_else_changes() {
    nblint_test_support::require_corpus!();
    let started = Instant::now();
    let linter = Linter::bundled();
    let sources = seeded::sources(&linter);

    println!("baselines (unmutated diagnostics):");
    for src in &sources {
        println!(
            "  {} ({} lines): {} diagnostics",
            src.name,
            src.lines.line_count(),
            src.baseline.len()
        );
        for d in &src.baseline {
            let msg: String = d.message.chars().take(110).collect();
            println!("    {}@{}: {msg}", d.rule, src.line(d.span.start as usize));
        }
    }
    // The four clean reports have no arithmetic, sections, format or
    // duplicate findings beyond those the corpus README lists (jiyuan's
    // and nanyang's blank cells, nanyang's missing 六).
    for s in seeded::CLEAN {
        let src = &sources[s];
        let rules: BTreeSet<&str> = src.baseline.iter().map(|d| d.rule.as_str()).collect();
        let allowed: &[&str] = match s {
            seeded::JIYUAN => &["arithmetic/cell-value"],
            seeded::NANYANG => &["arithmetic/cell-value", "sections/missing"],
            _ => &[],
        };
        assert!(
            rules.iter().all(|r| allowed.contains(r)),
            "{}: the clean report has new baseline diagnostics {rules:?}; review them before changing the cases",
            src.name
        );
    }

    let cases = seeded::all(&sources);
    let outcomes: Vec<Outcome> = cases
        .par_iter()
        .map(|c| run(&linter, &sources[c.source], c))
        .collect();

    // The case table.
    let mut seeded_defects = 0;
    let mut detected = 0;
    let mut by_design = 0;
    let mut known = 0;
    let mut controls = 0;
    let mut false_positives = 0;
    let mut known_false_positives = 0;
    let mut failed = Vec::new();
    let mut per_plugin: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut per_kind: BTreeMap<(&str, &str), [usize; 4]> = BTreeMap::new();
    println!("\ncases:");
    for (i, (case, out)) in cases.iter().zip(&outcomes).enumerate() {
        let src = &sources[case.source];
        false_positives += out.false_positives();
        known_false_positives += out.known_false_positives();
        let holds = out.holds();
        let found = out.detected();
        let expect = match &case.expect {
            Expect::Found(_) => keys(&out.right),
            Expect::None(reason) => format!("none: {reason}"),
            Expect::Benign(reason) => format!("nothing (control: {reason})"),
            Expect::Known { issue, .. } => format!(
                "{} — KNOWN ISSUE, nblint gives {}: {issue}",
                keys(&out.right),
                keys(&out.target)
            ),
        };
        let status = match (&case.expect, holds) {
            (_, false) if !out.right.iter().all(|k| out.appeared.contains(k)) => "MISSED",
            (_, false) => "FALSE+",
            (Expect::Found(_), true) => "found",
            (Expect::None(_), true) => "none",
            (Expect::Benign(_), true) => "control",
            (Expect::Known { .. }, true) => "known",
        };
        if matches!(case.expect, Expect::Benign(_)) {
            controls += 1;
        } else {
            seeded_defects += 1;
            let plugin = per_plugin.entry(case.plugin).or_default();
            let kind = per_kind.entry((case.plugin, case.kind)).or_default();
            plugin.0 += 1;
            kind[0] += 1;
            if found {
                detected += 1;
                plugin.1 += 1;
                kind[1] += 1;
            }
            match case.expect {
                Expect::None(_) => {
                    by_design += 1;
                    kind[2] += 1;
                }
                Expect::Known { .. } => {
                    known += 1;
                    kind[3] += 1;
                }
                _ => {}
            }
        }
        println!(
            "  #{i:<3} {status:<7} {:<14} {:<16} {:<32} {} — expect {expect}",
            case.plugin, src.name, case.kind, case.what
        );
        for k in out.target.iter().filter(|k| !out.appeared.contains(k)) {
            println!("         missing    {}@{}", k.0, k.1);
        }
        for (k, m) in &out.unexpected {
            println!("         unexpected {}@{}: {m}", k.0, k.1);
        }
        for (k, m) in &out.vanished {
            println!("         vanished   {}@{}: {m}", k.0, k.1);
        }
        for (k, m) in &out.moved {
            println!("         moved      {}@{}: {m}", k.0, k.1);
        }
        if !holds {
            failed.push(i);
        }
    }

    println!("\nby kind (cases / found / expect none / known issues):");
    for ((plugin, kind), [n, found, none, known]) in &per_kind {
        println!("  {plugin:<14} {kind:<36} {n:>4} {found:>4} {none:>4} {known:>4}");
    }
    let plugins: Vec<String> = per_plugin
        .iter()
        .map(|(p, (n, _))| format!("{p} {n}"))
        .collect();
    let summary = format!(
        "seeded defects: {seeded_defects} cases ({}), recall {detected}/{seeded_defects} ({:.1}%; {by_design} not detected by design, expect: none; {known} known issues), false positives {false_positives} ({known_false_positives} in known issues), {controls} controls, {:.1}s",
        plugins.join(", "),
        100.0 * detected as f64 / seeded_defects.max(1) as f64,
        started.elapsed().as_secs_f64()
    );
    println!("\n{summary}");
    // Shown even when the test's output is captured.
    let _ = writeln!(std::io::stderr(), "{summary}");

    // The bar: every case behaves as its table entry says — each defect
    // not marked `expect: none` or a known issue is found at its line,
    // and nothing else appears or vanishes.
    assert!(
        failed.is_empty(),
        "{} case(s) do not behave as the table says (missed, or something else appeared or vanished; a known issue that changed must be updated): {failed:?}; see the case table above",
        failed.len()
    );
    assert!(seeded_defects >= MIN_CASES, "only {seeded_defects} cases");
    for p in ["arithmetic", "sections", "format-version", "duplicates"] {
        let n = per_plugin.get(p).map_or(0, |x| x.0);
        assert!(n >= MIN_PER_PLUGIN, "only {n} cases for {p}");
    }
}

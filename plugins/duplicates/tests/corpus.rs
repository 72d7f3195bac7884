//! The plugin over every real report in the shared corpus, through the ABI:
//! the known duplicates at their exact lines, nothing on the clean files.

use nblint_duplicates::declaration;
use nblint_plugin_api::model::{Diagnostic, Document, Severity};
use nblint_plugin_api::PluginConfig;
use nblint_test_support::{self as support, line_of, Layout};

fn seed(name: &str) -> Document {
    support::parse_text(&support::seed_text(name))
}

fn lint(doc: &Document) -> Vec<Diagnostic> {
    support::lint_alone(declaration(), doc)
}

/// "line: rule: message", then the related spans indented.
fn render(doc: &Document, diags: &[Diagnostic]) -> String {
    support::render(&support::findings(doc, diags), Layout::RuleWithRelated)
}

/// (line, related lines) of a rule's diagnostics.
fn at(doc: &Document, diags: &[Diagnostic], rule: &str) -> Vec<(u32, Vec<u32>)> {
    diags
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let related = d
                .related
                .iter()
                .map(|r| line_of(doc, r.span.start))
                .collect();
            (line_of(doc, d.span.start), related)
        })
        .collect()
}

#[test]
fn snapshots_of_every_seed() {
    nblint_test_support::require_corpus!();
    for name in support::seed_names() {
        let doc = seed(&name);
        let diags = lint(&doc);
        insta::assert_snapshot!(
            name.trim_end_matches(".txt").to_string(),
            render(&doc, &diags)
        );
    }
}

#[test]
fn lixia_duplicated_reports_are_reported_on_the_later_copies() {
    nblint_test_support::require_corpus!();
    let doc = seed("lixia-qzf-page-2014-2022.txt");
    let diags = lint(&doc);
    let reports = at(&doc, &diags, "duplicates/report");
    let primary: Vec<(u32, u32)> = reports.iter().map(|(l, rel)| (*l, rel[0])).collect();
    // 2021 twice (217, 317), 2020 twice (414, 517), 2019 three times (654, 746, 837).
    assert_eq!(
        primary,
        vec![(317, 217), (517, 414), (746, 654), (837, 654)]
    );
    let messages: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "duplicates/report")
        .map(|d| d.message.as_str())
        .collect();
    // The 2021 copies differ in a few numbers (341 vs 339 applications).
    assert!(messages[0].starts_with("2021 年度报告"), "{}", messages[0]);
    assert!(messages[0].contains("几乎相同"), "{}", messages[0]);
    assert!(messages[0].contains("339（前一份 341）"), "{}", messages[0]);
    assert!(messages[1].contains("完全相同"), "{}", messages[1]);
    assert!(messages[2].contains("完全相同"), "{}", messages[2]);
    // The third 2019 copy is cut off at the end of the page.
    assert!(messages[3].contains("一部分"), "{}", messages[3]);
    // Only the identical copies get a (manual) fix deleting them.
    let fixes: Vec<bool> = diags
        .iter()
        .filter(|d| d.rule == "duplicates/report")
        .map(|d| d.fix.as_ref().is_some_and(|f| !f.safe))
        .collect();
    assert_eq!(fixes, vec![false, true, true, false]);
}

/// Checked independently: no report of the corpus repeats a paragraph or a
/// sentence of 25 characters or more (the closest pair, two download links
/// of the lixia page, is 86 % similar), no report reuses last year's prose
/// (lixia 2021/2020/2019 share about 15 %) and no tables are copied.
#[test]
fn no_other_duplicates_in_the_corpus() {
    nblint_test_support::require_corpus!();
    for name in support::seed_names() {
        let doc = seed(&name);
        // The infos say which reports had no last year to compare with
        // (see the snapshots); they are no duplicates.
        let diags: Vec<Diagnostic> = lint(&doc)
            .into_iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        let others: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.rule != "duplicates/report")
            .collect();
        assert!(others.is_empty(), "{name}: {}", render(&doc, &diags));
        if !name.starts_with("lixia") {
            assert!(diags.is_empty(), "{name}: {}", render(&doc, &diags));
        }
    }
}

#[test]
fn lixia_reports_are_compared_with_last_year_across_files() {
    nblint_test_support::require_corpus!();
    // The 2021 report alone, with the whole page as another file of the
    // run: its 2020 report is found, and shares far less than 50 %.
    let page = seed("lixia-qzf-page-2014-2022.txt");
    let text = &page.text;
    let r2021 = page.reports.iter().find(|r| r.year == 2021).unwrap();
    let alone = support::parse_text(&text[r2021.span.range()]);
    let cfg = PluginConfig {
        options: nblint_plugin_api::serde_json::json!({ "threshold": 0.1 }),
        ..Default::default()
    };
    let diags = support::lint(declaration(), &alone, &[&page], &cfg);
    let reuse: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.rule == "duplicates/previous-year")
        .collect();
    assert_eq!(reuse.len(), 1, "{}", render(&alone, &diags));
    assert!(
        reuse[0].message.contains("2020 年度报告（另一文件）"),
        "{}",
        reuse[0].message
    );
    let strict = support::lint(declaration(), &alone, &[&page], &PluginConfig::default());
    assert!(
        strict.iter().all(|d| d.rule != "duplicates/previous-year"),
        "{}",
        render(&alone, &strict)
    );
}

#[test]
fn the_empty_2021_template_has_no_duplicates() {
    nblint_test_support::require_corpus!();
    let doc = support::parse_file(&support::template_path());
    assert!(!doc.paragraphs.is_empty(), "the template was not read");
    let diags = lint(&doc);
    assert!(diags.is_empty(), "{}", render(&doc, &diags));
}

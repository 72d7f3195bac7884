//! The plugin over every real report in the shared corpus, through the ABI.

use nblint_format_version::declaration;
use nblint_plugin_api::prelude::*;
use nblint_test_support::{self as support, lines_of, Finding, Layout};

#[test]
fn every_corpus_file_snapshot() {
    nblint_test_support::require_corpus!();
    for (stem, text) in support::seed_renderings(declaration(), Layout::RuleSeverity) {
        insta::assert_snapshot!(stem, text);
    }
}

/// The findings on one seed report after `edit`, under `config`, in the
/// plugin's order.
fn lint_with(name: &str, config: &PluginConfig, edit: impl Fn(String) -> String) -> Vec<Finding> {
    let doc = support::parse_text(&edit(support::seed_text(name)));
    let diags = support::lint(declaration(), &doc, &[], config);
    support::findings(&doc, &diags)
}

#[test]
fn lixia_2020_outline_is_flagged_and_2014_is_not() {
    nblint_test_support::require_corpus!();
    let f = support::seed_findings(declaration(), "lixia-qzf-page-2014-2022.txt");
    // The 2020 report, twice in the page (its first part after 一 is at 427 / 530).
    assert_eq!(
        lines_of(&f, "format-version/outdated-structure"),
        vec![427, 530]
    );
    assert!(
        f.iter()
            .all(|f| f.severity == Severity::Error && f.message.contains("一级标题共 8 部分")),
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
    // 2014 (lines 620–653) uses the pre-2019 outline rightly; 2022/2021 use
    // the 2021 format; 2019 the 2019 format.
    assert_eq!(f.len(), 2, "{}", support::render(&f, Layout::RuleSeverity));
}

#[test]
fn reports_in_their_years_format_are_clean() {
    nblint_test_support::require_corpus!();
    support::assert_seeds_clean(
        declaration(),
        &[
            "jiyuan-szfb-2020.txt",
            "yuncheng-szfb-2020.txt",
            "nanyang-szfb-2019-onecell.txt",
            "minhe-xian-2020-ocr.txt",
        ],
    );
}

#[test]
fn a_2019_format_report_configured_as_2021_is_outdated() {
    nblint_test_support::require_corpus!();
    let config = PluginConfig {
        year: Some(2021),
        ..Default::default()
    };
    let f = lint_with("jiyuan-szfb-2020.txt", &config, |t| t);
    // The first 第二十条 table (line 41) carries the finding; the title year
    // disagrees with the configuration.
    assert_eq!(lines_of(&f, "format-version/outdated-table"), vec![41]);
    let outdated = f
        .iter()
        .find(|f| f.rule == "format-version/outdated-table")
        .unwrap();
    assert!(
        outdated.message.contains("第二十条第（九）项"),
        "{}",
        outdated.message
    );
    assert!(
        outdated.message.contains("（六）其他处理只有一行"),
        "{}",
        outdated.message
    );
    assert_eq!(lines_of(&f, "format-version/year-mismatch"), vec![3]);
}

#[test]
fn lixia_2022_with_a_single_other_row_is_mixed() {
    nblint_test_support::require_corpus!();
    // Merge the 2022 report's three （六）其他处理 rows (lines 189–191) into the
    // single row of the 2019 format, keeping its total (0 + 0 + 3).
    let f = lint_with(
        "lixia-qzf-page-2014-2022.txt",
        &PluginConfig::default(),
        |t| {
            let lines: Vec<&str> = t.split('\n').collect();
            assert!(
                lines[188].starts_with("(六)其他处理 | 1."),
                "the 2022 rows moved: {}",
                lines[188]
            );
            let mut out: Vec<&str> = lines[..188].to_vec();
            out.push("(六)其他处理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||");
            out.extend_from_slice(&lines[191..]);
            out.join("\n")
        },
    );
    let mixed: Vec<&Finding> = f
        .iter()
        .filter(|f| f.rule == "format-version/mixed")
        .collect();
    assert_eq!(
        mixed.len(),
        1,
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
    assert_eq!(
        mixed[0].line,
        166,
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
    assert!(
        mixed[0].message.contains("（六）其他处理只有一行"),
        "{}",
        mixed[0].message
    );
    assert!(
        mixed[0]
            .message
            .contains("2022 年度报告应统一使用2021 年格式"),
        "{}",
        mixed[0].message
    );
    // The mixed report is not also reported as outdated.
    assert!(
        lines_of(&f, "format-version/outdated-table").is_empty(),
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
}

#[test]
fn misspelled_format_number_and_old_decree() {
    nblint_test_support::require_corpus!();
    let f = lint_with(
        "lixia-qzf-page-2014-2022.txt",
        &PluginConfig::default(),
        |t| {
            t.replacen("(国办公开办函〔2021〕30号)", "(国办公开办函202130号)", 1)
                .replacen("(国务院令711号", "(国务院令第492号", 1)
        },
    );
    let refs: Vec<&Finding> = f
        .iter()
        .filter(|f| f.rule == "format-version/reference")
        .collect();
    assert_eq!(
        refs.iter().map(|f| f.line).collect::<Vec<_>>(),
        vec![135, 217],
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
    assert!(refs[0].message.contains("应为“国办公开办函〔2021〕30号”"));
    assert!(refs[1].message.contains("国务院令第492号"));
}

#[test]
fn template_docx_year_comes_from_its_file_name_only() {
    nblint_test_support::require_corpus!();
    let doc = support::parse_file(&support::template_path());
    // Year 2021 from the file name, 2021 tables: nothing outdated or mixed.
    let diags = support::lint_alone(declaration(), &doc);
    assert!(diags.is_empty(), "{diags:#?}");
    // The same text without its file name has no year at all: said once, as info.
    let doc = support::parse_text(&doc.text);
    let diags = support::lint_alone(declaration(), &doc);
    let rules: Vec<(&str, Severity)> = diags
        .iter()
        .map(|d| (d.rule.as_str(), d.severity))
        .collect();
    assert_eq!(
        rules,
        vec![("format-version/year-mismatch", Severity::Info)],
        "{diags:#?}"
    );
}

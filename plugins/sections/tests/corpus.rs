//! The plugin over every real report in the shared corpus, through the ABI.

use nblint_plugin_api::prelude::*;
use nblint_sections::declaration;
use nblint_test_support::{self as support, lines_of, Finding, Layout};

#[test]
fn every_corpus_file_snapshot() {
    nblint_test_support::require_corpus!();
    for (stem, text) in support::seed_renderings(declaration(), Layout::RuleSeverity) {
        insta::assert_snapshot!(stem, text);
    }
}

#[test]
fn lixia_known_findings() {
    nblint_test_support::require_corpus!();
    let f = support::seed_findings(declaration(), "lixia-qzf-page-2014-2022.txt");
    // 2019 report, copies 1 and 2: 二 and 三 headings missing before their
    // tables, 五 missing after the 四 table; copy 3 is cut off inside the 三
    // table, so 四, 五 and 六 are missing at its end.
    assert_eq!(
        lines_of(&f, "sections/missing"),
        vec![685, 703, 734, 777, 795, 826, 902, 902, 902]
    );
    // 2020 report (twice): 六 titled “八、其他”, and the other variant titles.
    assert_eq!(
        lines_of(&f, "sections/title"),
        vec![466, 499, 502, 569, 602, 605]
    );
    // 2020: two extra sections shift the standard ones (info, not warning).
    let order: Vec<&Finding> = f.iter().filter(|f| f.rule == "sections/order").collect();
    assert_eq!(
        order.iter().map(|f| f.line).collect::<Vec<_>>(),
        vec![427, 530]
    );
    assert!(order.iter().all(|f| f.severity == Severity::Info));
    assert!(order[0].message.contains("“八、其他”标准为第六部分"));
    // The 2014 report (lines 620–653) follows the pre-2019 outline: not held to the six.
    assert!(
        f.iter().all(|f| !(620..=653).contains(&f.line)),
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
    // 2022 and 2021 (lines 135–413) are complete and report the fee in 六.
    assert!(
        f.iter().all(|f| !(135..=413).contains(&f.line)),
        "{}",
        support::render(&f, Layout::RuleSeverity)
    );
}

#[test]
fn minhe_and_nanyang_lack_section_six() {
    nblint_test_support::require_corpus!();
    let minhe = support::seed_findings(declaration(), "minhe-xian-2020-ocr.txt");
    assert_eq!(lines_of(&minhe, "sections/missing"), vec![92]);
    assert!(minhe
        .iter()
        .any(|f| f.rule == "sections/missing" && f.message.contains("六、其他需要报告的事项")));
    assert_eq!(lines_of(&minhe, "sections/title"), vec![86]);
    let nanyang = support::seed_findings(declaration(), "nanyang-szfb-2019-onecell.txt");
    assert_eq!(lines_of(&nanyang, "sections/missing"), vec![469]);
    assert_eq!(
        nanyang.len(),
        1,
        "{}",
        support::render(&nanyang, Layout::RuleSeverity)
    );
}

#[test]
fn complete_reports_are_clean() {
    nblint_test_support::require_corpus!();
    support::assert_seeds_clean(
        declaration(),
        &["jiyuan-szfb-2020.txt", "yuncheng-szfb-2020.txt"],
    );
}

#[test]
fn template_docx_placeholders_are_found() {
    nblint_test_support::require_corpus!();
    let doc = support::parse_file(&support::template_path());
    let diags = support::lint_alone(declaration(), &doc);
    let placeholders: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "sections/template-text")
        .map(|d| doc.view().slice(d.span))
        .collect();
    // （文字描述） in 一, 五 and 六 (六's with the fee note).
    assert_eq!(placeholders.len(), 3, "{diags:#?}");
    assert!(
        placeholders.iter().all(|p| p.contains("文字描述")),
        "{placeholders:?}"
    );
    // The fee note of the template is an instruction, not a fee report.
    let fee: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.rule == "sections/fee-disclosure")
        .collect();
    assert_eq!(fee.len(), 1, "{diags:#?}");
    assert_eq!(
        doc.view().slice(fee[0].span).trim(),
        "六、其他需要报告的事项"
    );
}

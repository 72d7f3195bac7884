//! Cross-year checks that cannot run say so, once per report, on real
//! reports (corpus/real): 平潭综合实验区 2021/2023/2025 (2020, 2022 and
//! 2024 are not in the corpus) and 平潭综合实验区财政金融局 2024/2025.

use nblint_arithmetic::declaration;
use nblint_plugin_api::model::{Diagnostic, Document, Severity};
use nblint_plugin_api::PluginConfig;
use nblint_test_support::{self as support, line_of};
use std::path::Path;

fn real(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    support::parse_file(&path)
}

/// (line, message) of the infos of `doc` linted with `related`.
fn infos(doc: &Document, related: &[&Document]) -> Vec<(u32, String)> {
    support::lint(declaration(), doc, related, &PluginConfig::default())
        .into_iter()
        .filter(|d: &Diagnostic| d.severity == Severity::Info)
        .map(|d| (line_of(doc, d.span.start), d.message))
        .collect()
}

#[test]
fn no_report_of_last_year_is_said_once() {
    let szf_2021 = real("pingtan-szf-2021.txt");
    let szf_2023 = real("pingtan-szf-2023.txt");
    let szf_2025 = real("pingtan-szf-2025.txt");
    assert_eq!(
        infos(&szf_2023, &[&szf_2021, &szf_2025]),
        [(
            1,
            "跨年核对未进行（上年结转 arithmetic/carry-over、同比变化 arithmetic/percent）：未找到平潭综合实验区的 2022 年度报告".to_string()
        )]
    );
}

#[test]
fn last_years_report_found_says_nothing() {
    let czj_2024 = real("pingtan-czj-2024.txt");
    let czj_2025 = real("pingtan-czj-2025.txt");
    assert_eq!(infos(&czj_2025, &[&czj_2024]), []);
}

/// A pre-2019 report (and a 2019 one) has no report of the 2019 formats
/// the year before: nothing was skipped.
#[test]
fn reports_before_2020_have_nothing_to_compare() {
    assert_eq!(infos(&real("pingtan-szf-2011.txt"), &[]), []);
    assert_eq!(infos(&real("pingtan-szf-2019.txt"), &[]), []);
}

#[test]
fn an_unknown_agency_is_named_as_what_was_missing() {
    // 平潭 2021 without its title line: no agency, no other file searched.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/real/pingtan-szf-2021.txt");
    let text = std::fs::read_to_string(path).expect("the corpus file");
    let untitled: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    let doc = support::parse_text(&untitled);
    let found = infos(&doc, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .1
            .ends_with("未能确定报告机关，无法在其他文件中查找 2020 年度报告，本文件中也没有"),
        "{}",
        found[0].1
    );
}

//! Cross-year duplicate checks that cannot run say so, once per report, on
//! real reports (corpus/real): 平潭综合实验区财政金融局 2023–2025.

use nblint_duplicates::declaration;
use nblint_plugin_api::model::{Document, Severity};
use nblint_plugin_api::PluginConfig;
use nblint_test_support::{self as support, line_of};
use std::path::Path;

fn real(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    support::parse_file(&path)
}

fn infos(doc: &Document, related: &[&Document]) -> Vec<(u32, String, String)> {
    support::lint(declaration(), doc, related, &PluginConfig::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Info)
        .map(|d| (line_of(doc, d.span.start), d.rule, d.message))
        .collect()
}

#[test]
fn no_report_of_last_year_is_said_once_for_both_rules() {
    let czj_2023 = real("pingtan-czj-2023.txt");
    assert_eq!(
        infos(&czj_2023, &[]),
        [(
            1,
            "duplicates/previous-year".to_string(),
            "跨年核对未进行（与上年报告的重复 duplicates/previous-year、duplicates/table-copy）：未找到平潭综合实验区财政金融局的 2022 年度报告".to_string()
        )]
    );
}

#[test]
fn last_years_report_found_says_nothing() {
    let czj_2023 = real("pingtan-czj-2023.txt");
    let czj_2024 = real("pingtan-czj-2024.txt");
    assert_eq!(infos(&czj_2024, &[&czj_2023]), []);
}

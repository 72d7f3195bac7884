//! `format-version/stale-year` on real reports: 平潭综合实验区财政金融局
//! 2024 and 2025 (corpus/real/pingtan-czj-*.txt, source in their
//! expected findings), whose sentences copied from the year before kept
//! the old year while their figures were updated.

use nblint_format_version::declaration;
use nblint_plugin_api::model::{Diagnostic, Document};
use nblint_plugin_api::{Lang, PluginConfig};
use nblint_test_support::{self as support, line_of};
use std::path::Path;

const RULE: &str = "format-version/stale-year";

fn real(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    support::parse_file(&path)
}

fn stale(doc: &Document, lang: Lang) -> Vec<(u32, Diagnostic)> {
    let config = PluginConfig {
        lang,
        ..Default::default()
    };
    support::lint(declaration(), doc, &[], &config)
        .into_iter()
        .filter(|d| d.rule == RULE)
        .map(|d| (line_of(doc, d.span.start), d))
        .collect()
}

/// czj-2024 line 24: "(二)主动公开政府信息的主要类别2023年，在主动公开的61条政
/// 府信息中": 61 is the 2024 count of line 7 ("2024年主动公开政府信息61条").
#[test]
fn last_years_year_over_this_years_count() {
    let doc = real("pingtan-czj-2024.txt");
    let found = stale(&doc, Lang::Zh);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, d) = &found[0];
    assert_eq!(*line, 24);
    let view = doc.view();
    assert_eq!(view.slice(d.span), "2023");
    assert_eq!(
        d.message,
        "本报告为 2024 年度，此句却写“2023年”；句中的 61条 是本年度的数字（与本报告中 2024 年的 61 一致），疑为沿用上年报告时未改年份"
    );
    // The figure of the sentence and where the report gives it for 2024.
    let related: Vec<u32> = d
        .related
        .iter()
        .map(|r| line_of(&doc, r.span.start))
        .collect();
    assert_eq!(related, [24, 7]);
    let fix = d.fix.as_ref().expect("a fix");
    assert!(!fix.safe);
    assert_eq!(fix.edits[0].replacement, "2024");
}

/// czj-2025 line 9: "2024年制作、获取政府信息总数467条，其中主动公开政府信息53
/// 条": 53 is the 2025 count of line 7; line 5's "公开了2025年政府预算、2024
/// 年政府决算" names last year's accounts and is not reported.
#[test]
fn last_years_year_over_this_years_total_in_english() {
    let doc = real("pingtan-czj-2025.txt");
    let found = stale(&doc, Lang::En);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, d) = &found[0];
    assert_eq!(*line, 9);
    assert_eq!(
        d.message,
        "this is the 2025 report, but the sentence says 2024; its 53 is this year's figure (the report gives 53 for 2025): probably copied from last year's report without updating the year"
    );
}

/// czj-2023 names 2022 only for last year's 决算 ("公开了2023年政府预算、2022
/// 年政府决算"); the 平潭 reports of the corpus have no stale year.
#[test]
fn reports_without_a_stale_year_are_silent() {
    for name in [
        "pingtan-czj-2023.txt",
        "pingtan-szf-2011.txt",
        "pingtan-szf-2019.txt",
        "pingtan-szf-2021.txt",
        "pingtan-szf-2023.txt",
        "pingtan-szf-2025.txt",
        "pingtan-xzf-2012.txt",
    ] {
        let found = stale(&real(name), Lang::Zh);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// The czj-2024 sentence reworded as a comparison is left alone.
#[test]
fn the_same_sentence_as_a_comparison_is_silent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/real/pingtan-czj-2024.txt");
    let text = std::fs::read_to_string(path).expect("the corpus file");
    for (from, to) in [
        ("2023年，在主动公开的61条", "较2023年，在主动公开的61条"),
        ("2023年，在主动公开的61条", "2023年以来，在主动公开的61条"),
        ("2023年，在主动公开的61条", "与2023年相比，在主动公开的61条"),
    ] {
        let doc = support::parse_text(&text.replacen(from, to, 1));
        let found = stale(&doc, Lang::Zh);
        assert!(found.is_empty(), "{to}: {found:#?}");
    }
}

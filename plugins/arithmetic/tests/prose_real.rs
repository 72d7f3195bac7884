//! The prose rules (`percent`, `text-sum`) on real report text: the
//! corpus's whole reports (`corpus/real/`, the 平潭 reports) and excerpts
//! of other real reports kept as fixtures (`tests/fixtures/`, source in
//! each test). Each test asserts rule, line and the numbers of the
//! message.

use nblint_arithmetic::declaration;
use nblint_plugin_api::model::{Diagnostic, Document};
use nblint_plugin_api::{Lang, PluginConfig};
use nblint_test_support::{self as support, line_of};
use std::path::Path;

/// A file of the repository's real-report corpus, parsed.
fn real(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    support::parse_file(&path)
}

/// A fixture of this crate's tests, parsed.
fn fixture(name: &str) -> Document {
    support::parse_file(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

/// The diagnostics of `rule` on `doc`, linted alone, with their lines.
fn diags(doc: &Document, rule: &str) -> Vec<(u32, Diagnostic)> {
    support::lint_alone(declaration(), doc)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (line_of(doc, d.span.start), d))
        .collect()
}

const PERCENT: &str = "arithmetic/percent";

/// pingtan-szf-2011 line 6: "……总数1873条，其中主动公开政府信息425条……。主动
/// 公开的政府信息，区直、县直各单位主动公开政府信息303条，占71.3%。各乡镇主
/// 动公开政府信息122条，占28.7%。" The base is the 425 of the sentence
/// before (303/425 = 71.29 %), not the 总数 1873 (16.2 %).
#[test]
fn a_share_of_the_sentence_befores_figure_holds() {
    let doc = real("pingtan-szf-2011.txt");
    assert_eq!(diags(&doc, PERCENT).len(), 0, "{:#?}", diags(&doc, PERCENT));
}

/// pingtan-xzf-2012 line 6: 县直各单位2475条，占62.2% is of the 总数 3978 of
/// the sentence before (the text calls them 主动公开, but the shares hold
/// on 3978); line 7: 规划计划类信息60条，占2.9% is 60/2026 = 2.96 %
/// truncated.
#[test]
fn shares_of_the_xzf_2012_report_hold() {
    let doc = real("pingtan-xzf-2012.txt");
    assert_eq!(diags(&doc, PERCENT).len(), 0, "{:#?}", diags(&doc, PERCENT));
}

/// pingtan-szf-2012 (github:changwu/pingtan-gov-zwgk-archive,
/// pingtan/zwgk/zfxxgk/zfxxgknb/201302/80734_…/page.txt; section 三 with
/// line breaks restored, words and digits unchanged): "在……主动公开的1913条
/// 政府信息中，……行政许可类信息145条，占8.05%" is 145/1913 = 7.58 %; the
/// eight other shares of 1913 hold, and so do 1397 占73% and 534 占27%
/// (27.9 % truncated) of the 1913 of the sentence before.
#[test]
fn a_wrong_share_among_right_ones_names_the_bases_tried() {
    let doc = fixture("pingtan-szf-2012-excerpt.txt");
    let found = diags(&doc, PERCENT);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, d) = &found[0];
    assert_eq!(*line, 5);
    assert_eq!(doc.view().slice(d.span), "8.05");
    assert!(
        d.message.starts_with("正文称 145 条占比 8.05%"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("145/1913 = 7.58%（本节前文）"),
        "{}",
        d.message
    );
}

#[test]
fn the_bases_tried_in_english() {
    let doc = fixture("pingtan-szf-2012-excerpt.txt");
    let config = PluginConfig {
        lang: Lang::En,
        ..Default::default()
    };
    let found: Vec<Diagnostic> = support::lint(declaration(), &doc, &[], &config)
        .into_iter()
        .filter(|d| d.rule == PERCENT)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("145/1913 = 7.58% (earlier in the section)"),
        "{}",
        found[0].message
    );
}

//! Rules on small reports built from the examples' template, through the
//! plugin ABI, parsed by the real parser.

use nblint_arithmetic::declaration;
use nblint_arithmetic::examples::ExampleReport;
use nblint_plugin_api::model::{Diagnostic, Document, Severity};
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::PluginConfig;
use nblint_test_support as support;

fn parse(text: String) -> Document {
    support::parse_text(&text)
}

fn lint_with(doc: &Document, related: &[&Document]) -> Vec<Diagnostic> {
    support::lint(declaration(), doc, related, &PluginConfig::default())
}

fn of<'a>(diags: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.rule == rule).collect()
}

#[test]
fn the_template_report_is_clean() {
    let doc = parse(ExampleReport::default().text());
    let diags = lint_with(&doc, &[]);
    // Only the info that last year's report was not there to compare with.
    let rules: Vec<(&str, Severity)> = diags
        .iter()
        .map(|d| (d.rule.as_str(), d.severity))
        .collect();
    assert_eq!(
        rules,
        [("arithmetic/carry-over", Severity::Info)],
        "{diags:#?}"
    );
}

#[test]
fn result_total_names_the_parts_and_offers_a_safe_fix_when_it_also_balances() {
    // 总计·总计 says 14, the results add up to 13; with 13 the column balances
    // (14 + 1 = 13 + 2), so the one edit explains both identities.
    let doc = parse(
        ExampleReport::default()
            .app(app::ROW_TOTAL, app::COL_TOTAL, "14")
            .text(),
    );
    let diags = lint_with(&doc, &[]);
    let rt = of(&diags, "arithmetic/result-total");
    assert_eq!(rt.len(), 1);
    assert_eq!(
        rt[0].message,
        "三、（七）总计·总计 为 14，但各项办理结果之和为 3+1+1+8 = 13，相差 1"
    );
    let fix = rt[0].fix.as_ref().unwrap();
    assert!(fix.safe);
    assert_eq!(fix.edits[0].replacement, "13");
    assert_eq!(doc.view().slice(rt[0].span), "14");
    assert_eq!(of(&diags, "arithmetic/balance").len(), 1);
    assert_eq!(of(&diags, "arithmetic/row-total").len(), 1);
}

#[test]
fn result_total_fix_is_unsafe_when_the_column_would_still_not_balance() {
    // A result is wrong (予以公开 4 instead of 3): the total 13 balances, so
    // changing it to 14 would break the balance.
    let doc = parse(
        ExampleReport::default()
            .app(app::ROW_PUBLIC, app::COL_TOTAL, "4")
            .text(),
    );
    let diags = lint_with(&doc, &[]);
    let rt = of(&diags, "arithmetic/result-total");
    assert_eq!(rt.len(), 1);
    assert!(!rt[0].fix.as_ref().unwrap().safe);
    assert_eq!(of(&diags, "arithmetic/balance").len(), 0);
}

#[test]
fn balance_message_names_the_column_and_numbers() {
    let doc = parse(
        ExampleReport::default()
            .app(app::ROW_CARRY_FORWARD, app::COL_NATURAL, "1")
            .app(app::ROW_CARRY_FORWARD, app::COL_TOTAL, "1")
            .text(),
    );
    let diags = lint_with(&doc, &[]);
    let b: Vec<&str> = of(&diags, "arithmetic/balance")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        b,
        vec![
            "自然人 列：一 + 二 = 13 + 1 = 14，但（七）总计 + 四 = 12 + 1 = 13，相差 1",
            "总计 列：一 + 二 = 14 + 1 = 15，但（七）总计 + 四 = 13 + 1 = 14，相差 1",
        ]
    );
    assert_eq!(of(&diags, "arithmetic/balance")[0].related.len(), 3);
}

#[test]
fn blank_cells_are_not_zero() {
    // A blank result cell: no arithmetic on its column, one cell-value warning.
    let doc = parse(
        ExampleReport::default()
            .app(app::ROW_PARTIAL, app::COL_NATURAL, "")
            .text(),
    );
    let diags = lint_with(&doc, &[]);
    assert_eq!(of(&diags, "arithmetic/result-total").len(), 0);
    assert_eq!(of(&diags, "arithmetic/row-total").len(), 0);
    let cv = of(&diags, "arithmetic/cell-value");
    assert_eq!(cv.len(), 1, "{diags:?}");
    assert!(
        cv[0].message.contains("（二）部分公开：自然人（空白）"),
        "{}",
        cv[0].message
    );
}

#[test]
fn review_total_per_group() {
    let doc = parse(ExampleReport::default().review(8, "2").text());
    let diags = lint_with(&doc, &[]);
    let rv = of(&diags, "arithmetic/review-total");
    assert_eq!(rv.len(), 1);
    assert!(
        rv[0]
            .message
            .starts_with("四、行政诉讼·未经复议直接起诉·总计 为 0"),
        "{}",
        rv[0].message
    );
}

#[test]
fn carry_over_from_a_related_document_of_the_same_agency() {
    let this = parse(ExampleReport::default().year(2021).text());
    let last = parse(ExampleReport::default().year(2020).text());
    let other = parse(
        ExampleReport::default()
            .year(2020)
            .agency("另一市人民政府办公室")
            .text(),
    );
    let diags = lint_with(&this, &[&last]);
    let co = of(&diags, "arithmetic/carry-over");
    assert_eq!(co.len(), 2, "自然人 and 总计: 1 vs 2");
    assert!(
        co[0].related.is_empty(),
        "last year's cell is in another file"
    );
    // Another agency's 2020 report, or none: the check cannot run, and
    // one info says why.
    for related in [vec![&other], vec![]] {
        let diags = lint_with(&this, &related);
        let co = of(&diags, "arithmetic/carry-over");
        assert_eq!(co.len(), 1, "{co:#?}");
        assert_eq!(co[0].severity, Severity::Info);
        assert!(
            co[0]
                .message
                .ends_with("：未找到某市人民政府办公室的 2020 年度报告"),
            "{}",
            co[0].message
        );
    }
}

#[test]
fn township_reporting_rules() {
    let doc = parse(
        ExampleReport::default()
            .agency("某县某某镇人民政府")
            .rules("1", "1", "1")
            .text(),
    );
    let p = of(&lint_with(&doc, &[]), "arithmetic/plausibility")
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("无权制定规章"), "{}", p[0].message);
}

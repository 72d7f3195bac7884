//! The rules' documented examples, through the ABI.

use nblint_format_version::declaration;
use nblint_plugin_api::prelude::*;
use nblint_plugin_api::testing;
use nblint_test_support::{self as support, parse_text};

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), parse_text);
}

#[test]
fn historical_mention_of_decree_492_is_fine() {
    let doc = parse_text("某县人民政府2020年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》（国务院令第492号公布，国务院令第711号修订）编制本报告。\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n");
    let diags = support::lint_alone(declaration(), &doc);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn missing_brackets_get_a_safe_fix() {
    let doc = parse_text("某县人民政府2021年政府信息公开工作年度报告\n按照国办公开办函[2021]30号和国办公开办函202130号要求编制。\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n");
    let diags = support::lint_alone(declaration(), &doc);
    // Square brackets are an accepted spelling; no brackets are not.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(doc.view().slice(diags[0].span), "国办公开办函202130号");
    let fix = diags[0].fix.as_ref().unwrap();
    assert!(fix.safe);
    assert_eq!(fix.edits[0].replacement, "国办公开办函〔2021〕30号");
}

#[test]
fn no_year_at_all_is_said_once_per_report() {
    let doc =
        parse_text("某县人民政府政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n");
    let diags = support::lint_alone(declaration(), &doc);
    let infos: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .collect();
    assert_eq!(infos.len(), 1, "{diags:#?}");
    assert_eq!(infos[0].rule, "format-version/year-mismatch");
}

#[test]
fn english_messages() {
    let doc = parse_text("某县人民政府2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n");
    let config = PluginConfig {
        lang: Lang::En,
        ..Default::default()
    };
    let diags = support::lint(declaration(), &doc, &[], &config);
    assert_eq!(
        diags[0].message,
        "the title year 2021 disagrees with the statistics period's year 2020"
    );
}

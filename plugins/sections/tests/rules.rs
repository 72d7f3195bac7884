//! The rules' documented examples and fixes, through the ABI.

use nblint_plugin_api::prelude::*;
use nblint_plugin_api::testing;
use nblint_sections::declaration;
use nblint_test_support::{self as support, parse_text};

fn lint(text: &str) -> (Document, Vec<Diagnostic>) {
    let doc = parse_text(text);
    let diags = support::lint_alone(declaration(), &doc);
    (doc, diags)
}

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), parse_text);
}

const FULL: &str = "某县2020年政府信息公开工作年度报告\n一、总体情况\n本县全面推进政务公开。\n二、主动公开政府信息情况\n本年主动公开信息1200条。\n三、收到和处理政府信息公开申请情况\n本年收到申请5件。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n公开质量有待提高。\n";

#[test]
fn missing_six_inserts_heading_and_none_at_the_end() {
    let (doc, diags) = lint(FULL);
    let d = diags.iter().find(|d| d.rule == "sections/missing").unwrap();
    assert_eq!(d.message, "缺少“六、其他需要报告的事项”（报告至此结束）");
    assert_eq!(doc.view().slice(d.span), "公开质量有待提高。");
    let fix = d.fix.as_ref().unwrap();
    assert!(!fix.safe);
    assert_eq!(fix.edits[0].replacement, "\n六、其他需要报告的事项\n无");
}

#[test]
fn title_fix_replaces_the_title_only() {
    let text = FULL.replace("五、存在的主要问题及改进情况", "五、存在的问题及下一步打算");
    let (doc, diags) = lint(&format!("{text}六、其他\n无。\n"));
    let titles: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.rule == "sections/title")
        .collect();
    assert_eq!(titles.len(), 2, "{diags:#?}");
    assert_eq!(doc.view().slice(titles[1].span), "其他");
    let fix = titles[1].fix.as_ref().unwrap();
    assert!(fix.safe);
    assert_eq!(fix.edits[0].replacement, "其他需要报告的事项");
}

#[test]
fn english_messages() {
    let doc = parse_text(FULL);
    let config = PluginConfig {
        lang: Lang::En,
        ..Default::default()
    };
    let diags = support::lint(declaration(), &doc, &[], &config);
    assert!(
        diags[0].message.contains("is missing"),
        "{}",
        diags[0].message
    );
}

#[test]
fn template_placeholder_is_found() {
    let (doc, diags) = lint("某县2021年政府信息公开工作年度报告\n一、总体情况\n（文字描述）\n五、存在的主要问题及改进情况\n（文字描述）\n");
    let spans: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "sections/template-text")
        .map(|d| doc.view().slice(d.span))
        .collect();
    assert_eq!(spans, vec!["（文字描述）", "（文字描述）"]);
}

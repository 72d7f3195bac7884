//! The rule, exercised through the plugin ABI (not by calling the trait).

use nblint_example_plugin::{declaration, RULE};
use nblint_plugin_api::prelude::*;
use nblint_plugin_api::testing;

#[test]
fn examples_behave_as_documented() {
    testing::assert_examples(declaration(), testing::text_document);
}

#[test]
fn missing_phone_is_reported_on_the_title() {
    let doc =
        testing::text_document("\n某县2020年政府信息公开工作年度报告\n一、总体情况\n本机关……\n");
    let diags = testing::lint(declaration(), doc.view(), &[], &PluginConfig::default()).unwrap();
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.rule, RULE.id);
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(
        doc.view().slice(d.span),
        "某县2020年政府信息公开工作年度报告"
    );
    assert_eq!(d.message, "本报告未写明咨询联系电话");
    assert!(d.help.contains("联系电话"));
}

#[test]
fn english_messages_name_agency_and_year() {
    let doc = testing::text_document("一、总体情况");
    let cfg = PluginConfig {
        lang: Lang::En,
        year: Some(2021),
        agency: Some("XX County".into()),
        ..Default::default()
    };
    let diags = testing::lint(declaration(), doc.view(), &[], &cfg).unwrap();
    assert_eq!(
        diags[0].message,
        "the 2021 report of XX County gives no contact phone number"
    );
}

#[test]
fn phone_formats_are_recognised() {
    for text in [
        "联系电话：0531-88150105",
        "咨询电话 (0391) 6633061",
        "服务热线12345",
        "联系方式：13812345678",
        "Tel: 010-12345678",
    ] {
        let doc = testing::text_document(text);
        let diags =
            testing::lint(declaration(), doc.view(), &[], &PluginConfig::default()).unwrap();
        assert!(diags.is_empty(), "{text}: {diags:?}");
    }
}

#[test]
fn email_counts_only_when_allowed() {
    let doc = testing::text_document("电子邮箱：jnlxzwgk@jn.shandong.cn");
    let strict = testing::lint(declaration(), doc.view(), &[], &PluginConfig::default()).unwrap();
    assert_eq!(strict.len(), 1);
    let cfg = PluginConfig {
        options: nblint_plugin_api::serde_json::json!({ "allow_email": true }),
        ..Default::default()
    };
    let lenient = testing::lint(declaration(), doc.view(), &[], &cfg).unwrap();
    assert!(lenient.is_empty());
}

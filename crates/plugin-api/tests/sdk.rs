//! The SDK through the ABI: declarations, `catch_unwind`, output checks.
// These test plugins live in a crate without a `dynamic` feature: only
// their `declaration()` is generated.
#![allow(unexpected_cfgs)]

use nblint_plugin_api::call::{self, CallError, DeclError};
use nblint_plugin_api::prelude::*;
use nblint_plugin_api::{abi, testing};

mod good {
    use super::*;

    /// Reports the first line, and echoes configuration and related docs.
    #[derive(Default)]
    pub struct Good;
    impl Plugin for Good {
        const NAME: &'static str = "good";
        const VERSION: &'static str = "1.2.3";
        fn rules(&self) -> Vec<RuleInfo> {
            vec![RuleInfo::new("good/first-line", Severity::Warning)
                .summary("首行", "first line")
                .rationale("测试", "test")
                .source("无", "none")
                .passing("")
                .failing("标题\n//^ 「标题」 首行：标题（相关文档 0 个，阈值 0.5）")]
        }
        fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
            let first = ctx.doc.text.lines().next().unwrap_or("");
            if first.is_empty() {
                return;
            }
            let threshold: f64 = ctx.option("threshold").unwrap_or(0.5);
            DiagnosticBuilder::new(
                "good/first-line",
                Severity::Warning,
                Span::new(0, first.len()),
                ctx.msg(
                    format!(
                        "首行：{first}（相关文档 {} 个，阈值 {threshold}）",
                        ctx.related.len()
                    ),
                    format!(
                        "first line: {first} ({} related, threshold {threshold})",
                        ctx.related.len()
                    ),
                ),
            )
            .help(ctx.msg("帮助", "help"))
            .related(Span::new(0, 3), "x")
            .replace("改", Span::new(0, first.len()), "新标题", false)
            .emit(out);
        }
    }
    nblint_plugin_api::export_plugin!(Good);
}

mod panicky {
    use super::*;
    #[derive(Default)]
    pub struct Panicky;
    impl Plugin for Panicky {
        const NAME: &'static str = "panicky";
        const VERSION: &'static str = "0.0.1";
        fn rules(&self) -> Vec<RuleInfo> {
            vec![RuleInfo::new("panicky/boom", Severity::Error)]
        }
        fn lint(&self, ctx: &LintContext<'_>, _out: &mut Vec<Diagnostic>) {
            let cells = ctx.doc.cells;
            // An out-of-bounds index, as a buggy rule would do.
            let _ = cells[cells.len() + 7];
        }
    }
    nblint_plugin_api::export_plugin!(Panicky);
}

mod init_panics {
    use super::*;
    pub struct InitPanics;
    impl Plugin for InitPanics {
        const NAME: &'static str = "init-panics";
        const VERSION: &'static str = "0.0.1";
        fn rules(&self) -> Vec<RuleInfo> {
            panic!("cannot compile my regexes")
        }
        fn lint(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
    }
    nblint_plugin_api::export_plugin!(InitPanics, InitPanics);
}

mod liar {
    use super::*;
    /// Reports an undeclared rule, or a span outside the text, as asked.
    #[derive(Default)]
    pub struct Liar;
    impl Plugin for Liar {
        const NAME: &'static str = "liar";
        const VERSION: &'static str = "0.0.1";
        fn rules(&self) -> Vec<RuleInfo> {
            vec![RuleInfo::new("liar/ok", Severity::Info)]
        }
        fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
            let mode: String = ctx.option("mode").unwrap_or_default();
            let (rule, span) = match mode.as_str() {
                "rule" => ("other/rule", Span::new(0, 0)),
                "span" => ("liar/ok", Span::new(0, 10_000)),
                "boundary" => ("liar/ok", Span::new(0, 1)), // inside 一
                _ => ("liar/ok", Span::new(0, 3)),
            };
            DiagnosticBuilder::new(rule, Severity::Info, span, "m").emit(out);
        }
    }
    nblint_plugin_api::export_plugin!(Liar);
}

mod badname {
    use super::*;
    #[derive(Default)]
    pub struct BadName;
    impl Plugin for BadName {
        const NAME: &'static str = "bad";
        const VERSION: &'static str = "0.0.1";
        fn rules(&self) -> Vec<RuleInfo> {
            vec![RuleInfo::new("Other/Rule", Severity::Info)]
        }
        fn lint(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
    }
    nblint_plugin_api::export_plugin!(BadName);
}

/// A plugin whose failing examples mark the wrong place, the wrong message,
/// or nothing: `assert_examples` must refuse each.
mod misannotated {
    use super::*;
    #[derive(Default)]
    pub struct Misannotated;
    const CHECK: RuleDef<DocumentCheck> = RuleDef::new("mis/todo", Severity::Warning, docs, check);
    fn docs(rule: RuleInfo) -> RuleInfo {
        rule.passing("一、总体情况")
            // The second 待补充 is reported, not the first.
            .failing("待补充 待补充\n//^ 「待补充」 留有待补充")
            .failing("待补充\n//^ 「待补充」 另一条消息")
            .failing("待补充")
    }
    fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(at) = ctx.doc.text.rfind("待补充") {
            let span = Span::new(at, at + "待补充".len());
            DiagnosticBuilder::for_rule(&CHECK, span, "留有待补充").emit(out);
        }
    }
    impl Plugin for Misannotated {
        const NAME: &'static str = "mis";
        const VERSION: &'static str = "0.0.1";
        fn rules(&self) -> Vec<RuleInfo> {
            rule_infos(&[CHECK])
        }
        fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
            run_rules(&[CHECK], ctx, out);
        }
    }
    nblint_plugin_api::export_plugin!(Misannotated);
}

#[test]
fn examples_must_mark_the_span_and_message_the_rule_reports() {
    let failure = std::panic::catch_unwind(|| {
        testing::assert_examples(misannotated::declaration(), testing::text_document)
    })
    .expect_err("misannotated examples are refused");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("mis/todo example 1 marks:") && message.contains("「1:5 待补充」"),
        "the wrong occurrence: {message}"
    );
    assert!(
        message.contains("mis/todo example 2 marks:") && message.contains("另一条消息"),
        "the wrong message: {message}"
    );
    assert!(
        message.contains("mis/todo example 3 fails but marks nothing"),
        "no mark: {message}"
    );
}

#[test]
fn declaration_reads_back_through_the_abi() {
    let d = good::declaration();
    assert!(std::ptr::eq(d, good::declaration()), "built once");
    assert_eq!(d.abi_version, abi::ABI_VERSION);
    assert_eq!(d.panic_unwind, 1);
    let info = testing::declaration_info(d);
    assert_eq!(info.name, "good");
    assert_eq!(info.version, "1.2.3");
    assert_eq!(info.target, abi::BUILD_TARGET);
    assert_eq!(info.rules.len(), 1);
    let r = &info.rules[0];
    assert_eq!(r.id, "good/first-line");
    assert_eq!(r.default_severity, Severity::Warning);
    assert_eq!(r.docs.summary(Lang::En), "first line");
    assert_eq!(r.docs.examples.len(), 2);
}

#[test]
fn lint_goes_through_the_abi_with_config_and_related() {
    let doc = testing::text_document("一、总体情况\n正文");
    let other = testing::text_document("去年");
    let cfg = PluginConfig {
        lang: Lang::En,
        options: serde_json::json!({"threshold": 0.9}),
        ..Default::default()
    };
    let diags = testing::lint(
        good::declaration(),
        doc.view(),
        &[other.view(), other.view()],
        &cfg,
    )
    .unwrap();
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(
        d.message,
        "first line: 一、总体情况 (2 related, threshold 0.9)"
    );
    assert_eq!(d.help, "help");
    assert_eq!(d.span, Span::new(0, "一、总体情况".len()));
    assert_eq!(d.related.len(), 1);
    let fix = d.fix.as_ref().unwrap();
    assert!(!fix.safe);
    assert_eq!(fix.edits[0].replacement, "新标题");

    let zh = testing::lint(
        good::declaration(),
        doc.view(),
        &[],
        &PluginConfig::default(),
    )
    .unwrap();
    assert!(zh[0]
        .message
        .starts_with("首行：一、总体情况（相关文档 0 个，阈值 0.5）"));
    testing::assert_examples(good::declaration(), testing::text_document);
}

#[test]
fn a_panic_in_lint_is_caught_and_reported() {
    let doc = testing::text_document("一、总体情况");
    let err = testing::lint(
        panicky::declaration(),
        doc.view(),
        &[],
        &PluginConfig::default(),
    )
    .unwrap_err();
    match &err {
        CallError::Panicked(m) => assert!(m.contains("index out of bounds"), "{m}"),
        other => panic!("expected a panic, got {other:?}"),
    }
    assert!(err.message(Lang::Zh).starts_with("插件 panic："));
    // Still callable afterwards (the host decides to disable it, not the SDK).
    let again = testing::lint(
        panicky::declaration(),
        doc.view(),
        &[],
        &PluginConfig::default(),
    );
    assert!(matches!(again, Err(CallError::Panicked(_))));
}

#[test]
fn a_panic_while_initialising_is_reported_by_the_declaration() {
    let d = init_panics::declaration();
    assert_eq!(d.rules_len, 0);
    // SAFETY: a `'static` declaration of this test's plugin.
    let err = unsafe { call::read_declaration(d) }.unwrap_err();
    assert_eq!(
        err,
        DeclError::InitPanicked("cannot compile my regexes".into())
    );
    assert!(err
        .message(Lang::En)
        .contains("panicked while initialising"));
    // Its lint function refuses politely instead of touching a null plugin.
    let doc = testing::text_document("x");
    // SAFETY: a validated `'static` declaration and a document alive for the call.
    let (status, bytes) = unsafe { call::invoke(d, &doc.view(), &[], "{}") };
    assert_eq!(status, abi::STATUS_ERROR);
    assert_eq!(bytes, b"the plugin failed to initialise");
}

#[test]
fn invalid_configuration_is_an_error_status() {
    let doc = testing::text_document("x");
    let d = good::declaration();
    let info = testing::declaration_info(d);
    // SAFETY: `info` was read from this `'static` declaration.
    let r = unsafe { call::call(d, &info, &doc.view(), &[], "{\"lang\": 5}") };
    match r {
        Err(CallError::Failed(m)) => assert!(m.contains("invalid configuration"), "{m}"),
        other => panic!("{other:?}"),
    }
    // An empty configuration means the defaults.
    // SAFETY: as above.
    assert!(unsafe { call::call(d, &info, &doc.view(), &[], "") }.is_ok());
}

#[test]
fn output_is_checked_like_the_host_does() {
    let doc = testing::text_document("一、总体情况");
    let mode = |m: &str| PluginConfig {
        options: serde_json::json!({ "mode": m }),
        ..Default::default()
    };
    let d = liar::declaration();
    assert_eq!(
        testing::lint(d, doc.view(), &[], &mode("ok"))
            .unwrap()
            .len(),
        1
    );
    for (m, needle) in [
        ("rule", "does not declare"),
        ("span", "outside the text"),
        ("boundary", "inside a character"),
    ] {
        match testing::lint(d, doc.view(), &[], &mode(m)) {
            Err(CallError::InvalidOutput(msg)) => assert!(msg.contains(needle), "{m}: {msg}"),
            other => panic!("{m}: {other:?}"),
        }
    }
}

#[test]
fn parse_output_rejects_bad_json_and_unknown_status() {
    let info = testing::declaration_info(good::declaration());
    assert!(matches!(
        call::parse_output(abi::STATUS_OK, b"{not json", &info, ""),
        Err(CallError::InvalidOutput(_))
    ));
    assert!(matches!(
        call::parse_output(abi::STATUS_OK, b"\xff", &info, ""),
        Err(CallError::InvalidOutput(_))
    ));
    assert_eq!(
        call::parse_output(42, b"", &info, ""),
        Err(CallError::UnknownStatus(42))
    );
    assert_eq!(
        call::parse_output(abi::STATUS_OK, b"[]", &info, ""),
        Ok(vec![])
    );
}

#[test]
fn declarations_are_validated() {
    // SAFETY: a `'static` declaration (its name is what is wrong).
    let err = unsafe { call::read_declaration(badname::declaration()) }.unwrap_err();
    assert!(
        matches!(&err, DeclError::Invalid(m) if m.contains("Other/Rule")),
        "{err:?}"
    );

    let base = *good::declaration();
    let check = |d: abi::PluginDeclaration| {
        let leaked: &'static abi::PluginDeclaration = Box::leak(Box::new(d));
        // SAFETY: leaked, so `'static`; only its header and fields are read.
        unsafe { call::read_declaration(leaked) }
            .map(|_| ())
            .unwrap_err()
    };
    assert_eq!(
        check(abi::PluginDeclaration {
            abi_version: abi::ABI_VERSION + 1,
            ..base
        }),
        DeclError::AbiVersion {
            found: abi::ABI_VERSION + 1
        }
    );
    assert_eq!(
        check(abi::PluginDeclaration {
            abi_version: 0,
            ..base
        }),
        DeclError::AbiVersion { found: 0 }
    );
    // A plugin built against a model whose reports have grown beyond this
    // host's: refused, naming the element, both sizes and the versions.
    let newer = abi::ElementSizes {
        layout_version: abi::LAYOUT_VERSION + 1,
        report: abi::ElementSizes::CURRENT.report + 8,
        ..abi::ElementSizes::CURRENT
    };
    let err = check(abi::PluginDeclaration {
        element_sizes: newer,
        ..base
    });
    assert_eq!(
        err,
        DeclError::ElementSize {
            element: "Report",
            plugin: newer.report,
            host: abi::ElementSizes::CURRENT.report,
            plugin_layout: abi::LAYOUT_VERSION + 1,
            api_minor: abi::API_MINOR,
        }
    );
    let en = err.message(Lang::En);
    assert!(
        en.contains(&format!(
            "Report elements are {} bytes; this nblint (API 1.{}, layout {}) only provides {}",
            newer.report,
            abi::API_MINOR,
            abi::LAYOUT_VERSION,
            abi::ElementSizes::CURRENT.report
        )) && en.contains("upgrade nblint"),
        "{en}"
    );
    assert!(err.message(Lang::Zh).contains("请升级 nblint"));
    assert_eq!(
        check(abi::PluginDeclaration {
            api_major: 9,
            ..base
        }),
        DeclError::ApiMajor { found: 9 }
    );
    assert_eq!(
        check(abi::PluginDeclaration {
            api_minor: abi::API_MINOR + 1,
            ..base
        }),
        DeclError::ApiMinor {
            found: abi::API_MINOR + 1
        }
    );
    assert_eq!(
        check(abi::PluginDeclaration {
            struct_size: 8,
            ..base
        }),
        DeclError::StructSize { found: 8 }
    );
    assert!(matches!(
        check(abi::PluginDeclaration {
            panic_unwind: 7,
            ..base
        }),
        DeclError::Invalid(_)
    ));
    // SAFETY: the plugin's rule table has at least one rule.
    let mut rule = unsafe { *base.rules };
    rule.default_severity = 9;
    let rules: &'static [abi::FfiRule] = Box::leak(Box::new([rule]));
    assert!(matches!(
        check(abi::PluginDeclaration { rules: rules.as_ptr(), ..base }),
        DeclError::Invalid(m) if m.contains("severity")
    ));
    assert_eq!(
        // SAFETY: a null pointer is refused before it is read.
        unsafe { call::read_declaration(std::ptr::null()) }.unwrap_err(),
        DeclError::Null
    );
}

#[test]
fn concurrent_calls_are_fine() {
    let doc = testing::text_document("一、总体情况\n正文");
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..50 {
                    let d = testing::lint(
                        good::declaration(),
                        doc.view(),
                        &[],
                        &PluginConfig::default(),
                    )
                    .unwrap();
                    assert_eq!(d.len(), 1);
                }
            });
        }
    });
}

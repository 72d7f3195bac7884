//! The plugin host with real native libraries: the example plugin, and
//! fixture plugins that are refused or fail (tests/fixtures).

mod host_support;

use host_support::{elf_header, example_plugin, fixture};
use nblint_engine::host::{
    self, CallError, DeclError, FailureKind, HostError, HostErrorKind, Lang, LoadedPlugin,
    PluginConfig, PluginHost, PluginOrigin, PluginSource,
};
use nblint_model::Severity;
use nblint_plugin_api::testing::text_document;
use std::path::Path;

const WITH_PHONE: &str = "某县2021年政府信息公开工作年度报告\n如有疑问，请联系（联系电话：0971-8521234）。\n一、总体情况\n";
const WITHOUT_PHONE: &str = "某县2021年政府信息公开工作年度报告\n一、总体情况\n";

#[test]
fn the_example_plugin_loads_and_lints() {
    let path = example_plugin();
    let plugin = host::load_dynamic(&path).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
    assert_eq!(plugin.name(), "example");
    assert_eq!(plugin.version(), "0.1.0");
    assert_eq!(plugin.origin(), &PluginOrigin::Dynamic(path.clone()));
    assert_eq!(plugin.api_version(), (1, 1));
    assert_eq!(plugin.abi_version(), 2);
    assert_eq!(plugin.built_for(), "ABI 2, API 1.1");
    let rule = plugin.rule("example/contact-phone").expect("declared rule");
    assert_eq!(rule.default_severity, Severity::Info);
    assert_eq!(rule.docs.summary(Lang::Zh), "报告应写明咨询联系电话");
    assert_eq!(rule.docs.examples.len(), 2);

    let bad = text_document(WITHOUT_PHONE);
    let diags = plugin.lint(&bad.view(), &[], "{}").unwrap();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].rule, "example/contact-phone");
    assert_eq!(diags[0].message, "本报告未写明咨询联系电话");
    assert_eq!(
        bad.view().slice(diags[0].span),
        "某县2021年政府信息公开工作年度报告"
    );

    let en = PluginConfig {
        lang: Lang::En,
        year: Some(2021),
        ..Default::default()
    };
    let diags = plugin.lint_with(&bad.view(), &[], &en).unwrap();
    assert_eq!(
        diags[0].message,
        "the 2021 report gives no contact phone number"
    );

    let good = text_document(WITH_PHONE);
    assert!(plugin.lint(&good.view(), &[], "").unwrap().is_empty());

    // Loading the same library again yields the same declaration (never
    // unloaded), and a host refuses a second plugin of the same name.
    let again = host::load_dynamic(&path).unwrap();
    assert!(std::ptr::eq(again.declaration(), plugin.declaration()));
    let mut h = PluginHost::new();
    h.add(plugin).unwrap();
    let err = h.add(again).unwrap_err();
    assert!(
        matches!(err.kind, HostErrorKind::DuplicateName { .. }),
        "{err:?}"
    );
    assert!(h.rule("example/contact-phone").is_some());
}

#[test]
fn the_dynamic_build_gives_the_same_results_as_the_static_one() {
    let dynamic = host::load_dynamic(&example_plugin()).unwrap();
    let linked = LoadedPlugin::from_static(nblint_example_plugin::declaration()).unwrap();
    assert_eq!(linked.origin(), &PluginOrigin::Static);
    assert!(!std::ptr::eq(dynamic.declaration(), linked.declaration()));
    assert_eq!(dynamic.name(), linked.name());
    assert_eq!(dynamic.version(), linked.version());
    assert_eq!(dynamic.rules(), linked.rules());
    let configs = [
        "{}".to_string(),
        PluginConfig {
            lang: Lang::En,
            year: Some(2020),
            agency: Some("某县人民政府".into()),
            options: nblint_plugin_api::serde_json::json!({"allow_email": true}),
            ..Default::default()
        }
        .to_json(),
    ];
    for text in [WITH_PHONE, WITHOUT_PHONE, "", "电子邮箱：a@b.cn"] {
        let doc = text_document(text);
        for config in &configs {
            let d = dynamic.lint(&doc.view(), &[], config).unwrap();
            let s = linked.lint(&doc.view(), &[], config).unwrap();
            assert_eq!(d, s, "{text} {config}");
        }
    }
}

/// Asserts one refusal: the error names the file, in both languages, and
/// each message mentions `zh` / `en`.
fn refused(path: &Path, zh: &str, en: &str) -> HostError {
    let err = match host::load_dynamic(path) {
        Ok(p) => panic!("{} was loaded as plugin {}", path.display(), p.name()),
        Err(e) => e,
    };
    assert_eq!(err.file.as_deref(), Some(path));
    let (mz, me) = (err.message(Lang::Zh), err.message(Lang::En));
    let shown = path.display().to_string();
    assert!(mz.starts_with(&format!("无法加载插件 {shown}：")), "{mz}");
    assert!(
        me.starts_with(&format!("cannot load plugin {shown}: ")),
        "{me}"
    );
    assert!(mz.contains(zh), "{mz}\n  lacks: {zh}");
    assert!(me.contains(en), "{me}\n  lacks: {en}");
    assert_eq!(err.to_string(), mz);
    assert_eq!(mz.lines().count(), 1, "one line: {mz}");
    err
}

#[test]
fn wrong_abi_version_is_refused() {
    let err = refused(
        &fixture("fixture_bad_abi"),
        "插件为插件 ABI 版本 3 构建，而此 nblint 支持版本 1 至 2",
        "built for plugin ABI version 3, this nblint supports versions 1 to 2",
    );
    assert_eq!(
        err.kind,
        HostErrorKind::Declaration(DeclError::AbiVersion { found: 3 })
    );
}

#[test]
fn wrong_api_major_is_refused() {
    let err = refused(
        &fixture("fixture_bad_major"),
        "插件 API 2.x",
        "built for plugin API 2.x, this nblint provides API 1.1",
    );
    assert_eq!(
        err.kind,
        HostErrorKind::Declaration(DeclError::ApiMajor { found: 2 })
    );
}

#[test]
fn panic_abort_builds_are_refused() {
    let err = refused(
        &fixture("fixture_abort_flag"),
        "panic = \"abort\"",
        "built with panic = \"abort\"",
    );
    assert!(matches!(err.kind, HostErrorKind::PanicAbort { .. }));
}

#[test]
fn a_library_without_the_entry_symbol_is_refused() {
    let err = refused(
        &fixture("fixture_no_entry"),
        "没有导出入口符号 nblint_plugin_entry_v1",
        "does not export the entry symbol nblint_plugin_entry_v1",
    );
    assert_eq!(err.kind, HostErrorKind::MissingEntry { newer_abi: None });
}

#[cfg(target_os = "linux")]
#[test]
fn libc_is_not_a_plugin() {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let libc = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .find(|p| {
            Path::new(p)
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("libc.so") || n.starts_with("libc-"))
        })
        .expect("libc is mapped");
    let err = refused(
        Path::new(libc),
        "nblint_plugin_entry_v1",
        "nblint_plugin_entry_v1",
    );
    assert_eq!(err.kind, HostErrorKind::MissingEntry { newer_abi: None });
}

#[cfg(target_os = "linux")]
#[test]
fn a_library_for_another_architecture_is_refused_before_loading() {
    let (machine, name) = if std::env::consts::ARCH == "aarch64" {
        (62, "x86_64")
    } else {
        (183, "aarch64")
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("libforeign.so");
    std::fs::write(&path, elf_header(machine)).unwrap();
    let host_arch = std::env::consts::ARCH;
    let err = refused(
        &path,
        &format!("插件是为 {name} 构建的，而此 nblint 是 {host_arch}"),
        &format!("the plugin was built for {name}, this nblint is {host_arch}"),
    );
    assert_eq!(
        err.kind,
        HostErrorKind::WrongArch {
            plugin: name.into(),
            host: host_arch
        }
    );
}

#[test]
fn missing_files_and_non_libraries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("libnothere.so");
    let err = refused(&missing, "文件不存在", "does not exist");
    assert_eq!(err.kind, HostErrorKind::NotFound);

    let text = dir.path().join("report.so");
    std::fs::write(&text, "2021年政府信息公开工作年度报告").unwrap();
    let err = refused(&text, "不是共享库", "not a shared library");
    assert_eq!(err.kind, HostErrorKind::UnknownFormat);

    let err = refused(dir.path(), "不是一个文件", "not a file");
    assert_eq!(err.kind, HostErrorKind::NotAFile);
}

#[test]
fn a_panicking_plugin_is_reported_disabled_and_the_run_goes_on() {
    let mut h = PluginHost::new();
    h.load(&example_plugin(), &PluginSource::CommandLine)
        .unwrap();
    h.load(&fixture("fixture_panicky"), &PluginSource::CommandLine)
        .unwrap();
    let panicky = h.get("panicky").unwrap().clone();
    let example = h.get("example").unwrap().clone();

    let docs = [
        text_document(WITHOUT_PHONE),
        text_document(&format!("{WITHOUT_PHONE}PANIC")),
        text_document(WITHOUT_PHONE),
    ];
    // Lint every file with every plugin, as the engine does.
    let mut results = Vec::new();
    for doc in &docs {
        let per_plugin: Vec<_> = h
            .plugins()
            .iter()
            .map(|p| (p.name().to_string(), p.lint(&doc.view(), &[], "{}")))
            .collect();
        results.push(per_plugin);
    }
    let get = |i: usize, name: &str| &results[i].iter().find(|(n, _)| n == name).unwrap().1;

    // File 0: both fine.
    assert_eq!(get(0, "panicky").as_ref().unwrap().len(), 1);
    assert_eq!(get(0, "example").as_ref().unwrap().len(), 1);
    // File 1: panicky panicked; the failure names it and says why.
    let failure = get(1, "panicky").as_ref().unwrap_err();
    assert_eq!(failure.plugin, "panicky");
    assert_eq!(
        failure.path.as_deref(),
        Some(fixture("fixture_panicky").as_path())
    );
    match &failure.kind {
        FailureKind::Call(CallError::Panicked(m)) => {
            assert!(m.contains("index out of bounds"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    let zh = failure.message(Lang::Zh);
    assert!(
        zh.starts_with(
            "插件 panicky 0.1.0（为 ABI 2, API 1.1 构建）出错：插件 panic：index out of bounds"
        ),
        "{zh}"
    );
    assert!(zh.ends_with("本次运行中已停用该插件"), "{zh}");
    assert!(failure
        .message(Lang::En)
        .contains("plugin panicky 0.1.0 (built for ABI 2, API 1.1) failed: the plugin panicked"));
    // ... while the example plugin's results on the same file are intact.
    let ex = get(1, "example").as_ref().unwrap();
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].rule, "example/contact-phone");
    // File 2: panicky is disabled and was not called; example still runs.
    assert!(panicky.is_disabled());
    assert!(!example.is_disabled());
    let failure = get(2, "panicky").as_ref().unwrap_err();
    assert!(failure.is_disabled());
    assert!(matches!(failure.error(), CallError::Panicked(_)));
    assert!(failure
        .message(Lang::En)
        .contains("is disabled for this run"));
    assert_eq!(get(2, "example").as_ref().unwrap().len(), 1);
}

#[test]
fn invalid_output_of_a_raw_abi_plugin_is_a_failure() {
    let raw = LoadedPlugin::load_dynamic(&fixture("fixture_raw")).unwrap();
    assert_eq!(raw.name(), "raw");
    assert_eq!(raw.rules()[0].id, "raw/rule");
    assert_eq!(raw.rules()[0].default_severity, Severity::Error);
    let doc = text_document("x");
    let f = raw.lint(&doc.view(), &[], "{}").unwrap_err();
    assert!(matches!(f.error(), CallError::InvalidOutput(m) if m.contains("not a JSON array")));
    assert!(raw.is_disabled());
}

#[test]
fn plugins_lint_in_parallel() {
    let plugin = host::load_dynamic(&example_plugin()).unwrap();
    let docs: Vec<_> = (0..64)
        .map(|i| {
            text_document(if i % 2 == 0 {
                WITH_PHONE
            } else {
                WITHOUT_PHONE
            })
        })
        .collect();
    std::thread::scope(|s| {
        for chunk in docs.chunks(16) {
            let plugin = &plugin;
            s.spawn(move || {
                for doc in chunk {
                    let want = usize::from(!doc.text.contains("电话"));
                    assert_eq!(plugin.lint(&doc.view(), &[], "{}").unwrap().len(), want);
                }
            });
        }
    });
}

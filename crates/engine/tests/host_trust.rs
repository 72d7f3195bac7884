//! The trust rule for native plugins (product.md, "Trust"). One test: it
//! sets XDG_CONFIG_HOME, which is process-wide.

mod host_support;

use host_support::example_plugin;
use nblint_engine::host::{
    check_trust, sha256_file, user_plugin_dir, user_plugins, HostErrorKind, Lang, PluginHost,
    PluginSource,
};

#[test]
fn only_user_dir_command_line_and_pinned_project_plugins_are_trusted() {
    let config = tempfile::tempdir().unwrap();
    std::env::set_var("XDG_CONFIG_HOME", config.path());
    let user_dir = user_plugin_dir().unwrap();
    assert_eq!(user_dir, config.path().join("nblint").join("plugins"));
    std::fs::create_dir_all(&user_dir).unwrap();

    let lib = example_plugin();
    let project = tempfile::tempdir().unwrap();
    let in_project = project.path().join("libnblint_example_plugin.so");
    std::fs::copy(&lib, &in_project).unwrap();
    let sha = sha256_file(&in_project).unwrap();
    assert_eq!(sha.len(), 64);

    // --plugin: the user named it.
    check_trust(&in_project, &PluginSource::CommandLine).unwrap();

    // A project configuration without a pin: refused, saying how to allow it.
    let err = check_trust(&in_project, &PluginSource::ProjectConfig { sha256: None }).unwrap_err();
    assert_eq!(err.file.as_deref(), Some(in_project.as_path()));
    assert!(matches!(&err.kind, HostErrorKind::Untrusted { sha256, .. } if *sha256 == sha));
    let zh = err.message(Lang::Zh);
    assert!(zh.contains(&format!("sha256 = \"{sha}\"")), "{zh}");
    assert!(
        zh.contains(&format!("--plugin {}", in_project.display())),
        "{zh}"
    );
    let en = err.message(Lang::En);
    assert!(en.contains("must be pinned by sha256"), "{en}");
    assert!(en.contains(&format!("add sha256 = \"{sha}\"")), "{en}");

    // Pinned: accepted (case-insensitively); a wrong pin is refused with
    // the actual hash.
    let pinned = |s: &str| PluginSource::ProjectConfig {
        sha256: Some(s.to_string()),
    };
    check_trust(&in_project, &pinned(&sha)).unwrap();
    check_trust(&in_project, &pinned(&sha.to_uppercase())).unwrap();
    let wrong = "0".repeat(64);
    let err = check_trust(&in_project, &pinned(&wrong)).unwrap_err();
    assert_eq!(
        err.kind,
        HostErrorKind::HashMismatch {
            expected: wrong.clone(),
            actual: sha.clone()
        }
    );
    assert!(err
        .message(Lang::En)
        .contains(&format!("change sha256 to \"{sha}\"")));
    let err = check_trust(&in_project, &pinned("abc")).unwrap_err();
    assert!(matches!(err.kind, HostErrorKind::BadPin { .. }));

    // The user's plugin directory: trusted, also when a project names it;
    // a path escaping it with .. is not.
    let in_user = user_dir.join("libnblint_example_plugin.so");
    std::fs::copy(&lib, &in_user).unwrap();
    std::fs::write(user_dir.join("README.txt"), "not a plugin").unwrap();
    assert_eq!(user_plugins(), vec![in_user.clone()]);
    check_trust(&in_user, &PluginSource::UserConfigDir).unwrap();
    check_trust(&in_user, &PluginSource::ProjectConfig { sha256: None }).unwrap();
    let escaping = user_dir
        .join("..")
        .join("..")
        .join("..")
        .join(in_project.strip_prefix("/").unwrap_or(&in_project));
    let err = check_trust(&in_project, &PluginSource::UserConfigDir).unwrap_err();
    assert!(matches!(err.kind, HostErrorKind::NotInUserDir { .. }));
    assert!(check_trust(&escaping, &PluginSource::UserConfigDir).is_err());

    // PluginHost::load applies the rule before loading anything.
    let mut host = PluginHost::new();
    let err = host
        .load(&in_project, &PluginSource::ProjectConfig { sha256: None })
        .unwrap_err();
    assert!(matches!(err.kind, HostErrorKind::Untrusted { .. }));
    assert!(host.plugins().is_empty());
    host.load(&in_project, &pinned(&sha)).unwrap();
    assert_eq!(host.plugins().len(), 1);
}

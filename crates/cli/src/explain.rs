//! `nblint rules`, `nblint explain`, `nblint init`.

use crate::{print_error, ui_lang, ExplainArgs, ListFormat, RulesArgs, EXIT_CLEAN, EXIT_FAILURE};
use nblint_engine::{CatalogEntry, Config, Lang, RunError};
use std::io::Write;
use std::path::Path;

/// The commented configuration `nblint init` writes.
pub const INIT_TEMPLATE: &str = include_str!("init.toml");

/// The rules, and for each plugin loaded from a library a line saying
/// what it was built for.
struct Catalog {
    rules: Vec<CatalogEntry>,
    libraries: Vec<String>,
}

fn catalog(common: &crate::CommonArgs) -> Result<(Vec<CatalogEntry>, Lang), u8> {
    catalog_with_libraries(common).map(|(c, lang)| (c.rules, lang))
}

fn catalog_with_libraries(common: &crate::CommonArgs) -> Result<(Catalog, Lang), u8> {
    let engine = common.engine();
    let lang = ui_lang(&engine, common.lang);
    let mut failed = false;
    for e in engine.setup_errors() {
        print_error(e);
        failed = true;
    }
    let config = match engine.config_for(None) {
        Ok(c) => c,
        Err(e) => {
            print_error(&RunError::from(e));
            return Err(EXIT_FAILURE);
        }
    };
    let (rules, errors) = engine.rules(&config);
    for e in &errors {
        print_error(e);
        failed = true;
    }
    if failed {
        return Err(EXIT_FAILURE);
    }
    let (abi, api_major, api_minor) = (
        nblint_plugin_api::abi::ABI_VERSION,
        nblint_plugin_api::abi::API_MAJOR,
        nblint_plugin_api::abi::API_MINOR,
    );
    let libraries = engine
        .plugins_for(&config)
        .0
        .iter()
        .filter_map(|p| {
            let path = p.path()?.display();
            let (name, version, built) = (p.name(), p.version(), p.built_for());
            Some(match lang {
                Lang::Zh => format!("插件 {name} {version}（{path}）：为 {built} 构建；此 nblint 提供 ABI {abi}, API {api_major}.{api_minor}"),
                Lang::En => format!("plugin {name} {version} ({path}): built for {built}; this nblint provides ABI {abi}, API {api_major}.{api_minor}"),
            })
        })
        .collect();
    Ok((Catalog { rules, libraries }, lang))
}

pub fn rules(args: RulesArgs) -> u8 {
    let (Catalog { rules, libraries }, lang) = match catalog_with_libraries(&args.common) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ListFormat::Json => {
            let _ = serde_json::to_writer_pretty(&mut out, &rules);
            let _ = writeln!(out);
        }
        ListFormat::Human => {
            let width = rules.iter().map(|e| e.rule.id.len()).max().unwrap_or(0);
            let pw = rules.iter().map(|e| e.plugin.len()).max().unwrap_or(0);
            for e in &rules {
                let _ = writeln!(
                    out,
                    "{:<width$}  {:<7}  {:<pw$}  {}",
                    e.rule.id,
                    e.rule.default_severity.as_str(),
                    e.plugin,
                    e.rule.docs.summary(lang)
                );
            }
            if !libraries.is_empty() {
                let _ = writeln!(out);
            }
            for line in &libraries {
                let _ = writeln!(out, "{line}");
            }
            if rules.len() <= 3 {
                let _ = writeln!(
                    out,
                    "\n{}",
                    lang.pick(
                        "（仅有引擎自带规则：此构建未包含规则插件）",
                        "(only the engine's own rules: this build has no rule plugins)"
                    )
                );
            }
        }
    }
    EXIT_CLEAN
}

pub fn explain(args: ExplainArgs) -> u8 {
    let (rules, lang) = match catalog(&args.common) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let Some(entry) = rules.iter().find(|e| e.rule.id == args.rule) else {
        let similar: Vec<&str> = rules
            .iter()
            .map(|e| e.rule.id.as_str())
            .filter(|id| {
                let name = args.rule.rsplit('/').next().unwrap_or(&args.rule);
                id.contains(name) || args.rule.contains(id.split('/').next().unwrap_or(id))
            })
            .take(5)
            .collect();
        let hint = if similar.is_empty() {
            "`nblint rules` lists every rule".to_string()
        } else {
            format!(
                "did you mean {}? `nblint rules` lists every rule",
                similar.join(", ")
            )
        };
        print_error(&RunError::new(
            None,
            format!("unknown rule `{}`", args.rule),
            Some(hint),
        ));
        return EXIT_FAILURE;
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = out.write_all(render(entry, lang).as_bytes());
    EXIT_CLEAN
}

pub fn render(entry: &CatalogEntry, lang: Lang) -> String {
    use std::fmt::Write as _;
    let (l_sev, l_plugin, l_why, l_source, l_pass, l_fail) = lang.pick(
        (
            "默认级别",
            "插件",
            "原因",
            "依据",
            "通过的示例",
            "报告问题的示例",
        ),
        (
            "default severity",
            "plugin",
            "rationale",
            "source",
            "passing example",
            "failing example",
        ),
    );
    let (rule, docs) = (&entry.rule, &entry.rule.docs);
    let mut s = String::new();
    let _ = writeln!(s, "{}", rule.id);
    let _ = writeln!(s, "{}\n", docs.summary(lang));
    let _ = writeln!(s, "{l_sev}: {}", rule.default_severity.as_str());
    let _ = writeln!(s, "{l_plugin}: {}", entry.plugin);
    if !docs.rationale(lang).is_empty() {
        let _ = writeln!(
            s,
            "\n{l_why}:\n  {}",
            docs.rationale(lang).replace('\n', "\n  ")
        );
    }
    if !docs.source(lang).is_empty() {
        let _ = writeln!(s, "\n{l_source}: {}", docs.source(lang));
    }
    for e in &docs.examples {
        let label = if e.passes { l_pass } else { l_fail };
        let _ = writeln!(s, "\n{label}:");
        for line in e.text.lines() {
            let _ = writeln!(s, "  │ {line}");
        }
    }
    s
}

pub fn init() -> u8 {
    let path = Path::new(nblint_engine::config::FILE_NAME);
    if path.exists() {
        print_error(&RunError::new(
            Some(path),
            "already exists; not overwriting it",
            Some("edit the existing file, or remove it and run `nblint init` again".into()),
        ));
        return EXIT_FAILURE;
    }
    // The template must always be a valid configuration.
    if let Err(e) = Config::parse(path, INIT_TEMPLATE) {
        print_error(&RunError::from(e));
        return EXIT_FAILURE;
    }
    let write = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(INIT_TEMPLATE.as_bytes()));
    match write {
        Ok(()) => {
            println!("wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            print_error(&RunError::new(
                Some(path),
                format!("cannot write the file: {e}"),
                Some("check that the current directory is writable".into()),
            ));
            EXIT_FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_init_template_is_a_valid_configuration() {
        let c =
            nblint_engine::Config::parse(std::path::Path::new("nblint.toml"), super::INIT_TEMPLATE)
                .unwrap();
        assert_eq!(c.settings.lang, Some(nblint_engine::Lang::Zh));
    }
}

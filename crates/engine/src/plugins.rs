//! What the engine needs of a rule plugin, and the catalog of rules
//! (`nblint rules`, `nblint explain`).

use crate::declarative::{DeclarativeRule, Must};
use nblint_model::{Diagnostic, DocumentView, Severity};
use nblint_plugin_api::{Lang, RuleInfo};
use serde::{Serialize, Serializer};

/// A rule as `nblint rules` and `nblint explain` show it: the SDK's
/// [`RuleInfo`] and the plugin it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogEntry {
    /// The plugin (`nblint` for the engine's own rules, `nblint.toml` for
    /// declarative ones).
    pub plugin: String,
    pub rule: RuleInfo,
}

impl CatalogEntry {
    pub fn new(plugin: impl Into<String>, rule: RuleInfo) -> CatalogEntry {
        CatalogEntry {
            plugin: plugin.into(),
            rule,
        }
    }
}

/// `nblint rules --format json` prints entries flat, `plugin` after `id`
/// and examples as `{passes, text}`: the order users' scripts have seen
/// since before the catalog was built on the SDK's `RuleInfo`.
impl Serialize for CatalogEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct FlatEntry<'a> {
            id: &'a str,
            plugin: &'a str,
            default_severity: Severity,
            summary_zh: &'a str,
            summary_en: &'a str,
            rationale_zh: &'a str,
            rationale_en: &'a str,
            source_zh: &'a str,
            source_en: &'a str,
            examples: Vec<FlatExample<'a>>,
        }
        #[derive(Serialize)]
        struct FlatExample<'a> {
            passes: bool,
            text: &'a str,
        }
        let docs = &self.rule.docs;
        FlatEntry {
            id: &self.rule.id,
            plugin: &self.plugin,
            default_severity: self.rule.default_severity,
            summary_zh: &docs.summary_zh,
            summary_en: &docs.summary_en,
            rationale_zh: &docs.rationale_zh,
            rationale_en: &docs.rationale_en,
            source_zh: &docs.source_zh,
            source_en: &docs.source_en,
            examples: docs
                .examples
                .iter()
                .map(|e| FlatExample {
                    passes: e.passes,
                    text: &e.text,
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

/// Why a plugin produced no diagnostics for a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintFailure {
    /// The failure, naming the plugin, in each language.
    pub message_zh: String,
    pub message_en: String,
    /// The plugin was disabled by an earlier failure in this run and was
    /// not called.
    pub earlier: bool,
}

impl LintFailure {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

/// A source of rules: a plugin reached through the host (static or
/// dynamic). Implemented for the host's `LoadedPlugin`; tests implement it
/// directly.
pub trait RulePlugin: Send + Sync {
    /// The plugin's name, the prefix of its rule ids.
    fn name(&self) -> &str;
    fn version(&self) -> &str {
        ""
    }
    fn rules(&self) -> &[RuleInfo];
    /// The native library it was loaded from; `None` for a plugin linked
    /// into nblint.
    fn path(&self) -> Option<&std::path::Path> {
        None
    }
    /// "ABI 2, API 1.1": the plugin ABI and API it was built for; empty
    /// when it does not go through the ABI.
    fn built_for(&self) -> String {
        String::new()
    }
    /// Lints one document. `Err` is a failure of the plugin (it panicked,
    /// returned invalid output, …).
    fn lint(
        &self,
        doc: &DocumentView,
        related: &[DocumentView],
        config_json: &str,
    ) -> Result<Vec<Diagnostic>, LintFailure>;
}

/// The engine's own rules.
pub fn engine_rules() -> Vec<CatalogEntry> {
    [
        RuleInfo::new(crate::RULE_PARSE, Severity::Warning)
            .summary(
                "报告的某部分无法可靠读取（哪张表、哪些行、原因），依赖它的规则在此保持沉默",
                "part of a report could not be read with confidence (which table, which rows, why); rules that need it stay silent there",
            )
            .rationale(
                "表格被拆行、OCR 错字或缺格时，nblint 不会凭猜测报告算术错误，而是说明哪里读不出来，请人工核对。",
                "When a table is broken over lines, garbled by OCR or has missing cells, nblint does not invent arithmetic errors from guesses; it says what it could not read so a person can check it.",
            ),
        RuleInfo::new(crate::RULE_PLUGIN, Severity::Error)
            .summary(
                "插件运行失败（崩溃、输出无效或加载被拒绝），诊断中写明插件名称",
                "a plugin failed (panicked, returned invalid output, was refused at load); names the plugin",
            )
            .rationale(
                "一个出错的插件只产生一条诊断，不会中断整个检查；该插件在本次运行的其余部分被停用。",
                "A faulty plugin costs one diagnostic, not the run; it is disabled for the rest of the session.",
            ),
        RuleInfo::new(crate::RULE_UNUSED_SUPPRESSION, Severity::Warning)
            .summary(
                "未匹配任何诊断的抑制标记或基线条目",
                "a suppression marker or baseline entry that matched nothing",
            )
            .rationale(
                "过期的抑制会掩盖将来的问题，应当删除。",
                "A stale suppression would hide a future problem; remove it.",
            ),
    ]
    .into_iter()
    .map(|rule| CatalogEntry::new("nblint", rule))
    .collect()
}

/// A declarative rule from `nblint.toml` as a catalog entry.
pub fn declarative_info(r: &DeclarativeRule) -> CatalogEntry {
    let what = match r.must {
        Must::Match => "must match",
        Must::NotMatch => "must not match",
    };
    let scope = r
        .section
        .as_deref()
        .map(|s| format!(" in section {s}"))
        .unwrap_or_default();
    let rule = RuleInfo::new(r.id.clone(), r.severity)
        .summary(r.message.clone(), r.message_en.clone().unwrap_or_default())
        .rationale(
            String::new(),
            format!("declarative rule: /{}/ {what}{scope}", r.regex.as_str()),
        );
    CatalogEntry::new("nblint.toml", rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_entries_serialise_flat() {
        let entry = CatalogEntry::new(
            "demo",
            RuleInfo::new("demo/a", Severity::Info)
                .summary("甲", "a")
                .failing("x"),
        );
        assert_eq!(
            serde_json::to_string(&entry).unwrap(),
            r#"{"id":"demo/a","plugin":"demo","default_severity":"info","summary_zh":"甲","summary_en":"a","rationale_zh":"","rationale_en":"","source_zh":"","source_en":"","examples":[{"passes":false,"text":"x"}]}"#
        );
    }
}

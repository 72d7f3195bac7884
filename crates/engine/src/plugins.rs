//! What the engine needs of a rule plugin, and the catalog of rules
//! (`nblint rules`, `nblint explain`).

use crate::declarative::{DeclarativeRule, Must};
use nblint_model::{Diagnostic, DocumentView, Severity};
use serde::Serialize;

/// A passing or failing example of a rule.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RuleExample {
    /// `true` for text the rule accepts, `false` for text it reports.
    pub passes: bool,
    pub text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A rule as `nblint rules` and `nblint explain` show it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RuleInfo {
    /// `plugin/rule`.
    pub id: String,
    /// The plugin it comes from (`nblint` for the engine's own rules,
    /// `nblint.toml` for declarative ones).
    pub plugin: String,
    pub default_severity: Option<Severity>,
    pub summary_zh: String,
    pub summary_en: String,
    pub rationale_zh: String,
    pub rationale_en: String,
    /// The clause or document the rule enforces.
    pub source_zh: String,
    pub source_en: String,
    pub examples: Vec<RuleExample>,
}

impl RuleInfo {
    pub fn summary(&self, lang: crate::Lang) -> &str {
        pick(lang, &self.summary_zh, &self.summary_en)
    }
    pub fn rationale(&self, lang: crate::Lang) -> &str {
        pick(lang, &self.rationale_zh, &self.rationale_en)
    }
    pub fn source(&self, lang: crate::Lang) -> &str {
        pick(lang, &self.source_zh, &self.source_en)
    }
}

fn pick<'a>(lang: crate::Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        crate::Lang::En if !en.is_empty() => en,
        _ if zh.is_empty() => en,
        _ => zh,
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
    pub fn message(&self, lang: crate::Lang) -> &str {
        pick(lang, &self.message_zh, &self.message_en)
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
pub fn engine_rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo {
            id: crate::RULE_PARSE.into(),
            plugin: "nblint".into(),
            default_severity: Some(Severity::Warning),
            summary_zh: "报告的某部分无法可靠读取（哪张表、哪些行、原因），依赖它的规则在此保持沉默".into(),
            summary_en: "part of a report could not be read with confidence (which table, which rows, why); rules that need it stay silent there".into(),
            rationale_zh: "表格被拆行、OCR 错字或缺格时，nblint 不会凭猜测报告算术错误，而是说明哪里读不出来，请人工核对。".into(),
            rationale_en: "When a table is broken over lines, garbled by OCR or has missing cells, nblint does not invent arithmetic errors from guesses; it says what it could not read so a person can check it.".into(),
            source_zh: String::new(),
            source_en: String::new(),
            examples: vec![],
        },
        RuleInfo {
            id: crate::RULE_PLUGIN.into(),
            plugin: "nblint".into(),
            default_severity: Some(Severity::Error),
            summary_zh: "插件运行失败（崩溃、输出无效或加载被拒绝），诊断中写明插件名称".into(),
            summary_en: "a plugin failed (panicked, returned invalid output, was refused at load); names the plugin".into(),
            rationale_zh: "一个出错的插件只产生一条诊断，不会中断整个检查；该插件在本次运行的其余部分被停用。".into(),
            rationale_en: "A faulty plugin costs one diagnostic, not the run; it is disabled for the rest of the session.".into(),
            source_zh: String::new(),
            source_en: String::new(),
            examples: vec![],
        },
        RuleInfo {
            id: crate::RULE_UNUSED_SUPPRESSION.into(),
            plugin: "nblint".into(),
            default_severity: Some(Severity::Warning),
            summary_zh: "未匹配任何诊断的抑制标记或基线条目".into(),
            summary_en: "a suppression marker or baseline entry that matched nothing".into(),
            rationale_zh: "过期的抑制会掩盖将来的问题，应当删除。".into(),
            rationale_en: "A stale suppression would hide a future problem; remove it.".into(),
            source_zh: String::new(),
            source_en: String::new(),
            examples: vec![],
        },
    ]
}

/// A declarative rule from `nblint.toml` as a catalog entry.
pub fn declarative_info(r: &DeclarativeRule) -> RuleInfo {
    let what = match r.must {
        Must::Match => "must match",
        Must::NotMatch => "must not match",
    };
    let scope = r
        .section
        .as_deref()
        .map(|s| format!(" in section {s}"))
        .unwrap_or_default();
    RuleInfo {
        id: r.id.clone(),
        plugin: "nblint.toml".into(),
        default_severity: Some(r.severity),
        summary_zh: r.message.clone(),
        summary_en: r.message_en.clone().unwrap_or_default(),
        rationale_zh: String::new(),
        rationale_en: format!("declarative rule: /{}/ {what}{scope}", r.regex.as_str()),
        source_zh: String::new(),
        source_en: String::new(),
        examples: vec![],
    }
}

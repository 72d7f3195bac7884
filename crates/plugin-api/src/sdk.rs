//! The safe side of the plugin API: what a plugin author implements and
//! what a rule sees.

use nblint_model::{Diagnostic, DocumentView, Edit, Fix, Related, Report, Section, Severity, Span};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A rule plugin. Implement it on a type with a `Default` (or pass a
/// constructor) and export it with [`crate::export_plugin!`].
///
/// `lint` may run on several threads at once, on different documents; keep
/// state immutable (compile regexes in the constructor or in a
/// `std::sync::LazyLock`).
pub trait Plugin: Send + Sync + 'static {
    /// The plugin's name, the prefix of all its rule ids (`[a-z0-9-]+`).
    const NAME: &'static str;
    /// The plugin's version, usually `env!("CARGO_PKG_VERSION")`.
    const VERSION: &'static str;

    /// The rules this plugin may report, with their documentation. Called
    /// once, when the plugin is loaded.
    fn rules(&self) -> Vec<RuleInfo>;

    /// Lints one document, pushing diagnostics to `out`. Every diagnostic's
    /// `rule` must be one of [`Plugin::rules`]; its primary span and fix
    /// edits must lie in `ctx.doc.text` on character boundaries (the host
    /// checks, and disables a plugin that breaks this).
    fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>);
}

/// The output language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh`/`zh-CN`/`chinese` → Zh, `en`/`en-US`/`english` → En.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") || s.starts_with("zh_") || s == "chinese" {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") || s.starts_with("en_") || s == "english" {
            Some(Lang::En)
        } else {
            None
        }
    }
    /// `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    /// The text in this language, of two (strings, formatted messages,
    /// labels): the one way nblint localises a message.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A passing or failing example of a rule (shown by `nblint explain` and
/// run as a test by [`crate::testing::assert_examples`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The report text (or an excerpt that the parser reads as a report).
    pub text: String,
    /// Whether the rule stays silent on it.
    pub passes: bool,
}

/// A rule's documentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleDocs {
    /// One line: what the rule checks (Chinese).
    pub summary_zh: String,
    /// One line: what the rule checks (English).
    pub summary_en: String,
    /// Why it matters (Chinese).
    pub rationale_zh: String,
    /// Why it matters (English).
    pub rationale_en: String,
    /// The clause of the regulation or format document the rule enforces.
    pub source_zh: String,
    /// Where the requirement comes from (English).
    pub source_en: String,
    /// Passing and failing examples (run as tests).
    pub examples: Vec<Example>,
}

impl RuleDocs {
    /// The summary in `lang` (the other language when empty).
    pub fn summary(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.summary_zh, &self.summary_en)
    }
    /// The rationale in `lang` (the other language when empty).
    pub fn rationale(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.rationale_zh, &self.rationale_en)
    }
    /// The source in `lang` (the other language when empty).
    pub fn source(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.source_zh, &self.source_en)
    }
}

/// The text in `lang`, or the other language's when that one is empty.
fn pick_nonempty<'s>(lang: Lang, zh: &'s str, en: &'s str) -> &'s str {
    match lang.pick(zh, en) {
        "" => lang.pick(en, zh),
        s => s,
    }
}

/// A rule: id, default severity and documentation. Built with chained
/// calls:
///
/// ```
/// use nblint_plugin_api::prelude::*;
/// let rule = RuleInfo::new("example/contact-phone", Severity::Info)
///     .summary("报告应提供联系电话", "The report gives a contact phone number")
///     .rationale("……", "…")
///     .source("报告引言", "the report's introduction")
///     .passing("……联系电话：0531-88150105……")
///     .failing("……");
/// assert_eq!(rule.docs.examples.len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// `plugin/rule`.
    pub id: String,
    /// The severity when the configuration does not set one.
    pub default_severity: Severity,
    /// What `nblint explain` shows.
    pub docs: RuleDocs,
}

impl RuleInfo {
    /// A rule with no documentation yet.
    pub fn new(id: impl Into<String>, default_severity: Severity) -> RuleInfo {
        RuleInfo {
            id: id.into(),
            default_severity,
            docs: RuleDocs::default(),
        }
    }
    /// Sets the summary.
    pub fn summary(mut self, zh: impl Into<String>, en: impl Into<String>) -> RuleInfo {
        self.docs.summary_zh = zh.into();
        self.docs.summary_en = en.into();
        self
    }
    /// Sets the rationale.
    pub fn rationale(mut self, zh: impl Into<String>, en: impl Into<String>) -> RuleInfo {
        self.docs.rationale_zh = zh.into();
        self.docs.rationale_en = en.into();
        self
    }
    /// Sets the source.
    pub fn source(mut self, zh: impl Into<String>, en: impl Into<String>) -> RuleInfo {
        self.docs.source_zh = zh.into();
        self.docs.source_en = en.into();
        self
    }
    /// An example the rule stays silent on.
    pub fn passing(mut self, text: impl Into<String>) -> RuleInfo {
        self.docs.examples.push(Example {
            text: text.into(),
            passes: true,
        });
        self
    }
    /// An example the rule reports.
    pub fn failing(mut self, text: impl Into<String>) -> RuleInfo {
        self.docs.examples.push(Example {
            text: text.into(),
            passes: false,
        });
        self
    }
}

/// The configuration a plugin receives with every document (it crosses the
/// ABI as a small JSON object).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PluginConfig {
    /// Message language.
    pub lang: Lang,
    /// The report year, when configured (overrides what the parser found).
    pub year: Option<u16>,
    /// The agency, when configured.
    pub agency: Option<String>,
    /// The file's path as the user gave it, when there is one.
    pub file: Option<String>,
    /// The plugin's own options (thresholds …): the `[options.<name>]` table
    /// of `nblint.toml`, as JSON. `null` when there are none.
    pub options: serde_json::Value,
}

impl PluginConfig {
    /// One option, deserialised; `None` when absent or of the wrong type.
    pub fn option<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let v = self.options.get(key)?;
        T::deserialize(v).ok()
    }
    /// The JSON handed to [`crate::abi::LintFn`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a PluginConfig always serialises")
    }
}

/// What a rule sees: the document, the other documents of the run, and the
/// configuration.
#[derive(Clone, Copy, Debug)]
pub struct LintContext<'a> {
    /// The document being linted.
    pub doc: DocumentView<'a>,
    /// The other documents of the run (for cross-document rules: find last
    /// year's report of the same agency among their reports).
    pub related: &'a [DocumentView<'a>],
    /// The plugin's configuration.
    pub config: &'a PluginConfig,
}

impl<'a> LintContext<'a> {
    /// The context of one lint.
    pub fn new(
        doc: DocumentView<'a>,
        related: &'a [DocumentView<'a>],
        config: &'a PluginConfig,
    ) -> LintContext<'a> {
        LintContext {
            doc,
            related,
            config,
        }
    }
    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.config.lang
    }
    /// The message in the configured language.
    pub fn msg(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        self.config.lang.pick(zh.into(), en.into())
    }
    /// The text of a span of the document ("" when out of range).
    pub fn text(&self, span: Span) -> &'a str {
        self.doc.slice(span)
    }
    /// The report's year: the configured one, else the parser's; `None`
    /// when unknown.
    pub fn year(&self, report: &Report) -> Option<u16> {
        self.config
            .year
            .or((report.year != 0).then_some(report.year))
    }
    /// The report's agency: the configured one, else the parser's ("" when
    /// unknown).
    pub fn agency(&self, report: &Report) -> &'a str {
        match &self.config.agency {
            Some(a) => a.as_str(),
            None => self.doc.agency(report),
        }
    }
    /// The first non-blank line of a report (its title or introduction),
    /// without surrounding whitespace; an empty span at the report's start
    /// when it is all blank.
    pub fn first_line(&self, report: &Report) -> Span {
        let mut offset = report.span.start as usize;
        for line in self.text(report.span).split_inclusive('\n') {
            let body = line.trim_end();
            let lead = body.len() - body.trim_start().len();
            if !body.trim().is_empty() {
                return Span::new(offset + lead, offset + body.len());
            }
            offset += line.len();
        }
        Span::new(report.span.start as usize, report.span.start as usize)
    }
    /// The report's level-1 sections (一、二、…), in document order.
    pub fn top_sections(&self, report: &Report) -> Vec<&'a Section> {
        self.doc
            .report_sections(report)
            .iter()
            .filter(|s| s.level == 1)
            .collect()
    }
    /// A plugin option (see [`PluginConfig::option`]).
    pub fn option<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.config.option(key)
    }
}

/// Builds a [`Diagnostic`]:
///
/// ```
/// use nblint_plugin_api::prelude::*;
/// let d = DiagnosticBuilder::new("example/contact-phone", Severity::Info, Span::new(0, 6), "未提供联系电话")
///     .help("在引言中写明联系电话")
///     .related(Span::new(10, 12), "引言")
///     .build();
/// assert_eq!(d.related.len(), 1);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct DiagnosticBuilder(Diagnostic);

impl DiagnosticBuilder {
    /// A diagnostic of rule `rule` at `span`.
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> DiagnosticBuilder {
        DiagnosticBuilder(Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            span,
            related: Vec::new(),
            fix: None,
            help: String::new(),
        })
    }
    /// The same, with the rule's default severity.
    pub fn for_rule(rule: &RuleInfo, span: Span, message: impl Into<String>) -> DiagnosticBuilder {
        DiagnosticBuilder::new(rule.id.clone(), rule.default_severity, span, message)
    }
    /// How to fix it.
    pub fn help(mut self, help: impl Into<String>) -> DiagnosticBuilder {
        self.0.help = help.into();
        self
    }
    /// A cell or sentence that enters the check.
    pub fn related(mut self, span: Span, message: impl Into<String>) -> DiagnosticBuilder {
        self.0.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    /// Attaches a fix.
    pub fn fix(mut self, fix: Fix) -> DiagnosticBuilder {
        self.0.fix = Some(fix);
        self
    }
    /// A fix replacing one span; `safe` fixes are applied by `--fix`.
    pub fn replace(
        self,
        message: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        safe: bool,
    ) -> DiagnosticBuilder {
        self.fix(Fix {
            message: message.into(),
            safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        })
    }
    /// The diagnostic.
    pub fn build(self) -> Diagnostic {
        self.0
    }
    /// Pushes the diagnostic to `out`.
    pub fn emit(self, out: &mut Vec<Diagnostic>) {
        out.push(self.0);
    }
}

impl From<DiagnosticBuilder> for Diagnostic {
    fn from(b: DiagnosticBuilder) -> Diagnostic {
        b.0
    }
}

/// A number as a report writes it: "13", "123.5218", "-40" (at most four
/// decimals, no trailing zeros). Messages and the language server's hovers
/// show numbers this way.
pub fn fmt_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_reports_write_them() {
        assert_eq!(fmt_num(13.0), "13");
        assert_eq!(fmt_num(-40.0), "-40");
        assert_eq!(fmt_num(123.52180), "123.5218");
        assert_eq!(fmt_num(0.5), "0.5");
    }

    #[test]
    fn lang_and_msg() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        let doc = nblint_model::Document::default();
        let cfg = PluginConfig {
            lang: Lang::En,
            year: Some(2021),
            options: serde_json::json!({"threshold": 0.5}),
            ..Default::default()
        };
        let ctx = LintContext::new(doc.view(), &[], &cfg);
        assert_eq!(ctx.msg("中", "en"), "en");
        assert_eq!(ctx.option::<f64>("threshold"), Some(0.5));
        assert_eq!(ctx.option::<String>("threshold"), None);
        assert_eq!(ctx.year(&Report::default()), Some(2021));
    }

    #[test]
    fn config_json_round_trips_and_defaults() {
        let cfg: PluginConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(cfg, PluginConfig::default());
        let cfg = PluginConfig {
            agency: Some("济源市人民政府办公室".into()),
            ..Default::default()
        };
        let back: PluginConfig = serde_json::from_str(&cfg.to_json()).unwrap();
        assert_eq!(back, cfg);
    }

    #[test]
    fn docs_fall_back_to_the_other_language() {
        let r = RuleInfo::new("x/y", Severity::Info).summary("只有中文", "");
        assert_eq!(r.docs.summary(Lang::En), "只有中文");
    }
}

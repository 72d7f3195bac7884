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
///
/// A failing example marks what the rule reports, in the style of
/// rust-analyzer's `//^^^ error: …` annotations but fitted to prose: below
/// the line the finding is on, a line
///
/// ```text
/// //^ 「14」 三、（七）总计·自然人 为 14，……
/// ```
///
/// gives the finding's text in that line between 「」 (its first occurrence,
/// or its N-th with `第N处` after the 」; 「」 empty: the start of the line)
/// and then its exact message (in Chinese, the default language).
/// Annotation lines are not part of the report: [`Example::report_text`]
/// leaves them out. [`mark`] inserts one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The report text (or an excerpt that the parser reads as a report),
    /// with the annotations of a failing example.
    pub text: String,
    /// Whether the rule stays silent on it.
    pub passes: bool,
}

/// The start of an annotation line of an example.
pub const ANNOTATION: &str = "//^ ";

/// A finding an example's annotation expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Where, in [`Example::report_text`].
    pub span: Span,
    /// The exact message.
    pub message: String,
}

impl Example {
    /// The example as a report: its text without annotation lines.
    pub fn report_text(&self) -> String {
        self.text
            .split_inclusive('\n')
            .filter(|l| !l.starts_with(ANNOTATION))
            .collect()
    }

    /// The findings its annotations expect; `Err` names a malformed one
    /// (no line above it, no 「…」, or a text not in the line above).
    pub fn expected(&self) -> Result<Vec<Expected>, String> {
        let mut out = Vec::new();
        // The report line annotations refer to: (its start, its text).
        let mut above: Option<(usize, &str)> = None;
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let Some(note) = line.strip_prefix(ANNOTATION) else {
                above = Some((offset, line.trim_end_matches(['\r', '\n'])));
                offset += line.len();
                continue;
            };
            let (start, text) = above.ok_or_else(|| format!("no report line above {line:?}"))?;
            let note = note.trim_end_matches(['\r', '\n']);
            let (quoted, message) = note
                .strip_prefix('「')
                .and_then(|rest| rest.split_once('」'))
                .ok_or_else(|| format!("no 「…」 in {line:?}"))?;
            let (nth, message) = occurrence(message);
            let at = text
                .match_indices(quoted)
                .nth(nth - 1)
                .map(|(at, _)| at)
                .ok_or_else(|| format!("「{quoted}」第{nth}处 is not in the line {text:?}"))?;
            out.push(Expected {
                span: Span::new(start + at, start + at + quoted.len()),
                message: message.trim().to_string(),
            });
        }
        Ok(out)
    }
}

/// `第N处` at the start of an annotation's message: which occurrence of the
/// quoted text is meant (1-based; the first when absent), and the rest.
fn occurrence(note: &str) -> (usize, &str) {
    let parsed = note.strip_prefix("第").and_then(|rest| {
        let (n, rest) = rest.split_once('处')?;
        Some((n.parse::<usize>().ok().filter(|n| *n > 0)?, rest))
    });
    parsed.unwrap_or((1, note))
}

/// `text` with an annotation below its line `line` (1-based, annotation
/// lines not counted), expecting a finding on the `nth` (1-based)
/// occurrence of `quoted` in that line, with `message`: for examples built
/// by code, whose text cannot hold the annotation itself.
pub fn mark(text: &str, line: usize, quoted: &str, nth: usize, message: &str) -> String {
    let mut out = String::with_capacity(text.len() + message.len() + 16);
    let mut done = false;
    let mut number = 0;
    for l in text.split_inclusive('\n') {
        out.push_str(l);
        if l.starts_with(ANNOTATION) {
            continue;
        }
        number += 1;
        if number == line {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            let which = if nth > 1 {
                format!("第{nth}处")
            } else {
                String::new()
            };
            out.push_str(&format!("{ANNOTATION}「{quoted}」{which} {message}\n"));
            done = true;
        }
    }
    assert!(done, "mark: the example has no line {line}");
    out
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

/// A rule, declared once: its id, default severity, documentation and
/// examples, and the check that runs it. A plugin lists its rules in one
/// array of these; that list gives both [`Plugin::rules`] (through
/// [`RuleDef::info`]) and [`Plugin::lint`] (calling each `check`), and the
/// rule reports with [`DiagnosticBuilder::for_rule`]. `Check` is the
/// plugin's own signature of a check (what its rules share: the report,
/// a pre-computed analysis …).
///
/// ```
/// use nblint_plugin_api::prelude::*;
/// type Check = fn(&LintContext<'_>, &mut Vec<Diagnostic>);
/// const RULE: RuleDef<Check> = RuleDef {
///     id: "example/contact-phone",
///     severity: Severity::Info,
///     docs: |rule| rule.summary("报告应提供联系电话", "The report gives a contact phone number"),
///     check: |_ctx, _out| {},
/// };
/// assert_eq!(RULE.info().id, "example/contact-phone");
/// ```
#[derive(Clone, Copy)]
pub struct RuleDef<Check> {
    /// `plugin/rule`.
    pub id: &'static str,
    /// The severity when the configuration does not set one.
    pub severity: Severity,
    /// Adds the summary, rationale, source and examples to the rule's
    /// [`RuleInfo`] (a function: examples are often built).
    pub docs: fn(RuleInfo) -> RuleInfo,
    /// Runs the rule.
    pub check: Check,
}

impl<Check> RuleDef<Check> {
    /// A rule's definition (for a `const`).
    pub const fn new(
        id: &'static str,
        severity: Severity,
        docs: fn(RuleInfo) -> RuleInfo,
        check: Check,
    ) -> RuleDef<Check> {
        RuleDef {
            id,
            severity,
            docs,
            check,
        }
    }

    /// The rule as the host and `nblint explain` see it.
    pub fn info(&self) -> RuleInfo {
        (self.docs)(RuleInfo::new(self.id, self.severity))
    }
}

/// The check of a rule that looks at the whole document (plugins whose
/// rules need nothing else).
pub type DocumentCheck = fn(&LintContext<'_>, &mut Vec<Diagnostic>);

/// The rules of a plugin's list, for [`Plugin::rules`].
pub fn rule_infos<Check>(rules: &[RuleDef<Check>]) -> Vec<RuleInfo> {
    rules.iter().map(RuleDef::info).collect()
}

/// Runs every rule of a list of [`DocumentCheck`]s, for [`Plugin::lint`].
pub fn run_rules(
    rules: &[RuleDef<DocumentCheck>],
    ctx: &LintContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    for rule in rules {
        (rule.check)(ctx, out);
    }
}

/// What [`DiagnosticBuilder::for_rule`] needs of a rule.
pub trait RuleId {
    /// `plugin/rule`.
    fn id(&self) -> &str;
    /// The severity its diagnostics get.
    fn default_severity(&self) -> Severity;
}

impl<Check> RuleId for RuleDef<Check> {
    fn id(&self) -> &str {
        self.id
    }
    fn default_severity(&self) -> Severity {
        self.severity
    }
}

impl RuleId for RuleInfo {
    fn id(&self) -> &str {
        &self.id
    }
    fn default_severity(&self) -> Severity {
        self.default_severity
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
    /// A diagnostic of `rule` (a [`RuleDef`] or a [`RuleInfo`]) at `span`,
    /// with the rule's id and default severity: the way a rule reports,
    /// so that its id and severity are written once, in its definition.
    pub fn for_rule(
        rule: &impl RuleId,
        span: Span,
        message: impl Into<String>,
    ) -> DiagnosticBuilder {
        DiagnosticBuilder::new(rule.id(), rule.default_severity(), span, message)
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
    fn annotations_give_span_and_message_and_are_not_report_text() {
        let text = mark(
            "一、总体情况\n总计\t14\t14\n",
            2,
            "14",
            2,
            "总计为 14，应为 13",
        );
        let ex = Example {
            text,
            passes: false,
        };
        assert_eq!(ex.report_text(), "一、总体情况\n总计\t14\t14\n");
        let expected = ex.expected().unwrap();
        assert_eq!(expected.len(), 1);
        assert_eq!(expected[0].span, Span::new(29, 31), "the second 14");
        assert_eq!(expected[0].message, "总计为 14，应为 13");
        let bad = Example {
            text: "一\n//^ 「二」 x\n".into(),
            passes: false,
        };
        assert!(bad.expected().is_err());
    }

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

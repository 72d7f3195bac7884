//! The nblint plugin API: the C ABI between nblint and a rule plugin, and
//! the safe SDK plugin authors write against.
//!
//! A plugin is a type implementing [`Plugin`], exported with
//! [`export_plugin!`]:
//!
//! ```
//! # #![allow(unexpected_cfgs)] // a real plugin crate declares the `dynamic` feature
//! use nblint_plugin_api::prelude::*;
//!
//! /// Each rule declared once: id, default severity, docs, check.
//! const NO_TODO: RuleDef<DocumentCheck> =
//!     RuleDef::new("my/no-todo", Severity::Warning, no_todo_docs, no_todo);
//! /// The plugin's one list of rules.
//! const RULES: &[RuleDef<DocumentCheck>] = &[NO_TODO];
//!
//! fn no_todo_docs(rule: RuleInfo) -> RuleInfo {
//!     rule.summary("不得保留“待补充”", "No “待补充” placeholder left")
//!         .passing("一、总体情况\n本机关……")
//!         // A failing example marks each finding below its line: its text, its message.
//!         .failing("一、总体情况\n待补充\n//^ 「待补充」 报告中留有“待补充”")
//! }
//!
//! fn no_todo(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
//!     if let Some(at) = ctx.doc.text.find("待补充") {
//!         let span = Span::new(at, at + "待补充".len());
//!         DiagnosticBuilder::for_rule(&NO_TODO, span,
//!                 ctx.msg("报告中留有“待补充”", "the report still says “待补充”"))
//!             .help(ctx.msg("补全内容", "write the missing text"))
//!             .emit(out);
//!     }
//! }
//!
//! #[derive(Default)]
//! struct MyPlugin;
//!
//! impl Plugin for MyPlugin {
//!     const NAME: &'static str = "my";
//!     const VERSION: &'static str = "0.1.0";
//!     fn rules(&self) -> Vec<RuleInfo> {
//!         rule_infos(RULES)
//!     }
//!     fn lint(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
//!         run_rules(RULES, ctx, out);
//!     }
//! }
//!
//! nblint_plugin_api::export_plugin!(MyPlugin);
//!
//! # fn main() {
//! // In a test: through the ABI, exactly as the host calls it.
//! let doc = nblint_plugin_api::testing::text_document("一、总体情况\n待补充");
//! let diags = nblint_plugin_api::testing::lint(declaration(), doc.view(), &[], &PluginConfig::default()).unwrap();
//! assert_eq!(diags[0].rule, "my/no-todo");
//! nblint_plugin_api::testing::assert_examples(declaration(), nblint_plugin_api::testing::text_document);
//! # }
//! ```
//!
//! Modules: [`abi`] (the `#[repr(C)]` types, the protocol and the rules of
//! its evolution), [`compat`] (serving plugins built against ABI 1), [`export`]
//! (what the macro expands to), [`call`] (the host side: validating a
//! declaration, calling `lint`, checking the output), [`testing`].

#![deny(missing_docs)]

pub mod abi;
mod agency;
pub mod call;
pub mod compat;
pub mod export;
mod sdk;
pub mod testing;

pub use agency::{fold_char, same_agency, AgencyMatch, LastYearMissing, ReportRef};
pub use nblint_model as model;
pub use sdk::{
    fmt_num, mark, rule_infos, run_rules, DiagnosticBuilder, DocumentCheck, Example, Expected,
    Lang, LintContext, Plugin, PluginConfig, RuleDef, RuleDocs, RuleId, RuleInfo,
};
/// For plugin options ([`PluginConfig::options`]).
pub use serde_json;

/// Everything a plugin usually needs.
pub mod prelude {
    pub use crate::abi::PluginDeclaration;
    pub use crate::agency::{fold_char, same_agency, AgencyMatch, LastYearMissing, ReportRef};
    pub use crate::sdk::{
        fmt_num, mark, rule_infos, run_rules, DiagnosticBuilder, DocumentCheck, Example, Expected,
        Lang, LintContext, Plugin, PluginConfig, RuleDef, RuleDocs, RuleId, RuleInfo,
    };
    pub use nblint_model::schema;
    pub use nblint_model::{
        Cell, CellState, Confidence, Cues, Diagnostic, Document, DocumentView, Edit, Figure, Fix,
        FormatVersion, IdxRange, Paragraph, ParagraphKind, Related, Report, Row, Section,
        SectionKind, Severity, Source, Span, StrRef, Table, TableKind, TitleMatch,
    };
}

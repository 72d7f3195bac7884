//! The plugin on every real report of the corpus (`shared/corpus/seeds`),
//! through the plugin ABI, with the other corpus files as related
//! documents (as `nblint` does for a directory). Known findings are
//! asserted by rule and line; known-clean reports must stay clean; the
//! full output of each file is a reviewed snapshot.

use nblint_arithmetic::declaration;
use nblint_plugin_api::model::{Diagnostic, Document, Severity};
use nblint_plugin_api::PluginConfig;
use nblint_test_support::{self as support, line_of, Layout};

fn doc(name: &str) -> &'static Document {
    support::seed_document(name)
}

/// The plugin's diagnostics on one corpus file, the others as related.
fn lint(name: &str) -> Vec<Diagnostic> {
    support::lint(
        declaration(),
        doc(name),
        &support::other_seeds(name),
        &PluginConfig::default(),
    )
}

/// (rule, line) of every error and warning (the infos say what could not
/// be checked, see `cross_year_checks_that_cannot_run_say_so`).
fn found(name: &str) -> Vec<(String, u32)> {
    support::findings(doc(name), &lint(name))
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| (f.rule, f.line))
        .collect()
}

/// `line: severity rule: message` by position, the layout of the reviewed
/// snapshots.
fn render(name: &str) -> String {
    let mut diags = lint(name);
    diags.sort_by_key(|d| d.span.start);
    support::render(&support::findings(doc(name), &diags), Layout::SeverityRule)
}

const TABLE_ERRORS: &[&str] = &[
    "arithmetic/balance",
    "arithmetic/result-total",
    "arithmetic/row-total",
    "arithmetic/review-total",
    "arithmetic/carry-over",
];

fn table_errors(name: &str) -> Vec<(String, u32)> {
    found(name)
        .into_iter()
        .filter(|(r, _)| TABLE_ERRORS.contains(&r.as_str()))
        .collect()
}

#[test]
fn snapshots() {
    nblint_test_support::require_corpus!();
    for (stem, _) in support::seed_documents() {
        insta::assert_snapshot!(stem.clone(), render(stem));
    }
}

#[test]
fn the_balanced_reports_have_no_table_errors() {
    nblint_test_support::require_corpus!();
    for name in ["jiyuan", "yuncheng", "nanyang", "minhe"] {
        assert_eq!(table_errors(name), vec![], "{name}");
    }
}

#[test]
fn english_messages_differ_and_every_diagnostic_has_help() {
    nblint_test_support::require_corpus!();
    let this = doc("lixia");
    let en = PluginConfig {
        lang: nblint_plugin_api::Lang::En,
        ..Default::default()
    };
    let zh = support::lint_alone(declaration(), this);
    let en = support::lint(declaration(), this, &[], &en);
    assert_eq!(zh.len(), en.len());
    assert!(!zh.is_empty());
    for (z, e) in zh.iter().zip(&en) {
        assert_eq!((&z.rule, z.span), (&e.rule, e.span));
        assert_ne!(z.message, e.message);
        assert!(
            !z.help.is_empty() && !e.help.is_empty(),
            "{}: no help",
            z.rule
        );
    }
}

#[test]
fn minhe_new_published_rules_exceed_the_total() {
    nblint_test_support::require_corpus!();
    let f = found("minhe");
    assert!(
        f.contains(&("arithmetic/plausibility".to_string(), 31)),
        "{f:?}"
    );
}

#[test]
fn blank_applicant_cells_are_one_warning_per_table() {
    nblint_test_support::require_corpus!();
    for (name, line) in [("jiyuan", 68), ("nanyang", 156)] {
        let cells: Vec<_> = found(name)
            .into_iter()
            .filter(|(r, _)| r == "arithmetic/cell-value")
            .collect();
        assert_eq!(
            cells,
            vec![("arithmetic/cell-value".to_string(), line)],
            "{name}"
        );
    }
}

/// The second copy of lixia's 2021 report (lines 317–413) is another
/// version of it: 一 自然人 322 (not 324) and 四 8 | 2 (not 12 | 0), so its
/// 自然人 and 商业企业 columns do not balance (322 + 2 ≠ 314 + 8, 6 + 0 ≠
/// 6 + 2) while its 总计 column does. Every other lixia table balances.
#[test]
fn lixia_only_the_second_2021_copy_is_unbalanced() {
    nblint_test_support::require_corpus!();
    assert_eq!(
        table_errors("lixia"),
        vec![
            ("arithmetic/balance".to_string(), 384),
            ("arithmetic/balance".to_string(), 384)
        ]
    );
}

/// lixia's carried-over counts agree from year to year (2022's 12 = 2021's
/// 12, 2021's 2 = 2020's 2, 2020's 2 = 2019's 2); change 2022's and the
/// rule reports it against 2021's.
#[test]
fn lixia_carry_over_holds_and_an_edit_is_reported() {
    nblint_test_support::require_corpus!();
    let text = &doc("lixia").text;
    let line = "二、上年结转政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |";
    assert_eq!(text.matches(line).count(), 1, "2022's row is unique");
    let edited = text.replacen(line, &line.replace("| 12 |", "| 11 |"), 1);
    let doc = support::parse_text(&edited);
    let diags = support::lint_alone(declaration(), &doc);
    let carry: Vec<_> = diags
        .iter()
        .filter(|d| d.rule == "arithmetic/carry-over")
        .map(|d| (line_of(&doc, d.span.start), d.message.as_str()))
        .collect();
    assert_eq!(
        carry,
        vec![
            (
                170,
                "二、上年结转政府信息公开申请数量·自然人 为 11，但 2021 年度报告的 四、结转下年度继续办理·自然人 为 12，相差 1"
            ),
            (
                170,
                "二、上年结转政府信息公开申请数量·总计 为 11，但 2021 年度报告的 四、结转下年度继续办理·总计 为 12，相差 1"
            )
        ]
    );
    let fix = diags
        .iter()
        .find(|d| d.rule == "arithmetic/carry-over")
        .and_then(|d| d.fix.clone())
        .expect("a fix");
    assert!(!fix.safe);
    assert_eq!(fix.edits[0].replacement, "12");
}

/// (rule, line) of the diagnostics of `rule` on `text`, linted alone.
fn found_in(text: &str, rule: &str) -> Vec<(String, u32)> {
    let doc = support::parse_text(text);
    let diags = support::lint_alone(declaration(), &doc);
    support::findings(&doc, &diags)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.rule, f.line))
        .collect()
}

/// The diagnostics of `rule` that one edit of a corpus file brings (the
/// edit keeps the line count).
fn found_after_edit(name: &str, from: &str, to: &str, rule: &str) -> Vec<(String, u32)> {
    let text = &doc(name).text;
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} is not unique in {name}"
    );
    let before = found_in(text, rule);
    found_in(&text.replacen(from, to, 1), rule)
        .into_iter()
        .filter(|d| !before.contains(d))
        .collect()
}

/// The breakdowns that add up (minhe 4252 = 3445 + 807, lixia 2014 13408 =
/// 63 + … + 3355) are checked, not skipped: a typo in a part is reported.
#[test]
fn text_sums_that_hold_are_checked() {
    nblint_test_support::require_corpus!();
    let rule = "arithmetic/text-sum";
    assert_eq!(
        found_after_edit("minhe", "807条", "808条", rule),
        vec![(rule.to_string(), 9)]
    );
    assert_eq!(
        found_after_edit("lixia", "其它类信息3355条", "其它类信息3365条", rule),
        vec![(rule.to_string(), 633)]
    );
}

/// The restated counts that agree are compared, not skipped.
#[test]
fn text_table_wordings_are_recognised() {
    nblint_test_support::require_corpus!();
    let rule = "arithmetic/text-table";
    let r = rule.to_string();
    assert_eq!(
        found_after_edit("lixia", "结转上年12件", "结转上年13件", rule),
        vec![(r.clone(), 143)]
    );
    assert_eq!(
        found_after_edit("lixia", "结转下年8件", "结转下年9件", rule),
        vec![(r.clone(), 143)]
    );
    assert_eq!(
        found_after_edit("lixia", "其中予以公开137件", "其中予以公开138件", rule),
        vec![(r.clone(), 143)]
    );
    assert_eq!(
        found_after_edit("nanyang", "公开申请76件", "公开申请77件", rule),
        vec![(r.clone(), 13)]
    );
    assert_eq!(
        found_after_edit(
            "yuncheng",
            "共受理依申请公开 14 件",
            "共受理依申请公开 15 件",
            rule
        ),
        vec![(r.clone(), 25)]
    );
}

/// lixia: the second 2021 copy's prose says 予以公开 195 (its table 187);
/// the 2019 report's prose says 214 applications, its table 215 (the
/// prose gives the 自然人 column). Nothing else.
#[test]
fn lixia_text_table_findings() {
    nblint_test_support::require_corpus!();
    let r = "arithmetic/text-table".to_string();
    let f: Vec<_> = found("lixia")
        .into_iter()
        .filter(|(x, _)| *x == r)
        .collect();
    assert_eq!(
        f,
        vec![(r.clone(), 326), (r.clone(), 670), (r.clone(), 762)]
    );
}

/// lixia 2021: 187 件占比 58% and 4 件占比 2.3% match no base (341, 343,
/// 331), and "同比增加 163 件" should be 165 (2020: 176); its second copy
/// says 339 (+163 on 176 holds) but repeats 4 件 2.3%; lixia 2020: "减少
/// 38 件，下降 17.8%" against 2019's 215 (39, 18.1 %), in both copies.
/// 2020's shares (90/176 = 51.1 % …) and 2022's (约) hold.
#[test]
fn percent_findings() {
    nblint_test_support::require_corpus!();
    let r = "arithmetic/percent".to_string();
    let lixia: Vec<_> = found("lixia")
        .into_iter()
        .filter(|(x, _)| *x == r)
        .collect();
    assert_eq!(
        lixia,
        [227, 227, 227, 326, 467, 570]
            .iter()
            .map(|l| (r.clone(), *l))
            .collect::<Vec<_>>()
    );
    for name in ["jiyuan", "minhe", "nanyang", "yuncheng"] {
        assert!(
            found(name).iter().all(|(x, _)| *x != r),
            "{name}: no percent finding expected"
        );
    }
}

/// The official 2021 template: every cell blank, so one cell-value
/// warning per table (the 四 table's data row is blank too), and no
/// arithmetic at all.
#[test]
fn the_blank_template_gives_one_warning_per_table() {
    nblint_test_support::require_corpus!();
    let doc = support::parse_file(&support::template_path());
    let diags: Vec<Diagnostic> = support::lint_alone(declaration(), &doc)
        .into_iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    let rules: Vec<&str> = diags.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, vec!["arithmetic/cell-value"; 6], "{diags:#?}");
    assert!(
        diags[4]
            .message
            .contains("全部未填写（175 个单元格均为空白）"),
        "{}",
        diags[4].message
    );
    assert!(
        diags[5]
            .message
            .contains("全部未填写（15 个单元格均为空白）"),
        "{}",
        diags[5].message
    );
}

/// lixia 2022 "收到申请 215 件，结转上年 12 件，同比去年减少了 126 件" holds
/// against the first 2021 copy (341); an edit is reported.
#[test]
fn year_on_year_after_another_clause_is_checked() {
    nblint_test_support::require_corpus!();
    let rule = "arithmetic/percent";
    assert_eq!(
        found_after_edit("lixia", "减少了126件", "减少了127件", rule),
        vec![(rule.to_string(), 143)]
    );
}

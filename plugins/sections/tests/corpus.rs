//! The plugin over every real report in the shared corpus, through the ABI.

use nblint_model::LineIndex;
use nblint_plugin_api::prelude::*;
use nblint_plugin_api::testing;
use nblint_sections::declaration;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    assert!(
        dir.join("seeds").is_dir(),
        "corpus not found: looked for {}/seeds",
        dir.display()
    );
    dir
}

/// One finding: 1-based line, rule id, severity, message.
#[derive(Debug, Clone)]
struct Finding {
    line: u32,
    rule: String,
    severity: Severity,
    message: String,
}

fn lint_file(name: &str) -> Vec<Finding> {
    let path = corpus_dir().join("seeds").join(name);
    let text = std::fs::read_to_string(&path).expect("readable corpus file");
    let doc = nblint_parse::parse_text(text, &Default::default());
    let diags = testing::lint(declaration(), doc.view(), &[], &PluginConfig::default())
        .expect("the plugin runs through the ABI");
    let index = LineIndex::new(&doc.text);
    let mut findings: Vec<Finding> = diags
        .into_iter()
        .map(|d| Finding {
            line: index.line_of(d.span.start) + 1,
            rule: d.rule,
            severity: d.severity,
            message: d.message,
        })
        .collect();
    findings.sort_by(|a, b| (a.line, &a.rule).cmp(&(b.line, &b.rule)));
    findings
}

fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}: {} [{}]: {}",
                f.line,
                f.rule,
                f.severity.as_str(),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// (line, rule) pairs of the findings of some rules.
fn hits(findings: &[Finding], rule: &str) -> Vec<u32> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.line)
        .collect()
}

#[test]
fn every_corpus_file_snapshot() {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join("seeds"))
        .expect("corpus seeds")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 5,
        "expected the five corpus files, found {names:?}"
    );
    for name in names {
        insta::assert_snapshot!(
            name.trim_end_matches(".txt").to_string(),
            render(&lint_file(&name))
        );
    }
}

#[test]
fn lixia_known_findings() {
    let f = lint_file("lixia-qzf-page-2014-2022.txt");
    // 2019 report, copies 1 and 2: 二 and 三 headings missing before their
    // tables, 五 missing after the 四 table; copy 3 is cut off inside the 三
    // table, so 四, 五 and 六 are missing at its end.
    assert_eq!(
        hits(&f, "sections/missing"),
        vec![685, 703, 734, 777, 795, 826, 902, 902, 902]
    );
    // 2020 report (twice): 六 titled “八、其他”, and the other variant titles.
    assert_eq!(
        hits(&f, "sections/title"),
        vec![466, 499, 502, 569, 602, 605]
    );
    // 2020: two extra sections shift the standard ones (info, not warning).
    let order: Vec<&Finding> = f.iter().filter(|f| f.rule == "sections/order").collect();
    assert_eq!(
        order.iter().map(|f| f.line).collect::<Vec<_>>(),
        vec![427, 530]
    );
    assert!(order.iter().all(|f| f.severity == Severity::Info));
    assert!(order[0].message.contains("“八、其他”标准为第六部分"));
    // The 2014 report (lines 620–653) follows the pre-2019 outline: not held to the six.
    assert!(
        f.iter().all(|f| !(620..=653).contains(&f.line)),
        "{}",
        render(&f)
    );
    // 2022 and 2021 (lines 135–413) are complete and report the fee in 六.
    assert!(
        f.iter().all(|f| !(135..=413).contains(&f.line)),
        "{}",
        render(&f)
    );
}

#[test]
fn minhe_and_nanyang_lack_section_six() {
    let minhe = lint_file("minhe-xian-2020-ocr.txt");
    assert_eq!(hits(&minhe, "sections/missing"), vec![92]);
    assert!(minhe
        .iter()
        .any(|f| f.rule == "sections/missing" && f.message.contains("六、其他需要报告的事项")));
    assert_eq!(hits(&minhe, "sections/title"), vec![86]);
    let nanyang = lint_file("nanyang-szfb-2019-onecell.txt");
    assert_eq!(hits(&nanyang, "sections/missing"), vec![469]);
    assert_eq!(nanyang.len(), 1, "{}", render(&nanyang));
}

#[test]
fn complete_reports_are_clean() {
    for name in ["jiyuan-szfb-2020.txt", "yuncheng-szfb-2020.txt"] {
        let f = lint_file(name);
        assert!(f.is_empty(), "{name}: {}", render(&f));
    }
}

#[test]
fn template_docx_placeholders_are_found() {
    let path = corpus_dir().join("template-2021-format.docx");
    let bytes = std::fs::read(&path).expect("the template docx");
    let parsed = nblint_parse::parse_bytes(Some(&path), &bytes, &Default::default())
        .expect("the DOCX reader reads the template");
    let diags = testing::lint(
        declaration(),
        parsed.doc.view(),
        &[],
        &PluginConfig::default(),
    )
    .expect("runs through the ABI");
    let placeholders: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "sections/template-text")
        .map(|d| parsed.doc.view().slice(d.span))
        .collect();
    // （文字描述） in 一, 五 and 六 (六's with the fee note).
    assert_eq!(placeholders.len(), 3, "{diags:#?}");
    assert!(
        placeholders.iter().all(|p| p.contains("文字描述")),
        "{placeholders:?}"
    );
    // The fee note of the template is an instruction, not a fee report.
    let fee: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.rule == "sections/fee-disclosure")
        .collect();
    assert_eq!(fee.len(), 1, "{diags:#?}");
    assert_eq!(
        parsed.doc.view().slice(fee[0].span).trim(),
        "六、其他需要报告的事项"
    );
}

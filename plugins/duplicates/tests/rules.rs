//! Each rule on small realistic texts, through the plugin ABI with the real parser.

use nblint_duplicates::declaration;
use nblint_plugin_api::model::{Confidence, Diagnostic, Document, Severity};
use nblint_plugin_api::{serde_json::json, testing, Lang, PluginConfig};
use nblint_test_support::{self as support, parse_text};

fn lint_with(doc: &Document, related: &[&Document], config: &PluginConfig) -> Vec<Diagnostic> {
    support::lint(declaration(), doc, related, config)
}

fn lint(doc: &Document) -> Vec<Diagnostic> {
    support::lint_alone(declaration(), doc)
}

fn of<'a>(diags: &'a [Diagnostic], rule: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.rule == rule).collect()
}

fn title(year: u16) -> String {
    format!("某县人民政府{year}年政府信息公开工作年度报告\n本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有疑问，请与县政府办公室联系。\n")
}

const OVERVIEW: &str = "全年通过政府网站主动公开政府信息1520条，其中政策文件86件，政策解读32篇，回应社会关切问题45个，均在规定时限内办结。";
const PROBLEMS: &str = "政务公开工作仍存在公开内容不够全面、政策解读形式单一等问题。下一步，本县将进一步加强业务培训，丰富解读形式，提升公开质量。";
const OTHER: &str = "本县依法依规办理政府信息公开申请，未收取任何费用，未发生因政府信息公开引发的行政复议和行政诉讼案件。";

#[test]
fn exact_paragraph_copy_is_reported_on_the_later_copy_with_a_manual_fix() {
    let text = format!(
        "{}一、总体情况\n{OVERVIEW}\n五、存在的主要问题及改进情况\n{PROBLEMS}\n{OVERVIEW}\n",
        title(2021)
    );
    let doc = parse_text(&text);
    let diags = lint(&doc);
    let hits = of(&diags, "duplicates/paragraph");
    assert_eq!(hits.len(), 1, "{diags:?}");
    let d = hits[0];
    let later = text.rfind(OVERVIEW).unwrap();
    assert_eq!(d.span.start as usize, later);
    assert_eq!(doc.view().slice(d.span), OVERVIEW);
    assert_eq!(
        d.related[0].span.start as usize,
        text.find(OVERVIEW).unwrap()
    );
    assert!(
        d.message.starts_with("本段与第 4 行的段落重复"),
        "{}",
        d.message
    );
    let fix = d.fix.as_ref().unwrap();
    assert!(!fix.safe);
    assert_eq!(&text[fix.edits[0].span.range()], format!("{OVERVIEW}\n"));
}

#[test]
fn near_copy_is_reported_with_its_similarity() {
    let changed = OVERVIEW.replace("回应社会关切问题45个", "回应社会关切问题46个");
    let long = format!("{OVERVIEW}{PROBLEMS}");
    let near = format!("{changed}{PROBLEMS}");
    let text = format!(
        "{}一、总体情况\n{long}\n六、其他需要报告的事项\n{near}\n",
        title(2021)
    );
    let diags = lint(&parse_text(&text));
    let hits = of(&diags, "duplicates/paragraph");
    assert_eq!(hits.len(), 1, "{diags:?}");
    assert!(
        hits[0].message.contains("几乎相同（相似度 9"),
        "{}",
        hits[0].message
    );
    assert!(hits[0].fix.is_none());
}

#[test]
fn long_sentence_repeated_in_another_paragraph_is_reported() {
    let sentence = "本县进一步完善依申请公开工作流程，规范答复文书格式，确保依申请公开工作依法依规、按时办结。";
    let text = format!(
        "{}一、总体情况\n{OVERVIEW}{sentence}\n五、存在的主要问题及改进情况\n{PROBLEMS}{sentence}\n",
        title(2021)
    );
    let diags = lint(&parse_text(&text));
    let hits = of(&diags, "duplicates/paragraph");
    assert_eq!(hits.len(), 1, "{diags:?}");
    assert!(
        hits[0].message.starts_with("本句与第 4 行的句子重复"),
        "{}",
        hits[0].message
    );
    assert_eq!(hits[0].span.start as usize, text.rfind(sentence).unwrap());
}

#[test]
fn boilerplate_short_lines_and_other_reports_do_not_count() {
    // The statutory sentences twice, "无。" lines, and a paragraph shared by
    // two reports of different years (that is previous-year's business).
    let text = format!(
        "{}一、总体情况\n{OVERVIEW}\n本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n{}一、总体情况\n{OVERVIEW}\n",
        title(2021),
        title(2020)
    );
    let doc = parse_text(&text);
    assert_eq!(doc.reports.len(), 2);
    let diags = lint(&doc);
    assert!(of(&diags, "duplicates/paragraph").is_empty(), "{diags:?}");
}

fn report(year: u16, overview: &str) -> String {
    format!("{}一、总体情况\n{overview}\n五、存在的主要问题及改进情况\n{PROBLEMS}\n六、其他需要报告的事项\n{OTHER}\n", title(year))
}

#[test]
fn report_reusing_last_years_prose_across_files() {
    let last = parse_text(&report(
        2020,
        "2020年，本县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。",
    ));
    let this = parse_text(&report(2021, OVERVIEW));
    let diags = lint_with(&this, &[&last], &PluginConfig::default());
    let hits = of(&diags, "duplicates/previous-year");
    assert_eq!(hits.len(), 1, "{diags:?}");
    let d = hits[0];
    assert!(d.message.starts_with("2021 年度报告约 "), "{}", d.message);
    assert!(
        d.message.ends_with(
            "的正文与同一机关的2020 年度报告（另一文件）相同，超过 50% 的限度；沿用上年的段落 2 处"
        ),
        "{}",
        d.message
    );
    // The reused paragraphs (五 and 六) are the related spans; 一 is new.
    let related: Vec<&str> = d
        .related
        .iter()
        .map(|r| this.view().slice(r.span))
        .collect();
    assert_eq!(related, vec![PROBLEMS, OTHER]);

    // The threshold option, as a fraction or a percentage.
    for t in [json!(0.95), json!(95)] {
        let cfg = PluginConfig {
            options: json!({ "threshold": t }),
            ..Default::default()
        };
        let strict = lint_with(&this, &[&last], &cfg);
        assert!(
            of(&strict, "duplicates/previous-year").is_empty(),
            "{strict:?}"
        );
    }

    // Another agency, or two years back: not last year's report; one info
    // says that the comparison could not be made.
    let other = parse_text(&report(2020, OVERVIEW).replace("某县人民政府", "某市人民政府"));
    let older = parse_text(&report(2019, OVERVIEW));
    for related in [&other, &older] {
        let diags = lint_with(&this, &[related], &PluginConfig::default());
        let hits = of(&diags, "duplicates/previous-year");
        assert_eq!(hits.len(), 1, "{diags:?}");
        assert_eq!(hits[0].severity, Severity::Info);
        assert!(
            hits[0]
                .message
                .ends_with("：未找到某县人民政府的 2020 年度报告"),
            "{}",
            hits[0].message
        );
    }
}

#[test]
fn english_messages() {
    let text = format!("{}{}", report(2021, OVERVIEW), report(2021, OVERVIEW));
    let cfg = PluginConfig {
        lang: Lang::En,
        ..Default::default()
    };
    let diags = lint_with(&parse_text(&text), &[], &cfg);
    let hits = of(&diags, "duplicates/report");
    assert_eq!(hits.len(), 1, "{diags:?}");
    assert_eq!(
        hits[0].message,
        "the 2021 report occurs twice in this file: it is the same as the report from line 1"
    );
    assert_eq!(hits[0].related[0].message, "the earlier copy");
}

const TABLES: &str = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t2\t2\t15\n规范性文件\t12\t12\t86\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t56\t3\t1320\n其他对外管理服务事项\t8\t1\t214\n第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t112\t5\t468\n行政强制\t9\t1\t37\n";

fn with_tables(year: u16, overview: &str, tables: &str) -> String {
    format!(
        "{}一、总体情况\n{overview}\n二、主动公开政府信息情况\n{tables}",
        title(year)
    )
}

#[test]
fn copied_tables_are_reported_but_not_all_zero_ones() {
    let last = parse_text(&with_tables(2020, PROBLEMS, TABLES));
    let this = parse_text(&with_tables(2021, OVERVIEW, TABLES));
    let diags = lint_with(&this, &[&last], &PluginConfig::default());
    let hits = of(&diags, "duplicates/table-copy");
    assert_eq!(hits.len(), 1, "{diags:?}");
    assert!(
        hits[0].message.contains("（其中 18 个非零数字）逐项相等"),
        "{}",
        hits[0].message
    );
    assert_eq!(this.view().slice(hits[0].span), "第二十条第（一）项");

    // One number changed: not a copy.
    let changed = parse_text(&with_tables(
        2021,
        OVERVIEW,
        &TABLES.replace("1320", "1321"),
    ));
    assert!(of(
        &lint_with(&changed, &[&last], &PluginConfig::default()),
        "duplicates/table-copy"
    )
    .is_empty());

    // All zeros both years: no evidence.
    let zeros: String = TABLES
        .lines()
        .map(|l| {
            let mut cells: Vec<String> = l.split('\t').map(str::to_string).collect();
            if cells.len() > 1 && cells[1].chars().all(|c| c.is_ascii_digit()) {
                for c in &mut cells[1..] {
                    *c = "0".into();
                }
            }
            cells.join("\t") + "\n"
        })
        .collect();
    let last = parse_text(&with_tables(2020, PROBLEMS, &zeros));
    let this = parse_text(&with_tables(2021, OVERVIEW, &zeros));
    // Read in full, so it is the zeros that keep the rule silent.
    assert_eq!(this.tables.len(), 3);
    assert!(this.tables.iter().all(|t| t.confidence == Confidence::FULL));
    assert!(this.cells.iter().all(|c| c.number() == Some(0.0)));
    assert!(of(
        &lint_with(&this, &[&last], &PluginConfig::default()),
        "duplicates/table-copy"
    )
    .is_empty());
}

#[test]
fn table_rows_read_as_prose_are_not_paragraphs() {
    let row = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
    // Every line a prose paragraph, as when a parser misreads a table.
    let doc = testing::text_document(&format!("{OVERVIEW}\n{row}\n{PROBLEMS}\n{row}\n"));
    let diags = lint(&doc);
    assert!(of(&diags, "duplicates/paragraph").is_empty(), "{diags:?}");
}

#[test]
fn a_section_repeated_in_a_report_is_reported_once() {
    let text = format!(
        "{}一、总体情况\n{OVERVIEW}\n五、存在的主要问题及改进情况\n{PROBLEMS}\n{OTHER}\n六、其他需要报告的事项\n{PROBLEMS}\n{OTHER}\n",
        title(2021)
    );
    let doc = parse_text(&text);
    let diags = lint(&doc);
    assert!(of(&diags, "duplicates/paragraph").is_empty(), "{diags:?}");
    let hits = of(&diags, "duplicates/report");
    assert_eq!(hits.len(), 1, "{diags:?}");
    assert_eq!(doc.view().slice(hits[0].span), "六、其他需要报告的事项");
    assert_eq!(
        hits[0].message,
        "“六、其他需要报告的事项”一节的 2 段文字全部与第 5 行“五、存在的主要问题及改进情况”一节的相同，同一节内容在报告中出现了两次"
    );
    // One paragraph of a section repeated: reported as a paragraph.
    let text = format!(
        "{}一、总体情况\n{OVERVIEW}\n五、存在的主要问题及改进情况\n{PROBLEMS}\n六、其他需要报告的事项\n{PROBLEMS}\n{OTHER}\n",
        title(2021)
    );
    let diags = lint(&parse_text(&text));
    assert_eq!(of(&diags, "duplicates/paragraph").len(), 1, "{diags:?}");
    assert!(of(&diags, "duplicates/report").is_empty(), "{diags:?}");
}

//! The prose rules (`percent`, `text-sum`) on real report text: the
//! corpus's whole reports (`corpus/real/`, the 平潭 reports) and excerpts
//! of other real reports kept as fixtures (`tests/fixtures/`, source in
//! each test). Each test asserts rule, line and the numbers of the
//! message.

use nblint_arithmetic::declaration;
use nblint_plugin_api::model::{Diagnostic, Document};
use nblint_plugin_api::{Lang, PluginConfig};
use nblint_test_support::{self as support, line_of};
use std::path::Path;

/// A file of the repository's real-report corpus, parsed.
fn real(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    support::parse_file(&path)
}

/// A fixture of this crate's tests, parsed.
fn fixture(name: &str) -> Document {
    support::parse_file(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

/// The diagnostics of `rule` on `doc`, linted alone, with their lines.
fn diags(doc: &Document, rule: &str) -> Vec<(u32, Diagnostic)> {
    support::lint_alone(declaration(), doc)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (line_of(doc, d.span.start), d))
        .collect()
}

const PERCENT: &str = "arithmetic/percent";

/// pingtan-szf-2011 line 6: "……总数1873条，其中主动公开政府信息425条……。主动
/// 公开的政府信息，区直、县直各单位主动公开政府信息303条，占71.3%。各乡镇主
/// 动公开政府信息122条，占28.7%。" The base is the 425 of the sentence
/// before (303/425 = 71.29 %), not the 总数 1873 (16.2 %).
#[test]
fn a_share_of_the_sentence_befores_figure_holds() {
    let doc = real("pingtan-szf-2011.txt");
    assert_eq!(diags(&doc, PERCENT).len(), 0, "{:#?}", diags(&doc, PERCENT));
}

/// pingtan-xzf-2012 line 6: 县直各单位2475条，占62.2% is of the 总数 3978 of
/// the sentence before (the text calls them 主动公开, but the shares hold
/// on 3978); line 7: 规划计划类信息60条，占2.9% is 60/2026 = 2.96 %
/// truncated.
#[test]
fn shares_of_the_xzf_2012_report_hold() {
    let doc = real("pingtan-xzf-2012.txt");
    assert_eq!(diags(&doc, PERCENT).len(), 0, "{:#?}", diags(&doc, PERCENT));
}

/// pingtan-szf-2012 (github:changwu/pingtan-gov-zwgk-archive,
/// pingtan/zwgk/zfxxgk/zfxxgknb/201302/80734_…/page.txt; section 三 with
/// line breaks restored, words and digits unchanged): "在……主动公开的1913条
/// 政府信息中，……行政许可类信息145条，占8.05%" is 145/1913 = 7.58 %; the
/// eight other shares of 1913 hold, and so do 1397 占73% and 534 占27%
/// (27.9 % truncated) of the 1913 of the sentence before.
#[test]
fn a_wrong_share_among_right_ones_names_the_bases_tried() {
    let doc = fixture("pingtan-szf-2012-excerpt.txt");
    let found = diags(&doc, PERCENT);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, d) = &found[0];
    assert_eq!(*line, 5);
    assert_eq!(doc.view().slice(d.span), "8.05");
    assert!(
        d.message.starts_with("正文称 145 条占比 8.05%"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("145/1913 = 7.58%（本节前文）"),
        "{}",
        d.message
    );
}

#[test]
fn the_bases_tried_in_english() {
    let doc = fixture("pingtan-szf-2012-excerpt.txt");
    let config = PluginConfig {
        lang: Lang::En,
        ..Default::default()
    };
    let found: Vec<Diagnostic> = support::lint(declaration(), &doc, &[], &config)
        .into_iter()
        .filter(|d| d.rule == PERCENT)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("145/1913 = 7.58% (earlier in the section)"),
        "{}",
        found[0].message
    );
}

const TEXT_SUM: &str = "arithmetic/text-sum";

/// The text of a corpus file with `from` (which must occur once) replaced.
fn edited(text: &str, from: &str, to: &str) -> Document {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    support::parse_text(&text.replacen(from, to, 1))
}

fn real_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The one diagnostic of `rule` on `doc`: its line and message.
fn one(doc: &Document, rule: &str) -> (u32, String) {
    let found = diags(doc, rule);
    assert_eq!(found.len(), 1, "{found:#?}");
    (found[0].0, found[0].1.message.clone())
}

/// pingtan-szf-2019 line 5: "共公布政府信息2599条，(其中机构职能类信息25条，……
/// 其他应主动公开政府信息856条)": the eleven items, closed by 其他, add to
/// 2533.
#[test]
fn a_bracketed_list_closed_by_other_falls_short_of_its_total() {
    let (line, message) = one(&real("pingtan-szf-2019.txt"), TEXT_SUM);
    assert_eq!(line, 5);
    assert_eq!(
        message,
        "正文称总数为 2599条，但其中各项之和为 25+68+28+69+90+175+67+983+48+124+856 = 2533条，相差 66（所列各项含“其他”，应为全部构成）"
    );
}

/// The same list reworded: without brackets, with 其中，, and without the
/// closing 其他 (an open list, silent).
#[test]
fn the_bracketed_list_reworded() {
    let text = real_text("pingtan-szf-2019.txt");
    let unbracketed = edited(&text, "2599条，(其中", "2599条，其中，");
    let unbracketed =
        support::parse_text(&unbracketed.text.replacen("856条)对于", "856条。对于", 1));
    assert_eq!(one(&unbracketed, TEXT_SUM).0, 5);
    let open = edited(
        &text,
        "其他应主动公开政府信息856条",
        "应主动公开政府信息856条",
    );
    assert_eq!(
        diags(&open, TEXT_SUM).len(),
        0,
        "{:#?}",
        diags(&open, TEXT_SUM)
    );
}

/// pingtan-xzf-2012 line 6: "制作、获取政府信息总数3978条，其中主动公开政府信
/// 息2026条，作为依申请公开信息数46条，不予公开信息数1854条": a known
/// partition adding to 3926. Then "主动公开的政府信息，县直各单位……2475条，占
/// 62.2%。各乡镇……1503条，占37.8%。": a list named after the 主动公开 2026,
/// whole by its shares, adding to 3978. Line 7's nine 主要类别 (1175 of
/// 2026) are an open list.
#[test]
fn a_known_partition_and_a_named_list_miss_their_totals() {
    let doc = real("pingtan-xzf-2012.txt");
    let found = diags(&doc, TEXT_SUM);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|(line, _)| *line == 6));
    let partition = &found[0].1.message;
    assert!(partition.contains("总数为 3978条"), "{partition}");
    assert!(
        partition.contains("2026+46+1854 = 3926条，相差 52"),
        "{partition}"
    );
    assert!(
        partition.contains("主动公开、依申请公开、不予公开构成全部"),
        "{partition}"
    );
    assert_eq!(
        found[1].1.message,
        "正文称总数为 2026条，但其中各项之和为 2475+1503 = 3978条，相差 1952"
    );
}

/// pingtan-szf-2011 line 6: 1873 = 425 + 46 + 1402 (the 1402 without its
/// unit) and 425 = 303 + 122 hold; line 7's nine 主要类别 add to 421 of
/// 425, an open list.
#[test]
fn lists_that_hold_or_are_open_are_silent() {
    let doc = real("pingtan-szf-2011.txt");
    assert_eq!(
        diags(&doc, TEXT_SUM).len(),
        0,
        "{:#?}",
        diags(&doc, TEXT_SUM)
    );
    // The partition is checked, not skipped: a wrong part is reported.
    let text = real_text("pingtan-szf-2011.txt");
    let wrong = edited(&text, "不予公开信息数1402", "不予公开信息数1400");
    let (line, message) = one(&wrong, TEXT_SUM);
    assert_eq!(line, 6);
    assert!(message.contains("425+46+1400 = 1871"), "{message}");
}

/// pingtan-szf-2012 (the excerpt above) line 4: "2012年主动公开政府信息1913
/// 条。其中，区直、县直各单位……1397条，占73%。各乡镇……534条，占27%。": 其中
/// opens the next sentence and the list runs on over a second sentence
/// of the same shape; 1397 + 534 = 1931, more than 1913.
#[test]
fn among_opening_the_next_sentence_and_running_on() {
    let doc = fixture("pingtan-szf-2012-excerpt.txt");
    let (line, message) = one(&doc, TEXT_SUM);
    assert_eq!(line, 4);
    assert_eq!(
        message,
        "正文称总数为 1913条，但其中各项之和为 1397+534 = 1931条，相差 18"
    );
}

/// pingtan-czj-2024 line 24: "全文电子化的主动公开信息数共61条，其中:减税降费5
/// 条，财税金融等政策及解读共1条；财政预算、决算报告共7条；财政资金直达基层12
/// 条；其他文件共51条等。" add to 76; the 2023 report's 22+2+7+9+54 = 94 of
/// 107; the 2025 report's 1+1+5+7+39 = 53 holds.
#[test]
fn a_list_over_semicolons_with_inner_totals() {
    let (line, message) = one(&real("pingtan-czj-2024.txt"), TEXT_SUM);
    assert_eq!(line, 24);
    assert_eq!(
        message,
        "正文称总数为 61条，但其中各项之和为 5+1+7+12+51 = 76条，相差 15"
    );
    let (line, message) = one(&real("pingtan-czj-2023.txt"), TEXT_SUM);
    assert_eq!(line, 24);
    assert!(message.contains("总数为 107条"), "{message}");
    assert!(message.contains("22+2+7+9+54 = 94条，相差 13"), "{message}");
    assert_eq!(diags(&real("pingtan-czj-2025.txt"), TEXT_SUM).len(), 0);
}

/// The czj-2024 list reworded: 其中，; without the inner 共; without 等;
/// moved under another section; each still adds to 76.
#[test]
fn the_semicolon_list_reworded() {
    let text = real_text("pingtan-czj-2024.txt");
    let line = "全文电子化的主动公开信息数共61条，其中:减税降费5条，财税金融等政策及解读共1条；财政预算、决算报告共7条；财政资金直达基层12条；其他文件共51条等。";
    let variants = [
        line.replace("其中:", "其中，"),
        line.replace("共1条", "1条")
            .replace("共7条", "7条")
            .replace("共51条", "51条"),
        line.replace("51条等。", "51条。"),
        line.replace("其中:", "其中")
            .replace("共1条", "1条")
            .replace("等。", "。"),
    ];
    for variant in &variants {
        let doc = edited(&text, line, variant);
        let (at, message) = one(&doc, TEXT_SUM);
        assert_eq!(at, 24, "{variant}");
        assert!(
            message.contains("5+1+7+12+51 = 76条"),
            "{variant}: {message}"
        );
    }
    // Under 一、总体情况 instead of 二 (the line moved up, after line 4).
    let moved: String = {
        let lines: Vec<&str> = text.lines().collect();
        let mut out: Vec<&str> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i == 23 {
                continue;
            }
            out.push(l);
            if i == 3 {
                out.push(lines[23]);
            }
        }
        out.join("\n")
    };
    let doc = support::parse_text(&moved);
    let (at, message) = one(&doc, TEXT_SUM);
    assert_eq!(at, 5);
    assert!(message.contains("= 76条"), "{message}");
}

/// qingshui-xzf-2019 (http://www.tsqs.gov.cn/info/1082/16404.htm, a page
/// the parser cannot split yet; its sentence in the example report):
/// "主动公开政府信息8769条。其中，……2100条，……5469条，……1600余条、……600余
/// 条。" adds to at least 9769. Parts written "余" are lower bounds: a sum
/// short of the total proves nothing.
#[test]
fn parts_written_yu_are_lower_bounds() {
    use nblint_arithmetic::examples::ExampleReport;
    let sentence = "2019年,通过政府门户网站、政务公开栏、档案查询点、广播、电视、短信平台、电子屏、社会活动日、新媒体平台等形式主动公开政府信息8769条。其中,通过市政府网站公开信息2100条,通过县政府门户网站发布政府信息5469条,通过新闻媒体公开信息1600余条、通过其他形式公开信息600余条。";
    let doc = support::parse_text(&ExampleReport::default().overview(sentence).text());
    let (_, message) = one(&doc, TEXT_SUM);
    assert!(
        message.contains("各项之和至少为 2100+5469+1600余+600余 = 9769条，相差 1000"),
        "{message}"
    );
    let short = sentence.replace("5469条", "3469条");
    let doc = support::parse_text(&ExampleReport::default().overview(&short).text());
    assert_eq!(diags(&doc, TEXT_SUM).len(), 0);
}

/// pingtan-czj-2012 and -2022 (平潭综合实验区财政金融局, the same archive;
/// their sentences in the example report). 2012: "其中：财政预决算执行情况9
/// 条；办事程序7条；行政管理2条；……其他应主动公开的信息3条" adds to the 38: 7 +
/// 2 = 9 are siblings of the 9, not its breakdown. 2022 (line 24, verbatim):
/// "共123条，其中:…共8条；…共3条；…共30条；其他文件共35条；工作动态共1条;地方性
/// 法规1条；三公经费信息12条等"
/// has its 其他 item before the end and adds to 90.
#[test]
fn siblings_that_add_up_to_a_part_and_other_before_the_end() {
    use nblint_arithmetic::examples::ExampleReport;
    let holds = "2012年，在主动公开的38条政府信息中，预决算执行情况、政府采购情况、财政评审情况、财政规章制度、办事程序等。其中：财政预决算执行情况9条；办事程序7条；行政管理2条；行政规章13条；机构设置1条；政府采购公告2条；网上竞价及中标通知1条；其他应主动公开的信息3条。";
    let doc = support::parse_text(&ExampleReport::default().overview(holds).text());
    assert_eq!(
        diags(&doc, TEXT_SUM).len(),
        0,
        "{:#?}",
        diags(&doc, TEXT_SUM)
    );
    let short = "2022年，在主动公开的123条政府信息中，全文电子化的主动公开信息数共123条，其中:财税金融等政策及解读共8条；财政预算、决算报告共3条；专项资金使用情况公开共30条；其他文件共35条；工作动态共1条;地方性法规1条；三公经费信息12条等。";
    let doc = support::parse_text(&ExampleReport::default().overview(short).text());
    let (_, message) = one(&doc, TEXT_SUM);
    assert!(
        message.contains("8+3+30+35+1+1+12 = 90条，相差 33（所列各项含“其他”"),
        "{message}"
    );
}

/// "主动公开的政府信息占98.55%" names its count instead of writing it:
/// pingtan-czj-2017 (平潭综合实验区财政金融局, the same archive; its two
/// sentences, verbatim, in the example report): 69 of the 总数 70 is 98.57 %.
/// The 2024 and 2025 reports' "占15.4%" (61/397) and "占11.3%" (53/467)
/// hold.
#[test]
fn a_share_whose_count_is_named_in_the_sentence_before() {
    use nblint_arithmetic::examples::ExampleReport;
    let text = "2017年制作、获取政府信息总数70条，其中主动公开政府信息69条，作为依申请公开信息数1条，不予公开信息数0。主动公开的政府信息占98.55%。";
    let doc = support::parse_text(&ExampleReport::default().overview(text).text());
    let (_, message) = one(&doc, PERCENT);
    assert!(
        message.starts_with(
            "正文称 69 条占比 98.55%，但按前文可能的基数计算均不符：69/70 = 98.57%（上一句）"
        ),
        "{message}"
    );
    for name in ["pingtan-czj-2024.txt", "pingtan-czj-2025.txt"] {
        let doc = real(name);
        assert_eq!(
            diags(&doc, PERCENT).len(),
            0,
            "{name}: {:#?}",
            diags(&doc, PERCENT)
        );
    }
}

/// 上海市人民政府办公厅 2019 (corpus-b's shanghai-szfbgt-2019, from the
/// office's page; its paragraph verbatim in the example report): "答复政府信
/// 息公开申请805件……。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；
/// ……无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。" Three of the
/// four shares are of 805, and the list ends in 其他: 258+35+265+158+0 =
/// 716. Without its 其他 item the list is open and silent.
#[test]
fn a_list_of_shares_closed_by_other_falls_short_of_their_base() {
    use nblint_arithmetic::examples::ExampleReport;
    let text = "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。";
    let doc = support::parse_text(&ExampleReport::default().overview(text).text());
    let (_, message) = one(&doc, TEXT_SUM);
    assert_eq!(
        message,
        "正文称总数为 805件，但其中各项之和为 258+35+265+158+0 = 716件，相差 89（所列各项含“其他”，应为全部构成）"
    );
    let open = text.replace("；其他处理0件。", "。");
    let doc = support::parse_text(&ExampleReport::default().overview(&open).text());
    assert_eq!(
        diags(&doc, TEXT_SUM).len(),
        0,
        "{:#?}",
        diags(&doc, TEXT_SUM)
    );
}

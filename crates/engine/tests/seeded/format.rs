//! Defects for the `format-version` plugin: superseded or misspelled
//! references, tables in the wrong format, a pre-2019 outline, years that
//! disagree.

use super::harness::{At, Edit, Source};
use super::{
    line_end, line_start, replace_in, Case, Expect, JIYUAN, LIXIA, LIXIA_PAIR, NANYANG, YUNCHENG,
};
use nblint_model::TableKind;

const PLUGIN: &str = "format-version";
const REFERENCE: &str = "format-version/reference";
const YEAR: &str = "format-version/year-mismatch";

/// By design: only the title and the statistics period are compared.
const OWN_YEARS: &str = "year-mismatch compares the title year with the statistics period only; this report has no statistics period (or no title), and its own year references (“2020年，…”, “现将我区2022年度…”) are not compared with it";

fn table_anchor(src: &Source, kind: TableKind) -> At {
    let view = src.doc.view();
    let t = view
        .find_table(&view.reports[0], kind)
        .unwrap_or_else(|| panic!("{}: no {} table", src.name, kind.name()));
    let anchor = [t.label, t.header, t.span]
        .into_iter()
        .find(|s| !s.is_empty())
        .expect("span");
    At::Old(anchor.start as usize)
}

/// One replacement of `part` inside the unique `context`, expecting `rule`
/// at the replaced text.
fn one(
    sources: &[Source],
    s: usize,
    kind: &'static str,
    context: &str,
    part: &str,
    new: &str,
    expect: Option<&'static str>,
) -> Case {
    let (edit, at) = replace_in(&sources[s], context, part, new);
    let what = format!("“{context}”: {part} → {new}");
    let expect = match expect {
        Some(rule) => Expect::Found(vec![(rule, At::Old(at))]),
        None => Expect::Benign("the same reference in another accepted spelling"),
    };
    Case::new(s, PLUGIN, kind, what, vec![edit], expect)
}

pub fn cases(sources: &[Source]) -> Vec<Case> {
    let mut out = Vec::new();
    let k = "superseded decree cited";
    out.push(one(
        sources,
        YUNCHENG,
        k,
        "国务院令 第 711 号",
        "711",
        "492",
        Some(REFERENCE),
    ));
    out.push(one(
        sources,
        LIXIA_PAIR,
        k,
        "国务院令711号",
        "711",
        "492",
        Some(REFERENCE),
    ));
    // “（国务院令第492号）” added after the first mention of the 条例.
    for s in [JIYUAN, LIXIA, NANYANG] {
        let src = &sources[s];
        let name = "《中华人民共和国政府信息公开条例》";
        let at = src.text.find(name).expect("条例") + name.len();
        let sentence_start = src.text[..at].rfind(['。', '\n']).map_or(0, |i| i + 1);
        let sentence = &src.text[sentence_start..line_end(&src.text, at)];
        let expect = if s == NANYANG {
            assert!(sentence.contains("修订后的"));
            Expect::None(
                "a sentence that mentions 修订 (here “认真落实修订后的《条例》”) is taken for a historical reference to the old regulations, so 国务院令第492号 in it is not reported",
            )
        } else {
            Expect::Found(vec![(REFERENCE, At::Inserted(0, "（".len()))])
        };
        out.push(Case::new(
            s,
            PLUGIN,
            k,
            format!("“（国务院令第492号）” inserted after the first {name}"),
            vec![Edit::insert(at, "（国务院令第492号）")],
            expect,
        ));
    }
    let k = "format document number misspelled";
    out.push(one(
        sources,
        YUNCHENG,
        k,
        "国办公开办函〔2019〕60 号",
        "国办公开办函",
        "国办政务公开办函",
        Some(REFERENCE),
    ));
    out.push(one(
        sources,
        LIXIA,
        k,
        "国办公开办函〔2021〕30号",
        "国办公开办函",
        "国办政务公开办函",
        Some(REFERENCE),
    ));
    out.push(one(
        sources,
        LIXIA,
        k,
        "国办公开办函〔2021〕30号",
        "〔2021〕",
        "2021",
        Some(REFERENCE),
    ));
    out.push(one(
        sources,
        LIXIA,
        k,
        "国办公开办函〔2021〕30号",
        "〔2021〕",
        "[2021]",
        None,
    ));

    // 2021 headers in a 2019-format (2020) report, or 2019 headers in a
    // 2022 report: the report mixes formats (the odd table is reported).
    let k = "table headers of the other format";
    for (s, old, new) in [
        (
            JIYUAN,
            "本年新制作数量\t本年新公开数量\t对外公开总数量",
            "本年制发件数\t本年废止件数\t现行有效件数",
        ),
        (
            YUNCHENG,
            "本年新制作数量\t本年新公开数量\t对外公开总数量",
            "本年制发件数\t本年废止件数\t现行有效件数",
        ),
        (
            LIXIA,
            "本年制发件数 | 本年废止件数 | 现行有效件数",
            "本年新制作数量 | 本年新公开数量 | 对外公开总数量",
        ),
    ] {
        let (edit, _) = replace_in(&sources[s], old, old, new);
        out.push(Case::new(
            s,
            PLUGIN,
            k,
            format!("第二十条第（一）项 headers “{old}” → “{new}”"),
            vec![edit],
            Expect::Found(vec![(
                "format-version/mixed",
                table_anchor(&sources[s], TableKind::ART20_1),
            )]),
        ));
    }
    {
        // nanyang, one cell per line.
        let src = &sources[NANYANG];
        let edits = [
            ("本年新\n制作数量", "本年制发\n件数"),
            ("本年新\n公开数量", "本年废止\n件数"),
            ("对外公开总数量", "现行有效件数"),
        ]
        .iter()
        .map(|(old, new)| replace_in(src, old, old, new).0)
        .collect();
        out.push(Case::new(
            NANYANG,
            PLUGIN,
            k,
            "第二十条第（一）项 headers → 本年制发件数 / 本年废止件数 / 现行有效件数",
            edits,
            Expect::Found(vec![(
                "format-version/mixed",
                table_anchor(src, TableKind::ART20_1),
            )]),
        ));
    }
    out.push(lixia_in_2019_format(&sources[LIXIA]));

    // A pre-2019 part appended after 六 (numbered 七).
    let k = "pre-2019 heading inserted";
    for s in [JIYUAN, YUNCHENG, LIXIA] {
        let src = &sources[s];
        let sep = if src.text.ends_with('\n') { "" } else { "\n" };
        let heading = "七、政府信息公开的收费及减免情况";
        out.push(Case::new(
            s,
            PLUGIN,
            k,
            format!("“{heading}” appended after 六"),
            vec![Edit::insert(
                src.text.len(),
                format!("{sep}{heading}\n本年度未收取任何费用。\n"),
            )],
            Expect::Found(vec![(
                "format-version/outdated-structure",
                At::Inserted(0, sep.len()),
            )]),
        ));
    }
    // 一、总体情况 renamed to the old outline's 一、概述: an old outline
    // part, and a deviating title of 一.
    for s in [JIYUAN, YUNCHENG, NANYANG, LIXIA] {
        let src = &sources[s];
        let (edit, at) = replace_in(src, "一、总体情况", "总体情况", "概述");
        let at = At::Old(line_start(&src.text, at));
        out.push(Case::new(
            s,
            PLUGIN,
            k,
            "“一、总体情况” → “一、概述”",
            vec![edit],
            Expect::Found(vec![
                ("format-version/outdated-structure", at),
                ("sections/title", at),
            ]),
        ));
    }

    // Years.
    let k = "title or period year changed";
    let title_year = |s: usize, context: &str, old: &str, new: &str| {
        let (edit, at) = replace_in(&sources[s], context, old, new);
        (edit, At::Old(at))
    };
    let (edit, at) = title_year(
        YUNCHENG,
        "运城市人民政府办公室 2020 年政府信息公开工作 年度",
        "2020",
        "2019",
    );
    out.push(Case::new(
        YUNCHENG,
        PLUGIN,
        k,
        "title year 2020 → 2019 (“统计时限为 2020 年 1 月 1 日至 2020 年 12 月 31 日”)",
        vec![edit],
        Expect::Found(vec![(YEAR, at)]),
    ));
    let (edit, _) = title_year(
        JIYUAN,
        "济源市人民政府办公室2020年政府信息公开工作年度报告",
        "2020",
        "2019",
    );
    out.push(Case::new(
        JIYUAN,
        PLUGIN,
        k,
        "title year 2020 → 2019 (no 统计期限; the text says 2020年 throughout)",
        vec![edit],
        Expect::None(OWN_YEARS),
    ));
    let (edit, _) = title_year(
        NANYANG,
        "南阳市人民政府办公室2019年政府信息公开工作年度报告",
        "2019",
        "2020",
    );
    out.push(Case::new(
        NANYANG,
        PLUGIN,
        k,
        "title year 2019 → 2020 (no 统计期限; the text says 2019年 throughout)",
        vec![edit],
        Expect::None(OWN_YEARS),
    ));
    let (edit, at) = title_year(YUNCHENG, "至 2020 年 12 月 31 日", "2020", "2021");
    out.push(Case::new(
        YUNCHENG,
        PLUGIN,
        k,
        "统计时限 end year 2020 → 2021",
        vec![edit],
        Expect::Found(vec![(YEAR, at)]),
    ));
    let (edit, at) = title_year(LIXIA, "至2022年12月31日", "2022", "2023");
    out.push(Case::new(
        LIXIA,
        PLUGIN,
        k,
        "统计期限 end year 2022 → 2023",
        vec![edit],
        Expect::Found(vec![(YEAR, at)]),
    ));
    let src = &sources[LIXIA];
    let period = "统计期限为2022年1月1日至2022年12月31日";
    let at = src.find(period);
    out.push(Case::new(
        LIXIA,
        PLUGIN,
        k,
        "统计期限 2022 → 2021 (no title; “现将我区2022年度政府信息公开工作进行总结报告”)",
        vec![Edit::replace(
            at,
            at + period.len(),
            "统计期限为2021年1月1日至2021年12月31日",
        )],
        Expect::None(OWN_YEARS),
    ));
    out
}

/// The lixia 2022 report's tables rewritten in the 2019 format (the data
/// mapped where it maps; （六）其他处理 merged into one row).
fn lixia_in_2019_format(src: &Source) -> Case {
    let header19 = "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |";
    let mut edits = Vec::new();
    let mut sub = |old: &str, new: &str| {
        let (e, _) = replace_in(src, old, old, new);
        edits.push(e);
    };
    sub(
        "本年制发件数 | 本年废止件数 | 现行有效件数",
        "本年新制作数量 | 本年新公开数量 | 对外公开总数量",
    );
    sub("行政规范性文件 | 3 | 3 | 10 |", "规范性文件 | 3 | 3 | 10 |");
    sub(
        "第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 71866 | ||",
        &format!("第二十条第(五)项 | |||\n{header19}\n行政许可 | 0 | 0 | 71866 |\n其他对外管理服务事项 | 0 | 0 | 0 |"),
    );
    sub(
        "第二十条第(六)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政处罚 | 1451 | ||\n行政强制 | 43 | ||",
        &format!("第二十条第(六)项 | |||\n{header19}\n行政处罚 | 0 | 0 | 1451 |\n行政强制 | 0 | 0 | 43 |"),
    );
    sub(
        "信息内容 | 本年收费金额(单位:万元) | ||\n行政事业性收费 | 11609.06 |",
        "信息内容 | 上一年项目数量 | 本年增/减 |\n行政事业性收费 | 0 | 0 |\n第二十条第(九)项 | |||\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 0 | 0 |",
    );
    let other = src.find("(六)其他处理 | 1.");
    let end = src.find("(七)总计 | 217");
    edits.push(Edit::replace(
        other,
        end,
        "(六)其他处理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | |\n",
    ));
    Case::new(
        LIXIA,
        PLUGIN,
        "2021 tables swapped for 2019 ones",
        "every table of the 2022 report in the 2019 format (第二十条 headers and rows, item (九) added, a single （六）其他处理 row)",
        edits,
        Expect::Found(vec![(
            "format-version/outdated-table",
            table_anchor(src, TableKind::ART20_1),
        )]),
    )
}

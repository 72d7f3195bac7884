//! Defects for the `arithmetic` plugin.
//!
//! Table cells: every readable cell of every clean 三 and 四 table is
//! raised by one, one cell per case. The expected rules are those whose
//! identity involves that cell and can be evaluated, i.e. all the cells of
//! the identity are readable numbers in the clean table:
//! - `arithmetic/row-total` (the cell's row, reported at the row's 总计
//!   cell) when the whole row is readable;
//! - `arithmetic/result-total` (the cell's column, at （七）总计) when the
//!   cell is a result row or （七）总计 and the whole result column is
//!   readable;
//! - `arithmetic/balance` (the cell's column, at （七）总计) when the cell
//!   is in row 一, 二, （七）总计 or 四 and those four are readable;
//! - `arithmetic/text-table` (at the prose figure) when the cell is a 总计
//!   cell the report's prose restates (listed per report below);
//! - `arithmetic/review-total` (the cell's group, at its 总计) for 四.
//!
//! A cell none of whose identities can be evaluated (the nanyang table
//! leaves zero cells blank) is `expect: none`. Prose: restated figures,
//! percentages, year-on-year changes and 其中 breakdowns changed; carry-over
//! between the lixia 2021 and 2022 reports.

use super::harness::{At, Edit, Source};
use super::{replace_in, Case, Expect, CLEAN, LIXIA, LIXIA_PAIR, MINHE, NANYANG, YUNCHENG};
use nblint_model::schema::{applications as app, review};
use nblint_model::{Cell, Confidence, DocumentView, FormatVersion, Table, TableKind};

const PLUGIN: &str = "arithmetic";
const ROW_TOTAL_ID: &str = "arithmetic/row-total";
const RESULT_TOTAL: &str = "arithmetic/result-total";
const BALANCE: &str = "arithmetic/balance";
const TEXT_TABLE: &str = "arithmetic/text-table";
const PERCENT: &str = "arithmetic/percent";

/// Which 总计 cells of 三 a report's prose restates, with the text of the
/// figure (unique in the report) that restates it.
fn restated(source: usize) -> &'static [(u16, &'static str)] {
    match source {
        // “2020 年，共受理依申请公开 14 件。”
        YUNCHENG => &[(app::ROW_NEW, "共受理依申请公开 14 件")],
        // “共受理、办结市政府、市政府办信息公开申请76件”
        NANYANG => &[(app::ROW_NEW, "信息公开申请76件")],
        LIXIA => &[
            (app::ROW_NEW, "收到政府信息公开申请215件"),
            (app::ROW_CARRIED, "结转上年12件"),
            (app::ROW_PUBLIC, "予以公开137件"),
            (app::ROW_PARTIAL, "部分公开20件"),
            (app::ROW_CARRY_FORWARD, "结转下年8件"),
        ],
        // jiyuan: “共办理依申请公开6件” (see `prose_cases`).
        _ => &[],
    }
}

pub fn cases(sources: &[Source]) -> Vec<Case> {
    let mut out = Vec::new();
    for &s in &CLEAN {
        out.extend(application_cells(s, &sources[s]));
        out.extend(review_cells(s, &sources[s]));
    }
    out.extend(prose_cases(sources));
    out.extend(carry_over_cases(&sources[LIXIA_PAIR]));
    out
}

fn only_table<'a>(src: &'a Source, kind: TableKind) -> (DocumentView<'a>, &'a Table) {
    let view = src.doc.view();
    assert_eq!(view.reports.len(), 1, "{}: one report expected", src.name);
    let t = view
        .find_table(&view.reports[0], kind)
        .unwrap_or_else(|| panic!("{}: no {} table", src.name, kind.name()));
    assert_eq!(
        t.confidence,
        Confidence::FULL,
        "{}: the clean {} table is not read in full",
        src.name,
        kind.name()
    );
    (view, t)
}

fn plus_one(c: &Cell) -> (Edit, String) {
    let new = format!("{}", c.value as i64 + 1);
    (
        Edit::replace(c.span.start as usize, c.span.end as usize, new.clone()),
        new,
    )
}

fn application_cells(s: usize, src: &Source) -> Vec<Case> {
    let (view, t) = only_table(src, TableKind::APPLICATIONS);
    let cell = |r: u16, c: u16| view.find_cell(t, r, c);
    let num = |r: u16, c: u16| cell(r, c).and_then(Cell::number);
    let at = |r: u16, c: u16| At::Old(cell(r, c).expect("cell").span.start as usize);
    let mut results: Vec<u16> = vec![app::ROW_PUBLIC, app::ROW_PARTIAL];
    results.extend((1..=8).map(|n| app::ROW_DENY_BASE + n));
    results.extend((1..=3).map(|n| app::ROW_UNABLE_BASE + n));
    results.extend((1..=5).map(|n| app::ROW_NOT_PROCESSED_BASE + n));
    if t.format == FormatVersion::V2021 {
        results.extend((1..=3).map(|n| app::ROW_OTHER_BASE + n));
    } else {
        results.push(app::ROW_OTHER);
    }
    for r in &results {
        assert!(
            view.find_row(t, *r).is_some(),
            "{}: 三 has no row {}",
            src.name,
            app::row_label(*r)
        );
    }
    let balance_rows = [
        app::ROW_NEW,
        app::ROW_CARRIED,
        app::ROW_TOTAL,
        app::ROW_CARRY_FORWARD,
    ];
    let mut out = Vec::new();
    for row in view.table_rows(t) {
        for c in view.row_cells(row) {
            if c.number().is_none() {
                continue;
            }
            let (r, col) = (c.row_key, c.col_key);
            let mut expect = Vec::new();
            if app::COLUMNS.iter().all(|k| num(r, *k).is_some()) {
                expect.push((ROW_TOTAL_ID, at(r, app::COL_TOTAL)));
            }
            let in_results = results.contains(&r) || r == app::ROW_TOTAL;
            if in_results
                && results
                    .iter()
                    .chain([app::ROW_TOTAL].iter())
                    .all(|k| num(*k, col).is_some())
            {
                expect.push((RESULT_TOTAL, at(app::ROW_TOTAL, col)));
            }
            if balance_rows.contains(&r) && balance_rows.iter().all(|k| num(*k, col).is_some()) {
                expect.push((BALANCE, at(app::ROW_TOTAL, col)));
            }
            if col == app::COL_TOTAL {
                if let Some((_, needle)) = restated(s).iter().find(|(k, _)| *k == r) {
                    expect.push((TEXT_TABLE, At::Old(src.find(needle))));
                }
            }
            let (edit, new) = plus_one(c);
            let what = format!(
                "三 {}·{} {} → {new}",
                app::row_label(r),
                app::col_label(col),
                view.slice(c.span)
            );
            // lixia's 占比 claims (137 件占比约60% …) keep holding when
            // 一·总计 changes: their base is the paragraph's own 215 + 12.
            let expect = if expect.is_empty() {
                Expect::None(
                    "every identity with this cell also involves a blank cell (this one-cell-per-line table leaves its zero cells blank; arithmetic/cell-value already warns about them), so none can be evaluated",
                )
            } else {
                Expect::Found(expect)
            };
            let kind = if r == app::ROW_TOTAL || col == app::COL_TOTAL {
                "三 总计 cell +1"
            } else {
                "三 table cell +1"
            };
            out.push(Case::new(s, PLUGIN, kind, what, vec![edit], expect));
        }
    }
    out
}

fn review_cells(s: usize, src: &Source) -> Vec<Case> {
    let (view, t) = only_table(src, TableKind::REVIEW);
    let cell = |c: u16| view.find_cell(t, review::ROW_DATA, c);
    let mut out = Vec::new();
    for group in 0..3u16 {
        let cols: Vec<u16> = (0..5).map(|p| review::col(group, p)).collect();
        let readable = cols
            .iter()
            .all(|c| cell(*c).and_then(Cell::number).is_some());
        assert!(readable, "{}: 四 group {group} is not readable", src.name);
        let total = cell(review::col(group, review::PART_TOTAL)).expect("total");
        for c in &cols {
            let c = cell(*c).expect("cell");
            let (edit, new) = plus_one(c);
            out.push(Case::new(
                s,
                PLUGIN,
                "四 table cell +1",
                format!(
                    "四 {} {} → {new}",
                    review::col_label(c.col_key),
                    view.slice(c.span)
                ),
                vec![edit],
                Expect::Found(vec![(
                    "arithmetic/review-total",
                    At::Old(total.span.start as usize),
                )]),
            ));
        }
    }
    out
}

/// A prose figure changed: `part` inside the unique `context`.
fn prose(
    src: &Source,
    s: usize,
    kind: &'static str,
    context: &str,
    part: &str,
    new: &str,
    expect: &[&'static str],
) -> Case {
    let (edit, at) = replace_in(src, context, part, new);
    let expect = expect.iter().map(|r| (*r, At::Old(at))).collect();
    Case::new(
        s,
        PLUGIN,
        kind,
        format!("prose “{context}”: {part} → {new}"),
        vec![edit],
        Expect::Found(expect),
    )
}

fn prose_cases(sources: &[Source]) -> Vec<Case> {
    let mut out = Vec::new();
    let lixia = &sources[LIXIA];
    // Line 9 of the 2022 report: “收到政府信息公开申请215件,结转上年12件 …
    // 其中予以公开137件,占比约60%;部分公开20件,占比约8%;不同意公开15件,
    // 占比约6%;不属于本行政机关44件,占比约19%;申请信息不存在3件,占比约1%;
    // 不予办理0件;结转下年8件,占比约3%。” The shares hold against
    // 一 + 二 = 227 (the author's base) within 约's one point.
    let k = "prose figure restating 三 changed";
    // 215 is also part of the shares' stated base: against 216 + 12 = 228
    // (the paragraph's own new + carried-over figures) 137 is 60.1 %,
    // 20 is 8.8 %, 44 is 19.3 % …: every 约 share still holds, so only
    // the restated table cell is reported.
    out.push(prose(
        lixia,
        LIXIA,
        k,
        "收到政府信息公开申请215件",
        "215",
        "216",
        &[TEXT_TABLE],
    ));
    out.push(prose(
        lixia,
        LIXIA,
        k,
        "结转上年12件",
        "12",
        "13",
        &[TEXT_TABLE],
    ));
    // 138/227 = 60.8 %: still 约60 %.
    out.push(prose(
        lixia,
        LIXIA,
        k,
        "予以公开137件",
        "137",
        "138",
        &[TEXT_TABLE],
    ));
    // 21/227 = 9.3 %: not 约8 % any more.
    out.push(prose(
        lixia,
        LIXIA,
        k,
        "部分公开20件",
        "20",
        "21",
        &[TEXT_TABLE, PERCENT],
    ));
    // 9/227 = 4.0 %: still 约3 % within one point.
    out.push(prose(
        lixia,
        LIXIA,
        k,
        "结转下年8件",
        "8",
        "9",
        &[TEXT_TABLE],
    ));
    out.push(prose(
        &sources[YUNCHENG],
        YUNCHENG,
        k,
        "共受理依申请公开 14 件",
        "14",
        "15",
        &[TEXT_TABLE],
    ));
    out.push(prose(
        &sources[NANYANG],
        NANYANG,
        k,
        "信息公开申请76件",
        "76",
        "77",
        &[TEXT_TABLE],
    ));
    {
        let src = &sources[NANYANG];
        let (edit, _) = replace_in(src, "被提起行政复议起数仅1件", "1", "2");
        out.push(Case::new(
            NANYANG,
            PLUGIN,
            k,
            "prose “被提起行政复议起数仅1件”: 1 → 2 (四 says 行政复议·总计 1)",
            vec![edit],
            Expect::None(
                "text-table recognises a review count only right after 行政复议(案件)(共计|共|合计); “被提起行政复议起数仅1件” is not read as restating 行政复议·总计",
            ),
        ));
        let src = &sources[super::JIYUAN];
        let (edit, _) = replace_in(src, "共办理依申请公开6件", "6", "7");
        out.push(Case::new(
            super::JIYUAN,
            PLUGIN,
            k,
            "prose “共办理依申请公开6件”: 6 → 7 (三 says 一 6, （七）总计 6)",
            vec![edit],
            Expect::None(
                "text-table has patterns for 收到/受理/新收 申请, 予以公开, 部分公开, 上年结转, 结转下年 and 行政复议 only; a count of applications 办理 (handled) is not compared with the table",
            ),
        ));
    }

    // Shares: each 占比约p% raised by ten points.
    for (context, p, new) in [
        ("占比约60%", "60", "70"),
        ("占比约8%", "8", "18"),
        ("占比约6%", "6", "16"),
        ("占比约19%", "19", "29"),
        ("占比约1%", "1", "11"),
        ("占比约3%", "3", "13"),
    ] {
        out.push(prose(
            lixia,
            LIXIA,
            "percentage changed",
            context,
            p,
            new,
            &[PERCENT],
        ));
    }
    // 15/227 = 6.6 %; 25/227 = 11 %: the share no longer holds.
    let mut c = prose(
        lixia,
        LIXIA,
        "percentage changed",
        "不同意公开15件",
        "15",
        "25",
        &[PERCENT],
    );
    c.what.push_str(
        " (text-table does not compare 不同意公开 with Σ（三）不予公开 = 15; only the share is checked)",
    );
    out.push(c);
    // Year-on-year: 2022 received 215, 2021 received 341: 减少了126件.
    out.push(prose(
        &sources[LIXIA_PAIR],
        LIXIA_PAIR,
        "percentage changed",
        "同比去年减少了126件",
        "126",
        "127",
        &[PERCENT],
    ));

    // 其中 breakdowns (minhe's prose, which adds up): “累计公开政府信息
    // 4252条 … 其中县政府公开 3445条,县政府各部门及各乡镇人民政府公 开
    // 807条”. text-sum reports at the total.
    let minhe = &sources[MINHE];
    let total = minhe.find("4252条");
    for (context, part, new) in [
        ("县政府公开 3445条", "3445", "3446"),
        ("807条", "807", "806"),
    ] {
        let (edit, _) = replace_in(minhe, context, part, new);
        out.push(Case::new(
            MINHE,
            PLUGIN,
            "其中 figure in prose changed",
            format!("prose “{context}”: {part} → {new} (total 4252)"),
            vec![edit],
            Expect::Found(vec![("arithmetic/text-sum", At::Old(total))]),
        ));
    }
    let (edit, _) = replace_in(minhe, "4252条", "4252", "4253");
    out.push(Case::new(
        MINHE,
        PLUGIN,
        "其中 figure in prose changed",
        "prose “累计公开政府信息 4252条”: 4252 → 4253 (parts 3445 + 807)",
        vec![edit],
        Expect::Found(vec![("arithmetic/text-sum", At::Old(total))]),
    ));
    let (edit, _) = replace_in(minhe, "807条", "807", "907");
    out.push(Case::new(
        MINHE,
        PLUGIN,
        "其中 figure in prose changed",
        "prose “807条”: 807 → 907 (parts now 4352, total 4252)",
        vec![edit],
        // Parts that add up to more than their total cannot be a partial
        // breakdown: the sum is wrong however far it is off.
        Expect::Found(vec![("arithmetic/text-sum", At::Old(total))]),
    ));
    let (edit, _) = replace_in(minhe, "3103 家", "3103", "3104");
    out.push(Case::new(
        MINHE,
        PLUGIN,
        "其中 figure in prose changed",
        "prose “市场主体达 24423 户 … 其中企业 3103 家、农民专业合作社 1537 家、个体工商户 19783 户”: 3103 → 3104",
        vec![edit],
        Expect::None(
            "text-sum adds only the parts counted in the total's unit (户); 3103 家 and 1537 家 are left out, so one part remains and the breakdown is not checked",
        ),
    ));
    out
}

/// Carry-over between the lixia 2022 report (上年结转 12 0 0 0 0 0 | 12)
/// and its 2021 report (结转下年度继续办理 12 0 0 0 0 0 | 12). Each change
/// keeps both reports internally consistent (rows, columns and balance),
/// so only carry-over (at 2022's 二 row) and, where a 总计 the prose
/// restates changes, text-table may fire.
fn carry_over_cases(src: &Source) -> Vec<Case> {
    let view = src.doc.view();
    assert_eq!(view.reports.len(), 2, "{}: two reports expected", src.name);
    let by_year = |y: u16| {
        view.reports
            .iter()
            .find(|r| r.year == y)
            .unwrap_or_else(|| panic!("{}: no {y} report", src.name))
    };
    let (r2022, r2021) = (by_year(2022), by_year(2021));
    let t2022 = view
        .find_table(r2022, TableKind::APPLICATIONS)
        .expect("2022 三");
    let t2021 = view
        .find_table(r2021, TableKind::APPLICATIONS)
        .expect("2021 三");
    let cell = |t: &Table, r: u16, c: u16| *view.find_cell(t, r, c).expect("cell");
    let set = |t: &Table, r: u16, c: u16, delta: i64| {
        let x = cell(t, r, c);
        Edit::replace(
            x.span.start as usize,
            x.span.end as usize,
            format!("{}", x.value as i64 + delta),
        )
    };
    let carried_line = |c: u16| At::Old(cell(t2022, app::ROW_CARRIED, c).span.start as usize);
    let kind = "上年结转 ≠ last year's 结转";
    let mut out = Vec::new();
    // 2022: move one carried-over application from 自然人 to another
    // column, in 二 and in 四 (so 2022 balances and its totals hold).
    for col in [
        app::COL_COMMERCIAL,
        app::COL_RESEARCH,
        app::COL_WELFARE,
        app::COL_LEGAL,
        app::COL_OTHER_ORG,
    ] {
        let mut edits = vec![
            set(t2022, app::ROW_CARRIED, app::COL_NATURAL, -1),
            set(t2022, app::ROW_CARRIED, col, 1),
            set(t2022, app::ROW_CARRY_FORWARD, app::COL_NATURAL, -1),
            set(t2022, app::ROW_CARRY_FORWARD, col, 1),
        ];
        edits.sort_by_key(|e| e.start);
        out.push(Case::new(
            LIXIA_PAIR,
            PLUGIN,
            kind,
            format!(
                "2022 二 and 四: one application moved from 自然人 to {}",
                app::col_label(col)
            ),
            edits,
            Expect::Found(vec![(
                "arithmetic/carry-over",
                carried_line(app::COL_NATURAL),
            )]),
        ));
    }
    // 2022: one more carried over (二 自然人 and 总计), one more carried
    // forward (四 自然人 and 总计): the prose's 结转上年12件 and 结转下年8件
    // no longer match either.
    let mut edits = vec![
        set(t2022, app::ROW_CARRIED, app::COL_NATURAL, 1),
        set(t2022, app::ROW_CARRIED, app::COL_TOTAL, 1),
        set(t2022, app::ROW_CARRY_FORWARD, app::COL_NATURAL, 1),
        set(t2022, app::ROW_CARRY_FORWARD, app::COL_TOTAL, 1),
    ];
    edits.sort_by_key(|e| e.start);
    out.push(Case::new(
        LIXIA_PAIR,
        PLUGIN,
        kind,
        "2022 二 and 四: 自然人 and 总计 +1 (12 → 13, 8 → 9)",
        edits,
        Expect::Found(vec![
            ("arithmetic/carry-over", carried_line(app::COL_NATURAL)),
            (TEXT_TABLE, At::Old(src.find("结转上年12件"))),
        ]),
    ));
    // 2021: one application carried forward as 其他 instead of 自然人 (and
    // handled as 自然人 instead of 其他 in （六）3 and （七）总计).
    let row_other3 = app::ROW_OTHER_BASE + 3;
    let mut edits = vec![
        set(t2021, row_other3, app::COL_NATURAL, 1),
        set(t2021, row_other3, app::COL_OTHER_ORG, -1),
        set(t2021, app::ROW_TOTAL, app::COL_NATURAL, 1),
        set(t2021, app::ROW_TOTAL, app::COL_OTHER_ORG, -1),
        set(t2021, app::ROW_CARRY_FORWARD, app::COL_NATURAL, -1),
        set(t2021, app::ROW_CARRY_FORWARD, app::COL_OTHER_ORG, 1),
    ];
    edits.sort_by_key(|e| e.start);
    out.push(Case::new(
        LIXIA_PAIR,
        PLUGIN,
        kind,
        "2021 四: one application moved from 自然人 to 其他 (and back in （六）3, （七）总计)",
        edits,
        Expect::Found(vec![(
            "arithmetic/carry-over",
            carried_line(app::COL_NATURAL),
        )]),
    ));
    out
}

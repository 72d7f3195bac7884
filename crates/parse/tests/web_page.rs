//! A real government web page whose article has no title line: the
//! title, agency and year stand only in the page chrome (<title>, meta
//! ArticleTitle, the article_title div, the 来源 line).
//!
//! The pages are corpus/real/*.html (their sources in the .expected.toml
//! beside them): pingtan-szf-2024-html.html is the archived page.html of
//! https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm.

use nblint_model::Source;
use nblint_parse::{parse_bytes, ParseOptions, ParsedFile};
use std::path::PathBuf;

fn page() -> ParsedFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real/pingtan-szf-2024-html.html");
    let bytes = std::fs::read(&path).unwrap();
    parse_bytes(Some(&path), &bytes, &ParseOptions::default()).unwrap()
}

fn file_line(p: &ParsedFile, offset: u32) -> usize {
    let src = p.source.as_deref().unwrap();
    src[..p.source_map.to_source(offset) as usize]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn title_agency_and_year_come_from_the_page_chrome() {
    let p = page();
    assert_eq!(p.doc.reports.len(), 1);
    let r = &p.doc.reports[0];
    let v = p.doc.view();
    // The article_title div (file line 295) is the report's title.
    assert_eq!(
        v.slice(r.title),
        "平潭综合实验区2024年度政府信息公开工作年度报告"
    );
    assert_eq!(file_line(&p, r.title.start), 295);
    assert_eq!((r.year, r.year_source), (2024, Source::TITLE));
    assert_eq!(
        (v.agency(r), r.agency_source),
        ("平潭综合实验区", Source::TITLE)
    );
}

#[test]
fn the_head_names_the_article_and_its_publisher() {
    let p = page();
    assert_eq!(p.doc.reports.len(), 1, "the page holds one report");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real/pingtan-szf-2024-html.html");
    let input = nblint_parse::input::read(Some(&path), &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        input.page.title.as_deref(),
        Some("平潭综合实验区2024年度政府信息公开工作年度报告")
    );
    assert_eq!(
        input.page.source.as_deref(),
        Some("平潭综合实验区管委会办公室")
    );
}

fn corpus_page(name: &str) -> ParsedFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    parse_bytes(Some(&path), &bytes, &ParseOptions::default()).unwrap()
}

/// corpus/real/pingtan-htp-2025-html.html: the article (file line 355) has
/// no title; the page's article_title div names the 海坛片区 office.
#[test]
fn a_township_page_takes_its_title_from_the_chrome() {
    let p = corpus_page("pingtan-htp-2025-html.html");
    let r = &p.doc.reports[0];
    let v = p.doc.view();
    assert_eq!(
        v.slice(r.title),
        "平潭综合实验区海坛片区管理局2025年度政府信息公开工作年度报告"
    );
    assert_eq!(
        (r.year, v.agency(r)),
        (2025, "平潭综合实验区海坛片区管理局")
    );
}

/// corpus/real/shanghai-szfbgt-2019.html: "2019年上海市人民政府办公厅政府
/// 信息公开工作年度报告" names the agency after the year.
#[test]
fn an_agency_named_after_the_year() {
    let p = corpus_page("shanghai-szfbgt-2019.html");
    let r = &p.doc.reports[0];
    assert_eq!(
        (r.year, p.doc.view().agency(r)),
        (2019, "上海市人民政府办公厅")
    );
    assert_eq!(r.agency_source, Source::TITLE);
}
